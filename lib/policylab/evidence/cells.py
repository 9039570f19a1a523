"""A median, a change and a withheld change in the words the evidence rules require (DESIGN
§10): a median with its count and, when it reaches back, its years; a change that repeats a
carried-forward figure or crosses a likely break is not read, and says why."""

from __future__ import annotations

import math
from collections.abc import Sequence

from policylab.evidence.breaks import why_not_short, withheld
from policylab.i18n import _, ngettext
from policylab.narrative import fmt_number
from policylab.text import MINUS, in_sentence


def median_cell(ds, median: float, n: int, first: int | None, year: int | None,
                unit: str) -> str:
    """A median over ``n`` countries for a table cell: "12.3% (n = 7)", with its years when
    the oldest value (``first``) is not current; "no data" or "only 2 report" without one."""
    if n == 0:
        return _("no data")
    if math.isnan(median):
        return ngettext("only {n} reports", "only {n} report", n).format(n=n)
    count = f"n = {n}"
    if not ds.is_current(first):
        count += f", {first}\u2013{year}" if first != year else f", {first}"
    return f"{fmt_number(median, unit)} ({count})"


def change_cell(change: float, unit: str, since: int | None, repeated_since: int | None = None,
                reason: str | None = None) -> str:
    """A change since ``since`` for a table cell: "+1.2 points since 2000" for a % unit,
    "−3.4 since 2000" otherwise; "same value every year since", "not read since (why)",
    "no change since", or "–" without a change."""
    if repeated_since is not None:
        return _("same value every year since {year}").format(year=repeated_since)
    if math.isnan(change):
        return "–"
    if reason is not None:
        return _("not read since {year} ({reason})").format(year=since, reason=reason)
    percent = "%" in unit
    text = fmt_number(abs(change), "" if percent else unit)
    if text == "0" or text.endswith(" 0"):
        return _("no change since {year}").format(year=since)
    signed = f"{'+' if change > 0 else MINUS}{text}"
    return (_("{change} points since {year}") if percent else
            _("{change} since {year}")).format(change=signed, year=since)


def withheld_in(ds, series: Sequence[str], country: str, first: int, last: int) -> str | None:
    """Why a change over ``first``-``last`` built from ``series`` may not be read, in a few
    words naming the first series that forbids it ("likely series break in 2009 in
    agriculture's share of GDP"), or None."""
    for indicator in series:
        reason = withheld(ds, indicator, country, first, last, words=why_not_short)
        if reason:
            label = ds.indicator(indicator).label.split(" (")[0]
            return _("{reason} in {indicator}").format(reason=reason,
                                                       indicator=in_sentence(label))
    return None
