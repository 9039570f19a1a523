"""A grid of yes/no marks: one row per item (a challenge), one column per country, a square
where the item applies (which country has which challenge). Countries without any mark keep
their column, so the grid shows them as clear rather than leaving them out."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.grid import dot_grid
from policylab.charts.template import FOCUS_COLOUR


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
