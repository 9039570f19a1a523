"""Where one country came from against where another is now: each country's path over the
years as a line, and the focus country's current level as a dashed line across them (a
peer-learning pair: the mentor's path against the learner's level today)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import FOCUS_COLOUR, new_figure, peer_colour
from policylab.charts.years import every_year


def path_level(panel: pd.DataFrame, names: Mapping[str, str], focus: str, level: float,
               years: tuple[int, int], *, level_name: str, title: str, source: str,
               y_title: str) -> go.Figure:
    """The columns of ``panel`` (index year) named in ``names``, in its order (``focus`` in
    the focus colour, the others in peer colours), each broken at the years without a value,
    then ``level`` dashed over ``years``."""
    fig = new_figure(title, source)
    others = 0
    for code, name in names.items():
        if code not in panel.columns:
            continue
        colour = FOCUS_COLOUR if code == focus else peer_colour(others)
        others += code != focus
        series = every_year(panel[code])
        fig.add_trace(go.Scatter(x=series.index, y=series.to_numpy(), name=name,
                                 mode="lines+markers", connectgaps=False,
                                 line={"color": colour, "width": 3.5}))
    fig.add_trace(go.Scatter(x=list(years), y=[level] * 2, mode="lines", name=level_name,
                             line={"color": FOCUS_COLOUR, "dash": "dash", "width": 2}))
    fig.update_layout(yaxis_title=y_title, hovermode="x unified")
    fig.update_xaxes(tickformat="d")
    return fig
