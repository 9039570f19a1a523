"""What the greening sections share: the lesson's series and panels (read through
:mod:`policylab.metrics.emissions`), source lines, notes on missing data, and the few
phrasings about emissions that every section uses."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import template as tpl
from policylab.charts import title_with_subtitle
from policylab.charts.breaks import BREAK_COLOUR, mark_breaks
from policylab.evidence.breaks import (
    SeriesFlags,
    change_is_sound,
    series_flags,
    why_not,
)
from policylab.lessons.context import Lesson
from policylab.metrics.decoupling import percent_change
from policylab.metrics.emissions import country_series
from policylab.narrative import fmt_number, fmt_quantity, missing_message
from policylab.text import decimals_for, format_value, in_sentence, possessive, year_range

#: Characters per line of a chart's source line (about the width of a laptop-sized chart).
SOURCE_WRAP = 125


def series(lesson: Lesson, indicator: str, iso3: str | None = None) -> pd.Series:
    """One country's (default: the focus's) non-missing values in the lesson's years."""
    return country_series(lesson.ds, indicator, iso3 or lesson.country, lesson.years)


def panel(lesson: Lesson, indicator: str) -> pd.DataFrame:
    """Wide table (index year, one column per country of the lesson) of one indicator."""
    table = pd.DataFrame({code: series(lesson, indicator, code) for code in lesson.codes})
    table.index.name, table.columns.name = "year", "iso3"
    return table.dropna(axis=1, how="all")


def no_data_reason(lesson: Lesson, indicator: str) -> str:
    """Why a section about ``indicator`` has nothing to show for the focus country."""
    ds = lesson.ds
    latest = ds.latest(indicator, lesson.country)
    if latest.year is None:
        return missing_message(ds, indicator, lesson.country).text
    ind = ds.indicator(indicator)
    return (f"The pack has no figure on {in_sentence(ind.label)} for "
            f"{year_range(*lesson.years)}; the latest is "
            f"{fmt_quantity(latest.value, ind.unit)} from {latest.year}.")


def skip_missing(lesson: Lesson, section: str, indicators: Iterable[str], fallback: str) -> None:
    """Skip ``section`` with the reasons of the indicators the focus lacks (else ``fallback``)."""
    missing = [i for i in indicators if series(lesson, i).empty]
    lesson.skip(section, " ".join(no_data_reason(lesson, i) for i in missing) or fallback)


def leaves(ds, indicator: str) -> list[str]:
    """The published series a derived indicator is computed from (itself when published),
    so that source lines name publishers and their codes rather than a recipe."""
    recipe = ds.indicator(indicator).recipe or {}
    parts = [v for k, v in recipe.items() if k in ("numerator", "denominator")]
    parts += list(recipe.get("parts") or [])
    found = [leaf for p in parts if isinstance(p, str) and p in ds.catalogue
             for leaf in leaves(ds, p)]
    return found or [indicator]


def source(lesson: Lesson, *indicators: str, note: str = "") -> str:
    """The chart's source line (publishers and codes of the published series), wrapped:
    chart annotations do not wrap by themselves."""
    published = [leaf for i in indicators for leaf in leaves(lesson.ds, i)]
    return "<br>".join(textwrap.wrap(lesson.source(*published, note=note), SOURCE_WRAP))


def unsound(lesson: Lesson, indicator: str, first: int, last: int,
            iso3: str | None = None) -> str:
    """"" when a change of ``indicator`` from ``first`` to ``last`` may be stated (no likely
    break between them, neither year an outlier, not erratic: ``evidence.breaks``); else
    the reason, for a sentence that states the level with its year instead."""
    flags = flags_of(lesson, indicator, iso3)
    return "" if change_is_sound(flags, int(first), int(last)) else \
        why_not(flags, int(first), int(last))


def flags_of(lesson: Lesson, indicator: str, iso3: str | None = None) -> SeriesFlags:
    """``evidence.breaks.series_flags`` of the country's series (the focus by default)."""
    return series_flags(lesson.ds, indicator, iso3 or lesson.country)


def no_change(level_text: str, reason: str) -> str:
    """"was 0.11 kg in 2024; no change is stated: the series likely breaks in 2009 …"."""
    return f"{level_text}; no change is stated: {reason}"


def marked(lesson: Lesson, fig: go.Figure, *indicators: str) -> go.Figure:
    """``fig`` with the focus country's likely breaks and outliers of ``indicators`` marked
    (dotted lines, "x" markers; the rule is in the method box on series breaks)."""
    for indicator in indicators:
        label = in_sentence(lesson.ds.indicator(indicator).label.split(" (")[0])
        name = f"{lesson.name}, {label}"
        flags = flags_of(lesson, indicator)
        if flags == series_flags(lesson.ds, indicator, lesson.country):
            mark_breaks(fig, lesson.ds, indicator, lesson.country, name, years=lesson.years)
            continue
        for year in (y for y in flags.breaks if lesson.start_year <= y <= lesson.end_year):
            fig.add_vline(x=year, line={"color": BREAK_COLOUR, "width": 1.5, "dash": "dot"},
                          annotation_text=f"{name}: likely series break",
                          annotation_position="top left", annotation_font_size=10,
                          annotation_font_color=BREAK_COLOUR)
    return fig


def group_label(lesson: Lesson) -> str:
    return f"{lesson.income_group} median"


def data_end(ds, indicator: str) -> int | None:
    """The last year any country (not aggregate) has ``indicator`` in this pack."""
    rows = ds.series(indicator, list(ds.countries().index)).dropna(subset=["value"])
    return None if rows.empty else int(rows["year"].max())


def older_source_label(ds, indicator: str) -> str:
    """"CO2 emissions from cement (Our World in Data) end in 2018", for a subtitle."""
    end = data_end(ds, indicator)
    publisher = ds.indicator(indicator).source.split(",")[0]
    what = in_sentence(ds.indicator(indicator).label)
    return f"{what} ({publisher}) end in {end}" if end is not None else \
        f"no {what} in this pack"


def coverage_note(lesson: Lesson, indicators: Iterable[str]) -> str:
    """Markdown: for each indicator, the last year in this pack and the focus country's
    latest year, so that a method box can say how old the data are."""
    lines = []
    for indicator in indicators:
        if indicator not in lesson.ds.catalogue:
            continue
        ind = lesson.ds.indicator(indicator)
        end = data_end(lesson.ds, indicator)
        own = lesson.ds.latest(indicator, lesson.country)
        if end is None:
            lines.append(f"- *{ind.label}*: not in this data pack.")
            continue
        mine = (f"{possessive(lesson.name, start=True)} latest figure is from {own.year}"
                if own.year is not None else f"no figure for {lesson.name}")
        lines.append(f"- *{ind.label}*: data in this pack end in {end}; {mine}.")
    return "**Data coverage in this pack.**\n\n" + "\n".join(lines)


def precise(value: float, unit: str | None = None) -> str:
    """A value below 1 with one decimal more than the shared rule (0.0774, not 0.077), so
    that a small intensity's change shows and can be recomputed in an exercise."""
    extra = 1 if 0 < abs(value) < 1 else 0
    return fmt_number(value, unit or "", decimals=decimals_for(value) + extra)


def change_words(change: float) -> str:
    """"rose 118.8%" / "fell 15.7%" / "did not change" for a % change."""
    size = format_value(abs(change), "%")
    return "did not change" if size == "0%" else f"{'rose' if change > 0 else 'fell'} {size}"


def movement(first: float, last: float, unit: str) -> str:
    """"rose by 12.3% to 5.6 t" (levels) or "fell from 20.1% to 18.4%" (shares)."""
    if unit.startswith("%"):
        a, b = fmt_number(first, unit), fmt_number(last, unit)
        return f"stayed at {b}" if a == b else \
            f"{'rose' if last > first else 'fell'} from {a} to {b}"
    change = percent_change(first, last)
    if change != change:  # NaN: no percentage from a zero
        return f"went from {fmt_quantity(first, unit)} to {fmt_quantity(last, unit)}"
    if format_value(abs(change), "%") == "0%":
        return f"was unchanged at {fmt_quantity(last, unit)}"
    verb = "rose" if change > 0 else "fell"
    return f"{verb} by {format_value(abs(change), '%')} to {fmt_quantity(last, unit)}"


def tonnes(million_tonnes: float, gas: str = "CO2") -> str:
    """"18.5 million tonnes CO2" or, for small emitters, "9,800 tonnes CO2"."""
    return fmt_quantity(million_tonnes * 1e6, f"tonnes {gas}")


def rate(fraction: float) -> str:
    """A yearly fraction as a percentage: 0.03 -> "3.00%"."""
    return format_value(100.0 * fraction, "%")


#: A line of :func:`line_chart`: values by year, name, colour, width, more ``go.Scatter`` style.
Line = tuple[pd.Series, str, str, float, dict[str, Any]]


def line_chart(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
               lines: Sequence[Line], hover: str = "%{y:,.3~g} Mt", **layout) -> go.Figure:
    """A chart of a few lines over the years (empty ones left out), with the finding as
    title and the measure as subtitle."""
    fig = tpl.new_figure(title_with_subtitle(finding, subtitle), source_line)
    for values, name, colour, width, style in lines:
        if values.empty:
            continue
        fig.add_trace(go.Scatter(
            x=values.index, y=values.to_numpy(), name=name, mode=style.get("mode", "lines"),
            line={"color": colour, "width": width, "dash": style.get("dash", "solid")},
            marker=style.get("marker"), hovertemplate=f"{name}: {hover}<extra></extra>"))
    fig.update_layout(hovermode="x unified", yaxis_title=tpl.axis_title(*y_title), **layout)
    fig.update_xaxes(tickformat="d")
    return fig
