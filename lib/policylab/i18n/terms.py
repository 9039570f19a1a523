"""The field's terms in each language, from ``data/glossary.csv`` (``term_id, en, fr, es,
note``).

Translators and the lessons take the same words from one table, so that "manufacturing
value added" is "valeur ajoutée manufacturière (VAM)" on every French page and not three
variants. The table is checked when read: every term in every language, unique ids.
"""

from __future__ import annotations

import csv
import difflib
import functools
from pathlib import Path

from policylab import paths
from policylab.errors import DataError
from policylab.i18n.language import LANGUAGES, language_or_current

GLOSSARY = Path("data") / "glossary.csv"
COLUMNS: tuple[str, ...] = ("term_id", *LANGUAGES, "note")


class UnknownTermError(DataError, KeyError):
    """A term id the glossary does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def term(term_id: str, language: str | None = None) -> str:
    """The term ``term_id`` in ``language`` (default: the current one)."""
    terms = glossary()
    if term_id not in terms:
        close = difflib.get_close_matches(term_id, list(terms), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownTermError(f"no term {term_id!r} in {GLOSSARY}{hint}")
    return terms[term_id][language_or_current(language)]


@functools.cache
def glossary(path: Path | None = None) -> dict[str, dict[str, str]]:
    """term_id -> {language: term, "note": note}, read and checked once per process."""
    path = path or paths.project_root() / GLOSSARY
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            rows = list(reader)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the glossary: {exc}") from exc
    if header != COLUMNS:
        raise DataError(f"{path}, line 1: columns should be {', '.join(COLUMNS)}, "
                        f"found {', '.join(header)}")
    terms: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        term_id = (row["term_id"] or "").strip()
        if not term_id or term_id in terms:
            raise DataError(f"{path}, line {line}: "
                            f"{'duplicate' if term_id else 'empty'} term id {term_id!r}")
        if None in row:  # more fields than columns: a term with an unquoted comma
            raise DataError(f"{path}, line {line}: {term_id} has {len(row[None])} field(s) "
                            f"too many; quote a term that contains a comma")
        missing = [lang for lang in LANGUAGES if not (row[lang] or "").strip()]
        if missing:
            raise DataError(f"{path}, line {line}: {term_id} has no {', '.join(missing)} term")
        terms[term_id] = {k: (row[k] or "").strip() for k in COLUMNS[1:]}
    return terms
