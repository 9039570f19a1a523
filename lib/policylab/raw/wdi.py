"""World Bank WDI: one series per file, ``raw/wdi/<SERIES>.csv``
(``Country Name,Country Code,Year,Value``; missing values are absent rows)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policylab.raw.csvfile import parse_numbers, read_text_table, reject_duplicates

PUBLISHER = "World Bank, World Development Indicators"
LICENCE = "CC-BY-4.0"
FOLDER = "wdi"
COLUMNS = ("Country Name", "Country Code", "Year", "Value")


def series_path(raw_dir: Path, code: str) -> Path:
    return raw_dir / FOLDER / f"{code}.csv"


def read_series(path: Path) -> pd.DataFrame:
    """One series as ``iso3, year, value`` (rows with an empty value dropped)."""
    table = read_text_table(path, COLUMNS)
    reject_duplicates(table, ["Country Code", "Year"], path)
    out = pd.DataFrame({
        "iso3": table["Country Code"].str.strip().str.upper(),
        "year": parse_numbers(table, "Year", path, integer=True, allow_empty=False),
        "value": parse_numbers(table, "Value", path),
    })
    return out.dropna(subset=["value"]).reset_index(drop=True)
