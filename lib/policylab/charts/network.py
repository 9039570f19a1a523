"""The product space: products as nodes at precomputed positions, linked by proximity,
with the products a country already exports competitively highlighted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import (
    FOCUS_COLOUR,
    OTHER_COLOUR,
    PEER_COLOURS,
    TEXT_COLOUR,
    describe,
    new_figure,
)
from policylab.errors import PolicylabError
from policylab.i18n import _

EDGE_COLOUR = "#D9D9D9"
MIN_NODE_PX, MAX_NODE_PX = 6.0, 22.0
#: With per-group colours, nodes outside the highlight fade to this opacity.
FADED_OPACITY = 0.3
#: What a node's coordinates are, for the chart's data file (rows are products, no country).
MAP_POSITION = {"x": ("Position across the product-space map", "map units"),
                "y": ("Position up the product-space map", "map units")}  # data file only
PRODUCTS = {"country": ""}


def network(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    highlight: Iterable[str],
    *,
    title: str,
    source: str,
    size_column: str | None = None,
    highlight_label: str | None = None,
    other_label: str | None = None,
    color_column: str | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Nodes (index id; columns ``x``, ``y``, ``label``, optionally ``size_column``) and
    edges (``source``, ``target``) drawn as given: the layout is computed elsewhere once
    (e.g. a networkx spring layout of the maximum spanning tree plus strong links) so that
    every country sees the same map and only the highlighting changes.

    Node area follows ``size_column`` (e.g. world trade value) on a square-root scale.

    With ``color_column`` (e.g. the SITC section), nodes are coloured by group, one legend
    entry per group (colours from ``colors``, a mapping group -> colour, else the house
    palette in order of first appearance); highlighted nodes then keep full colour and a
    dark ring (legend entry ``highlight_label``) while the others fade.
    """
    unknown = (set(edges["source"]) | set(edges["target"])) - set(nodes.index)
    if unknown:
        sample = ", ".join(sorted(map(str, unknown))[:5])
        raise PolicylabError(f"{len(unknown)} edge end(s) have no position in nodes: {sample}")
    highlight_label = _("Exported with RCA ≥ 1") if highlight_label is None else highlight_label
    other_label = _("Other products") if other_label is None else other_label
    marked = set(highlight)
    fig = new_figure(title, source, height=680)
    fig.add_trace(edge_trace(nodes, edges))
    sizes = _node_sizes(nodes, size_column)
    if color_column is not None:
        _add_groups(fig, nodes, marked, sizes, color_column, colors or {}, highlight_label)
    for is_marked, name, colour, rank in [(False, other_label, OTHER_COLOUR, 2),
                                           (True, highlight_label, FOCUS_COLOUR, 1)]:
        members = [n for n in nodes.index if (n in marked) == is_marked]
        if not members or color_column is not None:
            continue
        part = nodes.loc[members]
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers", name=name, legendrank=rank * 1000,
            text=_labels(part), meta=PRODUCTS,
            marker={"color": colour, "size": sizes.loc[members],
                    "line": {"color": "white", "width": 0.5}},
            hovertemplate="%{text}<extra></extra>",
        ))
    hidden = {"visible": False, "showgrid": False}
    fig.update_layout(hovermode="closest", xaxis=hidden,
                      yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1})
    return describe(fig, **MAP_POSITION)


def _add_groups(fig: go.Figure, nodes: pd.DataFrame, marked: set, sizes: pd.Series,
                column: str, colors: Mapping[str, str], highlight_label: str) -> None:
    """One trace per group of ``column`` (faded outside the highlight), then a ring around
    each highlighted node."""
    if column not in nodes.columns:
        raise PolicylabError(f"color_column {column!r} is not a column of nodes")
    groups = list(dict.fromkeys(nodes[column].fillna("Other").astype(str)))
    for position, group in enumerate(groups):
        part = nodes[nodes[column].fillna("Other").astype(str) == group]
        colour = colors.get(group, PEER_COLOURS[position % len(PEER_COLOURS)])
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers", name=group, legendrank=2000 + position,
            text=_labels(part), meta=PRODUCTS, hovertemplate=f"%{{text}}<br>{group}<extra></extra>",
            marker={"color": colour, "size": sizes.loc[part.index],
                    "opacity": [1.0 if n in marked else FADED_OPACITY for n in part.index],
                    "line": {"color": "white", "width": 0.5}},
        ))
    ringed = nodes.loc[[n for n in nodes.index if n in marked]]
    if not ringed.empty:
        fig.add_trace(go.Scatter(
            x=ringed["x"], y=ringed["y"], mode="markers", name=highlight_label,
            legendrank=1000, hoverinfo="skip", text=_labels(ringed),
            meta={**PRODUCTS, "kind": "highlight"},
            marker={"symbol": "circle-open", "color": TEXT_COLOUR,
                    "size": sizes.loc[ringed.index] + 4, "line": {"width": 1.5}},
        ))


def _labels(part: pd.DataFrame) -> list[str]:
    return list(part["label"]) if "label" in part else [str(n) for n in part.index]


def edge_trace(nodes: pd.DataFrame, edges: pd.DataFrame, colour: str = EDGE_COLOUR,
               width: float = 0.8) -> go.Scatter:
    """All edges (``source``, ``target``; positions from ``nodes``' ``x`` and ``y``) as one
    line trace, segments separated by gaps: fast to draw and hover-free."""
    xs, ys = [], []
    for start, end in zip(edges["source"], edges["target"], strict=True):
        xs += [nodes.at[start, "x"], nodes.at[end, "x"], None]
        ys += [nodes.at[start, "y"], nodes.at[end, "y"], None]
    return go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": width},
                      hoverinfo="skip", showlegend=False,
                      meta={**PRODUCTS, "kind": "link", "series": _("Link between two products")})


def _node_sizes(nodes: pd.DataFrame, size_column: str | None) -> pd.Series:
    if size_column is None:
        return pd.Series(9.0, index=nodes.index)
    root = np.sqrt(nodes[size_column].astype(float).clip(lower=0).fillna(0))
    top = root.max()
    scaled = root / top if top > 0 else root * 0
    return MIN_NODE_PX + scaled * (MAX_NODE_PX - MIN_NODE_PX)
