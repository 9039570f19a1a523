"""Section 2: has growth decoupled from emissions? The rule and the computation are in
:mod:`policylab.metrics.decoupling`; the country's figures in
:func:`policylab.metrics.emissions.decoupling`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import template as tpl
from policylab.charts.breaks import mark_breaks
from policylab.display import show_table
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.greening.base import change_words, line_chart, skip_missing, source, unsound
from policylab.metrics import emissions
from policylab.metrics.decoupling import DECOUPLING_STATUSES, Decoupling
from policylab.metrics.greening_figures import decoupling_indices
from policylab.narrative import KeyMessage
from policylab.text import possessive, sentence_start, signed

#: How :func:`show_decoupling_table` prints the changes: with a sign, by the shared rule.
CHANGE_COLUMNS = ("Real GDP change (%)", "CO2 change (%)")
#: Why a CO2 change is not shown (a likely break or outlier), only when one is not.
NOTE_COLUMN = "Note"


def judged(lesson: Lesson, country: str | None = None) -> tuple[Decoupling | None, str]:
    """CO2 against real GDP for ``country`` (default: the focus) over the lesson's years
    (None without two common years), and "" when its CO2 change may be stated; else why not
    (a likely break or outlier in the country's CO2 series between its years:
    ``evidence.breaks``). Real GDP is chained from yearly growth rates, which have no level
    to break."""
    result = emissions.decoupling(lesson.ds, country or lesson.country, lesson.years)
    return result, "" if result is None else unsound(
        lesson, "co2_mt", result.first_year, result.last_year, result.country)


def decoupling_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 emissions, real GDP and (where known) real manufacturing value added as indices,
    first common year = 100, with the changes (not the status) in the title."""
    result, reason = judged(lesson)
    if result is None:
        skip_missing(lesson, "Decoupling of emissions from output", ("co2_mt", "gdp_growth"),
                     "CO2 emissions and real GDP are not both known in two or more years.")
        return None
    y0, y1 = result.first_year, result.last_year
    index = decoupling_indices(lesson.ds, lesson.country, lesson.years, y0, y1)
    mva_label = "Real manufacturing value added"
    if not index["mva"].empty and int(index["mva"].index[-1]) < y1:
        mva_label += f" (data to {int(index['mva'].index[-1])})"
    lines = [(index["gdp"], "Real GDP", tpl.GROUP_COLOUR, tpl.GROUP_WIDTH),
             (index["mva"], mva_label, tpl.peer_colour(0), tpl.PEER_WIDTH),
             (index["co2"], "CO2 emissions", tpl.FOCUS_COLOUR, tpl.FOCUS_WIDTH)]
    gdp = f"{possessive(lesson.name, start=True)} real GDP {change_words(result.output_change)}"
    co2 = (f"its CO2 emissions {change_words(result.emissions_change)}" if not reason
           else f"no change in its CO2 emissions is stated: {reason}")
    fig = line_chart(
        f"{gdp} in {y0}–{y1}, and {co2}" if reason else f"{gdp} and {co2}, {y0}–{y1}",
        f"Index, {y0} = 100; real GDP chained from yearly real growth, manufacturing at "
        "constant 2015 prices",
        source(lesson, "co2_mt", "gdp_growth", "mva_const_usd",
               note="Real GDP index = product of (1 + growth / 100) from the first year."),
        ("Index", f"{y0} = 100"),
        [(v, label, colour, width, {"mode": "lines+markers",
                                    "marker": {"size": width + 2.5, "color": colour}})
         for v, label, colour, width in lines], hover="%{y:.1f}")
    fig.add_hline(y=100, line_color="#888888", line_width=1)
    mark_breaks(fig, lesson.ds, "co2_mt", lesson.country, "CO2 emissions", (y0 + 1, y1),
                outliers=False)
    return fig


def decoupling_table(lesson: Lesson) -> pd.DataFrame | None:
    """Decoupling of CO2 from real GDP for the country and each peer (own years each)."""
    rows = []
    for result, reason in (judged(lesson, code) for code in lesson.codes):
        if result is not None:
            rows.append({"Country": lesson.names[result.country],
                         "First year": result.first_year, "Last year": result.last_year,
                         CHANGE_COLUMNS[0]: result.output_change,
                         CHANGE_COLUMNS[1]: float("nan") if reason else result.emissions_change,
                         NOTE_COLUMN: sentence_start(reason) if reason else ""})
    if not rows:
        lesson.skip("Decoupling table", "Neither the country nor its peers have CO2 "
                    "emissions and real GDP in two or more common years.")
        return None
    table = pd.DataFrame(rows).set_index("Country")
    return table if table[NOTE_COLUMN].astype(bool).any() else table.drop(columns=NOTE_COLUMN)


def show_decoupling_table(lesson: Lesson) -> None:
    """:func:`decoupling_table` as a captioned table (nothing, with a note, without data)."""
    table = decoupling_table(lesson)
    if table is not None:
        show_table(table, "Change in real GDP and in CO2 emissions, first and last year with "
                   "both", lesson.source("co2_mt", "gdp_growth"),
                   dict.fromkeys(CHANGE_COLUMNS, signed))


def decoupling_message(lesson: Lesson) -> KeyMessage:
    """The decoupling finding as a sentence."""
    result, reason = judged(lesson)
    whether = f"Whether {possessive(lesson.name)} CO2 emissions have decoupled from its output"
    if result is None:
        return KeyMessage(f"{whether} cannot be judged: the pack lacks CO2 emissions or real "
                          "GDP for two common years.", "co2_mt", {})
    if reason:
        return KeyMessage(f"{whether} between {result.first_year} and {result.last_year} is "
                          f"not judged: {reason}.", "co2_mt", {})
    # the status is the answer of the exercise in section 2: the participant's message
    # gives the changes; the facilitator's notes (:func:`status_sentence`) the status
    text = (f"Between {result.first_year} and {result.last_year}, {possessive(lesson.name)} "
            f"real GDP changed by {signed(result.output_change, '%')} and its CO2 "
            f"emissions by {signed(result.emissions_change, '%')}.")
    return KeyMessage(text, "co2_mt", {"first_year": result.first_year,
                                       "last_year": result.last_year,
                                       "output_change": result.output_change,
                                       "emissions_change": result.emissions_change,
                                       "status": result.status})


def status_sentence(lesson: Lesson) -> str:
    """For the facilitator only (it answers the exercise): the country's decoupling status
    by the stated rule, or "" when it is not judged."""
    result, reason = judged(lesson)
    if result is None or reason:
        return ""
    return (f"By the rule of section 2, {possessive(lesson.name)} CO2 emissions against its "
            f"real GDP, {result.first_year}–{result.last_year}: {result.status}.")


def decoupling_exercise(lesson: Lesson) -> Exercise:
    """Classify the country's decoupling from the table, using the stated rule."""
    result, reason = judged(lesson)
    question = (f"Apply the rule above to {possessive(lesson.name)} row of the table (or "
                "the chart's title): which status describes its CO2 emissions against its "
                "real GDP? Then classify the peers the same way.")
    if result is None:
        return Exercise(question, float("nan"))
    if reason:
        return Exercise(f"Classifying {possessive(lesson.name)} decoupling is not asked here: "
                        f"{reason}. Classify the peers in the table instead.", float("nan"))
    peer_statuses = "; ".join(f"{lesson.names[p.country]}: {p.status}" for p, withheld in
                              (judged(lesson, code) for code in lesson.peer_codes)
                              if p is not None and not withheld)
    gdp, co2 = signed(result.output_change, "%"), signed(result.emissions_change, "%")
    return Exercise(
        question=question, answer=result.status, choices=DECOUPLING_STATUSES,
        hint="First: did GDP grow? Then: did emissions fall, or grow more slowly than GDP?",
        explanation=(f"real GDP changed by {gdp} and CO2 emissions by {co2} between "
                     f"{result.first_year} and {result.last_year}."),
        solution=(f"{lesson.name}: real GDP {gdp}, CO2 {co2}, so {result.status}."
                  + (f" Peers: {peer_statuses}." if peer_statuses else "")),
    )
