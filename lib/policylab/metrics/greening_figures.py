"""Figures of the greening lesson read off one country's series or a few countries' tables
(beside :mod:`policylab.metrics.emissions`, whose cached tables they read):

- :func:`ends`: a series' first and last value in a span and their % change;
- :func:`data_end`: the last year any country (not aggregate) has an indicator;
- :func:`country_panel`: one indicator for a few countries, one column each;
- :func:`decoupling_indices`: real GDP, real manufacturing value added and CO2 as indices
  (first year = 100), the lines of the decoupling chart;
- :func:`cement_share_panel`: cement's share of CO2 for a few countries;
- :func:`projection`: the emissions what-if from the latest year of emissions data and the
  country's own recent growth (:mod:`policylab.metrics.emissions_path`).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from policylab.errors import PolicylabError
from policylab.metrics.decoupling import percent_change
from policylab.metrics.emissions import (
    Years,
    cement_shares,
    country_series,
    real_gdp_index,
    recent_growth,
)
from policylab.metrics.emissions_path import WhatIf
from policylab.pack.dataset import Dataset, dataset_cached


class Ends(NamedTuple):
    """The first and last year of a series, their values and the % change between them."""

    first_year: int
    first: float
    last_year: int
    last: float
    change: float


def ends(values: pd.Series, positive: bool = False) -> Ends | None:
    """The first and last value of ``values`` (index year) and their % change; with
    ``positive``, of its positive values only. None with fewer than two values or when the
    change has no percentage (a first value that is not positive)."""
    values = values[values > 0] if positive else values
    if len(values) < 2:
        return None
    first, last = float(values.iloc[0]), float(values.iloc[-1])
    change = percent_change(first, last)
    return None if change != change else \
        Ends(int(values.index[0]), first, int(values.index[-1]), last, change)


@dataset_cached
def data_end(ds: Dataset, indicator: str) -> int | None:
    """The last year any country (not aggregate) has ``indicator`` in this pack (once per
    Dataset: every chart's coverage line asks)."""
    rows = ds.series(indicator, list(ds.countries().index)).dropna(subset=["value"])
    return None if rows.empty else int(rows["year"].max())


def country_panel(ds: Dataset, indicator: str, codes: list[str], years: Years) -> pd.DataFrame:
    """Wide table (index year, one column per country of ``codes`` with data) of one
    indicator inside ``years``."""
    table = pd.DataFrame({code: country_series(ds, indicator, code, years) for code in codes})
    table.index.name, table.columns.name = "year", "iso3"
    return table.dropna(axis=1, how="all")


def decoupling_indices(ds: Dataset, iso3: str, years: Years, first: int,
                       last: int) -> dict[str, pd.Series]:
    """``gdp`` (real GDP chained from growth), ``mva`` (manufacturing value added at
    constant prices) and ``co2`` (CO2 emissions) as indices, ``first`` = 100, up to
    ``last``; a series without a positive value in ``first`` is empty."""
    found = {"gdp": real_gdp_index(ds, iso3, years),
             "mva": country_series(ds, "mva_const_usd", iso3, years),
             "co2": country_series(ds, "co2_mt", iso3, years)}
    return {key: 100.0 * v.loc[first:last] / v[first] if first in v.index and v[first] > 0
            else v.iloc[:0] for key, v in found.items()}


def cement_share_panel(ds: Dataset, codes: list[str], years: tuple[int, int]) -> pd.DataFrame:
    """Cement CO2 as a share of all CO2 (%, :func:`~policylab.metrics.emissions.cement_shares`)
    of ``codes`` inside ``years``: index year, one column per country with data."""
    shares = cement_shares(ds)
    shares = shares[shares["iso3"].isin(codes) & shares["year"].between(*years)]
    return shares.pivot(index="year", columns="iso3", values="value")


def projection(ds: Dataset, iso3: str, up_to: int, improvement: float, until_year: int,
               window: int, min_years: int) -> WhatIf | str:
    """The what-if from ``iso3``'s latest CO2 emissions up to ``up_to`` and its average real
    growth of the latest ``window`` years up to ``up_to`` (from at least ``min_years``
    figures); else the id of the series that is missing ("co2_mt" or "gdp_growth").
    ``improvement`` is a fraction (0.03 = 3% less CO2 per unit of GDP each year) and
    ``until_year`` must come after the base year: bad choices raise ``PolicylabError``."""
    if not isinstance(improvement, int | float) or not -1 < improvement < 1:
        raise PolicylabError(f"improvement must be a yearly fraction between -1 and 1 "
                             f"(0.03 means 3% a year), not {improvement!r}.")
    base = ds.latest("co2_mt", iso3, max_year=up_to)
    if base.year is None or not base.value > 0:
        return "co2_mt"
    if int(until_year) <= base.year:
        raise PolicylabError(f"until_year must be after the latest emissions year "
                             f"({base.year}), not {until_year}.")
    growth = recent_growth(ds, iso3, up_to, window, min_years)
    if growth is None:
        return "gdp_growth"
    average, first, last = growth
    return WhatIf(iso3, base.year, base.value, average, (first, last), float(improvement),
                  int(until_year))
