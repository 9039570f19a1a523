"""The Growth Lab's published Economic Complexity Index and rank
(``raw/complexity/growth_lab_eci_rankings.csv``), one row per country-year, with SITC,
HS 1992 and HS 2012 variants side by side.

A catalogue entry names the column it reads (``eci_hs92``, ``eci_rank_hs92``); variants are
never spliced together, because each is computed on its own product space.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from policylab.raw.csvfile import parse_numbers, read_text_table, reject_duplicates

PUBLISHER = ("Growth Lab at Harvard University, Atlas of Economic Complexity: "
             "Growth Projections and Complexity Rankings")
LICENCE = "Harvard Dataverse terms of the dataset (credit the Growth Lab)"
RELPATH = "complexity/growth_lab_eci_rankings.csv"
KEY_COLUMNS = ("country_iso3_code", "year")


def read_rankings(path: Path, columns: Sequence[str]) -> tuple[pd.DataFrame, int]:
    """Long ``iso3, year, column, value`` for ``columns`` and the number of rows read."""
    table = read_text_table(path, [*KEY_COLUMNS, *columns], usecols=[*KEY_COLUMNS, *columns])
    table["country_iso3_code"] = table["country_iso3_code"].str.strip().str.upper()
    reject_duplicates(table, list(KEY_COLUMNS), path)
    wide = pd.DataFrame({
        "iso3": table["country_iso3_code"],
        "year": parse_numbers(table, "year", path, integer=True, allow_empty=False),
        **{c: parse_numbers(table, c, path) for c in columns},
    })
    long = wide.melt(id_vars=["iso3", "year"], var_name="column", value_name="value")
    return long.dropna(subset=["value"]).reset_index(drop=True), len(table)
