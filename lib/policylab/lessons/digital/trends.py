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
from policylab.lessons.common.trend import TrendWords, group_series, trend_title
from policylab.lessons.context import Lesson
from policylab.lessons.digital import base
from policylab.narrative import fmt_quantity
from policylab.text import in_sentence, possessive

#: The trend titles (``common.trend``): "Kenya's internet users rose from 2.1 to 35.2%,
#: 2000–2023"; across a likely break or from an outlier year (DESIGN §10), the level and why
#: no change is stated.
WORDS = TrendWords(
    one="{who}: only one figure since {since}, {level} in {y1}",
    withheld="{who} stood at {level} in {y1}; the change since {y0} is not stated: {why}",
    moved="{who} {verb} from {first} to {level}, {years}")


def income_median(lesson: Lesson, indicator: str) -> tuple[pd.Series | None, str]:
    """The income group's yearly median over the lesson's years (evidence layer: years
    with at least three members and half the group's best coverage), and its label;
    ``(None, "")`` when no year qualifies or the country has no income group."""
    medians = group_series(lesson, indicator)
    return (medians, f"{lesson.income_group} median") if len(medians) else (None, "")


def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The indicator over the lesson's years: focus, peers and its income group's median;
    the title states how the focus country moved (``WORDS``), and the focus country's
    breaks and outliers are marked."""
    ind, section = lesson.ds.indicator(indicator), base.short(lesson, indicator)
    panel = lesson.ds.panel(indicator, lesson.codes, lesson.years)
    mine = panel.get(lesson.country, pd.Series(dtype=float)).dropna()
    if not base.skip_unless(lesson, not mine.empty, section):
        return None
    median, median_label = income_median(lesson, indicator)
    note = f"{median_label} in years when enough of the group reports. " if median_label else ""
    source = lesson.source(indicator, note=f"{note}Years {lesson.start_year}–{lesson.end_year}.")
    who = f"{possessive(lesson.name, start=True)} {in_sentence(section)}"
    title = trend_title(WORDS, who, mine, ind.unit, lambda y0, y1: withheld(
        lesson.ds, indicator, lesson.country, y0, y1), since=lesson.start_year)
    fig = line_compare(panel, lesson.country, lesson.peer_codes, median, title=title,
                       unit=ind.unit, source=source, names=lesson.names,
                       y_label=axis_title(section, ind.unit),
                       group_label=median_label or "Group median")
    return mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name)


def latest_bars(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The latest value of the focus country and its peers (within ``WINDOW_YEARS`` of the
    focus country's own latest year), ranked; the title compares with the peer median."""
    ind, section = lesson.ds.indicator(indicator), base.short(lesson, indicator)
    head = base.headline(lesson, indicator)
    if not base.skip_unless(lesson, head.year is not None, section, years=False):
        return None
    title = (f"{possessive(lesson.name, start=True)} {in_sentence(section)} stood at "
             f"{fmt_quantity(head.value, ind.unit)} in {head.year}")
    if math.isnan(head.peer_median):
        count = peer_median(lesson.ds, indicator, lesson.peer_codes, head.year).count
        title += f" ({count} of {len(lesson.peer_codes)} peers report: no median)"
    else:
        relation = "above" if head.gap > 0 else "below" if head.gap < 0 else "equal to"
        title += f", {relation} the peer median of {base.figure(head.peer_median, ind.unit)}"
    source = lesson.source(indicator, note=f"Latest year per country, "
                           f"{base.window_text(lesson, head.year)}; the hover shows each year.")
    values = lesson.ds.latest_values(indicator, lesson.codes, max_year=head.year,
                                     window=base.WINDOW_YEARS)
    return bar_compare(values["value"], lesson.country, lesson.peer_codes, title=title,
                       unit=ind.unit, source=source, years=values["year"], names=lesson.names,
                       x_label=section)
