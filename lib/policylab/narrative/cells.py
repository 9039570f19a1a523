"""A figure as a table cell or a short phrase: with its unit or "no data", with its year, the
years of a set of figures, a long name cut for a chart label. Tables and sentences of
several pages write these the same way."""

from __future__ import annotations

from typing import Any

import pandas as pd

from policylab.i18n import _
from policylab.narrative.format import fmt_quantity
from policylab.text import MISSING, is_missing, year_range


def written(value: float, unit: str) -> str:
    """A table's figure: its ``fmt_quantity``, or "no data"."""
    return _("no data") if is_missing(value) else fmt_quantity(value, unit)


def dated(value: float, unit: str, year: Any) -> str:
    """A figure with its year: "9.50% of GDP (2000)"."""
    return f"{fmt_quantity(value, unit)} ({year})"


def year_cell(year: Any) -> str:
    """A table's year cell: the year, or an en dash."""
    return MISSING if is_missing(year) else str(int(year))


def year_span(years: pd.Series) -> str:
    """The years of a set of figures: "2019–2023", one year, or "years unknown"."""
    years = years.dropna()
    if years.empty:
        return _("years unknown")
    return year_range(int(years.min()), int(years.max()))


def shortened(text: str, width: int = 42) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (a chart's row label)."""
    return text if len(text) <= width else text[:width - 1].rstrip(" ,;") + "…"
