"""HS 1992 product names and sections (``raw/classifications/hs92_atlas.csv``, the Growth
Lab's classification as used by the Atlas of Economic Complexity).

Besides names, each 4-digit product is marked ``manufacture`` when it falls in what WDI
counts as manufactured exports (SITC sections 5-8 less division 68). The correspondence is
by HS chapter and heading (below); it lets the pack build compare a trade panel's
manufactures share with WDI's ``TX.VAL.MANF.ZS.UN``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policylab.errors import DataError
from policylab.raw.csvfile import line_of, read_text_table, reject_duplicates

PUBLISHER = "Growth Lab at Harvard University, product classifications (HS 1992, Atlas)"
LICENCE = "BSD-3-Clause"
RELPATH = "classifications/hs92_atlas.csv"
#: The classification as its publisher names it (``product/HS/IntlAtlas/out/hs92_atlas.csv``
#: of the Growth Lab's classifications): its code in a sources table.
CODE = "hs92_atlas"
COLUMNS = ("code", "level", "name_en", "name_short_en", "top_parent_id")
LEVELS = ("section", "2digit", "4digit", "6digit")

#: HS chapters that WDI counts as manufactures (SITC 5 chemicals, 6 manufactured goods by
#: material, 7 machinery and transport, 8 miscellaneous manufactures): 28-97 less pulp (47).
_MANUFACTURE_CHAPTERS = set(range(28, 98)) - {47}
#: Headings inside those chapters that SITC files elsewhere: crude materials (natural
#: rubber, raw hides and furskins, wood in the rough or sawn, raw cork, textile fibres,
#: worn clothing and rags, ferrous scrap), precious metals and gold (SITC 68 and 97), and
#: unwrought or semi-finished non-ferrous metals (SITC 68).
_NOT_MANUFACTURES = (
    {"4001", "4101", "4102", "4103", "4301", "4501"}
    | {f"44{h:02d}" for h in range(1, 8)}
    | {"5001", "5002", "5003", "5101", "5102", "5103", "5104", "5105", "5201", "5202", "5203"}
    | {f"53{h:02d}" for h in range(1, 6)} | {f"55{h:02d}" for h in range(1, 8)}
    | {"6309", "6310", "7204"}
    | {f"71{h:02d}" for h in range(6, 13)}
    | {f"74{h:02d}" for h in range(1, 12)} | {f"75{h:02d}" for h in range(1, 8)}
    | {f"76{h:02d}" for h in range(1, 9)} | {f"78{h:02d}" for h in range(1, 6)}
    | {f"79{h:02d}" for h in range(1, 6)} | {f"80{h:02d}" for h in range(1, 7)}
    | {f"81{h:02d}" for h in range(1, 13)}
)


def is_manufacture(code: str) -> bool:
    """True when the HS 1992 heading counts as a manufacture in WDI's definition."""
    return int(code[:2]) in _MANUFACTURE_CHAPTERS and code not in _NOT_MANUFACTURES


def read_products(path: Path) -> pd.DataFrame:
    """4-digit products: ``code, name, name_short, section, section_name, manufacture``.

    ``section_name`` is the section's full name as published ("Textiles, garments,
    footwear and furniture"): its short name ("Textiles") put furniture under textiles and
    suitcases under "Agriculture" for a reader who does not know the Atlas's grouping."""
    table = read_text_table(path, COLUMNS)
    table["code"] = table["code"].str.strip()
    reject_duplicates(table, ["level", "code"], path)
    unknown = ~table["level"].isin(LEVELS)
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        raise DataError(f"{path}, line {line_of(position)}: level should be one of "
                        f"{', '.join(LEVELS)}, found {table['level'].iloc[position]!r}")
    four = table[(table["level"] == "4digit") & table["code"].str.fullmatch(r"\d{4}")]
    sections = table[table["level"] == "section"].set_index("code")["name_en"].str.strip()
    section = four["top_parent_id"].str.strip()
    return pd.DataFrame({
        "code": four["code"],
        "name": four["name_en"].str.strip(),
        "name_short": four["name_short_en"].str.strip(),
        "section": section,
        "section_name": section.map(sections).fillna(""),
        "manufacture": four["code"].map(is_manufacture).astype(bool),
    }).reset_index(drop=True)
