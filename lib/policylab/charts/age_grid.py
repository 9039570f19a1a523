"""A grid of how old each latest figure is (rows by columns): the house scorecard
(``charts.heatmap``) on a one-sided scale from current (white) to oldest (dark)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.structure import heatmap

#: Dark for the oldest figures, white for current ones.
AGE_SCALE = [[0.0, "#B54A00"], [0.5, "#E8A273"], [1.0, "#F7F7F7"]]


def age_grid(lag: pd.DataFrame, text: pd.DataFrame, *, title: str, source: str, focus: str,
             colorbar_title: str, measure: tuple[str, str], min_span: float) -> go.Figure:
    """``lag``: years behind the newest figure (0 or negative), shown as ``text`` (the
    years themselves). The scale spans at least ``min_span`` years, so that a lag of a year
    or two never looks alarming."""
    fig = heatmap(lag, title=title, source=source, text=text, focus=focus,
                  colorbar_title=colorbar_title, measure=measure)
    oldest = float(np.nanmax(-lag.to_numpy())) if lag.notna().any().any() else 0.0
    fig.update_traces(colorscale=AGE_SCALE, zmin=-max(oldest, min_span), zmax=0)
    return fig
