"""WDI series over time (every country, ``metrics.country_panels``), the trend chart with
the income group's median, and the single-indicator charts of sections 1 and 2."""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare
from policylab.charts.marked_lines import marked_line_compare
from policylab.evidence.breaks import withheld
from policylab.evidence.stated_medians import group_median_line, stated_group_median
from policylab.i18n import N_, _
from policylab.lessons.common import Lesson
from policylab.lessons.common.region import region_members
from policylab.lessons.common.trend import TrendWords, trend_title
from policylab.metrics.country_panels import all_countries
from policylab.narrative import KeyMessage, change_message, fmt_number
from policylab.narrative.cells import short_why
from policylab.text import in_sentence, year_range

#: Bars drawn in the cross-country rankings besides the focus country and its peers.
RANKING_LIMIT = 15


def panel(lesson: Lesson, indicator: str, years: tuple[int, int] | None = None
          ) -> pd.DataFrame:
    return all_countries(lesson.ds, indicator, years or lesson.years)


#: The trend titles (``common.trend``), with the income group's median in the last year.
WORDS = TrendWords(
    one=N_("{country.Possessive} {label} was {level} in {y1}{versus}, the only figure since "
           "{since}"),
    withheld=N_("{country.Possessive} {label} stood at {level} in {y1}{versus}; the change since "
                "{y0} is not stated: {why}"),
    moved=N_("{country.Possessive} {label} went from {first} to {level}, {years}{versus}"))


def trend_chart(lesson: Lesson, panel_all: pd.DataFrame, *, section: str, label: str,
                unit: str, source: str, indicators: tuple[str, ...] = (),
                computed: bool = False, title: str = "") -> go.Figure | None:
    """The country, its peers and its income group's median over the years. The title
    (unless given) states the change, or only the latest level across a likely break or
    outlier in ``indicators`` (or in the panel's own series when ``computed``)."""
    own = panel_all.get(lesson.country, pd.Series(dtype=float)).dropna()
    if own.empty:
        lesson.skip(section, _("No data on {label} for {country} in {years}.").format(
            country=lesson.name, label=in_sentence(label),
            years=year_range(lesson.start_year, lesson.end_year)))
        return None
    median = group_median_line(lesson.ds, panel_all, "income_group", lesson.income_group,
                               section)
    if not title:
        stated = stated_group_median(lesson.ds, panel_all, "income_group", lesson.income_group,
                                     int(own.index.max()), indicators, computed)
        versus = (_(" (median of {group} countries: {value})").format(
            group=lesson.income_group, value=fmt_number(stated.value, unit))
            if stated.ok else "")
        title = trend_title(
            WORDS.translated(),
            "", own, unit, lambda y0, y1: short_why(withheld(
                lesson.ds, indicators, lesson.country, y0, y1, series=own if computed else None)),
            versus=versus, since=lesson.start_year, label=in_sentence(label),
            country=lesson.name)
    shown = panel_all.reindex(columns=[c for c in lesson.codes if c in panel_all.columns])
    return marked_line_compare(
        shown, lesson.country, lesson.peer_codes, median, ds=lesson.ds, indicators=indicators,
        names=lesson.names, computed=own if computed else None, title=title, unit=unit,
        source=source, y_label=label, group_label=_(
            "Median of {group} countries reporting each year").format(group=lesson.income_group))


def region_bars(lesson: Lesson, values: pd.Series, **labels: str) -> go.Figure:
    """``charts.bar_compare`` of the region's countries and the peers (``labels``: its
    ``title, unit, source, x_label``)."""
    pool = list(dict.fromkeys([*region_members(lesson), *lesson.codes]))
    shown = values.reindex(pool).dropna()
    return bar_compare(shown, lesson.country, lesson.peer_codes, limit=RANKING_LIMIT,
                       names=lesson.names_of(shown.index), **labels)


def indicator_chart(lesson: Lesson, indicator: str, section: str) -> go.Figure | None:
    """The trend chart of one WDI indicator (the notebook's charts below)."""
    ind = lesson.ds.indicator(indicator)
    return trend_chart(lesson, panel(lesson, indicator), section=_(section), label=ind.label,
                       unit=ind.unit, source=lesson.source(indicator),
                       indicators=(indicator,))


manufactured_exports_chart = partial(indicator_chart, indicator="manuf_share_merch_exports",
                                     section=N_("Manufactured exports"))
service_exports_chart = partial(indicator_chart, indicator="service_exports_usd",
                                section=N_("Service exports"))
ict_services_chart = partial(indicator_chart, indicator="ict_services_share_service_exports",
                             section=N_("ICT service exports"))
mht_exports_chart = partial(indicator_chart, indicator="mht_share_manuf_exports",
                            section=N_("Medium and high-tech exports"))
hightech_exports_chart = partial(indicator_chart, indicator="hightech_share_manuf_exports",
                                 section=N_("High-technology exports"))


def trend_message(lesson: Lesson, indicator: str) -> KeyMessage | None:
    """How a WDI indicator moved over the lesson's years (None without data)."""
    if lesson.ds.series(indicator, lesson.country, lesson.years).dropna().empty:
        return None
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year)
