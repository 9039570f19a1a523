"""Section 6: manufacturing against income, the world pattern (``metrics.world_pattern``)
and the premature de-industrialization check, with its exercise."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import scatter_compare, title_with_subtitle
from policylab.charts.template import FOCUS_COLOUR, FOCUS_WIDTH, OTHER_COLOUR
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import points, source_text
from policylab.metrics import world_pattern as wp
from policylab.narrative import KeyMessage
from policylab.text import format_value, possessive, signed, year_range

#: A fall in manufacturing's share of GDP of more than this many percentage points over the
#: period counts as de-industrialization; smaller moves are within national accounts noise.
DEINDUSTRIALIZATION_DROP_PP = 1
PATTERN_CHOICES = (
    "Yes: the share fell by more than the threshold while income is below the peak",
    "No: the share fell, but income is already above the peak",
    "No: the share did not fall by more than the threshold",
)


def _usd(value: float) -> str:
    return f"US$ {format_value(value)}"


def pattern_year(lesson: Lesson) -> int | None:
    return wp.pattern_year(lesson.ds, lesson.country, lesson.end_year)


def _path(lesson: Lesson) -> pd.DataFrame:
    return wp.country_path(lesson.ds, lesson.country, lesson.years)


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
    gap = own["mva_share"] - pattern.predict(own["income"])
    title = (f"{possessive(lesson.name, start=True)} manufacturing share "
             f"({format_value(own['mva_share'], '% of GDP')}, {int(own['year'])}) is "
             f"{points(gap)} {'above' if gap > 0 else 'below'} the world pattern at its income")
    subtitle = (f"Each dot a country's latest year up to {year}; the line is a quadratic fit "
                f"over {pattern.n_countries} countries; the orange path is "
                f"{lesson.name} over time")
    fig = scatter_compare(
        cross, "income", "mva_share", lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle),
        x_label="GDP per person", y_label="Manufacturing value added",
        x_unit="constant 2015 US$, log scale", y_unit="% of GDP",
        source=source_text(lesson, "mva_share_gdp", "gdp_const_usd", "population"),
        names=lesson.names, log_x=True, trend="quadratic",
    )
    path = _path(lesson)
    fig.add_trace(go.Scatter(
        x=path["income"], y=path["mva_share"], mode="lines+markers",
        name=f"{lesson.name}, {year_range(int(path['year'].min()), int(path['year'].max()))}",
        line={"color": FOCUS_COLOUR, "width": FOCUS_WIDTH / 2},
        marker={"size": 5, "color": FOCUS_COLOUR}, customdata=path["year"],
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
                           text=f"world pattern peaks at {_usd(peak)}")
    ticks = log_ticks(cross["income"])
    fig.update_xaxes(tickvals=ticks, ticktext=[f"{t:,.0f}" for t in ticks])
    return fig


def log_ticks(values: pd.Series) -> list[float]:
    """1-3-10 ticks covering ``values`` (a log axis otherwise labels every digit)."""
    low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    return [m * 10.0 ** e for e in range(low, high + 1) for m in (1, 3)
            if values.min() / 3 <= m * 10.0 ** e <= values.max() * 3]


def deindustrialization_message(lesson: Lesson) -> KeyMessage | None:
    """What the country's path says about (premature) de-industrialization, with the
    numbers it rests on; None without data."""
    year = pattern_year(lesson)
    if year is None:
        return None
    pattern, path = wp.world_pattern(lesson.ds, year), _path(lesson)
    own = wp.cross_section(lesson.ds, year).loc[lesson.country]
    expected, peak = pattern.predict(own["income"]), pattern.peak_income
    values: dict[str, Any] = {"mva_share": float(own["mva_share"]), "year": int(own["year"]),
                              "expected": expected, "peak_income": peak,
                              "income": float(own["income"])}
    text = (f"At {possessive(lesson.name)} income ({_usd(own['income'])} per "
            f"person at constant 2015 prices, {int(own['year'])}), the world pattern predicts "
            f"a manufacturing share of {format_value(expected, '% of GDP')}; the actual share "
            f"is {format_value(own['mva_share'], '%')}.")
    if len(path) >= 2:
        drop = float(path["mva_share"].iloc[-1] - path["mva_share"].iloc[0])
        values["change"] = drop
        span = year_range(int(path["year"].iloc[0]), int(path["year"].iloc[-1]))
        verdict = pattern_verdict(drop, float(own["income"]), peak)
        if verdict == PATTERN_CHOICES[0]:
            text += (f" The share fell by {points(drop)} over {span} while income is below "
                     f"the level where the world pattern peaks (about {_usd(peak)}): a sign "
                     "of premature de-industrialization.")
        elif verdict == PATTERN_CHOICES[1]:
            text += (f" The share fell by {points(drop)} over {span}, at an income above the "
                     "world pattern's peak, where a falling share is the usual course.")
        else:
            text += (f" The share did not fall by more than {points(DEINDUSTRIALIZATION_DROP_PP)}"
                     f" over {span}: no sign of de-industrialization in this period.")
    return KeyMessage(text, "mva_share_gdp", values)


def deindustrialization_method_note() -> str:
    """The method box for the de-industrialization check, parameters from the code."""
    return (
        "**Method: premature de-industrialization check.** Across countries, manufacturing's "
        "share of GDP first rises with income and then falls (a hump). The line is a "
        "least-squares fit `share = a + b·log₁₀(income) + c·log₁₀(income)²` over each "
        f"country's latest year in a {wp.PATTERN_WINDOW_YEARS}-year window; income is GDP at "
        "constant 2015 US$ divided by population. *Premature* de-industrialization (Rodrik "
        "2016) means the share starts falling at a lower income than it did for earlier "
        "industrialisers. Here a fall of more than "
        f"{points(DEINDUSTRIALIZATION_DROP_PP)} over the period while income is below the "
        "fitted peak is read as a sign of it.\n\n"
        "*Limits:* a cross-section is not a path every country must follow; shares at current "
        "prices fall when manufactured goods get cheaper even if real output grows; "
        "outsourcing of services from factories lowers measured manufacturing; small and "
        "resource-rich economies sit far from the line for reasons of endowment, not "
        "policy. Treat the result as a question for the workshop, not a verdict."
    )


def pattern_verdict(change: float, income: float, peak: float) -> str:
    """The rule of the method box as one of ``PATTERN_CHOICES``."""
    if not change < -DEINDUSTRIALIZATION_DROP_PP:
        return PATTERN_CHOICES[2]
    below_peak = not math.isnan(peak) and income < peak
    return PATTERN_CHOICES[0] if below_peak else PATTERN_CHOICES[1]


def pattern_exercise(lesson: Lesson) -> Exercise:
    """"By the rule in the method box, does the country show premature de-industrialization?",
    with the path's end points, the income and the pattern's peak given in the question."""
    year = pattern_year(lesson)
    path = _path(lesson) if year is not None else None
    peak = wp.world_pattern(lesson.ds, year).peak_income if year is not None else math.nan
    if path is None or len(path) < 2 or math.isnan(peak):
        return Exercise(f"Does {lesson.name} show a sign of premature de-industrialization "
                        "by the rule in the method box?", float("nan"))
    first, last = path.iloc[0], path.iloc[-1]
    change = float(last["mva_share"] - first["mva_share"])
    answer = pattern_verdict(change, float(last["income"]), peak)
    threshold = points(DEINDUSTRIALIZATION_DROP_PP)
    moved = signed(change, "percentage points")
    return Exercise(
        question=(f"Apply the rule of the method box. {possessive(lesson.name, start=True)} "
                  f"manufacturing share was {format_value(first['mva_share'], '% of GDP')} in "
                  f"{int(first['year'])} and {format_value(last['mva_share'], '% of GDP')} in "
                  f"{int(last['year'])}; its income in {int(last['year'])} was "
                  f"{_usd(last['income'])} per person, and the world pattern peaks "
                  f"at about {_usd(peak)} (the dotted line on the chart). Is "
                  "this a sign of premature de-industrialization?"),
        answer=answer, choices=PATTERN_CHOICES,
        hint=(f"Two checks: did the share fall by more than {threshold}? Is the income below "
              "the peak?"),
        explanation=(f"the share changed by {moved} (threshold: a fall of more than "
                     f"{threshold}) at an income "
                     f"{'below' if last['income'] < peak else 'above'} the peak."),
        solution=(f"Change: {format_value(last['mva_share'], '%')} − "
                  f"{format_value(first['mva_share'], '%')} = {moved}; income "
                  f"{_usd(last['income'])} against a peak at {_usd(peak)}. {answer}."),
    )
