"""WDI series over time for every country (cached once per Dataset), the trend chart with
the income group's median, and the single-indicator charts of sections 1 and 2."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare
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


def trend_chart(lesson: Lesson, panel_all: pd.DataFrame, *, section: str, label: str,
                unit: str, source: str) -> go.Figure | None:
    """A line chart of ``panel_all`` for the country, its peers and its income group's
    median, with a title stating the change and its years."""
    focus = panel_all[lesson.country] if lesson.country in panel_all.columns else pd.Series()
    ends = first_last(focus)
    if ends is None:
        lesson.skip(section, f"No data on {in_sentence(label)} for {lesson.name} in "
                             f"{year_range(lesson.start_year, lesson.end_year)}.")
        return None
    y0, v0, y1, v1 = ends
    median = income_median(lesson, panel_all)
    if y0 == y1:
        change = (f"was {fmt_quantity(v1, unit)} in {y1}, the only figure since "
                  f"{lesson.start_year}")
    else:
        change = (f"went from {fmt_number(v0, unit)} to {fmt_quantity(v1, unit)}, "
                  f"{year_range(y0, y1)}")
    versus = (f" (median of {lesson.income_group} countries: {fmt_number(median[y1], unit)})"
              if y1 in median.index else "")
    title = f"{possessive(lesson.name, start=True)} {in_sentence(label)} {change}{versus}"
    shown = panel_all.reindex(columns=[c for c in lesson.codes if c in panel_all.columns])
    return line_compare(shown, lesson.country, lesson.peer_codes, median, title=title,
                        unit=unit, source=source, names=lesson.names, y_label=label,
                        group_label=f"Median of {lesson.income_group} countries")


def indicator_chart(lesson: Lesson, indicator: str, section: str) -> go.Figure | None:
    ind = lesson.ds.indicator(indicator)
    return trend_chart(lesson, panel(lesson, indicator), section=section, label=ind.label,
                       unit=ind.unit, source=lesson.source(indicator))


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
