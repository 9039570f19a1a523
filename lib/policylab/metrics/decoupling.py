"""Decoupling of emissions from output, and a real-output index chained from growth rates.

Decoupling compares the change of emissions with the change of real output between the
first and last year in which both are known (OECD 2002, "Indicators to measure decoupling
of environmental pressure from economic growth"): absolute when output grew and emissions
did not, relative when both grew but emissions more slowly, none otherwise.

Real output can come from a level series at constant prices or, where that stops earlier
than the emissions, from the published yearly real growth rates chained into an index
(:func:`chained_index`): the ratio of two index values equals the ratio of the constant-price
levels, so the % changes are the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.i18n import N_

#: The statuses are data (the results file keeps them in English); a page shows ``_(status)``.
ABSOLUTE = N_("absolute decoupling")
RELATIVE = N_("relative decoupling")
NO_DECOUPLING = N_("no decoupling")
DECOUPLING_STATUSES = (ABSOLUTE, RELATIVE, NO_DECOUPLING)
#: The rule as the page states it (shown as ``_(DECOUPLING_RULE)``).
DECOUPLING_RULE = N_(
    "Absolute decoupling: real GDP grew while CO2 emissions stayed flat or fell. "
    "Relative decoupling: both grew, emissions more slowly than GDP. "
    "No decoupling: emissions grew at least as fast as GDP, or GDP did not grow."
)


def percent_change(first: float, last: float) -> float:
    """``(last / first - 1) x 100``; NaN when the first value is not positive."""
    if not first > 0 or math.isnan(last):
        return float("nan")
    return (last / first - 1.0) * 100.0


def classify_decoupling(output_change: float, emissions_change: float) -> str:
    """The decoupling status from the % changes of output and of emissions (the rule in
    ``DECOUPLING_RULE``, after OECD 2002)."""
    if output_change <= 0:
        return NO_DECOUPLING
    if emissions_change <= 0:
        return ABSOLUTE
    if emissions_change < output_change:
        return RELATIVE
    return NO_DECOUPLING


def chained_index(growth: pd.Series, base: float = 100.0) -> pd.Series:
    """A level index from yearly % growth rates (index: year): the first year of the
    latest unbroken run of years is the base (``base``) and each following year is the
    previous one x (1 + growth / 100). The growth of the base year itself is not used (it
    links to the year before). A missing year breaks the chain: only the run ending in the
    latest year is returned; a growth of -100% or less ends a chain as well. Empty when
    fewer than two years are chained."""
    values = growth.dropna().astype(float).sort_index()
    years = values.index.to_numpy(dtype=int)
    if len(years) == 0:
        return pd.Series(dtype=float, index=pd.Index([], name="year", dtype="int64"))
    start = len(years) - 1
    while start > 0 and years[start - 1] == years[start] - 1 and values.iloc[start] > -100:
        start -= 1
    run = values.iloc[start:]
    factors = 1.0 + run.to_numpy() / 100.0
    factors[0] = 1.0
    if (factors <= 0).any() or len(run) < 2:
        return pd.Series(dtype=float, index=pd.Index([], name="year", dtype="int64"))
    index = pd.Series(base * np.cumprod(factors), index=run.index.astype(int), name="index")
    index.index.name = "year"
    return index


@dataclass(frozen=True)
class Decoupling:
    """How CO2 emissions and real output moved between the first and last year in which
    both are known: changes in percent and the resulting status."""

    country: str
    output: str
    first_year: int
    last_year: int
    output_change: float
    emissions_change: float

    @property
    def status(self) -> str:
        return classify_decoupling(self.output_change, self.emissions_change)


def common_years(*series: pd.Series) -> pd.DataFrame | None:
    """The years in which every series is known and positive (columns 0, 1, ...), or None
    when there are fewer than two."""
    frame = pd.concat([s.astype(float) for s in series], axis=1, keys=range(len(series)))
    frame = frame.dropna()
    frame = frame[(frame > 0).all(axis=1)].sort_index()
    return frame if len(frame) >= 2 else None


def decouple(country: str, emissions: pd.Series, output: pd.Series,
             output_name: str = "real GDP") -> Decoupling | None:
    """The decoupling of ``emissions`` from ``output`` (both indexed by year; output a level
    at constant prices or an index) between the first and last year in which both are
    known and positive; None when there are fewer than two such years."""
    both = common_years(emissions, output)
    if both is None:
        return None
    first, last = both.iloc[0], both.iloc[-1]
    return Decoupling(country, output_name, int(both.index[0]), int(both.index[-1]),
                      percent_change(first[1], last[1]), percent_change(first[0], last[0]))
