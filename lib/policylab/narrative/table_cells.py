"""Table cells and brackets around a figure: a value with its year, a median or how many
report, a change between two years or why the breaks rule (``evidence.breaks``) withholds
it, in few words."""

from __future__ import annotations

from policylab.evidence.medians import Median
from policylab.i18n import _, ngettext, pgettext
from policylab.text import MISSING, format_value, signed, year_range

#: ``evidence.breaks.why_not``'s reason that points to the method box (English).
_POINTING = ("the series swings too much from year to year for a change to be read "
             "(see the method box on series breaks)")


def short_why(why: str) -> str:
    """``evidence.breaks.why_not``'s reason without its pointer to the method box (titles,
    brackets, table cells), in the language it is written in."""
    pointing = _(_POINTING)
    pointer = pointing[pointing.rfind(" ("):]
    return why.split(" (see the method box")[0].removesuffix(pointer)


def dated(value: float, year: int | None) -> str:
    """"12.3 (2021)", or "–" without a value or a year."""
    text = format_value(value)
    return MISSING if year is None or text == MISSING else f"{text} ({year})"


def median_cell(median: Median, peers: bool, year: int | None = None) -> str:
    """The median with its year (default: the latest behind it), or how many peers (or
    countries) have data when fewer than three do."""
    if median.ok:
        return dated(median.value, year or median.years[1])
    if peers:
        return ngettext("{n} peer with data", "{n} peers with data", median.count).format(
            n=median.count)
    return ngettext("{n} country with data", "{n} countries with data", median.count).format(
        n=median.count)


def change_cell(ends: tuple[int, float, int, float], why: str = "") -> str:
    """The change from ``(first year, first value, last year, last value)`` with its years
    ("+2.4 (2000–2022)"), "not stated: <why>" when the breaks rule withholds it, "–" for a
    single year."""
    y0, v0, y1, v1 = ends
    if y0 == y1:
        return MISSING
    if why:
        return pgettext("table cell", "not stated: {why}").format(why=short_why(why))
    return f"{signed(v1 - v0)} ({year_range(y0, y1)})"
