"""A figure as a table cell or a short phrase, written the same way on every page: with
its unit or "no data", with its year, a median with its count or its year, a change since
a year or over a span (or why the evidence rules do not read it), the years of a set of
figures, and a long name cut for a label."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from policylab.evidence.medians import Median
from policylab.i18n import _, ngettext, pgettext
from policylab.narrative.format import fmt_number, fmt_quantity
from policylab.text import MINUS, MISSING, format_value, is_missing, signed, year_range

#: ``evidence.breaks.why_not``'s reason that points to the method box (English).
_POINTING = ("the series swings too much from year to year for a change to be read "
             "(see the method box on series breaks)")


def written(value: float, unit: str) -> str:
    """A table's figure: its ``fmt_quantity``, or "no data"."""
    return _("no data") if is_missing(value) else fmt_quantity(value, unit)


def dated(value: float, unit: str, year: Any) -> str:
    """A figure with its year: "9.50% of GDP (2000)"."""
    return f"{fmt_quantity(value, unit)} ({year})"


def dated_cell(value: float, year: int | None) -> str:
    """A number with its year for a table whose header gives the unit: "12.3 (2021)", or
    "–" without a value or a year."""
    text = format_value(value)
    return MISSING if year is None or text == MISSING else f"{text} ({year})"


def year_cell(year: Any) -> str:
    """A table's year cell: the year, or an en dash."""
    return MISSING if is_missing(year) else str(int(year))


def year_span(years: pd.Series) -> str:
    """The years of a set of figures: "2019–2023", one year, or "years unknown"."""
    years = years.dropna()
    if years.empty:
        return _("years unknown")
    return year_range(int(years.min()), int(years.max()))


def shortened(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis (a chart's or table's label)."""
    return text if len(text) <= width else text[:width - 1].rstrip(" ,;") + "…"


def short_why(why: str) -> str:
    """``evidence.breaks.why_not``'s reason without its pointer to the method box (titles,
    brackets, table cells), in the language it is written in."""
    pointing = _(_POINTING)
    pointer = pointing[pointing.rfind(" ("):]
    return why.split(" (see the method box")[0].removesuffix(pointer)


def median_count_cell(ds, median: float, n: int, first: int | None, year: int | None,
                      unit: str) -> str:
    """A median over ``n`` countries: "12.3% (n = 7)", with its years when the oldest value
    (``first``) is not current; "no data" or "only 2 report" without one."""
    if n == 0:
        return _("no data")
    if math.isnan(median):
        return ngettext("only {n} reports", "only {n} report", n).format(n=n)
    count = f"n = {n}"
    if not ds.is_current(first):
        count += f", {year_range(first, year)}"
    return f"{fmt_number(median, unit)} ({count})"


def median_dated_cell(median: Median, peers: bool, year: int | None = None) -> str:
    """A median with its year (default: the latest behind it), or how many peers (or
    countries) have data when too few do for a median."""
    if median.ok:
        return dated_cell(median.value, year or median.years[1])
    if peers:
        return ngettext("{n} peer with data", "{n} peers with data", median.count).format(
            n=median.count)
    return ngettext("{n} country with data", "{n} countries with data", median.count).format(
        n=median.count)


def change_since_cell(change: float, unit: str, since: int | None,
                      repeated_since: int | None = None, reason: str | None = None) -> str:
    """A change since ``since``: "+1.2 points since 2000" for a % unit, "−3.4 since 2000"
    otherwise; "same value every year since", "not read since (why)", "no change since",
    or "–" without a change."""
    if repeated_since is not None:
        return _("same value every year since {year}").format(year=repeated_since)
    if math.isnan(change):
        return MISSING
    if reason is not None:
        return _("not read since {year} ({reason})").format(year=since, reason=reason)
    percent = "%" in unit
    text = fmt_number(abs(change), "" if percent else unit)
    if text == "0" or text.endswith(" 0"):
        return _("no change since {year}").format(year=since)
    sign = f"{'+' if change > 0 else MINUS}{text}"
    return (_("{change} points since {year}") if percent else
            _("{change} since {year}")).format(change=sign, year=since)


def change_span_cell(ends: tuple[int, float, int, float], why: str = "") -> str:
    """The change from ``(first year, first value, last year, last value)`` with its years
    ("+2.4 (2000–2022)"), "not stated: <why>" when the breaks rule withholds it, "–" for a
    single year."""
    y0, v0, y1, v1 = ends
    if y0 == y1:
        return MISSING
    if why:
        return pgettext("table cell", "not stated: {why}").format(why=short_why(why))
    return f"{signed(v1 - v0)} ({year_range(y0, y1)})"
