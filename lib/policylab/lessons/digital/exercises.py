"""Section 7: the learner's exercises (the internet-use gap; min-max normalisation)."""

import math

import pandas as pd

from policylab.display import format_number
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import is_recent, short, window_text
from policylab.lessons.digital.gaps import gap_table
from policylab.metrics.digital import COMPONENTS, latest_world
from policylab.narrative import fmt_number
from policylab.text import format_value, in_sentence


def exercise_internet_gap(lesson: Lesson) -> Exercise:
    """How many percentage points the focus country is behind (or ahead of) its peers'
    median on internet use; the answer is the headline gap, computed by the reader from the
    two figures in the gaps table (which does not show it). Not available when the
    country's figure is outside the recency window, or when the difference equals a figure
    the table shows."""
    row = gap_table(lesson).loc["internet_users_share"]  # the gaps table's one window rule
    value, year, median, gap = row[lesson.name], row["Year"], row["Peer median"], row["Gap"]
    missing = "internet use or the peer median is missing"
    if not pd.isna(year) and not is_recent(lesson, year):
        # an old figure is not compared (as in the index)
        missing = (f"{lesson.name} has no figure on internet use in the recent window "
                   f"{window_text(lesson)} (the latest is from {year})")
    elif not math.isnan(gap) and format_number(abs(gap)) in {
            write(v) for v in (value, median) for write in (format_number, format_value)}:
        # a difference equal to a figure the table shows (a country at zero) asks nothing
        gap, missing = math.nan, "the difference equals one of the two figures the table shows"
    side = "behind" if not math.isnan(gap) and gap < 0 else "ahead of"
    question = (f"How many percentage points {side} the median of its peers is {lesson.name} "
                "on internet use? Use the gaps table: the country's latest value and its peers' "
                "median (the page does not show the difference).")
    working = (f"Not available: {missing}." if math.isnan(gap) else
               f"{lesson.name}: {fmt_number(value, '%')} ({year}); peer median: "
               f"{fmt_number(median, '%')}; difference: "
               f"{fmt_number(abs(gap))} percentage points.")
    return Exercise(question=question, answer=abs(gap), unit="percentage points",
                    tolerance=0.5,
                    explanation="The gap is the country's value minus the peer median; a "
                                "percentage-point gap compares shares of the population directly.",
                    hint="Subtract the smaller of the two figures from the larger.",
                    solution=working)


#: Points (0–100) within which a normalised score is accepted.
NORMALISE_TOLERANCE = 1.0


def exercise_normalise(lesson: Lesson, indicator: str = "internet_users_share") -> Exercise:
    """Min-max normalisation by hand: the focus country's 0–100 score on one component,
    from the lowest and highest values among all countries (the index's own step). When
    the country is itself the lowest or highest on ``indicator``, or within the tolerance
    of either (0 or 100 read off the question would pass), the worked case is the next
    untransformed component on which it is not (:func:`normalise_indicator`)."""
    indicator = normalise_indicator(lesson, indicator)
    values = _world_values(lesson, indicator)
    own = values.get(lesson.country, math.nan)
    low, high = (float(values.min()), float(values.max())) if len(values) else (math.nan,) * 2
    answer = 100 * (own - low) / (high - low) if high > low else math.nan
    unit = lesson.ds.indicator(indicator).unit
    shown = (f"{fmt_number(own, unit)}, lowest {fmt_number(low, unit)}, highest "
             f"{fmt_number(high, unit)}" if not math.isnan(answer) else "no recent figure")
    question = (f"The index rescales each component to 0–100 with min-max normalisation. "
                f"On {in_sentence(short(lesson, indicator))}, {lesson.name} has {shown} "
                f"(latest figures, {window_text(lesson)}). What is its normalised score?")
    return Exercise(question=question, answer=answer, unit="points (0–100)",
                    tolerance=NORMALISE_TOLERANCE,
                    explanation="(value − lowest) / (highest − lowest) × 100 puts the lowest "
                                "country at 0 and the highest at 100.",
                    hint="Divide the distance from the lowest value by the whole range.",
                    solution=f"(value − lowest) / (highest − lowest) × 100 with {shown}.")


def normalise_indicator(lesson: Lesson, preferred: str) -> str:
    """``preferred``, unless the country's score on it is within ``NORMALISE_TOLERANCE``
    of 0 or 100 (it is the lowest or the highest, or next to them) or it has no figure:
    then the first untransformed index component on which its score is not; ``preferred``
    when there is none."""
    plain = [c.indicator for c in COMPONENTS if c.transform == "none"]
    for indicator in dict.fromkeys([preferred, *plain]):
        values = _world_values(lesson, indicator)
        own, low, high = values.get(lesson.country, math.nan), values.min(), values.max()
        score = 100 * (own - low) / (high - low) if high > low else math.nan
        if NORMALISE_TOLERANCE < score < 100 - NORMALISE_TOLERANCE:
            return indicator
    return preferred


def _world_values(lesson: Lesson, indicator: str) -> pd.Series:
    return latest_world(lesson.ds, indicator, lesson.end_year)["value"]
