"""Section 7: the learner's exercises (the internet-use gap; min-max normalisation)."""

from __future__ import annotations

import math

import numpy as np

from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import WINDOW_YEARS, headline, short
from policylab.metrics.digital import latest_world
from policylab.narrative import fmt_number
from policylab.text import in_sentence


def exercise_internet_gap(lesson: Lesson) -> Exercise:
    """How many percentage points the focus country is behind (or ahead of) its peers'
    median on internet use; the answer is the headline gap."""
    figure = headline(lesson, "internet_users_share")
    behind = not math.isnan(figure.gap) and figure.gap < 0
    side = "behind" if behind else "ahead of"
    question = (f"How many percentage points {side} the median of its peers is {lesson.name} "
                "on internet use? Use the gaps table (latest figures).")
    working = ("Not available: internet use or the peer median is missing."
               if math.isnan(figure.gap) else
               f"{lesson.name}: {fmt_number(figure.value, '%')} ({figure.year}); peer median: "
               f"{fmt_number(figure.peer_median, '%')}; difference: "
               f"{fmt_number(abs(figure.gap))} percentage points.")
    return Exercise(question=question, answer=abs(figure.gap), unit="percentage points",
                    tolerance=0.5,
                    explanation="The gap is the country's value minus the peer median; a "
                                "percentage-point gap compares shares of the population directly.",
                    hint="Subtract the smaller of the two figures from the larger.",
                    solution=working)


def exercise_normalise(lesson: Lesson, indicator: str = "internet_users_share") -> Exercise:
    """Min-max normalisation by hand: the focus country's 0–100 score on one component,
    from the lowest and highest values among all countries (the index's own step)."""
    values = latest_world(lesson.ds, indicator, lesson.end_year)["value"]
    own = values.get(lesson.country, float("nan"))
    low, high = (float(values.min()), float(values.max())) if len(values) else (np.nan, np.nan)
    answer = 100 * (own - low) / (high - low) if high > low else float("nan")
    unit = lesson.ds.indicator(indicator).unit
    shown = (f"{fmt_number(own, unit)}, lowest {fmt_number(low, unit)}, highest "
             f"{fmt_number(high, unit)}" if not math.isnan(answer) else "no recent figure")
    question = (f"The index rescales each component to 0–100 with min-max normalisation. "
                f"On {in_sentence(short(lesson, indicator))}, {lesson.name} has {shown} "
                f"(latest figures, {lesson.end_year - WINDOW_YEARS + 1}–{lesson.end_year}). "
                "What is its normalised score?")
    return Exercise(question=question, answer=answer, unit="points (0–100)", tolerance=1.0,
                    explanation="(value − lowest) / (highest − lowest) × 100 puts the lowest "
                                "country at 0 and the highest at 100.",
                    hint="Divide the distance from the lowest value by the whole range.",
                    solution=f"(value − lowest) / (highest − lowest) × 100 with {shown}.")
