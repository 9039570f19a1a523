"""The industrial profile lesson (``notebooks/00_industrial_profile``): where a country's
manufacturing stands, how its economy's structure moved, and how its industrial
performance ranks.

Each section function takes the :class:`~policylab.lessons.context.Lesson` and returns a
plotly figure, a table or a key message; when the data are missing it records an honest
note with ``lesson.skip`` and returns None, so every country in the pack runs the notebook.
Cross-country computations that do not depend on the focus country (the CIP composite and
its sensitivity, the world pattern of manufacturing against income) are cached per data
pack and year, because the batch runs this lesson for some two hundred countries in a
kept-alive kernel.

Methods: UNIDO's Competitive Industrial Performance index (``policylab.metrics.cip``); the
three-term shift-share decomposition (``policylab.metrics.shiftshare``); the hump-shaped
relation between manufacturing's share of GDP and income, from which Rodrik (2016,
"Premature deindustrialization", *Journal of Economic Growth* 21) reads premature
de-industrialization.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown, display

from policylab.cases import CHALLENGE_FLAGS, case_markdown
from policylab.charts import (
    line_compare,
    range_plot,
    scatter_compare,
    stacked_area,
    title_with_subtitle,
)
from policylab.charts.template import (
    FOCUS_COLOUR,
    FOCUS_WIDTH,
    OTHER_COLOUR,
    axis_title,
    new_figure,
    peer_colour,
)
from policylab.display import show_table
from policylab.errors import DataError
from policylab.learning.exercises import Exercise
from policylab.lessons import sdg9
from policylab.lessons.context import Lesson, start_lesson
from policylab.metrics import cip, shiftshare
from policylab.metrics.growth import cagr
from policylab.narrative import (
    KeyMessage,
    change_message,
    fmt_number,
    fmt_quantity,
    fmt_year_range,
    level_vs_group_message,
)
from policylab.narrative.format import ordinal
from policylab.pack.dataset import Dataset
from policylab.peers import choose_peers, peer_median
from policylab.results import FLAG_RULES

NOTEBOOK = "00_industrial_profile"

#: Headline figures of this notebook in the results file (``cip_rank`` joins them when the
#: data pack carries it, see :func:`headline_ids`).
HEADLINE = ("mva_share_gdp", "mva_per_capita", "mht_share_mva", "manuf_share_merch_exports")
#: Indicators whose challenge rules (``policylab.results.FLAG_RULES``) this notebook applies.
FLAG_INDICATORS = tuple(rule.indicator for rule in FLAG_RULES if rule.indicator in HEADLINE)

#: What the explorer offers: label -> indicator id.
EXPLORER_INDICATORS = {
    "Industry (with mining, utilities, construction), share of GDP": "industry_share_gdp",
    "Investment (gross capital formation), share of GDP": "investment_share_gdp",
    "Manufacturing share of GDP": "mva_share_gdp",
    "Manufacturing value added per person": "mva_per_capita",
    "Manufactures share of merchandise exports": "manuf_share_merch_exports",
    "Medium/high-tech share of manufacturing": "mht_share_mva",
}
#: The explorer starts on a measure that no other chart of the notebook shows, so that its
#: static (printed) rendering adds a view instead of repeating section 1.
EXPLORER_START = "industry_share_gdp"

#: The group whose median the trend charts draw ("region" or "income_group").
DEFAULT_GROUP = "region"
#: A fall in manufacturing's share of GDP of more than this many percentage points over the
#: period counts as de-industrialization in :func:`deindustrialization_message`; smaller
#: moves are within the year-to-year noise of national accounts revisions.
DEINDUSTRIALIZATION_DROP_PP = 1.0
#: Countries' latest values for the world pattern come from this many years up to the
#: reference year, as for peer medians.
PATTERN_WINDOW_YEARS = 5

SECTOR_LABELS = {
    "agriculture": "Agriculture",
    "industry_other": "Industry other than manufacturing",
    "manufacturing": "Manufacturing",
    "services": "Services (residual)",
}
SHIFT_SHARE_TERMS = {"within": "Within sectors", "static": "Static reallocation",
                     "dynamic": "Dynamic reallocation"}



# --------------------------------------------------------------------- start
def begin(country: str, peers: list[str], start_year: int, end_year: int,
          ds: Dataset | None = None) -> Lesson:
    """``context.start_lesson`` for this notebook."""
    return start_lesson(NOTEBOOK, country, peers, start_year, end_year, ds=ds)


# --------------------------------------------------------------------- small text helpers
def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _noun(ds: Dataset, indicator: str) -> str:
    """The catalogue label inside a sentence (first letter lowered unless an acronym); "per
    capita" is dropped when the unit already says "per person", so that sentences read
    "manufacturing value added rose to US$ 147.7 per person", not "per capita ... per person"."""
    ind = ds.indicator(indicator)
    label = ind.label.split(" (")[0].strip()
    if "per person" in ind.unit:
        label = label.removesuffix(" per capita")
    first = label.split(" ")[0]
    if any(ch.isupper() or ch.isdigit() for ch in first[1:]):
        return label
    return label[:1].lower() + label[1:]


def _points(value: float) -> str:
    """A difference of two percentages, in percentage points."""
    return f"{fmt_number(abs(value), '', 1)} percentage points"


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


def _group_label(lesson: Lesson, group: str) -> str:
    if group == "region":
        return f"{lesson.region} median"
    return f"{lesson.income_group.lower()} countries' median"


def _comparison_label(lesson: Lesson, group: str) -> str:
    """The group median as ``narrative.change_message`` puts it after "against a"."""
    if group == "region":
        return f"regional median ({lesson.region})"
    return f"median of {lesson.income_group.lower()} countries"


def _lower_first(text: str) -> str:
    """A label inside a sentence: "Low manufactured exports" -> "low manufactured exports",
    acronyms ("CO2 emissions") kept."""
    first = text.split(" ")[0]
    if any(ch.isupper() or ch.isdigit() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _peer_words(lesson: Lesson) -> str:
    count = len(lesson.peer_codes)
    kind = "structural peers" if lesson.peers.method != "user" else "chosen peers"
    return f"{count} {kind}" if count != 1 else f"1 {kind[:-1]}"


# --------------------------------------------------------------------- trends over time
@functools.lru_cache(maxsize=64)
def indicator_rows(ds: Dataset, indicator: str) -> dict[str, pd.DataFrame]:
    """Every non-missing observation of ``indicator`` as ``iso3 -> rows (iso3, year,
    value)``, cached per pack: a lookup here is much faster than filtering the pack once
    per country, which matters when the batch runs every country."""
    long = ds.series(indicator).dropna(subset=["value"])
    return {str(code): rows for code, rows in long.groupby("iso3", sort=False)}


_NO_ROWS = pd.DataFrame({"iso3": pd.Series(dtype=str), "year": pd.Series(dtype="int64"),
                         "value": pd.Series(dtype=float)})


def _country_rows(ds: Dataset, indicator: str, codes: list[str],
                  years: tuple[int, int]) -> pd.DataFrame:
    found = indicator_rows(ds, indicator)
    parts = [found[c] for c in codes if c in found]
    rows = pd.concat(parts, ignore_index=True) if parts else _NO_ROWS
    return rows[rows["year"].between(*years)]


def _focus_window(lesson: Lesson, indicator: str) -> pd.Series:
    rows = _country_rows(lesson.ds, indicator, [lesson.country], lesson.years)
    return rows.set_index("year")["value"].sort_index()


def _panel(lesson: Lesson, indicator: str) -> pd.DataFrame:
    rows = _country_rows(lesson.ds, indicator, lesson.codes, lesson.years)
    return rows.pivot(index="year", columns="iso3", values="value")


#: A group median is drawn only in years when at least this share of the group's best-covered
#: year reports: in the latest year often only a handful of members have published, and
#: their median jumps for that reason alone.
MEDIAN_MIN_COVERAGE = 0.5


@functools.lru_cache(maxsize=64)
def group_medians(ds: Dataset, indicator: str, group: str) -> pd.DataFrame:
    """``Dataset.group_median`` (``group, year, value``), cached per pack, indicator and
    kind of group, without the years in which fewer than ``MEDIAN_MIN_COVERAGE`` of the
    group's usual number of reporting countries have data."""
    medians = ds.group_median(indicator, group)
    meta = ds.countries()[group]
    rows = indicator_rows(ds, indicator)
    long = pd.concat([rows[c] for c in meta.index if c in rows] or [_NO_ROWS])
    counts = long.assign(group=long["iso3"].map(meta)).groupby(["group", "year"]).size()
    counts = counts.rename("n").reset_index()
    counts["enough"] = counts["n"] >= MEDIAN_MIN_COVERAGE * counts.groupby("group")["n"] \
        .transform("max")
    kept = medians.merge(counts[["group", "year", "enough"]], on=["group", "year"], how="left")
    return kept[kept["enough"].fillna(False).astype(bool)][["group", "year", "value"]] \
        .reset_index(drop=True)


def _group_median(lesson: Lesson, indicator: str, group: str) -> pd.Series:
    label = lesson.region if group == "region" else lesson.income_group
    medians = group_medians(lesson.ds, indicator, group)
    mine = medians[(medians["group"] == label) & medians["year"].between(*lesson.years)]
    return mine.set_index("year")["value"]


def trend_title(lesson: Lesson, indicator: str) -> str:
    """A title stating what happened to ``indicator`` over the lesson's years, e.g.
    "Kenya's manufacturing value added fell from 12.3% to 7.6% of GDP, 2000–2024"."""
    ds, unit = lesson.ds, lesson.ds.indicator(indicator).unit
    values = _focus_window(lesson, indicator)
    who = f"{_possessive(lesson.name)} {_noun(ds, indicator)}"
    if values.empty:
        return f"No data on {_noun(ds, indicator)} for {lesson.name}, " \
               f"{fmt_year_range(*lesson.years)}"
    (y0, v0), (y1, v1) = (values.index[0], values.iloc[0]), (values.index[-1], values.iloc[-1])
    if y0 == y1:
        return f"{who} was {fmt_quantity(v1, unit)} in {y1}, the only year with data"
    if fmt_number(v0, unit) == fmt_number(v1, unit):
        return f"{who} stayed at {fmt_quantity(v1, unit)}, {fmt_year_range(y0, y1)}"
    verb = "rose" if v1 > v0 else "fell"
    return (f"{who} {verb} from {fmt_number(v0, unit)} to {fmt_quantity(v1, unit)}, "
            f"{fmt_year_range(y0, y1)}")


def trend_chart(lesson: Lesson, indicator: str, group: str = DEFAULT_GROUP) -> go.Figure | None:
    """``indicator`` over the lesson's years: the country, its peers and the median of its
    region (or income group), with a title that states the country's own change."""
    ds = lesson.ds
    ind = ds.indicator(indicator)
    if _focus_window(lesson, indicator).empty:
        lesson.skip(ind.label, _no_data_reason(lesson, indicator))
        return None
    panel = _panel(lesson, indicator)
    subtitle = (f"{ind.label} ({ind.unit}): {lesson.name}, {_peer_words(lesson)} and the "
                f"{_group_label(lesson, group)}")
    return line_compare(
        panel, lesson.country, lesson.peer_codes, _group_median(lesson, indicator, group),
        title=title_with_subtitle(trend_title(lesson, indicator), subtitle),
        unit=ind.unit, source=source_text(lesson, indicator), names=lesson.names,
        y_label=_upper_first(ind.unit), group_label=_upper_first(_group_label(lesson, group)),
    )


def _no_data_reason(lesson: Lesson, indicator: str) -> str:
    ds = lesson.ds
    ind = ds.indicator(indicator)
    latest = ds.latest(indicator, lesson.country)
    span = fmt_year_range(*lesson.years)
    if latest.year is None:
        return (f"The data pack has no figure on {_noun(ds, indicator)} for {lesson.name}. "
                f"{source_text(lesson, indicator).replace('<br>', ' ')}")
    return (f"The data pack has no figure on {_noun(ds, indicator)} for {lesson.name} in "
            f"{span}; the latest is {fmt_quantity(latest.value, ind.unit)} from {latest.year}.")


def trend_message(lesson: Lesson, indicator: str, group: str = DEFAULT_GROUP) -> KeyMessage:
    """The country's change over the lesson's years against its group median in the last
    year (``narrative.change_message``)."""
    medians = _group_median(lesson, indicator, group)
    last = _focus_window(lesson, indicator)
    comparison = None
    if not last.empty:
        near = medians[medians.index <= last.index[-1]]
        value, year = ((float(near.iloc[-1]), int(near.index[-1])) if not near.empty
                       else (float("nan"), None))
        comparison = (_comparison_label(lesson, group), value, year)
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year, comparison=comparison)


def peer_message(lesson: Lesson, indicator: str) -> KeyMessage:
    """The country's latest level against the median of its peers."""
    return level_vs_group_message(lesson.ds, indicator, lesson.country, lesson.peers,
                                  year=lesson.end_year)


def standing_table(lesson: Lesson, indicators: tuple[str, ...] = (
        *HEADLINE, "manuf_exports_per_capita", "mht_share_manuf_exports")) -> pd.DataFrame:
    """Latest value of each indicator against the peer, region and income-group medians
    (each group's median in the country's own year)."""
    ds, rows = lesson.ds, []
    for indicator in indicators:
        ind = ds.indicator(indicator)
        own = ds.latest(indicator, lesson.country, max_year=lesson.end_year)
        reference = own.year if own.year is not None else lesson.end_year
        row = {"indicator": f"{ind.label} ({ind.unit})", "year": own.year,
               lesson.name: own.value,
               "peer median": peer_median(ds, indicator, lesson.peer_codes, reference)[0]}
        for group, label in (("region", lesson.region), ("income_group", lesson.income_group)):
            medians = group_medians(ds, indicator, group)
            mine = medians[(medians["group"] == label) & (medians["year"] == reference)]
            row[f"{label} median"] = float(mine["value"].iloc[0]) if len(mine) else np.nan
        rows.append(row)
    table = pd.DataFrame(rows).set_index("indicator")
    table["year"] = table["year"].astype(float)  # missing years print as a dash
    return table


# --------------------------------------------------------------------- CIP composite
@functools.lru_cache(maxsize=2)
def cip_inputs(ds: Dataset) -> pd.DataFrame:
    """The six CIP components for every country and year of the pack (cached per pack)."""
    needed = sorted({s for parts in cip.COMPONENT_SOURCES.values() for s in parts})
    countries = list(ds.countries().index)
    long = pd.concat([ds.series(ind, countries).assign(indicator=ind) for ind in needed])
    wide = long.pivot_table(index=["iso3", "year"], columns="indicator", values="value",
                            aggfunc="first").reindex(columns=needed)
    return cip.cip_components(wide.reset_index())


@functools.lru_cache(maxsize=2)
def cip_table_all(ds: Dataset) -> pd.DataFrame:
    """CIP score and rank of every country and year (``metrics.cip.cip_scores``), cached."""
    return cip.cip_scores(cip_inputs(ds))


@functools.lru_cache(maxsize=16)
def cip_ranges(ds: Dataset, year: int) -> pd.DataFrame:
    """Rank intervals under random weights and the z-score rank in ``year``, cached."""
    return cip.cip_sensitivity(cip_inputs(ds), year).set_index("iso3")


#: The CIP chart also shows the countries ranked this many places above and below the focus,
#: so that a country with few ranked peers is still seen among its neighbours.
CIP_NEIGHBOURS = 2


@dataclass(frozen=True)
class CipResult:
    """The focus country's CIP position in ``year``: rank of ``n_ranked``, the
    ``RANK_INTERVAL`` range of ranks under random weights, and the rank with z-scores."""

    year: int
    score: float
    rank: int
    n_ranked: int
    rank_low: int
    rank_high: int
    rank_zscore: int


def cip_year(lesson: Lesson) -> int | None:
    """The latest year up to the lesson's end in which the country is ranked; None if never."""
    scores = cip_table_all(lesson.ds)
    mine = scores[(scores["iso3"] == lesson.country) & scores["cip_rank"].notna()
                  & (scores["year"] <= lesson.end_year)]
    return None if mine.empty else int(mine["year"].max())


def cip_result(lesson: Lesson) -> CipResult | None:
    """The country's CIP rank with its interval, or None when it is never ranked."""
    year = cip_year(lesson)
    if year is None:
        return None
    scores = cip_table_all(lesson.ds)
    row = scores[(scores["iso3"] == lesson.country) & (scores["year"] == year)].iloc[0]
    ranges = cip_ranges(lesson.ds, year).loc[lesson.country]
    return CipResult(year, float(row["cip_score"]), int(row["cip_rank"]), int(row["n_ranked"]),
                     int(ranges["rank_low"]), int(ranges["rank_high"]),
                     int(ranges["rank_zscore"]))


def _cip_missing_reason(lesson: Lesson) -> str:
    scores = cip_table_all(lesson.ds)
    mine = scores[(scores["iso3"] == lesson.country) & (scores["year"] <= lesson.end_year)]
    reasons = mine.sort_values("year")["missing_reason"]
    reasons = reasons[reasons != ""]
    if len(reasons):
        absent = reasons.iloc[-1].removeprefix("missing ").split(", ")
        what = "; ".join(CIP_COMPONENT_LABELS.get(c, c).split(" (")[0].lower() for c in absent)
        what = f"in its latest year it lacks: {what}"
    else:
        what = "it lacks every component"
    return (f"{lesson.name} has no year with all six CIP components ({what}); the "
            "composite is never computed from estimated values.")


def cip_rank_text(result: CipResult) -> str:
    """``"rank 54 (48–61) of 140"``: the rank and its interval under other weights."""
    return (f"rank {result.rank} ({result.rank_low}\u2013{result.rank_high}) "
            f"of {result.n_ranked}")


def cip_chart(lesson: Lesson) -> go.Figure | None:
    """The CIP rank of the country and its peers, each with the range of ranks it takes
    under random weights (``metrics.cip.cip_sensitivity``)."""
    result = cip_result(lesson)
    if result is None:
        lesson.skip("Competitive Industrial Performance", _cip_missing_reason(lesson))
        return None
    ranges = cip_ranges(lesson.ds, result.year)
    near = ranges.index[(ranges["rank"] - result.rank).abs() <= CIP_NEIGHBOURS]
    codes = [c for c in dict.fromkeys([*lesson.codes, *near]) if c in ranges.index]
    shown = ranges.loc[codes]
    data = pd.DataFrame({"value": shown["rank"], "low": shown["rank_low"],
                         "high": shown["rank_high"]})
    low, high = (int(p) for p in cip.RANK_INTERVAL)
    title = (f"{lesson.name} ranks {ordinal(result.rank)} of {result.n_ranked} countries on "
             f"the CIP composite in {result.year}; with other weights, anywhere from "
             f"{ordinal(result.rank_low)} to {ordinal(result.rank_high)}")
    subtitle = (f"Rank on the CIP composite (1 = best); bars: {low}th–{high}th percentile of "
                f"ranks under random weights; grey: countries up to {CIP_NEIGHBOURS} places "
                "either side")
    return range_plot(
        data, lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle), x_label="CIP rank (1 = best)",
        source=source_text(lesson, "mva_per_capita", "manuf_exports_per_capita",
                           "mht_share_mva", "mht_share_manuf_exports",
                           note="CIP computed by policylab (UNIDO method)."),
        names={c: lesson.ds.name(c) for c in codes},
    )


def cip_table(lesson: Lesson) -> pd.DataFrame | None:
    """The country and its peers on the CIP composite: score, rank, rank interval, rank
    under z-scores, and the six components (before normalisation)."""
    year = cip_year(lesson)
    if year is None:
        return None
    ranges = cip_ranges(lesson.ds, year)
    components = cip_inputs(lesson.ds)
    comps = components[components["year"] == year].set_index("iso3")
    scores = cip_table_all(lesson.ds)
    score = scores[scores["year"] == year].set_index("iso3")["cip_score"]
    rows = []
    for code in lesson.codes:
        ranked = code in ranges.index
        rows.append({
            "country": lesson.ds.name(code),
            "CIP score": score.get(code, np.nan),
            "rank": ranges.at[code, "rank"] if ranked else np.nan,
            "rank range": (f"{ranges.at[code, 'rank_low']}\u2013{ranges.at[code, 'rank_high']}"
                           if ranked else "not ranked"),
            "rank with z-scores": ranges.at[code, "rank_zscore"] if ranked else np.nan,
            **{_component_label(c): comps.at[code, c] if code in comps.index else np.nan
               for c in cip.COMPONENTS},
        })
    table = pd.DataFrame(rows).set_index("country")
    for column in ("rank", "rank with z-scores"):  # float: unranked rows print as a dash
        table[column] = table[column].astype(float)
    return table


def _significant(value: object) -> str:
    """Three significant figures: world shares of small economies are tiny but not zero."""
    return f"{float(value):,.3g}" if float(value) >= 0.001 else "below 0.001"


def show_cip_table(lesson: Lesson) -> None:
    """:func:`cip_table` with readable precision (ranks as integers, scores to three
    decimals, world shares to three significant figures); nothing when never ranked."""
    table = cip_table(lesson)
    if table is None:
        return
    year = cip_year(lesson)
    formats = {"CIP score": "{:.3f}", "rank": "{:.0f}", "rank with z-scores": "{:.0f}",
               **{_component_label(c): _significant for c in
                  ("world_mva_share", "world_manuf_exports_share")}}
    show_table(table, f"CIP composite in {year}: {lesson.name} and its peers (a dash: "
               "not ranked that year, or component missing)",
               "policylab CIP (UNIDO method) from World Bank WDI series.", formats)


CIP_COMPONENT_LABELS = {
    "mva_per_capita": "MVA per person (US$)",
    "manuf_exports_per_capita": "Manufactured exports per person (US$)",
    "industrialization_intensity": "Industrialization intensity (%)",
    "export_quality": "Export quality (%)",
    "world_mva_share": "Share of world MVA (%)",
    "world_manuf_exports_share": "Share of world manufactured exports (%)",
}


def _component_label(component: str) -> str:
    return CIP_COMPONENT_LABELS[component]


def cip_message(lesson: Lesson) -> KeyMessage | None:
    """The CIP rank as a sentence with its interval; None when the country is not ranked."""
    result = cip_result(lesson)
    if result is None:
        return None
    low, high = (int(p) for p in cip.RANK_INTERVAL)
    text = (f"On the Competitive Industrial Performance composite, {lesson.name} ranked "
            f"{result.rank} of {result.n_ranked} countries in {result.year}; with other "
            f"weights for its six components the rank lies between {result.rank_low} and "
            f"{result.rank_high} ({low}th–{high}th percentile), and with z-scores instead of "
            f"min-max it is {result.rank_zscore}.")
    return KeyMessage(text, "cip_rank", {"rank": result.rank, "count": result.n_ranked,
                                         "year": result.year, "rank_low": result.rank_low,
                                         "rank_high": result.rank_high,
                                         "rank_zscore": result.rank_zscore})


def cip_method_note() -> str:
    """The CIP method box (Markdown) with the method's parameters taken from the code."""
    low, high = (int(p) for p in cip.RANK_INTERVAL)
    return (
        "**Method: the Competitive Industrial Performance (CIP) composite** (UNIDO).\n\n"
        "- *Six components:* manufacturing value added (MVA) per person; manufactured "
        "exports per person; industrialization intensity = mean of the medium/high-tech "
        "share of MVA and the MVA share of GDP; export quality = mean of the medium/high-"
        "tech share of manufactured exports and the manufactures share of merchandise "
        "exports; the share of world MVA; the share of world manufactured exports.\n"
        "- *Normalisation, per year:* `x' = ε + (1 − ε) · (x − min) / (max − min)` with "
        f"`ε = {cip.EPSILON}`. Plain min-max would give the weakest country a 0 on that "
        "component, and a geometric mean of anything with a 0 is 0: that country would be "
        "last whatever its other strengths. The floor ε avoids this.\n"
        "- *Aggregation:* the geometric mean `CIP = (c₁ · c₂ · … · c₆)^(1/6)`, so a weak "
        "component cannot be fully offset by a strong one.\n"
        "- *Coverage:* a country missing any component in a year is not ranked that year "
        "(nothing is imputed); the components come from WDI, so the ranks differ from "
        "UNIDO's published ones.\n"
        "- *Why the rank is uncertain:* equal weights are a convention, not a finding. "
        "The rank is recomputed under random weights (flat Dirichlet draws over the six "
        f"components); the range shown is the {low}th–{high}th percentile of those ranks. "
        "The rank with z-scores instead of min-max shows the effect of the normalisation. "
        "A long bar means the rank depends on what one chooses to value."
    )


# --------------------------------------------------------------------- structural change
def structure_panel(lesson: Lesson) -> pd.DataFrame:
    """Shares of GDP by sector (agriculture, industry other than manufacturing,
    manufacturing, services) per year; they add up to 100."""
    def series(indicator: str) -> pd.Series:
        return _focus_window(lesson, indicator).rename(indicator)

    wide = pd.concat([series(i) for i in ("agriculture_share_gdp", "industry_share_gdp",
                                          "mva_share_gdp", "services_share_gdp")], axis=1)
    wide = wide.reindex(columns=["agriculture_share_gdp", "industry_share_gdp",
                                 "mva_share_gdp", "services_share_gdp"])
    panel = pd.DataFrame({
        "agriculture": wide["agriculture_share_gdp"],
        "industry_other": wide["industry_share_gdp"] - wide["mva_share_gdp"],
        "manufacturing": wide["mva_share_gdp"],
        "services": wide["services_share_gdp"],
    })
    # a manufacturing share above industry's is a reporting inconsistency, not a structure
    panel = panel[~(panel["industry_other"] < 0)]
    return panel.dropna(how="any")


def structure_chart(lesson: Lesson) -> go.Figure | None:
    """Stacked shares of GDP by sector, titled with the sector that moved most."""
    panel = structure_panel(lesson)
    if len(panel) < 2:
        lesson.skip("Structure of the economy",
                    f"The data pack has fewer than two years with agriculture, industry, "
                    f"manufacturing and services shares of GDP for {lesson.name} in "
                    f"{fmt_year_range(*lesson.years)}.")
        return None
    change = panel.iloc[-1] - panel.iloc[0]
    mover = change.abs().idxmax()
    y0, y1 = int(panel.index[0]), int(panel.index[-1])
    verb = "grew" if change[mover] > 0 else "shrank"
    title = (f"In {lesson.name}, {SECTOR_LABELS[mover].lower()} {verb} most: from "
             f"{fmt_number(panel[mover].iloc[0], '%')} to "
             f"{fmt_quantity(panel[mover].iloc[-1], '% of GDP')}, {fmt_year_range(y0, y1)}")
    return stacked_area(
        panel, title=title_with_subtitle(title, "Value added by sector (% of GDP); "
                                         "years with all four shares"),
        unit="% of GDP", labels=SECTOR_LABELS, y_label="Share of GDP",
        source=source_text(lesson, "agriculture_share_gdp", "industry_share_gdp",
                           "mva_share_gdp",
                           note="Services are the residual, including net taxes on products."),
    )


SHIFT_SHARE_INDICATORS = ("labour_force", "female_share_labour_force", "gdp_const_usd",
                          "agriculture_share_gdp", "industry_share_gdp",
                          "services_share_gdp",
                          *(f"empl_{s}_{sex}" for s in shiftshare.SECTORS
                            for sex in ("female", "male")))


def shift_share_for(lesson: Lesson, country: str) -> shiftshare.ShiftShare | None:
    """The shift-share decomposition for one country over the lesson's years, or None when
    the data do not allow it (cached: the chart, table and message share it)."""
    return _shift_share(lesson.ds, country, lesson.start_year, lesson.end_year)


@functools.lru_cache(maxsize=512)
def _shift_share(ds: Dataset, country: str, start: int, end: int
                 ) -> shiftshare.ShiftShare | None:
    long = pd.concat([_country_rows(ds, ind, [country], (start, end)).assign(indicator=ind)
                      for ind in SHIFT_SHARE_INDICATORS])
    if long.empty:
        return None
    try:
        inputs = shiftshare.sector_inputs(long, country)
        return shiftshare.shift_share(inputs.value_added, inputs.employment, start, end)
    except DataError:
        return None


def shift_share_chart(lesson: Lesson) -> go.Figure | None:
    """Labour-productivity growth split into within-sector growth and reallocation, for the
    country and each peer with data (stacked bars, total marked)."""
    results = {code: shift_share_for(lesson, code) for code in lesson.codes}
    mine = results[lesson.country]
    if mine is None:
        lesson.skip("Sources of productivity growth",
                    f"The data pack lacks, for {lesson.name}, two years in "
                    f"{fmt_year_range(*lesson.years)} with GDP at constant prices, sector "
                    "shares of GDP and sector employment shares by sex.")
        return None
    shown = [c for c in lesson.codes if results[c] is not None]
    labels = [f"<b>{lesson.names[c]}</b>" if c == lesson.country else lesson.names[c]
              for c in shown]
    lead = max(SHIFT_SHARE_TERMS, key=lambda t: abs(getattr(mine, t)))
    title = (f"{_possessive(lesson.name)} output per worker {_moved(mine.total)}, "
             f"{fmt_year_range(mine.start_year, mine.end_year)}; the largest source: "
             f"{SHIFT_SHARE_LEADS[lead]} ({_signed_points(getattr(mine, lead))})")
    fig = new_figure(title_with_subtitle(title, "Change in output per worker (% of its "
                                                "first-year level), split into its sources; "
                                                "each country over its own years with data"),
                     source_text(lesson, "gdp_const_usd", *(f"{s}_share_gdp" for s in
                                                            shiftshare.SECTORS[:2]),
                                 "labour_force", "female_share_labour_force",
                                 note="Employment by sector and sex: SL.AGR/IND/SRV.EMPL.FE/MA.ZS;"
                                      " employment approximated with the labour force."),
                     height=max(480, 50 * len(shown) + 260))
    for position, (term, name) in enumerate(SHIFT_SHARE_TERMS.items()):
        fig.add_trace(go.Bar(
            y=labels, x=[getattr(results[c], term) for c in shown], orientation="h", name=name,
            marker_color=peer_colour(position),
            customdata=[fmt_year_range(results[c].start_year, results[c].end_year)
                        for c in shown],
            hovertemplate=f"%{{y}}: {name} %{{x:+.1f}}% (%{{customdata}})<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        y=labels, x=[results[c].total for c in shown], mode="markers", name="Total change",
        marker={"symbol": "diamond", "size": 14, "color": FOCUS_COLOUR,
                "line": {"color": "white", "width": 1}},
        hovertemplate="%{y}: total %{x:+.1f}%<extra></extra>",
    ))
    fig.update_layout(barmode="relative", hovermode="closest",
                      xaxis={"title": axis_title("Change in output per worker",
                                                 "% of first-year level"),
                             "showgrid": True, "gridcolor": "#E5E5E5", "zeroline": True,
                             "zerolinecolor": "#888888"},
                      yaxis={"autorange": "reversed", "showgrid": False, "ticks": ""})
    return fig


#: The shift-share term as the largest source of change, in a chart title.
SHIFT_SHARE_LEADS = {"within": "growth within sectors",
                     "static": "workers moving to more productive sectors",
                     "dynamic": "workers moving to sectors whose productivity grew"}


def _moved(change: float) -> str:
    """"rose by 36.7%" / "fell by 4.2%" / "did not change" for a % change."""
    size = fmt_number(abs(change), "%")
    if size == "0%":
        return "did not change"
    return f"{'rose' if change > 0 else 'fell'} by {size}"


def _signed_points(value: float) -> str:
    """A contribution to a % change, in points: "+18.3 points", "−2.6 points"."""
    return f"{_signed_percent(value).removesuffix('%').replace('-', MINUS)} points"


MINUS = "\u2212"


def _signed_one_decimal(value: object) -> str:
    """A table cell with a sign and a true minus: "+7.5", "−5.9"."""
    return f"{float(value):+.1f}".replace("-", MINUS)


def _signed_percent(value: float) -> str:
    text = fmt_number(value, "%")
    return text if text.startswith("-") else f"+{text}"


def shift_share_table(lesson: Lesson) -> pd.DataFrame | None:
    """The country's decomposition by sector, in % of first-year output per worker."""
    result = shift_share_for(lesson, lesson.country)
    if result is None:
        return None
    table = result.by_sector * 100.0 / result.productivity_start
    table = table.rename(columns={**SHIFT_SHARE_TERMS, "total": "Total"})
    table.index = [s.capitalize() for s in table.index]
    table.index.name = f"Sector ({fmt_year_range(result.start_year, result.end_year)})"
    table.loc["All sectors"] = table.sum()
    return table


def show_shift_share_table(lesson: Lesson) -> None:
    """:func:`shift_share_table` with one decimal throughout; nothing without data."""
    table = shift_share_table(lesson)
    if table is None:
        return
    show_table(table, f"{lesson.name}: sources of the change in output per worker, by sector "
               "(percentage points of the first-year level; rows and columns add up)",
               "policylab shift-share from World Bank WDI; employment approximated with the "
               "labour force.", dict.fromkeys(table.columns, _signed_one_decimal))


def shift_share_message(lesson: Lesson) -> KeyMessage | None:
    """Which source drove the country's productivity change; None without data."""
    result = shift_share_for(lesson, lesson.country)
    if result is None:
        return None
    parts = ", ".join(f"{SHIFT_SHARE_TERMS[t].lower()} "
                      f"{_signed_percent(getattr(result, t)).removesuffix('%')}"
                      for t in SHIFT_SHARE_TERMS)
    text = (f"{_possessive(lesson.name)} output per worker {_moved(result.total)} between "
            f"{result.start_year} and {result.end_year}; in percentage points of its "
            f"first-year level, {parts} (employment approximated with the labour force).")
    return KeyMessage(text, None, {"total": result.total, "within": result.within,
                                   "static": result.static, "dynamic": result.dynamic,
                                   "start_year": result.start_year,
                                   "end_year": result.end_year})


def employment_note() -> str:
    """The approximations behind the shift-share, as stated by ``metrics.shiftshare``."""
    return f"**How employment is measured here.** {shiftshare.EMPLOYMENT_NOTE}"


# --------------------------------------------------------------------- de-industrialization
@functools.lru_cache(maxsize=4)
def income_and_mva(ds: Dataset) -> pd.DataFrame:
    """GDP per person (constant 2015 US$, GDP at constant prices / population) and the
    MVA share of GDP, for every country and year where both exist (cached per pack)."""
    countries = list(ds.countries().index)
    gdp = ds.panel("gdp_const_usd", countries).stack().rename("gdp")
    pop = ds.panel("population", countries).stack().rename("pop")
    mva = ds.panel("mva_share_gdp", countries).stack().rename("mva_share")
    both = pd.concat([gdp, pop, mva], axis=1).dropna()
    both["income"] = both["gdp"] / both["pop"]
    both = both[both["income"] > 0]
    return both[["income", "mva_share"]].rename_axis(["year", "iso3"]).reset_index()


@functools.lru_cache(maxsize=16)
def world_pattern_cross_section(ds: Dataset, year: int) -> pd.DataFrame:
    """Each country's latest income and MVA share in the ``PATTERN_WINDOW_YEARS`` up to
    ``year`` (index ISO3; ``income, mva_share, year``)."""
    data = income_and_mva(ds)
    window = data[(data["year"] <= year) & (data["year"] > year - PATTERN_WINDOW_YEARS)]
    last = window.sort_values("year").groupby("iso3").tail(1)
    return last.set_index("iso3")[["income", "mva_share", "year"]]


@dataclass(frozen=True)
class WorldPattern:
    """The quadratic fit of MVA share on log10 income, and what it implies for a country."""

    coefficients: tuple[float, float, float]
    n_countries: int
    year: int

    def predict(self, income: float) -> float:
        return float(np.polyval(self.coefficients, math.log10(income)))

    @property
    def peak_income(self) -> float:
        """Income at which the fitted share peaks (NaN when the fit is not a hump)."""
        a, b, _ = self.coefficients
        return float(10 ** (-b / (2 * a))) if a < 0 else float("nan")


def pattern_year(lesson: Lesson) -> int | None:
    """The latest year up to the lesson's end with income and MVA share for the country."""
    data = income_and_mva(lesson.ds)
    mine = data[(data["iso3"] == lesson.country) & (data["year"] <= lesson.end_year)]
    return None if mine.empty else int(mine["year"].max())


def world_pattern(ds: Dataset, year: int) -> WorldPattern:
    """Least squares of MVA share on log10 income and its square over the cross-section
    (the same fit ``charts.scatter_compare(trend="quadratic", log_x=True)`` draws)."""
    cross = world_pattern_cross_section(ds, year)
    a, b, c = np.polyfit(np.log10(cross["income"]), cross["mva_share"], 2)
    return WorldPattern((float(a), float(b), float(c)), len(cross), year)


def deindustrialization_chart(lesson: Lesson) -> go.Figure | None:
    """MVA share against income for all countries (latest values), the fitted world
    pattern, and the country's own path over the lesson's years."""
    year = pattern_year(lesson)
    if year is None:
        lesson.skip("Manufacturing and income", f"The data pack has no year with both GDP at "
                    f"constant prices and the manufacturing share for {lesson.name}.")
        return None
    cross = world_pattern_cross_section(lesson.ds, year)
    pattern = world_pattern(lesson.ds, year)
    own = cross.loc[lesson.country]
    expected = pattern.predict(own["income"])
    gap = own["mva_share"] - expected
    relation = "above" if gap > 0 else "below"
    title = (f"{_possessive(lesson.name)} manufacturing share "
             f"({fmt_quantity(own['mva_share'], '% of GDP')}, {int(own['year'])}) is "
             f"{_points(gap)} {relation} the world pattern at its income")
    subtitle = (f"Each dot a country's latest year up to {year}; the line is a quadratic fit "
                f"over {pattern.n_countries} countries; the orange path is "
                f"{lesson.name} over time")
    fig = scatter_compare(
        cross, "income", "mva_share", lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle),
        x_label="GDP per person", y_label="Manufacturing value added",
        x_unit="constant 2015 US$, log scale", y_unit="% of GDP",
        source=source_text(lesson, "mva_share_gdp", "gdp_const_usd", "population"),
        names=lesson.names, log_x=True, trend="quadratic",
    )
    path = _country_path(lesson)
    fig.add_trace(go.Scatter(
        x=path["income"], y=path["mva_share"], mode="lines+markers",
        name=f"{lesson.name}, {fmt_year_range(int(path['year'].min()), int(path['year'].max()))}",
        line={"color": FOCUS_COLOUR, "width": FOCUS_WIDTH / 2},
        marker={"size": 5, "color": FOCUS_COLOUR}, customdata=path["year"],
        hovertemplate="%{customdata}: %{y:.1f}% of GDP at US$ %{x:,.0f}<extra></extra>",
        legendrank=1500,
    ))
    first = path.iloc[0]
    fig.add_annotation(x=math.log10(first["income"]), y=first["mva_share"],
                       text=str(int(first["year"])), showarrow=False, yshift=12,
                       font={"color": FOCUS_COLOUR, "size": 13})
    fig.update_traces(selector={"name": "Other countries"}, marker_color=OTHER_COLOUR)
    peak = pattern.peak_income
    if not math.isnan(peak) and cross["income"].min() < peak < cross["income"].max():
        # shapes take data values on a log axis, annotations take their log10
        fig.add_vline(x=peak, line_dash="dot", line_color="#888888", line_width=1)
        fig.add_annotation(x=math.log10(peak), y=0.98, xref="x", yref="paper", yanchor="top",
                           xanchor="left", xshift=4, showarrow=False,
                           font={"color": "#555555", "size": 12},
                           text=f"world pattern peaks at US$ {fmt_number(peak, '')}")
    ticks = _log_ticks(cross["income"])
    fig.update_xaxes(tickvals=ticks, ticktext=[f"{t:,.0f}" for t in ticks])
    return fig


def _log_ticks(values: pd.Series) -> list[float]:
    """1-3-10 ticks covering ``values`` (a log axis otherwise labels every digit)."""
    low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    return [m * 10.0 ** e for e in range(low, high + 1) for m in (1, 3)
            if values.min() / 3 <= m * 10.0 ** e <= values.max() * 3]


def _country_path(lesson: Lesson) -> pd.DataFrame:
    data = income_and_mva(lesson.ds)
    mine = data[(data["iso3"] == lesson.country) & data["year"].between(*lesson.years)]
    return mine.sort_values("year").reset_index(drop=True)


def deindustrialization_message(lesson: Lesson) -> KeyMessage | None:
    """What the country's path says about (premature) de-industrialization, with the
    numbers it rests on; None without data."""
    year = pattern_year(lesson)
    if year is None:
        return None
    pattern = world_pattern(lesson.ds, year)
    path = _country_path(lesson)
    own = world_pattern_cross_section(lesson.ds, year).loc[lesson.country]
    expected = pattern.predict(own["income"])
    peak = pattern.peak_income
    values: dict[str, Any] = {"mva_share": float(own["mva_share"]), "year": int(own["year"]),
                              "expected": expected, "peak_income": peak,
                              "income": float(own["income"])}
    text = (f"At {_possessive(lesson.name)} income (US$ {fmt_number(own['income'], '')} per "
            f"person at constant 2015 prices, {int(own['year'])}), the world pattern predicts "
            f"a manufacturing share of {fmt_quantity(expected, '% of GDP')}; the actual share "
            f"is {fmt_number(own['mva_share'], '%')}.")
    if len(path) >= 2:
        drop = float(path["mva_share"].iloc[-1] - path["mva_share"].iloc[0])
        values["change"] = drop
        span = fmt_year_range(int(path["year"].iloc[0]), int(path["year"].iloc[-1]))
        below_peak = not math.isnan(peak) and own["income"] < peak
        if drop < -DEINDUSTRIALIZATION_DROP_PP and below_peak:
            text += (f" The share fell by {_points(drop)} over {span} while income is below "
                     f"the level where the world pattern peaks (about US$ "
                     f"{fmt_number(peak, '')}): a sign of premature de-industrialization.")
        elif drop < -DEINDUSTRIALIZATION_DROP_PP:
            text += (f" The share fell by {_points(drop)} over {span}, at an income above the "
                     "world pattern's peak, where a falling share is the usual course.")
        else:
            text += f" The share did not fall by more than {_points(DEINDUSTRIALIZATION_DROP_PP)}" \
                    f" over {span}: no sign of de-industrialization in this period."
    return KeyMessage(text, "mva_share_gdp", values)


def deindustrialization_method_note() -> str:
    """The method box for the de-industrialization check, parameters from the code."""
    return (
        "**Method: premature de-industrialization check.** Across countries, manufacturing's "
        "share of GDP first rises with income and then falls (a hump). The line is a "
        "least-squares fit `share = a + b·log₁₀(income) + c·log₁₀(income)²` over each "
        f"country's latest year in a {PATTERN_WINDOW_YEARS}-year window; income is GDP at "
        "constant 2015 US$ divided by population. *Premature* de-industrialization (Rodrik "
        "2016) means the share starts falling at a lower income than it did for earlier "
        "industrialisers. Here a fall of more than "
        f"{_points(DEINDUSTRIALIZATION_DROP_PP)} over the period while income is below the "
        "fitted peak is read as a sign of it.\n\n"
        "*Limits:* a cross-section is not a path every country must follow; shares at current "
        "prices fall when manufactured goods get cheaper even if real output grows; "
        "outsourcing of services from factories lowers measured manufacturing; small and "
        "resource-rich economies sit far from the line for reasons of endowment, not "
        "policy. Treat the result as a question for the workshop, not a verdict."
    )


# --------------------------------------------------------------------- exercises
def cagr_exercise(lesson: Lesson, indicator: str = "mva_per_capita") -> Exercise:
    """"Compute the CAGR of <indicator> between the first and last year shown"."""
    ds = lesson.ds
    growth = cagr(_focus_window(lesson, indicator))
    unit = ds.indicator(indicator).unit
    if math.isnan(growth.rate):
        return Exercise(f"Compute the average annual growth of {_noun(ds, indicator)} for "
                        f"{lesson.name}.", float("nan"), unit="% a year")
    years = growth.end_year - growth.start_year
    return Exercise(
        question=(f"{lesson.name}'s {_noun(ds, indicator)} was "
                  f"{fmt_quantity(growth.start_value, unit)} in {growth.start_year} and "
                  f"{fmt_quantity(growth.end_value, unit)} in {growth.end_year}. What was its "
                  "compound annual growth rate (CAGR), in % a year?"),
        answer=round(growth.rate * 100, 2), unit="% a year", tolerance=0.2,
        hint=f"CAGR = (last / first)^(1 / number of years) − 1; here {years} years.",
        explanation=("the CAGR is the constant yearly rate that takes the first value to the "
                     "last; it is in current US$, so part of it is price and exchange-rate "
                     "change rather than more production."),
        solution=(f"`({fmt_number(growth.end_value, '')} / {fmt_number(growth.start_value, '')})"
                  f" ^ (1 / {years}) − 1 = {fmt_number(growth.rate * 100, '%', 2)}` a year."),
    )


PATTERN_CHOICES = (
    "Yes: the share fell by more than the threshold while income is below the peak",
    "No: the share fell, but income is already above the peak",
    "No: the share did not fall by more than the threshold",
)


def pattern_verdict(change: float, income: float, peak: float) -> str:
    """The rule of :func:`deindustrialization_method_note` as one of ``PATTERN_CHOICES``."""
    if not change < -DEINDUSTRIALIZATION_DROP_PP:
        return PATTERN_CHOICES[2]
    below_peak = not math.isnan(peak) and income < peak
    return PATTERN_CHOICES[0] if below_peak else PATTERN_CHOICES[1]


def pattern_exercise(lesson: Lesson) -> Exercise:
    """"By the rule in the method box, does the country show premature de-industrialization?",
    with the path's end points, the income and the pattern's peak given in the question."""
    year = pattern_year(lesson)
    path = _country_path(lesson) if year is not None else None
    peak = world_pattern(lesson.ds, year).peak_income if year is not None else float("nan")
    if path is None or len(path) < 2 or math.isnan(peak):
        return Exercise(f"Does {lesson.name} show a sign of premature de-industrialization "
                        "by the rule in the method box?", float("nan"))
    first, last = path.iloc[0], path.iloc[-1]
    change = float(last["mva_share"] - first["mva_share"])
    answer = pattern_verdict(change, float(last["income"]), peak)
    threshold = _points(DEINDUSTRIALIZATION_DROP_PP)
    moved = _signed_points(change).replace("points", "percentage points")
    return Exercise(
        question=(f"Apply the rule of the method box. {_possessive(lesson.name)} manufacturing "
                  f"share was {fmt_quantity(first['mva_share'], '% of GDP')} in "
                  f"{int(first['year'])} and {fmt_quantity(last['mva_share'], '% of GDP')} in "
                  f"{int(last['year'])}; its income in {int(last['year'])} was US$ "
                  f"{fmt_number(last['income'], '')} per person, and the world pattern peaks "
                  f"at about US$ {fmt_number(peak, '')} (the dotted line on the chart). Is "
                  "this a sign of premature de-industrialization?"),
        answer=answer, choices=PATTERN_CHOICES,
        hint=(f"Two checks: did the share fall by more than {threshold}? Is the income below "
              "the peak?"),
        explanation=(f"the share changed by {moved} (threshold: a fall of more than "
                     f"{threshold}) at an income "
                     f"{'below' if last['income'] < peak else 'above'} the peak."),
        solution=(f"Change: {fmt_number(last['mva_share'], '%')} − "
                  f"{fmt_number(first['mva_share'], '%')} = "
                  f"{moved}; income "
                  f"US$ {fmt_number(last['income'], '')} against a peak at US$ "
                  f"{fmt_number(peak, '')}. {answer}."),
    )


# --------------------------------------------------------------------- explorer
def explorer_settings(lesson: Lesson) -> dict[str, Any]:
    """Arguments for ``learning.widgets.explorer`` (see ``Lesson.explorer_settings``)."""
    return lesson.explorer_settings(EXPLORER_INDICATORS, EXPLORER_START)


def explore_view(ds: Dataset, state: Mapping[str, Any], group: str = DEFAULT_GROUP) -> None:
    """Draw the explorer's comparison chart and key message for one state (``country``,
    ``peers`` (empty: automatic), ``years``, ``indicator``)."""
    country = state["country"]
    first, last = (int(y) for y in state["years"])
    iso3, chosen = ds.resolve(country), list(state.get("peers") or [])
    selection = choose_peers(ds, iso3, chosen or None)
    view = Lesson(ds, NOTEBOOK, iso3, selection, first, last)
    indicator = state.get("indicator") or EXPLORER_START
    view.show(trend_chart(view, indicator, group))
    display(Markdown(f"**Key message.** {trend_message(view, indicator, group).text} "
                     f"{peer_message(view, indicator).text}"))


def explorer_render(ds: Dataset) -> Callable[[Mapping[str, Any]], None]:
    """``render(state)`` for ``learning.widgets.explorer`` on this data pack."""
    return functools.partial(explore_view, ds)


# --------------------------------------------------------------------- closing sections
def headline_ids(lesson: Lesson) -> list[str]:
    """The results file's headline ids: ``HEADLINE`` plus ``cip_rank`` once the pack has it."""
    has_cip = not lesson.ds.series("cip_rank", lesson.country).dropna().empty \
        if "cip_rank" in lesson.ds.catalogue else False
    return [*HEADLINE, *(["cip_rank"] if has_cip else [])]


def sources_table(lesson: Lesson) -> pd.DataFrame:
    """Publishers, licences and years of the files this lesson reads (from the manifest)."""
    used = {lesson.ds.indicator(i).source_code for i in (
        *HEADLINE, "manuf_exports_per_capita", "mht_share_manuf_exports", "gdp_const_usd",
        "population", "gdp_usd", "merch_exports_usd", *SHIFT_SHARE_INDICATORS,
        *sdg9.SOURCE_IDS)}
    rows = []
    for source in lesson.ds.manifest.get("sources", []):
        file = str(source.get("file", ""))
        code = file.rsplit("/", 1)[-1].removesuffix(".csv")
        if file.startswith("classifications/wb_economies") or code in used:
            rows.append({"publisher": source.get("publisher", ""),
                         "licence": source.get("licence", ""),
                         "copy used": source.get("provenance", ""),
                         "first": source.get("first_year"),
                         "last": source.get("last_year"), "files": 1})
    columns = ["publisher", "licence", "files", "years", "copy used"]
    if not rows:
        return pd.DataFrame(columns=columns).set_index("publisher")
    table = pd.DataFrame(rows).groupby(["publisher", "licence", "copy used"], as_index=False)
    table = table.agg({"files": "sum", "first": "min", "last": "max"})
    table["years"] = [fmt_year_range(int(a), int(b)) if pd.notna(a) and pd.notna(b)
                      else "not a time series" for a, b in zip(table["first"], table["last"],
                                                               strict=True)]
    return table[columns].set_index("publisher")


def vintage_note(lesson: Lesson) -> str:
    """The data pack's vintage and build date, for the sources section."""
    built = str(lesson.ds.manifest.get("built", ""))[:10]
    return f"**Data vintage:** {lesson.ds.vintage}." + (f" Data pack built on {built}."
                                                         if built else "")


def show_policy_cases(lesson: Lesson, flags: list[str]) -> None:
    """The policy cases that addressed the challenges flagged, or a note that none was."""
    if not flags:
        display(Markdown(f"No challenge was flagged for {lesson.name} on this notebook's "
                         "indicators (none is more than the rule's threshold behind its "
                         "peers), so no case is suggested."))
        return
    labels = "; ".join(_lower_first(CHALLENGE_FLAGS[f].label) for f in flags)
    cases = lesson.policy_cases(flags)
    display(Markdown(f"Challenges flagged for {lesson.name}: {labels}."))
    if not cases:
        display(Markdown("The case library holds no case for these challenges yet."))
    for case in cases:
        display(Markdown(case_markdown(case)))


def show_peer_table(lesson: Lesson) -> None:
    """The peers and what they were compared on."""
    table = lesson.peers.table
    keep = [c for c in ("name", "similar_on", "differs_on") if c in table.columns]
    show_table(table[keep].rename(columns=lambda c: c.replace("_", " ")),
               f"{lesson.name} and its peers", "policylab peer selection (see text above).")
