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
from policylab.i18n import N_, _, current_language, pgettext
from policylab.lessons.common.trend import TrendWords, group_series, no_figure_reason, trend_title
from policylab.lessons.context import Lesson
from policylab.metrics.decoupling import percent_change
from policylab.metrics.emissions import country_series
from policylab.metrics.greening_figures import country_panel, data_end
from policylab.narrative import fmt_number, fmt_quantity, fmt_year_range, missing_message
from policylab.narrative.format import ordinal
from policylab.text import decimals_for, format_value, in_sentence, sentence_start

#: Characters per line of a chart's source line (about the width of a laptop-sized chart).
SOURCE_WRAP = 125
#: Older sources kept only where EDGAR has no equivalent; shown with their last year.
OLDER_SOURCES = ("cement_co2_mt",)
#: Titles for indicators whose label reads badly after a possessive ("Kenya's industry's").
TITLE_SUBJECTS = {
    "co2_industry_share": N_("Industry's share of {country.possessive} CO2 emissions"),
    "co2_industry_per_mva": N_("Industry's CO2 per unit of {country.possessive} manufacturing "
                               "value added"),
}


def trend_words() -> TrendWords:
    """The trend titles (``common.trend``) in the current language: "Kenya's CO2 emissions
    rose by 12.3% to 18.5 million tonnes between 2000 and 2024"."""
    return TrendWords(one=_("{who} was {level} in {y1}"),
                      withheld=_("{who} was {level} in {y1}; no change is stated: {why}"),
                      moved=_("{who} {moved} between {y0} and {y1}"))


def rank_words(percentile: float) -> str:
    """A percentile's rank as its sentence needs it: "14th" ("14th percentile"), "14e"
    ("14e centile"), "14" ("percentil 14")."""
    rank = round(percentile)
    language = current_language()
    if language == "fr":
        return "1er" if rank == 1 else f"{rank}e"
    return str(rank) if language == "es" else ordinal(rank)


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
    return _("{group} median").format(group=lesson.income_group)


def older_source_label(ds, indicator: str) -> str:
    """"CO2 emissions from cement (Our World in Data) end in 2018", for a subtitle."""
    end = data_end(ds, indicator)
    publisher = ds.indicator(indicator).source.split(",")[0]
    what = in_sentence(ds.indicator(indicator).label)
    if end is None:
        return _("no {indicator} in this pack").format(indicator=what)
    return _("{indicator} ({publisher}) end in {year}").format(indicator=what,
                                                               publisher=publisher, year=end)


def coverage_note(lesson: Lesson, indicators: Iterable[str]) -> str:
    """Markdown: for each indicator, the last year in this pack and the focus country's
    latest year, so that a method box can say how old the data are."""
    lines = []
    for ind in (lesson.ds.indicator(i) for i in indicators if i in lesson.ds.catalogue):
        end = data_end(lesson.ds, ind.id)
        own = lesson.ds.latest(ind.id, lesson.country)
        lines.append(coverage_line(lesson, ind.label, end, own.year))
    return _("**Data coverage in this pack.**") + "\n\n" + "\n".join(lines)


def coverage_line(lesson: Lesson, label: str, end: int | None, own: int | None) -> str:
    """One line of :func:`coverage_note`."""
    if end is None:
        return _("- *{indicator}*: not in this data pack.").format(indicator=label)
    if own is None:
        return _("- *{indicator}*: data in this pack end in {end}; no figure for "
                 "{country}.").format(indicator=label, end=end, country=lesson.name)
    return _("- *{indicator}*: data in this pack end in {end}; {country.Possessive} latest figure "
             "is from {year}.").format(indicator=label, end=end, country=lesson.name,
                                    year=own)


def precise(value: float, unit: str | None = None, *compared: float) -> str:
    """A value below 1 with one decimal more than the shared rule (0.0774, not 0.077), so
    that a small intensity's change shows and can be recomputed in an exercise. Values
    read against each other (``compared``: the other end of a change) take the same
    decimals, the finest of them: 0.0921 and 0.0995, not 0.0921 and 0.100."""
    places = max(decimals_for(v) + (1 if 0 < abs(v) < 1 else 0) for v in (value, *compared))
    return fmt_number(value, unit or "", decimals=places)


def change_words(change: float, rose: str, fell: str, same: str, **fields: object) -> str:
    """One of three translated templates for a % change ("rose", "fell", or "did not
    change" when it reads as 0%), filled with the change's size (``{change}``) and
    ``fields``."""
    size = format_value(abs(change), "%")
    if not any(digit in size for digit in "123456789"):
        return same.format(change=size, **fields)
    return (rose if change > 0 else fell).format(change=size, **fields)


def rose_or_fell(first: str, last: str, rising: bool) -> str:
    """"rose from a to b" / "fell from a to b" (numbers already written)."""
    return (_("rose from {first} to {last}") if rising else
            _("fell from {first} to {last}")).format(first=first, last=last)


def movement(first: float, last: float, unit: str) -> str:
    """"rose by 12.3% to 5.6 t" (levels) or "fell from 20.1% to 18.4%" (shares)."""
    if unit.startswith("%"):
        a, b = fmt_number(first, unit), fmt_number(last, unit)
        return _("stayed at {level}").format(level=b) if a == b else \
            rose_or_fell(a, b, last > first)
    change, level = percent_change(first, last), fmt_quantity(last, unit)
    if change != change:  # NaN: no percentage from a zero
        return _("went from {first} to {last}").format(first=fmt_quantity(first, unit),
                                                       last=level)
    return change_words(change, _("rose by {change} to {level}"),
                        _("fell by {change} to {level}"), _("was unchanged at {level}"),
                        level=level)


def tonnes(million_tonnes: float, gas: str = "CO2") -> str:
    """"18.5 million tonnes CO2" or, for small emitters, "9,800 tonnes CO2"."""
    number = fmt_number(million_tonnes * 1e6, f"tonnes {gas}")
    if any(ch.isalpha() for ch in number):  # "18.5 million": French and Spanish add "de"
        return pgettext("after million", "{number} tonnes {gas}").format(number=number, gas=gas)
    return _("{number} tonnes {gas}").format(number=number, gas=gas)


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
    template = TITLE_SUBJECTS.get(indicator)
    subject = (_(template).format(country=lesson.name) if template else
               _("{country.possessive} {indicator}").format(country=lesson.name,
                                                   indicator=in_sentence(ind.label)))
    first, last = own.iloc[0], own.iloc[-1]
    unit_rest = fmt_quantity(last, ind.unit)[len(fmt_number(last, ind.unit)):]
    moved = (movement(first, last, ind.unit) if not from_to else
             rose_or_fell(precise(first, ind.unit, last),
                          f"{precise(last, ind.unit, first)}{unit_rest}",
                          last > first))
    finding = trend_title(trend_words(), subject, own, ind.unit,
                          lambda y0, y1: unsound(lesson, indicator, y0, y1), moved=moved)
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
