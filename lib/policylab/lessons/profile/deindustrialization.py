"""Section 6: manufacturing against income, the world pattern and the premature
de-industrialization check (``metrics.profile_deindustrialization``, on
``metrics.world_pattern``), with its exercise."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import scatter_compare, title_with_subtitle
from policylab.charts.template import FOCUS_COLOUR, FOCUS_WIDTH, OTHER_COLOUR
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
    fig = scatter_compare(
        cross, "income", "mva_share", lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle),
        x_label="GDP per person", y_label="Manufacturing value added",
        x_unit="constant 2015 US$, log scale", y_unit="% of GDP",
        source=source_text(lesson, "mva_share_gdp", "gdp_const_usd", "population"),
        names=lesson.names, log_x=True, trend="quadratic",
    )
    gaps = (f" (line broken at a likely series break in {', '.join(map(str, found.breaks))})"
            if found.breaks else "")
    drawn, first = deind.broken_path(path, found.breaks), path.iloc[0]
    span = year_range(int(first["year"]), int(path["year"].max()))
    fig.add_trace(go.Scatter(
        x=drawn["income"], y=drawn["mva_share"], mode="lines+markers",
        name=f"{lesson.name}, {span}{gaps}",
        line={"color": FOCUS_COLOUR, "width": FOCUS_WIDTH / 2},
        marker={"size": 5, "color": FOCUS_COLOUR}, customdata=drawn["year"],
        hovertemplate="%{customdata}: %{y:.1f}% of GDP at US$ %{x:,.0f}<extra></extra>",
        legendrank=1500,
    ))
    fig.add_annotation(x=math.log10(first["income"]), y=first["mva_share"],
                       text=str(int(first["year"])), showarrow=False, yshift=12,
                       font={"color": FOCUS_COLOUR, "size": 13})
    fig.update_traces(selector={"name": "Other countries"}, marker_color=OTHER_COLOUR)
    peak = pattern.peak_income
    if not math.isnan(peak) and cross["income"].min() < peak < cross["income"].max():
        # shapes take data values on a log axis, annotations take their log10
        fig.add_vline(x=peak, line_dash="dot", line_color="#888888", line_width=1)
        fig.add_annotation(x=math.log10(peak), y=0.98, xref="x", yref="paper", yanchor="top",
                           xanchor="left", xshift=4, showarrow=False,
                           font={"color": "#555555", "size": 12},
                           text=(f"world pattern peaks at {_usd(peak)}" if pattern.clear
                                 else f"fitted peak at {_usd(peak)} (not clear: within the "
                                      "scatter)"))
    ticks = log_ticks(cross["income"])
    fig.update_xaxes(tickvals=ticks, ticktext=[f"{t:,.0f}" for t in ticks])
    return fig


def log_ticks(values: pd.Series) -> list[float]:
    """1-3-10 ticks covering ``values`` (a log axis otherwise labels every digit)."""
    low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    return [m * 10.0 ** e for e in range(low, high + 1) for m in (1, 3)
            if values.min() / 3 <= m * 10.0 ** e <= values.max() * 3]


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
    """The method box for the de-industrialization check, parameters from the code."""
    return (
        "**Method: premature de-industrialization check.** Across countries, manufacturing's "
        "share of GDP is often said to first rise with income and then fall (a hump). The "
        "line is a least-squares fit `share = a + b·log₁₀(income) + c·log₁₀(income)²` over "
        f"each country's latest year in a {wp.PATTERN_WINDOW_YEARS}-year window; income is "
        "GDP at constant 2015 US$ divided by population. *Premature* de-industrialization "
        "(Rodrik 2016) means the share starts falling at a lower income than it did for "
        "earlier industrialisers.\n\n"
        "*The rule, in three checks.* (1) Did the share fall by more than "
        f"{points(DROP_PP)} over the period (read only over years "
        "without a likely series break)? (2) Is the world pattern clear: does the fitted "
        "line rise (from the poorest country's income to its peak) and fall (from the peak "
        "to the richest country's income) each by more than the typical scatter of "
        "countries around it (1.4826 × the median absolute distance from the line)? If not, "
        "the line has a peak only because a quadratic always has one, and the evidence is "
        "**inconclusive**. (3) Only with a clear pattern: is income below the peak? Then the "
        "fall is read as a sign of premature de-industrialization. A country's distance "
        "from the line is called above or below it, but is read as a gap only when it is "
        "larger than the typical scatter.\n\n"
        "*Limits:* a cross-section is not a path every country must follow; shares at current "
        "prices fall when manufactured goods get cheaper even if real output grows; "
        "outsourcing of services from factories lowers measured manufacturing; small and "
        "resource-rich economies sit far from the line for reasons of endowment, not "
        "policy. Treat the result as a question for the workshop, not a verdict."
    )


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
