"""World Bank economies (``raw/classifications/wb_economies.csv``): names, ISO2, region and
income group; groups of countries have the region ``Aggregates``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policylab.raw.csvfile import read_text_table, reject_duplicates

PUBLISHER = "World Bank, country and lending groups"
LICENCE = "CC-BY-4.0"
RELPATH = "classifications/wb_economies.csv"
COLUMNS = ("Country Code", "ISO2 Code", "Country Name", "Region", "Income Group")
AGGREGATE_REGION = "Aggregates"


def read_economies(path: Path) -> pd.DataFrame:
    """``iso3, iso2, name, region, income_group, is_aggregate``; groups keep empty
    region and income group so that they never count as a region of their own."""
    table = read_text_table(path, COLUMNS)
    table["Country Code"] = table["Country Code"].str.strip().str.upper()
    reject_duplicates(table, ["Country Code"], path)
    aggregate = table["Region"].str.strip() == AGGREGATE_REGION
    return pd.DataFrame({
        "iso3": table["Country Code"],
        "iso2": table["ISO2 Code"].str.strip(),
        "name": table["Country Name"].str.strip(),
        "region": table["Region"].str.strip().where(~aggregate, ""),
        "income_group": table["Income Group"].str.strip().where(~aggregate, ""),
        "is_aggregate": aggregate,
    }).reset_index(drop=True)
