"""Section 7: the learner's exercises (the internet-use gap; min-max normalisation)."""

import math

import pandas as pd

from policylab.display import format_number
from policylab.i18n import N_, _
from policylab.i18n.labels import label_phrase
from policylab.learning.exercises import Exercise
from policylab.learning.forms import MINMAX_TOLERANCE, minmax_exercise
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import is_recent, short, window_text
from policylab.lessons.digital.gaps import gap_table
from policylab.metrics.digital import COMPONENTS, latest_world
from policylab.metrics.minmax import MinMax, first_interior, minmax_position
from policylab.narrative import fmt_number
from policylab.text import format_value

GAP_BEHIND = N_(
    "How many percentage points behind the median of its peers is {country} on internet use? "
    "Use the gaps table: the country's latest value and its peers' median (the page does not "
    "show the difference).")
GAP_AHEAD = N_(
    "How many percentage points ahead of the median of its peers is {country} on internet "
    "use? Use the gaps table: the country's latest value and its peers' median (the page does "
    "not show the difference).")


def exercise_internet_gap(lesson: Lesson) -> Exercise:
    """The percentage points between the country and its peers' median on internet use, from
    the two figures of the gaps table; unavailable for an old figure, or when the difference
    equals a figure the table shows."""
    row = gap_table(lesson).loc["internet_users_share"]  # the gaps table's one window rule
    value, year, median, gap = row[lesson.name], row["Year"], row["Peer median"], row["Gap"]
    missing = _("internet use or the peer median is missing")
    if not pd.isna(year) and not is_recent(lesson, year):
        # an old figure is not compared (as in the index)
        missing = _("{country} has no figure on internet use in the recent window {window} "
                    "(the latest is from {year})").format(
            country=lesson.name, window=window_text(lesson), year=year)
    elif not math.isnan(gap) and format_number(abs(gap)) in {
            write(v) for v in (value, median) for write in (format_number, format_value)}:
        # a difference equal to a figure the table shows (a country at zero) asks nothing
        gap, missing = math.nan, _("the difference equals one of the two figures the table "
                                   "shows")
    question = (_(GAP_BEHIND) if not math.isnan(gap) and gap < 0 else _(GAP_AHEAD)).format(
        country=lesson.name)
    working = (_("Not available: {reason}.").format(reason=missing) if math.isnan(gap) else
               _("{country}: {value} ({year}); peer median: {median}; difference: {gap} "
                 "percentage points.").format(
                   country=lesson.name, value=fmt_number(value, "%"), year=year,
                   median=fmt_number(median, "%"), gap=fmt_number(abs(gap))))
    return Exercise(question=question, answer=abs(gap), unit=_("percentage points"),
                    tolerance=0.5,
                    explanation=_("The gap is the country's value minus the peer median; a "
                                  "percentage-point gap compares shares of the population "
                                  "directly."),
                    hint=_("Subtract the smaller of the two figures from the larger."),
                    solution=working)


def exercise_normalise(lesson: Lesson, indicator: str = "internet_users_share") -> Exercise:
    """The index's min-max step by hand, on ``normalise_indicator``."""
    indicator = normalise_indicator(lesson, indicator)
    return minmax_exercise(_position(lesson, indicator), country=lesson.name,
                           label=label_phrase(indicator, short(lesson, indicator)),
                           window=window_text(lesson), unit=lesson.ds.indicator(indicator).unit)


def normalise_indicator(lesson: Lesson, preferred: str) -> str:
    """``preferred``, unless the country's score on it is missing or within ``MINMAX_TOLERANCE`` of
    0 or 100 (reading 0 or 100 off the question would pass): then the first untransformed
    component on which it is not."""
    plain = [c.indicator for c in COMPONENTS if c.transform == "none"]
    candidates = ((i, _position(lesson, i)) for i in dict.fromkeys([preferred, *plain]))
    return first_interior(candidates, MINMAX_TOLERANCE) or preferred


def _position(lesson: Lesson, indicator: str) -> MinMax:
    values = latest_world(lesson.ds, indicator, lesson.end_year)["value"]
    return minmax_position(values, lesson.country)
