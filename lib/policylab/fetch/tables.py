"""Checking and writing CSV text before it may replace a raw file.

A publisher that answers with an error page, a renamed column or a truncated body must not
overwrite the last good copy, so every download is parsed in full here first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from policylab.errors import FetchError


def parse_csv(
    data: bytes, *, what: str, required: Iterable[str], min_rows: int = 1
) -> tuple[list[str], list[list[str]]]:
    """Header and rows of ``data``; ``FetchError`` unless it is well-formed CSV with the
    ``required`` columns, the same number of fields on every line and ``min_rows`` rows."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FetchError(f"{what}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if text.lstrip().startswith("<"):
        raise FetchError(f"{what}: got an HTML or XML page instead of CSV")
    try:
        lines = [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row]
    except csv.Error as exc:
        raise FetchError(f"{what}: not valid CSV ({exc})") from exc
    if not lines:
        raise FetchError(f"{what}: empty file")
    header, rows = lines[0], lines[1:]
    missing = [column for column in required if column not in header]
    if missing:
        raise FetchError(
            f"{what}: expected column(s) {', '.join(missing)} not in the header "
            f"({', '.join(header[:8])}{', ...' if len(header) > 8 else ''})"
        )
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise FetchError(
                f"{what}: line {number} has {len(row)} fields, the header {len(header)} "
                "(truncated or garbled download?)"
            )
    if len(rows) < min_rows:
        raise FetchError(f"{what}: {len(rows)} data row(s), expected at least {min_rows}")
    return header, rows


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV bytes with ``\\n`` line ends; codes such as Namibia's ``NA`` stay plain text."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
