"""The verdict rule of ``evidence.verdicts`` for a straight line across countries (an
indicator against log income per person, ``metrics.digital_pattern``), written out: the
method box that states it and the chart title that applies it to one country."""

from __future__ import annotations

from policylab.evidence.verdicts import scatter_definition
from policylab.i18n import N_, _
from policylab.narrative.format import fmt_number
from policylab.narrative.phrases import short_figure
from policylab.text import sentence_start

#: The method box of the verdict (``verdict_rule`` fills in the scatter's definition).
VERDICT_RULE = N_(
    "**When the lesson says \"more (or less) than its income predicts\".** The line is a "
    "least-squares fit of the indicator on the logarithm of income per person across all "
    "countries with a recent figure. A verdict is given only when the pattern is clear, that "
    "is when the line rises (or falls) over the range of incomes by more than the typical "
    "scatter of countries around it ({scatter}: a robust measure that a few far-off "
    "countries do not inflate, as the standard deviation would), and when the country sits "
    "further from the line than that typical distance. Otherwise the lesson says the "
    "evidence is inconclusive, and why."
)
ABOVE = N_("On {label}, {country} sits above what its income predicts ({figures}; typical "
           "distance from the line {typical})")
BELOW = N_("On {label}, {country} sits below what its income predicts ({figures}; typical "
           "distance from the line {typical})")
WITHIN = N_("On {label}, whether {country} is where its income predicts is inconclusive "
            "({figures}): its distance from the line is within the typical distance of "
            "{typical}")
FLAT = N_("On {label}, whether {country} is where its income predicts is inconclusive "
          "({figures}): the world pattern is too flat (a rise of {rise} over the income "
          "range, against a typical distance from the line of {typical})")


def verdict_rule() -> str:
    """``VERDICT_RULE`` in the current language, with the typical scatter's definition."""
    return _(VERDICT_RULE).format(scatter=scatter_definition())


def verdict_title(verdict, label: str, country, unit: str) -> str:
    """The verdict when it is clear, else why it is inconclusive (``verdict``: a
    ``metrics.digital_pattern.PatternVerdict``; ``label`` as inside a sentence)."""

    def distance(value: float) -> str:  # between two shares: percentage points
        shares = unit.startswith("%")
        return (_("{value} percentage points").format(value=fmt_number(value)) if shares
                else short_figure(value, unit))

    fields = {"label": label, "country": country, "typical": distance(verdict.scatter),
              "figures": _("{value} against {predicted} predicted").format(
                  value=fmt_number(verdict.value, unit),
                  predicted=short_figure(verdict.predicted, unit))}
    if verdict.clear:
        title = _(ABOVE if verdict.gap > 0 else BELOW).format(**fields)
    elif verdict.pattern_clear:
        title = _(WITHIN).format(**fields)
    else:
        title = _(FLAT).format(rise=distance(verdict.rise), **fields)
    return sentence_start(title)  # a translation may open on the label
