"""The world pattern of manufacturing against income (Rodrik 2016, "Premature
deindustrialization", *Journal of Economic Growth* 21): manufacturing's share of GDP rises
with income and then falls. Fitted once per Dataset and year as a quadratic in log10 income
over every country's latest year in a window.

A fitted curve always has a peak; whether the data show one is another matter. The fit is
**clear** only when the curve's rise (from the poorest country's income to the peak) and its
fall (from the peak to the richest country's income) are each larger than the typical
scatter of countries around it, and a country's distance from the curve only when it exceeds
that scatter: the one verdict rule of ``policylab.evidence.verdicts``. Verdicts built on the
pattern (premature de-industrialization) are given only when both are clear.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.evidence.verdicts import FitEvidence, scatter_definition, typical_scatter
from policylab.i18n import _, ngettext
from policylab.pack.dataset import Dataset, dataset_cached
from policylab.text import format_value

#: Countries' latest values come from this many years up to the reference year.
PATTERN_WINDOW_YEARS = 5


@dataclass(frozen=True)
class WorldPattern:
    """The quadratic fit of MVA share on log10 income, and what it implies for a country."""

    coefficients: tuple[float, float, float]
    n_countries: int
    year: int
    #: Typical distance of a country from the curve (robust: ``evidence.verdicts.
    #: typical_scatter``), in percentage points; NaN when not computed.
    scatter: float = float("nan")
    #: Lowest and highest income in the fit.
    income_range: tuple[float, float] = (float("nan"), float("nan"))

    def predict(self, income: float) -> float:
        return float(np.polyval(self.coefficients, math.log10(income)))

    @property
    def peak_income(self) -> float:
        """Income at which the fitted share peaks (NaN when the fit is not a hump)."""
        a, b, _ = self.coefficients
        return float(10 ** (-b / (2 * a))) if a < 0 else float("nan")

    @property
    def rise(self) -> float:
        """How much the curve rises from the lowest income to the peak (NaN without a peak
        inside the income range)."""
        low, high = self.income_range
        peak = self.peak_income
        if math.isnan(peak) or not low < peak < high:
            return float("nan")
        return self.predict(peak) - self.predict(low)

    @property
    def fall(self) -> float:
        """How much the curve falls from the peak to the highest income (NaN as ``rise``)."""
        low, high = self.income_range
        peak = self.peak_income
        if math.isnan(peak) or not low < peak < high:
            return float("nan")
        return self.predict(peak) - self.predict(high)

    def evidence(self, income: float = float("nan"), share: float = float("nan")
                 ) -> FitEvidence:
        """The verdict rule of ``evidence.verdicts`` for this hump (its smaller movement:
        rise or fall) and, given one, a country's distance from it."""
        movement = min(self.rise, self.fall) if not math.isnan(self.rise) else float("nan")
        distance = (share - self.predict(income)) if not math.isnan(income) else float("nan")
        return FitEvidence(movement, self.scatter, distance)

    @property
    def clear(self) -> bool:
        """Are the hump's rise and fall each larger than the typical scatter?"""
        return self.evidence().pattern_clear

    def distance_is_clear(self, income: float, share: float) -> bool:
        """Is a country's distance from the curve larger than the typical scatter?"""
        return self.evidence(income, share).distance_clear


def fit_pattern(cross: pd.DataFrame, year: int) -> WorldPattern:
    """Least squares of ``mva_share`` on log10 ``income`` and its square (the same fit
    ``charts.scatter_compare(trend="quadratic", log_x=True)`` draws)."""
    x, y = np.log10(cross["income"]), cross["mva_share"]
    a, b, c = np.polyfit(x, y, 2)
    residuals = np.asarray(y - np.polyval((a, b, c), x), dtype=float)
    scatter = typical_scatter(residuals.tolist())
    return WorldPattern((float(a), float(b), float(c)), len(cross), year, scatter,
                        (float(cross["income"].min()), float(cross["income"].max())))


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


def method_note(drop_pp: float) -> str:
    """The method box (Markdown) of the premature de-industrialization check on this
    pattern, with its parameters from the code; ``drop_pp`` is the check's threshold, the
    fall in the share (in percentage points) that counts as de-industrialization."""
    size = format_value(abs(drop_pp))
    points = ngettext("{n} percentage point", "{n} percentage points",
                      1 if size == "1" else 2).format(n=size)
    return "\n\n".join((
        _("**Method: premature de-industrialization check.** Across countries, "
          "manufacturing's share of GDP is often said to first rise with income and then fall "
          "(a hump). The line is a least-squares fit `share = a + b·log₁₀(income) + "
          "c·log₁₀(income)²` over each country's latest year in a {window}-year window; "
          "income is GDP at constant 2015 US$ divided by population. *Premature* "
          "de-industrialization (Rodrik 2016) means the share starts falling at a lower income "
          "than it did for earlier industrialisers.").format(window=PATTERN_WINDOW_YEARS),
        _("*The rule, in three checks.* (1) Did the share fall by more than {points} over the "
          "period (read only over years without a likely series break)? (2) Is the world "
          "pattern clear: does the fitted line rise (from the poorest country's income to its "
          "peak) and fall (from the peak to the richest country's income) each by more than "
          "the typical scatter of countries around it ({scatter})? If not, the line has a "
          "peak only because a quadratic always has "
          "one, and the evidence is **inconclusive**. (3) Only with a clear pattern: is income "
          "below the peak? Then the fall is read as a sign of premature de-industrialization. "
          "A country's distance from the line is called above or below it, but is read as a "
          "gap only when it is larger than the typical scatter.").format(
              points=points, scatter=scatter_definition()),
        _("*Limits:* a cross-section is not a path every country must follow; shares at "
          "current prices fall when manufactured goods get cheaper even if real output grows; "
          "outsourcing of services from factories lowers measured manufacturing; small and "
          "resource-rich economies sit far from the line for reasons of endowment, not policy. "
          "Treat the result as a question for the workshop, not a verdict."),
    ))
