"""What every section of the brief needs about an indicator, a flag or a figure."""

from typing import Any

import pandas as pd

from policylab.forum.workshop import rule_worse
from policylab.narrative import fmt_quantity
from policylab.text import MISSING, is_missing, year_range


def dated(value: float, unit: str, year: Any) -> str:
    """A figure with its year: "9.50% of GDP (2000)"."""
    return f"{fmt_quantity(value, unit)} ({year})"


def written(value: float, unit: str) -> str:
    """A table's figure: its ``fmt_quantity``, or "no data"."""
    return "no data" if is_missing(value) else fmt_quantity(value, unit)


def side(flag: str) -> str:
    """The world's quarter a flag's rule looks at: "lowest" or "highest"."""
    return "lowest" if rule_worse(flag) == "low" else "highest"


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
