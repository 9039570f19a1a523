"""A ranking of the focus country and its peers (``charts.bar_compare``) with a group's
median as a dashed vertical line, labelled at the top of the plot."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.compare import bar_compare
from policylab.charts.median_line import add_median_line


def median_bars(values: pd.Series, focus: str, peers: Sequence[str] = (), *,
                median: float | None = None, median_label: str = "", **bars) -> go.Figure:
    """``bar_compare(values, focus, peers, **bars)`` with a dashed line at ``median``
    labelled ``median_label`` (no line when ``median`` is None)."""
    fig = bar_compare(values, focus, peers, **bars)
    return fig if median is None else add_median_line(fig, median, median_label, above=True)
