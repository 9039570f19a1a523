"""WDI series over time for every country (cached once per Dataset), the trend chart with
the income group's median, and the single-indicator charts of sections 1 and 2."""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare, line_compare
from policylab.charts.breaks import mark_breaks, mark_computed_breaks
from policylab.evidence import Median, group_median
from policylab.evidence.breaks import withheld
from policylab.evidence.medians import panel_group_median, panel_group_median_series
from policylab.i18n import N_, _
from policylab.lessons.common import Lesson
from policylab.lessons.common.trend import TrendWords, trend_title
from policylab.narrative import KeyMessage, change_message, fmt_number
from policylab.pack.dataset import Dataset, dataset_cached
from policylab.text import in_sentence, year_range

#: Bars drawn in the cross-country rankings besides the focus country and its peers.
RANKING_LIMIT = 15


@dataset_cached
def all_countries(ds: Dataset, indicator: str, years: tuple[int, int]) -> pd.DataFrame:
    """Every country's series (index year, columns iso3) over ``years``."""
    return ds.panel(indicator, list(ds.countries().index), years)


def panel(lesson: Lesson, indicator: str, years: tuple[int, int] | None = None
          ) -> pd.DataFrame:
    return all_countries(lesson.ds, indicator, years or lesson.years)


def members(lesson: Lesson, group: str = "income_group") -> list[str]:
    meta = lesson.ds.countries()
    value = lesson.income_group if group == "income_group" else lesson.region
    return list(meta.index[meta[group] == value])


def income_median(lesson: Lesson, panel_all: pd.DataFrame, section: str) -> pd.Series:
    """The income group's yearly median of a wide panel (evidence rules). Once per Dataset,
    section, group and panel extent: it is the same for every country of the group, and
    computing it walks every country's series (a batch worker runs many countries)."""
    key = ("value_chains.income_median", section, lesson.income_group,
           tuple(panel_all.index), tuple(panel_all.columns))
    return lesson.ds.cached(key, lambda: panel_group_median_series(
        lesson.ds, panel_all, "income_group", lesson.income_group)).copy()


def latest_group_median(lesson: Lesson, panel_all: pd.DataFrame, year: int,
                        indicators: tuple[str, ...], computed: bool) -> Median:
    """The income group's median stated beside the country's figure of ``year``, by the
    evidence layer's one rule, as the tables state it (each member's latest value within
    the recency window ending at ``year``, at least three countries): ``group_median`` for
    a pack indicator, the same rule on ``panel_all`` for a ratio computed here. (The chart's
    dashed line is the median of each year's reporters, a trend, not this figure.)"""
    if not computed and len(indicators) == 1:
        return group_median(lesson.ds, indicators[0], "income_group", lesson.income_group,
                            year)
    return panel_group_median(lesson.ds, panel_all, "income_group", lesson.income_group, year)


def withheld_change(lesson: Lesson, indicators: tuple[str, ...], first: int, last: int,
                    series: pd.Series | None = None) -> str:
    """``evidence.breaks.withheld`` for the country: "" when a change from ``first`` to
    ``last`` may be stated, else why not (a likely break, an outlier year or an erratic
    series in any of ``indicators`` or in ``series``, a ratio computed here)."""
    return withheld(lesson.ds, indicators, lesson.country, first, last, series=series)


#: ``evidence.breaks.why_not``'s reason that points to the method box (English).
_POINTING = ("the series swings too much from year to year for a change to be read "
             "(see the method box on series breaks)")


def short_why(why: str) -> str:
    """``why_not`` without its pointer to the method box (titles, brackets, table cells),
    in the language the reason is written in."""
    pointing = _(_POINTING)
    pointer = pointing[pointing.rfind(" ("):]
    return why.split(" (see the method box")[0].removesuffix(pointer)


def mark_country_breaks(fig: go.Figure, lesson: Lesson, indicators: tuple[str, ...]) -> None:
    """Mark the country's likely breaks and outliers of each of ``indicators`` (named by
    indicator when there are several)."""
    names = {i: f"{lesson.name} ({in_sentence(lesson.ds.indicator(i).label)})"
             for i in indicators} if len(indicators) > 1 else lesson.name
    mark_breaks(fig, lesson.ds, indicators, lesson.country, names)


#: The trend titles (``common.trend``), with the income group's median in the last year
#: (translated where they are used: :func:`_words`).
WORDS = TrendWords(
    one=N_("{country.Possessive} {label} was {level} in {y1}{versus}, the only figure since "
           "{since}"),
    withheld=N_("{country.Possessive} {label} stood at {level} in {y1}{versus}; the change since "
                "{y0} is not stated: {why}"),
    moved=N_("{country.Possessive} {label} went from {first} to {level}, {years}{versus}"))


def _words() -> TrendWords:
    """``WORDS`` in the language."""
    return TrendWords(*(_(getattr(WORDS, part)) for part in ("one", "withheld", "moved")))


def trend_chart(lesson: Lesson, panel_all: pd.DataFrame, *, section: str, label: str,
                unit: str, source: str, indicators: tuple[str, ...] = (),
                computed: bool = False, title: str = "") -> go.Figure | None:
    """A line chart of ``panel_all`` for the country, its peers and its income group's
    median, with a title (unless given) stating the change and its years, or only the
    latest level when the change may not be stated (a likely break or outlier in
    ``indicators``, the pack's series behind the panel, or in the panel's own series when
    ``computed``); the country's breaks and outliers are marked."""
    own = panel_all.get(lesson.country, pd.Series(dtype=float)).dropna()
    if own.empty:
        lesson.skip(section, _("No data on {label} for {country} in {years}.").format(
            country=lesson.name,
                                 label=in_sentence(label),
                                 years=year_range(lesson.start_year, lesson.end_year)))
        return None
    median = income_median(lesson, panel_all, section)
    if not title:
        y1 = int(own.index.max())
        stated = latest_group_median(lesson, panel_all, y1, indicators, computed)
        versus = (_(" (median of {group} countries: {value})").format(
            group=lesson.income_group, value=fmt_number(stated.value, unit))
            if stated.ok else "")
        title = trend_title(
            _words(), "", own, unit,
            lambda y0, y1: short_why(withheld_change(lesson, indicators, y0, y1,
                                                     own if computed else None)),
            versus=versus, since=lesson.start_year, label=in_sentence(label),
            country=lesson.name)
    shown = panel_all.reindex(columns=[c for c in lesson.codes if c in panel_all.columns])
    fig = line_compare(shown, lesson.country, lesson.peer_codes, median, title=title,
                       unit=unit, source=source, names=lesson.names, y_label=label,
                       group_label=_("Median of {group} countries reporting each "
                                     "year").format(group=lesson.income_group))
    if computed:
        mark_computed_breaks(fig, lesson.ds, own, lesson.country, lesson.name, indicators)
    else:
        mark_country_breaks(fig, lesson, indicators)
    return fig


def year_values(lesson: Lesson, indicator: str, year: int) -> pd.Series:
    """Every economy's value of ``indicator`` in ``year`` (index iso3)."""
    rows = lesson.ds.series(indicator, None, [year]).dropna(subset=["value"])
    return rows.set_index("iso3")["value"]


def region_bars(lesson: Lesson, values: pd.Series, **labels: str) -> go.Figure:
    """``values`` (index iso3) of the region's countries and the peers as bars, the country
    and its peers marked (``charts.bar_compare``: ``title, unit, source, x_label``)."""
    pool = list(dict.fromkeys([*members(lesson, "region"), *lesson.codes]))
    shown = values.reindex(pool).dropna()
    return bar_compare(shown, lesson.country, lesson.peer_codes, limit=RANKING_LIMIT,
                       names={c: lesson.ds.name(c) for c in shown.index}, **labels)


def indicator_chart(lesson: Lesson, indicator: str, section: str) -> go.Figure | None:
    """The trend chart of one WDI indicator (the notebook's charts below)."""
    ind = lesson.ds.indicator(indicator)
    return trend_chart(lesson, panel(lesson, indicator), section=_(section), label=ind.label,
                       unit=ind.unit, source=lesson.source(indicator),
                       indicators=(indicator,))


def _chart(indicator: str, section: str):
    return partial(indicator_chart, indicator=indicator, section=section)


manufactured_exports_chart = _chart("manuf_share_merch_exports", N_("Manufactured exports"))
service_exports_chart = _chart("service_exports_usd", N_("Service exports"))
ict_services_chart = _chart("ict_services_share_service_exports", N_("ICT service exports"))
mht_exports_chart = _chart("mht_share_manuf_exports", N_("Medium and high-tech exports"))
hightech_exports_chart = _chart("hightech_share_manuf_exports", N_("High-technology exports"))


def trend_message(lesson: Lesson, indicator: str) -> KeyMessage | None:
    """How a WDI indicator moved over the lesson's years (None without data)."""
    if lesson.ds.series(indicator, lesson.country, lesson.years).dropna().empty:
        return None
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year)
