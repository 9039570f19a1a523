"""Structure and growth: shares, per-capita values, growth rates, world shares, ranks, gaps.

Standard descriptive statistics (e.g. UNIDO's *International Yearbook of Industrial
Statistics*; World Bank WDI definitions). Inputs are plain pandas objects; long tables use
the pack's column names ``iso3, year, value``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.errors import DataError, PolicylabError

LONG_COLUMNS = ("iso3", "year", "value")


def _check_long(frame: pd.DataFrame, what: str) -> None:
    missing = [c for c in LONG_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"{what} lacks column(s) {', '.join(missing)}; "
                        f"expected a long table {', '.join(LONG_COLUMNS)}")


def share(part: pd.Series | pd.DataFrame | float, total: pd.Series | float,
          percent: bool = True) -> pd.Series | pd.DataFrame | float:
    """part / total (x 100 when ``percent``), aligned on the index; a zero total gives NaN
    (a share of nothing is undefined, not infinite)."""
    denominator = total.where(total != 0) if isinstance(total, pd.Series) else (
        total if total != 0 else np.nan)
    if isinstance(part, pd.DataFrame) and isinstance(denominator, pd.Series):
        ratio = part.div(denominator, axis=0)
    else:
        ratio = part / denominator
    return ratio * (100.0 if percent else 1.0)


def per_capita(value: pd.Series | float, population: pd.Series | float
               ) -> pd.Series | float:
    """value / population, aligned on the index; zero or missing population gives NaN."""
    return share(value, population, percent=False)


@dataclass(frozen=True)
class Cagr:
    """A compound annual growth rate and the years it actually spans.

    ``rate`` is a fraction (0.05 = 5% a year), NaN when fewer than two years have data in the
    window or an endpoint is not positive; ``start_year``/``end_year`` are then None if absent.
    """

    rate: float
    start_year: int | None
    end_year: int | None
    start_value: float
    end_value: float


def cagr(series: pd.Series, start: int | None = None, end: int | None = None) -> Cagr:
    """Compound annual growth rate (end / start) ** (1 / years) - 1 over a window.

    ``series`` is indexed by year. The first and last years with data inside
    [``start``, ``end``] (None = open) are used, and returned, so that text can say which
    years the rate covers when the window's edges are missing.
    """
    values = series.dropna().sort_index()
    years = values.index.astype(int)
    mask = np.ones(len(values), dtype=bool)
    if start is not None:
        mask &= years >= start
    if end is not None:
        mask &= years <= end
    inside = values[mask]
    if len(inside) < 2:
        year = int(inside.index[0]) if len(inside) else None
        value = float(inside.iloc[0]) if len(inside) else np.nan
        return Cagr(np.nan, year, year, value, value)
    y0, y1 = int(inside.index[0]), int(inside.index[-1])
    v0, v1 = float(inside.iloc[0]), float(inside.iloc[-1])
    rate = (v1 / v0) ** (1.0 / (y1 - y0)) - 1.0 if v0 > 0 and v1 > 0 else np.nan
    return Cagr(rate, y0, y1, v0, v1)


def cagr_table(panel: pd.DataFrame, start: int | None = None,
               end: int | None = None) -> pd.DataFrame:
    """``cagr`` for every column of a wide panel (index year, columns iso3): returns
    ``iso3, rate, start_year, end_year, start_value, end_value``."""
    rows = [{"iso3": code, **cagr(panel[code], start, end).__dict__} for code in panel.columns]
    return pd.DataFrame(rows, columns=["iso3", "rate", "start_year", "end_year",
                                       "start_value", "end_value"])


def world_shares(values: pd.DataFrame, *, countries: Collection[str] | None = None,
                 is_aggregate: pd.Series | None = None, percent: bool = True) -> pd.DataFrame:
    """Each country's share of the world total per year, the total summed over countries.

    Aggregates (``WLD``, regions, income groups) must never enter the total, so the caller
    says what a country is: ``countries`` (the ISO3 codes to keep) or ``is_aggregate`` (a
    boolean Series indexed by iso3; codes absent from it are treated as aggregates, to be
    safe). Returns the long rows kept, with ``world_total`` and ``share`` columns.
    """
    _check_long(values, "world_shares input")
    if countries is None and is_aggregate is None:
        raise PolicylabError("world_shares needs `countries` or `is_aggregate`: a world total "
                             "summed over regions and income groups would count them twice")
    keep = pd.Series(True, index=values.index)
    if countries is not None:
        keep &= values["iso3"].isin(set(countries))
    if is_aggregate is not None:
        keep &= values["iso3"].map(is_aggregate).eq(False)
    rows = values[keep & values["value"].notna()].copy()
    rows["world_total"] = rows.groupby("year")["value"].transform("sum")
    rows["share"] = share(rows["value"], rows["world_total"], percent=percent)
    return rows.reset_index(drop=True)


def rank_within(values: pd.DataFrame, groups: pd.Series | None = None,
                higher_is_better: bool = True) -> pd.DataFrame:
    """Rank and percentile of each country within its group (or among all) per year.

    ``groups`` maps iso3 to a group label (e.g. region); None ranks among all rows. Rank 1 is
    the best (highest when ``higher_is_better``); ties share the better rank. ``percentile``
    is the share of the group with a worse or equal value (100 = best), and ``n`` the number
    of countries ranked. Rows with no value are left out.
    """
    _check_long(values, "rank_within input")
    rows = values[values["value"].notna()].copy()
    rows["group"] = rows["iso3"].map(groups) if groups is not None else "all"
    rows = rows[rows["group"].notna()]
    by = rows.groupby(["group", "year"])["value"]
    rows["rank"] = by.rank(ascending=not higher_is_better, method="min").astype(int)
    rows["n"] = by.transform("count").astype(int)
    rows["percentile"] = 100.0 * by.rank(ascending=higher_is_better, method="max") / rows["n"]
    return rows.reset_index(drop=True)


def gap_to_median(values: pd.DataFrame, groups: pd.Series | None = None) -> pd.DataFrame:
    """Each country's value against the median of its group in the same year.

    ``groups`` maps iso3 to a group label; None uses all rows as one group. Adds
    ``group``, ``group_median``, ``gap`` (value - median, in the indicator's unit) and
    ``n`` (countries behind the median). The group is whatever rows the caller passes: give
    countries only, never aggregates.
    """
    _check_long(values, "gap_to_median input")
    rows = values[values["value"].notna()].copy()
    rows["group"] = rows["iso3"].map(groups) if groups is not None else "all"
    rows = rows[rows["group"].notna()]
    by = rows.groupby(["group", "year"])["value"]
    rows["group_median"] = by.transform("median")
    rows["n"] = by.transform("count").astype(int)
    rows["gap"] = rows["value"] - rows["group_median"]
    return rows.reset_index(drop=True)
