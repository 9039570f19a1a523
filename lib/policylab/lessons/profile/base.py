"""What the profile's sections share: source lines naming the publisher codes behind
derived indicators, indicator nouns, the lesson's rows of one indicator, group labels."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.breaks import mark_breaks
from policylab.evidence import group_median_series
from policylab.evidence.breaks import change_is_sound, series_flags, why_not
from policylab.lessons.common import Lesson
from policylab.pack.dataset import Dataset
from policylab.text import format_value, in_sentence

#: The group whose median the trend charts draw ("region" or "income_group").
DEFAULT_GROUP = "region"
#: The publisher series behind derived indicators, for source lines that name real codes.
BASE_INDICATORS = {
    "mva_per_capita": ("mva_usd_reported", "mva_share_gdp", "gdp_usd", "population"),
    "manuf_exports_per_capita": ("manuf_share_merch_exports", "merch_exports_usd",
                                 "population"),
    "world_mva_share": ("mva_usd_reported", "mva_share_gdp", "gdp_usd"),
    "world_manuf_exports_share": ("manuf_share_merch_exports", "merch_exports_usd"),
    "services_share_gdp": ("agriculture_share_gdp", "industry_share_gdp"),
}
#: Source lines longer than this are broken onto a second line so none is cut off.
SOURCE_WRAP = 130


def source_text(lesson: Lesson, *indicators: str, note: str = "") -> str:
    """``lesson.source`` naming the publisher codes behind derived indicators, wrapped."""
    base = [b for i in indicators for b in BASE_INDICATORS.get(i, (i,))]
    text = lesson.source(*dict.fromkeys(b for b in base if b in lesson.ds.catalogue), note=note)
    if len(text) <= SOURCE_WRAP:
        return text
    cut = text.rfind(" ", 0, SOURCE_WRAP)
    return f"{text[:cut]}<br>{text[cut + 1:]}"


def noun(ds: Dataset, indicator: str) -> str:
    """The catalogue label inside a sentence, without its parenthesis; "per capita" is
    dropped when the unit already says "per person"."""
    ind = ds.indicator(indicator)
    label = ind.label.split(" (")[0].strip()
    if "per person" in ind.unit:
        label = label.removesuffix(" per capita")
    return in_sentence(label)


def country_rows(ds: Dataset, indicator: str, codes: list[str],
                 years: tuple[int, int]) -> pd.DataFrame:
    """Non-missing ``iso3, year, value`` rows of ``codes`` within ``years``."""
    rows = ds.series(indicator, codes, years)
    return rows.dropna(subset=["value"]).reset_index(drop=True)


def focus_window(lesson: Lesson, indicator: str) -> pd.Series:
    """The focus country's values over the lesson's years (index ``year``)."""
    rows = country_rows(lesson.ds, indicator, [lesson.country], lesson.years)
    return rows.set_index("year")["value"].sort_index()


def panel(lesson: Lesson, indicator: str) -> pd.DataFrame:
    """The country's and peers' values over the lesson's years (index year, one column each)."""
    rows = country_rows(lesson.ds, indicator, lesson.codes, lesson.years)
    return rows.pivot(index="year", columns="iso3", values="value")


def group_label(lesson: Lesson, group: str) -> str:
    if group == "region":
        return f"{lesson.region} median"
    return f"{lesson.income_group.lower()} countries' median"


def comparison_label(lesson: Lesson, group: str) -> str:
    """The group median as ``narrative.change_message`` puts it after "against a"."""
    if group == "region":
        return f"regional median ({lesson.region})"
    return f"median of {lesson.income_group.lower()} countries"


def group_series(lesson: Lesson, indicator: str, group: str) -> pd.Series:
    """The yearly median of the country's region or income group (``evidence``)."""
    name = lesson.region if group == "region" else lesson.income_group
    return group_median_series(lesson.ds, indicator, group, name, lesson.years)


def points(value: float) -> str:
    """A difference of two percentages, in percentage points (no sign)."""
    text = format_value(abs(value))
    return f"{text} percentage point{'' if text == '1' else 's'}"


def withheld(ds: Dataset, indicator: str, country: str, first: int, last: int) -> str | None:
    """Why a change of ``indicator`` from ``first`` to ``last`` may not be stated (a likely
    series break, an outlier year, an erratic series: ``evidence.breaks``), or None when it
    may."""
    flags = series_flags(ds, indicator, country)
    return None if change_is_sound(flags, first, last) else why_not(flags, first, last)


def withheld_short(ds: Dataset, indicator: str, country: str, first: int,
                   last: int) -> str | None:
    """:func:`withheld` in a few words, for chart titles."""
    flags = series_flags(ds, indicator, country)
    if change_is_sound(flags, first, last):
        return None
    if flags.erratic:
        return "the series swings too much from year to year"
    odd = [y for y in (first, last) if y in flags.outliers]
    if odd:
        return f"{odd[0]} is a likely outlier"
    return f"likely series break in {[y for y in flags.breaks if first < y <= last][0]}"


def sound_start(ds: Dataset, indicator: str, country: str, years: list[int]) -> int | None:
    """The first of ``years`` (sorted) from which a change to the last may be stated: after
    the last likely break before it, skipping outlier years; None for an erratic series or
    when fewer than two years remain."""
    flags = series_flags(ds, indicator, country)
    if flags.erratic or len(years) < 2:
        return None
    last = years[-1]
    for year in years[:-1]:
        if change_is_sound(flags, year, last):
            return year
    return None


def mark_country_breaks(fig: go.Figure | None, lesson: Lesson, indicator: str) -> go.Figure | None:
    """``charts.breaks.mark_breaks`` for the focus country, kept to the lesson's years (a break
    outside them is not drawn and does not widen the axis)."""
    if fig is None:
        return None
    flags = series_flags(lesson.ds, indicator, lesson.country)
    first, last = lesson.years
    inside = [y for y in (*flags.breaks, *flags.outliers) if first <= y <= (last or 9999)]
    if not inside:
        return fig
    shown = focus_window(lesson, indicator)
    mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name)
    low, high = int(shown.index.min()), int(shown.index.max())
    fig.layout.shapes = [s for s in fig.layout.shapes
                         if s.type != "line" or s.xref != "x" or s.x0 is None
                         or low <= float(s.x0) <= high]
    fig.layout.annotations = [a for a in fig.layout.annotations
                              if "likely series break" not in str(a.text)
                              or low <= float(a.x) <= high]
    fig.update_xaxes(range=[low - 0.5, high + 0.5])
    return fig
