"""What the greening sections share: the lesson's series (read through
:mod:`policylab.metrics.emissions`), source lines, notes on missing data, the few phrasings
about emissions that every section uses, and :func:`trend_chart`, one indicator against the
peers and the income group (sections 1, 3 and 4 and the explorer)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.charts.breaks import mark_breaks
from policylab.charts.lines import lines_chart
from policylab.evidence.breaks import withheld
from policylab.lessons.common.trend import TrendWords, group_series, no_figure_reason, trend_title
from policylab.lessons.context import Lesson
from policylab.metrics.decoupling import percent_change
from policylab.metrics.emissions import country_series
from policylab.metrics.greening_figures import country_panel, data_end
from policylab.narrative import fmt_number, fmt_quantity, fmt_year_range, missing_message
from policylab.text import decimals_for, format_value, in_sentence, possessive, sentence_start

#: Characters per line of a chart's source line (about the width of a laptop-sized chart).
SOURCE_WRAP = 125
#: Older sources kept only where EDGAR has no equivalent; shown with their last year.
OLDER_SOURCES = ("cement_co2_mt",)
#: Titles for indicators whose label reads badly after a possessive ("Kenya's industry's").
TITLE_SUBJECTS = {
    "co2_industry_share": "Industry's share of {country} CO2 emissions",
    "co2_industry_per_mva": "Industry's CO2 per unit of {country} manufacturing value added",
}
#: The trend titles (``common.trend``): "Kenya's CO2 emissions rose by 12.3% to 18.5
#: million tonnes between 2000 and 2024".
TREND_WORDS = TrendWords(one="{who} was {level} in {y1}",
                         withheld="{who} was {level} in {y1}; no change is stated: {why}",
                         moved="{who} {moved} between {y0} and {y1}")


def series(lesson: Lesson, indicator: str, iso3: str | None = None) -> pd.Series:
    """One country's (default: the focus's) non-missing values in the lesson's years."""
    return country_series(lesson.ds, indicator, iso3 or lesson.country, lesson.years)


def no_data_reason(lesson: Lesson, indicator: str) -> str:
    """Why a section about ``indicator`` has nothing to show for the focus country."""
    label = in_sentence(lesson.ds.indicator(indicator).label)
    return no_figure_reason(lesson, indicator, f"The pack has no figure on {label} for "
                            f"{fmt_year_range(*lesson.years)}",
                            missing_message(lesson.ds, indicator, lesson.country).text)


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
    """``evidence.breaks.withheld`` for the focus country (or ``iso3``): "" when a change
    from ``first`` to ``last`` may be stated, else the reason."""
    return withheld(lesson.ds, indicator, iso3 or lesson.country, first, last)


def marked(lesson: Lesson, fig: go.Figure, *indicators: str) -> go.Figure:
    """``fig`` with the focus country's likely breaks and outliers of ``indicators`` marked
    (dotted lines, "x" markers; the rule is in the method box on series breaks)."""
    names = {i: f"{lesson.name}, {in_sentence(lesson.ds.indicator(i).label.split(' (')[0])}"
             for i in indicators}
    return mark_breaks(fig, lesson.ds, indicators, lesson.country, names, years=lesson.years)


def group_label(lesson: Lesson) -> str:
    return f"{lesson.income_group} median"


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
    for ind in (lesson.ds.indicator(i) for i in indicators if i in lesson.ds.catalogue):
        end = data_end(lesson.ds, ind.id)
        own = lesson.ds.latest(ind.id, lesson.country)
        mine = (f"{possessive(lesson.name, start=True)} latest figure is from {own.year}"
                if own.year is not None else f"no figure for {lesson.name}")
        lines.append(f"- *{ind.label}*: not in this data pack." if end is None else
                     f"- *{ind.label}*: data in this pack end in {end}; {mine}.")
    return "**Data coverage in this pack.**\n\n" + "\n".join(lines)


def precise(value: float, unit: str | None = None) -> str:
    """A value below 1 with one decimal more than the shared rule (0.0774, not 0.077), so
    that a small intensity's change shows and can be recomputed in an exercise."""
    extra = 1 if 0 < abs(value) < 1 else 0
    return fmt_number(value, unit or "", decimals=decimals_for(value) + extra)


def change_words(change: float, by: str = "") -> str:
    """"rose 118.8%" / "fell 15.7%" (with ``by="by "``: "rose by 118.8%") / "did not
    change" for a % change."""
    size = format_value(abs(change), "%")
    return "did not change" if size == "0%" else f"{'rose' if change > 0 else 'fell'} {by}{size}"


def movement(first: float, last: float, unit: str) -> str:
    """"rose by 12.3% to 5.6 t" (levels) or "fell from 20.1% to 18.4%" (shares)."""
    if unit.startswith("%"):
        a, b = fmt_number(first, unit), fmt_number(last, unit)
        return f"stayed at {b}" if a == b else \
            f"{'rose' if last > first else 'fell'} from {a} to {b}"
    change, level = percent_change(first, last), fmt_quantity(last, unit)
    if change != change:  # NaN: no percentage from a zero
        return f"went from {fmt_quantity(first, unit)} to {level}"
    words = change_words(change, "by ")
    return f"was unchanged at {level}" if words == "did not change" else f"{words} to {level}"


def tonnes(million_tonnes: float, gas: str = "CO2") -> str:
    """"18.5 million tonnes CO2" or, for small emitters, "9,800 tonnes CO2"."""
    return fmt_quantity(million_tonnes * 1e6, f"tonnes {gas}")


def rate(fraction: float) -> str:
    """A yearly fraction as a percentage: 0.03 -> "3.00%"."""
    return format_value(100.0 * fraction, "%")


#: ``charts.lines.lines_chart`` with emissions' hover ("12.3 Mt").
line_chart = partial(lines_chart, hover="%{y:,.3~g} Mt")


def trend_chart(lesson: Lesson, indicator: str, from_to: bool = False) -> go.Figure | None:
    """The indicator over the lesson's years, with a title stating how the country's value
    moved (as "fell from a to b" with ``from_to``, which leaves the percentage change for
    an exercise to compute); None, with a note, without data."""
    ds, ind = lesson.ds, lesson.ds.indicator(indicator)
    own = series(lesson, indicator)
    if own.empty:
        lesson.skip(ind.label, no_data_reason(lesson, indicator))
        return None
    subject = TITLE_SUBJECTS.get(indicator, "{country} " + in_sentence(ind.label)).format(
        country=possessive(lesson.name))
    first, last = own.iloc[0], own.iloc[-1]
    unit_rest = fmt_quantity(last, ind.unit)[len(fmt_number(last, ind.unit)):]
    moved = (movement(first, last, ind.unit) if not from_to else
             f"{'rose' if last > first else 'fell'} from {precise(first, ind.unit)} to "
             f"{precise(last, ind.unit)}{unit_rest}")
    finding = trend_title(TREND_WORDS, subject, own, ind.unit,
                          lambda y0, y1: unsound(lesson, indicator, y0, y1), moved=moved)
    subtitle = f"{ind.label}: {lesson.name}, peers and the {group_label(lesson)}"
    if indicator in OLDER_SOURCES:
        subtitle += f"; {older_source_label(ds, indicator)}"
    median = group_series(lesson, indicator)
    fig = line_compare(country_panel(ds, indicator, lesson.codes, lesson.years),
                       lesson.country, lesson.peer_codes, median if len(median) else None,
                       title=title_with_subtitle(sentence_start(finding), subtitle),
                       unit=ind.unit, source=source(lesson, indicator), names=lesson.names,
                       group_label=group_label(lesson), indicator=ind.label)
    return marked(lesson, fig, indicator)


def trend(indicator: str, from_to: bool = False) -> Callable[[Lesson], go.Figure | None]:
    """A section function drawing :func:`trend_chart` of ``indicator`` for a lesson."""
    def chart(lesson: Lesson) -> go.Figure | None:
        return trend_chart(lesson, indicator, from_to)
    chart.__name__ = f"{indicator}_trend"
    return chart
