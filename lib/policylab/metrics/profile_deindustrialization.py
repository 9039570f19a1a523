"""The premature de-industrialization check of the industrial profile (section 6), on the
world pattern of ``metrics.world_pattern``: where a country stands against the pattern, how
its manufacturing share moved over the years whose change may be read (no likely series
break in between: ``evidence.breaks``), and the rule of the method box."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from policylab.evidence.breaks import series_flags
from policylab.metrics import world_pattern as wp
from policylab.metrics.profile_growth import sound_start
from policylab.pack.dataset import Dataset

#: A fall in manufacturing's share of GDP of more than this many percentage points over the
#: period counts as de-industrialization; smaller moves are within national accounts noise.
DROP_PP = 1
#: The rule's outcomes (:func:`verdict`).
PREMATURE, ABOVE_PEAK, NO_FALL, INCONCLUSIVE = range(4)


def verdict(change: float, income: float, peak: float, clear: bool = True) -> int:
    """The rule: no fall of more than ``DROP_PP`` (``NO_FALL``), else an unclear pattern or
    none is ``INCONCLUSIVE``, else income below the peak is ``PREMATURE``."""
    if not change < -DROP_PP:
        return NO_FALL
    if not clear or math.isnan(peak):
        return INCONCLUSIVE
    return PREMATURE if income < peak else ABOVE_PEAK


def sound_path(ds: Dataset, country: str, years: tuple[int, int]) -> pd.DataFrame:
    """``country``'s path (``world_pattern.country_path``) from the first year from which
    its manufacturing share may be compared with the last; empty when no change may be
    read."""
    path = wp.country_path(ds, country, years)
    first = sound_start(ds, "mva_share_gdp", country, [int(y) for y in path["year"]])
    if first is None:
        return path.iloc[:0]
    return path[path["year"] >= first].reset_index(drop=True)


def broken_path(path: pd.DataFrame, breaks: Iterable[int]) -> pd.DataFrame:
    """``path`` with a gap (NaN row) before each break year, so a line is not drawn across
    a break."""
    breaks, rows = set(breaks), []
    for _, row in path.iterrows():
        if int(row["year"]) in breaks and rows:
            rows.append({"year": row["year"], "income": math.nan, "mva_share": math.nan})
        rows.append(row.to_dict())
    return pd.DataFrame(rows, columns=path.columns)


@dataclass(frozen=True)
class Reading:
    """A country against the world pattern of ``year``: ``own`` (its ``income, mva_share,
    year`` in the cross-section), its ``path`` over the lesson's years and the ``sound``
    part of it (empty when no change may be read)."""

    year: int
    pattern: wp.WorldPattern
    cross: pd.DataFrame
    own: pd.Series
    path: pd.DataFrame
    sound: pd.DataFrame
    #: Likely breaks of the share inside the path (after its first year).
    breaks: tuple[int, ...] = ()

    @property
    def expected(self) -> float:
        return self.pattern.predict(self.own["income"])

    @property
    def change(self) -> float:
        """The share's change over the sound path (NaN when it may not be read)."""
        if len(self.sound) < 2:
            return math.nan
        return float(self.sound["mva_share"].iloc[-1] - self.sound["mva_share"].iloc[0])

    @property
    def verdict(self) -> int | None:
        if math.isnan(self.change):
            return None
        return verdict(self.change, float(self.sound["income"].iloc[-1]),
                       self.pattern.peak_income, self.pattern.clear)


def reading(ds: Dataset, country: str, years: tuple[int, int]) -> Reading | None:
    """The :class:`Reading` in the latest year up to ``years[1]`` with ``country``'s income
    and share; None without one."""
    year = wp.pattern_year(ds, country, years[1])
    if year is None:
        return None
    cross, path = wp.cross_section(ds, year), wp.country_path(ds, country, years)
    low, high = path["year"].min(), path["year"].max()
    breaks = tuple(y for y in series_flags(ds, "mva_share_gdp", country).breaks
                   if low < y <= high)
    return Reading(year, wp.world_pattern(ds, year), cross, cross.loc[country], path,
                   sound_path(ds, country, years), breaks)
