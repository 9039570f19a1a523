"""Our World in Data CO2 dataset (``raw/owid/owid-co2-data.csv``), one row per country-year.

OWID marks its own groupings with ``OWID_*`` codes (and continents with no code); those are
dropped here. Kosovo is ``OWID_KOS`` where the World Bank uses ``XKX``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from policylab.raw.csvfile import parse_numbers, read_text_table, reject_duplicates

PUBLISHER = "Our World in Data, CO2 and greenhouse gas emissions dataset"
LICENCE = "CC-BY-4.0"
RELPATH = "owid/owid-co2-data.csv"
KEY_COLUMNS = ("iso_code", "country", "year")
OWID_TO_ISO3 = {"OWID_KOS": "XKX"}


def read_owid_co2(path: Path, columns: Sequence[str]) -> tuple[pd.DataFrame, int]:
    """Long ``iso3, year, column, value`` for ``columns``, and how many rows of OWID
    groupings (world, continents, income groups) were dropped."""
    table = read_text_table(path, [*KEY_COLUMNS, *columns], usecols=[*KEY_COLUMNS, *columns])
    code = table["iso_code"].str.strip().replace(OWID_TO_ISO3)
    grouping = (code == "") | code.str.startswith("OWID_")
    table = table.assign(iso_code=code)
    years = parse_numbers(table, "year", path, integer=True, allow_empty=False)
    parsed = {c: parse_numbers(table, c, path) for c in columns}
    kept = ~grouping.to_numpy()
    wide = pd.DataFrame({"iso3": code, "year": years, **parsed})[kept]
    reject_duplicates(table[kept], ["iso_code", "year"], path)
    long = wide.melt(id_vars=["iso3", "year"], var_name="column", value_name="value")
    return long.dropna(subset=["value"]).reset_index(drop=True), int(grouping.sum())
