"""The data files' texts in the reader's language: the ``data`` catalogue.

What a reader sees from ``data/indicators.yml`` (an indicator's label, unit, definition and
note, and a source code written in words), from ``data/policy_cases.yml`` (a case's title,
objective, what was done, results and notes; the source's title stays as published) and
the publishers' and licences' words of the sources tables is translated in
``lib/policylab/locale/<lang>/LC_MESSAGES/data.po``.
The English stays in the data files (one source of truth); the translations never go there.

Each entry's context names the file, the entry and the field, ``"<file stem>:<id>:<field>"``
(``"indicators:gdp_usd:label"``), so that a translation follows its entry, and an English
text that changes makes its translation fuzzy (the reader then sees the new English, not
an outdated translation). Publishers and licences, which many entries share, are keyed
by kind: ``"sources:publisher"``, ``"sources:licence"``. (Groups of countries are in the
library's catalogue: ``policylab.i18n.groups``.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from policylab.i18n.catalogues import DATA_DOMAIN, finished_entries
from policylab.i18n.language import SOURCE_LANGUAGE, is_source_language, language_or_current

#: The fields of each data file that a reader sees, in the order a translator meets them.
INDICATOR_FIELDS: tuple[str, ...] = ("label", "unit", "definition", "note")
CASE_FIELDS: tuple[str, ...] = ("title", "objective", "what_was_done", "results", "notes")
PUBLISHER = "sources:publisher"
LICENCE = "sources:licence"
#: Licence texts that packs built by earlier versions of the raw readers recorded.
EARLIER_LICENCES: tuple[str, ...] = (
    "Harvard Dataverse terms of the dataset (credit the Growth Lab; check before "
    "redistribution)",
)


def data_text(context: str, english: str, language: str | None = None) -> str:
    """``english`` (a data file's text) in ``language`` (default: the current one); the
    English itself when there is no finished translation for this context and text."""
    lang = language_or_current(language)
    if lang == SOURCE_LANGUAGE or not english:
        return english
    return finished_entries(lang, DATA_DOMAIN).get((context, english), english)


#: A word in a source code ("sum over countries", "UNIDO CIP method"), not an identifier
#: ("mva_usd") or a publisher's code ("NV.IND.MANF.ZS").
_CODE_WORD = re.compile(r"(?<![\w.])[a-z]{3,}(?![\w.])")


def code_in_words(code: str) -> bool:
    """True when an indicator's ``source_code`` says something in English words, which a
    reader of another language needs translated; codes themselves stay as published."""
    return bool(_CODE_WORD.search(code or ""))


def code_text(indicator_id: str, code: str, language: str | None = None) -> str:
    """An indicator's source code in the language (see :func:`code_in_words`)."""
    if not code_in_words(code):
        return code
    return field_text("indicators", indicator_id, "source_code", code, language)


def field_text(stem: str, entry_id: str, field: str, english: str,
               language: str | None = None) -> str:
    """One field of one entry of ``data/<stem>.yml`` in the language."""
    return data_text(f"{stem}:{entry_id}:{field}", english, language)


class InLanguage:
    """A text field of a frozen dataclass read in the current language: the instance keeps
    the English (``in_english``), ``translate(instance, field, english)`` gives the text
    in the current language. Installed by :func:`translated_fields`."""

    def __init__(self, name: str, translate: Callable[[Any, str, str], str]) -> None:
        self.name, self.translate = name, translate

    def __get__(self, obj: Any, owner: type | None = None) -> str:
        if obj is None:
            raise AttributeError(self.name)  # no class-level default: every instance sets it
        english = obj.__dict__[self.name]
        if is_source_language() or not english:
            return english
        return self.translate(obj, self.name, english)

    def __set__(self, obj: Any, value: str) -> None:
        obj.__dict__[self.name] = value


def translated_fields(cls: type, names: Iterable[str],
                      translate: Callable[[Any, str, str], str]) -> type:
    """Make ``names`` of the dataclass ``cls`` read in the current language (after the
    dataclass is made, so its ``__init__`` and defaults stay as they are), and give it
    ``in_english(name)``: the text as the data file writes it."""
    for name in names:
        setattr(cls, name, InLanguage(name, translate))
    cls.in_english = lambda self, name: self.__dict__[name]
    return cls


def data_entries(root: Path) -> Iterator[tuple[str, str, str]]:
    """(context, English text, where) of every text to translate in the data files under
    ``root`` (the project folder), read through the same loaders the library uses, so the
    English is exactly what a page would show."""
    from policylab.cases import load_cases
    from policylab.catalogue import load_catalogue

    catalogue = load_catalogue(root / "data" / "indicators.yml")
    for indicator in catalogue.values():
        for field in INDICATOR_FIELDS:
            text = indicator.in_english(field)
            if text:
                yield f"indicators:{indicator.id}:{field}", text, "data/indicators.yml"
        if code_in_words(indicator.source_code):
            yield (f"indicators:{indicator.id}:source_code", indicator.source_code,
                   "data/indicators.yml")
    cases_path = root / "data" / "policy_cases.yml"
    if cases_path.exists():
        for case in load_cases(cases_path):
            for field in CASE_FIELDS:
                text = case.in_english(field)
                if text:
                    yield f"policy_cases:{case.id}:{field}", text, "data/policy_cases.yml"
    publishers = {i.in_english("source") for i in catalogue.values()}
    publishers |= set(_raw_constants("PUBLISHER"))
    for text in sorted(publishers):
        yield PUBLISHER, text, "data/indicators.yml"
    for text in sorted(set(_raw_constants("LICENCE")) | set(EARLIER_LICENCES)):
        yield LICENCE, text, "lib/policylab/raw"


def _raw_constants(name: str) -> Iterable[str]:
    """``PUBLISHER``/``LICENCE`` of every raw-data reader (the words the pack's manifest
    records for each file)."""
    import importlib
    import pkgutil

    import policylab.raw

    for module in pkgutil.iter_modules(policylab.raw.__path__):
        value = getattr(importlib.import_module(f"policylab.raw.{module.name}"), name, None)
        if isinstance(value, str) and value:
            yield value


def extract_data(root: Path):  # -> babel Catalog
    """The template of the data files' texts (see :func:`data_entries`)."""
    from policylab.i18n.extraction import _template

    catalog = _template(DATA_DOMAIN)
    for context, text, where in data_entries(root):
        catalog.add(text, None, [(where, 0)], context=context)
    return catalog
