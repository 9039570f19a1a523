"""Verdicts no stronger than the evidence (DESIGN §10): the one rule for every judgement read
off a fitted cross-country pattern ("premature de-industrialization", "more complex / more
connected than its income predicts").

A fitted line always has a slope and a fitted curve always has a peak; whether the data show
them is another matter. A verdict is given only when

- the pattern is clear: how far the fitted pattern moves over the income range (its rise,
  or for a hump the smaller of its rise and fall) is larger than the **typical scatter** of
  countries around it; and
- the country's distance from the pattern is larger than that same scatter.

Otherwise the evidence is inconclusive, and the sentence says which of the two fails. The
typical scatter is robust: ``MAD_TO_SD`` x the median absolute deviation of the residuals,
the median of their distances from the median residual (a standard deviation for normal
scatter, not pulled by a few outliers). Every method box that states the rule defines it in
the same words, :func:`scatter_definition`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from policylab.i18n import N_, SOURCE_LANGUAGE, _, current_language
from policylab.i18n.numbers import number_style
from policylab.text import format_value

#: Turns a median absolute deviation into a standard deviation for normal scatter.
MAD_TO_SD = 1.4826

#: The typical scatter in words, as :func:`typical_scatter` computes it: the residuals'
#: deviations are taken around their median, not around the line (the two differ when more
#: countries lie on one side of the fit).
SCATTER_DEFINITION = N_(
    "{factor} × the median of how far each distance from the line, counted positive above "
    "it and negative below, lies from the median distance"
)


def scatter_definition() -> str:
    """``SCATTER_DEFINITION`` in the current language, with the factor written by its
    rules: the words every method box of a verdict uses for the typical scatter."""
    return _(SCATTER_DEFINITION).format(factor=format_value(MAD_TO_SD, decimals=4))


def typical_scatter(residuals: Sequence[float]) -> float:
    """The robust typical distance of countries from a fit (NaN without residuals):
    ``SCATTER_DEFINITION``."""
    values = np.asarray([r for r in residuals if r is not None and not math.isnan(r)],
                        dtype=float)
    if len(values) == 0:
        return float("nan")
    return MAD_TO_SD * float(np.median(np.abs(values - np.median(values))))


@dataclass(frozen=True)
class FitEvidence:
    """How strong a verdict read off a fit may be. ``movement``: how much the fitted pattern
    moves over the income range (for a hump, the smaller of rise and fall); ``scatter``: the
    typical distance of countries from it; ``distance``: the country's signed distance."""

    movement: float
    scatter: float
    distance: float = float("nan")

    @property
    def pattern_clear(self) -> bool:
        return not (math.isnan(self.movement) or math.isnan(self.scatter)) \
            and abs(self.movement) > self.scatter

    @property
    def distance_clear(self) -> bool:
        return not (math.isnan(self.distance) or math.isnan(self.scatter)) \
            and abs(self.distance) > self.scatter

    @property
    def clear(self) -> bool:
        return self.pattern_clear and self.distance_clear

    def why_inconclusive(self, unit: str = "") -> str:
        """The reason in words ("" when the verdict is clear)."""
        if not self.pattern_clear:
            if math.isnan(self.movement):
                return _("the fitted pattern has no clear rise or peak within the range of "
                         "incomes")
            return _("the fitted pattern moves by only {movement} over the range of incomes, "
                     "no more than the typical scatter of {scatter} around it").format(
                movement=_figure(abs(self.movement), unit), scatter=_figure(self.scatter, unit))
        if not self.distance_clear:
            return _("the country's distance from the pattern ({distance}) is within the "
                     "typical scatter of {scatter}").format(
                distance=_figure(self.distance, unit, sign=True),
                scatter=_figure(self.scatter, unit))
        return ""


def _figure(value: float, unit: str, sign: bool = False) -> str:
    """Two decimals, as the rule has always written them ("0.42 points", "+1.30"), with the
    language's decimal mark."""
    text = f"{value:+.2f}" if sign else f"{value:.2f}"
    if current_language() != SOURCE_LANGUAGE:
        text = text.replace(".", number_style().decimal)
    return f"{text} {unit}" if unit else text
