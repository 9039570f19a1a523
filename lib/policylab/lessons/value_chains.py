"""The value-chains lesson (notebook ``03_value_chains``): what a country exports and how
that changed, how complex its export basket is, how economic complexity is computed (on a
worked example), which products it is specialised in and which lie close to its
capabilities, and what the World Bank's series say about FDI and trade openness.

Three kinds of data, said apart everywhere:
- export structure over time from the World Bank's product groups (WDI), services and the
  technology content of manufactured exports, every figure with its year;
- economic complexity as PUBLISHED by the Growth Lab at Harvard University (Atlas of
  Economic Complexity, HS 1992 ECI and rank): never recomputed here for real countries;
- product-level results (RCA, the product-space neighbourhood, nearby products) from the
  complete country x HS 1992 product panel, only for countries passing the build's
  completeness check (``Dataset.product_status``), always labelled with the panel's year.
The method itself is taught on a made-up worked example, computed with
``policylab.metrics.complexity``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown, display

from policylab.cases import CHALLENGE_FLAGS, case_markdown
from policylab.charts import bar_compare, line_compare, scatter_compare
from policylab.charts.template import FOCUS_COLOUR, new_figure, peer_colour
from policylab.display import show_table
from policylab.errors import PolicylabError
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson, start_lesson
from policylab.lessons.digital import region_band_chart, region_band_message
from policylab.metrics import neighbourhood as hood
from policylab.metrics.complexity import (
    ComplexityResult,
    compute_complexity,
    country_country_matrix,
    eci_pci,
    export_matrix,
    opportunities,
    rca,
)
from policylab.narrative import (
    KeyMessage,
    change_message,
    fmt_number,
    fmt_quantity,
    missing_message,
)
from policylab.narrative.format import ordinal
from policylab.pack.dataset import Dataset, PanelStatus
from policylab.peers import latest_values, peer_median

NOTEBOOK = "03_value_chains"
#: Headline figures of the results file: all within the recency window when published
#: (product-level figures, of the panel's year, never feed the forum's scorecard).
HEADLINE_IDS = ("eci", "manuf_share_merch_exports", "mht_share_manuf_exports",
                "hightech_share_manuf_exports", "fdi_inflows_usd")
#: Fewer key messages than this are completed with honest "no data" sentences.
MIN_MESSAGES = 3
#: Indicators whose FLAG_RULES this notebook applies (low_eci, low_manuf_exports); export
#: diversity comes from the product panel's year and so flags nothing here.
FLAG_INDICATORS = ("eci", "manuf_share_merch_exports")

#: The World Bank's product groups of merchandise exports (groupings computed by
#: the World Bank; shares in % of merchandise exports), in reading order.
EXPORT_GROUPS = {
    "food_share_merch_exports": "Food",
    "agri_raw_share_merch_exports": "Agricultural raw materials",
    "fuel_share_merch_exports": "Fuels",
    "ores_share_merch_exports": "Ores and metals",
    "manuf_share_merch_exports": "Manufactures",
}
GROUP_COLOURS = dict(zip(EXPORT_GROUPS, ("#DDCC77", "#117733", "#332288", "#888888",
                                         "#CC6677"), strict=True))
#: A group median is stated only over at least this many countries with data (DESIGN §10).
MIN_GROUP = 3

#: A product must weigh at least this share of the country's exports to appear among its
#: top specialisations: RCA divides by the world share, so a sliver of exports in a rarely
#: traded product can show a huge RCA without being a real strength.
MIN_SHARE_FOR_SPECIALISATION = 0.005
#: Products listed in the top-exports table.
TOP_PRODUCTS = 10
#: How many nearby products the opportunities table lists.
OPPORTUNITIES_SHOWN = 15
#: Bars drawn in the cross-country rankings besides the focus country and its peers.
RANKING_LIMIT = 15
#: The commands that add a complete product panel to a pack.
PANEL_COMMAND = "`policylab data fetch` then `policylab data build`"


# --------------------------------------------------------------------- the product panel
def product_year(ds: Dataset) -> int | None:
    """The latest year of the complete product panel (None without a panel)."""
    years = ds.product_years
    return years[-1] if years else None


def product_status(lesson: Lesson) -> PanelStatus:
    return lesson.ds.product_status(lesson.country)


def product_note(ds: Dataset, year: int | None = None) -> str:
    """The source line under every product-level chart and table, with the panel's year."""
    year = year or product_year(ds)
    entry = next((e for e in ds.manifest.get("sources", [])
                  if str(e.get("file", "")).startswith("trade/")), {})
    publisher = str(entry.get("publisher") or "Growth Lab at Harvard University, Atlas of "
                    "Economic Complexity").split(";")[0]
    return (f"Source: {publisher}; complete exports by HS 1992 4-digit product, {year} "
            "(cleaned UN Comtrade data). World = every exporter in the panel.")


def product_intro(lesson: Lesson) -> str:
    """What the product-level sections use, or why they are not shown: two sentences and
    the command without a panel; one sentence with the reason when the country fails the
    completeness check."""
    status = product_status(lesson)
    if status.year is None:
        return ("**Product-level sections not shown.** They show what a country exports "
                "product by product (HS 1992 4-digit), the products in which it has a revealed "
                "comparative advantage and its neighbourhood in the product space with the "
                "nearby products it could move into. They need a complete country × product "
                f"trade panel, which this data pack does not have: run {PANEL_COMMAND} to "
                "add one.")
    if not status.ok:
        return (f"**Product-level sections not shown for {lesson.name}**: its exports in the "
                f"{status.year} product panel fail the completeness check ({status.reason}).")
    dated = ("" if lesson.ds.is_current(status.year) else
             f" {status.year} is older than the recency window of this material "
             f"({lesson.ds.recency_cutoff} or later), so read them as the structure of "
             f"{status.year}, not today's.")
    return (f"**Sections 5 and 6 use one year, {status.year}:** complete exports of every "
            f"country by HS 1992 4-digit product in {status.year} (the Growth Lab's cleaned "
            "UN Comtrade data; the panel's totals match WDI merchandise exports). Every "
            f"product-level figure below is for {status.year}.{dated}")


def _product_ok(lesson: Lesson, section: str) -> bool:
    """True when product-level results may be shown for the country; else the section is
    recorded as skipped (``product_intro`` has said why, once)."""
    if product_status(lesson).ok:
        return True
    lesson.skipped.append(section)
    return False


def _trade_key(ds: Dataset) -> str:
    """A stable key for the trade table: the pack's checksum, else a hash of its rows."""
    recorded = ds.manifest.get("files", {}).get("trade.parquet", {}).get("sha256")
    if recorded:
        return str(recorded)
    rows = pd.util.hash_pandas_object(ds.trade, index=False).to_numpy()
    return hashlib.sha256(rows.tobytes()).hexdigest()


class _Keyed:
    """A dataset handed to an lru_cache'd function, hashed by its trade key only."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.key = _trade_key(ds)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Keyed) and other.key == self.key


@functools.lru_cache(maxsize=2)
def _exports(keyed: _Keyed) -> pd.DataFrame:
    return export_matrix(keyed.ds.trade, product_year(keyed.ds))


@functools.lru_cache(maxsize=2)
def _rca(keyed: _Keyed) -> pd.DataFrame:
    return rca(_exports(keyed))


@functools.lru_cache(maxsize=2)
def _complexity(keyed: _Keyed) -> ComplexityResult | None:
    try:
        return compute_complexity(keyed.ds.trade, year=product_year(keyed.ds))
    except PolicylabError:
        return None


def _has_panel(ds: Dataset) -> bool:
    return product_year(ds) is not None and not ds.trade.empty


def exports_matrix(ds: Dataset) -> pd.DataFrame:
    """Exporter x product exports (US$) of the panel's latest year (cached per process)."""
    return _exports(_Keyed(ds)) if _has_panel(ds) else pd.DataFrame()


def rca_matrix(ds: Dataset) -> pd.DataFrame:
    """Balassa RCA of every exporter and product against all exporters in the panel year."""
    return _rca(_Keyed(ds)) if _has_panel(ds) else pd.DataFrame()


def complexity(ds: Dataset) -> ComplexityResult | None:
    """``compute_complexity`` on the panel's latest year (Atlas-style cleaning), cached per
    process, for proximity, PCI and density (the product-space neighbourhood and nearby
    products). Its ECI is NOT shown: countries' complexity comes from the published ECI."""
    return _complexity(_Keyed(ds)) if _has_panel(ds) else None


def _observations_stamp(ds: Dataset) -> str:
    """The observations' checksum (or the object's identity for packs built in memory)."""
    stamp = ds.manifest.get("files", {}).get("observations.parquet", {}).get("sha256")
    return str(stamp or id(ds))


def start(country: str, peers: Sequence[str] = (), start_year: int = 2000,
          end_year: int = 0) -> Lesson:
    """The lesson for this notebook."""
    return start_lesson(NOTEBOOK, country, peers, start_year, end_year)


def product_names(ds: Dataset) -> pd.Series:
    products = ds.products.set_index("code")
    return products["name_short"].where(products["name_short"].astype(bool), products["name"])


def top_products(ds: Dataset, iso3: str, n: int = TOP_PRODUCTS) -> pd.DataFrame:
    """The country's ``n`` largest exports in the panel's latest year: ``product, name,
    section, value`` (US$), ``country_share`` and ``world_share`` (%), ``rca``; largest
    first. Empty without a panel or rows for the country (callers check
    ``product_status`` before showing it)."""
    table = specialisation(ds, iso3)
    return table.sort_values("value", ascending=False, ignore_index=True).head(n)


def specialisation(ds: Dataset, iso3: str) -> pd.DataFrame:
    """One row per product the country exports in the panel's latest year: value (US$),
    its share of the country's exports, the product's share of all exports in the panel
    (both %), and RCA = the first share / the second. Sorted by RCA."""
    columns = ["product", "name", "section", "value", "country_share", "world_share", "rca"]
    matrix = exports_matrix(ds)
    if matrix.empty or iso3 not in matrix.index:
        return pd.DataFrame(columns=columns)
    return _specialisation_of(_Keyed(ds), iso3).copy()


@functools.lru_cache(maxsize=8)
def _specialisation_of(keyed: _Keyed, iso3: str) -> pd.DataFrame:
    ds = keyed.ds
    matrix = _exports(keyed)
    own = matrix.loc[iso3]
    world = matrix.sum(axis=0)
    table = pd.DataFrame({
        "product": matrix.columns, "value": own.to_numpy(),
        "country_share": (own / own.sum() * 100).to_numpy(),
        "world_share": (world / world.sum() * 100).to_numpy(),
        "rca": _rca(keyed).loc[iso3].to_numpy(),
    })
    table = table[table["country_share"] > 0]
    products = ds.products.set_index("code")
    table.insert(1, "name", table["product"].map(product_names(ds)).fillna(table["product"]))
    table.insert(2, "section", table["product"].map(products["section_name"]).fillna(""))
    return table.sort_values("rca", ascending=False, ignore_index=True)


# --------------------------------------------------------------------- tables
@dataclass(frozen=True)
class Table:
    """A table ready to show: the frame, its caption and its source line."""

    frame: pd.DataFrame
    caption: str
    source: str
    formats: dict | None = None

    def show(self) -> None:
        show_table(self.frame, self.caption, self.source, self.formats)


def _pct3(value: float) -> str:
    """A share with three significant figures ("12.3%", "0.0456%"): enough to recompute
    RCA from the table."""
    return f"{float(value):.3g}%"


def _in_sentence(name: str) -> str:
    """A product name inside a sentence: first letter lowered, codes such as U235 kept."""
    return name if len(name) > 1 and name[1].isupper() else name[:1].lower() + name[1:]


def _short(name: str, width: int = 45) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _lower_first(label: str) -> str:
    """"Manufactures share" -> "manufactures share", but "FDI inflows" stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _legend_at_right(fig: go.Figure) -> go.Figure:
    fig.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top", "font": {"size": 13}},
                      margin={"r": 230})
    return fig


def _years(lesson: Lesson) -> tuple[int, int]:
    return lesson.start_year, lesson.end_year


def _members(lesson: Lesson, group: str = "income_group") -> list[str]:
    meta = lesson.ds.countries()
    value = lesson.income_group if group == "income_group" else lesson.region
    return list(meta.index[meta[group] == value])


def _group_median(lesson: Lesson, panel_all: pd.DataFrame,
                  group: str = "income_group") -> pd.Series:
    """Median per year over the group's countries of a wide panel (index year), only for
    years with at least ``MIN_GROUP`` countries with data."""
    members = [c for c in _members(lesson, group) if c in panel_all.columns]
    part = panel_all[members]
    median = part.median(axis=1, skipna=True)
    return median[part.notna().sum(axis=1) >= MIN_GROUP].dropna()


def _panel(lesson: Lesson, indicator: str, years: tuple[int, int] | None = None
           ) -> pd.DataFrame:
    """Every country's series over the lesson's years (cached: each is drawn and quoted)."""
    return _all_countries_panel(_Keyed(lesson.ds), _observations_stamp(lesson.ds), indicator,
                                years or _years(lesson))


@functools.lru_cache(maxsize=32)
def _all_countries_panel(keyed: _Keyed, observations_stamp: str, indicator: str,
                         years: tuple[int, int]) -> pd.DataFrame:
    ds = keyed.ds
    return ds.panel(indicator, list(ds.countries().index), years)


def _first_last(series: pd.Series) -> tuple[int, float, int, float] | None:
    points = series.dropna()
    if points.empty:
        return None
    return (int(points.index[0]), float(points.iloc[0]), int(points.index[-1]),
            float(points.iloc[-1]))


# --------------------------------------------------------------------- 1. export structure
def export_groups(lesson: Lesson) -> pd.DataFrame:
    """The country's shares of merchandise exports by World Bank product group (index
    year, columns group labels, %) over the lesson's years."""
    columns = {}
    for indicator, label in EXPORT_GROUPS.items():
        panel = _panel(lesson, indicator)
        if lesson.country in panel.columns:
            columns[label] = panel[lesson.country]
    return pd.DataFrame(columns).dropna(how="all")


def group_source(lesson: Lesson) -> str:
    return lesson.source(*EXPORT_GROUPS, note="Shares of merchandise exports; the groups "
                         "need not sum to 100 (unclassified goods, source quirks).")


def export_groups_chart(lesson: Lesson) -> go.Figure | None:
    """The five product groups' shares of the country's merchandise exports, each year to
    its latest; the title names the largest group in its latest year."""
    shares = export_groups(lesson)
    if shares.empty:
        lesson.skip("Export structure", f"No WDI product-group shares for {lesson.name} in "
                                        f"{lesson.start_year}–{lesson.end_year}.")
        return None
    latest = {label: _first_last(shares[label]) for label in shares.columns}
    latest = {k: v for k, v in latest.items() if v is not None}
    top = max(latest, key=lambda k: latest[k][3])
    year, value = latest[top][2], latest[top][3]
    ends = sorted({v[2] for v in latest.values()})
    subtitle = (" Latest year by group: " + "; ".join(
        f"{_lower_first(k)} {v[2]}" for k, v in latest.items()) + "."
        if len(ends) > 1 else "")
    title = (f"{top} made up {fmt_number(value, '%')} of {lesson.name}'s merchandise "
             f"exports in {year}, the largest of the World Bank's product groups")
    fig = new_figure(title, group_source(lesson) + subtitle)
    for indicator, label in EXPORT_GROUPS.items():
        if label not in shares.columns:
            continue
        series = shares[label].dropna()
        fig.add_trace(go.Scatter(
            x=series.index, y=series.to_numpy(), mode="lines+markers", name=label,
            line={"color": GROUP_COLOURS[indicator], "width": 3 if label == top else 2},
            marker={"size": 4}, hovertemplate=f"{label}: %{{y:.1f}}% (%{{x}})<extra></extra>"))
    fig.update_layout(yaxis_title="% of merchandise exports", hovermode="closest")
    fig.update_xaxes(tickformat="d")
    return _legend_at_right(fig)


def _income_group_latest(lesson: Lesson, indicator: str, year: int) -> tuple[float, int]:
    """Median of the income group's latest values up to ``year`` (and how many)."""
    values = latest_values(lesson.ds, indicator, _members(lesson), year)
    return (float(values["value"].median()) if len(values) >= MIN_GROUP else float("nan"),
            len(values))


def _dated(value: float, year: int | None, decimals: int = 1) -> str:
    if year is None or not np.isfinite(value):
        return "–"
    return f"{value:,.{decimals}f} ({year})"


def export_groups_table(lesson: Lesson) -> Table | None:
    """Per product group: the country's latest share with its year, its change since
    ``start_year`` (first and last years named), the peers' and the income group's medians
    (with their years; a median needs three countries with data)."""
    rows = []
    for indicator, label in EXPORT_GROUPS.items():
        series = lesson.ds.series(indicator, lesson.country, _years(lesson))
        series = series.dropna(subset=["value"]).set_index("year")["value"]
        ends = _first_last(series)
        if ends is None:
            rows.append({"Product group": label, lesson.name: "no data",
                         f"Change since {lesson.start_year} (points)": "–",
                         "Peer median": "–", f"{lesson.income_group} median": "–"})
            continue
        y0, v0, y1, v1 = ends
        change = "–" if y0 == y1 else f"{v1 - v0:+,.1f} ({y0}–{y1})"
        median, first, last, count = peer_median(lesson.ds, indicator, lesson.peer_codes, y1)
        peers = (_dated(median, last) if count >= MIN_GROUP
                 else f"{count} peer{'s' if count != 1 else ''} with data")
        group, members = _income_group_latest(lesson, indicator, y1)
        rows.append({"Product group": label, lesson.name: _dated(v1, y1),
                     f"Change since {lesson.start_year} (points)": change,
                     "Peer median": peers,
                     f"{lesson.income_group} median": _dated(group, y1) if members >= MIN_GROUP
                     else f"{members} countries with data"})
    frame = pd.DataFrame(rows)
    if (frame[lesson.name] == "no data").all():
        return None
    return Table(frame, f"{lesson.name}: merchandise exports by product group, % (year of "
                 "each figure in brackets), against its peers and income group",
                 group_source(lesson) + " Medians of the latest values up to the country's "
                 "year, over at least three countries.")


def structure_message(lesson: Lesson) -> KeyMessage | None:
    """The largest product group in its latest year and how it changed since start_year."""
    shares = export_groups(lesson)
    if shares.empty:
        return None
    ends = {k: _first_last(shares[k]) for k in shares.columns}
    ends = {k: v for k, v in ends.items() if v is not None}
    top = max(ends, key=lambda k: ends[k][3])
    y0, v0, y1, v1 = ends[top]
    since = ("" if y0 == y1 else
             f", against {fmt_number(v0, '%')} in {y0}")
    others = [f"{_lower_first(k)} {fmt_number(v[3], '%')} ({v[2]})"
              for k, v in ends.items() if k != top]
    text = (f"{top} made up {fmt_number(v1, '%')} of {lesson.name}'s merchandise exports "
            f"in {y1}{since}" + (f"; {', '.join(others)}." if others else "."))
    indicator = next(i for i, label in EXPORT_GROUPS.items() if label == top)
    return KeyMessage(text, indicator, {"group": top, "value": v1, "year": y1,
                                        "start_value": v0, "start_year": y0})


# --------------------------------------------------------------------- WDI trend charts
def _trend_chart(lesson: Lesson, panel_all: pd.DataFrame, *, section: str, label: str,
                 unit: str, source: str) -> go.Figure | None:
    """A line chart of ``panel_all`` (index year, every country) for the country, its peers
    and its income group's median, with a title stating the change and its years."""
    focus = panel_all[lesson.country] if lesson.country in panel_all.columns else pd.Series()
    ends = _first_last(focus)
    if ends is None:
        lesson.skip(section, f"No data on {_lower_first(label)} for {lesson.name} in "
                             f"{lesson.start_year}–{lesson.end_year}.")
        return None
    y0, v0, y1, v1 = ends
    median = _group_median(lesson, panel_all)
    if y0 == y1:
        change = (f"was {fmt_quantity(v1, unit)} in {y1}, the only figure since "
                  f"{lesson.start_year}")
    else:
        change = f"went from {fmt_number(v0, unit)} to {fmt_quantity(v1, unit)}, {y0}–{y1}"
    versus = (f" (median of {lesson.income_group} countries: {fmt_number(median[y1], unit)})"
              if y1 in median.index else "")
    title = f"{lesson.name}'s {_lower_first(label)} {change}{versus}"
    shown = panel_all.reindex(columns=[c for c in lesson.codes if c in panel_all.columns])
    return line_compare(shown, lesson.country, lesson.peer_codes, median, title=title,
                        unit=unit, source=source, names=lesson.names, y_label=label,
                        group_label=f"Median of {lesson.income_group} countries")


def _indicator_chart(lesson: Lesson, indicator: str, section: str) -> go.Figure | None:
    ind = lesson.ds.indicator(indicator)
    return _trend_chart(lesson, _panel(lesson, indicator), section=section, label=ind.label,
                        unit=ind.unit, source=lesson.source(indicator))


def manufactured_exports_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "manuf_share_merch_exports", "Manufactured exports")


def service_exports_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "service_exports_usd", "Service exports")


def ict_services_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "ict_services_share_service_exports",
                            "ICT service exports")


def mht_exports_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "mht_share_manuf_exports",
                            "Medium and high-tech exports")


def hightech_exports_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "hightech_share_manuf_exports", "High-technology exports")


def trend_message(lesson: Lesson, indicator: str) -> KeyMessage | None:
    """How a WDI indicator moved over the lesson's years (None without data)."""
    if lesson.ds.series(indicator, lesson.country, _years(lesson)).dropna().empty:
        return None
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year)


# --------------------------------------------------------------------- 3. published ECI
ECI_CREDIT = ("The Growth Lab at Harvard University, Atlas of Economic Complexity: the "
              "published Economic Complexity Index, HS 1992 variant (not recomputed here).")


def eci_source(lesson: Lesson, *more: str) -> str:
    return lesson.source("eci", "eci_rank", *more,
                         note="Published HS 1992 ECI and rank, not recomputed here.")


def eci_years(ds: Dataset) -> tuple[int, int] | None:
    """First and last year of the published ECI in the pack (None when absent)."""
    rows = ds.series("eci").dropna(subset=["value"])
    return None if rows.empty else (int(rows["year"].min()), int(rows["year"].max()))


def eci_standing(lesson: Lesson) -> dict | None:
    """The country's latest published ECI and rank: ``eci, year, rank, ranked`` (how many
    economies the Growth Lab ranks that year), ``first_year, first_eci``; None without."""
    own = lesson.ds.latest("eci", lesson.country, max_year=lesson.end_year)
    if own.year is None:
        return None
    rank = lesson.ds.series("eci_rank", lesson.country, [own.year]).dropna(subset=["value"])
    same_year = lesson.ds.series("eci", None, [own.year]).dropna(subset=["value"])
    history = lesson.ds.series("eci", lesson.country).dropna(subset=["value"])
    return {"eci": float(own.value), "year": int(own.year),
            "rank": int(rank["value"].iloc[0]) if len(rank) else None,
            "ranked": int(same_year["iso3"].nunique()),
            "first_year": int(history["year"].iloc[0]),
            "first_eci": float(history["value"].iloc[0])}


def _no_eci(lesson: Lesson, section: str) -> None:
    lesson.skip(section, f"The Growth Lab does not rank {lesson.name} (it ranks about 145 "
                         "economies with reliable trade data, population of at least 1 "
                         "million and exports of at least US$ 1 billion).")


def eci_trend_chart(lesson: Lesson) -> go.Figure | None:
    """The published ECI from its first year to the latest: the country, its peers and its
    income group's median."""
    standing, span = eci_standing(lesson), eci_years(lesson.ds)
    if standing is None or span is None:
        _no_eci(lesson, "Economic complexity over time")
        return None
    panel = _panel(lesson, "eci", (span[0], lesson.end_year))
    rank = (f", ranked {ordinal(standing['rank'])} of {standing['ranked']} in "
            f"{standing['year']}" if standing["rank"] else "")
    title = (f"{lesson.name}'s Economic Complexity Index went from "
             f"{fmt_number(standing['first_eci'], decimals=2)} in {standing['first_year']} "
             f"to {fmt_number(standing['eci'], decimals=2)} in {standing['year']}{rank}")
    median = _group_median(lesson, panel)
    shown = panel.reindex(columns=[c for c in lesson.codes if c in panel.columns])
    return line_compare(shown, lesson.country, lesson.peer_codes, median, title=title,
                        unit="index", source=eci_source(lesson), names=lesson.names,
                        y_label="Economic Complexity Index (published)",
                        group_label=f"Median of {lesson.income_group} countries")


def eci_ranking_chart(lesson: Lesson) -> go.Figure | None:
    """The latest published ECI of the region's countries and the peers."""
    standing = eci_standing(lesson)
    if standing is None:
        _no_eci(lesson, "Economic Complexity Index")
        return None
    values = lesson.ds.series("eci", None, [standing["year"]]).dropna(subset=["value"])
    values = values.set_index("iso3")["value"]
    pool = list(dict.fromkeys([*_members(lesson, "region"), *lesson.codes]))
    shown = values.reindex(pool).dropna()
    rank = (f"ranked {ordinal(standing['rank'])} of {standing['ranked']} economies"
            if standing["rank"] else f"one of {standing['ranked']} economies ranked")
    title = (f"{lesson.name} {rank} on economic complexity in {standing['year']} "
             f"(ECI {fmt_number(standing['eci'], decimals=2)})")
    fig = bar_compare(shown, lesson.country, lesson.peer_codes, title=title, unit="index",
                      source=eci_source(lesson),
                      names={c: lesson.ds.name(c) for c in shown.index},
                      x_label="Economic Complexity Index (published)", limit=RANKING_LIMIT)
    median = values.reindex(_members(lesson, "region")).dropna()
    if len(median) >= MIN_GROUP:
        fig.add_vline(x=float(median.median()), line_dash="dash", line_color="#333333",
                      annotation_text=f"Median of {lesson.region}",
                      annotation_position="bottom right")
    return fig


def eci_fit(lesson: Lesson) -> pd.DataFrame:
    """The published ECI against GDP per capita (log) in the ECI's latest year, every economy
    with both, and the ECI its income predicts (least squares on log10 GDP per capita)."""
    return _eci_fit(_Keyed(lesson.ds), _observations_stamp(lesson.ds), lesson.end_year).copy()


@functools.lru_cache(maxsize=4)
def _eci_fit(keyed: _Keyed, observations_stamp: str, end_year: int) -> pd.DataFrame:
    ds = keyed.ds
    span = eci_years(ds)
    if span is None:
        return pd.DataFrame(columns=["eci", "gdp_per_capita", "year"])
    year = min(span[1], end_year)
    eci = ds.series("eci", None, [year]).dropna(subset=["value"]).set_index("iso3")["value"]
    income = latest_values(ds, "gdp_per_capita", list(eci.index), year)
    frame = pd.DataFrame({"eci": eci, "gdp_per_capita": income["value"],
                          "year": income["year"]}).dropna()
    frame = frame[frame["gdp_per_capita"] > 0]
    frame.attrs["eci_year"] = year
    if len(frame) > 2:
        slope, intercept = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["eci"], 1)
        frame["expected"] = intercept + slope * np.log10(frame["gdp_per_capita"])
    return frame


def eci_income_chart(lesson: Lesson) -> go.Figure | None:
    """Published ECI against GDP per capita: more complex than income predicts?"""
    frame = eci_fit(lesson)
    if lesson.country not in frame.index or "expected" not in frame:
        _no_eci(lesson, "ECI and income")
        return None
    year = frame.attrs.get("eci_year")
    own, expected = frame.at[lesson.country, "eci"], frame.at[lesson.country, "expected"]
    side = "more" if own > expected else "less"
    title = (f"{lesson.name}'s exports were {side} complex than its income predicts in "
             f"{year} (ECI {fmt_number(own, decimals=2)} against "
             f"{fmt_number(expected, decimals=2)} expected)")
    return scatter_compare(frame, "gdp_per_capita", "eci", lesson.country, lesson.peer_codes,
                           title=title, x_label="GDP per capita",
                           x_unit="current US$, log scale",
                           y_label="Economic Complexity Index (published)",
                           source=eci_source(lesson, "gdp_per_capita"),
                           names={c: lesson.ds.name(c) for c in frame.index}, log_x=True,
                           trend="linear")


def eci_message(lesson: Lesson) -> KeyMessage | None:
    standing = eci_standing(lesson)
    if standing is None:
        return None
    median, _, last, count = peer_median(lesson.ds, "eci", lesson.peer_codes,
                                         standing["year"])
    peers = (f", against a peer median of {fmt_number(median, decimals=2)}"
             if count >= MIN_GROUP else "")
    rank = (f", {ordinal(standing['rank'])} of {standing['ranked']} economies ranked"
            if standing["rank"] else "")
    text = (f"{lesson.name}'s Economic Complexity Index (the Growth Lab's published HS 1992 "
            f"ECI) was {fmt_number(standing['eci'], decimals=2)} in {standing['year']}{rank}"
            f"{peers}; it was {fmt_number(standing['first_eci'], decimals=2)} in "
            f"{standing['first_year']}.")
    return KeyMessage(text, "eci", {"eci": standing["eci"], "year": standing["year"],
                                    "rank": standing["rank"], "peer_median": median,
                                    "first_eci": standing["first_eci"],
                                    "first_year": standing["first_year"]})


# --------------------------------------------------------------------- 4. worked example
#: A MADE-UP export matrix (US$ million) for the worked example: five imaginary countries,
#: six products. Not real data. Learners change it in the notebook and re-run.
WORKED_EXAMPLE = pd.DataFrame(
    [[40, 10, 30, 25, 60, 45],
     [30, 20, 25, 15, 5, 0],
     [50, 60, 20, 0, 0, 0],
     [10, 5, 40, 30, 2, 0],
     [90, 0, 0, 0, 0, 0]],
    index=pd.Index(["Country A", "Country B", "Country C", "Country D", "Country E"],
                   name="country"),
    columns=pd.Index(["Fish", "Coffee", "Garments", "Chemicals", "Machinery", "Electronics"],
                     name="product"),
    dtype=float)
EXAMPLE_LABEL = "Worked example (made-up numbers, not real data)"


@dataclass(frozen=True)
class WorkedExample:
    """Every step of the method on a small export matrix."""

    exports: pd.DataFrame
    rca: pd.DataFrame
    M: pd.DataFrame
    diversity: pd.Series
    ubiquity: pd.Series
    country_matrix: pd.DataFrame
    eigenvalues: np.ndarray
    eci: pd.Series
    pci: pd.Series


def worked_example(exports: pd.DataFrame | None = None) -> WorkedExample:
    """RCA, M = [RCA >= 1], diversity, ubiquity, the country-country matrix, its
    eigenvalues, ECI and PCI of a small country x product export matrix (default
    ``WORKED_EXAMPLE``), with ``policylab.metrics.complexity``. Raises ``PolicylabError``
    when a country or product is left with no RCA >= 1 (the method needs every row and
    column non-empty), naming them."""
    exports = (WORKED_EXAMPLE if exports is None else exports).astype(float)
    if (exports < 0).any().any():
        raise PolicylabError("Exports cannot be negative in the worked example.")
    advantage = rca(exports)
    M = (advantage >= 1).astype(int)
    empty = [*M.index[M.sum(axis=1) == 0], *M.columns[M.sum(axis=0) == 0]]
    if empty or len(M) < 3:
        raise PolicylabError("Each country needs at least one product with RCA ≥ 1 and each "
                             "product at least one country (and at least three countries): "
                             f"check {', '.join(map(str, empty)) or 'the matrix size'}.")
    mcc = country_country_matrix(M.to_numpy())
    eci, pci = eci_pci(M.to_numpy(dtype=float))
    return WorkedExample(
        exports=exports, rca=advantage, M=M,
        diversity=M.sum(axis=1).rename("diversity"), ubiquity=M.sum(axis=0).rename("ubiquity"),
        country_matrix=pd.DataFrame(mcc, index=M.index, columns=M.index),
        eigenvalues=np.sort(np.linalg.eigvals(mcc).real)[::-1],
        eci=pd.Series(eci, index=M.index, name="ECI"),
        pci=pd.Series(pci, index=M.columns, name="PCI"))


def show_worked_example(example: WorkedExample) -> None:
    """The steps as captioned tables, each caption saying it is a worked example."""
    note = "Computed with policylab.metrics.complexity (rca, country_country_matrix, eci_pci)."
    show_table(example.exports.reset_index(), f"{EXAMPLE_LABEL}: step 1, exports (US$ million)",
               note)
    show_table(example.rca.round(2).reset_index(),
               f"{EXAMPLE_LABEL}: step 2, RCA = (x_cp / x_c) / (x_p / x)", note)
    table = example.M.copy()
    table["Diversity k_c"] = example.diversity
    table.loc["Ubiquity k_p"] = [*example.ubiquity, np.nan]
    show_table(table.reset_index().rename(columns={"index": "country"}),
               f"{EXAMPLE_LABEL}: step 3, M = 1 where RCA ≥ 1; diversity (row sums) and "
               "ubiquity (column sums)", note, {"Diversity k_c": "{:.0f}"})
    show_table(example.country_matrix.round(3).reset_index(),
               f"{EXAMPLE_LABEL}: step 4, the country-country matrix "
               "M̃_cc' = Σ_p M_cp M_c'p / (k_c k_p) (rows sum to 1)", note)
    ranks = pd.DataFrame({"ECI": example.eci.round(2), "Diversity": example.diversity})
    ranks = ranks.sort_values("ECI", ascending=False)
    show_table(ranks.reset_index(),
               f"{EXAMPLE_LABEL}: step 5, ECI = eigenvector of the second-largest eigenvalue "
               f"({example.eigenvalues[1]:.3f}; the largest is {example.eigenvalues[0]:.3f}), "
               "standardised and signed to rise with diversity", note)


def worked_example_exercise(example: WorkedExample | None = None) -> Exercise:
    """Recompute one RCA of the worked example from its export table."""
    example = example or worked_example()
    x = example.exports
    country, product = x.index[1], x.columns[2]
    value = float(example.rca.at[country, product])
    cp, c, p, total = (x.at[country, product], x.loc[country].sum(), x[product].sum(),
                       x.to_numpy().sum())
    return Exercise(
        question=(f"{EXAMPLE_LABEL}. From the step 1 table, compute the RCA of {country} in "
                  f"{product.lower()}. Is it 'revealed' competitive in it (RCA ≥ 1)?"),
        answer=value, rel_tolerance=0.02,
        explanation=(f"RCA = ({cp:g} / {c:g}) / ({p:g} / {total:g}) = {value:.2f}"
                     + (": at least 1, so M = 1." if value >= 1 else ": below 1, so M = 0.")),
        hint="The country's share of the product in its exports, divided by the product's "
             "share in the whole table's exports.",
        solution="RCA (Balassa) = (x_cp / x_c) / (x_p / x). Then change the table in the code "
                 "cell (e.g. give Country E some machinery exports) and re-run: which "
                 "countries' ECI moves, and why?")


# --------------------------------------------------------------------- 5. products (panel)
def top_exports_table(lesson: Lesson, n: int = TOP_PRODUCTS) -> Table | None:
    """The country's largest exports in the panel year with shares and RCA (the RCA table):
    only when ``product_status`` is ok."""
    if not _product_ok(lesson, "Top exports"):
        return None
    year = product_status(lesson).year
    top = top_products(lesson.ds, lesson.country, n)
    if top.empty:
        return None
    own, world = f"Share of {lesson.name}'s exports, {year}", f"Share of world exports, {year}"
    frame = pd.DataFrame({
        "HS": top["product"], "Product": top["name"], "Section": top["section"],
        f"Exports, {year} (US$ million)": top["value"] / 1e6, own: top["country_share"],
        world: top["world_share"], f"RCA, {year}": top["rca"]}).reset_index(drop=True)
    formats = {own: _pct3, world: _pct3, f"RCA, {year}": "{:,.1f}",
               f"Exports, {year} (US$ million)": "{:,.0f}"}
    return Table(frame, f"{lesson.name}: its {len(frame)} largest exports in {year} "
                 "(HS 1992 4-digit), with revealed comparative advantage",
                 product_note(lesson.ds, year), formats)


def top_exports_message(lesson: Lesson) -> KeyMessage | None:
    if not product_status(lesson).ok:
        return None
    year = product_status(lesson).year
    top = top_products(lesson.ds, lesson.country, 3)
    if top.empty:
        return None
    items = [f"{_in_sentence(r['name'])} ({_pct3(r['country_share'])})"
             for _, r in top.iterrows()]
    text = (f"In {year}, {lesson.name}'s largest exports were " + ", ".join(items[:-1])
            + (" and " if len(items) > 1 else "") + items[-1]
            + f" of its exports (complete {year} product panel).")
    return KeyMessage(text, "diversity", {"year": year, "products": list(top["product"]),
                                          "shares": [float(s) for s in top["country_share"]]})


def _specialisations(lesson: Lesson, n: int) -> pd.DataFrame:
    table = specialisation(lesson.ds, lesson.country)
    strong = table[table["country_share"] >= MIN_SHARE_FOR_SPECIALISATION * 100]
    return (strong if len(strong) >= 3 else table).head(n)


def specialisation_chart(lesson: Lesson, n: int = 12) -> go.Figure | None:
    """The products with the highest RCA (of those weighing at least 0.5% of exports)."""
    if not _product_ok(lesson, "Specialisation"):
        return None
    year = product_status(lesson).year
    top = _specialisations(lesson, n).iloc[::-1]
    if top.empty:
        return None
    first = top.iloc[-1]
    title = (f"In {year}, {lesson.name} exported {fmt_number(first['rca'], decimals=0)} times "
             f"the world share of {_in_sentence(first['name'])}, its strongest "
             "specialisation")
    fig = new_figure(title, product_note(lesson.ds, year) + " Products under "
                     f"{MIN_SHARE_FOR_SPECIALISATION:.1%} of the country's exports are left out.",
                     height=max(440, 34 * len(top) + 240), legend=False)
    fig.add_trace(go.Bar(
        y=[_short(f"{name} ({code})") for name, code in zip(top["name"], top["product"],
                                                            strict=True)],
        x=top["rca"], orientation="h", marker_color=FOCUS_COLOUR,
        text=[f"{v:,.1f}" for v in top["rca"]], textposition="outside", cliponaxis=False,
        customdata=np.column_stack([top["section"], top["country_share"]]),
        hovertemplate="%{y}<br>RCA %{x:.1f}<br>%{customdata[0]}; %{customdata[1]:.2f}% "
                      f"of exports ({year})<extra></extra>"))
    fig.update_layout(xaxis_title=f"Revealed comparative advantage, {year} (1 = world "
                      "average; log scale)", xaxis_type="log", yaxis={"showgrid": False})
    fig.add_vline(x=1, line_dash="dot", line_color="#333333")
    return fig


def diversity_chart(lesson: Lesson) -> go.Figure | None:
    """Export diversity (products with RCA >= 1 in the panel year, from the pack; only
    countries passing the completeness check have it), region and peers."""
    if not _product_ok(lesson, "Export diversity"):
        return None
    year = product_status(lesson).year
    values = lesson.ds.series("diversity", None, [year]).dropna(subset=["value"])
    values = values.set_index("iso3")["value"]
    if lesson.country not in values.index:
        lesson.skip("Export diversity", f"{lesson.name} was left out of the {year} "
                    "complexity computation by the Atlas-style cleaning (too small an "
                    "exporter or too few products).")
        return None
    own = float(values[lesson.country])
    rank = int((values > own).sum()) + 1
    title = (f"{lesson.name} exported {fmt_number(own, decimals=0)} products with RCA ≥ 1 "
             f"in {year}, {ordinal(rank)} of {len(values)} economies")
    pool = list(dict.fromkeys([*_members(lesson, "region"), *lesson.codes]))
    shown = values.reindex(pool).dropna()
    return bar_compare(shown, lesson.country, lesson.peer_codes, title=title,
                       unit="products", source=product_note(lesson.ds, year) + " Economies "
                       "passing the completeness check, after Atlas-style cleaning.",
                       names={c: lesson.ds.name(c) for c in shown.index},
                       x_label=f"Products exported with RCA ≥ 1, {year}", limit=RANKING_LIMIT)


# --------------------------------------------------------------------- 6. neighbourhood
def _why_no_complexity(lesson: Lesson) -> str:
    result = complexity(lesson.ds)
    year = product_status(lesson).year
    if result is None:
        return f"the {year} panel is too small for the product-space method after cleaning."
    reason = result.dropped_exporters.get(lesson.country, "no exports in the panel")
    return f"its {year} exports were left out by the Atlas-style cleaning ({reason})."


def product_neighbourhood(lesson: Lesson) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Nodes (with ``x, y, name``) and edges of the country's neighbourhood in the product
    space of the panel year (``metrics.neighbourhood``); None when not allowed or possible."""
    result = complexity(lesson.ds)
    if not product_status(lesson).ok or result is None or lesson.country not in result.M.index:
        return None
    exports = exports_matrix(lesson.ds).loc[lesson.country]
    nodes, edges = hood.neighbourhood(result, lesson.country, exports)
    nodes = nodes.join(hood.layout(nodes, edges))
    nodes["name"] = product_names(lesson.ds).reindex(nodes.index).fillna(
        pd.Series(nodes.index, index=nodes.index))
    return nodes, edges


def product_space_chart(lesson: Lesson) -> go.Figure | None:
    """The country's neighbourhood: its largest RCA >= 1 products and the nearest products
    it does not yet export competitively, linked by proximity, every node labelled."""
    if not _product_ok(lesson, "Product space"):
        return None
    year = product_status(lesson).year
    found = product_neighbourhood(lesson)
    if found is None:
        lesson.skip("Product space", f"No product-space neighbourhood: "
                                     f"{_why_no_complexity(lesson)}")
        return None
    nodes, edges = found
    held, near = nodes[nodes["role"] == "held"], nodes[nodes["role"] == "candidate"]
    total = int(complexity(lesson.ds).M.loc[lesson.country].sum())
    title = (f"{lesson.name}'s neighbourhood in the product space, {year}: {len(held)} of its "
             f"{total} products with RCA ≥ 1 and the {len(near)} nearest it does not yet "
             "export competitively")
    fig = new_figure(title, product_note(lesson.ds, year) + " Links: proximity (how often "
                     "countries export both products with RCA ≥ 1), maximum spanning tree "
                     "plus each product's two strongest links. Node size: the country's "
                     "exports.", height=720)
    xs, ys = [], []
    for s, t in zip(edges["source"], edges["target"], strict=True):
        xs += [nodes.at[s, "x"], nodes.at[t, "x"], None]
        ys += [nodes.at[s, "y"], nodes.at[t, "y"], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": "#BBBBBB", "width": 1}))
    biggest = max(float(held["value"].max()) if len(held) else 1.0, 1.0)
    for part, name, colour in [(held, f"Exported with RCA ≥ 1 in {year}", FOCUS_COLOUR),
                               (near, f"Nearest products not yet exported with RCA ≥ 1 "
                                      f"({year})", peer_colour(1))]:
        sizes = (10 + 30 * np.sqrt(part["value"] / biggest)).clip(upper=40)
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=name,
            text=[_short(n, 22) for n in part["name"]], textposition="top center",
            textfont={"size": 10},
            customdata=np.column_stack([part.index, part["name"], part["rca"],
                                        part["density"]]),
            marker={"color": colour, "size": sizes if name.startswith("Exported") else 12,
                    "line": {"color": "white", "width": 0.8}},
            hovertemplate="HS %{customdata[0]} %{customdata[1]}<br>RCA %{customdata[2]:.2f};"
                          f" density %{{customdata[3]:.3f}} ({year})<extra></extra>"))
    hidden = {"visible": False, "showgrid": False}
    fig.update_layout(hovermode="closest", xaxis=hidden,
                      yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1})
    return fig


def basket_pci(ds: Dataset, iso3: str) -> float:
    """Average PCI (panel year) of the products the country exports with RCA >= 1."""
    result = complexity(ds)
    if result is None or iso3 not in result.M.index:
        return float("nan")
    return float(result.pci[result.M.loc[iso3] == 1].mean())


def nearby_complex_products(ds: Dataset, iso3: str, n: int) -> pd.DataFrame | None:
    """The ``n`` nearest products (highest density) more complex than the country's current
    basket and not yet exported with RCA >= 1 (the nearest of all candidates when none is
    more complex); ranked 1..n. None without complexity results for the country. Callers
    check ``product_status`` first."""
    result = complexity(ds)
    if result is None or iso3 not in result.M.index:
        return None
    table = opportunities(iso3, result, top=None, by="density")
    table["name"] = table["product"].map(product_names(ds)).fillna(table["product"])
    pick = table["pci"] > basket_pci(ds, iso3)
    chosen = (table[pick] if pick.any() else table).head(n).reset_index(drop=True)
    chosen["rank"] = np.arange(1, len(chosen) + 1)
    return chosen


def opportunities_table(lesson: Lesson, n: int = OPPORTUNITIES_SHOWN) -> Table | None:
    """The nearest products more complex than the current basket, with their measures."""
    if not _product_ok(lesson, "Nearby products"):
        return None
    year = product_status(lesson).year
    best = nearby_complex_products(lesson.ds, lesson.country, n)
    if best is None:
        lesson.skip("Nearby products", f"No nearby products: {_why_no_complexity(lesson)}")
        return None
    sections = best["product"].map(lesson.ds.products.set_index("code")["section_name"])
    frame = pd.DataFrame({
        "Rank": best["rank"], "HS": best["product"], "Product": best["name"],
        "Section": sections, f"PCI, {year}": best["pci"],
        f"Distance, {year}": best["distance"], f"Current RCA, {year}": best["rca"]})
    formats = {f"Distance, {year}": "{:.3f}", f"PCI, {year}": "{:.2f}",
               f"Current RCA, {year}": "{:.2f}"}
    return Table(frame, f"{lesson.name}: the nearest products more complex than its {year} "
                 f"exports, not yet exported with RCA ≥ 1 ({year})",
                 product_note(lesson.ds, year) + " PCI, distance and RCA computed here from "
                 f"the {year} panel (Atlas of Economic Complexity method).", formats)


def opportunity_message(lesson: Lesson) -> KeyMessage | None:
    if not product_status(lesson).ok:
        return None
    year = product_status(lesson).year
    best = nearby_complex_products(lesson.ds, lesson.country, OPPORTUNITIES_SHOWN)
    if best is None or best.empty:
        return None
    first = best.iloc[0]
    text = (f"In the {year} product space, the nearest product more complex than "
            f"{lesson.name}'s exports was {_in_sentence(first['name'])} (HS {first['product']}, "
            f"PCI {fmt_number(first['pci'], decimals=2)}, distance "
            f"{fmt_number(first['distance'], decimals=2)}).")
    return KeyMessage(text, "diversity", {"product": str(first["product"]), "year": year,
                                          "pci": float(first["pci"]),
                                          "distance": float(first["distance"])})


# --------------------------------------------------------------------- 7. FDI and openness
def fdi_share_panel(lesson: Lesson) -> pd.DataFrame:
    """FDI net inflows as % of GDP (fdi_inflows_usd / gdp_usd x 100), every country."""
    fdi, gdp = _panel(lesson, "fdi_inflows_usd"), _panel(lesson, "gdp_usd")
    gdp = gdp.where(gdp > 0)
    return (fdi / gdp.reindex_like(fdi) * 100).dropna(how="all").dropna(axis=1, how="all")


def fdi_chart(lesson: Lesson) -> go.Figure | None:
    """FDI net inflows in % of GDP: size-free, so comparable across countries."""
    return _trend_chart(
        lesson, fdi_share_panel(lesson), section="FDI inflows",
        label="FDI net inflows", unit="% of GDP",
        source=lesson.source("fdi_inflows_usd", "gdp_usd",
                             note="% of GDP computed here: inflows / GDP x 100."))


def fdi_table(lesson: Lesson) -> Table | None:
    """Latest FDI inflows in US$ and % of GDP, the country and its peers."""
    year = lesson.end_year
    rows = []
    shares = fdi_share_panel(lesson)
    for code in lesson.codes:
        usd = lesson.ds.latest("fdi_inflows_usd", code, max_year=year)
        share = shares[code].dropna() if code in shares.columns else pd.Series(dtype=float)
        rows.append({"Country": lesson.ds.name(code),
                     "FDI net inflows (US$ million)": usd.value / 1e6, "Year": usd.year,
                     "FDI net inflows (% of GDP)": share.iloc[-1] if len(share) else np.nan,
                     "Year (% of GDP)": int(share.index[-1]) if len(share) else None})
    frame = pd.DataFrame(rows)
    if frame["FDI net inflows (US$ million)"].isna().all():
        return None
    return Table(frame, f"Foreign direct investment, net inflows: {lesson.name} and peers, "
                 "latest year", lesson.source("fdi_inflows_usd", "gdp_usd"),
                 {"Year": lambda y: str(int(y)), "Year (% of GDP)": lambda y: str(int(y))})


def fdi_message(lesson: Lesson) -> KeyMessage | None:
    shares = fdi_share_panel(lesson)
    usd = lesson.ds.latest("fdi_inflows_usd", lesson.country, max_year=lesson.end_year)
    if usd.year is None or lesson.country not in shares.columns:
        return None
    share = shares[lesson.country].dropna()
    if share.empty:
        return None
    median = peer_median(lesson.ds, "fdi_inflows_usd", lesson.peer_codes, usd.year)[0]
    peer_shares = shares.reindex(columns=lesson.peer_codes).loc[:usd.year].tail(5)
    peer_share = peer_shares.ffill().iloc[-1].median() if len(peer_shares) else np.nan
    versus = ("" if not np.isfinite(peer_share)
              else f", against a peer median of {fmt_number(peer_share, '%')}")
    share_year = int(share.index[-1])
    if share_year == usd.year:
        share_text = f", {fmt_number(share.iloc[-1], '%')} of GDP{versus}."
    else:
        share_text = (f"; in {share_year}, the latest year with GDP data too, inflows were "
                      f"{fmt_number(share.iloc[-1], '%')} of GDP{versus}.")
    text = (f"{lesson.name} received {fmt_number(usd.value, 'US$')} of net FDI inflows in "
            f"{usd.year}{share_text}")
    return KeyMessage(text, "fdi_inflows_usd", {"value": usd.value, "year": usd.year,
                                                "share_gdp": float(share.iloc[-1]),
                                                "peer_median_usd": median})


def _indicator_chart(lesson: Lesson, indicator: str, section: str) -> go.Figure | None:
    ind = lesson.ds.indicator(indicator)
    return _trend_chart(lesson, _panel(lesson, indicator), section=section, label=ind.label,
                        unit=ind.unit, source=lesson.source(indicator))


def openness_panel(lesson: Lesson) -> pd.DataFrame:
    """Exports plus imports of goods and services, % of GDP (a value-chain proxy)."""
    exports = _panel(lesson, "exports_gnfs_share_gdp")
    imports = _panel(lesson, "imports_gnfs_share_gdp")
    return (exports + imports.reindex_like(exports)).dropna(how="all").dropna(axis=1, how="all")


def openness_chart(lesson: Lesson) -> go.Figure | None:
    """Trade in goods and services relative to GDP: the proxy for value-chain exposure."""
    return _trend_chart(
        lesson, openness_panel(lesson), section="Trade openness",
        label="Exports plus imports of goods and services", unit="% of GDP",
        source=lesson.source("exports_gnfs_share_gdp", "imports_gnfs_share_gdp",
                             note="Sum computed here; a proxy, not TiVA value-chain "
                                  "participation."))


def messages(lesson: Lesson) -> list[KeyMessage]:
    """The lesson's key messages, in reading order, those without data left out."""
    found = [structure_message(lesson), eci_message(lesson), top_exports_message(lesson),
             opportunity_message(lesson), trend_message(lesson, "mht_share_manuf_exports"),
             fdi_message(lesson), trend_message(lesson, "ict_services_share_service_exports")]
    kept = [m for m in found if m is not None]
    missing = [missing_message(lesson.ds, ind, lesson.country) for ind in HEADLINE_IDS
               if lesson.ds.latest(ind, lesson.country, max_year=lesson.end_year).year is None]
    return kept + missing[:max(0, MIN_MESSAGES - len(kept))]


# --------------------------------------------------------------------- explorer
#: What the live explorer offers: label -> indicator id, or the id of a ratio computed
#: here (``EXPLORER_COMPUTED``). It starts on exports in % of GDP, which no other chart of
#: the notebook draws, in a view no other chart draws: the country in its region's spread.
EXPLORER_INDICATORS = {
    "Exports of goods and services (% of GDP)": "exports_gnfs_share_gdp",
    "Manufactures share of merchandise exports": "manuf_share_merch_exports",
    "High-technology share of manufactured exports": "hightech_share_manuf_exports",
    "FDI net inflows (% of GDP)": "fdi_share_gdp",
    "Trade openness: exports plus imports (% of GDP)": "trade_openness",
}
EXPLORER_START = "exports_gnfs_share_gdp"
#: The explorer's computed ratios: id -> (label, unit, panel builder, source indicators).
EXPLORER_COMPUTED = {
    "fdi_share_gdp": ("FDI net inflows", "% of GDP", "fdi", ("fdi_inflows_usd", "gdp_usd")),
    "trade_openness": ("Exports plus imports", "% of GDP", "openness",
                       ("exports_gnfs_share_gdp", "imports_gnfs_share_gdp")),
}


def explorer_settings(lesson: Lesson) -> dict:
    """Arguments for ``learning.widgets.explorer`` (see ``Lesson.explorer_settings``)."""
    return lesson.explorer_settings(EXPLORER_INDICATORS, EXPLORER_START)


def explorer_series(lesson: Lesson, indicator: str) -> tuple[pd.DataFrame, str, str, str]:
    """The explorer's wide panel (every country, the lesson's years), label, unit and
    source line for an offered indicator or computed ratio."""
    if indicator in EXPLORER_COMPUTED:
        label, unit, kind, sources = EXPLORER_COMPUTED[indicator]
        panel = fdi_share_panel(lesson) if kind == "fdi" else openness_panel(lesson)
        note = "Ratio computed here. "
    else:
        ind = lesson.ds.indicator(indicator)
        label, unit, sources = ind.label, ind.unit, (indicator,)
        panel, note = _panel(lesson, indicator), ""
    source = lesson.source(*sources, note=f"{note}Band: 25th–75th percentile of "
                                          f"{lesson.region}; rank 1 = highest.")
    return panel, label, unit, source


def explore_view(ds: Dataset, state: dict) -> None:
    """Draw the explorer's chart (the country in its region's spread, see
    ``digital.region_band_chart``) and key message for one state: ``country``, ``peers``
    (empty: automatic), ``years``, ``indicator``."""
    first, last = (int(y) for y in state["years"])
    view = start_lesson(NOTEBOOK, state["country"], list(state.get("peers") or []), first,
                        last, ds=ds)
    panel, label, unit, source = explorer_series(view, state.get("indicator")
                                                 or EXPLORER_START)
    view.show(region_band_chart(view, panel, label=label, unit=unit, source=source))
    message = region_band_message(view, panel, label, unit)
    if message is not None:
        display(Markdown(f"**Key message.** {message.text}"))


def explorer_render(ds: Dataset) -> Callable[[dict], None]:
    """``render(state)`` for ``learning.widgets.explorer`` on this data pack."""
    return functools.partial(explore_view, ds)


# --------------------------------------------------------------------- exercises
def diversity_exercise(lesson: Lesson) -> Exercise:
    """How many more (or fewer) products with RCA >= 1 than the peers' median, in the
    panel year? Unavailable (NaN) when product-level results may not be shown."""
    status = product_status(lesson)
    year = status.year
    question = (f"From the export-diversity chart ({year}): how many products did "
                f"{lesson.name} export with RCA ≥ 1 in {year}, and how many more than the "
                "median of its peers shown? Give the difference (negative if fewer).")
    own = lesson.ds.latest("diversity", lesson.country) if status.ok else None
    if own is None or own.year != year:
        return Exercise(question=question, answer=float("nan"), unit="products")
    median, _, _, count = peer_median(lesson.ds, "diversity", lesson.peer_codes, year)
    answer = own.value - median
    if not np.isfinite(answer):
        return Exercise(question=question, answer=float("nan"), unit="products")
    return Exercise(
        question=question, answer=float(answer), unit="products", tolerance=1.0,
        explanation=(f"{lesson.name}: {fmt_number(own.value, decimals=0)} products in {year}; "
                     + (f"its one peer with data: {fmt_number(median, decimals=0)}"
                        if count == 1 else
                        f"median of its {count} peers with data: "
                        f"{fmt_number(median, decimals=1)}")
                     + f"; difference {fmt_number(own.value, decimals=0)} − "
                       f"{fmt_number(median, decimals=1)} = {fmt_number(answer, decimals=1)}."),
        hint="Read the country's bar, then sort the peers' bars and take the middle one "
             "(the mean of the two middle ones for an even number).",
        solution=("Diversity = number of products with RCA ≥ 1 (after cleaning); the "
                  "difference is the country's count minus the peers' median."))


def rca_exercise(lesson: Lesson) -> Exercise:
    """Recompute the RCA of the country's largest export (panel year) from the table."""
    status = product_status(lesson)
    top = top_products(lesson.ds, lesson.country, 1) if status.ok else pd.DataFrame()
    if top.empty:
        return Exercise(question=f"Compute the RCA of {lesson.name}'s largest export.",
                        answer=float("nan"), unit="")
    row, year = top.iloc[0], status.year
    return Exercise(
        question=(f"In the table of largest exports ({year}), {_in_sentence(row['name'])} "
                  f"(HS {row['product']}) makes up {_pct3(row['country_share'])} of "
                  f"{lesson.name}'s exports and {_pct3(row['world_share'])} of world exports "
                  f"in {year}. Compute its revealed comparative advantage (RCA)."),
        answer=float(row["rca"]), rel_tolerance=0.02,
        explanation=(f"RCA = share in the country's exports / share in world exports = "
                     f"{_pct3(row['country_share'])} / {_pct3(row['world_share'])} = "
                     f"{row['rca']:,.2f} ({year}): above 1 means the country exports "
                     "relatively more of it than the world does."),
        hint="Divide the first share by the second; the % signs cancel.",
        solution="RCA (Balassa) = (x_cp / x_c) / (x_p / x).")


# --------------------------------------------------------------------- policy cases
MEGATREND = "value_chains"


def policy_cases_markdown(lesson: Lesson, flags: Sequence[str]) -> str:
    """Cases from the library for the flagged value-chain challenges, named in words; when
    none is flagged, cases on value-chain challenges in general, said as such."""
    cases = lesson.policy_cases(flags, MEGATREND)
    intro = (f"Challenges flagged for {lesson.name} by the rules shared by all lessons: "
             + "; ".join(CHALLENGE_FLAGS[f].label.lower() for f in flags) + ".")
    if not cases:
        general = [f for f, flag in CHALLENGE_FLAGS.items() if flag.megatrend == MEGATREND]
        cases = lesson.policy_cases(general, MEGATREND)
        intro = (f"No value-chain challenge is flagged for {lesson.name} by the rules used "
                 "here; these cases show what other countries did on export diversification "
                 "and value chains in general.")
    if not cases:
        return intro + " The case library holds no case on these challenges yet."
    return "\n\n".join([intro, *(case_markdown(case) for case in cases)])


# --------------------------------------------------------------------- sources
SOURCE_IDS = ("fdi_inflows_usd", "gdp_usd", "gdp_per_capita", *EXPORT_GROUPS,
              "mht_share_manuf_exports", "hightech_share_manuf_exports", "service_exports_usd",
              "ict_services_share_service_exports", "exports_gnfs_share_gdp",
              "imports_gnfs_share_gdp")


def sources_markdown(lesson: Lesson) -> str:
    """Publishers, licences and vintages of everything this lesson used, from the manifest
    (the product panel only when product-level results were shown)."""
    codes = {lesson.ds.indicator(i).source_code for i in SOURCE_IDS}
    panel = product_status(lesson).ok
    lines = []
    for entry in lesson.ds.manifest.get("sources", []):
        file = str(entry.get("file", ""))
        used = (file.startswith("complexity/")
                or (panel and file.startswith(("trade/", "classifications/hs92")))
                or any(file == f"wdi/{code}.csv" for code in codes))
        if not used:
            continue
        years = ""
        if entry.get("first_year") is not None:
            years = f", data {entry['first_year']}–{entry['last_year']}"
        lines.append(f"- **{entry.get('publisher', file)}** — `{file}`; licence "
                     f"{entry.get('licence', 'not stated')}{years}. "
                     f"{entry.get('provenance', '')}")
    built = lesson.ds.manifest.get("built", "")
    year = product_year(lesson.ds)
    computed = (f" RCA, proximity, density, distance and PCI of the {year} product panel are "
                "computed here (policylab.metrics.complexity)." if panel else "")
    lines.append(f"\nData pack built {built}; vintage: {lesson.ds.vintage}. The Economic "
                 "Complexity Index and rank are the Growth Lab's published values (credit: "
                 "Growth Lab at Harvard University, Atlas of Economic Complexity), not "
                 f"recomputed here.{computed}")
    return "\n".join(lines)
