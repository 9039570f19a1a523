"""Strict CSV reading shared by the raw readers.

Publisher files are read as text first (``keep_default_na=False``, so Namibia's "NA" stays
a code), then the numeric columns are parsed; a structural fault (missing column, text
where a number belongs, a duplicated key) raises ``DataError`` with the file and line, so
the user can open the file at the right place.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from policylab.errors import DataError

HEADER_LINES = 1


def line_of(position: int) -> int:
    """File line of the data row at 0-based ``position`` (line 1 is the header)."""
    return position + HEADER_LINES + 1


def read_text_table(path: Path, required: Sequence[str],
                    usecols: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a CSV as text, checking that the ``required`` columns are present."""
    if not path.exists():
        raise DataError(f"raw file missing: {path}")
    try:
        header = pd.read_csv(path, nrows=0, dtype=str, keep_default_na=False).columns
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the header: {exc}") from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(
            f"{path}, line 1: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(map(str, header))})"
        )
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[],
                           usecols=list(usecols) if usecols else None)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise DataError(f"{path}: malformed CSV: {exc}") from exc


def parse_numbers(table: pd.DataFrame, column: str, path: Path, integer: bool = False,
                  allow_empty: bool = True) -> pd.Series:
    """Parse a text column as numbers; empty cells become NaN when ``allow_empty``."""
    text = table[column].str.strip()
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() & ((text != "") | (not allow_empty))
    if integer:
        bad |= values.notna() & (values != values.round())
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        shown = table[column].iloc[position]
        kind = "a whole number" if integer else "a number"
        raise DataError(f"{path}, line {line_of(position)}: column {column!r} "
                        f"should be {kind}, found {shown!r}")
    return values.astype("int64") if integer else values.astype("float64")


def reject_duplicates(table: pd.DataFrame, keys: Sequence[str], path: Path) -> None:
    """Two rows with the same key are a structural fault: which one is right is unknowable."""
    duplicated = table.duplicated(subset=list(keys), keep="first")
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        key = ", ".join(f"{k}={table[k].iloc[position]}" for k in keys)
        raise DataError(f"{path}, line {line_of(position)}: duplicate row for {key}")
