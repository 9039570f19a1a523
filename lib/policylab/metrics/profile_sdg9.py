"""The SDG 9 panel's figures (industrial profile, sections 7-8).

For one indicator and country: the latest value up to an end year with the year it was
measured (a value the publisher repeats is dated to the first year of the run:
``evidence.carried``), the first value from a start year on, and the medians of the peers
and of the income group over each country's latest value measured in the ``WINDOW_YEARS``
up to the country's year, by the evidence layer's rule (``evidence.MIN_COUNT`` countries,
DESIGN §10).

``EMPLOYMENT``, the nearest figure to SDG 9.2.2, is computed here: industry's share of
employment as ``f·F + (1 − f)·M`` (F, M: shares of employed women and men in industry; f:
women's share of the labour force / 100), which approximates employment with the labour
force.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from policylab.evidence import carried
from policylab.evidence.carried import dated, latest_of
from policylab.evidence.medians import median_of
from policylab.i18n import N_, _
from policylab.pack.dataset import RECENCY_YEARS, Dataset

#: Medians are over each country's latest value in this many years up to the country's year
#: (the window of ``evidence.peer_median``).
WINDOW_YEARS = RECENCY_YEARS + 1
#: 9.2.2's nearest figure (not a pack id) and the pack series it is built from.
EMPLOYMENT = "industry_share_employment"
EMPLOYMENT_PARTS = ("empl_industry_female", "empl_industry_male", "female_share_labour_force")
EMPLOYMENT_LABEL = N_("Industry's share of employment (nearest figure, approximated: see note)")
EMPLOYMENT_UNIT = N_("% of employment")


@dataclass(frozen=True)
class Figure:
    """One row of the panel. Medians are NaN when fewer than ``MIN_COUNT`` report
    (``peer_n`` and ``group_n`` say how many did; ``*_first`` is the oldest year among
    them); ``start_*`` is the first year with data from the start year on."""

    target: str
    indicator: str
    label: str
    unit: str
    value: float
    year: int | None
    start_value: float
    start_year: int | None
    peer_median: float
    peer_n: int
    group_median: float
    group_n: int
    peer_first: int | None = None
    group_first: int | None = None
    years_with_data: tuple[int, ...] = ()
    repeated_since: int | None = None

    @property
    def change(self) -> float:
        if self.year is None or self.start_year is None or self.start_year >= self.year:
            return math.nan
        return self.value - self.start_value


def employment_share(parts: pd.DataFrame) -> pd.Series:
    """``f·F + (1 − f)·M`` from the ``EMPLOYMENT_PARTS`` columns of ``parts``."""
    female, male, women = (parts[p] for p in EMPLOYMENT_PARTS)
    return women / 100 * female + (1 - women / 100) * male


def rows(ds: Dataset, indicator: str) -> pd.DataFrame:
    """Every country's non-missing observations (``iso3, year, value, measured``:
    ``evidence.carried.dated``), once per Dataset; ``EMPLOYMENT`` in the years when all of
    its parts exist."""
    if indicator != EMPLOYMENT:
        return carried.rows(ds, indicator)

    def compute() -> pd.DataFrame:
        parts = [rows(ds, p).set_index(["iso3", "year"])["value"].rename(p)
                 for p in EMPLOYMENT_PARTS]
        value = employment_share(pd.concat(parts, axis=1, join="inner"))
        return dated(value.rename("value").reset_index())

    return ds.cached(("metrics.profile_sdg9.rows", indicator), compute)


def window_median(long: pd.DataFrame, codes: Sequence[str],
                  year: int) -> tuple[float, int, int | None]:
    """The median of the ``codes``' latest values measured in the ``WINDOW_YEARS`` up to
    ``year`` (``long`` from ``carried.dated``; NaN below ``MIN_COUNT``), how many report,
    and the oldest year among them."""
    latest = latest_of(long, codes, year, WINDOW_YEARS)
    median = median_of(latest["value"], "", latest["year"])
    return median.value, median.count, (median.years[0] if median.years else None)


def figure_of(long: pd.DataFrame, indicator: str, country: str, peers: Sequence[str],
              members: Sequence[str], years: tuple[int, int], target: str = "",
              label: str = "", unit: str = "") -> Figure:
    """The ``Figure`` of ``country`` from every country's rows ``long`` of ``indicator``
    (from ``carried.dated``) over ``years`` (start, end), against ``peers`` and the income
    group's ``members``."""
    own = long[(long["iso3"] == country) & (long["year"] <= years[1])]
    head, nan = (target, indicator, label, unit), math.nan
    if own.empty:
        return Figure(*head, nan, None, nan, None, nan, 0, nan, 0)
    year, value = int(own["measured"].iloc[-1]), float(own["value"].iloc[-1])
    since = own[own["year"] >= years[0]]
    start_year = int(since["year"].iloc[0]) if len(since) else None
    start_value = float(since["value"].iloc[0]) if len(since) else nan
    peer, group = window_median(long, peers, year), window_median(long, members, year)
    repeated = year if year != int(own["year"].iloc[-1]) else None
    return Figure(*head, value, year, start_value, start_year, peer[0], peer[1], group[0],
                  group[1], peer[2], group[2], tuple(int(y) for y in own["year"]), repeated)


def figure(ds: Dataset, indicator: str, country: str, peers: Sequence[str],
           years: tuple[int, int], target: str = "") -> Figure:
    """:func:`figure_of` over the pack's rows, with the indicator's label as written before
    its unit (``Indicator.label_beside_unit``) and the unit; the income group is the
    country's own."""
    if indicator == EMPLOYMENT:
        label, unit = _(EMPLOYMENT_LABEL), _(EMPLOYMENT_UNIT)
    else:
        label, unit = ds.indicator(indicator).label_beside_unit, ds.indicator(indicator).unit
    group = ds.countries()["income_group"]
    members = list(group[group == group[country]].index)
    return figure_of(rows(ds, indicator), indicator, country, peers, members, years, target,
                     label, unit)
