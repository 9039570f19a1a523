"""Section 6: manufacturing against income, the world pattern and the premature
de-industrialization check (``metrics.profile_deindustrialization``, on
``metrics.world_pattern``), with its exercise."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from policylab.charts import scatter_compare, title_with_subtitle
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import points, source_text, withheld_short
from policylab.metrics import profile_deindustrialization as deind
from policylab.metrics import world_pattern as wp
from policylab.metrics.profile_deindustrialization import DROP_PP
from policylab.narrative import KeyMessage
from policylab.text import format_value, possessive, signed, year_range

#: The rule's outcomes as the exercise's choices, in the order of ``deind.verdict``'s.
PATTERN_CHOICES = (
    "Yes: the share fell by more than the threshold while income is below the peak of a "
    "clear world pattern",
    "No: the share fell, but income is already above the peak",
    "No: the share did not fall by more than the threshold",
    "Inconclusive: the share fell, but the world pattern is too flat to read a peak from",
)


def _usd(value: float) -> str:
    return f"US$ {format_value(value)}"


def reading(lesson: Lesson) -> deind.Reading | None:
    """The country against the world pattern over the lesson's years; None without data."""
    return deind.reading(lesson.ds, lesson.country, lesson.years)


def distance_words(pattern: wp.WorldPattern, income: float, share: float) -> str:
    """"4.2 percentage points below the world pattern at its income", with "within the
    typical scatter of 7.0 points" when the distance is not clear."""
    gap = share - pattern.predict(income)
    text = f"{points(gap)} {'above' if gap > 0 else 'below'} the world pattern at its income"
    if not pattern.distance_is_clear(income, share):
        text += f", within the typical scatter of {points(pattern.scatter)}"
    return text


def deindustrialization_chart(lesson: Lesson) -> go.Figure | None:
    """MVA share against income for all countries (latest values), the fitted world
    pattern, and the country's own path over the lesson's years."""
    found = reading(lesson)
    if found is None:
        lesson.skip("Manufacturing and income", f"The data pack has no year with both GDP at "
                    f"constant prices and the manufacturing share for {lesson.name}.")
        return None
    cross, pattern, own, path = found.cross, found.pattern, found.own, found.path
    title = (f"{possessive(lesson.name, start=True)} manufacturing share "
             f"({format_value(own['mva_share'], '% of GDP')}, {int(own['year'])}) is "
             f"{distance_words(pattern, own['income'], own['mva_share'])}")
    subtitle = (f"Each dot a country's latest year up to {found.year}; the line is a quadratic "
                f"fit over {pattern.n_countries} countries (typical scatter around it: "
                f"{points(pattern.scatter)}); the orange path is {lesson.name} over time")
    gaps = (f" (line broken at a likely series break in {', '.join(map(str, found.breaks))})"
            if found.breaks else "")
    span = year_range(int(path["year"].iloc[0]), int(path["year"].max()))
    peak = pattern.peak_income
    return scatter_compare(
        cross, "income", "mva_share", lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle),
        x_label="GDP per person", y_label="Manufacturing value added",
        x_unit="constant 2015 US$, log scale", y_unit="% of GDP",
        source=source_text(lesson, "mva_share_gdp", "gdp_const_usd", "population"),
        names=lesson.names, log_x=True, trend="quadratic", round_ticks=True,
        path=deind.broken_path(path, found.breaks), path_name=f"{lesson.name}, {span}{gaps}",
        path_hover="%{customdata}: %{y:.1f}% of GDP at US$ %{x:,.0f}<extra></extra>",
        marker_line=None if math.isnan(peak) else (
            peak, f"world pattern peaks at {_usd(peak)}" if pattern.clear
            else f"fitted peak at {_usd(peak)} (not clear: within the scatter)"),
    )


def _change_words(lesson: Lesson, found: deind.Reading) -> str:
    """The sentence on the share's change over the sound path, or why it is not read."""
    if len(found.path) < 2:
        return ""
    y0, y1 = int(found.path["year"].iloc[0]), int(found.path["year"].iloc[-1])
    if math.isnan(found.change):
        reason = withheld_short(lesson.ds, "mva_share_gdp", lesson.country, y0, y1)
        return (f" The change since {y0} is not read ({reason}; see the method box on series "
                "breaks).")
    change, p0 = found.change, int(found.sound["year"].iloc[0])
    moved = (f"fell by {points(change)}" if change < 0 else
             f"rose by {points(change)}" if change > 0 else "did not change")
    text = f" The share {moved} over {year_range(p0, y1)}"
    if p0 > y0:
        reason = withheld_short(lesson.ds, "mva_share_gdp", lesson.country, y0, p0)
        text += f" (read from {p0} on only: {reason})"
    return text + "."


def deindustrialization_message(lesson: Lesson) -> KeyMessage | None:
    """Where the country stands against the world pattern and how its share moved (over
    years without a likely series break), with the numbers; the verdict itself is the
    exercise's answer and stays on the facilitator page (:func:`verdict_text`). None without
    data."""
    found = reading(lesson)
    if found is None:
        return None
    pattern, own = found.pattern, found.own
    values = {"mva_share": float(own["mva_share"]), "year": int(own["year"]),
              "expected": found.expected, "peak_income": pattern.peak_income,
              "income": float(own["income"]), "scatter": pattern.scatter,
              "pattern_clear": pattern.clear}
    if not math.isnan(found.change):
        values["change"] = found.change
    text = (f"At {possessive(lesson.name)} income ({_usd(own['income'])} per "
            f"person at constant 2015 prices, {int(own['year'])}), the world pattern predicts "
            f"a manufacturing share of {format_value(found.expected, '% of GDP')}; the actual "
            f"share is {format_value(own['mva_share'], '%')}, "
            f"{distance_words(pattern, own['income'], own['mva_share'])}.")
    return KeyMessage(text + _change_words(lesson, found), "mva_share_gdp", values)


def verdict_text(lesson: Lesson) -> str:
    """The rule of the method box applied to the country (one of ``PATTERN_CHOICES``), for
    the facilitator page only (it answers the exercise)."""
    found, head = reading(lesson), f"**Facilitator: the reading for {lesson.name}.**"
    if found is None or found.verdict is None:
        return (f"{head} No verdict: the change in the manufacturing share cannot be read "
                "over this period.")
    return f"{head} {PATTERN_CHOICES[found.verdict]}."


def deindustrialization_method_note() -> str:
    """The method box for the de-industrialization check (``world_pattern.method_note``)."""
    return wp.method_note(DROP_PP)


def pattern_exercise(lesson: Lesson) -> Exercise:
    """"By the rule in the method box, does the country show premature de-industrialization?",
    with the path's end points (over years without a likely break), the income, the
    pattern's peak, its rise and fall and the typical scatter given in the question."""
    found = reading(lesson)
    if found is None or found.verdict is None:
        return Exercise(f"Does {lesson.name} show a sign of premature de-industrialization "
                        "by the rule in the method box?", float("nan"))
    first, last = found.sound.iloc[0], found.sound.iloc[-1]
    pattern, change, answer = found.pattern, found.change, PATTERN_CHOICES[found.verdict]
    peak, threshold = pattern.peak_income, points(DROP_PP)
    moved = signed(change, "percentage points")
    humped = not math.isnan(pattern.rise)
    shape = (f"the fitted line rises by {points(pattern.rise)} from the poorest country's "
             f"income to its peak at about {_usd(peak)} (the dotted line on the chart) and "
             f"falls by {points(pattern.fall)} from there to the richest country's; countries "
             f"lie typically {points(pattern.scatter)} from the line" if humped else
             "the fitted line has no peak inside the range of countries' incomes")
    against = (f"the line rises by {points(pattern.rise)} and falls by "
               f"{points(pattern.fall)} against a typical scatter of "
               f"{points(pattern.scatter)}" if humped else "the line has no peak in range")
    place = ("" if not humped else
             f"; income is {'below' if last['income'] < peak else 'above'} the peak")
    return Exercise(
        question=(f"Apply the rule of the method box. {possessive(lesson.name, start=True)} "
                  f"manufacturing share was {format_value(first['mva_share'], '% of GDP')} in "
                  f"{int(first['year'])} and {format_value(last['mva_share'], '% of GDP')} in "
                  f"{int(last['year'])}; its income in {int(last['year'])} was "
                  f"{_usd(last['income'])} per person; {shape}. Is this a sign of premature "
                  "de-industrialization?"),
        answer=answer, choices=PATTERN_CHOICES,
        hint=(f"Three checks, in order: did the share fall by more than {threshold}? Are the "
              "line's rise and fall each larger than the typical scatter? Is the income "
              "below the peak?"),
        explanation=(f"the share changed by {moved} (threshold: a fall of more than "
                     f"{threshold}); {against}{place}."),
        solution=(f"Change: {format_value(last['mva_share'], '%')} − "
                  f"{format_value(first['mva_share'], '%')} = {moved}; {against}"
                  + (f"; income {_usd(last['income'])} against a peak at {_usd(peak)}"
                     if humped else "") + f". {answer}."),
    )
