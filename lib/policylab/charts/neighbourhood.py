"""A country's neighbourhood in the product space (``metrics.product_level.neighbourhood``):
the products it exports competitively, sized by its exports, and the nearest products it
does not yet export competitively, linked by proximity, every node labelled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.network import MAP_POSITION, edge_trace
from policylab.charts.template import FOCUS_COLOUR, describe, new_figure, peer_colour
from policylab.narrative.cells import shortened


def neighbourhood_map(nodes: pd.DataFrame, edges: pd.DataFrame, *, held_name: str,
                      near_name: str, title: str, source: str, hover: str) -> go.Figure:
    """``nodes`` (index product; ``role`` "held" or "candidate", ``x, y, name, value, rca,
    density``) and ``edges`` (``source, target``); ``held_name`` and ``near_name`` name the
    two groups in the legend, ``hover`` is their hover template over ``customdata`` (code,
    name, RCA, density)."""
    held, near = nodes[nodes["role"] == "held"], nodes[nodes["role"] == "candidate"]
    fig = new_figure(title, source, height=720)
    fig.add_trace(edge_trace(nodes, edges, colour="#BBBBBB", width=1))
    biggest = max(float(held["value"].max()) if len(held) else 1.0, 1.0)
    for part, name, colour in [(held, held_name, FOCUS_COLOUR),
                               (near, near_name, peer_colour(1))]:
        sizes = (10 + 30 * np.sqrt(part["value"] / biggest)).clip(upper=40)
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=name,
            text=[shortened(n, 22) for n in part["name"]], textposition="top center",
            textfont={"size": 10},
            customdata=np.column_stack([part.index, part["name"], part["rca"],
                                        part["density"]]),
            marker={"color": colour, "size": sizes if part is held else 12,
                    "line": {"color": "white", "width": 0.8}},
            hovertemplate=hover))
    hidden = {"visible": False, "showgrid": False}
    fig.update_layout(hovermode="closest", xaxis=hidden,
                      yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1})
    return describe(fig, **MAP_POSITION)
