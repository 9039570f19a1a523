"""One country's gaps to the median of its peers, indicator by indicator (the digitalization
lesson's section 5 and its exercise): the country's latest figure (a carried-forward one with
the year it was measured: ``evidence.carried``), the median of its peers' latest figures near
that year (``evidence.peer_median``: NaN when fewer than three report),
the gap in the indicator's unit and in % of the median (``metrics.digital.relative_gap``),
and what the comparison may say (``status``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from policylab.evidence import carried, peer_median
from policylab.metrics.digital import CAPS, relative_gap
from policylab.pack.dataset import Dataset, dataset_cached

#: A row's ``status``, in the order the rule tests them.
STATUSES = ("no data", "old", "few peers", "saturated", "behind", "ahead", "level")


def _row(ds: Dataset, country: str, peers: Sequence[str], indicator: str, last_year: int,
         first_recent: int) -> dict:
    own = carried.latest(ds, indicator, country, max_year=last_year)
    row = {"value": own.value, "year": own.year, "peer_median": math.nan, "peer_count": 0,
           "gap": math.nan, "relative": math.nan}
    if own.year is None or own.year < first_recent:
        return {**row, "status": "no data" if own.year is None else "old"}
    median = peer_median(ds, indicator, peers, own.year)
    better, cap = ds.indicator(indicator).higher_is_better, CAPS.get(indicator, math.inf)
    gap = own.value - median.value
    row.update(peer_median=median.value, peer_count=median.count, gap=gap,
               relative=relative_gap(own.value, median.value, better, cap))
    if math.isnan(gap) or better is None:
        status = "few peers"
    elif own.value >= cap and median.value >= cap:
        status = "saturated"
    else:
        status = "behind" if (gap < 0 if better else gap > 0) else "ahead" if gap else "level"
    return {**row, "status": status}


@dataset_cached
def peer_gaps(ds: Dataset, country: str, peers: tuple[str, ...], indicators: tuple[str, ...],
              last_year: int, first_recent: int) -> pd.DataFrame:
    """Per indicator (index ``id``): the country's latest ``value`` up to ``last_year`` and
    its ``year``; ``peer_median`` and ``peer_count`` (the peers reporting in the recency
    window up to that year); ``gap`` (value − median) and ``relative`` (% of the median,
    positive = ahead by ``higher_is_better``, 0 when both are beyond a component's cap); and
    ``status`` (``STATUSES``): "no data"; "old" (before ``first_recent``: not compared, no
    median nor gaps); "few peers" (no median, or no direction); "saturated" (both beyond
    the cap); else "behind", "ahead" or "level". Computed once per Dataset and arguments."""
    rows = [_row(ds, country, list(peers), i, last_year, first_recent) for i in indicators]
    frame = pd.DataFrame(rows, index=pd.Index(list(indicators), name="id"))
    return frame.astype({"year": "Int64", "peer_count": int})
