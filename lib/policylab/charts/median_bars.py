"""A ranking of the focus country and its peers (``charts.bar_compare``) with a group's
median as a dashed vertical line, labelled at the top of the plot."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.compare import bar_compare
from policylab.charts.template import GROUP_COLOUR, GROUP_WIDTH


def median_bars(values: pd.Series, focus: str, peers: Sequence[str] = (), *,
                median: float | None = None, median_label: str = "", **bars) -> go.Figure:
    """``bar_compare(values, focus, peers, **bars)`` with a dashed line at ``median``
    labelled ``median_label`` (no line when ``median`` is None)."""
    fig = bar_compare(values, focus, peers, **bars)
    if median is not None:
        fig.add_vline(x=median, line_dash="dash", line_color=GROUP_COLOUR,
                      line_width=GROUP_WIDTH)
        fig.add_annotation(x=median, y=1, xref="x", yref="paper", yanchor="bottom",
                           showarrow=False, font={"color": GROUP_COLOUR}, text=median_label)
    return fig
