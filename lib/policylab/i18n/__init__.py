"""The material in English, French and Spanish: one language setting, one source of truth
per text.

- ``language``: :data:`LANGUAGES`, :func:`set_language`, :func:`current_language`,
  :func:`using_language` (English by default; an unknown code is a :class:`LanguageError`).
- ``messages``: gettext for the library's strings (``_``, ``ngettext``, ``pgettext``, ``N_``),
  read from ``lib/policylab/locale/<lang>/LC_MESSAGES/policylab.po`` (``catalogues``).
- ``numbers``: each language's number conventions, applied by ``policylab.text.numbers``.
- ``names``: country names in the language (UN names from ``data/official_names.csv``,
  else Babel's territory names).
- ``terms``: the field's terms in each language (``data/glossary.csv``).
- ``notebooks``: :func:`translate_notebook`, the notebooks' markdown from their catalogue.
- ``extraction`` and ``checks``: the catalogue tooling (``python -m policylab.i18n extract|check``).

Importing this package stays cheap (the text layer imports it in every kernel): Babel,
pandas and nbformat are imported by the functions that need them, and the heavier modules
are loaded on first use of their names.
"""

from __future__ import annotations

import importlib

from policylab.i18n.language import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    LanguageError,
    current_language,
    set_language,
    using_language,
)
from policylab.i18n.messages import N_, _, gettext, ngettext, npgettext, pgettext

_LAZY = {
    "country_name": "names", "country_names": "names",
    "term": "terms", "glossary": "terms",
    "translate_notebook": "notebooks",
    "extract": "extraction", "check": "checks",
    "number_style": "numbers", "plotly_separators": "numbers",
}

__all__ = ["LANGUAGES", "N_", "SOURCE_LANGUAGE", "LanguageError", "_", "current_language",
           "gettext", "ngettext", "npgettext", "pgettext", "set_language", "using_language",
           *_LAZY]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        module = importlib.import_module(f"policylab.i18n.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'policylab.i18n' has no attribute {name!r}")
