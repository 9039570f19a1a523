"""Plausibility rules applied at build time.

Values that parse but cannot be right (a share above 100, a zero manufacturing share) and
codes that name no economy are facts of real sources, not reasons to stop a build: they are
excluded here and each is returned as a record (file, country, year, value, rule) for the
manifest and ``policylab data status``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from policylab.catalogue import Indicator

Exclusion = dict[str, Any]


def implausible_values(obs: pd.DataFrame, catalogue: dict[str, Indicator]
                       ) -> tuple[pd.DataFrame, list[Exclusion]]:
    """Drop rows of ``obs`` (``iso3, year, indicator, value, file``) that break their
    indicator's ``valid`` rule; return the kept rows and one record per dropped row."""
    broken = np.zeros(len(obs), dtype=bool)
    rules = np.full(len(obs), "", dtype=object)
    first, last = plausible_years()
    bad_year = ((obs["year"] < first) | (obs["year"] > last)).to_numpy()
    rules[bad_year] = f"year outside {first}-{last}"
    broken |= bad_year
    for indicator_id, rows in obs.groupby("indicator", sort=False).groups.items():
        valid = catalogue[indicator_id].valid
        values = obs.loc[rows, "value"]
        for label, mask in _rule_masks(valid, values):
            positions = obs.index.get_indexer(values.index[mask])
            fresh = positions[~broken[positions]]
            rules[fresh] = label
            broken[fresh] = True
    dropped = obs[broken]
    records = [
        {"file": f, "country": c, "year": int(y), "value": float(v), "rule": r}
        for f, c, y, v, r in zip(dropped["file"], dropped["iso3"], dropped["year"],
                                 dropped["value"], rules[broken], strict=True)
    ]
    return obs[~broken], records


def plausible_years() -> tuple[int, int]:
    """Years a published figure can carry: from the earliest historical series the sources
    hold (emissions reach back to 1750) to next year (some editions publish estimates)."""
    return 1750, date.today().year + 1


def _rule_masks(valid: dict[str, Any], values: pd.Series) -> list[tuple[str, pd.Series]]:
    masks = []
    if valid.get("zero_is_missing"):
        masks.append(("zero where the publisher means no data", values == 0))
    if "min" in valid:
        masks.append((f"below the plausible minimum {valid['min']:g}", values < valid["min"]))
    if "max" in valid:
        masks.append((f"above the plausible maximum {valid['max']:g}", values > valid["max"]))
    return masks


def unknown_codes(table: pd.DataFrame, code_column: str, known: set[str], file: str,
                  reason: Any = None) -> tuple[pd.DataFrame, list[Exclusion]]:
    """Drop rows whose code is not a known economy; one record per code (with its row
    count and years) rather than per row, since the fault is the code.

    ``reason(code) -> str | None`` may explain a code (None means it is fine)."""
    unknown = ~table[code_column].isin(known)
    records = []
    for code, rows in table[unknown].groupby(code_column, sort=True):
        rule = reason(code) if reason else None
        years = sorted(rows["year"].unique())
        records.append({
            "file": file,
            "country": code,
            "year": int(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}",
            "value": None,
            "rule": rule or "code is not a World Bank economy",
            "rows": int(len(rows)),
        })
    return table[~unknown], records
