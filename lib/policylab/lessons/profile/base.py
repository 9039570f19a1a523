"""What the profile's sections share: source lines naming the publisher codes behind
derived indicators, indicator nouns, the lesson's rows of one indicator, group labels."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.breaks import mark_breaks
from policylab.evidence import group_median_series
from policylab.evidence.breaks import change_is_sound, series_flags
from policylab.lessons.common import Lesson
from policylab.pack.dataset import Dataset
from policylab.text import format_value, in_sentence

#: The publisher series behind derived indicators, for source lines that name real codes.
BASE_INDICATORS = {
    "mva_per_capita": ("mva_usd_reported", "mva_share_gdp", "gdp_usd", "population"),
    "manuf_exports_per_capita": ("manuf_share_merch_exports", "merch_exports_usd",
                                 "population"),
    "world_mva_share": ("mva_usd_reported", "mva_share_gdp", "gdp_usd"),
    "world_manuf_exports_share": ("manuf_share_merch_exports", "merch_exports_usd"),
    "services_share_gdp": ("agriculture_share_gdp", "industry_share_gdp"),
}


def source_text(lesson: Lesson, *indicators: str, note: str = "") -> str:
    """``lesson.source`` naming the publisher codes behind derived indicators (the chart
    wraps it)."""
    base = [b for i in indicators for b in BASE_INDICATORS.get(i, (i,))]
    return lesson.source(*dict.fromkeys(b for b in base if b in lesson.ds.catalogue), note=note)


def noun(ds: Dataset, indicator: str) -> str:
    """The catalogue label inside a sentence, without its parenthesis; "per capita" is
    dropped when the unit already says "per person"."""
    ind = ds.indicator(indicator)
    label = ind.label.split(" (")[0].strip()
    if "per person" in ind.unit:
        label = label.removesuffix(" per capita")
    return in_sentence(label)


def _rows(lesson: Lesson, indicator: str, codes: list[str]) -> pd.DataFrame:
    return lesson.ds.series(indicator, codes, lesson.years).dropna(subset=["value"])


def focus_window(lesson: Lesson, indicator: str) -> pd.Series:
    """The focus country's values over the lesson's years (index ``year``)."""
    return _rows(lesson, indicator, [lesson.country]).set_index("year")["value"].sort_index()


def panel(lesson: Lesson, indicator: str) -> pd.DataFrame:
    """The country's and peers' values over the lesson's years (index year, one column each)."""
    return _rows(lesson, indicator, lesson.codes).pivot(index="year", columns="iso3",
                                                         values="value")


def group_series(lesson: Lesson, indicator: str) -> pd.Series:
    """The yearly median of the country's region (``evidence``), drawn on the trend charts."""
    return group_median_series(lesson.ds, indicator, "region", lesson.region, lesson.years)


def points(value: float) -> str:
    """A difference of two percentages, in percentage points (no sign)."""
    text = format_value(abs(value))
    return f"{text} percentage point{'' if text == '1' else 's'}"


def withheld_short(ds: Dataset, indicator: str, country: str, first: int,
                   last: int) -> str | None:
    """Why a change of ``indicator`` from ``first`` to ``last`` may not be stated (a likely
    series break, an outlier year, an erratic series: ``evidence.breaks``) in a few words,
    for chart titles; None when it may."""
    flags = series_flags(ds, indicator, country)
    if change_is_sound(flags, first, last):
        return None
    if flags.erratic:
        return "the series swings too much from year to year"
    odd = [y for y in (first, last) if y in flags.outliers]
    if odd:
        return f"{odd[0]} is a likely outlier"
    return f"likely series break in {[y for y in flags.breaks if first < y <= last][0]}"


def mark_country_breaks(fig: go.Figure | None, lesson: Lesson, indicator: str) -> go.Figure | None:
    """``charts.breaks.mark_breaks`` for the focus country, kept to the years it has data in
    the lesson's years (a break outside them is not drawn and does not widen the axis)."""
    if fig is None:
        return None
    shown = focus_window(lesson, indicator).index
    low, high = int(shown.min()), int(shown.max())
    flags = series_flags(lesson.ds, indicator, lesson.country)
    if any(low <= y <= high for y in (*flags.breaks, *flags.outliers)):
        mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name, (low, high))
        fig.update_xaxes(range=[low - 0.5, high + 0.5])
    return fig
