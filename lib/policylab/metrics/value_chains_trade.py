"""Series arithmetic of the value-chains lesson on plain pandas inputs: ratios of two wide
panels (index year, columns iso3) such as FDI in % of GDP and trade openness, the first and
last values of a series, the latest value of each column of a panel, and a country's
strongest specialisations among its product rows."""

from __future__ import annotations

import pandas as pd


def _trimmed(wide: pd.DataFrame) -> pd.DataFrame:
    return wide.dropna(how="all").dropna(axis=1, how="all")


def percent_of(part: pd.DataFrame, whole: pd.DataFrame) -> pd.DataFrame:
    """``part / whole x 100`` of two wide panels aligned on ``part`` (no value where
    ``whole`` is not positive); years and countries without any value dropped."""
    whole = whole.where(whole > 0)
    return _trimmed(part / whole.reindex_like(part) * 100)


def sum_of(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """``first + second`` of two wide panels aligned on ``first`` (e.g. exports plus imports
    in % of GDP); years and countries without any value dropped."""
    return _trimmed(first + second.reindex_like(first))


def first_last(series: pd.Series) -> tuple[int, float, int, float] | None:
    """``(first year, first value, last year, last value)`` of a series indexed by year,
    missing values skipped; None when it has none."""
    points = series.dropna()
    if points.empty:
        return None
    return (int(points.index[0]), float(points.iloc[0]), int(points.index[-1]),
            float(points.iloc[-1]))


def latest_by_column(wide: pd.DataFrame) -> pd.DataFrame:
    """The last non-missing value of each column of a wide panel and its year: index the
    columns that have one, columns ``value, year``."""
    rows = {column: (float(points.iloc[-1]), int(points.index[-1]))
            for column in wide.columns if len(points := wide[column].dropna())}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["value", "year"])


def strongest(table: pd.DataFrame, min_share: float, n: int) -> pd.DataFrame:
    """The first ``n`` rows of a specialisation table (sorted by RCA, ``country_share`` in
    %) among products of at least ``min_share`` (a fraction) of the country's exports, or
    of all rows when fewer than three pass: RCA divides by the world share, so a sliver of
    exports in a rarely traded product can show a huge RCA without being a real strength."""
    strong = table[table["country_share"] >= min_share * 100]
    return (strong if len(strong) >= 3 else table).head(n)


def ends_by_column(wide: pd.DataFrame) -> dict[str, tuple[int, float, int, float]]:
    """:func:`first_last` of each column of a wide frame (index year) that has a value, in
    column order."""
    found = {column: first_last(wide[column]) for column in wide.columns}
    return {column: ends for column, ends in found.items() if ends is not None}
