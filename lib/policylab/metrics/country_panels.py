"""Every country's values of one indicator, as a wide panel over years (once per Dataset)
or across one year, a value's rank among them, one country's series side by side, and
the latest values of some countries in a panel's last years."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from policylab.metrics.value_chains_trade import latest_by_column
from policylab.pack.dataset import Dataset, dataset_cached


@dataset_cached
def all_countries(ds: Dataset, indicator: str, years: tuple[int, int]) -> pd.DataFrame:
    """Every country's series (index year, columns iso3) over ``years``."""
    return ds.panel(indicator, list(ds.countries().index), years)


def year_values(ds: Dataset, indicator: str, year: int) -> pd.Series:
    """Every economy's value of ``indicator`` in ``year`` (index iso3)."""
    rows = ds.series(indicator, None, [year]).dropna(subset=["value"])
    return rows.set_index("iso3")["value"]


def rank_in(values: pd.Series, code: str) -> int:
    """``code``'s rank in ``values`` (1 = highest; ties share the better rank)."""
    return int((values > values[code]).sum()) + 1


def country_columns(ds: Dataset, indicators: Mapping[str, str], country: str,
                    years: tuple[int, int]) -> pd.DataFrame:
    """``country``'s series of several ``indicators`` side by side (index year, columns
    their names in ``indicators``; an indicator without any value has no column), years
    without any value dropped."""
    wide = {name: all_countries(ds, indicator, years) for indicator, name in indicators.items()}
    return pd.DataFrame({name: frame[country] for name, frame in wide.items()
                         if country in frame.columns}).dropna(how="all")


def recent_latest(wide: pd.DataFrame, columns: list[str], year: int,
                  rows: int = 5) -> pd.Series:
    """Each of ``columns``' last value within the last ``rows`` rows of ``wide`` (index
    year) up to ``year``; columns without one left out."""
    recent = wide.reindex(columns=columns).loc[:year].tail(rows)
    return latest_by_column(recent)["value"]
