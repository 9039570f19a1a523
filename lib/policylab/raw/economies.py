"""World Bank economies (``raw/classifications/wb_economies.csv``): names, ISO2, region and
income group; groups of countries have the region ``Aggregates``.

Names are then replaced by the UN's official short names where those differ
(``data/official_names.csv``, DESIGN §10): Viet Nam, Türkiye, Côte d'Ivoire.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policylab import paths
from policylab.errors import DataError
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
    economies = pd.DataFrame({
        "iso3": table["Country Code"],
        "iso2": table["ISO2 Code"].str.strip(),
        "name": table["Country Name"].str.strip(),
        "region": table["Region"].str.strip().where(~aggregate, ""),
        "income_group": table["Income Group"].str.strip().where(~aggregate, ""),
        "is_aggregate": aggregate,
    }).reset_index(drop=True)
    return with_official_names(economies, official_names())


def official_names(path: Path | None = None) -> pd.DataFrame:
    """The committed table ``iso3, name, world_bank_name`` of UN short names."""
    path = path or paths.project_root() / "data" / "official_names.csv"
    table = read_text_table(path, ("iso3", "name", "world_bank_name"))
    reject_duplicates(table, ["iso3"], path)
    return table


def with_official_names(economies: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``economies`` with the official names applied; a row whose World Bank name no longer
    matches the file's is an error, so that a renamed economy is looked at, not guessed."""
    current = economies.set_index("iso3")["name"]
    known = names[names["iso3"].isin(current.index)]
    stale = known[known["world_bank_name"] != known["iso3"].map(current)]
    if not stale.empty:
        row = stale.iloc[0]
        raise DataError(f"data/official_names.csv: the World Bank now calls {row['iso3']} "
                        f"{current[row['iso3']]!r}, not {row['world_bank_name']!r}; check the "
                        "official name and update the row")
    mapping = dict(zip(known["iso3"], known["name"], strict=True))
    return economies.assign(name=economies["iso3"].map(mapping).fillna(economies["name"]))
