"""SITC rev. 2 product names (``raw/classifications/sitc_rev2.csv``:
``code,name,level,name_short,parent_code``; levels section, 2digit, 4digit)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policylab.errors import DataError
from policylab.raw.csvfile import line_of, read_text_table, reject_duplicates

PUBLISHER = "Growth Lab at Harvard, product classifications (SITC rev. 2)"
LICENCE = "BSD-3-Clause"
RELPATH = "classifications/sitc_rev2.csv"
COLUMNS = ("code", "name", "level", "name_short", "parent_code")
LEVELS = ("section", "2digit", "4digit")


def read_products(path: Path) -> pd.DataFrame:
    """4-digit products: ``code, name, name_short, section, section_name``."""
    table = read_text_table(path, COLUMNS)
    table["code"] = table["code"].str.strip()
    reject_duplicates(table, ["level", "code"], path)
    unknown = ~table["level"].isin(LEVELS)
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        raise DataError(f"{path}, line {line_of(position)}: level should be one of "
                        f"{', '.join(LEVELS)}, found {table['level'].iloc[position]!r}")
    # The file also lists services ("travel", "ict") and "unspecified" at the 4digit
    # level; trade in goods uses only the numeric SITC codes.
    four = table[(table["level"] == "4digit") & table["code"].str.fullmatch(r"\d{4}")]
    sections = table[table["level"] == "section"].set_index("code")["name_short"]
    section = four["code"].str[0]
    return pd.DataFrame({
        "code": four["code"],
        "name": four["name"].str.strip(),
        "name_short": four["name_short"].str.strip(),
        "section": section,
        "section_name": section.map(sections).fillna(""),
    }).reset_index(drop=True)
