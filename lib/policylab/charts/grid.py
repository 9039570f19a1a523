"""Category grids: one row per item, one column per country, a mark where the two meet
(which country has which challenge, which product is in whose list), or one cell per
pair of countries (how alike two export baskets are), with the column labels above the
grid so that a long grid is read from its top."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from policylab.charts.template import describe, measure_of, new_figure, wrap_label
from policylab.i18n import SOURCE_LANGUAGE, current_language

#: Room made above the plot for one line of column labels, and for each further line, in
#: pixels.
TOP_LABELS_PX = 30
LABEL_LINE_PX = 17


def labels_on_top(fig: go.Figure) -> None:
    """Column labels above the grid: make room for them, as many lines as the longest
    label has, between the title and the plot."""
    labels = fig.layout.xaxis.ticktext
    if labels is None:  # the columns themselves (a heatmap's wrapped categories)
        labels = fig.data[0].x if fig.data and fig.data[0].x is not None else ()
    lines = max((str(label).count("<br>") + 1 for label in labels), default=1)
    label_px = TOP_LABELS_PX + LABEL_LINE_PX * (lines - 1)
    fig.update_xaxes(side="top")
    fig.update_layout(margin={"t": fig.layout.margin.t + label_px})
    title = next(a for a in fig.layout.annotations if a.name == "title")
    fig.update_annotations(selector={"name": "title"}, yshift=title.yshift + label_px)


def column_labels(columns: Sequence[str]) -> dict:
    """x axis settings that write the columns' labels (its categories) level, on lines of
    ``template.wrap_label``: long country names ran into each other ("Ethiopia United
    Republic of Tanzania Uganda"), or plotly tilted them into the title."""
    return {"tickmode": "array", "tickvals": list(columns),
            "ticktext": [wrap_label(c) for c in columns], "tickangle": 0}


def dot_grid(title: str, source: str, columns: list[str], rows: int, min_height: int,
             yaxis: dict | None = None, measure: tuple[str, str] = ("Marked", "1 = marked"),
             **marks: Any) -> go.Figure:
    """A grid of marks (``marks``: one scatter trace's settings), one row per item from the
    top and one column per country in the order of ``columns``, labelled above the grid.
    ``measure`` (label, unit) names a mark's value in the chart's data file: the number it
    shows (a rank), else 1."""
    fig = new_figure(title, source, legend=False, height=max(min_height, 34 * rows + 260))
    fig.add_trace(go.Scatter(**marks))
    grid = {"showgrid": True, "gridcolor": "#EEEEEE"}
    fig.update_layout(xaxis={"categoryorder": "array", "categoryarray": columns, **grid,
                             **column_labels(columns)},
                      yaxis={"autorange": "reversed", **grid, **(yaxis or {})})
    labels_on_top(fig)
    return describe(fig, marks=measure)


def pair_matrix(matrix: np.ndarray, labels: Sequence[str], *, title: str, source: str,
                colour: str, colorbar_title: str, zmin: float = 0.0,
                zmax: float = 1.0) -> go.Figure:
    """A country x country grid of a pairwise measure (``matrix``, rows and columns in the
    order of ``labels``; NaN cells, such as the diagonal, left empty), shaded from light
    grey at ``zmin`` to ``colour`` at ``zmax``, each cell written with two decimals."""
    labels = list(labels)
    fig = new_figure(title, source, legend=False, height=max(460, 52 * len(labels) + 260))
    fig.add_trace(go.Heatmap(
        z=matrix, x=labels, y=labels, zmin=zmin, zmax=zmax, xgap=2, ygap=2,
        colorscale=[[0, "#F7F7F7"], [1, colour]], hoverongaps=False,
        text=[[("" if math.isnan(v) else _two_decimals(v)) for v in r] for r in matrix],
        texttemplate="%{text}", colorbar={"title": {"text": colorbar_title, "side": "right"}},
        hovertemplate="%{y} – %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(xaxis={"showgrid": False, **column_labels(labels)},
                      yaxis={"autorange": "reversed", "showgrid": False})
    labels_on_top(fig)
    label, unit = measure_of(colorbar_title, None)
    return describe(fig, grid={"rows": "country", "label": label, "unit": unit})


def _two_decimals(value: float) -> str:
    """"0.42" ("0,42" in French and Spanish)."""
    text = f"{value:.2f}"
    return text if current_language() == SOURCE_LANGUAGE else text.replace(".", ",")
