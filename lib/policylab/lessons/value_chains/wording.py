"""The few figures the lesson writes with fixed decimals, in the language's marks.

(Templates name the lesson's country ``{country}``, ``lesson.name``, and write the English
possessive ``{country.possessive}`` / ``{country.Possessive}``; French and Spanish
translations use ``{country.du}``, ``de {country}``.)
"""

from __future__ import annotations

from policylab.i18n.language import is_source_language
from policylab.i18n.numbers import localise_digits, number_style
from policylab.text import MINUS, with_unit


def fixed(value: float, places: int, unit: str | None = None) -> str:
    """``value`` with exactly ``places`` decimals as Python writes it in English ("0.88",
    "-0.29"; the English pages always wrote these so), in French and Spanish with the
    language's marks ("0,88", "−0,29"), ``unit`` attached as the text layer does."""
    text = f"{float(value):.{places}f}"
    if not is_source_language():
        negative = text.startswith("-")
        text = localise_digits(text.lstrip("-"), number_style())
        text = f"{MINUS}{text}" if negative else text
    return with_unit(text, unit)


def plain(value: float) -> str:
    """A number as Python's ``:g`` writes it ("25", "12.5"), with the language's decimal
    mark."""
    text = f"{float(value):g}"
    return text if is_source_language() else text.replace(".", number_style().decimal)
