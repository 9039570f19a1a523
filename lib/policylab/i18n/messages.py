"""gettext for the library's own strings: ``_()``, ``ngettext``, ``pgettext``, ``N_``.

Every function looks the current language up at call time, so one process can write
English and French pages, and a module-level constant must be marked with ``N_`` (kept
English, found by ``extract``) and translated where it is shown: ``_(LABEL)``.

Write whole sentences with named fields, ``_("{country}'s MVA grew by {rate}").format(...)``,
never sentences glued from translated pieces: French and Spanish need their own word order
and agreement. Plurals go through ``ngettext`` (the count decides the form by each
language's rule), and a short word whose meaning depends on where it is shown gets a
context with ``pgettext("chart axis", "Share")``. English returns the source text untouched
without loading any catalogue.
"""

from __future__ import annotations

from policylab.i18n.catalogues import LIBRARY_DOMAIN, translations
from policylab.i18n.language import SOURCE_LANGUAGE, current_language


def gettext(message: str) -> str:
    """``message`` in the current language (the English source if not translated)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return message
    return translations(language, LIBRARY_DOMAIN).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message that ``count`` needs in the current language."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    return translations(language, LIBRARY_DOMAIN).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (the same English word can need two
    translations: "Share" of a total and "share" a link)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return message
    return translations(language, LIBRARY_DOMAIN).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """:func:`ngettext` with a context."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    return translations(language, LIBRARY_DOMAIN).npgettext(context, singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention extractors look for)
    """Mark ``message`` for extraction without translating it now (module constants,
    which are built once, in English, at import); translate it where it is shown."""
    return message
