"""WDI series over time for every country (cached once per Dataset), the trend chart with
the income group's median, and the single-indicator charts of sections 1 and 2."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare
from policylab.charts.breaks import BREAK_COLOUR, mark_breaks
from policylab.evidence.breaks import change_is_sound, detect, series_flags, why_not
from policylab.evidence.medians import panel_group_median_series
from policylab.lessons.common import Lesson
from policylab.narrative import KeyMessage, change_message, fmt_number, fmt_quantity
from policylab.pack.dataset import Dataset, dataset_cached
from policylab.text import in_sentence, possessive, year_range


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


def first_last(series: pd.Series) -> tuple[int, float, int, float] | None:
    points = series.dropna()
    if points.empty:
        return None
    return (int(points.index[0]), float(points.iloc[0]), int(points.index[-1]),
            float(points.iloc[-1]))


def income_median(lesson: Lesson, panel_all: pd.DataFrame) -> pd.Series:
    """The income group's yearly median of a wide panel (evidence rules)."""
    return panel_group_median_series(lesson.ds, panel_all, "income_group", lesson.income_group)


def withheld_change(lesson: Lesson, indicators: tuple[str, ...], first: int, last: int,
                    series: pd.Series | None = None) -> str:
    """"" when a change of the country from ``first`` to ``last`` may be stated, else why
    not (DESIGN §10): a likely break, an outlier year or an erratic series in any of
    ``indicators`` (the pack's series), or in ``series`` (a ratio computed here, index
    year, judged as it is)."""
    for indicator in indicators:
        flags = series_flags(lesson.ds, indicator, lesson.country)
        if not change_is_sound(flags, first, last):
            return why_not(flags, first, last)
    if series is not None:
        points = series.dropna()
        flags = detect(points.index.tolist(), points.tolist())
        if not change_is_sound(flags, first, last):
            return why_not(flags, first, last)
    return ""


def short_why(why: str) -> str:
    """``why_not`` without its pointer to the method box (titles, brackets, table cells)."""
    return why.split(" (see the method box")[0]


def mark_country_breaks(fig: go.Figure, lesson: Lesson, indicators: tuple[str, ...]) -> None:
    """Mark the country's likely breaks and outliers of each of ``indicators``."""
    for indicator in indicators:
        name = lesson.name
        if len(indicators) > 1:
            name = f"{lesson.name} ({in_sentence(lesson.ds.indicator(indicator).label)})"
        mark_breaks(fig, lesson.ds, indicator, lesson.country, name)


def mark_computed_breaks(fig: go.Figure, lesson: Lesson, series: pd.Series,
                         inputs: tuple[str, ...]) -> None:
    """Mark a ratio computed here: the likely breaks of its inputs and of itself (dotted
    lines) and its own outliers ("x" on the ratio, in the chart's unit)."""
    points = series.dropna()
    own = detect(points.index.tolist(), points.tolist())
    years = {y for i in inputs for y in series_flags(lesson.ds, i, lesson.country).breaks}
    for year in sorted(years | set(own.breaks)):
        fig.add_vline(x=year, line={"color": BREAK_COLOUR, "width": 1.5, "dash": "dot"},
                      annotation_text=f"{lesson.name}: likely series break",
                      annotation_position="top left", annotation_font_size=10,
                      annotation_font_color=BREAK_COLOUR)
    odd = [y for y in own.outliers if y in points.index]
    if odd:
        fig.add_trace(go.Scatter(
            x=odd, y=[float(points[y]) for y in odd], mode="markers",
            marker={"symbol": "x", "size": 11, "color": BREAK_COLOUR},
            name=f"{lesson.name}: likely outlier",
            hovertext=[f"{lesson.name}, {y}: likely outlier" for y in odd], hoverinfo="text"))


def trend_chart(lesson: Lesson, panel_all: pd.DataFrame, *, section: str, label: str,
                unit: str, source: str, indicators: tuple[str, ...] = (),
                computed: bool = False) -> go.Figure | None:
    """A line chart of ``panel_all`` for the country, its peers and its income group's
    median, with a title stating the change and its years, or only the latest level when
    the change may not be stated (a likely break or outlier in ``indicators``, the pack's
    series behind the panel, or in the panel's own series when ``computed``); the
    country's breaks and outliers are marked."""
    focus = panel_all[lesson.country] if lesson.country in panel_all.columns else pd.Series()
    ends = first_last(focus)
    if ends is None:
        lesson.skip(section, f"No data on {in_sentence(label)} for {lesson.name} in "
                             f"{year_range(lesson.start_year, lesson.end_year)}.")
        return None
    y0, v0, y1, v1 = ends
    median = income_median(lesson, panel_all)
    versus = (f" (median of {lesson.income_group} countries: {fmt_number(median[y1], unit)})"
              if y1 in median.index else "")
    if y0 == y1:
        change = (f"was {fmt_quantity(v1, unit)} in {y1}{versus}, the only figure since "
                  f"{lesson.start_year}")
    elif why := withheld_change(lesson, indicators, y0, y1, focus if computed else None):
        change = (f"stood at {fmt_quantity(v1, unit)} in {y1}{versus}; the change since {y0} "
                  f"is not stated: {short_why(why)}")
    else:
        change = (f"went from {fmt_number(v0, unit)} to {fmt_quantity(v1, unit)}, "
                  f"{year_range(y0, y1)}{versus}")
    title = f"{possessive(lesson.name, start=True)} {in_sentence(label)} {change}"
    shown = panel_all.reindex(columns=[c for c in lesson.codes if c in panel_all.columns])
    fig = line_compare(shown, lesson.country, lesson.peer_codes, median, title=title,
                       unit=unit, source=source, names=lesson.names, y_label=label,
                       group_label=f"Median of {lesson.income_group} countries")
    if computed:
        mark_computed_breaks(fig, lesson, focus, indicators)
    else:
        mark_country_breaks(fig, lesson, indicators)
    return fig


def indicator_chart(lesson: Lesson, indicator: str, section: str) -> go.Figure | None:
    ind = lesson.ds.indicator(indicator)
    return trend_chart(lesson, panel(lesson, indicator), section=section, label=ind.label,
                       unit=ind.unit, source=lesson.source(indicator),
                       indicators=(indicator,))


def manufactured_exports_chart(lesson: Lesson) -> go.Figure | None:
    return indicator_chart(lesson, "manuf_share_merch_exports", "Manufactured exports")


def service_exports_chart(lesson: Lesson) -> go.Figure | None:
    return indicator_chart(lesson, "service_exports_usd", "Service exports")


def ict_services_chart(lesson: Lesson) -> go.Figure | None:
    return indicator_chart(lesson, "ict_services_share_service_exports", "ICT service exports")


def mht_exports_chart(lesson: Lesson) -> go.Figure | None:
    return indicator_chart(lesson, "mht_share_manuf_exports", "Medium and high-tech exports")


def hightech_exports_chart(lesson: Lesson) -> go.Figure | None:
    return indicator_chart(lesson, "hightech_share_manuf_exports", "High-technology exports")


def trend_message(lesson: Lesson, indicator: str) -> KeyMessage | None:
    """How a WDI indicator moved over the lesson's years (None without data)."""
    if lesson.ds.series(indicator, lesson.country, lesson.years).dropna().empty:
        return None
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year)
