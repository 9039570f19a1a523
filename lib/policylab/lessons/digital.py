"""The digitalization lesson (notebook ``02_digitalization``): section by section.

Each section function takes the :class:`~policylab.lessons.context.Lesson` and returns a
plotly figure, a table or a message; when the country lacks the data it calls
``lesson.skip(section, reason)`` and returns None, so that every country runs the notebook.

Indicators: access (internet use, fixed broadband, mobile subscriptions, secure servers),
technology in trade (ICT goods and high-technology exports) and knowledge (R&D spending and
researchers), all World Bank WDI. A digital-readiness composite summarises them with the
weights stated in ``COMPONENTS`` (method: OECD/JRC *Handbook on Constructing Composite
Indicators*, 2008; see :mod:`policylab.metrics.composite`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown, display

from policylab.cases import CHALLENGE_FLAGS, case_markdown
from policylab.charts import (
    bar_compare,
    heatmap,
    line_compare,
    scatter_compare,
    title_with_subtitle,
)
from policylab.charts.template import FOCUS_COLOUR, PEER_COLOURS, axis_title, new_figure
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson, start_lesson
from policylab.metrics.composite import weighted_composite
from policylab.narrative import (
    KeyMessage,
    change_message,
    fmt_number,
    fmt_quantity,
    level_vs_group_message,
    old_data_message,
)
from policylab.narrative.format import ordinal
from policylab.narrative.messages import OLD_DATA_YEARS
from policylab.peers import WINDOW_YEARS
from policylab.results import FLAG_RULES, Headline

NOTEBOOK = "02_digitalization"
MEGATREND = "digital"

ACCESS = ("internet_users_share", "fixed_broadband_per100", "mobile_per100",
          "secure_servers_per_million")
TECH_TRADE = ("ict_goods_share_exports", "hightech_share_manuf_exports")
KNOWLEDGE = ("rd_share_gdp", "researchers_per_million")
INDICATORS = ACCESS + TECH_TRADE + KNOWLEDGE

HEADLINE_IDS = ("internet_users_share", "fixed_broadband_per100", "mobile_per100",
                "rd_share_gdp", "hightech_share_manuf_exports")
#: The indicators of this lesson that a challenge rule in ``FLAG_RULES`` is about.
FLAG_INDICATORS = tuple(dict.fromkeys(r.indicator for r in FLAG_RULES if r.indicator in INDICATORS))

#: Relative gaps beyond this (in % of the peer median) are drawn at this length: a median
#: close to zero (ICT exports of a commodity exporter) would otherwise flatten every bar.
GAP_DISPLAY_CAP = 150.0
#: Income variable of the "what income predicts" scatter (PPP, comparable across countries).
INCOME_INDICATOR = "gdp_per_capita_ppp"
#: Colours of the coverage grid: dark for the oldest figures, white for current ones.
AGE_SCALE = [[0.0, "#B54A00"], [0.5, "#E8A273"], [1.0, "#F7F7F7"]]


@dataclass(frozen=True)
class Component:
    """One component of the digital-readiness index: its weight and how it is transformed
    before min-max normalisation (``"log"``: log10(1 + x); ``"cap"``: min(x, ``cap``))."""

    indicator: str
    weight: float
    transform: str = "none"
    cap: float = math.inf
    why: str = ""


#: Stated weights (sum to 1): half on access, a quarter each on technology in trade and on
#: knowledge; within access, use of the internet weighs most because it is the outcome the
#: other access measures serve.
COMPONENTS: tuple[Component, ...] = (
    Component("internet_users_share", 0.20, why="the outcome that access policies aim at"),
    Component("fixed_broadband_per100", 0.15, why="the connection firms need for data-heavy use"),
    Component("mobile_per100", 0.05, "cap", 100.0,
              why="capped at 100 per 100 people: beyond one line per person, extra SIM "
                  "cards measure multi-SIM habits, not access"),
    Component("secure_servers_per_million", 0.10, "log",
              why="on a log scale: values span five orders of magnitude, so plain min-max "
                  "would put almost every country near zero"),
    Component("ict_goods_share_exports", 0.10, why="production of digital hardware"),
    Component("hightech_share_manuf_exports", 0.15, why="technology content of manufacturing"),
    Component("rd_share_gdp", 0.15, why="effort to create and absorb technology"),
    Component("researchers_per_million", 0.10, why="the people who do that work"),
)
#: The capped components and their caps.
CAPS = {c.indicator: c.cap for c in COMPONENTS if c.transform == "cap"}
#: A partial score (over the components present, weights rescaled) is shown only when the
#: components present carry at least this share of the total weight.
PARTIAL_MIN_WEIGHT = 0.6


# --------------------------------------------------------------------- helpers
def _label(lesson: Lesson, indicator: str) -> str:
    return lesson.ds.indicator(indicator).label


def _short(lesson: Lesson, indicator: str) -> str:
    return _label(lesson, indicator).split(" (")[0]


def _source_many(lesson: Lesson, indicators: Sequence[str], note: str) -> str:
    """A source line short enough to fit under a chart when it draws many series: the
    publishers, the number of series, and a pointer to the sources table."""
    publishers = list(dict.fromkeys(lesson.ds.indicator(i).source for i in indicators))
    return (f"Source: {'; '.join(publishers)} ({len(indicators)} series, codes in the "
            f"sources table). {note}")


def _in_sentence(label: str) -> str:
    """A label inside a sentence: first letter lowered unless the first word is an
    acronym (ICT, GDP); other capitals (R&D) kept."""
    first = label.split(" ")[0]
    if any(ch.isupper() or ch.isdigit() for ch in first[1:]):
        return label
    return label[:1].lower() + label[1:]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def headline(lesson: Lesson, indicator: str) -> Headline:
    """The focus country's latest value against its peers' median (as in the results file)."""
    return _cached_headline(lesson.ds, indicator, lesson.country, tuple(lesson.peer_codes),
                            lesson.end_year)


@functools.lru_cache(maxsize=256)
def _cached_headline(ds, indicator: str, country: str, peers: tuple[str, ...],
                     year: int) -> Headline:
    """The rule of ``results.headline_for`` (the results file's), read from the cached
    cross-country series: the batch runs this lesson for every country in one process,
    and the tests check that both give the same figures."""
    own = latest_within(ds, indicator, [country], year, window=None)
    if own.empty:
        return Headline(float("nan"), None, float("nan"), float("nan"))
    value, own_year = float(own["value"].iloc[0]), int(own["year"].iloc[0])
    around = latest_within(ds, indicator, list(peers), own_year)
    median = float(around["value"].median()) if len(around) else float("nan")
    return Headline(value, own_year, median, value - median)


@functools.lru_cache(maxsize=32)
def _all_rows(ds, indicator: str) -> pd.DataFrame:
    """Every non-aggregate country's non-missing observations of ``indicator``."""
    countries = list(ds.countries().index)
    return ds.series(indicator, countries).dropna(subset=["value"])


def latest_within(ds, indicator: str, countries: Sequence[str] | None, year: int,
                  window: int | None = WINDOW_YEARS) -> pd.DataFrame:
    """Each country's latest observation in the ``window`` years up to ``year`` (any
    earlier year when ``window`` is None), as ``peers.latest_values`` does: indexed by
    ``iso3`` with ``year`` and ``value``; ``countries`` None means all."""
    if countries is not None:
        return _latest_of(_by_country(ds, indicator), countries, year, window)
    rows = _all_rows(ds, indicator)
    rows = rows[rows["year"] <= year]
    if window is not None:
        rows = rows[rows["year"] > year - window]
    return rows.groupby("iso3").tail(1).set_index("iso3")[["year", "value"]]


@functools.lru_cache(maxsize=64)
def _by_country(ds, indicator: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each country's years (sorted) and values of ``indicator``: a handful of countries'
    latest figures are then a binary search each, not a filter of the whole table (the
    lesson asks for them dozens of times per country, the batch for every country)."""
    rows = _all_rows(ds, indicator).sort_values(["iso3", "year"])
    return {code: (group["year"].to_numpy(), group["value"].to_numpy())
            for code, group in rows.groupby("iso3", sort=False)}


def _latest_of(arrays: dict[str, tuple[np.ndarray, np.ndarray]], countries: Sequence[str],
               year: int, window: int | None) -> pd.DataFrame:
    found = []
    for code in dict.fromkeys(countries):
        if code not in arrays:
            continue
        years, values = arrays[code]
        k = int(np.searchsorted(years, year, side="right")) - 1
        if k < 0 or (window is not None and years[k] <= year - window):
            continue
        found.append((code, int(years[k]), float(values[k])))
    return pd.DataFrame(found, columns=["iso3", "year", "value"]).set_index("iso3")


@functools.lru_cache(maxsize=4)
def latest_years(ds) -> pd.DataFrame:
    """The latest year with a figure, per country (rows, non-aggregates) and indicator of
    this lesson (columns); NA where a country has none. Computed once per dataset."""
    countries = list(ds.countries().index)
    columns = {}
    for indicator in INDICATORS:
        rows = ds.series(indicator, countries).dropna(subset=["value"])
        columns[indicator] = rows.groupby("iso3")["year"].max()
    return pd.DataFrame(columns).reindex(countries).astype("Int64")


@functools.lru_cache(maxsize=32)
def _income_group_medians(ds, indicator: str) -> pd.DataFrame:
    return ds.group_median(indicator, "income_group")


def oriented_gap(lesson: Lesson, indicator: str, figure: Headline) -> float:
    """Gap to the peer median in % of that median, signed so that positive means ahead
    (``higher_is_better`` decides the sign); NaN when the median is missing or zero."""
    if math.isnan(figure.gap) or not figure.peer_median:
        return float("nan")
    if _both_saturated(indicator, figure):
        return 0.0
    relative = 100.0 * figure.gap / abs(figure.peer_median)
    better_high = lesson.ds.indicator(indicator).higher_is_better
    return relative if better_high is not False else -relative


def _both_saturated(indicator: str, figure: Headline) -> bool:
    """True when country and peer median are both beyond a component's cap (e.g. more
    than one mobile line per person): the difference then says nothing about access."""
    cap = CAPS.get(indicator, math.inf)
    return figure.value >= cap and figure.peer_median >= cap


def _income_median(lesson: Lesson, indicator: str) -> tuple[pd.Series | None, str]:
    group = lesson.income_group
    if not group or group.lower() in ("nan", "none"):
        return None, ""
    medians = _income_group_medians(lesson.ds, indicator)
    mine = medians[(medians["group"] == group) & medians["year"].between(*lesson.years)]
    if mine.empty:
        return None, ""
    return mine.set_index("year")["value"], f"{group} median"


# --------------------------------------------------------------------- trends
def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The indicator over the lesson's years: focus, peers and its income group's median;
    the title states how the focus country moved."""
    ds = lesson.ds
    ind = ds.indicator(indicator)
    section = _short(lesson, indicator)
    rows = _all_rows(ds, indicator)
    rows = rows[rows["iso3"].isin(lesson.codes) & rows["year"].between(*lesson.years)]
    panel = rows.pivot(index="year", columns="iso3", values="value")
    mine = panel[lesson.country].dropna() if lesson.country in panel.columns else pd.Series()
    if mine.empty:
        lesson.skip(section, f"{lesson.name} has no figure on {_in_sentence(section)} "
                             f"between {lesson.start_year} and {lesson.end_year} in the data pack.")
        return None
    median, median_label = _income_median(lesson, indicator)
    first_year, last_year = int(mine.index[0]), int(mine.index[-1])
    who = _possessive(lesson.name)
    if len(mine) == 1:
        title = (f"{who} {_in_sentence(section)}: only one figure since {lesson.start_year}, "
                 f"{fmt_quantity(mine.iloc[0], ind.unit)} in {last_year}")
    else:
        start, end = float(mine.iloc[0]), float(mine.iloc[-1])
        verb = "rose" if end > start else "fell" if end < start else "stayed"
        title = (f"{who} {_in_sentence(section)} {verb} from {fmt_number(start, ind.unit)} to "
                 f"{fmt_quantity(end, ind.unit)}, {first_year}–{last_year}")
    note = (f"{median_label} over countries with data each year. " if median_label else "")
    source = lesson.source(indicator, note=f"{note}Years {lesson.start_year}–{lesson.end_year}.")
    return line_compare(panel, lesson.country, lesson.peer_codes, median, title=title,
                        unit=ind.unit, source=source, names=lesson.names,
                        y_label=axis_title(section, ind.unit),
                        group_label=median_label or "Group median")


# --------------------------------------------------------------------- latest levels
def latest_bars(lesson: Lesson, indicator: str) -> go.Figure | None:
    """The latest value of the focus country and its peers (within ``WINDOW_YEARS`` of the
    focus country's own latest year), ranked; the title compares with the peer median."""
    ds = lesson.ds
    ind = ds.indicator(indicator)
    section = _short(lesson, indicator)
    figure = headline(lesson, indicator)
    if figure.year is None:
        lesson.skip(section, f"{lesson.name} has no figure on {_in_sentence(section)} "
                             "in the data pack.")
        return None
    values = latest_within(ds, indicator, lesson.codes, figure.year)
    who = f"{_possessive(lesson.name)} {_in_sentence(section)}"
    title = f"{who} stood at {fmt_quantity(figure.value, ind.unit)} in {figure.year}"
    if not math.isnan(figure.peer_median):
        relation = ("above" if figure.gap > 0 else "below" if figure.gap < 0 else "equal to")
        title += f", {relation} the peer median of {fmt_number(figure.peer_median, ind.unit)}"
    first = figure.year - WINDOW_YEARS + 1
    source = lesson.source(indicator, note=f"Latest year per country, {first}–{figure.year}; "
                                           "the hover shows each year.")
    return bar_compare(values["value"], lesson.country, lesson.peer_codes, title=title,
                       unit=ind.unit, source=source, years=values["year"], names=lesson.names,
                       x_label=section)


def income_scatter(lesson: Lesson, indicator: str = "internet_users_share") -> go.Figure | None:
    """All countries' latest ``indicator`` against income (GDP per capita, PPP, log scale)
    with the fitted world pattern; the title says how far the focus country is from what
    its income predicts (the residual of that same fit)."""
    ds = lesson.ds
    ind, income = ds.indicator(indicator), ds.indicator(INCOME_INDICATOR)
    section = _short(lesson, indicator)
    data = _income_cross_section(lesson, indicator)
    if lesson.country not in data.index or len(data) < 10:
        lesson.skip(f"{section} and income", f"{lesson.name} lacks a recent figure on "
                    f"{_in_sentence(section)} or on income per person to place it in the "
                    "world pattern.")
        return None
    predicted = predicted_by_income(data, lesson.country)
    own = float(data.at[lesson.country, "value"])
    gap = own - predicted
    side = "above" if gap > 0 else "below"
    title = (f"On {_in_sentence(section)}, {lesson.name} sits {fmt_number(abs(gap))} points {side} "
             f"what its income predicts ({fmt_number(own, ind.unit)} against "
             f"{fmt_number(predicted, ind.unit)})")
    year = int(data.at[lesson.country, "year"])
    source = lesson.source(indicator, INCOME_INDICATOR,
                           note=f"Latest year per country, {year - WINDOW_YEARS + 1}–{year}; "
                                "line: least-squares fit on log income.")
    return scatter_compare(data, "income", "value", lesson.country, lesson.peer_codes,
                           title=title, x_label=income.label.split(" (")[0],
                           y_label=section, source=source, x_unit=income.unit, y_unit=ind.unit,
                           names=lesson.names, log_x=True, trend="linear")


def _income_cross_section(lesson: Lesson, indicator: str) -> pd.DataFrame:
    own = latest_within(lesson.ds, indicator, [lesson.country], lesson.end_year, window=None)
    year = int(own["year"].iloc[0]) if len(own) else lesson.end_year
    return _world_with_income(lesson.ds, indicator, year)


@functools.lru_cache(maxsize=32)
def _world_with_income(ds, indicator: str, year: int) -> pd.DataFrame:
    values = latest_within(ds, indicator, None, year)
    income = latest_within(ds, INCOME_INDICATOR, None, year)["value"].rename("income")
    data = values.join(income, how="inner").dropna()
    return data[data["income"] > 0]


def predicted_by_income(data: pd.DataFrame, country: str) -> float:
    """The value the world pattern (OLS of ``value`` on log10 ``income``, every country in
    ``data``) predicts for ``country``: the same fit the scatter draws."""
    slope, intercept = np.polyfit(np.log10(data["income"]), data["value"], 1)
    return float(slope * np.log10(data.at[country, "income"]) + intercept)


# --------------------------------------------------------------------- gaps to peers
def gap_table(lesson: Lesson) -> pd.DataFrame:
    """Per indicator: the focus country's latest value and year, its peers' median, the
    gap in the indicator's unit and in % of the median (positive = ahead), and a verdict."""
    rows = []
    for indicator in INDICATORS:
        ind = lesson.ds.indicator(indicator)
        figure = headline(lesson, indicator)
        behind = figure.behind_peers(ind.higher_is_better)
        verdict = ("no data" if figure.year is None else "no peer data" if behind is None
                   else "level: both saturated" if _both_saturated(indicator, figure)
                   else "behind peers" if behind else "ahead of peers" if figure.gap else "level")
        rows.append({"Indicator": _short(lesson, indicator), "Unit": ind.unit,
                     lesson.name: figure.value, "Year": figure.year,
                     "Peer median": figure.peer_median, "Gap": figure.gap,
                     "Gap (% of median, + = ahead)": oriented_gap(lesson, indicator, figure),
                     "Verdict": verdict})
    frame = pd.DataFrame(rows, index=pd.Index(INDICATORS, name="id"))
    return frame.astype({"Year": "Int64"})


def gap_formats(lesson: Lesson) -> dict:
    """Formats for ``gap_table``'s value columns: each number with the precision its size
    needs (0.42, not 0.4, for a peer median of broadband lines), the relative gap signed."""
    def number(value: float) -> str:
        return fmt_number(value)

    return {lesson.name: number, "Peer median": number,
            "Gap": lambda value: ("+" if value > 0 else "") + fmt_number(value),
            "Gap (% of median, + = ahead)": lambda value: f"{value:+,.0f}%"}


def gap_chart(lesson: Lesson) -> go.Figure | None:
    """Bars of the gap to the peer median in % of the median, one per indicator, oriented
    so that right is ahead of peers; the title counts the shortfalls and names the widest."""
    table = gap_table(lesson)
    gaps = table["Gap (% of median, + = ahead)"].dropna()
    if gaps.empty:
        lesson.skip("Gaps to peers", f"Neither {lesson.name} nor its peers have comparable "
                                     "recent figures on these indicators.")
        return None
    gaps = gaps.sort_values()
    behind = gaps[gaps < 0]
    title = (f"{lesson.name} is behind its peers' median on {len(behind)} of {len(gaps)} "
             "digital indicators with data")
    if not behind.empty:
        title += f"; furthest behind on {_in_sentence(table.at[behind.index[0], 'Indicator'])}"
    labels = [table.at[i, "Indicator"] for i in gaps.index]
    texts = [f"{fmt_number(v, '%')} ({_value_text(table, i)})"
             if table.at[i, "Verdict"] != "level: both saturated"
             else f"level: both above {fmt_number(CAPS[i], decimals=0)} ({_value_text(table, i)})"
             for i, v in gaps.items()]
    shown = gaps.clip(-GAP_DISPLAY_CAP, GAP_DISPLAY_CAP)
    source = _source_many(lesson, list(gaps.index), "Peer median of latest figures.")
    fig = new_figure(title, source,
                     legend=False, height=max(420, 56 * len(gaps) + 220))
    fig.add_trace(go.Bar(
        y=labels, x=shown.to_numpy(), orientation="h",
        marker_color=[FOCUS_COLOUR if v < 0 else PEER_COLOURS[0] for v in gaps],
        text=texts, cliponaxis=False,
        textposition=["inside" if abs(v) > GAP_DISPLAY_CAP / 2 else "outside" for v in shown],
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.add_vline(x=0, line={"color": "#333333", "width": 1.5})
    fig.update_layout(
        xaxis={"title": axis_title("Gap to the peer median", "% of the median; right = ahead, "
                                   f"bars capped at ±{GAP_DISPLAY_CAP:.0f}%"),
               "showgrid": True, "gridcolor": "#E5E5E5", "ticksuffix": "%",
               "range": [-GAP_DISPLAY_CAP * 1.05, GAP_DISPLAY_CAP * 1.05]},
        yaxis={"showgrid": False, "ticks": ""},
    )
    return fig


def _value_text(table: pd.DataFrame, indicator: str) -> str:
    row = table.loc[indicator]
    return (f"{fmt_number(row.iloc[2], row['Unit'])} vs "
            f"{fmt_number(row['Peer median'], row['Unit'])}")


# --------------------------------------------------------------------- coverage
def coverage_table(lesson: Lesson) -> pd.DataFrame:
    """The latest year with a figure, per country (focus and peers) and indicator (NA when
    there is none at all): sparse data shown as sparse."""
    years = latest_years(lesson.ds).reindex(lesson.codes)
    years.columns = [_short(lesson, indicator) for indicator in INDICATORS]
    years.index = pd.Index(list(lesson.names.values()), name="Country")
    return years


def newest_years(lesson: Lesson) -> dict[str, int]:
    """The latest year any country has for each indicator (the benchmark for "old")."""
    newest = latest_years(lesson.ds).max()
    return {indicator: int(year) for indicator, year in newest.items() if pd.notna(year)}


def coverage_chart(lesson: Lesson) -> go.Figure:
    """A grid of the latest year per country and indicator, coloured by how many years it
    lags the newest figure any country has; blank where there is no figure."""
    table = coverage_table(lesson)
    newest = newest_years(lesson)
    columns = dict(zip(table.columns, INDICATORS, strict=True))
    lag = pd.DataFrame({col: [-(newest[ind] - y) if ind in newest and pd.notna(y) else np.nan
                              for y in table[col]] for col, ind in columns.items()},
                       index=table.index)
    text = table.astype("object").where(table.notna(), np.nan)
    own = table.iloc[0]
    stale = [col for col, ind in columns.items()
             if pd.isna(own[col]) or newest.get(ind, 0) - own[col] > WINDOW_YEARS]
    title = (f"{len(stale)} of {len(INDICATORS)} digital indicators are missing or more than "
             f"{WINDOW_YEARS} years old for {lesson.name}")
    if not stale:
        title = f"All {len(INDICATORS)} digital indicators are recent for {lesson.name}"
    source = _source_many(lesson, INDICATORS, "Cells: latest year with a figure; colour: years "
                                              "behind the newest figure of any country.")
    fig = heatmap(lag, title=title, source=source, text=text, focus=table.index[0],
                  colorbar_title="Years behind the newest data")
    # a lag is never positive: one-sided scale from "current" (white) to "oldest" (dark)
    oldest = float(np.nanmax(-lag.to_numpy())) if lag.notna().any().any() else 0.0
    # the scale spans at least two windows, so a one-year lag never looks alarming
    fig.update_traces(colorscale=AGE_SCALE, zmin=-max(oldest, 2.0 * WINDOW_YEARS), zmax=0)
    return fig


def old_data_notes(lesson: Lesson) -> list[KeyMessage]:
    """One warning per indicator whose latest figure for the focus country is old or
    missing (``old_data_message``); empty when everything is recent."""
    return list(_old_notes(lesson.ds, lesson.country))


@functools.lru_cache(maxsize=64)
def _old_notes(ds, country: str) -> tuple[KeyMessage, ...]:
    own = latest_years(ds).reindex([country]).iloc[0]
    newest = latest_years(ds).max()
    # only indicators that can be old or missing are checked (old_data_message is the rule)
    suspects = [i for i in INDICATORS
                if pd.isna(own[i]) or pd.isna(newest[i]) or newest[i] - own[i] > OLD_DATA_YEARS]
    notes = (old_data_message(ds, indicator, country) for indicator in suspects)
    return tuple(note for note in notes if note is not None)


# --------------------------------------------------------------------- composite
def weights_table(lesson: Lesson) -> pd.DataFrame:
    """The composite's stated weights and transformations, for the method box."""
    return pd.DataFrame({
        "Component": [_label(lesson, c.indicator) for c in COMPONENTS],
        "Weight (%)": [100.0 * c.weight for c in COMPONENTS],
        "Treatment before normalising": [c.why for c in COMPONENTS],
    })


def _transformed(component: Component, values: pd.Series) -> pd.Series:
    if component.transform == "log":
        return np.log10(1.0 + values.clip(lower=0))
    if component.transform == "cap":
        return values.clip(upper=component.cap)
    return values


@functools.lru_cache(maxsize=8)
def composite_scores(ds, year: int) -> pd.DataFrame:
    """The digital-readiness index (0–100) of every country, from each component's latest
    value in the ``WINDOW_YEARS`` up to ``year``.

    Components are transformed (``Component.transform``), min-max normalised over every
    country with a value, and averaged with the stated weights (``weighted_composite``).
    ``score`` needs every component (nothing is imputed); ``partial_score`` averages the
    components present with their weights rescaled, when they carry at least
    ``PARTIAL_MIN_WEIGHT`` of the weight; ``rank`` is among countries with a full score.
    Cached per dataset and year: the batch runs the notebook for every country.
    """
    countries = list(ds.countries().index)
    raw = pd.DataFrame(index=pd.Index(countries, name="iso3"))
    for component in COMPONENTS:
        values = latest_within(ds, component.indicator, None, year)["value"]
        raw[component.indicator] = _transformed(component, values.reindex(raw.index))
    weights = {c.indicator: c.weight for c in COMPONENTS}
    direction = {c.indicator: ds.indicator(c.indicator).higher_is_better is not False
                 for c in COMPONENTS}
    full = weighted_composite(raw, weights, "minmax", higher_is_better=direction)
    partial = weighted_composite(raw, weights, "minmax", higher_is_better=direction,
                                 missing="reweight", min_weight=PARTIAL_MIN_WEIGHT)
    out = pd.DataFrame({"score": 100 * full["score"], "partial_score": 100 * partial["score"],
                        "weight_used": full["weight_used"], "missing": full["missing"]})
    out["rank"] = out["score"].rank(ascending=False, method="min").astype("Int64")
    return out


def composite_for(lesson: Lesson) -> pd.DataFrame:
    return composite_scores(lesson.ds, lesson.end_year)


def composite_table(lesson: Lesson) -> pd.DataFrame:
    """The index for the focus country and its peers: the full score and rank (complete
    data only), the partial score, the weight behind it and the components missing."""
    scores = composite_for(lesson).reindex(lesson.codes)
    labels = {c.indicator: _in_sentence(_short(lesson, c.indicator)) for c in COMPONENTS}
    complete = int(composite_for(lesson)["score"].notna().sum())
    return pd.DataFrame({
        "Index (complete data, 0–100)": scores["score"].to_numpy(),
        f"Rank of {complete}": pd.array([None if pd.isna(r) else int(r)
                                         for r in scores["rank"]], dtype="Int64"),
        "Partial index (components present)": scores["partial_score"].to_numpy(),
        "Weight present (%)": (100 * scores["weight_used"]).to_numpy(),
        "Missing components": [", ".join(labels[m] for m in str(text).split(", ") if m) or "none"
                               for text in scores["missing"]],
    }, index=pd.Index(list(lesson.names.values()), name="Country"))


def composite_message(lesson: Lesson) -> KeyMessage:
    """The focus country's index and rank, or why it has no full score."""
    scores = composite_for(lesson)
    complete = int(scores["score"].notna().sum())
    row = scores.loc[lesson.country]
    rank = None if pd.isna(row["rank"]) else int(row["rank"])
    values = {"score": float(row["score"]), "rank": rank,
              "count": complete, "partial_score": float(row["partial_score"]),
              "year": lesson.end_year}
    window = f"{lesson.end_year - WINDOW_YEARS + 1}–{lesson.end_year}"
    if not pd.isna(row["score"]):
        text = (f"On the digital-readiness index (0–100, stated weights, data {window}), "
                f"{lesson.name} scores {fmt_number(row['score'])} and ranks "
                f"{ordinal(int(row['rank']))} of {complete} countries with complete data.")
        return KeyMessage(text, "digital_readiness", values)
    missing = ", ".join(_in_sentence(_short(lesson, m))
                        for m in str(row["missing"]).split(", ") if m)
    text = (f"{lesson.name} cannot be ranked on the digital-readiness index: it has no figure "
            f"for {window} on {missing}")
    if not pd.isna(row["partial_score"]):
        text += (f"; over the components it has, its partial index is "
                 f"{fmt_number(row['partial_score'])} (not comparable with full scores)")
    return KeyMessage(text + ".", "digital_readiness", values)


def composite_chart(lesson: Lesson) -> go.Figure | None:
    """The index ranking: the top countries, the focus country and its peers."""
    scores = composite_for(lesson)
    full = scores["score"].dropna()
    if full.empty:
        lesson.skip("Digital-readiness index", "No country has every component in the window.")
        return None
    own = scores.loc[lesson.country]
    if pd.isna(own["score"]):
        missing = [_short(lesson, m) for m in str(own["missing"]).split(", ") if m]
        lacking = (" and ".join(missing) if len(missing) <= 2
                   else f"{len(missing)} of {len(COMPONENTS)} components")
        title = (f"{lesson.name} cannot be ranked on the digital-readiness index: no recent "
                 f"figure on {lacking}")
    else:
        title = (f"{lesson.name} ranks {ordinal(int(own['rank']))} of {len(full)} countries "
                 "on the digital-readiness index")
    names = lesson.ds.countries()["name"].to_dict()
    unranked = [names[c] for c in lesson.peer_codes if pd.isna(scores.at[c, "score"])]
    subtitle = ("Top ten, the focus country and its peers; countries with complete data only"
                + (f" (not ranked: {', '.join(unranked)})" if unranked else ""))
    source = _source_many(lesson, [c.indicator for c in COMPONENTS],
                          f"Latest figures {lesson.end_year - WINDOW_YEARS + 1}–"
                          f"{lesson.end_year}; weights and method in the method box.")
    return bar_compare(full, lesson.country, lesson.peer_codes,
                       title=title_with_subtitle(title, subtitle), unit="index 0–100",
                       source=source, names=names, x_label="Digital-readiness index", limit=10)


# --------------------------------------------------------------------- explorer
#: What the live explorer offers (label -> indicator id). It starts on secure servers,
#: which the notebook otherwise shows only as latest-year bars, and draws a view no other
#: chart draws: the country inside its region's spread, year by year.
EXPLORER_INDICATORS = {
    "Secure internet servers (per million people)": "secure_servers_per_million",
    "Internet users (% of population)": "internet_users_share",
    "Fixed broadband subscriptions (per 100 people)": "fixed_broadband_per100",
    "Mobile subscriptions (per 100 people)": "mobile_per100",
    "R&D expenditure (% of GDP)": "rd_share_gdp",
    "Researchers in R&D (per million people)": "researchers_per_million",
}
EXPLORER_START = "secure_servers_per_million"
#: Indicators drawn on a log scale in the explorer: their values span several orders of
#: magnitude within a region, so a linear axis flattens every country but the leader.
LOG_SCALE = frozenset({"secure_servers_per_million"})
#: The band of a region's middle half is drawn only for years in which at least this many
#: of its countries have a figure: quartiles of three or four values mean little.
MIN_BAND_COUNTRIES = 5


def region_members(lesson: Lesson) -> list[str]:
    """The non-aggregate countries of the focus country's World Bank region."""
    meta = lesson.ds.countries()
    return list(meta.index[meta["region"] == lesson.region])


@dataclass(frozen=True)
class RegionPosition:
    """Where the focus country stood among its region's countries in one year: its value,
    rank (1 = highest) and the region's quartiles, each country's latest figure within
    ``WINDOW_YEARS`` up to ``year``."""

    year: int
    value: float
    rank: int
    count: int
    low: float
    median: float
    high: float

    def quarter(self) -> str:
        """In words, which quarter of the region the value falls in."""
        if self.count < 4:
            return ""
        if self.value > self.high:
            return "in the top quarter"
        if self.value >= self.median:
            return "above the regional median"
        if self.value >= self.low:
            return "below the regional median"
        return "in the bottom quarter"


def region_position(lesson: Lesson, panel: pd.DataFrame, year: int) -> RegionPosition | None:
    """The focus country's :class:`RegionPosition` in ``year`` from a wide panel (index
    year, columns ISO3, every country); None when the country has no figure that year."""
    members = [c for c in dict.fromkeys([*region_members(lesson), lesson.country])
               if c in panel.columns]
    recent = panel.loc[(panel.index > year - WINDOW_YEARS) & (panel.index <= year), members]
    latest = recent.ffill().iloc[-1].dropna() if len(recent) else pd.Series(dtype=float)
    if lesson.country not in latest.index:
        return None
    own = float(latest[lesson.country])
    low, median, high = (float(q) for q in latest.quantile([0.25, 0.5, 0.75]))
    return RegionPosition(year, own, int((latest > own).sum()) + 1, len(latest), low, median,
                          high)


def region_band_chart(lesson: Lesson, panel: pd.DataFrame, *, label: str, unit: str,
                      source: str, log_y: bool = False) -> go.Figure | None:
    """The focus country and its peers inside the spread of their region, year by year:
    the shaded band is the middle half of the region's countries (25th to 75th
    percentile), the dashed line its median. ``panel`` is wide (index year, columns ISO3,
    every country, the lesson's years). The title says where the country stood in its
    latest year. Shared by the lessons' live explorers."""
    focus = panel[lesson.country].dropna() if lesson.country in panel.columns else pd.Series()
    if focus.empty:
        lesson.skip(f"{label} in {lesson.region}",
                    f"{lesson.name} has no figure on {_in_sentence(label)} between "
                    f"{lesson.start_year} and {lesson.end_year} in the data pack.")
        return None
    last = region_position(lesson, panel, int(focus.index[-1]))
    members = [c for c in region_members(lesson) if c in panel.columns]
    values = panel[members]
    counts = values.notna().sum(axis=1)
    quartiles = values.quantile([0.25, 0.5, 0.75], axis=1).T
    band = quartiles[counts >= MIN_BAND_COUNTRIES]
    median = quartiles[0.5][counts >= 1].dropna()
    title = (f"{lesson.name} ranked {ordinal(last.rank)} of {last.count} in "
             f"{lesson.region} on {_in_sentence(label)} ({fmt_quantity(last.value, unit)}, "
             f"{last.year})")
    if last.quarter():
        title += f": {last.quarter()}"
    fmt = ".3~s" if log_y else ",.1f"
    fig = new_figure(title, source, legend=False)
    if len(band):
        fig.add_trace(go.Scatter(x=band.index, y=band[0.75], mode="lines", line={"width": 0},
                                 showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatter(
            x=band.index, y=band[0.25], mode="lines", line={"width": 0}, fill="tonexty",
            fillcolor="rgba(0, 114, 178, 0.15)", legendrank=4000,
            name=f"Middle half of {lesson.region}<br>(25th–75th percentile)",
            customdata=band[0.75].to_numpy(),
            hovertemplate=(f"Middle half of {lesson.region}: %{{y:{fmt}}}–"
                           f"%{{customdata:{fmt}}}<extra></extra>")))
    fig.add_trace(go.Scatter(x=median.index, y=median.to_numpy(), mode="lines",
                             name=f"Median of {lesson.region}", legendrank=3000,
                             line={"color": "#333333", "width": 2.5, "dash": "dash"},
                             hovertemplate=f"Median: %{{y:{fmt}}}<extra></extra>"))
    for position, code in enumerate(c for c in lesson.peer_codes if c in panel.columns):
        points = panel[code].dropna()
        fig.add_trace(go.Scatter(
            x=points.index, y=points.to_numpy(), mode="lines+markers", legendrank=2000,
            name=lesson.names[code], line={"color": PEER_COLOURS[position % len(PEER_COLOURS)],
                                           "width": 1.5}, marker={"size": 4},
            hovertemplate=f"{lesson.names[code]}: %{{y:{fmt}}}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=focus.index, y=focus.to_numpy(), mode="lines+markers", name=lesson.name,
        legendrank=1000, line={"color": FOCUS_COLOUR, "width": 4.5}, marker={"size": 7},
        hovertemplate=f"{lesson.name}: %{{y:{fmt}}}<extra></extra>"))
    # a legend beside the plot: with a band, a median and up to six peers it needs
    # several lines, and the house legend row above the plot has room for one
    fig.update_layout(hovermode="x unified", yaxis_title=axis_title(label, unit),
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top"}, margin={"r": 260}, showlegend=True)
    fig.update_xaxes(tickformat="d")
    if log_y:
        fig.update_yaxes(type="log", dtick=1)
    return fig


def region_band_message(lesson: Lesson, panel: pd.DataFrame, label: str,
                        unit: str) -> KeyMessage | None:
    """Where the focus country stood in its region in its first and latest year shown,
    and its peers' median in the latest year; None without a figure."""
    focus = panel[lesson.country].dropna() if lesson.country in panel.columns else pd.Series()
    if focus.empty:
        return None
    first_year, last_year = int(focus.index[0]), int(focus.index[-1])
    last = region_position(lesson, panel, last_year)
    text = (f"On {_in_sentence(label)}, {lesson.name} ranked {ordinal(last.rank)} of "
            f"{last.count} countries in {lesson.region} with a recent figure in {last.year} "
            f"({fmt_quantity(last.value, unit)}; regional median "
            f"{fmt_number(last.median, unit)})")
    first = region_position(lesson, panel, first_year) if first_year != last_year else None
    if first is not None:
        move = ("up from" if first.rank > last.rank else "down from" if first.rank < last.rank
                else "the same rank as")
        text += (f", {move} {ordinal(first.rank)} of {first.count} in {first.year}, the "
                 f"first year shown ({fmt_number(first.value, unit)})")
    peers = [c for c in lesson.peer_codes if c in panel.columns]
    recent = panel.loc[(panel.index > last_year - WINDOW_YEARS) & (panel.index <= last_year),
                       peers]
    peer_values = recent.ffill().iloc[-1].dropna() if len(recent) and peers else pd.Series()
    text += "."
    if len(peer_values):
        whom = ("its one peer with a recent figure had" if len(peer_values) == 1 else
                f"the median of its {len(peer_values)} peers with a recent figure was")
        text += f" In {last_year}, {whom} {fmt_number(float(peer_values.median()), unit)}."
    return KeyMessage(text, None, {"year": last.year, "value": last.value, "rank": last.rank,
                                   "count": last.count, "region_median": last.median})


@functools.lru_cache(maxsize=16)
def _wide(ds, indicator: str) -> pd.DataFrame:
    """Every non-aggregate country's ``indicator`` as a wide panel (index year)."""
    return _all_rows(ds, indicator).pivot(index="year", columns="iso3", values="value")


def explorer_settings(lesson: Lesson) -> dict:
    """Arguments for ``learning.widgets.explorer`` (see ``Lesson.explorer_settings``)."""
    return lesson.explorer_settings(EXPLORER_INDICATORS, EXPLORER_START)


def explore_view(ds, state: dict) -> None:
    """Draw the explorer's chart (the country in its region's spread) and key message for
    one state: ``country``, ``peers`` (empty: automatic), ``years``, ``indicator``."""
    first, last = (int(y) for y in state["years"])
    view = start_lesson(NOTEBOOK, state["country"], list(state.get("peers") or []), first,
                        last, ds=ds)
    indicator = state.get("indicator") or EXPLORER_START
    ind = ds.indicator(indicator)
    panel = _wide(ds, indicator).loc[first:last]
    label = _short(view, indicator)
    view.show(region_band_chart(view, panel, label=label, unit=ind.unit,
                                source=view.source(indicator, note=f"Band: 25th–75th percentile of "
                                                   f"{view.region}; rank 1 = highest."),
                                log_y=indicator in LOG_SCALE))
    message = region_band_message(view, panel, label, ind.unit)
    if message is not None:
        display(Markdown(f"**Key message.** {message.text}"))


def explorer_render(ds) -> Callable[[dict], None]:
    """``render(state)`` for ``learning.widgets.explorer`` on this data pack."""
    return functools.partial(explore_view, ds)


# --------------------------------------------------------------------- messages
def key_messages(lesson: Lesson) -> list[KeyMessage]:
    """Up to six computed sentences: internet use over time and against peers, broadband
    against peers, the index, the widest gap and a warning on old R&D data."""
    ds, country = lesson.ds, lesson.country
    internet = headline(lesson, "internet_users_share")
    messages = [
        change_message(ds, "internet_users_share", country, lesson.start_year, lesson.end_year,
                       comparison=("peer median", internet.peer_median, internet.year)),
        level_vs_group_message(ds, "fixed_broadband_per100", country, lesson.peer_codes,
                               year=lesson.end_year),
        composite_message(lesson),
    ]
    widest = widest_gap_message(lesson)
    if widest is not None:
        messages.append(widest)
    old = [note for note in old_data_notes(lesson) if note.indicator in KNOWLEDGE]
    messages.extend(old[:1])
    return messages[:6]


def widest_gap_message(lesson: Lesson) -> KeyMessage | None:
    """The indicator on which the focus country is furthest behind its peers (in % of the
    peer median), or None when it is behind on none."""
    table = gap_table(lesson)
    gaps = table["Gap (% of median, + = ahead)"].dropna()
    if gaps.empty or gaps.min() >= 0:
        return None
    worst = gaps.idxmin()
    row = table.loc[worst]
    unit = row["Unit"]
    subject = _in_sentence(row["Indicator"])
    text = (f"{_possessive(lesson.name)} widest digital gap is on {subject}: "
            f"{fmt_quantity(row[lesson.name], unit)} in {row['Year']} against a peer median "
            f"of {fmt_number(row['Peer median'], unit)}, {fmt_number(abs(gaps[worst]), '%')} "
            "behind.")
    return KeyMessage(text, worst, {"value": float(row[lesson.name]), "year": int(row["Year"]),
                                    "peer_median": float(row["Peer median"]),
                                    "gap_percent": float(gaps[worst])})


# --------------------------------------------------------------------- exercises
def exercise_internet_gap(lesson: Lesson) -> Exercise:
    """How many percentage points the focus country is behind (or ahead of) its peers'
    median on internet use; the answer is the headline gap."""
    figure = headline(lesson, "internet_users_share")
    behind = not math.isnan(figure.gap) and figure.gap < 0
    side = "behind" if behind else "ahead of"
    question = (f"How many percentage points {side} the median of its peers is {lesson.name} "
                "on internet use? Use the gaps table (latest figures).")
    working = ("Not available: internet use or the peer median is missing."
               if math.isnan(figure.gap) else
               f"{lesson.name}: {fmt_number(figure.value, '%')} ({figure.year}); peer median: "
               f"{fmt_number(figure.peer_median, '%')}; difference: "
               f"{fmt_number(abs(figure.gap))} percentage points.")
    return Exercise(question=question, answer=abs(figure.gap), unit="percentage points",
                    tolerance=0.5,
                    explanation="The gap is the country's value minus the peer median; a "
                                "percentage-point gap compares shares of the population directly.",
                    hint="Subtract the smaller of the two figures from the larger.",
                    solution=working)


def exercise_normalise(lesson: Lesson, indicator: str = "internet_users_share") -> Exercise:
    """Min-max normalisation by hand: the focus country's 0–100 score on one component,
    from the lowest and highest values among all countries (the index's own step)."""
    values = latest_within(lesson.ds, indicator, None, lesson.end_year)["value"]
    own = values.get(lesson.country, float("nan"))
    low, high = (float(values.min()), float(values.max())) if len(values) else (np.nan, np.nan)
    answer = 100 * (own - low) / (high - low) if high > low else float("nan")
    unit = lesson.ds.indicator(indicator).unit
    shown = (f"{fmt_number(own, unit)}, lowest {fmt_number(low, unit)}, highest "
             f"{fmt_number(high, unit)}" if not math.isnan(answer) else "no recent figure")
    question = (f"The index rescales each component to 0–100 with min-max normalisation. "
                f"On {_in_sentence(_short(lesson, indicator))}, {lesson.name} has {shown} "
                f"(latest figures, {lesson.end_year - WINDOW_YEARS + 1}–{lesson.end_year}). "
                "What is its normalised score?")
    return Exercise(question=question, answer=answer, unit="points (0–100)", tolerance=1.0,
                    explanation="(value − lowest) / (highest − lowest) × 100 puts the lowest "
                                "country at 0 and the highest at 100.",
                    hint="Divide the distance from the lowest value by the whole range.",
                    solution=f"(value − lowest) / (highest − lowest) × 100 with {shown}.")


# --------------------------------------------------------------------- cases and sources
def policy_cases_markdown(lesson: Lesson, flags: Sequence[str]) -> str:
    """Cases from the library for the flagged digital challenges; when none is flagged,
    cases on the digital challenges in general, said as such."""
    cases = lesson.policy_cases(flags, MEGATREND)
    intro = (f"Challenges flagged for {lesson.name}: "
             + ", ".join(CHALLENGE_FLAGS[f].label.lower() for f in flags) + ".")
    if not cases:
        general = [f for f, flag in CHALLENGE_FLAGS.items() if flag.megatrend == MEGATREND]
        cases = lesson.policy_cases(general, MEGATREND)
        intro = (f"No digital challenge is flagged for {lesson.name} by the rules used here; "
                 "these cases show what other countries did on digital readiness in general.")
    if not cases:
        return intro + " The case library holds no case on these challenges yet."
    return "\n\n".join([intro, *(case_markdown(case) for case in cases)])


def sources_table(lesson: Lesson) -> pd.DataFrame:
    """Publisher, licence, file years and provenance of each indicator in this lesson,
    from the data pack's manifest."""
    files = {s["file"]: s for s in lesson.ds.manifest.get("sources", [])}
    rows = []
    for indicator in (*INDICATORS, INCOME_INDICATOR):
        ind = lesson.ds.indicator(indicator)
        entry = files.get(f"wdi/{ind.source_code}.csv", {})
        first, last = entry.get("first_year"), entry.get("last_year")
        rows.append({"Indicator": _short(lesson, indicator), "Code": ind.source_code,
                     "Publisher": entry.get("publisher", ind.source),
                     "Licence": entry.get("licence", "see manifest"),
                     "Years in file": f"{first}–{last}" if first and last else "–"})
    return pd.DataFrame(rows)
