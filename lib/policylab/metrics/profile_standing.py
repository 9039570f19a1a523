"""Where a country stands today (industrial profile, section 3): the latest value of each
indicator against the peer median (``evidence.peer_median``: NaN when fewer than
``evidence.MIN_COUNT`` peers report, with how many do) and the medians of the country's
region and income group, each median in the country's own latest year. Every median here
is a stated figure, so all follow ``evidence.group_median``'s rule (members' latest values in
the recency window), as the peer median beside them and the SDG 9 panel do; a yearly median
of that year's reporters alone is a chart's line, and in a recent year often has too few. A
figure the publisher carries forward is the figure of the year it was measured
(``evidence.carried``): that year is shown, and the medians are taken there."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from policylab.evidence import carried, group_median, peer_median
from policylab.pack.dataset import Dataset

GROUPS = ("region", "income_group")


def standing(ds: Dataset, indicators: Sequence[str], country: str, peers: Sequence[str],
             end_year: int) -> pd.DataFrame:
    """Index ``indicator``; columns ``year`` (float: NaN without data), ``value``,
    ``peer_n``, ``peer_median``, ``region``, ``income_group`` (the groups' medians)."""
    rows, member = [], ds.countries().loc[country]
    for indicator in indicators:
        own = carried.latest(ds, indicator, country, max_year=end_year)
        reference = own.year if own.year is not None else end_year
        peer = peer_median(ds, indicator, list(peers), reference)
        row = {"indicator": indicator, "year": own.year, "value": own.value,
               "peer_n": peer.count, "peer_median": peer.value}
        for group in GROUPS:
            row[group] = group_median(ds, indicator, group, str(member[group]),
                                      reference).value
        rows.append(row)
    table = pd.DataFrame(rows).set_index("indicator")
    table["year"] = table["year"].astype(float)
    return table
