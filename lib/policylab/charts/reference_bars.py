"""Horizontal bars of one measure for a few labelled items (e.g. a country's strongest
products by RCA), each bar written at its end, against a dotted reference line (1, the
world average) on a log axis."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.compare import log_axis_ticks
from policylab.charts.template import FOCUS_COLOUR, new_figure
from policylab.text import format_value


def reference_bars(labels: Sequence[str], values: Sequence[float], *, title: str, source: str,
                   x_title: str, hover: str, customdata: np.ndarray | None = None,
                   reference: float = 1, log_x: bool = True) -> go.Figure:
    """Bars from the bottom up in the order given (pass the largest last to have it on
    top), written by the text layer's rule; ``hover`` is the trace's hover template (over
    ``customdata``), the chart's height grows with the number of bars; a log axis is
    labelled at 1-3-10 steps (``charts.compare.log_axis_ticks``)."""
    fig = new_figure(title, source, height=max(440, 34 * len(labels) + 240), legend=False)
    fig.add_trace(go.Bar(
        y=list(labels), x=values, orientation="h", marker_color=FOCUS_COLOUR,
        text=[format_value(v) for v in values], textposition="outside", cliponaxis=False,
        customdata=customdata, hovertemplate=hover))
    fig.update_layout(xaxis_title=x_title, xaxis_type="log" if log_x else "linear",
                      yaxis={"showgrid": False})
    if log_x:  # the reference too: the bars start at it
        fig.update_xaxes(**log_axis_ticks(pd.Series([reference, *(v for v in values if v > 0)],
                                                    dtype=float)))
    fig.add_vline(x=reference, line_dash="dot", line_color="#333333")
    return fig
