"""One rule for how a number is written, shared by tables, chart labels and sentences.

Before this module, tables and charts wrote 5.678 as "5.68" and sentences as "5.7", and a
negative number had a hyphen in some places and a true minus in others, so the same figure
could read differently in a table and in the sentence under it. Every caller now goes
through :func:`format_value` (``display.format_number``, ``charts.template.value_decimals``
and ``narrative.format.fmt_number`` delegate here).

The rule (about three significant figures, never rounding whole digits away):
2 decimals below 10, 1 below 1,000, none from 1,000 (with thousands separators); below 0.1,
two significant digits (0.0034). Whole numbers given as integers stay whole. A negative
number carries a true minus sign "−", and a value that rounds to zero is "0", never "−0".

The digits are decided once, by that rule; the current language (``policylab.i18n``) only
decides how they are written: English unchanged ("1,234.5", "7.6%"), French "1 234,5" and
"7,6 %", Spanish "1234,5" and "7,6 %", scale words in the language ("48,5 millions").
"""

from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

from policylab.i18n.language import SOURCE_LANGUAGE, current_language
from policylab.i18n.numbers import (
    counts_as_one,
    localise_digits,
    number_style,
    of_unit,
    scale_word,
)

MINUS = "\u2212"
#: How a missing number is shown to readers (an en dash), never "nan".
MISSING = "\u2013"
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def is_missing(value: object) -> bool:
    """True for None, NaN, pandas' NA and anything else that is not a finite number."""
    if value is None:
        return True
    try:
        return bool(value != value) or str(value) == "<NA>"  # NaN, pd.NA
    except (TypeError, ValueError):
        return str(value) == "<NA>"


def decimals_for(value: float) -> int:
    """Decimals the one rule gives a number of this size (see the module docstring); a
    number that rounds up into the next size class takes that class's decimals (9.996 is
    "10.0", not "10.00")."""
    size = abs(float(value))
    if not math.isfinite(size) or size == 0:
        return 0
    places = _places(size)
    rounded = round(size, places)
    return min(places, _places(rounded)) if rounded else places


def _places(size: float) -> int:
    if size < 0.1:
        return 1 - math.floor(math.log10(size))
    return 2 if size < 10 else 1 if size < 1000 else 0


def format_value(value: object, unit: str | None = None, decimals: int | None = None,
                 words: bool = False) -> str:
    """``value`` written by the one rule, with ``unit`` after it (:func:`with_unit`).

    ``decimals`` overrides the rule (a table column uses the precision of its largest
    value, so that figures line up). ``words`` writes millions and up in words
    ("48.5 million", "1.2 billion", "250 billion": one decimal below 100, none above). A missing
    value is "–"; a non-number is returned as text. Separators, the space before % and the
    scale words follow the current language.
    """
    if is_missing(value):
        return MISSING
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if math.isinf(float(value)):
        return MISSING
    digits, threshold, negative = _digits(value, decimals, words)
    sign = MINUS if negative else ""
    if current_language() == SOURCE_LANGUAGE:
        scale = f" {dict(_SCALES)[threshold]}" if threshold else ""
        return with_unit(f"{sign}{digits}{scale}", unit)
    style = number_style()
    text = f"{sign}{localise_digits(digits, style)}"
    if not threshold:
        return with_unit(text, unit)
    text = f"{text}{style.unit_gap}{scale_word(threshold, digits, style)}"
    if unit and not unit.startswith("%"):
        return f"{text} {of_unit(unit, style)}{unit}"
    return with_unit(text, unit)


def _digits(value: numbers.Real, decimals: int | None, words: bool) -> tuple[str, float, bool]:
    """The rounded digits written the English way ("12,345.6", no sign), the scale they
    are counted in (1e6, 1e9, 1e12; 0 for none) and whether the number is negative (never
    for one that rounds to zero)."""
    number = float(value)
    threshold: float = 0
    if words:
        for size, _word in _SCALES:
            if round(abs(number)) >= size:
                number, threshold = number / size, size
                break
    if isinstance(value, numbers.Integral) and decimals is None and not threshold:
        text = f"{abs(int(value)):,}"
    else:
        places = decimals_for(number) if decimals is None else decimals
        if threshold and decimals is None:  # in words: "1.2 billion", "250 billion"
            places = min(places, 1 if abs(number) < 100 else 0)
        text = rounded(abs(number), places)
    if float(text.replace(",", "")) == 0:
        return ("0" if decimals is None else text), threshold, False
    return text, threshold, number < 0


def rounded(value: float, places: int, grouped: bool = True) -> str:
    """``value`` with ``places`` decimals, written the English way ("1,234.5"; no commas
    unless ``grouped``), a half rounded away from zero as readers and spreadsheets do (5/8
    is "63%", as 3/8 is "38%"; Python's own formatting rounds a half to even, "62%"). The
    number is read as it is written (``repr``), so 2.675 is "2.68"."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{exact:,.{places}f}" if grouped else f"{exact:.{places}f}"


def with_unit(number: str, unit: str | None) -> str:
    """A written number and its unit: a % attaches ("12.3%", "12.3% of GDP"), any other
    unit follows after a space ("3.2 t"); no unit, no suffix. In French and Spanish a
    no-break space comes before both ("12,3 % du PIB", "3,2 t")."""
    if not unit:
        return number
    if current_language() == SOURCE_LANGUAGE:
        return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"
    style = number_style()
    if unit.startswith("%"):
        return f"{number}{style.percent_gap}{unit}"
    return f"{number}{style.unit_gap}{unit_after(number, unit)}"


#: French nouns that open a unit, and their singular, for a quantity French counts as one
#: (``i18n.numbers.counts_as_one``: "0,38 tonne de CO2 par habitant", "1,5 million de tonnes").
_FRENCH_SINGULAR = {"tonnes": "tonne", "millions": "million", "personnes": "personne",
                    "demandes": "demande", "articles": "article", "produits": "produit"}


def unit_after(number: str, unit: str) -> str:
    """``unit`` as it reads after ``number`` (already written in the current language):
    after a scale word, joined as the language joins it ("1,2 million de personnes");
    in French, with its opening noun singular below two ("0,38 tonne")."""
    if current_language() == SOURCE_LANGUAGE:
        return unit
    if any(ch.isalpha() for ch in number):
        return of_unit(unit, number_style()) + unit
    first, space, rest = unit.partition(" ")
    if current_language() != "fr" or first not in _FRENCH_SINGULAR:
        return unit
    one = counts_as_one(number, number_style())
    return _FRENCH_SINGULAR[first] + space + rest if one else unit


def signed(value: float, unit: str | None = None, decimals: int | None = None) -> str:
    """A change with its sign: "+2.4%", "−0.8 points", and "0" (no sign) when it rounds
    to zero."""
    text = format_value(value, unit, decimals)
    if text == MISSING or text.startswith(MINUS) or float(value) == 0:
        return text
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        digits = _digits(value, decimals, False)[0]
    else:  # a non-number format_value returned as text
        digits = text.split(" ")[0].rstrip("%")
    return text if float(digits.replace(",", "")) == 0 else f"+{text}"


def year_range(first: int, last: int) -> str:
    """"2000–2024" (en dash), or one year when both ends are the same."""
    return str(first) if int(first) == int(last) else f"{int(first)}\u2013{int(last)}"
