"""Sections 1-3: each indicator over the years (country, peers, income-group median) and
the latest levels of the country and its peers."""

import math

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare, line_compare
from policylab.charts.breaks import mark_breaks
from policylab.charts.template import axis_title
from policylab.evidence import peer_median
from policylab.evidence.breaks import withheld
from policylab.i18n import _, pgettext
from policylab.lessons.common.trend import TrendWords, group_series, skip_no_figure, trend_title
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import WINDOW_YEARS, short, window_text
from policylab.narrative import fmt_quantity
from policylab.narrative.phrases import chart_subject, peer_level_title, short_figure
from policylab.results import headline_for
from policylab.text.movement import which_way


def words() -> TrendWords:
    """The trend titles (``common.trend``) in the current language, in their own context:
    a French or Spanish title names the movement with a noun (``verb``)."""
    return TrendWords(
        one=pgettext("digital trend title", "{who}: only one figure since {since}, {level} in "
                     "{y1}"),
        withheld=pgettext("digital trend title", "{who} stood at {level} in {y1}; the change "
                          "since {y0} is not stated: {why}"),
        moved=pgettext("digital trend title", "{who} {verb} from {first} to {level}, {years}"))


def verb(values: pd.Series) -> str:
    """How the series moved, as the ``moved`` title says it."""
    return which_way(values, pgettext("digital trend title", "rose"),
                     pgettext("digital trend title", "fell"),
                     pgettext("digital trend title", "stayed"))


def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The indicator over the lesson's years: focus, peers and its income group's median
    (``common.trend.group_series``); the focus country's breaks and outliers marked."""
    ind, section = lesson.ds.indicator(indicator), short(lesson, indicator)
    panel = lesson.ds.panel(indicator, lesson.codes, lesson.years)
    mine = panel.get(lesson.country, pd.Series(dtype=float)).dropna()
    if mine.empty:
        skip_no_figure(lesson, section, indicator=indicator)
        return None
    median = group_series(lesson, indicator)
    median_label = _("{group} median").format(group=lesson.income_group) if len(median) else ""
    years = {"start": lesson.start_year, "end": lesson.end_year}
    note = (_("{median} in years when enough of the group reports. Years {start}–{end}.")
            .format(median=median_label, **years) if median_label
            else _("Years {start}–{end}.").format(**years))
    title = trend_title(words(), chart_subject(lesson.name, section), mine, ind.unit,
                        lambda y0, y1: withheld(lesson.ds, indicator, lesson.country, y0, y1),
                        since=lesson.start_year, verb=verb(mine))
    fig = line_compare(panel, lesson.country, lesson.peer_codes,
                       median if median_label else None, title=title, unit=ind.unit,
                       source=lesson.source(indicator, note=note), names=lesson.names,
                       y_label=axis_title(section, ind.unit),
                       group_label=median_label or _("Group median"))
    return mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name)


def latest_bars(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The latest value of the focus country and its peers (within ``WINDOW_YEARS`` of the
    focus country's own latest year), ranked; the title compares with the peer median."""
    ind, section = lesson.ds.indicator(indicator), short(lesson, indicator)
    head = headline_for(lesson.ds, indicator, lesson.country, lesson.peer_codes,
                        year=lesson.end_year)
    if head.year is None:
        skip_no_figure(lesson, section, years=False, indicator=indicator)
        return None
    source = lesson.source(indicator, note=_(
        "Latest year per country, {window}; the hover shows each year.").format(
        window=window_text(lesson, head.year)))
    values = lesson.ds.latest_values(indicator, lesson.codes, max_year=head.year,
                                     window=WINDOW_YEARS)
    median = None if math.isnan(head.peer_median) else short_figure(head.peer_median, ind.unit)
    reporting = peer_median(lesson.ds, indicator, lesson.peer_codes, head.year).count
    title = peer_level_title(chart_subject(lesson.name, section),
                             fmt_quantity(head.value, ind.unit), head.year, median, head.gap,
                             reporting, len(lesson.peer_codes))
    return bar_compare(values["value"], lesson.country, lesson.peer_codes, title=title,
                       unit=ind.unit, source=source, years=values["year"], names=lesson.names,
                       x_label=axis_title(section, ind.unit))

