"""What every section of the brief needs about an indicator, a flag or a figure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.cases import CHALLENGE_FLAGS
from policylab.narrative import fmt_quantity
from policylab.text import MISSING, is_missing, year_range

#: Units whose values are counts, written without decimals (first word of the unit).
COUNT_UNITS = ("products", "rank")


def quantity(value: float, unit: str) -> str:
    """``fmt_quantity``, with counts (of products, ranks) written as whole numbers."""
    whole = str(unit).split(" ", 1)[0] in COUNT_UNITS
    return fmt_quantity(value, unit, decimals=0 if whole else None)


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


def labels_on_top(fig: go.Figure, label_px: int) -> None:
    """Column labels above the grid: make room for them between the title and the plot."""
    fig.update_xaxes(side="top")
    fig.update_layout(margin={"t": fig.layout.margin.t + label_px})
    title = next(a for a in fig.layout.annotations if a.name == "title")
    fig.update_annotations(selector={"name": "title"}, yshift=title.yshift + label_px)
