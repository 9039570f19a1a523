"""The greening lesson (notebook ``01_greening``): how much CO2 and other greenhouse gases an
economy emits, per person and per unit of output, how much of its CO2 comes from industry
(with the power sector beside it), how green its energy is, whether emissions have
decoupled from output, and what a steady cut in emission intensity would do from the
latest year of data on.

Every section function takes the :class:`~policylab.lessons.context.Lesson` and returns a
plotly figure, a table or a key message; when the data are missing it records an honest
note with ``lesson.skip`` and returns None, so that every country runs the notebook. The
lesson reads the data pack only (``lesson.ds``), never the raw files.

Methods (each stated again in the notebook's method boxes):

- emissions are EDGAR's (European Commission JRC) through the World Bank's WDI, to 2024:
  CO2 total, per person, per unit of PPP GDP, all greenhouse gases; industry's own CO2 is
  industrial combustion (``IC``) + industrial processes (``IP``); the power industry
  (``PI``) is shown beside it, not inside it. Older sources appear only where EDGAR has no
  equivalent (cement CO2, OWID, to 2018), always with their last year;
- decoupling compares the change of CO2 emissions with the change of real GDP between the
  first and last year both are known, real GDP chained from WDI's yearly real growth so
  that it reaches the latest emissions year (:mod:`policylab.metrics.decoupling`);
- the what-if is an identity, emissions = GDP x (emissions / GDP), from the latest year
  with emissions data: GDP grows at the country's own average real growth of the last
  ``GROWTH_WINDOW_YEARS`` years, emission intensity falls by a chosen share each year
  (:mod:`policylab.metrics.emissions_path`).
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown, display

from policylab.cases import CHALLENGE_FLAGS, case_markdown
from policylab.charts import bar_compare, line_compare, stacked_area, title_with_subtitle
from policylab.charts.template import (
    FOCUS_COLOUR,
    FOCUS_WIDTH,
    GROUP_COLOUR,
    GROUP_WIDTH,
    OTHER_COLOUR,
    PEER_WIDTH,
    axis_title,
    new_figure,
    peer_colour,
)
from policylab.display import show_table
from policylab.errors import PolicylabError
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.profile import group_medians
from policylab.metrics.decoupling import (  # noqa: F401  (statuses re-exported for tests)
    ABSOLUTE,
    DECOUPLING_RULE,
    DECOUPLING_STATUSES,
    NO_DECOUPLING,
    RELATIVE,
    Decoupling,
    chained_index,
    classify_decoupling,
    decouple,
    percent_change,
)
from policylab.metrics.emissions_path import WhatIf, average_growth
from policylab.narrative import (
    KeyMessage,
    change_message,
    fmt_number,
    fmt_quantity,
    level_vs_group_message,
    missing_message,
)
from policylab.peers import latest_values, peer_median
from policylab.results import FLAG_RULES

NOTEBOOK = "01_greening"
MEGATREND = "green"
#: The figures the results file reports (DESIGN §9) and the forum synthesis compares.
HEADLINE_IDS = ("co2_per_gdp", "co2_per_capita", "renewable_share_electricity",
                "energy_intensity", "co2_industry_share")
#: The headline indicators that a challenge rule (``results.FLAG_RULES``) is about.
FLAG_INDICATORS = tuple(dict.fromkeys(r.indicator for r in FLAG_RULES
                                      if r.indicator in HEADLINE_IDS))
#: Industry's own CO2 (EDGAR, through WDI) and the power sector beside it, in stacking order.
CO2_PARTS = {"co2_industry_processes_mt": "Industrial processes",
             "co2_industry_combustion_mt": "Fuel burnt in industry",
             "co2_power_mt": "Power industry (electricity and heat)"}
INDUSTRY_IDS = ("co2_industry_processes_mt", "co2_industry_combustion_mt")
#: Older sources kept only where EDGAR has no equivalent; shown with their last year.
OLDER_SOURCES = ("cement_co2_mt",)
#: Older series that EDGAR now covers (Climate Watch sectors, to 2018): not offered at all.
SUPERSEDED = ("ghg_industry_mt", "ghg_manuf_construction_mt")
#: Every indicator the lesson reads (coverage notes, sources table, cached table).
COVERED = ("co2_mt", "co2_per_capita", "co2_per_gdp", "ghg_total_mt", *CO2_PARTS,
           "co2_industry_mt", "co2_industry_share", "co2_industry_per_mva", *OLDER_SOURCES,
           "energy_intensity", "renewable_share_energy", "renewable_share_electricity",
           "mva_const_usd", "gdp_growth")
#: The indicators of the emissions coverage note (section 1).
EMISSION_IDS = ("co2_mt", "co2_per_capita", "co2_per_gdp", "ghg_total_mt", "co2_industry_mt",
                "co2_power_mt", *OLDER_SOURCES)
#: The what-if's GDP growth is the average real growth of this many latest years.
GROWTH_WINDOW_YEARS = 10
#: Fewer yearly growth figures than this in the window make the average too fragile to use.
MIN_GROWTH_YEARS = 5
#: The learner's default what-if: CO2 per unit of GDP falls by this share every year.
DEFAULT_IMPROVEMENT = 0.03
DEFAULT_UNTIL_YEAR = 2035
#: Characters per line of a chart's source line (about the width of a laptop-sized chart).
SOURCE_WRAP = 125
#: Real GDP for decoupling: an index chained from WDI's yearly real growth (to the latest year).
OUTPUT_ID = "gdp_growth"
OUTPUT_LABEL = "real GDP"

# --------------------------------------------------------------------- wording helpers
def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _subject(label: str) -> str:
    """A catalogue label inside a sentence: lower-case first letter unless an acronym."""
    first = label.split(" ")[0]
    if any(ch.isupper() or ch.isdigit() for ch in first[1:]):
        return label
    return label[:1].lower() + label[1:]


def _signed_percent(change: float) -> str:
    text = fmt_number(abs(change), "%")
    return text if text == "0%" else ("+" if change > 0 else "\u2212") + text


def _change_words(change: float) -> str:
    """"rose 118.8%" / "fell 15.7%" / "did not change" for a % change."""
    size = fmt_number(abs(change), "%")
    return "did not change" if size == "0%" else \
        f"{'rose' if change > 0 else 'fell'} {size}"


def _movement(first: float, last: float, unit: str) -> str:
    """"rose by 12.3%" (levels) or "fell from 20.1% to 18.4%" (shares, in points)."""
    if unit.startswith("%"):
        if fmt_number(first, unit) == fmt_number(last, unit):
            return f"stayed at {fmt_number(last, unit)}"
        verb = "rose" if last > first else "fell"
        return f"{verb} from {fmt_number(first, unit)} to {fmt_number(last, unit)}"
    change = percent_change(first, last)
    if math.isnan(change):
        return f"went from {fmt_quantity(first, unit)} to {fmt_quantity(last, unit)}"
    if fmt_number(abs(change), "%") == "0%":
        return f"was unchanged at {fmt_quantity(last, unit)}"
    verb = "rose" if change > 0 else "fell"
    return f"{verb} by {fmt_number(abs(change), '%')} to {fmt_quantity(last, unit)}"


# --------------------------------------------------------------------- data helpers
@functools.lru_cache(maxsize=2)
def _lesson_tables(ds) -> dict[str, pd.DataFrame]:
    """Per country, the values of the indicators this lesson reads (``COVERED``): index
    year, one column each. Built once per data pack, because each section reads several
    series for several countries and the batch runs every country in one process."""
    frames = [ds.series(i).assign(indicator=i) for i in COVERED if i in ds.catalogue]
    long = pd.concat(frames, ignore_index=True).dropna(subset=["value"])
    wide = long.pivot_table(index=["iso3", "year"], columns="indicator", values="value",
                            aggfunc="first")
    return {str(iso3): table.droplevel("iso3").sort_index()
            for iso3, table in wide.groupby(level="iso3")}


def _country_series(lesson: Lesson, indicator: str, iso3: str | None = None) -> pd.Series:
    """One country's (default: the focus's) non-missing values in the lesson's years."""
    iso3 = iso3 or lesson.country
    if indicator not in COVERED:
        rows = lesson.ds.series(indicator, iso3, lesson.years).dropna(subset=["value"])
        return rows.set_index("year")["value"].astype(float)
    table = _lesson_tables(lesson.ds).get(iso3)
    if table is None or indicator not in table.columns:
        return pd.Series(dtype=float, index=pd.Index([], name="year", dtype="int64"))
    values = table[indicator].dropna().astype(float)
    first, last = lesson.years
    return values[(values.index >= first) & (values.index <= last)]


def _panel(lesson: Lesson, indicator: str) -> pd.DataFrame:
    """Wide table (index year, one column per country of the lesson) of one indicator."""
    panel = pd.DataFrame({code: _country_series(lesson, indicator, code)
                          for code in lesson.codes})
    panel.index.name, panel.columns.name = "year", "iso3"
    return panel.dropna(axis=1, how="all")


def _own_series(lesson: Lesson, indicator: str) -> pd.Series:
    """The focus country's non-missing values inside the lesson's years, by year."""
    return _country_series(lesson, indicator)


def _no_data_reason(lesson: Lesson, indicator: str) -> str:
    """Why a section about ``indicator`` has nothing to show for the focus country."""
    ds = lesson.ds
    latest = ds.latest(indicator, lesson.country)
    if latest.year is None:
        return missing_message(ds, indicator, lesson.country).text
    ind = ds.indicator(indicator)
    first, last = lesson.years
    return (f"The pack has no figure on {_subject(ind.label)} for {first}–{last}; the latest "
            f"is {fmt_quantity(latest.value, ind.unit)} from {latest.year}.")


def _income_group_medians(ds, indicator: str) -> pd.DataFrame:
    """Income-group medians of one indicator by year, computed once per data pack and
    indicator (the batch runs this notebook for every country in one process), without
    the years in which too few members report for a median to mean anything."""
    return group_medians(ds, indicator, "income_group")


def _group_median(lesson: Lesson, indicator: str) -> pd.Series | None:
    """The median of the focus country's income group, by year, inside the lesson's years."""
    medians = _income_group_medians(lesson.ds, indicator)
    first, last = lesson.years
    mine = medians[(medians["group"] == lesson.income_group)
                   & medians["year"].between(first, last)]
    return None if mine.empty else mine.set_index("year")["value"]


def _source(lesson: Lesson, *indicators: str, note: str = "") -> str:
    """The lesson's source line, wrapped: chart annotations do not wrap by themselves and
    a long line runs off the figure."""
    return "<br>".join(textwrap.wrap(lesson.source(*indicators, note=note), SOURCE_WRAP))


def _base(lesson: Lesson, indicator: str) -> list[str]:
    """The catalogue series a derived indicator is computed from (itself when published),
    so that source lines name publishers and their codes rather than a recipe."""
    parts = _recipe_parts(lesson.ds, indicator)
    return [b for part in parts for b in _base(lesson, part)] or [indicator]


def _recipe_parts(ds, indicator: str) -> list[str]:
    """The catalogue indicators a derived indicator is computed from (none when measured)."""
    recipe = ds.indicator(indicator).recipe or {}
    parts = [v for k, v in recipe.items() if k in ("numerator", "denominator")]
    parts += list(recipe.get("parts") or [])
    return [p for p in parts if isinstance(p, str) and p in ds.catalogue]


def _group_label(lesson: Lesson) -> str:
    return f"{lesson.income_group} median"


def _ratio_long(lesson: Lesson, numerator: str, denominator: str,
                countries: Iterable[str]) -> pd.DataFrame:
    """``iso3, year, value`` of numerator / denominator x 100 where both are known."""
    frames = []
    for code in countries:
        ratio = 100.0 * (_country_series(lesson, numerator, code)
                         / _country_series(lesson, denominator, code)[lambda v: v > 0])
        ratio = ratio.dropna()
        frames.append(pd.DataFrame({"iso3": code, "year": ratio.index, "value": ratio.values}))
    return pd.concat(frames, ignore_index=True)


def _data_end(ds, indicator: str) -> int | None:
    """The last year any country (not aggregate) has ``indicator`` in this pack."""
    rows = ds.series(indicator, list(ds.countries().index)).dropna(subset=["value"])
    return None if rows.empty else int(rows["year"].max())


# --------------------------------------------------------------------- trends over time
#: Titles for indicators whose label reads badly after a possessive ("Kenya's industry's").
TITLE_SUBJECTS = {
    "co2_industry_share": "Industry's share of {country} CO2 emissions",
    "co2_industry_per_mva": "Industry's CO2 per unit of {country} manufacturing value added",
}


def _small(value: float, unit: str) -> str:
    """A number with three significant digits when below 1 (0.0774, not 0.08), so that a
    small intensity's change stays visible; the usual format otherwise."""
    if value == 0 or abs(value) >= 1 or math.isnan(value):
        return fmt_number(value, unit)
    return fmt_number(value, unit, decimals=2 - math.floor(math.log10(abs(value))))


def trend_chart(lesson: Lesson, indicator: str, from_to: bool = False) -> go.Figure | None:
    """The indicator over the lesson's years: the country, its peers and the median of its
    income group, with a title stating how the country's value moved (as "fell from a to
    b" with ``from_to``, which leaves the percentage change for an exercise to compute)."""
    ds = lesson.ds
    ind = ds.indicator(indicator)
    own = _own_series(lesson, indicator)
    if own.empty:
        lesson.skip(ind.label, _no_data_reason(lesson, indicator))
        return None
    panel = _panel(lesson, indicator)
    subject = TITLE_SUBJECTS.get(indicator, "{country} " + _subject(ind.label)).format(
        country=_possessive(lesson.name))
    if len(own) == 1:
        finding = f"{subject} was {fmt_quantity(own.iloc[0], ind.unit)} in {own.index[0]}"
    else:
        first, last = own.iloc[0], own.iloc[-1]
        unit_rest = fmt_quantity(last, ind.unit)[len(fmt_number(last, ind.unit)):]
        moved = (_movement(first, last, ind.unit) if not from_to else
                 f"{'rose' if last > first else 'fell'} from {_small(first, ind.unit)} to "
                 f"{_small(last, ind.unit)}{unit_rest}")
        finding = f"{subject} {moved} between {own.index[0]} and {own.index[-1]}"
    finding = finding[:1].upper() + finding[1:]
    subtitle = f"{ind.label}: {lesson.name}, peers and the {_group_label(lesson)}"
    if indicator in OLDER_SOURCES:
        subtitle += f"; {older_source_label(ds, indicator)}"
    return line_compare(panel, lesson.country, lesson.peer_codes, _group_median(lesson, indicator),
                        title=title_with_subtitle(finding, subtitle), unit=ind.unit,
                        source=_source(lesson, *_base(lesson, indicator)), names=lesson.names,
                        group_label=_group_label(lesson))


def intensity_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 emitted per unit of GDP (the catalogue's unit: kg per 2021 PPP $), against peers
    and group; the title gives the levels, and the exercise asks for the percentage
    change."""
    return trend_chart(lesson, "co2_per_gdp", from_to=True)


def energy_intensity_chart(lesson: Lesson) -> go.Figure | None:
    """Primary energy per unit of GDP, against peers and group."""
    return trend_chart(lesson, "energy_intensity")


def renewable_electricity_chart(lesson: Lesson) -> go.Figure | None:
    """Renewable share of electricity output, against peers and group."""
    return trend_chart(lesson, "renewable_share_electricity")


def renewable_energy_chart(lesson: Lesson) -> go.Figure | None:
    """Renewable share of final energy use, against peers and group."""
    return trend_chart(lesson, "renewable_share_energy")


def mva_intensity_chart(lesson: Lesson) -> go.Figure | None:
    """Industry's own CO2 per unit of manufacturing value added (constant prices; a proxy
    for SDG indicator 9.4.1), against peers and group."""
    return trend_chart(lesson, "co2_industry_per_mva")


# --------------------------------------------------------------------- per person
def per_capita_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 per person in the country's latest year: the country and its peers as bars,
    the income group's median as a dashed line."""
    ds = lesson.ds
    indicator = "co2_per_capita"
    ind = ds.indicator(indicator)
    own = ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    if own.year is None:
        lesson.skip(ind.label, _no_data_reason(lesson, indicator))
        return None
    values = latest_values(ds, indicator, lesson.codes, year=own.year)
    peers = values.drop(index=lesson.country, errors="ignore")["value"]
    median = _latest_group_median(ds, indicator, lesson.income_group, own.year)
    if peers.empty:
        comparison = "no peer has a figure to compare"
    else:
        above = int((peers < own.value).sum())
        if above == len(peers):
            comparison = (f"more than all {len(peers)} of its peers with data" if above > 1
                          else "more than its one peer with data")
        elif above == 0:
            comparison = f"less than {'all ' if len(peers) > 1 else ''}its peers with data"
        else:
            comparison = f"more than {above} of its {len(peers)} peers with data"
    finding = (f"{lesson.name} emitted {fmt_quantity(own.value, ind.unit)} in {own.year}, "
               f"{comparison}")
    subtitle = (f"{ind.label}, latest year up to {own.year}; dashed line: "
                f"{_group_label(lesson)}")
    fig = bar_compare(values["value"], lesson.country, lesson.peer_codes,
                      title=title_with_subtitle(finding, subtitle), unit=ind.unit,
                      source=_source(lesson, indicator), years=values["year"], names=lesson.names)
    if not math.isnan(median):
        fig.add_vline(x=median, line_dash="dash", line_color=GROUP_COLOUR,
                      line_width=GROUP_WIDTH)
        fig.add_annotation(x=median, y=1, xref="x", yref="paper", yanchor="bottom",
                           showarrow=False, text=f"{_group_label(lesson)}: "
                           f"{fmt_number(median, ind.unit)}", font={"color": GROUP_COLOUR})
    return fig


@functools.lru_cache(maxsize=32)
def _latest_group_median(ds, indicator: str, income_group: str, year: int) -> float:
    """Median of the income group's latest values in the window up to ``year``."""
    countries = ds.countries()
    members = countries.index[countries["income_group"] == income_group]
    return float(latest_values(ds, indicator, members, year=year)["value"].median())


# --------------------------------------------------------------------- decoupling
def real_output_index(lesson: Lesson, iso3: str | None = None) -> pd.Series:
    """Real GDP of ``iso3`` (default: the focus) as an index chained from WDI's yearly real
    growth (``NY.GDP.MKTP.KD.ZG``) over the lesson's years: it reaches the latest year of
    growth data, where the constant-price level series in the pack stops earlier."""
    return chained_index(_country_series(lesson, OUTPUT_ID, iso3))


def decoupling(lesson: Lesson, country: str | None = None) -> Decoupling | None:
    """The decoupling of CO2 (``co2_mt``) from real GDP for ``country`` (default: the
    focus) over the lesson's years, up to the latest year both are known; None when fewer
    than two common years exist."""
    iso3 = country or lesson.country
    return decouple(iso3, _country_series(lesson, "co2_mt", iso3),
                    real_output_index(lesson, iso3), OUTPUT_LABEL)


def decoupling_chart(lesson: Lesson) -> go.Figure | None:
    """CO2 emissions, real GDP and (where known) real manufacturing value added as indices,
    first common year = 100, with the changes (not the status) in the title."""
    result = decoupling(lesson)
    section = "Decoupling of emissions from output"
    if result is None:
        missing = [i for i in ("co2_mt", OUTPUT_ID) if _own_series(lesson, i).empty]
        reason = (" ".join(_no_data_reason(lesson, i) for i in missing) if missing else
                  "CO2 emissions and real GDP are not both known in two or more years.")
        lesson.skip(section, reason)
        return None
    y0, y1 = result.first_year, result.last_year
    mva = _own_series(lesson, "mva_const_usd").loc[y0:y1]
    mva_label = "Real manufacturing value added"
    if not mva.empty and int(mva.index[-1]) < y1:
        mva_label += f" (data to {int(mva.index[-1])})"
    lines = {
        "gdp": ("Real GDP", GROUP_COLOUR, GROUP_WIDTH, real_output_index(lesson)),
        "mva": (mva_label, peer_colour(0), PEER_WIDTH, mva),
        "co2": ("CO2 emissions", FOCUS_COLOUR, FOCUS_WIDTH, _own_series(lesson, "co2_mt")),
    }
    finding = (f"{_possessive(lesson.name)} real GDP {_change_words(result.output_change)} "
               f"and its CO2 emissions {_change_words(result.emissions_change)}, {y0}–{y1}")
    subtitle = (f"Index, {y0} = 100; real GDP chained from yearly real growth, "
                "manufacturing at constant 2015 prices")
    fig = new_figure(title_with_subtitle(finding, subtitle), _source(
        lesson, "co2_mt", OUTPUT_ID, "mva_const_usd",
        note="Real GDP index = product of (1 + growth / 100) from the first year."))
    for label, colour, width, series in lines.values():
        series = series.loc[y0:y1]
        if series.empty or y0 not in series.index or not series[y0] > 0:
            continue
        index = 100.0 * series / series[y0]
        fig.add_trace(go.Scatter(x=index.index, y=index.to_numpy(), name=label,
                                 mode="lines+markers",
                                 line={"color": colour, "width": width},
                                 marker={"size": width + 2.5, "color": colour},
                                 hovertemplate=f"{label}: %{{y:.1f}}<extra></extra>"))
    fig.add_hline(y=100, line_color="#888888", line_width=1)
    fig.update_layout(hovermode="x unified", yaxis_title=axis_title("Index", f"{y0} = 100"))
    fig.update_xaxes(tickformat="d")
    return fig


def decoupling_table(lesson: Lesson) -> pd.DataFrame | None:
    """Decoupling of CO2 from real GDP for the country and each peer (own years each)."""
    rows = []
    for code in lesson.codes:
        result = decoupling(lesson, code)
        if result is None:
            continue
        rows.append({"Country": lesson.names[code], "First year": result.first_year,
                     "Last year": result.last_year,
                     "Real GDP change (%)": result.output_change,
                     "CO2 change (%)": result.emissions_change})
    if not rows:
        lesson.skip("Decoupling table", "Neither the country nor its peers have CO2 "
                    "emissions and real GDP in two or more common years.")
        return None
    return pd.DataFrame(rows).set_index("Country")


#: How :func:`show_decoupling_table` prints the changes: one decimal, with a sign.
DECOUPLING_FORMATS = {"Real GDP change (%)": "{:+.1f}", "CO2 change (%)": "{:+.1f}"}


def show_decoupling_table(lesson: Lesson) -> None:
    """:func:`decoupling_table` as a captioned table (nothing, with a note, without data)."""
    table = decoupling_table(lesson)
    if table is None:
        return
    show_table(table, "Change in real GDP and in CO2 emissions, first and last year with both",
               lesson.source("co2_mt", OUTPUT_ID), DECOUPLING_FORMATS)


def decoupling_message(lesson: Lesson) -> KeyMessage:
    """The decoupling finding as a sentence."""
    result = decoupling(lesson)
    if result is None:
        return KeyMessage(f"Whether {_possessive(lesson.name)} CO2 emissions have decoupled "
                          "from its output cannot be judged: the pack lacks CO2 emissions or "
                          "real GDP for two common years.", "co2_mt", {})
    text = (f"Between {result.first_year} and {result.last_year}, {_possessive(lesson.name)} "
            f"real GDP changed by {_signed_percent(result.output_change)} and its CO2 "
            f"emissions by {_signed_percent(result.emissions_change)}: {result.status}.")
    return KeyMessage(text, "co2_mt", {"first_year": result.first_year,
                                       "last_year": result.last_year,
                                       "output_change": result.output_change,
                                       "emissions_change": result.emissions_change,
                                       "status": result.status})


# --------------------------------------------------------------------- industry emissions
REST_LABEL = "Rest of the economy (transport, buildings, other)"


def industry_emissions(lesson: Lesson) -> pd.DataFrame:
    """The focus country's CO2 (million tonnes, EDGAR) split into industrial processes,
    fuel burnt in industry, the power industry and the rest of the total; only years in
    which all are known."""
    columns = {i: _own_series(lesson, i) for i in [*CO2_PARTS, "co2_mt"]}
    frame = pd.DataFrame(columns).dropna()
    frame[REST_LABEL] = (frame["co2_mt"] - frame[list(CO2_PARTS)].sum(axis=1)).clip(lower=0)
    frame = frame.drop(columns="co2_mt").rename(columns=CO2_PARTS)
    frame.index.name = "year"
    return frame[frame.sum(axis=1) > 0]


def _shares(lesson: Lesson, year: int) -> tuple[float, float]:
    """Industry's share of CO2 (the pack's ``co2_industry_share``) and the power
    industry's share (``co2_power_mt`` / ``co2_mt`` x 100) in ``year``, in %."""
    industry = _own_series(lesson, "co2_industry_share").get(year, float("nan"))
    total = _own_series(lesson, "co2_mt").get(year, float("nan"))
    power = _own_series(lesson, "co2_power_mt").get(year, float("nan"))
    return float(industry), (100.0 * power / total if total > 0 else float("nan"))


def industry_emissions_chart(lesson: Lesson) -> go.Figure | None:
    """Stacked CO2 by source, with industry's share of the total and the power sector's
    in the title."""
    frame = industry_emissions(lesson)
    share = _own_series(lesson, "co2_industry_share")
    if frame.empty or share.empty:
        missing = [i for i in [*CO2_PARTS, "co2_mt"] if _own_series(lesson, i).empty]
        lesson.skip("CO2 from industry", " ".join(
            _no_data_reason(lesson, i) for i in missing) or
            "Industry's and total CO2 emissions are never known in the same year.")
        return None
    y1 = int(share.index[-1])
    industry, power = _shares(lesson, y1)
    finding = (f"Industry's own CO2 was {fmt_number(industry, '%')} of "
               f"{_possessive(lesson.name)} CO2 emissions in {y1}")
    if len(share) > 1:
        finding += f", against {fmt_number(share.iloc[0], '%')} in {int(share.index[0])}"
    if not math.isnan(power):
        finding += f"; power plants emitted another {fmt_number(power, '%')}"
    subtitle = ("CO2 by source, million tonnes; industry = fuel burnt in industry + "
                "industrial processes; the power industry is shown beside it")
    fig = stacked_area(frame, title=title_with_subtitle(finding, subtitle),
                       unit="million tonnes CO2", source=_source(
                           lesson, *CO2_PARTS, "co2_mt",
                           note="Rest of the economy = total CO2 minus the three parts."))
    fig.update_traces(selector={"name": REST_LABEL}, fillcolor=OTHER_COLOUR,
                      line={"color": OTHER_COLOUR})
    fig.update_yaxes(tickformat=",~g")  # "12,000", not the SI "12k" of million tonnes
    return fig


def industry_share_chart(lesson: Lesson) -> go.Figure | None:
    """Industry's share of CO2 emissions over time, against peers and group."""
    return trend_chart(lesson, "co2_industry_share")


def industry_message(lesson: Lesson) -> KeyMessage:
    """Industry's share of CO2 in the latest year (the pack's ``co2_industry_share``), its
    tonnes, and the power industry's share beside it."""
    share = _own_series(lesson, "co2_industry_share")
    if share.empty:
        return missing_message(lesson.ds, "co2_industry_share", lesson.country)
    year = int(share.index[-1])
    industry, power = _shares(lesson, year)
    tonnes = float(_own_series(lesson, "co2_industry_mt").get(year, float("nan")))
    values = {"share": industry, "year": year, "industry_mt": tonnes, "power_share": power}
    text = (f"Industry (fuel burnt in industry and industrial processes) emitted "
            f"{fmt_number(industry, '%')} of {_possessive(lesson.name)} CO2 in {year}"
            + (f", {_tonnes(tonnes)}" if not math.isnan(tonnes) else ""))
    if not math.isnan(power):
        text += (f"; the power industry, whose electricity factories also use, emitted "
                 f"another {fmt_number(power, '%')}")
    return KeyMessage(text + ".", "co2_industry_share", values)


def emissions_chart(lesson: Lesson) -> go.Figure | None:
    """The focus country's CO2 emissions and all its greenhouse gases (million tonnes,
    EDGAR) over the lesson's years, with the latest levels in the title."""
    co2, ghg = _own_series(lesson, "co2_mt"), _own_series(lesson, "ghg_total_mt")
    if co2.empty:
        lesson.skip("CO2 and greenhouse-gas emissions", _no_data_reason(lesson, "co2_mt"))
        return None
    y1 = int(co2.index[-1])
    finding = f"{lesson.name} emitted {_tonnes(co2.iloc[-1])} in {y1}"
    if y1 in ghg.index:
        finding += f" and {_tonnes(ghg[y1], 'CO2e')} of all greenhouse gases"
    change = percent_change(co2.iloc[0], co2.iloc[-1])
    if len(co2) > 1 and not math.isnan(change):
        finding += f"; its CO2 {_change_words(change)} since {int(co2.index[0])}"
    subtitle = ("Million tonnes; all greenhouse gases in CO2 equivalents (100-year warming "
                "potentials, IPCC AR5); land use and forestry excluded")
    fig = new_figure(title_with_subtitle(finding, subtitle),
                     _source(lesson, "co2_mt", "ghg_total_mt"))
    for series, name, colour, width in (
            (ghg, lesson.ds.indicator("ghg_total_mt").label, GROUP_COLOUR, GROUP_WIDTH),
            (co2, lesson.ds.indicator("co2_mt").label, FOCUS_COLOUR, FOCUS_WIDTH)):
        if series.empty:
            continue
        fig.add_trace(go.Scatter(x=series.index, y=series.to_numpy(), name=name, mode="lines",
                                 line={"color": colour, "width": width},
                                 hovertemplate=f"{name}: %{{y:,.3~g}} Mt<extra></extra>"))
    fig.update_layout(hovermode="x unified",
                      yaxis_title=axis_title("Emissions", "million tonnes"),
                      yaxis_tickformat=",~g", yaxis_rangemode="tozero")
    fig.update_xaxes(tickformat="d")
    return fig


# --------------------------------------------------------------------- cement
def cement_share_chart(lesson: Lesson) -> go.Figure | None:
    """Cement's share of CO2 emissions (%) for the country, its peers and its income
    group's median: process emissions that cleaner energy alone does not remove."""
    section = "CO2 from cement"
    long = _ratio_long(lesson, "cement_co2_mt", "co2_mt", lesson.codes)
    own = long[long["iso3"] == lesson.country].set_index("year")["value"]
    if own.empty:
        reason = (_no_data_reason(lesson, "cement_co2_mt")
                  if _own_series(lesson, "cement_co2_mt").empty
                  else _no_data_reason(lesson, "co2_mt"))
        lesson.skip(section, reason)
        return None
    panel = long.pivot(index="year", columns="iso3", values="value")
    median = _cement_share_medians(lesson.ds, lesson.income_group).loc[
        lesson.start_year:lesson.end_year]
    unit = "% of CO2 emissions"
    finding = f"Cement made up {fmt_number(own.iloc[-1], '%')} of {_possessive(lesson.name)} " \
              f"CO2 emissions in {int(own.index[-1])}"
    if len(own) > 1:
        finding += f", against {fmt_number(own.iloc[0], '%')} in {int(own.index[0])}"
    subtitle = (f"CO2 from cement clinker as a share of all CO2 emissions; "
                f"{older_source_label(lesson.ds, 'cement_co2_mt')}, EDGAR has no "
                "cement series")
    return line_compare(panel, lesson.country, lesson.peer_codes, median if len(median) else None,
                        title=title_with_subtitle(finding, subtitle), unit=unit,
                        source=_source(lesson, "cement_co2_mt", "co2_mt",
                                       note="Share = cement CO2 (OWID) / CO2 (EDGAR) x 100, "
                                            "same year."),
                        names=lesson.names, group_label=_group_label(lesson))


def older_source_label(ds, indicator: str) -> str:
    """"cement data (OWID) end in 2018": an older source's publisher and last year in
    this pack, for a chart's subtitle."""
    end = _data_end(ds, indicator)
    publisher = ds.indicator(indicator).source.split(",")[0]
    what = _subject(ds.indicator(indicator).label)
    return f"{what} ({publisher}) end in {end}" if end is not None else \
        f"no {what} in this pack"


@functools.lru_cache(maxsize=8)
def _cement_share_medians(ds, income_group: str) -> pd.Series:
    """Median cement share of CO2 (%) in an income group, by year (cached per pack)."""
    countries = ds.countries()
    members = list(countries.index[countries["income_group"] == income_group])
    keys = ["iso3", "year"]
    both = ds.series("cement_co2_mt", members).merge(
        ds.series("co2_mt", members), on=keys, suffixes=("_n", "_d")).dropna()
    both = both[both["value_d"] > 0]
    share = 100.0 * both["value_n"] / both["value_d"]
    return share.groupby(both["year"]).median()


# --------------------------------------------------------------------- what-if
def recent_growth(ds, country: str, up_to: int | None = None,
                  window: int = GROWTH_WINDOW_YEARS) -> tuple[float, int, int] | None:
    """Average yearly real GDP growth over the latest ``window`` years up to ``up_to``:
    the geometric mean of (1 + growth / 100) minus 1 (WDI NY.GDP.MKTP.KD.ZG), with its
    first and last year; None when fewer than ``MIN_GROWTH_YEARS`` figures exist."""
    rows = ds.series("gdp_growth", country).dropna(subset=["value"])
    growth = rows.set_index("year")["value"]
    return average_growth(growth, window, MIN_GROWTH_YEARS, up_to=up_to)


def what_if(lesson: Lesson, improvement: float = DEFAULT_IMPROVEMENT,
            until_year: int = DEFAULT_UNTIL_YEAR) -> WhatIf | None:
    """The what-if from the latest year with CO2 emissions data (up to the lesson's end
    year; 2024 for most countries), so that no year already observed is projected, and the
    country's own recent real growth; None (with a note) when either is missing.

    ``improvement`` is a fraction (0.03 = 3% less CO2 per unit of GDP each year); a
    negative value means intensity worsens. Bad choices raise ``PolicylabError``.
    """
    if not isinstance(improvement, int | float) or not -1 < improvement < 1:
        raise PolicylabError(f"improvement must be a yearly fraction between -1 and 1 "
                             f"(0.03 means 3% a year), not {improvement!r}.")
    section = "What-if: emissions under a yearly cut in intensity"
    base = lesson.ds.latest("co2_mt", lesson.country, max_year=lesson.end_year)
    if base.year is None or not base.value > 0:
        lesson.skip(section, missing_message(lesson.ds, "co2_mt", lesson.country).text)
        return None
    if int(until_year) <= base.year:
        raise PolicylabError(f"until_year must be after the latest emissions year "
                             f"({base.year}), not {until_year}.")
    growth = recent_growth(lesson.ds, lesson.country, up_to=lesson.end_year)
    if growth is None:
        lesson.skip(section, f"The pack has too few recent figures on real GDP growth for "
                    f"{lesson.name} to set the growth assumption.")
        return None
    rate, first, last = growth
    return WhatIf(lesson.country, base.year, base.value, rate, (first, last),
                  float(improvement), int(until_year))


def _tonnes(million_tonnes: float, gas: str = "CO2") -> str:
    """"18.5 million tonnes CO2" or, for small emitters, "9,800 tonnes CO2"."""
    return fmt_quantity(million_tonnes * 1e6, f"tonnes {gas}")


def _rate_text(rate: float) -> str:
    return fmt_number(100.0 * rate, "%")


def what_if_chart(lesson: Lesson, scenario: WhatIf | None) -> go.Figure | None:
    """Emissions so far and the two paths from the base year: constant intensity, and
    intensity falling at the chosen rate."""
    if scenario is None:
        return None
    history = _own_series(lesson, "co2_mt").loc[:scenario.base_year]
    verb = "rise" if scenario.change > 0 else "fall"
    finding = (f"With {_rate_text(scenario.improvement)} less CO2 per unit of GDP each "
               f"year, {_possessive(lesson.name)} emissions would {verb} by "
               f"{fmt_number(abs(scenario.change), '%')} between {scenario.base_year} and "
               f"{scenario.until_year}")
    g0, g1 = scenario.growth_years
    subtitle = (f"Million tonnes CO2; GDP assumed to grow {_rate_text(scenario.growth)} a "
                f"year (its average {g0}–{g1}); solid: data to {scenario.base_year}; dashed: "
                f"projections from {scenario.first_projected_year}")
    fig = new_figure(title_with_subtitle(finding, subtitle), _source(lesson,
        "co2_mt", "gdp_growth", note="Projection: emissions = GDP path x intensity path."))
    traces = [
        (history, "Emissions so far", FOCUS_COLOUR, FOCUS_WIDTH, "solid"),
        (scenario.path(0.0), "Projection, intensity unchanged", GROUP_COLOUR, GROUP_WIDTH,
         "dash"),
        (scenario.path(), f"Projection, intensity {_signed_percent(-100 * scenario.improvement)}"
         " a year", FOCUS_COLOUR, FOCUS_WIDTH - 1, "dash"),
    ]
    for series, name, colour, width, dash in traces:
        fig.add_trace(go.Scatter(x=series.index, y=series.to_numpy(), name=name, mode="lines",
                                 line={"color": colour, "width": width, "dash": dash},
                                 hovertemplate=f"{name}: %{{y:,.3~g}} Mt<extra></extra>"))
    fig.update_layout(hovermode="x unified",
                      yaxis_title=axis_title("CO2 emissions", "million tonnes"),
                      yaxis_tickformat=",~g")
    fig.update_xaxes(tickformat="d")
    return fig


def what_if_message(lesson: Lesson, scenario: WhatIf | None,
                    flat: bool = True) -> KeyMessage | None:
    """The what-if as a sentence, with (``flat``) the improvement that would keep emissions
    flat; without it before the exercise that asks for that rate."""
    if scenario is None:
        return None
    g0, g1 = scenario.growth_years
    text = (f"If {_possessive(lesson.name)} GDP keeps growing {_rate_text(scenario.growth)} a "
            f"year (its average {g0}–{g1}) and its CO2 per unit of GDP falls "
            f"{_rate_text(scenario.improvement)} a year, emissions would go from "
            f"{_tonnes(scenario.base_emissions)} in {scenario.base_year} (the latest year "
            f"with data) to "
            f"{_tonnes(scenario.end_emissions)}"
            f" in {scenario.until_year}" + (
                f"; holding them flat needs intensity to fall "
                f"{_rate_text(scenario.flat_improvement)} a year." if flat else "."))
    return KeyMessage(text, "co2_mt", {"base_emissions": scenario.base_emissions,
                                       "end_emissions": scenario.end_emissions,
                                       "growth": scenario.growth,
                                       "flat_improvement": scenario.flat_improvement})


# --------------------------------------------------------------------- exercises
def intensity_change_exercise(lesson: Lesson) -> Exercise:
    """"By what % did CO2 per unit of GDP change between the first and last year shown?"."""
    own = _own_series(lesson, "co2_per_gdp")
    own = own[own > 0]  # a change from zero has no percentage
    unit = lesson.ds.indicator("co2_per_gdp").unit
    if len(own) < 2:
        return Exercise(f"By what percentage did {_possessive(lesson.name)} CO2 emissions per "
                        "unit of GDP change over the years shown?", float("nan"), unit="%")
    (y0, v0), (y1, v1) = (own.index[0], own.iloc[0]), (own.index[-1], own.iloc[-1])
    answer = percent_change(v0, v1)
    return Exercise(
        question=(f"{_possessive(lesson.name)} CO2 emissions per unit of GDP were {v0:.3g} "
                  f"{unit} in {y0} and {v1:.3g} in {y1}. By what percentage did they change? "
                  "(A fall is a negative number.)"),
        answer=answer, unit="%", tolerance=1.0,
        hint="Divide the last value by the first, subtract 1 and multiply by 100.",
        explanation=(f"the intensity {'rose' if v1 > v0 else 'fell'} from {_small(v0, unit)} "
                     f"to {_small(v1, unit)} {unit} between {y0} and {y1}, so each unit of "
                     f"output came with {fmt_number(abs(answer), '%')} "
                     f"{'more' if v1 > v0 else 'less'} CO2."),
        solution=f"`({v1:.3g} / {v0:.3g} − 1) × 100 = {fmt_number(answer)}%`.",
    )


def flat_emissions_exercise(lesson: Lesson, scenario: WhatIf | None) -> Exercise:
    """"How fast must intensity fall to keep emissions flat, given this GDP growth?"."""
    if scenario is None:
        return Exercise(f"How fast would {_possessive(lesson.name)} CO2 per unit of GDP have "
                        "to fall each year to keep emissions flat?", float("nan"), unit="%")
    growth = _rate_text(scenario.growth)
    answer = 100.0 * scenario.flat_improvement
    return Exercise(
        question=(f"Suppose {_possessive(lesson.name)} GDP grows {growth} a year. By how many "
                  "percent must CO2 per unit of GDP fall each year to keep emissions flat? "
                  "(Two decimals.)"),
        answer=answer, unit="%", tolerance=0.05,
        hint=("Emissions = GDP × intensity, so flat emissions need (1 + g) × (1 − r) = 1. "
              "It is close to the growth rate, but not equal."),
        explanation=("a growing economy must cut its intensity a little less than its growth "
                     "rate each year, r = 1 − 1/(1 + g), just to stand still."),
        solution=f"`r = 1 − 1 / (1 + {scenario.growth:.4f}) = {answer:.2f}%`.",
    )


def decoupling_exercise(lesson: Lesson) -> Exercise:
    """Classify the country's decoupling from the table, using the stated rule."""
    result = decoupling(lesson)
    question = (f"Apply the rule above to {_possessive(lesson.name)} row of the table (or "
                "the chart's title): which status describes its CO2 emissions against its "
                "real GDP? Then classify the peers the same way.")
    if result is None:
        return Exercise(question, float("nan"))
    peers = [decoupling(lesson, code) for code in lesson.peer_codes]
    peer_statuses = "; ".join(f"{lesson.names[p.country]}: {p.status}" for p in peers
                              if p is not None)
    return Exercise(
        question=question, answer=result.status, choices=DECOUPLING_STATUSES,
        hint="First: did GDP grow? Then: did emissions fall, or grow more slowly than GDP?",
        explanation=(f"real GDP changed by {_signed_percent(result.output_change)} and CO2 "
                     f"emissions by {_signed_percent(result.emissions_change)} between "
                     f"{result.first_year} and {result.last_year}."),
        solution=(f"{lesson.name}: real GDP {_signed_percent(result.output_change)}, CO2 "
                  f"{_signed_percent(result.emissions_change)}, so {result.status}."
                  + (f" Peers: {peer_statuses}." if peer_statuses else "")),
    )


# --------------------------------------------------------------------- key messages
def intensity_message(lesson: Lesson) -> KeyMessage:
    """How CO2 per unit of GDP moved over the lesson's years (three significant digits, so
    that a small intensity's change shows), against the peers' median in the last year."""
    ds = lesson.ds
    own = _own_series(lesson, "co2_per_gdp")
    own = own[own > 0]  # a change from zero has no percentage
    if len(own) < 2:
        return change_message(ds, "co2_per_gdp", lesson.country, lesson.start_year,
                              lesson.end_year)
    unit = ds.indicator("co2_per_gdp").unit
    (y0, v0), (y1, v1) = (int(own.index[0]), own.iloc[0]), (int(own.index[-1]), own.iloc[-1])
    change = percent_change(v0, v1)
    values = {"start_value": float(v0), "start_year": y0, "end_value": float(v1),
              "end_year": y1, "change": change}
    text = (f"{_possessive(lesson.name)} CO2 emissions per unit of GDP went from "
            f"{_small(v0, unit)} {unit} in {y0} to {_small(v1, unit)} in {y1} "
            f"({_signed_percent(change)})")
    median, _, year, count = peer_median(ds, "co2_per_gdp", lesson.peer_codes, y1)
    if not math.isnan(median) and count >= 3:
        values |= {"peer_median": float(median), "peer_year": year}
        text += f", against a median of {_small(median, unit)} for its {count} peers ({year})"
    return KeyMessage(text + ".", "co2_per_gdp", values)


def key_messages(lesson: Lesson, scenario: WhatIf | None) -> list[KeyMessage]:
    """The lesson's computed key messages, most important first."""
    ds = lesson.ds
    messages = [
        intensity_message(lesson),
        level_vs_group_message(ds, "co2_per_capita", lesson.country, lesson.peers,
                               year=lesson.end_year),
        decoupling_message(lesson),
        industry_message(lesson),
        level_vs_group_message(ds, "renewable_share_electricity", lesson.country,
                               lesson.peers, year=lesson.end_year),
        what_if_message(lesson, scenario),
    ]
    found = [m for m in messages if m is not None]
    # sentences with figures first; "no data" sentences (no values) after them
    return sorted(found, key=lambda m: not m.values)


# --------------------------------------------------------------------- coverage and sources


def coverage_note(lesson: Lesson, indicators: Iterable[str]) -> str:
    """Markdown: for each indicator, the last year in this pack and the focus country's
    latest year, so that a method box can say how old the data are."""
    lines = []
    for indicator in indicators:
        if indicator not in lesson.ds.catalogue:
            continue
        ind = lesson.ds.indicator(indicator)
        end = _data_end(lesson.ds, indicator)
        own = lesson.ds.latest(indicator, lesson.country)
        if end is None:
            lines.append(f"- *{ind.label}*: not in this data pack.")
            continue
        mine = (f"{lesson.name}'s latest figure is from {own.year}" if own.year is not None
                else f"no figure for {lesson.name}")
        lines.append(f"- *{ind.label}*: data in this pack end in {end}; {mine}.")
    return "**Data coverage in this pack.**\n\n" + "\n".join(lines)


def _manifest_sources(ds, indicator: str) -> list[dict[str, Any]]:
    """The manifest's records of the publisher files an indicator is read or derived from
    (matched on the publisher's code for WDI files, on the publisher's name otherwise)."""
    ind = ds.indicator(indicator)
    parts = _recipe_parts(ds, indicator)
    if parts:
        return [s for part in parts for s in _manifest_sources(ds, part)]
    sources = ds.manifest.get("sources", [])
    if ind.dataset == "wdi":
        name = f"{ind.source_code}.csv"
        return [s for s in sources if str(s.get("file", "")).rsplit("/", 1)[-1] == name]
    return [s for s in sources if s.get("publisher") == ind.source]


def sources_table(lesson: Lesson, indicators: Iterable[str] = COVERED) -> pd.DataFrame:
    """Publishers, licences and vintages (from the pack's manifest) of the data used."""
    rows: dict[str, dict[str, Any]] = {}
    for indicator in indicators:
        if indicator not in lesson.ds.catalogue:
            continue
        for leaf in _base(lesson, indicator):
            _add_sources(rows, lesson.ds, leaf, lesson.ds.indicator(indicator).label)
    table = pd.DataFrame([{"Publisher": r["Publisher"], "Indicators": "; ".join(r["ids"]),
                           "Years": "\u2013" if r["first"] is None else f"{r['first']}–{r['last']}",
                           "Licence": r["Licence"], "Copy used": "; ".join(r["copies"])}
                          for r in rows.values()])
    return table


def _add_sources(rows: dict[str, dict[str, Any]], ds, leaf: str, label: str) -> None:
    """Credit the measured indicator ``leaf`` (under the label of the indicator shown)."""
    publisher = ds.indicator(leaf).source
    for source in _manifest_sources(ds, leaf):
        row = rows.setdefault(publisher, {
            "Publisher": publisher, "Licence": source.get("licence", ""),
            "first": source.get("first_year"), "last": source.get("last_year"),
            "copies": [], "ids": []})
        if label not in row["ids"]:
            row["ids"].append(label)
        if source.get("provenance") and source["provenance"] not in row["copies"]:
            row["copies"].append(source["provenance"])
        for key, pick in (("first", min), ("last", max)):
            found = [y for y in (row[key], source.get(f"{key}_year")) if y is not None]
            row[key] = pick(found) if found else None


# --------------------------------------------------------------------- explorer and cases
def explorer_indicators(ds) -> dict[str, str]:
    """Greening indicators with data, label -> id, for the live explorer."""
    return {ind.label: ind.id for ind in ds.catalogue.values()
            if ind.topic == "greening" and ind.id not in SUPERSEDED
            and not ds.series(ind.id).empty}


def explorer_countries(ds) -> dict[str, str]:
    """Country name -> ISO3 for the explorer's country list (no aggregates)."""
    countries = ds.countries()
    return dict(zip(countries["name"], countries.index, strict=True))


def explorer_render(lesson: Lesson) -> Callable[[dict[str, Any]], None]:
    """A ``render(state)`` for ``policylab.learning.widgets.explorer``: one trend chart for
    the chosen country, peers, years and indicator."""
    from policylab.display import show

    def render(state: dict[str, Any]) -> None:
        first, last = state["years"]
        peers = [p for p in state["peers"] if p != state["country"]]
        chosen = Lesson(lesson.ds, lesson.notebook, state["country"],
                        _FixedPeers(peers), int(first), int(last))
        figure = trend_chart(chosen, state["indicator"])
        if figure is not None:
            show(figure)

    return render


@dataclass
class _FixedPeers:
    """The minimal peer selection the explorer needs (the learner's own choice)."""

    peers: list[str]

    def __iter__(self):
        return iter(self.peers)

    def __len__(self) -> int:
        return len(self.peers)


def flag_labels(flags: Iterable[str]) -> str:
    """The challenges flagged, in words ("high CO2 emissions per unit of output"), or
    "none"."""
    labels = [_subject(CHALLENGE_FLAGS[f].label) for f in flags if f in CHALLENGE_FLAGS]
    return "; ".join(labels) or "none"


GREEN_FLAGS = tuple(name for name, flag in CHALLENGE_FLAGS.items() if flag.megatrend == MEGATREND)


def show_policy_cases(lesson: Lesson, flags: Iterable[str]) -> None:
    """Cases from the library for the green challenges flagged; when none was flagged,
    cases on greening in general, and a sentence saying so."""
    flags = [f for f in flags if f in GREEN_FLAGS]
    if flags:
        labels = flag_labels(flags)
        intro = f"Challenges flagged for {lesson.name} against its peers: {labels}."
        chosen = lesson.policy_cases(flags, MEGATREND)
    else:
        intro = (f"No greening challenge was flagged for {lesson.name} against its peers; "
                 "these cases show what others did on greening industry in general.")
        chosen = lesson.policy_cases(list(GREEN_FLAGS), MEGATREND)
    body = "\n\n".join(case_markdown(case) for case in chosen) or \
        "The case library has no case on these challenges yet."
    display(Markdown(f"{intro}\n\n{body}"))
