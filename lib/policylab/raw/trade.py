"""SITC rev. 2 4-digit exports (``raw/trade/sitc4_exports.csv``:
``exporter,product,year,value``); product codes are text with their leading zeros.

Exporter codes are those of the source's time. Where a retired code has exactly one
successor it is mapped to it; where a territory split or merged (no single successor),
its rows cannot be attributed to one of today's economies and are excluded and reported.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policylab.errors import DataError
from policylab.raw.csvfile import line_of, parse_numbers, read_text_table, reject_duplicates

PUBLISHER = "Open Trade Statistics (from UN Comtrade)"
LICENCE = "CC-BY-NC-4.0"
RELPATH = "trade/sitc4_exports.csv"
COLUMNS = ("exporter", "product", "year", "value")

# Retired code -> the one economy that carries it on today.
LEGACY_SUCCESSOR = {
    "ROM": "ROU",  # Romania
    "ZAR": "COD",  # Zaire -> Democratic Republic of the Congo
    "TMP": "TLS",  # East Timor -> Timor-Leste
    "BUR": "MMR",  # Burma -> Myanmar
    "HVO": "BFA",  # Upper Volta -> Burkina Faso
    "DHY": "BEN",  # Dahomey -> Benin
}
# Retired codes whose territory is now several economies (or merged into one that also
# reports on its own): not attributable.
LEGACY_WITHOUT_SUCCESSOR = {
    "SCG": "Serbia and Montenegro (now SRB and MNE)",
    "YUG": "Yugoslavia (now six economies)",
    "ANT": "Netherlands Antilles (now CUW, SXM and BES)",
    "SUN": "USSR (now fifteen economies)",
    "CSK": "Czechoslovakia (now CZE and SVK)",
    "DDR": "German Democratic Republic (merged into DEU)",
    "YMD": "South Yemen (merged into YEM)",
}


def read_trade(path: Path) -> pd.DataFrame:
    """``exporter, product, year, value`` as in the file (codes not yet harmonised)."""
    table = read_text_table(path, COLUMNS)
    table["product"] = table["product"].str.strip()
    bad = ~table["product"].str.fullmatch(r"\d{4}")
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(f"{path}, line {line_of(position)}: product should be a 4-digit "
                        f"SITC code, found {table['product'].iloc[position]!r}")
    table["exporter"] = table["exporter"].str.strip().str.upper()
    reject_duplicates(table, ["exporter", "product", "year"], path)
    return pd.DataFrame({
        "exporter": table["exporter"],
        "product": table["product"],
        "year": parse_numbers(table, "year", path, integer=True, allow_empty=False),
        "value": parse_numbers(table, "value", path, allow_empty=False),
    })


def unmappable_reason(code: str, known_iso3: set[str]) -> str | None:
    """Why ``code`` (after legacy mapping) cannot be attributed; None when it can."""
    if code in known_iso3:
        return None
    if code in LEGACY_WITHOUT_SUCCESSOR:
        return f"retired code without a single successor: {LEGACY_WITHOUT_SUCCESSOR[code]}"
    return "territory not listed as a World Bank economy"
