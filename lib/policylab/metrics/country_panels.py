"""Every country's values of one indicator, as a wide panel over years or across one
year, computed once per Dataset, and a value's rank among them."""

from __future__ import annotations

import pandas as pd

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
