"""Section 1: internet use (or another indicator) against income, with the world pattern
(``metrics.digital.world_with_income``) and the verdict of ``metrics.digital_pattern``."""

import plotly.graph_objects as go

from policylab.charts import scatter_compare
from policylab.evidence.verdicts import MAD_TO_SD
from policylab.i18n import N_, _
from policylab.i18n.labels import label_phrase
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import figure, own, short, window_text
from policylab.metrics.digital import INCOME_INDICATOR, world_with_income
from policylab.metrics.digital_pattern import PatternVerdict, pattern_verdict
from policylab.narrative import fmt_number
from policylab.text import format_value, in_sentence, sentence_start

#: Fewer countries than this make no world pattern.
MIN_COUNTRIES = 10

#: The method box of the verdict (``verdict_rule`` fills in the factor).
VERDICT_RULE = N_(
    "**When the lesson says \"more (or less) than its income predicts\".** The line is a "
    "least-squares fit of the indicator on the logarithm of income per person across all "
    "countries with a recent figure. A verdict is given only when the pattern is clear, that "
    "is when the line rises (or falls) over the range of incomes by more than the typical "
    "scatter of countries around it ({factor} × the median distance from the line: a "
    "robust measure that a few far-off countries do not inflate, as the standard deviation "
    "would), and when the country sits further from the line than that typical distance. "
    "Otherwise the lesson says the evidence is inconclusive, and why."
)


def verdict_rule() -> str:
    """``VERDICT_RULE`` in the current language, with the factor written by its rules."""
    return _(VERDICT_RULE).format(factor=format_value(MAD_TO_SD, decimals=4))


def verdict_title(lesson: Lesson, indicator: str, verdict: PatternVerdict) -> str:
    """The scatter's title: the verdict when it is clear, else why it is inconclusive."""
    unit = lesson.ds.indicator(indicator).unit

    def distance(value: float) -> str:  # between two shares: percentage points
        shares = unit.startswith("%")
        return (_("{value} percentage points").format(value=fmt_number(value)) if shares
                else figure(value, unit))

    fields = {"label": in_sentence(short(lesson, indicator)), "country": lesson.name,
              "typical": distance(verdict.scatter),
              "figures": _("{value} against {predicted} predicted").format(
                  value=fmt_number(verdict.value, unit),
                  predicted=figure(verdict.predicted, unit))}
    if verdict.clear:
        title = _(ABOVE if verdict.gap > 0 else BELOW).format(**fields)
    elif verdict.pattern_clear:
        title = _(WITHIN).format(**fields)
    else:
        title = _(FLAT).format(rise=distance(verdict.rise), **fields)
    return sentence_start(title)  # a translation may open on the label


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


def cross_section(lesson: Lesson, indicator: str):
    """Every country's latest ``indicator`` and income, in the window ending at the focus
    country's own latest year (``year, value, income`` indexed by ``iso3``)."""
    return world_with_income(lesson.ds, indicator, own(lesson, indicator).year or lesson.end_year)


def income_scatter(lesson: Lesson, indicator: str = "internet_users_share") -> go.Figure | None:
    """All countries' latest ``indicator`` against income (GDP per capita, PPP, log scale)
    with the fitted world pattern; the title gives a verdict on the focus country against
    what its income predicts only when ``VERDICT_RULE`` holds, else says why not."""
    section = short(lesson, indicator)
    data = cross_section(lesson, indicator)
    if lesson.country not in data.index or len(data) < MIN_COUNTRIES:
        lesson.skip(_("{label} and income").format(label=section), _(
            "{country} lacks a recent figure on {label} or on income per person to place it "
            "in the world pattern.").format(country=lesson.name,
                                            label=label_phrase(indicator, section)))
        return None
    title = verdict_title(lesson, indicator, pattern_verdict(data, lesson.country))
    source = lesson.source(indicator, INCOME_INDICATOR, note=_(
        "Latest year per country, {window}; line: least-squares fit on log income (rule in "
        "the method box).").format(window=window_text(lesson, int(data.at[lesson.country,
                                                                          "year"]))))
    return scatter_compare(data, "income", "value", lesson.country, lesson.peer_codes,
                           title=title, x_label=short(lesson, INCOME_INDICATOR), y_label=section,
                           source=source, x_unit=lesson.ds.indicator(INCOME_INDICATOR).unit,
                           y_unit=lesson.ds.indicator(indicator).unit, names=lesson.names,
                           log_x=True, trend="linear")
