"""Where a value stands in the world and in its income group, and when to call it high.

"High" and "low" are labels the reader takes at face value, so they come only from the
distribution of countries (never from a handful of peers, who are chosen to be similar):
the top quarter of the world is "high", the bottom quarter "low", and the percentile is
always stated beside the word (DESIGN §10). Countries only, never aggregates; each
country's latest value measured inside the recency window (a value the publisher carries
forward is a figure of the year it was measured: ``evidence.carried``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from policylab.evidence import carried
from policylab.pack.dataset import RECENCY_YEARS, Dataset
from policylab.peers import WINDOW_YEARS

#: A label needs at least this many countries in the distribution.
MIN_LABEL_COUNT = 8
HIGH, LOW = 75.0, 25.0


@dataclass(frozen=True)
class Standing:
    """A country's percentile (0-100, share of countries below it, ties counted half)
    among ``count`` countries of ``within`` ("the world" or an income group)."""

    percentile: float
    count: int
    within: str

    @property
    def label(self) -> str | None:
        """"high" (top quarter), "low" (bottom quarter), or None."""
        if math.isnan(self.percentile) or self.count < MIN_LABEL_COUNT:
            return None
        if self.percentile >= HIGH:
            return "high"
        if self.percentile <= LOW:
            return "low"
        return None


def distribution(ds: Dataset, indicator: str, year: int | None = None) -> pd.DataFrame:
    """Every country's latest value up to ``year`` (default: the newest) measured in the
    recency window: ``iso3`` index, ``year``, ``value`` (kept once per Dataset by
    ``carried.latest_values``)."""
    return carried.latest_values(ds, indicator, None, max_year=year, window=RECENCY_YEARS + 1)


def percentile_of(value: float, values: pd.Series) -> float:
    """Share of ``values`` below ``value`` (ties counted half), in percent."""
    values = values.dropna()
    if math.isnan(value) or values.empty:
        return float("nan")
    below = float((values < value).sum())
    ties = float((values == value).sum())
    return 100.0 * (below + 0.5 * ties) / len(values)


def standing(ds: Dataset, indicator: str, country: str, within: str = "world",
             year: int | None = None) -> Standing:
    """``country``'s percentile in the world (``within="world"``) or in its income group
    (``within="income_group"``)."""
    table = distribution(ds, indicator, year)
    iso3 = ds.resolve(country)
    label = "the world"
    if within == "income_group":
        group = str(ds.countries().loc[iso3, "income_group"])
        meta = ds.countries()["income_group"]
        table = table[table.index.isin(meta.index[meta == group])]
        label = f"the {group} group"
    elif within != "world":
        raise ValueError(f"within must be 'world' or 'income_group', got {within!r}")
    if iso3 not in table.index:
        return Standing(float("nan"), len(table), label)
    return Standing(percentile_of(float(table.at[iso3, "value"]), table["value"]),
                    len(table), label)


#: The world-quarter edge needs at least this many countries with data to be meaningful.
MIN_QUARTILE_COUNT = 8
#: Its window: each country's latest value in these many years up to the year asked
#: (the window of peer medians).
QUARTILE_WINDOW = WINDOW_YEARS


def quartile_values(ds: Dataset, indicator: str, year: int) -> pd.Series:
    """The distribution the world-quarter rule reads: every country's latest value measured
    in the ``QUARTILE_WINDOW`` years up to ``year`` (indexed by ``iso3``; kept once per
    Dataset by ``carried.latest_values``)."""
    return carried.latest_values(ds, indicator, None, max_year=int(year),
                                 window=QUARTILE_WINDOW)["value"]


def world_quartile(ds: Dataset, indicator: str, year: int | None, worse: str = "low",
                   min_count: int = MIN_QUARTILE_COUNT) -> float:
    """Where the world's worst quarter ends: the 25th percentile of
    :func:`quartile_values` (the 75th when ``worse`` is "high"); NaN without a year, an
    indicator or ``min_count`` countries. The threshold of the challenge rules
    (``policylab.results``)."""
    if year is None or indicator not in ds.catalogue:
        return float("nan")
    values = quartile_values(ds, indicator, year)
    if len(values) < min_count:
        return float("nan")
    return float(values.quantile(0.25 if worse == "low" else 0.75))
