"""An emissions what-if: emissions = GDP x (emissions / GDP).

From a base year (the latest year with emissions data, so that no year that is already
history is "projected"), GDP grows at a constant yearly rate and emission intensity falls
by a chosen share each year: ``emissions(t) = emissions(base) x (1 + g)^t x (1 - r)^t``.
The growth rate is a country's own recent average (:func:`average_growth`, the geometric
mean of the yearly real growth rates). An arithmetic illustration, not a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.metrics.decoupling import percent_change


@dataclass(frozen=True)
class WhatIf:
    """An emissions path: emissions = GDP x (emissions / GDP), GDP growing by ``growth``
    and emission intensity falling by ``improvement`` each year from ``base_year``."""

    country: str
    base_year: int
    base_emissions: float
    growth: float
    growth_years: tuple[int, int]
    improvement: float
    until_year: int

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.base_year, self.until_year + 1)

    @property
    def first_projected_year(self) -> int:
        """The first year that is projected rather than observed (base year + 1)."""
        return self.base_year + 1

    def path(self, improvement: float | None = None) -> pd.Series:
        """Emissions by year (million tonnes CO2) for ``improvement`` (default: the
        scenario's): base x (1 + growth)^t x (1 - improvement)^t, from the base year."""
        rate = self.improvement if improvement is None else improvement
        steps = self.years - self.base_year
        values = self.base_emissions * ((1 + self.growth) * (1 - rate)) ** steps
        return pd.Series(values, index=self.years, name="co2_mt")

    @property
    def end_emissions(self) -> float:
        return float(self.path().iloc[-1])

    @property
    def change(self) -> float:
        """% change of emissions between the base year and ``until_year``."""
        return percent_change(self.base_emissions, self.end_emissions)

    @property
    def flat_improvement(self) -> float:
        """The yearly intensity improvement that keeps emissions flat: (1+g)(1-r) = 1."""
        return 1.0 - 1.0 / (1.0 + self.growth)


def average_growth(growth: pd.Series, window: int, min_years: int,
                   up_to: int | None = None) -> tuple[float, int, int] | None:
    """Average yearly growth over the latest ``window`` years (up to ``up_to``) of yearly %
    growth rates (index: year): the geometric mean of (1 + growth / 100) minus 1, with the
    first and last year used; None when fewer than ``min_years`` figures exist in the window
    or a rate is -100% or less."""
    values = growth.dropna().astype(float)
    if up_to is not None:
        values = values[values.index <= up_to]
    if values.empty:
        return None
    last = int(values.index.max())
    values = values[values.index > last - window]
    if len(values) < min_years:
        return None
    factors = 1.0 + values.to_numpy() / 100.0
    if (factors <= 0).any():
        return None
    rate = float(np.exp(np.log(factors).mean()) - 1.0)
    return rate, int(values.index.min()), last
