"""Figures written other than by the one decimal rule (``text.numbers``), where a page
needs it: fixed decimals, Python's ``:g``, three significant figures of a share. English
as Python writes it; French and Spanish with the language's marks ("0,88", "−0,29",
"12,3 %")."""

from __future__ import annotations

from policylab.i18n.language import is_source_language
from policylab.i18n.numbers import localise_digits, number_style
from policylab.text.numbers import MINUS, rounded, with_unit


def fixed(value: float, places: int, unit: str | None = None) -> str:
    """``value`` with exactly ``places`` decimals ("0.88", "-0.29" in English), ``unit``
    attached as :func:`~policylab.text.numbers.with_unit` does."""
    text = rounded(float(value), places, grouped=False)
    if not is_source_language():
        negative = text.startswith("-")
        text = localise_digits(text.lstrip("-"), number_style())
        text = f"{MINUS}{text}" if negative else text
    return with_unit(text, unit)


def plain(value: float) -> str:
    """A number as Python's ``:g`` writes it ("25", "12.5")."""
    text = f"{float(value):g}"
    return text if is_source_language() else text.replace(".", number_style().decimal)


def share_figures(value: float) -> str:
    """A percentage with three significant figures, trailing zeros kept ("12.3%", "0.0456%",
    "2.00%"): a learner can recompute a ratio of two shares within 2%, and a share never
    shows fewer digits than its neighbours."""
    digits = f"{float(value):#.3g}".rstrip(".")
    if is_source_language():
        return f"{digits}%"
    return with_unit(localise_digits(digits, number_style()), "%")
