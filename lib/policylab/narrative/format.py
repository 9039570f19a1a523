"""Numbers formatted for readers of policy material.

Rules: the text layer's one decimal rule (``policylab.text.format_value``: 1,234 / 12.3 /
5.68 / 0.0034), so a sentence writes a figure as its table and chart do; millions and above
in words (48.5 million, US$ 1.23 billion); percentages with a % sign; a true minus "−";
no "−0". A missing value is never formatted: it raises ``DataError`` so that a caller
writes an honest sentence instead (see ``narrative.messages.missing_message``).
"""

from __future__ import annotations

import math
import numbers
import re

import pandas as pd

from policylab.errors import DataError
from policylab.i18n import current_language
from policylab.text import MINUS, format_value, with_unit
from policylab.text.numbers import unit_after

#: Units whose first word marks a number read through its label ("3.1", not "3.1 index").
_UNITLESS = ("", "number", "index", "score", "count", "rank", "ratio", "flag")
#: Units whose values are counts (first word), written as whole numbers: "12 products".
COUNT_UNITS = ("rank", "products")


def fmt_number(value: float | int, unit: str = "", decimals: int | None = None) -> str:
    """``value`` with its currency or percent sign: ``1,234``, ``12.3%``, ``US$ 1.2 billion``.

    The rest of the unit (``of GDP``, ``per 100 people``) is not added; use
    ``fmt_quantity`` for that. ``decimals`` overrides the magnitude rule; counts
    (``COUNT_UNITS``: ranks, products) are whole numbers unless it is given.
    """
    number = _checked(value)
    kind = _unit_kind(unit)
    if decimals is None and _first_word(unit) in COUNT_UNITS:
        decimals = 0
    text = format_value(abs(number), decimals=decimals, words=True)
    if not any(ch in "123456789" for ch in text):
        text = "0"  # no "−0" and no "0.0" in a sentence
    negative = text != "0" and number < 0
    if kind == "percent":
        text = with_unit(text, "%")
    elif kind == "currency" and current_language() != "en":
        text = with_unit(text, _currency_symbol(unit))
    elif kind == "currency":
        text = f"{_currency_symbol(unit)} {text}"
    return f"{MINUS}{text}" if negative else text


def fmt_quantity(value: float | int, unit: str, decimals: int | None = None) -> str:
    """``value`` with its whole unit: ``10.2% of GDP``, ``12.3 per 100 people``,
    ``US$ 1,234 per person``, ``US$ 1.2 billion (constant 2015 US$)``."""
    unit = " ".join(str(unit).split())
    kind = _unit_kind(unit)
    if kind == "currency" and current_language() != "en":
        # French and Spanish write the amount first, then the whole unit ("147,7 US$
        # courants par habitant", "1,2 milliard de US$ constants de 2015")
        return format_value(_checked(value), unit, decimals, words=True)
    number = fmt_number(value, unit, decimals)
    if kind == "percent":
        rest = unit[1:].strip() if unit.startswith("%") else unit.split(" ", 1)[-1]
        rest = "" if rest.casefold() in ("", "percent") else rest
        return f"{number} {rest}".rstrip()
    if kind == "currency":
        head, _, per = unit.partition(" per ")
        text = f"{number} per {per}" if per else number
        basis = head.replace("US$", "").replace("$", "").strip()
        if not basis or basis.casefold() == "current":
            return text
        return f"{text} ({head.replace(' (', ', ').replace(')', '')})"
    if _first_word(unit) in _UNITLESS:
        return number
    return f"{number} {unit_after(number, unit)}"


def fmt_year_range(start: int | None, end: int | None) -> str:
    """``2000–2023`` (en dash), or ``2023`` when both ends are the same year."""
    if start is None or end is None:
        raise DataError("a year range needs both years; the data has none to show")
    first, last = int(start), int(end)
    return str(first) if first == last else f"{first}\u2013{last}"


def ordinal(rank: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``; French ``1er``, ``2e``; Spanish the
    number alone, as its templates write a rank ("el puesto 3 de 40")."""
    rank = int(rank)
    language = current_language()
    if language == "fr":
        return f"{rank}er" if rank == 1 else f"{rank}e"
    if language == "es":
        return str(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def percentile_rank(percentile: float) -> str:
    """The number of a percentile as a language writes it: "14th" (the 14th percentile),
    French "14e" (14e centile), Spanish "14" (percentil 14)."""
    return ordinal(round(percentile))


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA: the ways a missing number reaches this module."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return False


def _checked(value: object) -> float:
    if is_missing(value):
        raise DataError("no value to format (missing data); say so with "
                        "policylab.narrative.missing_message instead")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise DataError(f"expected a number to format, got {value!r}")
    if math.isinf(value):
        raise DataError(f"cannot format an infinite value ({value!r})")
    return float(value)


def _first_word(unit: str) -> str:
    words = str(unit).split()
    return words[0].casefold() if words else ""


def _unit_kind(unit: str) -> str:
    text = " ".join(str(unit).split())
    if text.startswith("%") or text.casefold().startswith("percent"):
        return "percent"
    head = re.split(r" (?:per|par|por) ", text)[0]  # the catalogue's units in each language
    if "$" in head:
        return "currency"
    return "plain"


def _currency_symbol(unit: str) -> str:
    return "US$" if "US$" in unit else "$"
