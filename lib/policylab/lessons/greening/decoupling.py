"""Section 2: has growth decoupled from emissions? (The rule and the computation are in
:mod:`policylab.metrics.decoupling`.)"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.breaks import mark_breaks
from policylab.charts.focus_lines import index_lines
from policylab.display import show_table
from policylab.evidence.breaks import withheld
from policylab.i18n import N_, _, current_language, pgettext
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.greening.base import skip_missing, source
from policylab.metrics import emissions
from policylab.metrics.decoupling import DECOUPLING_STATUSES, Decoupling
from policylab.metrics.greening_figures import decoupling_indices
from policylab.narrative import KeyMessage
from policylab.narrative.changes import change_words
from policylab.text import sentence_start, signed

#: How :func:`show_decoupling_table` prints the changes: with a sign, by the shared rule.
CHANGE_COLUMNS = (N_("Real GDP change (%)"), N_("CO2 change (%)"))


def judged(lesson: Lesson, country: str | None = None) -> tuple[Decoupling | None, str]:
    """CO2 against real GDP for ``country`` (default: the focus) over the lesson's years
    (None without two common years), and why its CO2 change may not be stated ("" when it
    may). Real GDP is chained from yearly growth rates, which have no level to break.
    Judged once per country, years and language: the chart, table, message, exercise and
    notes of a page all ask."""
    ds, iso3 = lesson.ds, country or lesson.country

    def judge() -> tuple[Decoupling | None, str]:
        result = emissions.decoupling(ds, iso3, lesson.years)
        return result, "" if result is None else withheld(
            ds, "co2_mt", result.country, result.first_year, result.last_year)

    return ds.cached(("greening.judged", iso3, lesson.years, current_language()), judge)


def decoupling_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 emissions, real GDP and (where known) real manufacturing value added as indices,
    first common year = 100, with the changes (not the status) in the title."""
    result, reason = judged(lesson)
    if result is None:
        skip_missing(lesson, _("Decoupling of emissions from output"), ("co2_mt", "gdp_growth"),
                     _("CO2 emissions and real GDP are not both known in two or more years."))
        return None
    y0, y1 = result.first_year, result.last_year
    index = decoupling_indices(lesson.ds, lesson.country, lesson.years, y0, y1)
    mva_label = _("Real manufacturing value added")
    if not index["mva"].empty and int(index["mva"].index[-1]) < y1:
        mva_label = _("Real manufacturing value added (data to {year})").format(
            year=int(index["mva"].index[-1]))
    co2_label = _("CO2 emissions")
    fig = index_lines(
        chart_title(lesson, result, reason),
        _("Index, {year} = 100; real GDP chained from yearly real growth, manufacturing at "
          "constant 2015 prices").format(year=y0),
        source(lesson, "co2_mt", "gdp_growth", "mva_const_usd",
               note=_("Real GDP index = product of (1 + growth / 100) from the first year.")),
        (_("Index"), _("{year} = 100").format(year=y0)),
        [(index["gdp"], _("Real GDP")), (index["mva"], mva_label)], (index["co2"], co2_label))
    mark_breaks(fig, lesson.ds, "co2_mt", lesson.country, co2_label, (y0 + 1, y1),
                outliers=False)
    return fig


def chart_title(lesson: Lesson, result: Decoupling, reason: str) -> str:
    """"Kenya's real GDP rose 186.4% and its CO2 emissions rose 142.9%, 2000–2024" (the
    changes, not the status)."""
    country, years = lesson.name, f"{result.first_year}–{result.last_year}"
    gdp = change_words(result.output_change, _("{country.Possessive} real GDP rose {change}"),
                       _("{country.Possessive} real GDP fell {change}"),
                       _("{country.Possessive} real GDP did not change"), country=country)
    if reason:
        co2 = _("no change in its CO2 emissions is stated: {reason}").format(reason=reason)
        return sentence_start(_("{gdp} in {years}, and {co2}").format(gdp=gdp, years=years,
                                                                      co2=co2))
    co2 = change_words(result.emissions_change, _("its CO2 emissions rose {change}"),
                       _("its CO2 emissions fell {change}"),
                       _("its CO2 emissions did not change"))
    return sentence_start(_("{gdp} and {co2}, {years}").format(gdp=gdp, co2=co2, years=years))


def decoupling_table(lesson: Lesson) -> pd.DataFrame | None:
    """Decoupling of CO2 from real GDP for the country and each peer (own years each)."""
    rows = []
    note, output, co2 = pgettext("table header", "Note"), *map(_, CHANGE_COLUMNS)
    for result, reason in (judged(lesson, code) for code in lesson.codes):
        if result is not None:
            rows.append({pgettext("table header", "Country"): lesson.names[result.country],
                         pgettext("table header", "First year"): result.first_year,
                         pgettext("table header", "Last year"): result.last_year,
                         output: result.output_change,
                         co2: float("nan") if reason else result.emissions_change,
                         note: sentence_start(reason) if reason else ""})
    if not rows:
        lesson.skip(_("Decoupling table"), _("Neither the country nor its peers have CO2 "
                    "emissions and real GDP in two or more common years."))
        return None
    table = pd.DataFrame(rows).set_index(pgettext("table header", "Country"))
    return table if table[note].astype(bool).any() else table.drop(columns=note)


def show_decoupling_table(lesson: Lesson) -> None:
    """:func:`decoupling_table` as a captioned table (nothing, with a note, without data)."""
    table = decoupling_table(lesson)
    if table is not None:
        show_table(table, _("Change in real GDP and in CO2 emissions, first and last year "
                            "with both"), lesson.source("co2_mt", "gdp_growth"),
                   dict.fromkeys(map(_, CHANGE_COLUMNS), signed))


def decoupling_message(lesson: Lesson) -> KeyMessage:
    """The decoupling finding as a sentence."""
    result, reason = judged(lesson)
    country = lesson.name
    if result is None:
        return KeyMessage(_("Whether {country.possessive} CO2 emissions have decoupled from its "
                            "output cannot be judged: the pack lacks CO2 emissions or real GDP for "
                            "two common years.").format(country=country), "co2_mt", {})
    if reason:
        return KeyMessage(_("Whether {country.possessive} CO2 emissions have decoupled from its "
                            "output between {first} and {last} is not judged: {reason}.").format(
            country=country, first=result.first_year, last=result.last_year, reason=reason),
            "co2_mt", {})
    # the status is the answer of the exercise in section 2: the participant's message
    # gives the changes; the facilitator's notes (:func:`status_sentence`) the status
    text = _("Between {first} and {last}, {country.possessive} real GDP changed by {gdp} and its "
             "CO2 emissions by {co2}.").format(first=result.first_year, last=result.last_year,
                                           country=country,
                                           gdp=signed(result.output_change, "%"),
                                           co2=signed(result.emissions_change, "%"))
    return KeyMessage(text, "co2_mt", {"first_year": result.first_year,
                                       "last_year": result.last_year,
                                       "output_change": result.output_change,
                                       "emissions_change": result.emissions_change,
                                       "status": result.status})


def status_sentence(lesson: Lesson) -> str:
    """The country's decoupling status (the exercise's answer: for the facilitator), or ""."""
    result, reason = judged(lesson)
    if result is None or reason:
        return ""
    return _("By the rule of section 2, {country.possessive} CO2 emissions against its real GDP, "
             "{years}: {status}.").format(country=lesson.name,
                                          years=f"{result.first_year}–{result.last_year}",
                                          status=_(result.status))


def decoupling_exercise(lesson: Lesson) -> Exercise:
    """Classify the country's decoupling from the table, using the stated rule."""
    result, reason = judged(lesson)
    country = lesson.name
    question = _("Apply the rule above to {country.possessive} row of the table (or the chart's "
                 "title): which status describes its CO2 emissions against its real GDP? "
                 "Then classify the peers the same way.").format(country=country)
    if result is None:
        return Exercise(question, float("nan"))
    if reason:
        return Exercise(_("Classifying {country.possessive} decoupling is not asked here: "
                          "{reason}. Classify the peers in the table instead.").format(
                              country=country, reason=reason), float("nan"))
    peer_statuses = pgettext("between list items", "; ").join(_("{country}: {status}").format(
        country=lesson.names[p.country], status=_(p.status)) for p, why in
        (judged(lesson, code) for code in lesson.peer_codes) if p is not None and not why)
    gdp, co2 = signed(result.output_change, "%"), signed(result.emissions_change, "%")
    years = {"first": result.first_year, "last": result.last_year}
    solution = _("{country}: real GDP {gdp}, CO2 {co2}, so {status}.").format(
        country=lesson.name, gdp=gdp, co2=co2, status=_(result.status))
    if peer_statuses:
        solution += _(" Peers: {statuses}.").format(statuses=peer_statuses)
    return Exercise(
        question=question, answer=_(result.status),
        choices=tuple(_(status) for status in DECOUPLING_STATUSES),
        hint=_("First: did GDP grow? Then: did emissions fall, or grow more slowly than GDP?"),
        explanation=_("real GDP changed by {gdp} and CO2 emissions by {co2} between {first} "
                      "and {last}.").format(gdp=gdp, co2=co2, **years),
        solution=solution,
    )
