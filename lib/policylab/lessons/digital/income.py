"""Section 1: internet use (or another indicator) against income, with the world pattern
(``metrics.digital.world_with_income`` and its log-income fit)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from policylab.charts import scatter_compare
from policylab.evidence.verdicts import FitEvidence, typical_scatter
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import INCOME_INDICATOR, WINDOW_YEARS, figure, short
from policylab.metrics.digital import log_income_fit, predicted_by_income, world_with_income
from policylab.narrative import fmt_number
from policylab.text import in_sentence

#: Fewer countries than this make no world pattern.
MIN_COUNTRIES = 10

VERDICT_RULE = (
    "**When the lesson says \"more (or less) than its income predicts\".** The line is a "
    "least-squares fit of the indicator on the logarithm of income per person across all "
    "countries with a recent figure. A verdict is given only when the pattern is clear, that "
    "is when the line rises (or falls) over the range of incomes by more than the typical "
    "scatter of countries around it (the standard deviation of the distances from the line), "
    "and when the country sits further from the line than that typical distance. Otherwise "
    "the lesson says the evidence is inconclusive, and why."
)


@dataclass(frozen=True)
class PatternVerdict:
    """The country against the world pattern: its value, the value the fit predicts, the
    fit's rise over the range of incomes, the typical distance from the line, and whether a
    verdict may be given (``clear``)."""

    value: float
    predicted: float
    rise: float
    scatter: float

    @property
    def gap(self) -> float:
        return self.value - self.predicted

    @property
    def evidence(self) -> FitEvidence:
        return FitEvidence(self.rise, self.scatter, self.gap)

    @property
    def pattern_clear(self) -> bool:
        return self.evidence.pattern_clear

    @property
    def clear(self) -> bool:
        return self.evidence.clear


def pattern_verdict(data, country: str) -> PatternVerdict:
    """``VERDICT_RULE`` applied to ``country`` in ``data`` (``value, income`` by ISO3)."""
    slope, intercept = log_income_fit(data)
    logs = np.log10(data["income"].to_numpy(dtype=float))
    residuals = data["value"].to_numpy(dtype=float) - (slope * logs + intercept)
    return PatternVerdict(float(data.at[country, "value"]), predicted_by_income(data, country),
                          float(slope * (logs.max() - logs.min())),
                          typical_scatter(residuals.tolist()))


def verdict_title(lesson: Lesson, indicator: str, verdict: PatternVerdict) -> str:
    """The scatter's title: the verdict when it is clear, else why it is inconclusive."""
    unit = lesson.ds.indicator(indicator).unit
    section = in_sentence(short(lesson, indicator))
    def distance(value: float) -> str:
        return (f"{fmt_number(value)} percentage points" if unit.startswith("%")
                else figure(value, unit))

    figures = (f"{fmt_number(verdict.value, unit)} against "
               f"{figure(verdict.predicted, unit)} "
               "predicted")
    if verdict.clear:
        side = "above" if verdict.gap > 0 else "below"
        return (f"On {section}, {lesson.name} sits {side} what its income predicts "
                f"({figures}; typical distance from the line {distance(verdict.scatter)})")
    if not verdict.pattern_clear:
        why = (f"the world pattern is too flat (a rise of {distance(verdict.rise)} over the "
               f"income range, against a typical distance from the line of "
               f"{distance(verdict.scatter)})")
    else:
        why = (f"its distance from the line is within the typical distance of "
               f"{distance(verdict.scatter)}")
    return (f"On {section}, whether {lesson.name} is where its income predicts is "
            f"inconclusive ({figures}): {why}")


def cross_section(lesson: Lesson, indicator: str):
    """Every country's latest ``indicator`` and income, in the window ending at the focus
    country's own latest year (``year, value, income`` indexed by ``iso3``)."""
    own = lesson.ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    year = own.year if own.year is not None else lesson.end_year
    return world_with_income(lesson.ds, indicator, year)


def income_scatter(lesson: Lesson, indicator: str = "internet_users_share") -> go.Figure | None:
    """All countries' latest ``indicator`` against income (GDP per capita, PPP, log scale)
    with the fitted world pattern; the title gives a verdict on the focus country against
    what its income predicts only when ``VERDICT_RULE`` holds, else says why not."""
    ds = lesson.ds
    ind, income = ds.indicator(indicator), ds.indicator(INCOME_INDICATOR)
    section = short(lesson, indicator)
    data = cross_section(lesson, indicator)
    if lesson.country not in data.index or len(data) < MIN_COUNTRIES:
        lesson.skip(f"{section} and income", f"{lesson.name} lacks a recent figure on "
                    f"{in_sentence(section)} or on income per person to place it in the "
                    "world pattern.")
        return None
    title = verdict_title(lesson, indicator, pattern_verdict(data, lesson.country))
    year = int(data.at[lesson.country, "year"])
    source = lesson.source(indicator, INCOME_INDICATOR,
                           note=f"Latest year per country, {year - WINDOW_YEARS + 1}–{year}; "
                                "line: least-squares fit on log income (rule in the "
                                "method box).")
    return scatter_compare(data, "income", "value", lesson.country, lesson.peer_codes,
                           title=title, x_label=income.label.split(" (")[0],
                           y_label=section, source=source, x_unit=income.unit, y_unit=ind.unit,
                           names=lesson.names, log_x=True, trend="linear")
