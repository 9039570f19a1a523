"""A figure carried forward is a figure of the year it was measured (DESIGN §10).

Publishers fill recent years with an old estimate: the last three or more values of a
series are exactly equal (``breaks.repeated_since``; UNIDO's medium and high-tech share of
manufacturing repeats Uganda's 2000 figure up to 2022). The years it is published for say
nothing about those years; the first year of the run is the last real measurement. So
wherever a latest figure is stated or judged, it is a figure of that year:

- it is stated with that year ("16.1% in 2015; the publisher repeats it every year up to
  2022"), and a figure of that year is old or current by the recency window like any other;
- it is compared with peers, a group or the world as of that year: against their latest
  values up to it, never against figures measured years later;
- in a median, a percentile or a world quarter, another country's carried figure counts as
  a figure of its measured year too: in the window ending at the year asked only when that
  year is inside it, and a yearly median counts it only in the year it was measured.

The figure itself is kept: it is the publisher's estimate and the last measurement there
is; only its date was wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.evidence.breaks import REPEAT_RUN
from policylab.pack.dataset import Dataset


@dataclass(frozen=True)
class Latest:
    """A country's latest figure: its ``value``, the ``year`` it was measured (None without
    data) and, when the publisher repeats it, the last year it is published for
    (``through``; None otherwise)."""

    value: float
    year: int | None
    through: int | None = None

    @property
    def carried(self) -> bool:
        return self.through is not None


def dated(long: pd.DataFrame) -> pd.DataFrame:
    """``long`` (``iso3, year, value``) without missing values, sorted by country and year,
    with ``measured``: the first year of the run of equal values a value closes when that
    run is ``REPEAT_RUN`` or more long and the value is not a whole number (as
    ``breaks.repeated_since`` reads a series), else the value's own year."""
    rows = (long.dropna(subset=["value"]).astype({"iso3": str, "year": "int64"})
            .sort_values(["iso3", "year"], kind="stable").reset_index(drop=True))
    if rows.empty:
        return rows.assign(measured=pd.Series(dtype="int64"))
    iso, value = rows["iso3"].to_numpy(), rows["value"].to_numpy(dtype=float)
    year = rows["year"].to_numpy()
    starts = np.r_[True, (iso[1:] != iso[:-1]) | (value[1:] != value[:-1])]
    index = np.arange(len(rows))
    run_start = np.maximum.accumulate(np.where(starts, index, 0))  # where each run began
    carried = (index - run_start + 1 >= REPEAT_RUN) & (value != np.round(value))
    return rows.assign(measured=np.where(carried, year[run_start], year))


def latest_of(rows: pd.DataFrame, countries: Iterable[str] | None = None,
              max_year: int | None = None, window: int | None = None) -> pd.DataFrame:
    """Each country's latest figure in ``rows`` (from :func:`dated`) up to ``max_year``
    (default: the latest year these countries have), dated by when it was measured and kept
    only when that year lies in the ``window`` years ending there (when given): a frame
    indexed by ``iso3`` (sorted) with ``year`` (measured), ``value`` and ``through`` (the
    last year published, for a carried figure; else NA)."""
    mine = rows if countries is None else rows[rows["iso3"].isin(list(countries))]
    end = max_year if max_year is not None or mine.empty else int(mine["year"].max())
    if end is not None:
        mine = mine[mine["year"] <= end]
    last = mine.drop_duplicates("iso3", keep="last")
    through = last["year"].where(last["measured"] != last["year"]).astype("Int64")
    frame = pd.DataFrame({"year": last["measured"].to_numpy(dtype="int64"),
                          "value": last["value"].to_numpy(dtype=float),
                          "through": through.to_numpy()},
                         index=pd.Index(last["iso3"].to_numpy(), name="iso3"))
    if window is not None and end is not None:
        frame = frame[frame["year"] > end - window]
    return frame


def rows(ds: Dataset, indicator: str) -> pd.DataFrame:
    """Every country's observations of ``indicator`` (no aggregates) through :func:`dated`,
    once per Dataset; empty for an indicator the catalogue lacks (optional series such as
    the ECI may be absent from a pack)."""
    def compute() -> pd.DataFrame:
        if indicator not in ds.catalogue:
            return dated(pd.DataFrame({"iso3": pd.Series(dtype=str),
                                       "year": pd.Series(dtype="int64"),
                                       "value": pd.Series(dtype=float)}))
        return dated(ds.series(indicator, list(ds.countries().index)))

    return ds.cached(("evidence.carried.rows", indicator), compute)


def latest_values(ds: Dataset, indicator: str, countries: Iterable[str] | None = None,
                  max_year: int | None = None, window: int | None = None) -> pd.DataFrame:
    """:func:`latest_of` over the pack's rows of ``indicator`` (``countries`` None: every
    country), once per Dataset and question: a page asks for the same peers' or
    country's latest figure in many sections, and each answer scans every country's
    series. The frame is shared: do not modify it."""
    chosen = None if countries is None else tuple(countries)
    return ds.cached(("evidence.carried.latest", indicator, chosen, max_year, window),
                     lambda: latest_of(rows(ds, indicator), chosen, max_year, window))


def latest(ds: Dataset, indicator: str, country: str, max_year: int | None = None) -> Latest:
    """``country``'s latest figure of ``indicator`` up to ``max_year``, dated by when it was
    measured."""
    found = latest_values(ds, indicator, [ds.resolve(country)], max_year)
    if found.empty:
        return Latest(float("nan"), None)
    row = found.iloc[0]
    through = None if pd.isna(row["through"]) else int(row["through"])
    return Latest(float(row["value"]), int(row["year"]), through)
