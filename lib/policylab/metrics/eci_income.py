"""The published ECI against income: every economy's ECI and GDP per capita in the ECI's
latest year (up to a given year) and the ECI its income predicts (least squares on log10
GDP per capita), computed once per Dataset."""

from __future__ import annotations

import numpy as np
import pandas as pd

from policylab.pack.dataset import Dataset, dataset_cached
from policylab.peers import latest_values

COLUMNS = ["eci", "gdp_per_capita", "year"]


def eci_years(ds: Dataset) -> tuple[int, int] | None:
    """First and last year of the published ECI in the pack (None when absent)."""
    rows = ds.series("eci").dropna(subset=["value"])
    return None if rows.empty else (int(rows["year"].min()), int(rows["year"].max()))


@dataset_cached
def eci_income_fit(ds: Dataset, end_year: int) -> pd.DataFrame:
    """Index iso3: ``eci`` (the latest ECI year up to ``end_year``), ``gdp_per_capita``
    (latest value up to that year) with its ``year``, and ``expected`` (the fitted ECI,
    when more than two economies have both). ``attrs["eci_year"]`` is the ECI's year."""
    span = eci_years(ds)
    if span is None:
        return pd.DataFrame(columns=COLUMNS)
    year = min(span[1], end_year)
    eci = ds.series("eci", None, [year]).dropna(subset=["value"]).set_index("iso3")["value"]
    income = latest_values(ds, "gdp_per_capita", list(eci.index), year)
    frame = pd.DataFrame({"eci": eci, "gdp_per_capita": income["value"],
                          "year": income["year"]}).dropna()
    frame = frame[frame["gdp_per_capita"] > 0]
    frame.attrs["eci_year"] = year
    if len(frame) > 2:
        slope, intercept = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["eci"], 1)
        frame["expected"] = intercept + slope * np.log10(frame["gdp_per_capita"])
    return frame
