"""The world pattern of manufacturing against income (Rodrik 2016, "Premature
deindustrialization", *Journal of Economic Growth* 21): manufacturing's share of GDP rises
with income and then falls. Fitted once per Dataset and year as a quadratic in log10 income
over every country's latest year in a window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.pack.dataset import Dataset, dataset_cached

#: Countries' latest values come from this many years up to the reference year.
PATTERN_WINDOW_YEARS = 5


@dataclass(frozen=True)
class WorldPattern:
    """The quadratic fit of MVA share on log10 income, and what it implies for a country."""

    coefficients: tuple[float, float, float]
    n_countries: int
    year: int

    def predict(self, income: float) -> float:
        return float(np.polyval(self.coefficients, math.log10(income)))

    @property
    def peak_income(self) -> float:
        """Income at which the fitted share peaks (NaN when the fit is not a hump)."""
        a, b, _ = self.coefficients
        return float(10 ** (-b / (2 * a))) if a < 0 else float("nan")


def fit_pattern(cross: pd.DataFrame, year: int) -> WorldPattern:
    """Least squares of ``mva_share`` on log10 ``income`` and its square (the same fit
    ``charts.scatter_compare(trend="quadratic", log_x=True)`` draws)."""
    a, b, c = np.polyfit(np.log10(cross["income"]), cross["mva_share"], 2)
    return WorldPattern((float(a), float(b), float(c)), len(cross), year)


@dataset_cached
def income_and_mva(ds: Dataset) -> pd.DataFrame:
    """GDP per person (constant 2015 US$: GDP at constant prices / population) and the MVA
    share of GDP, for every country and year where both exist: ``year, iso3, income,
    mva_share``."""
    countries = list(ds.countries().index)
    gdp = ds.panel("gdp_const_usd", countries).stack().rename("gdp")
    pop = ds.panel("population", countries).stack().rename("pop")
    mva = ds.panel("mva_share_gdp", countries).stack().rename("mva_share")
    both = pd.concat([gdp, pop, mva], axis=1).dropna()
    both["income"] = both["gdp"] / both["pop"]
    both = both[both["income"] > 0]
    return both[["income", "mva_share"]].rename_axis(["year", "iso3"]).reset_index()


@dataset_cached
def cross_section(ds: Dataset, year: int) -> pd.DataFrame:
    """Each country's latest income and MVA share in the ``PATTERN_WINDOW_YEARS`` up to
    ``year`` (index ISO3; ``income, mva_share, year``)."""
    data = income_and_mva(ds)
    window = data[(data["year"] <= year) & (data["year"] > year - PATTERN_WINDOW_YEARS)]
    last = window.sort_values("year").groupby("iso3").tail(1)
    return last.set_index("iso3")[["income", "mva_share", "year"]]


@dataset_cached
def world_pattern(ds: Dataset, year: int) -> WorldPattern:
    """:func:`fit_pattern` over the :func:`cross_section` of ``year``."""
    return fit_pattern(cross_section(ds, year), year)


def pattern_year(ds: Dataset, country: str, end_year: int) -> int | None:
    """The latest year up to ``end_year`` with income and MVA share for ``country``."""
    data = income_and_mva(ds)
    mine = data[(data["iso3"] == country) & (data["year"] <= end_year)]
    return None if mine.empty else int(mine["year"].max())


def country_path(ds: Dataset, country: str, years: tuple[int, int]) -> pd.DataFrame:
    """``country``'s income and MVA share by year within ``years``, oldest first."""
    data = income_and_mva(ds)
    mine = data[(data["iso3"] == country) & data["year"].between(*years)]
    return mine.sort_values("year").reset_index(drop=True)
