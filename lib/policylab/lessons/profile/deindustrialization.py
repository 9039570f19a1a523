"""Section 6: manufacturing against income, the world pattern (``metrics.world_pattern``)
and the premature de-industrialization check, with its exercise."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import scatter_compare, title_with_subtitle
from policylab.charts.template import FOCUS_COLOUR, FOCUS_WIDTH, OTHER_COLOUR
from policylab.evidence.breaks import series_flags
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import points, sound_start, source_text, withheld_short
from policylab.metrics import world_pattern as wp
from policylab.narrative import KeyMessage
from policylab.text import format_value, possessive, signed, year_range

#: A fall in manufacturing's share of GDP of more than this many percentage points over the
#: period counts as de-industrialization; smaller moves are within national accounts noise.
DEINDUSTRIALIZATION_DROP_PP = 1
PATTERN_CHOICES = (
    "Yes: the share fell by more than the threshold while income is below the peak of a "
    "clear world pattern",
    "No: the share fell, but income is already above the peak",
    "No: the share did not fall by more than the threshold",
    "Inconclusive: the share fell, but the world pattern is too flat to read a peak from",
)


def _usd(value: float) -> str:
    return f"US$ {format_value(value)}"


def pattern_year(lesson: Lesson) -> int | None:
    return wp.pattern_year(lesson.ds, lesson.country, lesson.end_year)


def _path(lesson: Lesson) -> pd.DataFrame:
    return wp.country_path(lesson.ds, lesson.country, lesson.years)


def sound_path(lesson: Lesson) -> pd.DataFrame:
    """The country's path from the first year from which its manufacturing share may be
    compared with the last (after any likely series break: ``evidence.breaks``); empty when
    no change may be read."""
    path = _path(lesson)
    first = sound_start(lesson.ds, "mva_share_gdp", lesson.country,
                        [int(y) for y in path["year"]])
    if first is None:
        return path.iloc[:0]
    return path[path["year"] >= first].reset_index(drop=True)


def _broken_path(lesson: Lesson, path: pd.DataFrame) -> pd.DataFrame:
    """``path`` with a gap (NaN row) before each likely break year, so the line is not drawn
    across a break."""
    breaks = set(series_flags(lesson.ds, "mva_share_gdp", lesson.country).breaks)
    rows = []
    for _, row in path.iterrows():
        if int(row["year"]) in breaks and rows:
            rows.append({"year": row["year"], "income": math.nan, "mva_share": math.nan})
        rows.append(row.to_dict())
    return pd.DataFrame(rows, columns=path.columns)


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
    year = pattern_year(lesson)
    if year is None:
        lesson.skip("Manufacturing and income", f"The data pack has no year with both GDP at "
                    f"constant prices and the manufacturing share for {lesson.name}.")
        return None
    cross, pattern = wp.cross_section(lesson.ds, year), wp.world_pattern(lesson.ds, year)
    own = cross.loc[lesson.country]
    title = (f"{possessive(lesson.name, start=True)} manufacturing share "
             f"({format_value(own['mva_share'], '% of GDP')}, {int(own['year'])}) is "
             f"{distance_words(pattern, own['income'], own['mva_share'])}")
    subtitle = (f"Each dot a country's latest year up to {year}; the line is a quadratic fit "
                f"over {pattern.n_countries} countries (typical scatter around it: "
                f"{points(pattern.scatter)}); the orange path is {lesson.name} over time")
    fig = scatter_compare(
        cross, "income", "mva_share", lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle),
        x_label="GDP per person", y_label="Manufacturing value added",
        x_unit="constant 2015 US$, log scale", y_unit="% of GDP",
        source=source_text(lesson, "mva_share_gdp", "gdp_const_usd", "population"),
        names=lesson.names, log_x=True, trend="quadratic",
    )
    path = _path(lesson)
    breaks = [y for y in series_flags(lesson.ds, "mva_share_gdp", lesson.country).breaks
              if int(path["year"].min()) < y <= int(path["year"].max())]
    gaps = (f" (line broken at a likely series break in {', '.join(map(str, breaks))})"
            if breaks else "")
    drawn = _broken_path(lesson, path)
    fig.add_trace(go.Scatter(
        x=drawn["income"], y=drawn["mva_share"], mode="lines+markers",
        name=(f"{lesson.name}, {year_range(int(path['year'].min()), int(path['year'].max()))}"
              f"{gaps}"),
        line={"color": FOCUS_COLOUR, "width": FOCUS_WIDTH / 2},
        marker={"size": 5, "color": FOCUS_COLOUR}, customdata=drawn["year"],
        hovertemplate="%{customdata}: %{y:.1f}% of GDP at US$ %{x:,.0f}<extra></extra>",
        legendrank=1500,
    ))
    first = path.iloc[0]
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


def _change_words(lesson: Lesson, path: pd.DataFrame) -> tuple[str, float]:
    """The sentence on the share's change over the sound path (or why it is not read), and
    the change (NaN when not read)."""
    full = _path(lesson)
    if len(full) < 2:
        return "", math.nan
    y0, y1 = int(full["year"].iloc[0]), int(full["year"].iloc[-1])
    if len(path) < 2:
        reason = withheld_short(lesson.ds, "mva_share_gdp", lesson.country, y0, y1)
        return (f" The change since {y0} is not read ({reason}; see the method box on series "
                "breaks)."), math.nan
    change = float(path["mva_share"].iloc[-1] - path["mva_share"].iloc[0])
    p0 = int(path["year"].iloc[0])
    span = year_range(p0, y1)
    moved = (f"fell by {points(change)}" if change < 0 else
             f"rose by {points(change)}" if change > 0 else "did not change")
    text = f" The share {moved} over {span}"
    if p0 > y0:
        reason = withheld_short(lesson.ds, "mva_share_gdp", lesson.country, y0, p0)
        text += f" (read from {p0} on only: {reason})"
    return text + ".", change


def deindustrialization_message(lesson: Lesson) -> KeyMessage | None:
    """Where the country stands against the world pattern and how its share moved (over
    years without a likely series break), with the numbers; the verdict itself is the
    exercise's answer and stays on the facilitator page (:func:`verdict_text`). None without
    data."""
    year = pattern_year(lesson)
    if year is None:
        return None
    pattern, path = wp.world_pattern(lesson.ds, year), sound_path(lesson)
    own = wp.cross_section(lesson.ds, year).loc[lesson.country]
    expected, peak = pattern.predict(own["income"]), pattern.peak_income
    values: dict[str, Any] = {"mva_share": float(own["mva_share"]), "year": int(own["year"]),
                              "expected": expected, "peak_income": peak,
                              "income": float(own["income"]), "scatter": pattern.scatter,
                              "pattern_clear": pattern.clear}
    text = (f"At {possessive(lesson.name)} income ({_usd(own['income'])} per "
            f"person at constant 2015 prices, {int(own['year'])}), the world pattern predicts "
            f"a manufacturing share of {format_value(expected, '% of GDP')}; the actual share "
            f"is {format_value(own['mva_share'], '%')}, "
            f"{distance_words(pattern, own['income'], own['mva_share'])}.")
    words, change = _change_words(lesson, path)
    text += words
    if not math.isnan(change):
        values["change"] = change
    return KeyMessage(text, "mva_share_gdp", values)


def verdict(lesson: Lesson) -> str | None:
    """The rule of the method box applied to the country (one of ``PATTERN_CHOICES``), or
    None when the change may not be read or there is no pattern."""
    year = pattern_year(lesson)
    path = sound_path(lesson) if year is not None else None
    if path is None or len(path) < 2:
        return None
    pattern = wp.world_pattern(lesson.ds, year)
    change = float(path["mva_share"].iloc[-1] - path["mva_share"].iloc[0])
    return pattern_verdict(change, float(path["income"].iloc[-1]), pattern.peak_income,
                           pattern.clear)


def verdict_text(lesson: Lesson) -> str:
    """The verdict in words, for the facilitator page only (it answers the exercise)."""
    found = verdict(lesson)
    if found is None:
        return (f"**Facilitator: the reading for {lesson.name}.** No verdict: the change in "
                "the manufacturing share cannot be read over this period.")
    return f"**Facilitator: the reading for {lesson.name}.** {found}."


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
        f"{points(DEINDUSTRIALIZATION_DROP_PP)} over the period (read only over years "
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


def pattern_verdict(change: float, income: float, peak: float, clear: bool = True) -> str:
    """The rule of the method box as one of ``PATTERN_CHOICES``: no fall, else an unclear
    pattern is inconclusive, else below or above the peak."""
    if not change < -DEINDUSTRIALIZATION_DROP_PP:
        return PATTERN_CHOICES[2]
    if not clear or math.isnan(peak):
        return PATTERN_CHOICES[3]
    return PATTERN_CHOICES[0] if income < peak else PATTERN_CHOICES[1]


def pattern_exercise(lesson: Lesson) -> Exercise:
    """"By the rule in the method box, does the country show premature de-industrialization?",
    with the path's end points (over years without a likely break), the income, the
    pattern's peak, its rise and fall and the typical scatter given in the question."""
    year = pattern_year(lesson)
    path = sound_path(lesson) if year is not None else None
    pattern = wp.world_pattern(lesson.ds, year) if year is not None else None
    if path is None or len(path) < 2:
        return Exercise(f"Does {lesson.name} show a sign of premature de-industrialization "
                        "by the rule in the method box?", float("nan"))
    first, last = path.iloc[0], path.iloc[-1]
    peak = pattern.peak_income
    change = float(last["mva_share"] - first["mva_share"])
    answer = pattern_verdict(change, float(last["income"]), peak, pattern.clear)
    threshold = points(DEINDUSTRIALIZATION_DROP_PP)
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
