"""Files fetched by URL: the OWID CO2 data and codebook (kept exactly as published, once
their columns check out) and the Growth Lab's SITC rev. 2 names (normalised to the raw
layout's ``code,name,level,name_short,parent_code``)."""

from __future__ import annotations

from policylab.errors import FetchError
from policylab.fetch.tables import parse_csv, to_csv

# The columns the catalogue reads from OWID; the current file has many more.
OWID_DATA_COLUMNS = (
    "iso_code", "country", "year", "co2", "co2_per_capita", "co2_per_gdp", "cement_co2",
)
OWID_CODEBOOK_COLUMNS = ("column", "description")
SITC_UPSTREAM_COLUMNS = ("code", "name", "level", "name_short_en", "parent_id")
SITC_COLUMNS = ("code", "name", "level", "name_short", "parent_code")
# The raw layout keeps sections, 2-digit and 4-digit products (some upstream versions
# also carry 3-digit groups; a 4-digit product then points to its 2-digit parent).
SITC_LEVELS = ("section", "2digit", "4digit")


def owid_co2_data(data: bytes) -> bytes:
    parse_csv(data, what="OWID CO2 data", required=OWID_DATA_COLUMNS)
    return data


def owid_co2_codebook(data: bytes) -> bytes:
    parse_csv(data, what="OWID CO2 codebook", required=OWID_CODEBOOK_COLUMNS)
    return data


def sitc_rev2_names(data: bytes) -> bytes:
    """Normalise the upstream file: upstream rows carry a row number in an unnamed first
    column and point to their parent by that number (``parent_id``, e.g. ``100.0``)."""
    what = "SITC rev. 2 names"
    header, rows = parse_csv(data, what=what, required=SITC_UPSTREAM_COLUMNS)
    col = {name: header.index(name) for name in SITC_UPSTREAM_COLUMNS}
    by_row_number = {row[0]: row for row in rows} if header[0] == "" else {}

    def row_number(text: str) -> str:
        return text[:-2] if text.endswith(".0") else text

    def parent_code(row: list[str]) -> str:
        seen = set()
        number = row_number(row[col["parent_id"]])
        while number in by_row_number and number not in seen:
            seen.add(number)
            parent = by_row_number[number]
            if parent[col["level"]] in SITC_LEVELS:
                return parent[col["code"]]
            number = row_number(parent[col["parent_id"]])
        return ""

    out = [
        (row[col["code"]], row[col["name"]], row[col["level"]],
         row[col["name_short_en"]], parent_code(row))
        for row in rows
        if row[col["level"]] in SITC_LEVELS
    ]
    if not any(level == "4digit" and len(code) == 4 for code, _, level, _, _ in out):
        raise FetchError(f"{what}: no 4-digit products in the file")
    return to_csv(SITC_COLUMNS, out)
