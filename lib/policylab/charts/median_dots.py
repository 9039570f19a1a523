"""One row per country: its figure as a labelled dot, against its own peer median (a tick)
and, where a rule has one, the threshold the country was judged against (a diamond)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from policylab.charts.template import FOCUS_COLOUR, GROUP_COLOUR, PEER_COLOURS, new_figure
from policylab.text import is_missing

#: A reference series: its value per row, legend name and hover template.
Reference = tuple[Sequence[float], str, str]


def median_dots(names: Sequence[str], values: Sequence[float], labels: Sequence[str],
                years: Sequence[Any], *, value_name: str, median: Reference,
                edge: Reference | None, title: str, source: str,
                x_title: str) -> go.Figure:
    """Rows ``names`` from the top: ``values`` (dots written with ``labels``, the year in the
    hover), the peer ``median`` and the ``edge`` (left out when None or all missing)."""
    fig = new_figure(title, source, height=max(400, 50 * len(names) + 260))
    fig.add_trace(go.Scatter(
        x=list(median[0]), y=list(names), mode="markers", name=median[1],
        marker={"size": 14, "color": GROUP_COLOUR, "symbol": "line-ns-open",
                "line": {"width": 3}}, hovertemplate=median[2]))
    if edge is not None and not all(is_missing(t) for t in edge[0]):
        fig.add_trace(go.Scatter(
            x=list(edge[0]), y=list(names), mode="markers", name=edge[1],
            marker={"size": 14, "color": PEER_COLOURS[0], "symbol": "diamond"},
            hovertemplate=edge[2]))
    fig.add_trace(go.Scatter(
        x=list(values), y=list(names), mode="markers+text", name=value_name, text=list(labels),
        textposition="top center", marker={"size": 14, "color": FOCUS_COLOUR},
        customdata=list(years), hovertemplate="%{y}: %{x:,.2f} (%{customdata})<extra></extra>"))
    fig.update_layout(xaxis_title=x_title,
                      yaxis={"range": [len(names) - 0.5, -0.8], "showgrid": False})
    return fig
