"""Sections 1-3: each indicator over the years (country, peers, income-group median) and
the latest levels of the country and its peers."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare, line_compare
from policylab.charts.breaks import mark_breaks
from policylab.charts.template import axis_title
from policylab.evidence import group_median_series
from policylab.evidence.breaks import change_is_sound, series_flags, why_not
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import WINDOW_YEARS, headline, peer_median, short
from policylab.lessons.digital.base import figure as figure_text
from policylab.narrative import fmt_number, fmt_quantity
from policylab.text import in_sentence, possessive


def income_median(lesson: Lesson, indicator: str) -> tuple[pd.Series | None, str]:
    """The income group's yearly median over the lesson's years (evidence layer: years
    with at least three members and half the group's best coverage), and its label."""
    group = lesson.income_group
    if not group or group.lower() in ("nan", "none"):
        return None, ""
    medians = group_median_series(lesson.ds, indicator, "income_group", group, lesson.years)
    if medians.empty:
        return None, ""
    return medians, f"{group} median"


def trend_title(lesson: Lesson, indicator: str, mine: pd.Series) -> str:
    """How the country moved: "Kenya's internet users rose from 2.1 to 35.2%, 2000–2023"."""
    unit = lesson.ds.indicator(indicator).unit
    section = in_sentence(short(lesson, indicator))
    who = possessive(lesson.name, start=True)
    first_year, last_year = int(mine.index[0]), int(mine.index[-1])
    if len(mine) == 1:
        return (f"{who} {section}: only one figure since {lesson.start_year}, "
                f"{fmt_quantity(mine.iloc[0], unit)} in {last_year}")
    start, end = float(mine.iloc[0]), float(mine.iloc[-1])
    flags = series_flags(lesson.ds, indicator, lesson.country)
    if not change_is_sound(flags, first_year, last_year):
        # no change across a likely break or from an outlier year (DESIGN §10)
        return (f"{who} {section} stood at {fmt_quantity(end, unit)} in {last_year}; the "
                f"change since {first_year} is not stated: {why_not(flags, first_year, last_year)}")
    verb = "rose" if end > start else "fell" if end < start else "stayed"
    return (f"{who} {section} {verb} from {fmt_number(start, unit)} to "
            f"{fmt_quantity(end, unit)}, {first_year}–{last_year}")


def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The indicator over the lesson's years: focus, peers and its income group's median;
    the title states how the focus country moved (or, across a likely break, its level and
    why no change is stated), and the focus country's breaks and outliers are marked."""
    ind = lesson.ds.indicator(indicator)
    section = short(lesson, indicator)
    panel = lesson.ds.panel(indicator, lesson.codes, lesson.years)
    mine = panel[lesson.country].dropna() if lesson.country in panel.columns else pd.Series()
    if mine.empty:
        lesson.skip(section, f"{lesson.name} has no figure on {in_sentence(section)} "
                             f"between {lesson.start_year} and {lesson.end_year} in the data pack.")
        return None
    median, median_label = income_median(lesson, indicator)
    note = (f"{median_label} in years when enough of the group reports. " if median_label
            else "")
    source = lesson.source(indicator, note=f"{note}Years {lesson.start_year}–{lesson.end_year}.")
    fig = line_compare(panel, lesson.country, lesson.peer_codes, median,
                       title=trend_title(lesson, indicator, mine), unit=ind.unit,
                       source=source, names=lesson.names, y_label=axis_title(section, ind.unit),
                       group_label=median_label or "Group median")
    return mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name)


def latest_bars(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The latest value of the focus country and its peers (within ``WINDOW_YEARS`` of the
    focus country's own latest year), ranked; the title compares with the peer median."""
    ind = lesson.ds.indicator(indicator)
    section = short(lesson, indicator)
    figure = headline(lesson, indicator)
    if figure.year is None:
        lesson.skip(section, f"{lesson.name} has no figure on {in_sentence(section)} "
                             "in the data pack.")
        return None
    values = lesson.ds.latest_values(indicator, lesson.codes, max_year=figure.year,
                                     window=WINDOW_YEARS)
    who = f"{possessive(lesson.name, start=True)} {in_sentence(section)}"
    title = f"{who} stood at {fmt_quantity(figure.value, ind.unit)} in {figure.year}"
    if not math.isnan(figure.peer_median):
        relation = ("above" if figure.gap > 0 else "below" if figure.gap < 0 else "equal to")
        title += (f", {relation} the peer median of "
                  f"{figure_text(figure.peer_median, ind.unit)}")
    else:
        median = peer_median(lesson, indicator, figure.year)
        title += f" ({median.count} of {len(lesson.peer_codes)} peers report: no median)"
    first = figure.year - WINDOW_YEARS + 1
    source = lesson.source(indicator, note=f"Latest year per country, {first}–{figure.year}; "
                                           "the hover shows each year.")
    return bar_compare(values["value"], lesson.country, lesson.peer_codes, title=title,
                       unit=ind.unit, source=source, years=values["year"], names=lesson.names,
                       x_label=section)
