"""Section 1: CO2 and all greenhouse gases in total, CO2 per unit of GDP and per person."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from policylab.charts import bar_compare, title_with_subtitle
from policylab.charts import template as tpl
from policylab.evidence import group_median, peer_median, standing
from policylab.evidence.percentiles import MIN_LABEL_COUNT
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.greening import base
from policylab.lessons.greening.base import precise, series
from policylab.metrics.greening_figures import ends
from policylab.narrative import KeyMessage, change_message, fmt_number, fmt_quantity
from policylab.narrative.format import ordinal
from policylab.peers import latest_values
from policylab.text import format_value, in_sentence, possessive, year_range

#: The indicators of the emissions coverage note.
EMISSION_IDS = ("co2_mt", "co2_per_capita", "co2_per_gdp", "ghg_total_mt", "co2_industry_mt",
                "co2_power_mt", "cement_co2_mt")
#: CO2 per unit of GDP against peers and group; the title gives the levels, and the
#: exercise asks for the percentage change.
intensity_chart = base.trend("co2_per_gdp", from_to=True)


def emissions_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 and all greenhouse gases (million tonnes, EDGAR) over the lesson's years, with
    the latest levels and CO2's change in the title."""
    co2, ghg = series(lesson, "co2_mt"), series(lesson, "ghg_total_mt")
    if co2.empty:
        lesson.skip("CO2 and greenhouse-gas emissions", base.no_data_reason(lesson, "co2_mt"))
        return None
    y1 = int(co2.index[-1])
    finding = f"{lesson.name} emitted {base.tonnes(co2.iloc[-1])} in {y1}"
    if y1 in ghg.index:
        finding += f" and {base.tonnes(ghg[y1], 'CO2e')} of all greenhouse gases"
    change = ends(co2)
    if change is not None:
        reason = base.unsound(lesson, "co2_mt", change.first_year, change.last_year)
        finding += (f"; its CO2 {base.change_words(change.change)} since {change.first_year}"
                    if not reason else f"; no change in CO2 is stated: {reason}")
    label = lesson.ds.indicator
    fig = base.line_chart(
        finding, "Million tonnes; all greenhouse gases in CO2 equivalents (100-year warming "
        "potentials, IPCC AR5); land use and forestry excluded",
        base.source(lesson, "co2_mt", "ghg_total_mt"), ("Emissions", "million tonnes"),
        [(ghg, label("ghg_total_mt").label, tpl.GROUP_COLOUR, tpl.GROUP_WIDTH, {}),
         (co2, label("co2_mt").label, tpl.FOCUS_COLOUR, tpl.FOCUS_WIDTH, {})],
        yaxis_tickformat=",~g", yaxis_rangemode="tozero")
    return base.marked(lesson, fig, "co2_mt", "ghg_total_mt")


def per_capita_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 per person in the country's latest year: the country and its peers as bars,
    the income group's median (>= 3 countries) as a dashed line."""
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
    above = int((peers < own.value).sum())
    if peers.empty:
        comparison = "no peer has a figure to compare"
    elif above == len(peers):
        comparison = (f"more than all {len(peers)} of its peers with data" if above > 1
                      else "more than its one peer with data")
    elif above == 0:
        comparison = f"less than {'all ' if len(peers) > 1 else ''}its peers with data"
    else:
        comparison = f"more than {above} of its {len(peers)} peers with data"
    finding = (f"{lesson.name} emitted {fmt_quantity(own.value, ind.unit)} in {own.year}, "
               f"{comparison}")
    subtitle = f"{ind.label}, latest year up to {own.year}; " + (
        f"dashed line: {base.group_label(lesson)}" if median.ok else median.sentence())
    fig = bar_compare(values["value"], lesson.country, lesson.peer_codes,
                      title=title_with_subtitle(finding, subtitle), unit=ind.unit,
                      source=base.source(lesson, indicator), years=values["year"],
                      names=lesson.names, indicator=ind.label)
    if median.ok:
        fig.add_vline(x=median.value, line_dash="dash", line_color=tpl.GROUP_COLOUR,
                      line_width=tpl.GROUP_WIDTH)
        fig.add_annotation(x=median.value, y=1, xref="x", yref="paper", yanchor="bottom",
                           showarrow=False, font={"color": tpl.GROUP_COLOUR},
                           text=f"{base.group_label(lesson)}: "
                                f"{fmt_number(median.value, ind.unit)}")
    return fig


def intensity_message(lesson: Lesson) -> KeyMessage:
    """How CO2 per unit of GDP moved over the lesson's years, against the peers' median."""
    ds = lesson.ds
    found = ends(series(lesson, "co2_per_gdp"), positive=True)  # no % change from zero
    if found is None:
        return change_message(ds, "co2_per_gdp", lesson.country, lesson.start_year,
                              lesson.end_year)
    unit = ds.indicator("co2_per_gdp").unit
    y0, v0, y1, v1, change = found
    values = {"start_value": v0, "start_year": y0, "end_value": v1, "end_year": y1,
              "change": change}
    # the percentage change is the answer of the exercise in section 2: the page states
    # the two levels (as the exercise does), never the change itself
    subject = f"{possessive(lesson.name, start=True)} CO2 emissions per unit of GDP"
    reason = base.unsound(lesson, "co2_per_gdp", y0, y1)
    if reason:
        values = {"end_value": v1, "end_year": y1}
        text = f"{subject} were {precise(v1, unit)} {unit} in {y1}"
    else:
        text = (f"{subject} went from {precise(v0, unit)} {unit} in {y0} to "
                f"{precise(v1, unit)} in {y1}")
    median = peer_median(ds, "co2_per_gdp", lesson.peer_codes, y1)
    if median.ok:
        values |= {"peer_median": median.value, "peer_year": median.years[1]}
        text += (f", against a median of {precise(median.value, unit)} {unit} for its "
                 f"{median.count} peers ({year_range(*median.years)})")
    text = (f"{text}; no change is stated: {reason}" if reason else text) + "."
    if not median.ok and median.sentence():
        text += f" {median.sentence()}"
    level = world_standing_sentence(lesson, "co2_per_gdp", y1)
    return KeyMessage(f"{text} {level}".strip(), "co2_per_gdp", values)


def world_standing_sentence(lesson: Lesson, indicator: str, year: int | None = None,
                            with_value: bool = False) -> str:
    """Where the country's latest value (up to ``year``, inside the recency window) stands
    in the world and in its income group, with the percentiles; "high"/"low" only from the
    world's quarters (``evidence.standing``), never from the peers. ``with_value`` names
    the figure and its year. "" without a world percentile."""
    ds = lesson.ds
    world = standing(ds, indicator, lesson.country, "world", year)
    if math.isnan(world.percentile) or world.count < MIN_LABEL_COUNT:
        return ""
    group = standing(ds, indicator, lesson.country, "income_group", year)
    ind = ds.indicator(indicator)
    subject = f"{possessive(lesson.name, start=True)} {in_sentence(ind.label.split(' (')[0])}"
    if with_value:
        own = ds.latest(indicator, lesson.country, max_year=year)
        subject += f" ({fmt_quantity(own.value, ind.unit)} in {own.year})"
    rank = ordinal(round(world.percentile))
    text = (f"{subject} is {world.label} in the world: {world.phrase()}" if world.label
            else f"{subject} is at the {rank} percentile of {world.count} countries of the "
                 "world, neither in the top nor in the bottom quarter")
    if not math.isnan(group.percentile) and group.count >= MIN_LABEL_COUNT:
        text += (f"; it is at the {ordinal(round(group.percentile))} percentile of the "
                 f"{group.count} countries of {group.within}")
    return text + "."


def intensity_change_exercise(lesson: Lesson) -> Exercise:
    """"By what % did CO2 per unit of GDP change between the first and last year shown?"."""
    found = ends(series(lesson, "co2_per_gdp"), positive=True)
    unit = lesson.ds.indicator("co2_per_gdp").unit
    if found is None:
        return Exercise(f"By what percentage did {possessive(lesson.name)} CO2 emissions per "
                        "unit of GDP change over the years shown?", float("nan"), unit="%")
    y0, v0, y1, v1, answer = found
    reason = base.unsound(lesson, "co2_per_gdp", y0, y1)
    if reason:
        return Exercise(f"By what percentage did {possessive(lesson.name)} CO2 emissions per "
                        f"unit of GDP change between {y0} and {y1}? Not asked here: {reason}.",
                        float("nan"), unit="%")
    more = "more" if v1 > v0 else "less"
    return Exercise(
        question=(f"{possessive(lesson.name, start=True)} CO2 emissions per unit of GDP were "
                  f"{precise(v0, unit)} {unit} in {y0} and {precise(v1, unit)} in {y1}. By "
                  "what percentage did they change? (A fall is a negative number.)"),
        answer=answer, unit="%", tolerance=1.0,
        hint="Divide the last value by the first, subtract 1 and multiply by 100.",
        explanation=(f"the intensity {'rose' if v1 > v0 else 'fell'} from {precise(v0, unit)} "
                     f"to {precise(v1, unit)} {unit} between {y0} and {y1}, so each unit of "
                     f"output came with {format_value(abs(answer), '%')} {more} CO2."),
        solution=(f"`({precise(v1)} / {precise(v0)} − 1) × 100 = "
                  f"{format_value(answer, '%')}`."),
    )
