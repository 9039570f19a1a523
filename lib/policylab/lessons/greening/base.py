"""What the greening sections share: the lesson's series (read through
:mod:`policylab.metrics.emissions`), source lines, notes on missing data, and
:func:`trend_chart`, one indicator against the peers and the income group."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.charts.breaks import mark_breaks
from policylab.evidence.breaks import withheld
from policylab.i18n import N_, _
from policylab.lessons.common.trend import TrendWords, group_series, no_figure_reason, trend_title
from policylab.lessons.context import Lesson
from policylab.metrics.emissions import country_series
from policylab.metrics.greening_figures import country_panel
from policylab.narrative import fmt_year_range, missing_message
from policylab.narrative.changes import levels_moved, movement
from policylab.narrative.coverage import older_source_label
from policylab.pack.derived import recipe_inputs
from policylab.text import in_sentence, sentence_start

#: Older sources kept only where EDGAR has no equivalent; shown with their last year.
OLDER_SOURCES = ("cement_co2_mt",)
#: Titles for indicators whose label reads badly after a possessive ("Kenya's industry's").
TITLE_SUBJECTS = {
    "co2_industry_share": N_("Industry's share of {country.possessive} CO2 emissions"),
    "co2_industry_per_mva": N_("Industry's CO2 per unit of {country.possessive} manufacturing "
                               "value added"),
}


def trend_words() -> TrendWords:
    """The trend titles in the current language ("Kenya's CO2 emissions rose by ...")."""
    return TrendWords(one=_("{who} was {level} in {y1}"),
                      withheld=_("{who} was {level} in {y1}; no change is stated: {why}"),
                      moved=_("{who} {moved} between {y0} and {y1}"))


def series(lesson: Lesson, indicator: str, iso3: str | None = None) -> pd.Series:
    """One country's (default: the focus's) non-missing values in the lesson's years."""
    return country_series(lesson.ds, indicator, iso3 or lesson.country, lesson.years)


def no_data_reason(lesson: Lesson, indicator: str) -> str:
    """Why a section about ``indicator`` has nothing to show for the focus country."""
    label = in_sentence(lesson.ds.indicator(indicator).label)
    in_years = _("The pack has no figure on {indicator} for {years}").format(
        indicator=label, years=fmt_year_range(*lesson.years))
    return no_figure_reason(lesson, indicator, in_years,
                            missing_message(lesson.ds, indicator, lesson.country).text)


def skip_missing(lesson: Lesson, section: str, indicators: Iterable[str], fallback: str) -> None:
    """Skip ``section`` with the reasons of the indicators the focus lacks (else ``fallback``)."""
    missing = [i for i in indicators if series(lesson, i).empty]
    lesson.skip(section, " ".join(no_data_reason(lesson, i) for i in missing) or fallback)


def leaves(ds, indicator: str) -> list[str]:
    """The published series a derived indicator is computed from (itself when published),
    so that source lines name publishers and their codes rather than a recipe."""
    recipe = ds.indicator(indicator).recipe or {}
    parts = recipe_inputs(recipe, ("numerator", "denominator", "parts"))
    return [leaf for p in parts if p in ds.catalogue for leaf in leaves(ds, p)] or [indicator]


def source(lesson: Lesson, *indicators: str, note: str = "") -> str:
    """The chart's source line, naming the published series behind derived indicators (the
    chart wraps it by the one rule of ``charts.template.wrap_source``)."""
    return lesson.source(*(leaf for i in indicators for leaf in leaves(lesson.ds, i)), note=note)


def marked(lesson: Lesson, fig: go.Figure, *indicators: str) -> go.Figure:
    """``fig`` with the focus country's likely breaks and outliers of ``indicators`` marked."""
    names = {i: f"{lesson.name}, {in_sentence(lesson.ds.indicator(i).label.split(' (')[0])}"
             for i in indicators}
    return mark_breaks(fig, lesson.ds, indicators, lesson.country, names, years=lesson.years)


def group_label(lesson: Lesson) -> str:
    return _("{group} median").format(group=lesson.income_group)


def trend_chart(lesson: Lesson, indicator: str, from_to: bool = False) -> go.Figure | None:
    """The indicator over the lesson's years, against peers and the group median, with a
    title stating how the country's value moved ("fell from a to b" with ``from_to``, which
    leaves the percentage change for an exercise); None, with a note, without data."""
    ds, ind = lesson.ds, lesson.ds.indicator(indicator)
    own = series(lesson, indicator)
    if own.empty:
        lesson.skip(ind.label, no_data_reason(lesson, indicator))
        return None
    template = TITLE_SUBJECTS.get(indicator)
    subject = (_(template).format(country=lesson.name) if template else
               _("{country.possessive} {indicator}").format(country=lesson.name,
                                                   indicator=in_sentence(ind.label)))
    moved = (levels_moved if from_to else movement)(own.iloc[0], own.iloc[-1], ind.unit)
    finding = trend_title(trend_words(), subject, own, ind.unit,
                          lambda y0, y1: withheld(ds, indicator, lesson.country, y0, y1),
                          moved=moved)
    subtitle = _("{indicator}: {country}, peers and the {group} median").format(
        indicator=ind.label, country=lesson.name, group=lesson.income_group)
    if indicator in OLDER_SOURCES:
        subtitle = _("{subtitle}; {older_source}").format(
            subtitle=subtitle, older_source=older_source_label(ds, indicator))
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
