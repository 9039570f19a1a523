"""Checks and conversions of files fetched by URL.

- OWID CO2 data and codebook, the Growth Lab's HS 1992 names and its published ECI
  rankings are kept exactly as published once the columns the build reads check out;
- the Growth Lab's country x product x year trade table (hundreds of MB, streamed to a
  temporary file) is converted to the raw layout ``trade/hs92_exports_<year>.csv``:
  ``exporter,product,year,value`` (ISO3, 4-digit HS 1992 codes as text with leading zeros,
  US$ exports), one file per year, goods only.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from pathlib import Path

from policylab.errors import FetchError
from policylab.fetch.tables import parse_csv, to_csv
from policylab.raw import growth_lab_eci, hs92, trade

# The columns the catalogue reads from OWID; the current file has many more.
OWID_DATA_COLUMNS = (
    "iso_code", "country", "year", "co2", "co2_per_capita", "co2_per_gdp", "cement_co2",
)
OWID_CODEBOOK_COLUMNS = ("column", "description")
# What policylab.raw.hs92.read_products reads.
HS92_COLUMNS = tuple(hs92.COLUMNS)
# What the pack build reads from the rankings (catalogue ids eci and eci_rank).
ECI_COLUMNS = (*growth_lab_eci.KEY_COLUMNS, "eci_hs92", "eci_rank_hs92")
# The trade table's columns under their current names and the names of earlier versions
# (layout column -> accepted upstream names, first match wins).
TRADE_UPSTREAM_COLUMNS: dict[str, tuple[str, ...]] = {
    "exporter": ("country_iso3_code", "location_code"),
    "product": ("product_hs92_code", "hs_product_code"),
    "year": ("year",),
    "value": ("export_value",),
}
_ISO3 = re.compile(r"[A-Z]{3}")
_DIGITS = re.compile(r"\d{1,4}")


def owid_co2_data(data: bytes) -> bytes:
    parse_csv(data, what="OWID CO2 data", required=OWID_DATA_COLUMNS)
    return data


def owid_co2_codebook(data: bytes) -> bytes:
    parse_csv(data, what="OWID CO2 codebook", required=OWID_CODEBOOK_COLUMNS)
    return data


def hs92_atlas(data: bytes) -> bytes:
    """``classifications/hs92_atlas.csv`` as published (its unnamed first column included)."""
    what = "Growth Lab HS 1992 classification (hs92_atlas.csv)"
    header, rows = parse_csv(data, what=what, required=HS92_COLUMNS)
    code, level = header.index("code"), header.index("level")
    if not any(row[level] == "4digit" and re.fullmatch(r"\d{4}", row[code]) for row in rows):
        raise FetchError(f"{what}: no 4-digit products (level 4digit) in the file")
    return data


def eci_rankings(data: bytes) -> bytes:
    """``complexity/growth_lab_eci_rankings.csv`` as published."""
    what = "Growth Lab ECI rankings (growth_proj_eci_rankings.csv)"
    header, rows = parse_csv(data, what=what, required=ECI_COLUMNS)
    iso3, eci = header.index("country_iso3_code"), header.index("eci_hs92")
    if not any(row[eci].strip() for row in rows):
        raise FetchError(f"{what}: column eci_hs92 is empty in every row")
    if not all(_ISO3.fullmatch(row[iso3].strip().upper()) for row in rows):
        bad = next(n for n, row in enumerate(rows, start=2)
                   if not _ISO3.fullmatch(row[iso3].strip().upper()))
        raise FetchError(f"{what}, line {bad}: country_iso3_code should be an ISO3 code, "
                         f"found {rows[bad - 2][iso3]!r}")
    return data


def trade_years(path: Path, *, what: str, recent: int) -> dict[int, bytes]:
    """The ``recent`` most recent years of the trade table at ``path``, each as the bytes of
    ``trade/hs92_exports_<year>.csv``.

    Kept: rows with a 4-digit HS code (codes written without their leading zero, e.g.
    ``101``, are padded) and exports above zero. Left out by design: services
    (``travel``, ``ict``, ...) and unallocated codes (``XXXX``, ``unspecified``). A missing
    column, a non-ISO3 exporter, text in a number column or a duplicated key stops the
    conversion with the file and line.
    """
    if recent < 1:
        raise FetchError(f"{what}: the number of years to keep must be at least 1")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        head = handle.read(256)
        if head.lstrip().startswith("<"):
            raise FetchError(f"{what}: got an HTML or XML page instead of CSV")
        handle.seek(0)
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise FetchError(f"{what}: empty file") from None
        except csv.Error as exc:
            raise FetchError(f"{what}: not valid CSV ({exc})") from exc
        col = _trade_columns(header, what)
        width = len(header)
        kept: dict[int, dict[tuple[str, str], float]] = {}
        newest = None
        number = 1
        try:
            for number, row in enumerate(reader, start=2):
                if not row:
                    continue
                if len(row) != width:
                    raise FetchError(f"{what}, line {number}: {len(row)} fields, the header "
                                     f"{width} (truncated or garbled download?)")
                year = _number(row[col["year"]], what, number, "year", integer=True)
                if newest is not None and year <= newest - recent:
                    continue
                if newest is None or year > newest:
                    newest = year
                    for old in [y for y in kept if y <= newest - recent]:
                        del kept[old]
                product = row[col["product"]].strip()
                if not _DIGITS.fullmatch(product):
                    continue  # services and unallocated codes: not goods at 4 digits
                product = product.zfill(4)
                value = _number(row[col["value"]], what, number, "value", allow_empty=True)
                if value is None or value <= 0:
                    continue
                exporter = row[col["exporter"]].strip().upper()
                if not _ISO3.fullmatch(exporter):
                    raise FetchError(f"{what}, line {number}: exporter should be an ISO3 "
                                     f"code, found {row[col['exporter']]!r}")
                year_rows = kept.setdefault(year, {})
                if (exporter, product) in year_rows:
                    raise FetchError(f"{what}, line {number}: duplicate row for "
                                     f"{exporter}, {product}, {year}")
                year_rows[(exporter, product)] = value
        except csv.Error as exc:
            raise FetchError(f"{what}, line {number + 1}: not valid CSV ({exc})") from exc
    kept = {year: rows for year, rows in kept.items() if rows}
    if not kept:
        raise FetchError(f"{what}: no goods exports at 4 digits in the file")
    return {
        year: to_csv(trade.COLUMNS, (
            (exporter, product, year, _format(value))
            for (exporter, product), value in sorted(rows.items())
        ))
        for year, rows in sorted(kept.items())
    }


def _trade_columns(header: Sequence[str], what: str) -> dict[str, int]:
    names = [name.strip() for name in header]
    col, missing = {}, []
    for column, accepted in TRADE_UPSTREAM_COLUMNS.items():
        found = next((name for name in accepted if name in names), None)
        if found is None:
            missing.append(" or ".join(accepted))
        else:
            col[column] = names.index(found)
    if missing:
        raise FetchError(
            f"{what}: expected column(s) {'; '.join(missing)} not in the header "
            f"({', '.join(names[:8])}{', ...' if len(names) > 8 else ''})"
        )
    return col


def _number(text: str, what: str, line: int, column: str, *, integer: bool = False,
            allow_empty: bool = False) -> float | int | None:
    text = text.strip()
    if text == "" and allow_empty:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (integer and value != int(value)):
        kind = "a whole number" if integer else "a number"
        raise FetchError(f"{what}, line {line}: {column} should be {kind}, found {text!r}")
    return int(value) if integer else value


def _format(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)
