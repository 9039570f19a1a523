"""Climate Watch (CAIT) greenhouse-gas emissions by sector, via OWID
(``raw/owid/ghg-emissions-by-sector.csv``; million tonnes CO2e; keyed by country *name*).

Names are resolved to ISO3 with ``country_converter``; a name that matches nothing (world,
regions, "European Union (27)") or more than one country is returned as unresolved rather
than guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from policylab.countries import names_to_iso3
from policylab.raw.csvfile import parse_numbers, read_text_table, reject_duplicates

PUBLISHER = "Climate Watch (CAIT), via Our World in Data"
LICENCE = "CC-BY-4.0"
RELPATH = "owid/ghg-emissions-by-sector.csv"
KEY_COLUMNS = ("Entity", "Year")
# Names this source uses that country_converter does not match, each with one clear owner.
NAME_ALIASES = {"Timor": "TLS"}


def read_climate_watch(path: Path, columns: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Long ``iso3, year, column, value`` for the sector ``columns``, and the entity names
    that could not be resolved to exactly one ISO3 code."""
    table = read_text_table(path, [*KEY_COLUMNS, *columns], usecols=[*KEY_COLUMNS, *columns])
    table["Entity"] = table["Entity"].str.strip()
    reject_duplicates(table, list(KEY_COLUMNS), path)
    years = parse_numbers(table, "Year", path, integer=True, allow_empty=False)
    parsed = {c: parse_numbers(table, c, path) for c in columns}
    matches = names_to_iso3(table["Entity"].unique())
    matches.update({name: [code] for name, code in NAME_ALIASES.items() if name in matches})
    resolved = {name: codes[0] for name, codes in matches.items() if len(set(codes)) == 1}
    unresolved = sorted(name for name in matches if name not in resolved)
    iso3 = table["Entity"].map(resolved)
    wide = pd.DataFrame({"iso3": iso3, "year": years, **parsed})[iso3.notna().to_numpy()]
    clash = wide.duplicated(subset=["iso3", "year"], keep=False)
    if clash.any():
        # Two names resolving to one country: keep neither, say which names.
        twins = table.loc[wide.index[clash], "Entity"].unique()
        unresolved += sorted(f"{name} (same country as another name)" for name in twins)
        wide = wide[~clash]
    long = wide.melt(id_vars=["iso3", "year"], var_name="column", value_name="value")
    return long.dropna(subset=["value"]).reset_index(drop=True), unresolved
