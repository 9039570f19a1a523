"""A group's median beside a figure of a wide panel (index year, columns iso3) that may be
a pack indicator or a ratio a lesson computes: the same rule as the tables either way."""

from __future__ import annotations

import pandas as pd

from policylab.evidence.medians import (
    Median,
    group_median,
    panel_group_median,
    panel_group_median_series,
)
from policylab.pack.dataset import Dataset


def stated_group_median(ds: Dataset, panel: pd.DataFrame, group: str, name: str, year: int,
                        indicators: tuple[str, ...], computed: bool) -> Median:
    """The median stated beside a figure of ``year`` (each member's latest value within the
    recency window, at least three countries): ``group_median`` of a pack indicator, the
    same rule on ``panel`` for a ratio computed from ``indicators``. (A chart's yearly
    median line is the median of each year's reporters, a trend, not this figure.)"""
    if not computed and len(indicators) == 1:
        return group_median(ds, indicators[0], group, name, year)
    return panel_group_median(ds, panel, group, name, year)


def group_median_line(ds: Dataset, panel: pd.DataFrame, group: str, name: str,
                      what: str) -> pd.Series:
    """``panel_group_median_series`` once per Dataset, ``what`` (the measure), group and
    panel extent: it walks every country's series and is the same for every member."""
    key = ("evidence.group_median_line", what, group, name, tuple(panel.index),
           tuple(panel.columns))
    return ds.cached(key, lambda: panel_group_median_series(ds, panel, group, name)).copy()
