"""Emissions tables of the greening lesson, computed once per Dataset (``@dataset_cached``).

- :func:`country_series`: one country's yearly values of an emissions, energy or output
  indicator (the indicators of ``INDICATORS`` come from one table per pack, built once,
  because the batch runs every country in one process);
- :func:`decoupling`: CO2 (``co2_mt``) against real GDP chained from WDI's yearly real
  growth (:mod:`policylab.metrics.decoupling`), over a span of years;
- :func:`sector_split` and :func:`sector_shares`: CO2 by source (industrial processes,
  fuel burnt in industry, the power industry and the rest) and industry's and power's share;
- :func:`cement_shares` / :func:`cement_share_medians`: cement CO2 (OWID) as a share of
  all CO2 (EDGAR) for every country, and the yearly median of a group (>= 3 countries);
- :func:`recent_growth`: a country's average real growth of the latest years
  (:func:`policylab.metrics.emissions_path.average_growth`).
"""

from __future__ import annotations

import pandas as pd

from policylab.evidence.medians import median_of
from policylab.metrics.decoupling import Decoupling, chained_index, decouple
from policylab.metrics.emissions_path import average_growth
from policylab.pack.dataset import Dataset, dataset_cached

#: Industry's own CO2 (EDGAR, through WDI) and the power sector beside it, in stacking order.
SECTOR_PARTS = ("co2_industry_processes_mt", "co2_industry_combustion_mt", "co2_power_mt")
REST = "rest"
#: The indicators read through one cached table per pack.
INDICATORS = ("co2_mt", "co2_per_capita", "co2_per_gdp", "ghg_total_mt", *SECTOR_PARTS,
              "co2_industry_mt", "co2_industry_share", "co2_industry_per_mva", "cement_co2_mt",
              "energy_intensity", "renewable_share_energy", "renewable_share_electricity",
              "mva_const_usd", "gdp_growth")
#: Real output for decoupling: WDI's yearly real GDP growth, chained into an index.
OUTPUT_ID = "gdp_growth"
Years = tuple[int, int] | None


def _empty() -> pd.Series:
    return pd.Series(dtype=float, index=pd.Index([], name="year", dtype="int64"))


@dataset_cached
def country_tables(ds: Dataset) -> dict[str, pd.DataFrame]:
    """Per country, the values of ``INDICATORS``: index year, one column each."""
    frames = [ds.series(i).assign(indicator=i) for i in INDICATORS if i in ds.catalogue]
    long = pd.concat(frames, ignore_index=True).dropna(subset=["value"])
    wide = long.pivot_table(index=["iso3", "year"], columns="indicator", values="value",
                            aggfunc="first")
    return {str(iso3): table.droplevel("iso3").sort_index()
            for iso3, table in wide.groupby(level="iso3")}


def country_series(ds: Dataset, indicator: str, iso3: str, years: Years = None) -> pd.Series:
    """``iso3``'s non-missing values of ``indicator`` by year, inside ``years`` when given."""
    if indicator in INDICATORS:
        table = country_tables(ds).get(iso3)
        if table is None or indicator not in table.columns:
            return _empty()
        values = table[indicator].dropna().astype(float)
    else:
        rows = ds.series(indicator, iso3).dropna(subset=["value"])
        values = rows.set_index("year")["value"].astype(float)
    if years is not None:
        values = values[(values.index >= years[0]) & (values.index <= years[1])]
    return values


def real_gdp_index(ds: Dataset, iso3: str, years: Years = None) -> pd.Series:
    """Real GDP as an index chained from WDI's yearly real growth (``NY.GDP.MKTP.KD.ZG``):
    it reaches the latest year of growth data, where the constant-price level stops earlier."""
    return chained_index(country_series(ds, OUTPUT_ID, iso3, years))


def decoupling(ds: Dataset, iso3: str, years: Years = None) -> Decoupling | None:
    """CO2 emissions against real GDP between the first and last year (inside ``years``)
    both are known; None when fewer than two such years exist."""
    return decouple(iso3, country_series(ds, "co2_mt", iso3, years),
                    real_gdp_index(ds, iso3, years), "real GDP")


def sector_split(ds: Dataset, iso3: str, years: Years = None) -> pd.DataFrame:
    """CO2 (million tonnes) by source: ``SECTOR_PARTS`` and ``REST`` (total minus the
    parts, not below zero), only in years where all are known and some CO2 is emitted."""
    columns = {i: country_series(ds, i, iso3, years) for i in [*SECTOR_PARTS, "co2_mt"]}
    frame = pd.DataFrame(columns).dropna()
    frame[REST] = (frame["co2_mt"] - frame[list(SECTOR_PARTS)].sum(axis=1)).clip(lower=0)
    frame = frame.drop(columns="co2_mt")
    frame.index.name = "year"
    return frame[frame.sum(axis=1) > 0]


def sector_shares(ds: Dataset, iso3: str, year: int) -> tuple[float, float]:
    """Industry's share of CO2 (the pack's ``co2_industry_share``) and the power industry's
    (``co2_power_mt`` / ``co2_mt`` x 100) in ``year``, in %; NaN where unknown."""
    industry = country_series(ds, "co2_industry_share", iso3).get(year, float("nan"))
    total = country_series(ds, "co2_mt", iso3).get(year, float("nan"))
    power = country_series(ds, "co2_power_mt", iso3).get(year, float("nan"))
    return float(industry), (100.0 * power / total if total > 0 else float("nan"))


@dataset_cached
def cement_shares(ds: Dataset) -> pd.DataFrame:
    """Every country's cement CO2 as a share of its CO2 (%), same year: ``iso3, year,
    value``, where both are known and CO2 is positive."""
    members = list(ds.countries().index)
    both = ds.series("cement_co2_mt", members).merge(
        ds.series("co2_mt", members), on=["iso3", "year"], suffixes=("_n", "_d")).dropna()
    both = both[both["value_d"] > 0]
    return pd.DataFrame({"iso3": both["iso3"].astype(str), "year": both["year"].astype(int),
                         "value": 100.0 * both["value_n"] / both["value_d"]}
                        ).reset_index(drop=True)


@dataset_cached
def cement_share_medians(ds: Dataset, income_group: str) -> pd.Series:
    """The income group's median cement share by year, only in years with at least
    ``evidence.MIN_COUNT`` members reporting (index year)."""
    meta = ds.countries()["income_group"]
    shares = cement_shares(ds)
    mine = shares[shares["iso3"].map(meta) == income_group]
    medians = {int(y): median_of(part["value"], income_group).value
               for y, part in mine.groupby("year")}
    out = pd.Series(medians, dtype=float).dropna()
    out.index.name = "year"
    return out


def recent_growth(ds: Dataset, iso3: str, up_to: int | None = None, window: int = 10,
                  min_years: int = 5) -> tuple[float, int, int] | None:
    """Average yearly real GDP growth over the latest ``window`` years up to ``up_to``
    (geometric mean), with its first and last year; None with fewer than ``min_years``."""
    return average_growth(country_series(ds, OUTPUT_ID, iso3), window, min_years, up_to=up_to)
