"""Complete exports by exporter x HS 1992 4-digit product, one file per year
(``raw/trade/hs92_exports_<year>.csv``: ``exporter,product,year,value``, US$).

Only complete trade belongs here (every product a country exports, summed over partners):
shares, RCA and the product space are meaningless on a sample of flows. The pack build
still checks each country-year against WDI's merchandise totals (see
``policylab.pack.completeness``). Product codes are text with their leading zeros.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from policylab.errors import DataError
from policylab.raw.csvfile import line_of, parse_numbers, read_text_table, reject_duplicates

PUBLISHER = ("Growth Lab at Harvard University, International Trade Data (HS 1992), "
             "from UN Comtrade")
LICENCE = "Harvard Dataverse terms of the dataset (credit the Growth Lab)"
FOLDER = "trade"
PATTERN = re.compile(r"hs92_exports_(\d{4})\.csv")
COLUMNS = ("exporter", "product", "year", "value")


def relpath(year: int) -> str:
    return f"{FOLDER}/hs92_exports_{year}.csv"


def panel_files(raw_dir: Path) -> list[Path]:
    """The yearly trade files present, oldest first (none is a normal state: the product
    panel is optional)."""
    folder = raw_dir / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if PATTERN.fullmatch(p.name))


def read_trade(path: Path) -> pd.DataFrame:
    """``exporter, product, year, value`` as in the file; every row must carry the year in
    the file's name (a file holding another year is a mislabelled file)."""
    table = read_text_table(path, COLUMNS)
    table["product"] = table["product"].str.strip()
    bad = ~table["product"].str.fullmatch(r"\d{4}")
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(f"{path}, line {line_of(position)}: product should be a 4-digit "
                        f"HS 1992 code, found {table['product'].iloc[position]!r}")
    table["exporter"] = table["exporter"].str.strip().str.upper()
    reject_duplicates(table, ["exporter", "product", "year"], path)
    out = pd.DataFrame({
        "exporter": table["exporter"],
        "product": table["product"],
        "year": parse_numbers(table, "year", path, integer=True, allow_empty=False),
        "value": parse_numbers(table, "value", path, allow_empty=False),
    })
    named = PATTERN.fullmatch(path.name)
    if named:
        wrong = out["year"] != int(named.group(1))
        if wrong.any():
            position = int(wrong.to_numpy().nonzero()[0][0])
            raise DataError(f"{path}, line {line_of(position)}: year {out['year'].iloc[position]}"
                            f" in a file named for {named.group(1)}")
    negative = out["value"] < 0
    if negative.any():
        position = int(negative.to_numpy().nonzero()[0][0])
        raise DataError(f"{path}, line {line_of(position)}: negative export value")
    return out
