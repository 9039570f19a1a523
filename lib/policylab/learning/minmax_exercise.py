"""The min-max step of a composite index by hand: a country's 0–100 score on one component
from its value and the lowest and highest values among all countries."""

from __future__ import annotations

import math

from policylab.i18n import N_, _
from policylab.learning.exercises import Exercise
from policylab.metrics.minmax import MinMax
from policylab.narrative import fmt_number

#: The min-max formula as the exercise writes it.
FORMULA = N_("(value − lowest) / (highest − lowest) × 100")
#: Points (0–100) within which a normalised score is accepted.
TOLERANCE = 1.0


def minmax_exercise(position: MinMax, *, label, country, window: str, unit: str) -> Exercise:
    """The exercise on ``position`` (its score is the answer), ``label`` a phrase for a
    sentence, ``window`` the years the latest figures come from; unavailable without a
    score."""
    fields = {"country": country, "label": label, "window": window, "formula": _(FORMULA)}
    if math.isnan(position.score):
        question = _("The index rescales each component to 0–100 with min-max normalisation. "
                     "On {label}, {country} has no recent figure (latest figures, {window}). "
                     "What is its normalised score?").format(**fields)
        solution = _("{formula} with no recent figure.").format(**fields)
    else:
        fields["figures"] = _("{value}, lowest {low}, highest {high}").format(
            value=fmt_number(position.value, unit), low=fmt_number(position.low, unit),
            high=fmt_number(position.high, unit))
        question = _("The index rescales each component to 0–100 with min-max normalisation. "
                     "On {label}, {country} has {figures} (latest figures, {window}). What is "
                     "its normalised score?").format(**fields)
        solution = _("{formula} with {figures}.").format(**fields)
    return Exercise(question=question, answer=position.score, unit=_("points (0–100)"),
                    tolerance=TOLERANCE,
                    explanation=_("{formula} puts the lowest country at 0 and the highest at "
                                  "100.").format(formula=_(FORMULA)),
                    hint=_("Divide the distance from the lowest value by the whole range."),
                    solution=solution)
