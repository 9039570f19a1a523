"""How old a country's latest figures are, against the newest figure any country has."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def years_behind(latest_years: pd.DataFrame, rows: Sequence[str]) -> pd.DataFrame:
    """For ``rows`` of ``latest_years`` (latest year per country and indicator, as
    ``metrics.digital.latest_years``): years behind the column's newest year over every
    country (0 or negative; NaN where a country has no figure)."""
    return (latest_years.reindex(rows) - latest_years.max()).astype(float)
