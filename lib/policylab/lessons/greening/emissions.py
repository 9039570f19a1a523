"""Section 1: CO2 and all greenhouse gases in total, CO2 per unit of GDP and per person."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.charts import title_with_subtitle
from policylab.charts.focus_lines import focus_lines
from policylab.charts.median_bars import median_bars
from policylab.evidence import group_median, peer_median, standing_words
from policylab.evidence.breaks import withheld
from policylab.i18n import _
from policylab.learning.exercises import Exercise
from policylab.learning.forms import percent_change_exercise
from policylab.lessons.context import Lesson
from policylab.lessons.greening import base
from policylab.lessons.greening.base import series
from policylab.metrics.greening_figures import Ends, ends
from policylab.narrative import KeyMessage, change_message, fmt_number, fmt_quantity
from policylab.narrative.changes import change_words, precise, tonnes
from policylab.peers import latest_values
from policylab.text import format_value, sentence_start, year_range

#: The indicators of the emissions coverage note.
EMISSION_IDS = ("co2_mt", "co2_per_capita", "co2_per_gdp", "ghg_total_mt", "co2_industry_mt",
                "co2_power_mt", "cement_co2_mt")
#: CO2 per unit of GDP against peers and group; the title gives the levels, and the
#: exercise asks for the percentage change.
intensity_chart = base.trend("co2_per_gdp", from_to=True)


def emissions_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 and all greenhouse gases (EDGAR); the latest levels and CO2's change in the title."""
    co2, ghg = series(lesson, "co2_mt"), series(lesson, "ghg_total_mt")
    if co2.empty:
        lesson.skip(_("CO2 and greenhouse-gas emissions"),
                    base.no_data_reason(lesson, "co2_mt"))
        return None
    label = lesson.ds.indicator
    fig = focus_lines(
        emissions_finding(lesson, co2, ghg),
        _("Million tonnes; all greenhouse gases in CO2 equivalents (100-year warming "
          "potentials, IPCC AR5); land use and forestry excluded"),
        base.source(lesson, "co2_mt", "ghg_total_mt"), (_("Emissions"), _("million tonnes")),
        [(ghg, label("ghg_total_mt").label)], (co2, label("co2_mt").label),
        hover="%{y:,.3~g} Mt", yaxis_tickformat=",~g", yaxis_rangemode="tozero")
    return base.marked(lesson, fig, "co2_mt", "ghg_total_mt")


def emissions_finding(lesson: Lesson, co2, ghg) -> str:
    """The emissions chart's title: the latest levels and CO2's change."""
    y1, country = int(co2.index[-1]), lesson.name
    if y1 in ghg.index:
        finding = _("{country} emitted {co2} in {year} and {ghg} of all greenhouse "
                    "gases").format(country=country, co2=tonnes(co2.iloc[-1]), year=y1,
                                    ghg=tonnes(ghg[y1], "CO2e"))
    else:
        finding = _("{country} emitted {co2} in {year}").format(
            country=country, co2=tonnes(co2.iloc[-1]), year=y1)
    change = ends(co2)
    if change is None:
        return finding
    reason = withheld(lesson.ds, "co2_mt", lesson.country, change.first_year, change.last_year)
    if reason:
        return _("{finding}; no change in CO2 is stated: {reason}").format(finding=finding,
                                                                          reason=reason)
    return change_words(change.change, _("{finding}; its CO2 rose {change} since {year}"),
                        _("{finding}; its CO2 fell {change} since {year}"),
                        _("{finding}; its CO2 did not change since {year}"),
                        finding=finding, year=change.first_year)


def per_capita_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 per person in the country's latest year, against its peers and income group."""
    ds = lesson.ds
    indicator = "co2_per_capita"
    ind = ds.indicator(indicator)
    own = ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    if own.year is None:
        lesson.skip(ind.label, base.no_data_reason(lesson, indicator))
        return None
    values = latest_values(ds, indicator, lesson.codes, year=own.year)
    peers = values.drop(index=lesson.country, errors="ignore")["value"]
    median = group_median(ds, indicator, "income_group", lesson.income_group, own.year)
    finding = _("{country} emitted {value} in {year}, {comparison}").format(
        country=lesson.name, value=fmt_quantity(own.value, ind.unit), year=own.year,
        comparison=standing_words.peer_comparison(int((peers < own.value).sum()), len(peers)))
    fields = {"indicator": ind.label, "year": own.year, "group": lesson.income_group}
    line, label = None, ""
    if median.ok:
        subtitle = _("{indicator}, latest year up to {year}; dashed line: {group} median").format(
            **fields)
        line, label = median.value, _("{group} median: {value}").format(
            group=lesson.income_group, value=fmt_number(median.value, ind.unit))
    else:
        subtitle = _("{indicator}, latest year up to {year}; {why}").format(
            why=median.sentence(), **fields)
    return median_bars(values["value"], lesson.country, lesson.peer_codes, median=line,
                       median_label=label, title=title_with_subtitle(finding, subtitle),
                       unit=ind.unit, source=base.source(lesson, indicator),
                       years=values["year"], names=lesson.names, indicator=ind.label)


def intensity_ends(lesson: Lesson) -> tuple[Ends | None, str]:
    """CO2 per unit of GDP's first and last positive values (no % change from a zero), and
    why their change may not be stated ("" when it may)."""
    found = ends(series(lesson, "co2_per_gdp"), positive=True)
    return found, "" if found is None else withheld(lesson.ds, "co2_per_gdp", lesson.country,
                                                    found.first_year, found.last_year)


def intensity_message(lesson: Lesson) -> KeyMessage:
    """How CO2 per unit of GDP moved over the lesson's years, against the peers' median."""
    ds = lesson.ds
    found, reason = intensity_ends(lesson)
    if found is None:
        return change_message(ds, "co2_per_gdp", lesson.country, lesson.start_year,
                              lesson.end_year)
    unit = ds.indicator("co2_per_gdp").unit
    y0, v0, y1, v1, change = found
    values = {"start_value": v0, "start_year": y0, "end_value": v1, "end_year": y1,
              "change": change}
    # the percentage change is the answer of the exercise in section 2: the page states
    # the two levels (as the exercise does), never the change itself
    country = lesson.name
    if reason:
        values = {"end_value": v1, "end_year": y1}
        text = _("{country.Possessive} CO2 emissions per unit of GDP were {value} {unit} in "
                 "{year}").format(country=country, value=precise(v1, unit), unit=unit, year=y1)
    else:
        text = _("{country.Possessive} CO2 emissions per unit of GDP went from {first} {unit} in "
                 "{y0} to {last} in {y1}").format(country=country, first=precise(v0, unit, v1),
                                             unit=unit, y0=y0, last=precise(v1, unit, v0), y1=y1)
    median = peer_median(ds, "co2_per_gdp", lesson.peer_codes, y1)
    if median.ok:
        values |= {"peer_median": median.value, "peer_year": median.years[1]}
        text = _("{text}, against a median of {median} {unit} for its {n} peers "
                 "({years})").format(text=text, median=precise(median.value, unit), unit=unit,
                                     n=median.count, years=year_range(*median.years))
    text = (_("{text}; no change is stated: {reason}.").format(text=text, reason=reason)
            if reason else text + ".")
    if not median.ok and median.sentence():
        text += f" {median.sentence()}"
    level = world_standing_sentence(lesson, "co2_per_gdp", y1)
    return KeyMessage(sentence_start(f"{text} {level}".strip()), "co2_per_gdp", values)


def world_standing_sentence(lesson: Lesson, indicator: str, year: int | None = None) -> str:
    """``evidence.standing_words.world_standing_sentence`` for the focus country."""
    return standing_words.world_standing_sentence(lesson.ds, indicator, lesson.country, year)


def intensity_change_exercise(lesson: Lesson) -> Exercise:
    """"By what % did CO2 per unit of GDP change between the first and last year shown?"."""
    found, reason = intensity_ends(lesson)
    unit = lesson.ds.indicator("co2_per_gdp").unit
    country = lesson.name
    if found is None:
        return percent_change_exercise(_("By what percentage did {country.possessive} CO2 "
                                         "emissions per unit of GDP change over the years "
                                         "shown?").format(country=country))
    y0, v0, y1, v1, answer = found
    if reason:
        return percent_change_exercise(_("By what percentage did {country.possessive} CO2 "
                                         "emissions per unit of GDP change between {y0} and "
                                         "{y1}? Not asked here: {reason}.").format(
                                             country=country, y0=y0, y1=y1, reason=reason))
    explained = (_("the intensity rose from {first} to {last} {unit} between {y0} and {y1}, "
                   "so each unit of output came with {change} more CO2.") if v1 > v0 else
                 _("the intensity fell from {first} to {last} {unit} between {y0} and {y1}, "
                   "so each unit of output came with {change} less CO2."))
    levels = {"first": precise(v0, unit, v1), "last": precise(v1, unit, v0), "unit": unit,
              "y0": y0, "y1": y1}
    return percent_change_exercise(
        _("{country.Possessive} CO2 emissions per unit of GDP were {first} {unit} in {y0} "
          "and {last} in {y1}. By what percentage did they change? (A fall is a negative "
          "number.)").format(country=country, **levels),
        precise(v0, None, v1), precise(v1, None, v0), answer,
        explained.format(change=format_value(abs(answer), "%"), **levels))
