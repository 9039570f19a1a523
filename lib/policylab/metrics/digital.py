"""Digital readiness across countries: the composite index with stated weights, the latest
year each country reports, and the world pattern of an indicator against income.

Each table is computed once per Dataset (``@dataset_cached``); the digitalization lesson
reads them. Index method: OECD/JRC, *Handbook on Constructing Composite Indicators*
(2008), steps 5-6, through :func:`policylab.metrics.composite.weighted_composite`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.i18n import N_, _
from policylab.metrics.composite import weighted_composite
from policylab.pack.dataset import RECENCY_YEARS, Dataset, dataset_cached

#: Latest figures are taken from this many years up to the year asked for: the pack's
#: recency window (``ds.recency_cutoff`` to ``ds.newest_year``, DESIGN §10), so that "recent"
#: means one thing in the whole lesson (coverage, gaps, index, world pattern).
WINDOW_YEARS = RECENCY_YEARS + 1
#: Income variable of the world pattern (PPP, comparable across countries).
INCOME_INDICATOR = "gdp_per_capita_ppp"


@dataclass(frozen=True)
class Component:
    """One component of the digital-readiness index: its weight and how it is transformed
    before min-max normalisation (``"log"``: log10(1 + x); ``"cap"``: min(x, ``cap``))."""

    indicator: str
    weight: float
    transform: str = "none"
    cap: float = math.inf
    why: str = ""  # marked with N_; the weights table shows it translated


#: Stated weights (sum to 1): half on access, a quarter each on technology in trade and on
#: knowledge; within access, use of the internet weighs most because it is the outcome the
#: other access measures serve.
COMPONENTS: tuple[Component, ...] = (
    Component("internet_users_share", 0.20, why=N_("the outcome that access policies aim at")),
    Component("fixed_broadband_per100", 0.15,
              why=N_("the connection firms need for data-heavy use")),
    Component("mobile_per100", 0.05, "cap", 100.0,
              why=N_("capped at 100 per 100 people: beyond one line per person, extra SIM "
                     "cards measure multi-SIM habits, not access")),
    Component("secure_servers_per_million", 0.10, "log",
              why=N_("on a log scale: values span five orders of magnitude, so plain min-max "
                     "would put almost every country near zero")),
    Component("ict_goods_share_exports", 0.10, why=N_("production of digital hardware")),
    Component("hightech_share_manuf_exports", 0.15,
              why=N_("technology content of manufacturing")),
    Component("rd_share_gdp", 0.15, why=N_("effort to create and absorb technology")),
    Component("researchers_per_million", 0.10, why=N_("the people who do that work")),
)
#: The capped components and their caps.
CAPS = {c.indicator: c.cap for c in COMPONENTS if c.transform == "cap"}
#: A partial score (over the components present, weights rescaled) is shown only when the
#: components present carry at least this share of the total weight.
PARTIAL_MIN_WEIGHT = 0.6


def transformed(component: Component, values: pd.Series) -> pd.Series:
    """``values`` after the component's transformation (log, cap or none)."""
    if component.transform == "log":
        return np.log10(1.0 + values.clip(lower=0))
    if component.transform == "cap":
        return values.clip(upper=component.cap)
    return values


def latest_world(ds: Dataset, indicator: str, year: int,
                 window: int | None = WINDOW_YEARS) -> pd.DataFrame:
    """Every country's latest ``indicator`` in the ``window`` years up to ``year``:
    ``year, value`` indexed by ``iso3``."""
    return ds.latest_values(indicator, None, max_year=year, window=window)


@dataset_cached
def composite_scores(ds: Dataset, year: int,
                     components: tuple[Component, ...] = COMPONENTS) -> pd.DataFrame:
    """The digital-readiness index (0–100) of every country, from each component's latest
    value in the ``WINDOW_YEARS`` up to ``year``.

    Components are transformed (``Component.transform``), min-max normalised over every
    country with a value, and averaged with the stated weights (``weighted_composite``).
    ``score`` needs every component (nothing is imputed); ``partial_score`` averages the
    components present with their weights rescaled, when they carry at least
    ``PARTIAL_MIN_WEIGHT`` of the weight; ``rank`` is among countries with a full score.
    """
    raw = pd.DataFrame(index=pd.Index(list(ds.countries().index), name="iso3"))
    for component in components:
        values = latest_world(ds, component.indicator, year)["value"]
        raw[component.indicator] = transformed(component, values.reindex(raw.index))
    weights = {c.indicator: c.weight for c in components}
    direction = {c.indicator: ds.indicator(c.indicator).higher_is_better is not False
                 for c in components}
    full = weighted_composite(raw, weights, "minmax", higher_is_better=direction)
    partial = weighted_composite(raw, weights, "minmax", higher_is_better=direction,
                                 missing="reweight", min_weight=PARTIAL_MIN_WEIGHT)
    out = pd.DataFrame({"score": 100 * full["score"], "partial_score": 100 * partial["score"],
                        "weight_used": full["weight_used"], "missing": full["missing"]})
    out["rank"] = out["score"].rank(ascending=False, method="min").astype("Int64")
    return out


@dataset_cached
def latest_years(ds: Dataset, indicators: tuple[str, ...]) -> pd.DataFrame:
    """The latest year with a figure, per country (rows, non-aggregates) and indicator
    (columns); NA where a country has none."""
    countries = list(ds.countries().index)
    columns = {indicator: ds.latest_values(indicator, countries)["year"]
               for indicator in indicators}
    return pd.DataFrame(columns).reindex(countries).astype("Int64")


@dataset_cached
def world_with_income(ds: Dataset, indicator: str, year: int,
                      income: str = INCOME_INDICATOR) -> pd.DataFrame:
    """Every country's latest ``indicator`` and income (both within ``WINDOW_YEARS`` up to
    ``year``): ``year, value, income`` indexed by ``iso3``, positive incomes only."""
    values = latest_world(ds, indicator, year)
    income_values = latest_world(ds, income, year)["value"].rename("income")
    data = values.join(income_values, how="inner").dropna()
    return data[data["income"] > 0]


@dataset_cached
def world_panel(ds: Dataset, indicator: str) -> pd.DataFrame:
    """Every non-aggregate country's ``indicator`` as a wide panel (index year)."""
    rows = ds.series(indicator, list(ds.countries().index)).dropna(subset=["value"])
    return rows.pivot(index="year", columns="iso3", values="value")


def log_income_fit(data: pd.DataFrame) -> tuple[float, float]:
    """Slope and intercept of the least-squares line of ``value`` on log10 ``income``
    (the world pattern the scatter draws)."""
    slope, intercept = np.polyfit(np.log10(data["income"]), data["value"], 1)
    return float(slope), float(intercept)


def predicted_by_income(data: pd.DataFrame, country: str) -> float:
    """The value the world pattern (:func:`log_income_fit` over every country in ``data``)
    predicts for ``country``."""
    slope, intercept = log_income_fit(data)
    return float(slope * np.log10(data.at[country, "income"]) + intercept)


def relative_gap(value: float, median: float, higher_is_better: bool | None = True,
                 cap: float = math.inf) -> float:
    """Gap of ``value`` to ``median`` in % of the median, signed so that positive means
    ahead (``higher_is_better`` False flips it); 0 when both are at or beyond ``cap``;
    NaN when the median is missing or zero."""
    if math.isnan(value) or math.isnan(median) or not median:
        return float("nan")
    if value >= cap and median >= cap:
        return 0.0
    relative = 100.0 * (value - median) / abs(median)
    return relative if higher_is_better is not False else -relative



@dataclass(frozen=True)
class RegionPosition:
    """Where a country stood among a set of countries (its region) up to one year: its
    value, rank (1 = highest) and the set's quartiles, each country's latest figure within
    ``WINDOW_YEARS`` up to ``year``. ``first_year`` is the oldest of the figures compared:
    the words must name the span when it is not ``year`` alone."""

    year: int
    value: float
    rank: int
    count: int
    low: float
    median: float
    high: float
    first_year: int

    def quarter(self) -> str:
        """In words (the current language), which quarter of the set the value falls in."""
        if self.count < 4:
            return ""
        if self.value > self.high:
            return _("in the top quarter")
        if self.value >= self.median:
            return _("above the regional median")
        if self.value >= self.low:
            return _("below the regional median")
        return _("in the bottom quarter")


def latest_in_panel(panel: pd.DataFrame, columns: list[str], year: int,
                    window: int = WINDOW_YEARS) -> pd.DataFrame:
    """Each of ``columns``' latest value in ``panel`` (index year, one column per country)
    in the ``window`` years up to ``year``, and the year it is from (``value``, ``year``,
    indexed by country); countries without one left out."""
    present = [c for c in columns if c in panel.columns]
    recent = panel.loc[(panel.index > year - window) & (panel.index <= year), present]
    latest = pd.DataFrame({"value": recent.ffill().iloc[-1] if len(recent) else np.nan,
                           "year": recent.apply(pd.Series.last_valid_index)},
                          index=pd.Index(present, dtype=object)).dropna()
    return latest.astype({"year": "int64"})


def region_position(panel: pd.DataFrame, members: list[str], country: str,
                    year: int) -> RegionPosition | None:
    """``country``'s :class:`RegionPosition` among ``members`` (the country included) on
    the latest figures up to ``year``; None when it has no figure then."""
    latest = latest_in_panel(panel, list(dict.fromkeys([*members, country])), year)
    if country not in latest.index:
        return None
    values, own = latest["value"], float(latest.at[country, "value"])
    low, median, high = (float(q) for q in values.quantile([0.25, 0.5, 0.75]))
    return RegionPosition(year, own, int((values > own).sum()) + 1, len(values), low, median,
                          high, int(latest["year"].min()))
