"""Grids of marks over ``charts.grid.dot_grid``: one row per item, one column per country.
``marked_grid`` puts a square where an item applies (which country has which challenge) and
keeps the columns of countries without any mark, so the grid shows them as clear;
``rank_grid`` writes a rank in each mark (a product's place in each country's list)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.grid import dot_grid
from policylab.charts.template import FOCUS_COLOUR, PEER_COLOURS


def marked_grid(marked: pd.DataFrame, *, rows: Mapping[str, str], columns: Mapping[str, str],
                hover: Callable[[str, str], str], title: str, source: str,
                min_height: int = 420) -> go.Figure:
    """``marked`` (bool; index items, columns countries) as a grid of squares, rows from the
    top in its order; ``rows``/``columns`` give the labels, ``hover(item, country)`` a
    mark's hover text. A column without a mark gets an invisible point."""
    marks = [(columns[c], rows[r], hover(r, c)) for r in marked.index for c in marked.columns
             if marked.at[r, c]]
    xs, ys, text = ([mark[i] for mark in marks] for i in range(3))
    fig = dot_grid(title, source, [columns[c] for c in marked.columns], len(marked), min_height,
                   {"categoryorder": "array", "categoryarray": [rows[r] for r in marked.index]},
                   x=xs, y=ys, mode="markers", text=text, hovertemplate="%{text}<extra></extra>",
                   marker={"size": 18, "color": FOCUS_COLOUR, "symbol": "square"})
    if clear := [columns[c] for c in marked.columns if not marked[c].any()]:
        fig.add_trace(go.Scatter(x=clear, y=[rows[marked.index[0]]] * len(clear),
                                 mode="markers", marker={"opacity": 0}, hoverinfo="skip"))
    return fig


def rank_grid(rows: Sequence[tuple[str, Mapping[str, int]]], columns: Sequence[str], *,
              title: str, source: str, hover: str, min_height: int = 440) -> go.Figure:
    """``rows`` (label, rank per column label) from the top, each rank written in its mark;
    ``columns`` in their order; ``hover`` the marks' hover template (the rank is
    ``%{text}``)."""
    marks = [(column, label, str(rank)) for label, ranks in rows for column, rank in ranks.items()]
    xs, ys, text = ([mark[i] for mark in marks] for i in range(3))
    return dot_grid(title, source, list(columns), len(rows), min_height, x=xs, y=ys,
                    mode="markers+text", text=text, textfont={"color": "white", "size": 11},
                    marker={"size": 24, "color": PEER_COLOURS[0]}, hovertemplate=hover)
