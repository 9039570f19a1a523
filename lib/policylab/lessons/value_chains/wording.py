"""How the lesson's translated templates are filled: the country's name, its possessive in
English, ranks, and the few figures the lesson writes with fixed decimals.

A template names the lesson's country ``{country}`` and writes the English possessive as
``{country}'s``; French and Spanish translations use ``{country.du}``, ``de {country}``.
In English :func:`say` writes that possessive as ``text.possessive`` does ("Kenya's", "the
Philippines'", "The Philippines'" at the start of a sentence), so the English pages read
exactly as before.
"""

from __future__ import annotations

from policylab.i18n.language import is_source_language
from policylab.i18n.names import CountryName, inflectable
from policylab.i18n.numbers import localise_digits, number_style
from policylab.text import MINUS, possessive, with_unit

_OWNER = "{country}'s"


def country(lesson) -> CountryName:
    """The lesson's country as a name a French template can inflect (``{country.du}``)."""
    name = lesson.name
    return name if isinstance(name, CountryName) else inflectable(lesson.country, str(name))


def country_fields(lesson, template: str) -> tuple[str, dict[str, object]]:
    """``template`` ready to be filled and the fields that name the lesson's country:
    ``country``, and in English ``owner`` / ``owner_start`` in place of ``{country}'s``."""
    name = country(lesson)
    fields: dict[str, object] = {"country": name}
    if is_source_language():
        if template.startswith(_OWNER):
            template = "{owner_start}" + template[len(_OWNER):]
        template = template.replace(_OWNER, "{owner}")
        fields.update(owner=possessive(name), owner_start=possessive(name, start=True))
    return template, fields


def say(lesson, template: str, **fields: object) -> str:
    """``template`` (already translated) filled with ``fields`` and ``country``, the lesson's
    country; in English ``{country}'s`` is the name's possessive."""
    template, named = country_fields(lesson, template)
    return template.format(**named, **fields)


def fixed(value: float, places: int, unit: str | None = None) -> str:
    """``value`` with exactly ``places`` decimals as Python writes it in English ("0.88",
    "-0.29"; the English pages always wrote these so), in French and Spanish with the
    language's marks ("0,88", "−0,29"), ``unit`` attached as the text layer does."""
    text = f"{float(value):.{places}f}"
    if not is_source_language():
        negative = text.startswith("-")
        text = localise_digits(text.lstrip("-"), number_style())
        text = f"{MINUS}{text}" if negative else text
    return with_unit(text, unit)


def plain(value: float) -> str:
    """A number as Python's ``:g`` writes it ("25", "12.5"), with the language's decimal
    mark."""
    text = f"{float(value):g}"
    return text if is_source_language() else text.replace(".", number_style().decimal)
