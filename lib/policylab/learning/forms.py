"""Standard exercise forms that several lessons ask in the same words: "by what percentage
did it change?" between two values the question states."""

from __future__ import annotations

import math

from policylab.i18n import _
from policylab.learning.exercises import Exercise
from policylab.text import format_value


def percent_change_exercise(question: str, first: str = "", last: str = "",
                            answer: float = float("nan"), explanation: str = "",
                            tolerance: float = 1.0) -> Exercise:
    """The % change from ``first`` to ``last`` (numbers as the question writes them, so the
    worked solution recomputes from what the reader sees), with the standard hint; without
    ``answer``, an exercise that is not asked (``question`` says why)."""
    if math.isnan(answer):
        return Exercise(question, float("nan"), unit="%")
    return Exercise(
        question=question, answer=answer, unit="%", tolerance=tolerance,
        hint=_("Divide the last value by the first, subtract 1 and multiply by 100."),
        explanation=explanation,
        solution=f"`({last} / {first} − 1) × 100 ≈ {format_value(answer, '%')}`.")
