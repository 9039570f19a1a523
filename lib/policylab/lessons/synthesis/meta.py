"""What every section of the brief needs about an indicator, a flag or a figure, and the
frame of its grid charts."""

from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.cases import CHALLENGE_FLAGS
from policylab.charts.template import new_figure
from policylab.forum.workshop import rule_worse
from policylab.narrative import fmt_number, fmt_quantity
from policylab.text import MISSING, is_missing, year_range

#: Units whose values are counts, written without decimals (first word of the unit).
COUNT_UNITS = ("products", "rank")


def _decimals(unit: str) -> int | None:
    return 0 if str(unit).split(" ", 1)[0] in COUNT_UNITS else None


def quantity(value: float, unit: str) -> str:
    """``fmt_quantity``, with counts (of products, ranks) written as whole numbers."""
    return fmt_quantity(value, unit, decimals=_decimals(unit))


def dated(value: float, unit: str, year: Any) -> str:
    """A figure with its year: "9.50% of GDP (2000)"."""
    return f"{quantity(value, unit)} ({year})"


def written(value: float, unit: str) -> str:
    """A table's figure: its ``quantity``, or "no data"."""
    return "no data" if is_missing(value) else quantity(value, unit)


def number(value: float, unit: str) -> str:
    """``fmt_number`` (the sign of the unit only), counts as whole numbers; a US$ unit is
    left out (the row label names the currency)."""
    return fmt_number(value, "" if "US$" in str(unit) else unit, decimals=_decimals(unit))


def side(flag: str) -> str:
    """The world's quarter a flag's rule looks at: "lowest" or "highest"."""
    return "lowest" if rule_worse(flag) == "low" else "highest"


def flag_labels(flags: Iterable[str]) -> dict[str, str]:
    """Each flag's label in the case library's vocabulary (else the name in words)."""
    return {f: CHALLENGE_FLAGS[f].label if f in CHALLENGE_FLAGS
            else f.replace("_", " ").capitalize() for f in flags}


def span(years: pd.Series) -> str:
    """The years of a set of figures: "2019–2023", one year, or "years unknown"."""
    years = years.dropna()
    if years.empty:
        return "years unknown"
    return year_range(int(years.min()), int(years.max()))


def year_text(year: Any) -> str:
    """A table's year cell: the year, or an en dash."""
    return MISSING if is_missing(year) else str(int(year))


def short(text: str, width: int = 42) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip(" ,;") + "…"


def labels_on_top(fig: go.Figure, label_px: int = 30) -> None:
    """Column labels above the grid: make room for them between the title and the plot."""
    fig.update_xaxes(side="top")
    fig.update_layout(margin={"t": fig.layout.margin.t + label_px})
    title = next(a for a in fig.layout.annotations if a.name == "title")
    fig.update_annotations(selector={"name": "title"}, yshift=title.yshift + label_px)


def dot_grid(title: str, source: str, columns: list[str], rows: int, min_height: int,
             yaxis: dict | None = None, **marks: Any) -> go.Figure:
    """A grid of marks (``marks``: one scatter trace's settings), one row per item from the
    top and one column per country in the order of ``columns``, labelled above the grid."""
    fig = new_figure(title, source, legend=False, height=max(min_height, 34 * rows + 260))
    fig.add_trace(go.Scatter(**marks))
    grid = {"showgrid": True, "gridcolor": "#EEEEEE"}
    fig.update_layout(xaxis={"categoryorder": "array", "categoryarray": columns, **grid},
                      yaxis={"autorange": "reversed", **grid, **(yaxis or {})})
    labels_on_top(fig)
    return fig
