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
from policylab.lessons.common.trend import TrendWords, group_series, trend_title
from policylab.lessons.context import Lesson
from policylab.lessons.digital import base
from policylab.narrative import fmt_quantity


def words() -> TrendWords:
    """The trend titles (``common.trend``) in the current language: "Kenya's internet users
    rose from 2.1 to 35.2%, 2000–2023"; across a likely break or from an outlier year (DESIGN
    §10), the level and why no change is stated. Their own context: a French or Spanish title
    names the movement with a noun (``verb``)."""
    return TrendWords(
        one=pgettext("digital trend title", "{who}: only one figure since {since}, {level} in "
                     "{y1}"),
        withheld=pgettext("digital trend title", "{who} stood at {level} in {y1}; the change "
                          "since {y0} is not stated: {why}"),
        moved=pgettext("digital trend title", "{who} {verb} from {first} to {level}, {years}"))


def verb(values: pd.Series) -> str:
    """How the series moved from its first to its last figure, as the ``moved`` title says
    it ("rose", "fell", "stayed"; a French or Spanish title names the movement)."""
    values = values.dropna().sort_index()
    first, last = float(values.iloc[0]), float(values.iloc[-1])
    if last > first:
        return pgettext("digital trend title", "rose")
    if last < first:
        return pgettext("digital trend title", "fell")
    return pgettext("digital trend title", "stayed")


def income_median(lesson: Lesson, indicator: str) -> tuple[pd.Series | None, str]:
    """The income group's yearly median over the lesson's years (evidence layer: years
    with at least three members and half the group's best coverage), and its label;
    ``(None, "")`` when no year qualifies or the country has no income group."""
    medians = group_series(lesson, indicator)
    if not len(medians):
        return None, ""
    return medians, _("{group} median").format(group=lesson.income_group)


def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The indicator over the lesson's years: focus, peers and its income group's median;
    the title states how the focus country moved (``WORDS``), and the focus country's
    breaks and outliers are marked."""
    ind, section = lesson.ds.indicator(indicator), base.short(lesson, indicator)
    panel = lesson.ds.panel(indicator, lesson.codes, lesson.years)
    mine = panel.get(lesson.country, pd.Series(dtype=float)).dropna()
    if not base.skip_unless(lesson, not mine.empty, section, indicator=indicator):
        return None
    median, median_label = income_median(lesson, indicator)
    years = {"start": lesson.start_year, "end": lesson.end_year}
    note = (_("{median} in years when enough of the group reports. Years {start}–{end}.")
            .format(median=median_label, **years) if median_label
            else _("Years {start}–{end}.").format(**years))
    source = lesson.source(indicator, note=note)
    title = trend_title(words(), base.whose(lesson, indicator), mine, ind.unit,
                        lambda y0, y1: withheld(lesson.ds, indicator, lesson.country, y0, y1),
                        since=lesson.start_year, verb=verb(mine))
    fig = line_compare(panel, lesson.country, lesson.peer_codes, median, title=title,
                       unit=ind.unit, source=source, names=lesson.names,
                       y_label=axis_title(section, ind.unit),
                       group_label=median_label or _("Group median"))
    return mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name)


def latest_bars(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The latest value of the focus country and its peers (within ``WINDOW_YEARS`` of the
    focus country's own latest year), ranked; the title compares with the peer median."""
    ind, section = lesson.ds.indicator(indicator), base.short(lesson, indicator)
    head = base.headline(lesson, indicator)
    if not base.skip_unless(lesson, head.year is not None, section, years=False,
                            indicator=indicator):
        return None
    source = lesson.source(indicator, note=_(
        "Latest year per country, {window}; the hover shows each year.").format(
        window=base.window_text(lesson, head.year)))
    values = lesson.ds.latest_values(indicator, lesson.codes, max_year=head.year,
                                     window=base.WINDOW_YEARS)
    return bar_compare(values["value"], lesson.country, lesson.peer_codes,
                       title=_latest_title(lesson, indicator, head),
                       unit=ind.unit, source=source, years=values["year"], names=lesson.names,
                       x_label=section)


def _latest_title(lesson: Lesson, indicator: str, head) -> str:
    """"Kenya's researchers stood at 53.8 per million people in 2022, below the peer median
    of 120.4 per million people" (or how many peers report when there is no median)."""
    unit = lesson.ds.indicator(indicator).unit
    fields = {"who": base.whose(lesson, indicator), "value": fmt_quantity(head.value, unit),
              "year": head.year}
    if math.isnan(head.peer_median):
        count = peer_median(lesson.ds, indicator, lesson.peer_codes, head.year).count
        return _("{who} stood at {value} in {year} ({count} of {n} peers report: no "
                 "median)").format(count=count, n=len(lesson.peer_codes), **fields)
    fields["median"] = base.figure(head.peer_median, unit)
    if head.gap > 0:
        return _("{who} stood at {value} in {year}, above the peer median of "
                 "{median}").format(**fields)
    if head.gap < 0:
        return _("{who} stood at {value} in {year}, below the peer median of "
                 "{median}").format(**fields)
    return _("{who} stood at {value} in {year}, equal to the peer median of "
             "{median}").format(**fields)
