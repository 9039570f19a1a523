"""The words that join a list ("and", "or") in the current language.

The conjunctions are CLDR's (Babel's list patterns: French "et"/"ou", Spanish "y"/"o"),
so they are not kept in a catalogue. CLDR has no rule for Spanish's change of "y" to "e"
before an /i/ sound and of "o" to "u" before an /o/ sound ("España e Italia", "siete u
ocho"), which readers notice at once, so that rule is applied here.
"""

from __future__ import annotations

import functools
import re

from policylab.i18n.language import language_or_current

# "e" before Italia, Hispania; not before hielo, Hialeah (a diphthong, not an /i/ sound)
_SPANISH_E = re.compile(r"^h?[ií](?![aáeéoóuú])", re.IGNORECASE)
_SPANISH_U = re.compile(r"^h?[oó]", re.IGNORECASE)  # Omán, Honduras


def list_conjunction(kind: str, last_item: str, language: str | None = None) -> str:
    """The conjunction (``kind`` "and" or "or") before ``last_item`` in the language."""
    word = _cldr_conjunction(language_or_current(language), kind)
    if language_or_current(language) == "es":
        if word == "y" and _SPANISH_E.match(last_item):
            return "e"
        if word == "o" and _SPANISH_U.match(last_item):
            return "u"
    return word


@functools.cache
def _cldr_conjunction(language: str, kind: str) -> str:
    from babel import Locale

    style = "standard" if kind == "and" else "or"
    pattern = Locale.parse(language).list_patterns[style]["end"]  # "{0} et {1}"
    return pattern.replace("{0}", "").replace("{1}", "").strip(" ,")
