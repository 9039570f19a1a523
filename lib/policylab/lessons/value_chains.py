"""The value-chains lesson (notebook ``03_value_chains``): what a country exports, how
concentrated and how complex its export basket is, which products lie close to its
capabilities, and what the World Bank's series say about FDI, manufactured and high-tech
exports and trade openness.

Two kinds of data, said apart everywhere: the trade-based sections use the offline trade
copy, ONE cross-section (Open Trade Statistics, the 1998-2000 average, CC-BY-NC) whose
levels are not national totals, so only shares within a country, RCA and the complexity
measures are shown, never export values; the trend sections use WDI series. Global value
chain participation proper (OECD TiVA) is not in the pack; trade-based proxies stand in.

Heavy computations (complexity, the product-space layout) are cached per process, keyed
on the trade table's checksum, so a kept-alive batch kernel pays them once.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown, display
from scipy.sparse.csgraph import minimum_spanning_tree

from policylab.cases import CHALLENGE_FLAGS, case_markdown
from policylab.charts import bar_compare, line_compare, network, scatter_compare
from policylab.charts.template import FOCUS_COLOUR, OTHER_COLOUR, new_figure
from policylab.display import show_table
from policylab.errors import PolicylabError
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson, start_lesson
from policylab.lessons.digital import region_band_chart, region_band_message
from policylab.metrics.complexity import (
    ComplexityResult,
    compute_complexity,
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
from policylab.pack.dataset import Dataset
from policylab.peers import latest_values, peer_median

NOTEBOOK = "03_value_chains"
HEADLINE_IDS = ("eci", "diversity", "manuf_share_merch_exports",
                "hightech_share_manuf_exports", "fdi_inflows_usd")
#: Fewer key messages than this are completed with honest "no data" sentences.
MIN_MESSAGES = 3
#: Indicators whose FLAG_RULES this notebook applies (narrow_export_basket, low_eci,
#: low_manuf_exports).
FLAG_INDICATORS = ("diversity", "eci", "manuf_share_merch_exports")

#: Readable names of the SITC rev. 2 sections (the classification's own titles, shortened).
SECTION_LABELS = {
    "0": "Food & live animals", "1": "Beverages & tobacco", "2": "Crude materials",
    "3": "Mineral fuels", "4": "Oils & fats", "5": "Chemicals",
    "6": "Manufactures by material", "7": "Machinery & transport", "8": "Misc. manufactures",
    "9": "Not classified",
}
#: Colour-blind-safe qualitative palette (Paul Tol's "safe" scheme, as in plotly), one
#: colour per SITC section.
SECTION_COLOURS = dict(zip(SECTION_LABELS, (
    "#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499", "#44AA99",
    "#999933", "#882255", "#888888"), strict=True))

#: A product must weigh at least this share of the country's exports to appear among its
#: top specialisations: RCA divides by the world share, so a sliver of exports in a rarely
#: traded product can show a huge RCA without being a real strength.
MIN_SHARE_FOR_SPECIALISATION = 0.005
#: The product space keeps the maximum spanning tree and adds the strongest remaining links
#: until the average degree reaches this value: Hidalgo et al. (2007) chose their proximity
#: threshold on this visual criterion (a readable map with about four links per product).
PRODUCT_SPACE_DEGREE = 4.0
LAYOUT_SEED = 7
#: Iterations of networkx's energy-based spring layout: enough for the clusters to settle
#: (checked by eye), few enough to keep the first figure of a process near one second.
LAYOUT_ITERATIONS = 15
#: How many nearby products the opportunities chart marks and the table lists.
OPPORTUNITIES_SHOWN = 15
#: Bars drawn in the cross-country rankings besides the focus country and its peers.
RANKING_LIMIT = 15


# --------------------------------------------------------------------- the trade copy
def trade_year(ds: Dataset) -> int | None:
    """The year under which the trade cross-section is stored (None without trade rows)."""
    return None if ds.trade.empty else int(ds.trade["year"].max())


def trade_source(ds: Dataset) -> dict:
    """The manifest's record of the trade file (publisher, licence, provenance)."""
    for entry in ds.manifest.get("sources", []):
        if str(entry.get("file", "")).startswith("trade/"):
            return entry
    return {}


def trade_period(ds: Dataset) -> str:
    """The period the trade copy covers, e.g. "1998–2000": from the span the manifest's
    provenance (or vintage) states around the data's year, else the data's year alone."""
    year = trade_year(ds)
    texts = [str(trade_source(ds).get("provenance", "")), ds.vintage]
    for text in texts:
        for first, last in re.findall(r"(\d{4})\s*[-–]\s*(\d{4})", text):
            if year is None or int(first) <= year <= int(last):
                return f"{first}\u2013{last}"
    return "" if year is None else str(year)


def trade_span(ds: Dataset) -> str:
    """How the period reads in a sentence: "averaged over 1998–2000" when the copy is an
    average of several years, "for 1999" when only its year is known."""
    period = trade_period(ds)
    return f"averaged over {period}" if "\u2013" in period else f"for {period}"


def trade_note(ds: Dataset) -> str:
    """The line under every trade-based chart: source, period, licence and the caveat."""
    entry = trade_source(ds)
    publisher = str(entry.get("publisher", "Open Trade Statistics")).split(",")[0]
    licence = str(entry.get("licence", "CC-BY-NC-4.0")).split(" ")[0]
    return (f"Source: {publisher}, SITC rev. 2 4-digit exports {trade_span(ds)} (one "
            f"cross-section), {licence}.<br>Shares within each country only: the levels "
            "are not national totals.")


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
    return export_matrix(keyed.ds.trade, trade_year(keyed.ds))


@functools.lru_cache(maxsize=2)
def _rca(keyed: _Keyed) -> pd.DataFrame:
    return rca(_exports(keyed))


@functools.lru_cache(maxsize=2)
def _complexity(keyed: _Keyed) -> ComplexityResult | None:
    try:
        return compute_complexity(keyed.ds.trade)
    except PolicylabError:
        return None


def exports_matrix(ds: Dataset) -> pd.DataFrame:
    """Exporter x product export values of the trade copy (cached per process). Use only
    for shares and RCA: the levels are not national totals."""
    if ds.trade.empty:
        return pd.DataFrame()
    return _exports(_Keyed(ds))


def rca_matrix(ds: Dataset) -> pd.DataFrame:
    """Balassa RCA of every exporter and product against all exporters in the copy."""
    if ds.trade.empty:
        return pd.DataFrame()
    return _rca(_Keyed(ds))


def complexity(ds: Dataset) -> ComplexityResult | None:
    """``compute_complexity(ds.trade)`` with the default (Atlas-style) cleaning, cached per
    process; None when the pack has no usable trade table."""
    if ds.trade.empty:
        return None
    return _complexity(_Keyed(ds))


def _observations_stamp(ds: Dataset) -> str:
    """The observations' checksum (or the object's identity for packs built in memory)."""
    stamp = ds.manifest.get("files", {}).get("observations.parquet", {}).get("sha256")
    return str(stamp or id(ds))


def start(country: str, peers: Sequence[str] = (), start_year: int = 2000,
          end_year: int = 0) -> Lesson:
    """The lesson for this notebook (the pack holds ECI and diversity since its build)."""
    return start_lesson(NOTEBOOK, country, peers, start_year, end_year)


# --------------------------------------------------------------------- shares and RCA
def export_shares(ds: Dataset, countries: Iterable[str]) -> pd.DataFrame:
    """Each country's product shares of its own exports (iso3 x product, rows sum to 1);
    countries without trade rows are left out. Shares are valid; the copy's levels are not."""
    matrix = exports_matrix(ds)
    if matrix.empty:
        return pd.DataFrame()
    rows = matrix.reindex([c for c in countries if c in matrix.index])
    return rows.div(rows.sum(axis=1), axis=0)


def section_shares(ds: Dataset, countries: Iterable[str]) -> pd.DataFrame:
    """Each country's SITC section shares of its exports, in % (iso3 x section code)."""
    shares = export_shares(ds, countries)
    if shares.empty:
        return shares
    section = ds.products.set_index("code")["section"].reindex(shares.columns).fillna("9")
    return shares.T.groupby(section.to_numpy()).sum().T * 100


def herfindahl(ds: Dataset) -> pd.Series:
    """Herfindahl-Hirschman index of every exporter's product shares, sum of s_p squared
    (0 to 1; 1 = a single product; 1/N = N products of equal weight)."""
    if ds.trade.empty:
        return pd.Series(dtype=float)
    return _herfindahl(_Keyed(ds))


@functools.lru_cache(maxsize=2)
def _herfindahl(keyed: _Keyed) -> pd.Series:
    matrix = _exports(keyed)
    shares = matrix.div(matrix.sum(axis=1), axis=0)
    return (shares**2).sum(axis=1).rename("hhi")


def product_names(ds: Dataset) -> pd.Series:
    products = ds.products.set_index("code")
    return products["name_short"].where(products["name_short"].astype(bool), products["name"])


def specialisation(ds: Dataset, iso3: str) -> pd.DataFrame:
    """One row per product the country exports: its share of the country's exports, the
    product's share of all exports in the copy (both %), and RCA = the first / the second.
    Sorted by RCA; empty when the country has no trade rows."""
    if ds.trade.empty:
        return _specialisation_of(None, iso3)
    return _specialisation_of(_Keyed(ds), iso3).copy()


@functools.lru_cache(maxsize=8)
def _specialisation_of(keyed: _Keyed | None, iso3: str) -> pd.DataFrame:
    ds = keyed.ds if keyed else None
    matrix = _exports(keyed) if keyed else pd.DataFrame()
    if matrix.empty or iso3 not in matrix.index:
        return pd.DataFrame(columns=["product", "name", "section", "country_share",
                                     "world_share", "rca"])
    own = matrix.loc[iso3]
    world = matrix.sum(axis=0)
    table = pd.DataFrame({
        "product": matrix.columns,
        "country_share": (own / own.sum() * 100).to_numpy(),
        "world_share": (world / world.sum() * 100).to_numpy(),
        "rca": _rca(keyed).loc[iso3].to_numpy(),
    })
    table = table[table["country_share"] > 0]
    products = ds.products.set_index("code")
    table.insert(1, "name", table["product"].map(product_names(ds)).fillna(table["product"]))
    table.insert(2, "section", table["product"].map(products["section"]).map(SECTION_LABELS))
    return table.sort_values("rca", ascending=False, ignore_index=True)


def opportunity_list(ds: Dataset, iso3: str, n: int = 20) -> pd.DataFrame:
    """The ``n`` nearest products more complex than the country's current exports that it
    does not yet export with RCA >= 1 (``nearby_complex_products``): ``product, name, pci,
    distance, density``. Empty for a country without complexity results (no trade rows,
    or removed by cleaning); ``why_no_complexity`` says why."""
    columns = ["product", "name", "pci", "distance", "density"]
    table = nearby_complex_products(ds, iso3, n)
    if table is None:
        return pd.DataFrame(columns=columns)
    return table[columns]


def why_no_complexity(ds: Dataset, iso3: str) -> str | None:
    """None when the country has ECI results; else the reason, in words."""
    result = complexity(ds)
    if result is None:
        return "the data pack has no usable trade table."
    if iso3 in result.M.index:
        return None
    reason = result.dropped_exporters.get(iso3)
    if reason:
        return (f"its exports were left out of the complexity computation by the "
                f"Atlas-style cleaning ({reason}).")
    return "the trade copy has no exports for it."


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


# --------------------------------------------------------------------- section: structure
def _no_trade(lesson: Lesson, section: str) -> bool:
    if lesson.country in exports_matrix(lesson.ds).index:
        return False
    lesson.skip(section, f"The trade copy ({trade_period(lesson.ds)}) has no exports for "
                         f"{lesson.name}.")
    return True


def export_structure_chart(lesson: Lesson) -> go.Figure | None:
    """SITC section shares of the country's and its peers' exports, as 100% bars."""
    if _no_trade(lesson, "Export structure"):
        return None
    shares = section_shares(lesson.ds, lesson.codes)
    focus = shares.loc[lesson.country]
    top = focus.idxmax()
    period = trade_period(lesson.ds)
    title = (f"{SECTION_LABELS[top]} made up {fmt_number(focus[top], '%')} of "
             f"{lesson.name}'s exports in {period}, its largest SITC section")
    fig = new_figure(title, trade_note(lesson.ds), height=max(420, 46 * len(shares) + 260))
    labels = [f"<b>{lesson.name}</b>" if c == lesson.country else lesson.ds.name(c)
              for c in shares.index]
    for section in shares.columns:
        fig.add_trace(go.Bar(
            y=labels, x=shares[section].to_numpy(), orientation="h",
            name=SECTION_LABELS.get(section, section),
            marker_color=SECTION_COLOURS.get(section, OTHER_COLOUR),
            hovertemplate=f"%{{y}}: %{{x:.1f}}% {SECTION_LABELS.get(section, section)}"
                          "<extra></extra>"))
    fig.update_layout(barmode="stack", xaxis_title="Share of the country's exports (%)",
                      xaxis={"range": [0, 100]},
                      yaxis={"autorange": "reversed", "showgrid": False},
                      legend={"traceorder": "normal"})
    return _legend_at_right(fig)


def _latest_everywhere(ds: Dataset, indicator: str) -> pd.Series:
    """Every country's latest value of a trade-based indicator (cached per process)."""
    return _latest_cached(_Keyed(ds), _observations_stamp(ds), indicator)


@functools.lru_cache(maxsize=8)
def _latest_cached(keyed: _Keyed, observations_stamp: str, indicator: str) -> pd.Series:
    return latest_values(keyed.ds, indicator)["value"]


def _lower_first(label: str) -> str:
    """"Manufactures share" -> "manufactures share", but "FDI inflows" stays as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _legend_at_right(fig: go.Figure) -> go.Figure:
    """A vertical legend beside the plot: the house legend row above the plot has room for
    one line, and the section legends need several."""
    fig.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top", "font": {"size": 13}},
                      margin={"r": 230})
    return fig


def _region_codes(lesson: Lesson) -> list[str]:
    meta = lesson.ds.countries()
    return list(meta.index[meta["region"] == lesson.region])


def _ranking(lesson: Lesson, values: pd.Series, *, title: str, unit: str, label: str,
             source: str, median_label: str) -> go.Figure:
    """A ranking of the region's countries and the peers, with the region's median as a
    dashed line."""
    pool = list(dict.fromkeys([*_region_codes(lesson), *lesson.codes]))
    shown = values.reindex(pool).dropna()
    fig = bar_compare(shown, lesson.country, lesson.peer_codes, title=title, unit=unit,
                      source=source, names={c: lesson.ds.name(c) for c in shown.index},
                      x_label=label, limit=RANKING_LIMIT)
    median = values.reindex(_region_codes(lesson)).dropna().median()
    if np.isfinite(median):
        fig.add_vline(x=float(median), line_dash="dash", line_color="#333333",
                      annotation_text=median_label, annotation_position="bottom right")
    return fig


def concentration_chart(lesson: Lesson) -> go.Figure | None:
    """Herfindahl-Hirschman index of export concentration, against the region and peers."""
    if _no_trade(lesson, "Export concentration"):
        return None
    hhi = herfindahl(lesson.ds)
    own = float(hhi[lesson.country])
    median = float(hhi.reindex(_region_codes(lesson)).dropna().median())
    side = "more" if own > median else "less"
    title = (f"{lesson.name}'s exports were {side} concentrated (HHI "
             f"{fmt_number(own, decimals=3)}) than the median of {lesson.region} "
             f"({fmt_number(median, decimals=3)}), {trade_period(lesson.ds)}")
    return _ranking(lesson, hhi, title=title, unit="index 0–1",
                    label="Herfindahl-Hirschman index of product shares (0–1)",
                    source=trade_note(lesson.ds), median_label=f"Median of {lesson.region}")


def _complexity_standing(lesson: Lesson, indicator: str, section: str,
                         missing: str) -> tuple[pd.Series, float, int] | None:
    """Every economy's latest ``indicator`` (a complexity measure), the country's value and
    its rank (1 = highest); None, with a skip note saying why, when it has none."""
    reason = why_no_complexity(lesson.ds, lesson.country)
    if reason:
        lesson.skip(section, f"{missing}: {reason}")
        return None
    values = _latest_everywhere(lesson.ds, indicator)
    rank = int(values.rank(ascending=False, method="min")[lesson.country])
    return values, float(values[lesson.country]), rank


def diversity_chart(lesson: Lesson) -> go.Figure | None:
    """Export diversity (products with RCA >= 1, after cleaning), region and peers."""
    ranked = _complexity_standing(lesson, "diversity", "Export diversity",
                                  "No diversity figure")
    if ranked is None:
        return None
    values, own, rank = ranked
    title = (f"{lesson.name} exported {fmt_number(own, decimals=0)} products with RCA ≥ 1 "
             f"in {trade_period(lesson.ds)}, {ordinal(rank)} of {len(values)} economies")
    return _ranking(lesson, values, title=title, unit="products",
                    label="Products exported with RCA ≥ 1",
                    source=trade_note(lesson.ds), median_label=f"Median of {lesson.region}")


def structure_message(lesson: Lesson) -> KeyMessage | None:
    """Largest section, concentration and diversity in one sentence."""
    if lesson.country not in exports_matrix(lesson.ds).index:
        return None
    shares = section_shares(lesson.ds, [lesson.country]).loc[lesson.country]
    top = shares.idxmax()
    hhi = float(herfindahl(lesson.ds)[lesson.country])
    count = int((rca_matrix(lesson.ds).loc[lesson.country] >= 1).sum())
    text = (f"In the {trade_period(lesson.ds)} trade data, {SECTION_LABELS[top].lower()} "
            f"made up {fmt_number(shares[top], '%')} of {lesson.name}'s exports; "
            f"{count} products had RCA ≥ 1 and the export concentration index (HHI) "
            f"was {fmt_number(hhi, decimals=3)}.")
    return KeyMessage(text, "diversity", {"top_share": float(shares[top]), "rca_count": count,
                                          "hhi": hhi})


# --------------------------------------------------------------------- section: RCA
def _specialisations(lesson: Lesson, n: int) -> pd.DataFrame:
    table = specialisation(lesson.ds, lesson.country)
    strong = table[table["country_share"] >= MIN_SHARE_FOR_SPECIALISATION * 100]
    return (strong if len(strong) >= 3 else table).head(n)


def specialisation_chart(lesson: Lesson, n: int = 12) -> go.Figure | None:
    """The products with the highest RCA (of those weighing at least 0.5% of exports)."""
    if _no_trade(lesson, "Specialisation"):
        return None
    top = _specialisations(lesson, n).iloc[::-1]
    first = top.iloc[-1]
    title = (f"{lesson.name} exported {fmt_number(first['rca'], decimals=0)} times the world "
             f"share of {_in_sentence(first['name'])}, its strongest specialisation "
             f"({trade_period(lesson.ds)})")
    fig = new_figure(title, trade_note(lesson.ds) + " Products under "
                     f"{MIN_SHARE_FOR_SPECIALISATION:.1%} of the country's exports are left out.",
                     height=max(440, 34 * len(top) + 240), legend=False)
    sections = top["product"].map(lesson.ds.products.set_index("code")["section"])
    fig.add_trace(go.Bar(
        y=[_short(name) for name in top["name"]], x=top["rca"], orientation="h",
        marker_color=[SECTION_COLOURS.get(s, OTHER_COLOUR) for s in sections],
        text=[f"{v:,.1f}" for v in top["rca"]], textposition="outside", cliponaxis=False,
        customdata=np.column_stack([top["section"], top["country_share"]]),
        hovertemplate="%{y}<br>RCA %{x:.1f}<br>%{customdata[0]}; %{customdata[1]:.2f}% "
                      "of exports<extra></extra>"))
    fig.update_layout(xaxis_title="Revealed comparative advantage (RCA; 1 = world average)",
                      xaxis_type="log", yaxis={"showgrid": False})
    fig.add_vline(x=1, line_dash="dot", line_color="#333333")
    return fig


def _in_sentence(name: str) -> str:
    """A product name inside a sentence: first letter lowered, codes such as U235 kept."""
    return name[:1].lower() + name[1:]


def _short(name: str, width: int = 45) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def specialisation_table(lesson: Lesson, n: int = 10) -> Table | None:
    """The top products by RCA with their shares, from which RCA can be recomputed."""
    if lesson.country not in exports_matrix(lesson.ds).index:
        return None
    top = _specialisations(lesson, n)
    frame = pd.DataFrame({
        "SITC": top["product"], "Product": top["name"], "Section": top["section"],
        f"Share of {lesson.name}'s exports": top["country_share"],
        "Share of all exports in the data": top["world_share"], "RCA": top["rca"],
    })
    frame = frame.reset_index(drop=True)
    formats = {f"Share of {lesson.name}'s exports": _pct3,
               "Share of all exports in the data": _pct3, "RCA": "{:,.1f}"}
    return Table(frame, f"{lesson.name}: strongest specialisations, {trade_period(lesson.ds)}",
                 trade_note(lesson.ds), formats)


# --------------------------------------------------------------------- section: ECI
def eci_ranking_chart(lesson: Lesson) -> go.Figure | None:
    """ECI of the region's countries and the peers, the country highlighted."""
    ranked = _complexity_standing(lesson, "eci", "Economic Complexity Index", "No ECI")
    if ranked is None:
        return None
    values, own, rank = ranked
    title = (f"{lesson.name} ranked {ordinal(rank)} of {len(values)} economies on economic "
             f"complexity (ECI {fmt_number(own, decimals=2)}), {trade_period(lesson.ds)}")
    return _ranking(lesson, values, title=title, unit="index",
                    label="Economic Complexity Index (mean 0, s.d. 1)",
                    source=trade_note(lesson.ds) + " ECI computed here.",
                    median_label=f"Median of {lesson.region}")


def eci_fit(lesson: Lesson) -> pd.DataFrame:
    """ECI against GDP per capita (log) in the trade year, every economy with both, and
    the ECI its income predicts (least squares on log10 GDP per capita)."""
    return _eci_fit(_Keyed(lesson.ds), _observations_stamp(lesson.ds)).copy()


@functools.lru_cache(maxsize=2)
def _eci_fit(keyed: _Keyed, observations_stamp: str) -> pd.DataFrame:
    ds = keyed.ds
    year = trade_year(ds)
    eci = latest_values(ds, "eci")
    income = latest_values(ds, "gdp_per_capita", list(eci.index), year)
    frame = pd.DataFrame({"eci": eci["value"], "gdp_per_capita": income["value"],
                          "year": income["year"]}).dropna()
    frame = frame[frame["gdp_per_capita"] > 0]
    if len(frame) > 2:
        slope, intercept = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["eci"], 1)
        frame["expected"] = intercept + slope * np.log10(frame["gdp_per_capita"])
    return frame


def eci_income_chart(lesson: Lesson) -> go.Figure | None:
    """ECI against GDP per capita: is the export basket more complex than income predicts?"""
    frame = eci_fit(lesson)
    if lesson.country not in frame.index or "expected" not in frame:
        reason = why_no_complexity(lesson.ds, lesson.country)
        lesson.skip("ECI and income", f"No ECI: {reason}" if reason
                    else f"No GDP per capita for {lesson.name} around the trade period.")
        return None
    own, expected = frame.at[lesson.country, "eci"], frame.at[lesson.country, "expected"]
    side = "more" if own > expected else "less"
    title = (f"{lesson.name}'s exports were {side} complex than its income predicts "
             f"(ECI {fmt_number(own, decimals=2)} against {fmt_number(expected, decimals=2)} "
             f"expected), {trade_period(lesson.ds)}")
    source = (trade_note(lesson.ds) + " " + lesson.source("gdp_per_capita").replace(
        "Source: ", "GDP per capita: "))
    return scatter_compare(frame, "gdp_per_capita", "eci", lesson.country, lesson.peer_codes,
                           title=title, x_label="GDP per capita", x_unit="current US$, log scale",
                           y_label="Economic Complexity Index", source=source,
                           names={c: lesson.ds.name(c) for c in frame.index}, log_x=True,
                           trend="linear")


def eci_message(lesson: Lesson) -> KeyMessage | None:
    frame = eci_fit(lesson)
    if lesson.country not in frame.index or "expected" not in frame:
        return None
    values = _latest_everywhere(lesson.ds, "eci")
    rank = int(values.rank(ascending=False, method="min")[lesson.country])
    own, expected = float(frame.at[lesson.country, "eci"]), float(
        frame.at[lesson.country, "expected"])
    median = peer_median(lesson.ds, "eci", lesson.peer_codes)[0]
    peers = ("" if not np.isfinite(median)
             else f", against a peer median of {fmt_number(median, decimals=2)}")
    text = (f"{lesson.name}'s Economic Complexity Index was {fmt_number(own, decimals=2)} in "
            f"{trade_period(lesson.ds)} ({ordinal(rank)} of {len(values)} economies{peers}); "
            f"its income alone would predict {fmt_number(expected, decimals=2)}.")
    return KeyMessage(text, "eci", {"eci": own, "expected": expected, "rank": rank,
                                    "peer_median": median})


# --------------------------------------------------------------------- section: product space
@functools.lru_cache(maxsize=2)
def _product_space(keyed: _Keyed) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    result = complexity(keyed.ds)
    if result is None:
        return None
    phi = result.proximity.to_numpy()
    codes = result.proximity.index.to_numpy()
    n = len(codes)
    distance = 2.0 - phi  # > 0 everywhere: the minimum spanning tree of 2 - phi is the
    np.fill_diagonal(distance, 0.0)  # maximum spanning tree of phi
    tree = minimum_spanning_tree(distance).tocoo()
    links = {tuple(sorted(pair)) for pair in zip(tree.row.tolist(), tree.col.tolist(),
                                                 strict=True)}
    upper = np.triu_indices(n, 1)
    target = int(PRODUCT_SPACE_DEGREE * n / 2)
    for k in np.argsort(-phi[upper], kind="stable"):
        if len(links) >= target:
            break
        links.add((int(upper[0][k]), int(upper[1][k])))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((a, b, phi[a, b]) for a, b in links)
    position = nx.spring_layout(graph, seed=LAYOUT_SEED, method="energy",
                                iterations=LAYOUT_ITERATIONS)
    xy = np.array([position[i] for i in range(n)])
    world = _exports(keyed).sum(axis=0).reindex(codes)
    names = product_names(keyed.ds).reindex(codes).fillna(pd.Series(codes, index=codes))
    section = keyed.ds.products.set_index("code")["section"].reindex(codes).fillna("9")
    nodes = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "world_share": world / world.sum(),
                          "section": section, "pci": result.pci.reindex(codes)},
                         index=pd.Index(codes, name="product"))
    nodes["label"] = [f"{c} {names[c]}<br>{SECTION_LABELS.get(s, s)}; PCI {p:.2f}"
                      for c, s, p in zip(codes, nodes["section"], nodes["pci"], strict=True)]
    edges = pd.DataFrame([(codes[a], codes[b], phi[a, b]) for a, b in sorted(links)],
                         columns=["source", "target", "proximity"])
    return nodes, edges


def product_space(ds: Dataset) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Nodes (index product; ``x, y, world_share, section, pci, label``) and edges
    (``source, target, proximity``) of the product space: the maximum spanning tree of
    proximity plus the strongest other links up to an average degree of
    ``PRODUCT_SPACE_DEGREE`` (Hidalgo et al. 2007), laid out once per process with
    networkx's spring layout (fixed seed), so every country sees the same map."""
    if ds.trade.empty:
        return None
    return _product_space(_Keyed(ds))


def product_space_chart(lesson: Lesson) -> go.Figure | None:
    """The product space with the country's RCA >= 1 products coloured by SITC section."""
    space = product_space(lesson.ds)
    if space is None or _no_trade(lesson, "Product space"):
        return None
    nodes, edges = space
    mine = rca_matrix(lesson.ds).loc[lesson.country]
    marked = [p for p in nodes.index if mine.get(p, 0.0) >= 1.0]
    top_section = nodes.loc[marked, "section"].value_counts() if marked else pd.Series()
    where = (f"; most are in {SECTION_LABELS[top_section.index[0]].lower()}"
             if len(top_section) else "")
    title = (f"{lesson.name} exported {len(marked)} of the {len(nodes)} products in the "
             f"product space with RCA ≥ 1{where} ({trade_period(lesson.ds)})")
    fig = network(nodes, edges, marked, title=title, size_column="world_share",
                  source=trade_note(lesson.ds) + " Node size: share of world trade in the "
                  "data; links: proximity (maximum spanning tree plus strongest links).",
                  highlight_label=f"{lesson.name}: RCA ≥ 1 (colour = SITC section)")
    for trace in fig.data:
        if trace.name and trace.name.startswith(lesson.name):
            trace.marker.color = [SECTION_COLOURS.get(nodes.at[p, "section"], FOCUS_COLOUR)
                                  for p in marked]  # network() keeps node order
            trace.marker.line = {"color": "#222222", "width": 0.8}
    for section in sorted(top_section.index):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers",
                                 name=SECTION_LABELS.get(section, section),
                                 marker={"color": SECTION_COLOURS.get(section), "size": 10}))
    return _legend_at_right(fig)


# --------------------------------------------------------------------- section: opportunities
def basket_pci(ds: Dataset, iso3: str) -> float:
    """Average PCI of the products the country already exports with RCA >= 1 (the Atlas's
    yardstick for "more complex than what it makes now"); NaN without results."""
    result = complexity(ds)
    if result is None or iso3 not in result.M.index:
        return float("nan")
    return float(result.pci[result.M.loc[iso3] == 1].mean())


def candidate_products(ds: Dataset, iso3: str) -> pd.DataFrame | None:
    """Every product the country does not yet export with RCA >= 1 (``opportunities``,
    ranked by density, i.e. nearest first), with ``name`` and ``pick``: the product is more
    complex than the country's current basket (``basket_pci``). None without results."""
    if ds.trade.empty:
        return None
    table = _candidates_of(_Keyed(ds), iso3)
    return None if table is None else table.copy()


@functools.lru_cache(maxsize=8)
def _candidates_of(keyed: _Keyed, iso3: str) -> pd.DataFrame | None:
    ds = keyed.ds
    result = complexity(ds)
    if result is None or iso3 not in result.M.index:
        return None
    table = opportunities(iso3, result, top=None, by="density")
    table["name"] = table["product"].map(product_names(ds)).fillna(table["product"])
    table["pick"] = table["pci"] > basket_pci(ds, iso3)
    return table


def nearby_complex_products(ds: Dataset, iso3: str, n: int) -> pd.DataFrame | None:
    """The ``n`` nearest products that are more complex than the country's current basket
    (the Atlas's diversification view: feasible, and a step up); ranked 1..n. When no
    candidate is more complex (the most complex economies), the nearest candidates."""
    table = candidate_products(ds, iso3)
    if table is None:
        return None
    chosen = table[table["pick"]] if table["pick"].any() else table
    chosen = chosen.head(n).reset_index(drop=True)
    chosen["rank"] = np.arange(1, len(chosen) + 1)
    return chosen


def opportunities_chart(lesson: Lesson) -> go.Figure | None:
    """Products not yet exported with RCA >= 1: distance (x) against complexity (y), the
    nearest of those more complex than today's basket marked (the Atlas's feasibility view)."""
    candidates = candidate_products(lesson.ds, lesson.country)
    if candidates is None:
        lesson.skip("Diversification opportunities",
                    f"No opportunities: {why_no_complexity(lesson.ds, lesson.country)}")
        return None
    best = nearby_complex_products(lesson.ds, lesson.country, OPPORTUNITIES_SHOWN)
    basket = basket_pci(lesson.ds, lesson.country)
    title = (f"The nearest product more complex than {lesson.name}'s exports was "
             f"{_short(_in_sentence(best['name'].iloc[0]), 70)} ({trade_period(lesson.ds)})")
    fig = new_figure(title, trade_note(lesson.ds) + " Distance and PCI computed here "
                     "(Atlas of Economic Complexity method).")
    rest = candidates[~candidates["product"].isin(best["product"])]
    for part, name, colour, size in [(rest, "Other products not yet exported with RCA ≥ 1",
                                      OTHER_COLOUR, 6),
                                     (best, f"The {len(best)} nearest more complex products",
                                      FOCUS_COLOUR, 12)]:
        fig.add_trace(go.Scatter(
            x=part["distance"], y=part["pci"], mode="markers", name=name,
            text=[f"{p} {n}" for p, n in zip(part["product"], part["name"], strict=True)],
            customdata=part["outlook_gain"],
            marker={"color": colour, "size": size, "line": {"color": "white", "width": 0.5}},
            hovertemplate="%{text}<br>distance %{x:.3f}; PCI %{y:.2f}; "
                          "outlook gain %{customdata:.2f}<extra></extra>"))
    if np.isfinite(basket):
        fig.add_hline(y=basket, line_dash="dash", line_color="#333333",
                      annotation_text="Average PCI of current exports (RCA ≥ 1)",
                      annotation_position="bottom right")
    fig.update_layout(hovermode="closest",
                      xaxis_title="Distance from current capabilities (0 = close, 1 = far)",
                      yaxis_title="Product Complexity Index (PCI)")
    return fig


def opportunities_table(lesson: Lesson, n: int = OPPORTUNITIES_SHOWN) -> Table | None:
    """The nearby products with the highest outlook gain, with names and measures."""
    best = nearby_complex_products(lesson.ds, lesson.country, n)
    if best is None:
        return None
    sections = best["product"].map(lesson.ds.products.set_index("code")["section"])
    frame = pd.DataFrame({
        "Rank": best["rank"], "SITC": best["product"], "Product": best["name"],
        "Section": sections.map(SECTION_LABELS), "PCI": best["pci"],
        "Distance": best["distance"], "Density": best["density"],
        "Outlook gain": best["outlook_gain"], "Current RCA": best["rca"]})
    formats = {c: "{:.3f}" for c in ("Distance", "Density")} | {
        c: "{:.2f}" for c in ("PCI", "Outlook gain", "Current RCA")}
    return Table(frame, f"{lesson.name}: nearest products more complex than its current "
                 f"exports, not yet exported with RCA ≥ 1 ({trade_period(lesson.ds)})",
                 trade_note(lesson.ds), formats)


def opportunity_message(lesson: Lesson) -> KeyMessage | None:
    best = nearby_complex_products(lesson.ds, lesson.country, OPPORTUNITIES_SHOWN)
    if best is None or best.empty:
        return None
    first = best.iloc[0]
    text = (f"The nearest product more complex than {lesson.name}'s exports of "
            f"{trade_period(lesson.ds)} was {_in_sentence(first['name'])} "
            f"(SITC {first['product']}, "
            f"PCI {fmt_number(first['pci'], decimals=2)}, distance "
            f"{fmt_number(first['distance'], decimals=2)}).")
    return KeyMessage(text, "eci", {"product": str(first["product"]),
                                    "pci": float(first["pci"]),
                                    "distance": float(first["distance"])})


# --------------------------------------------------------------------- section: WDI trends
def _years(lesson: Lesson) -> tuple[int, int]:
    return lesson.start_year, lesson.end_year


def _region_median(lesson: Lesson, panel_all: pd.DataFrame) -> pd.Series:
    """Median per year over the region's countries of a wide panel (index year)."""
    members = [c for c in _region_codes(lesson) if c in panel_all.columns]
    return panel_all[members].median(axis=1, skipna=True).dropna()


def _first_last(series: pd.Series) -> tuple[int, float, int, float] | None:
    points = series.dropna()
    if points.empty:
        return None
    return (int(points.index[0]), float(points.iloc[0]), int(points.index[-1]),
            float(points.iloc[-1]))


def _trend_chart(lesson: Lesson, panel_all: pd.DataFrame, *, section: str, label: str,
                 unit: str, source: str) -> go.Figure | None:
    """A line chart of ``panel_all`` (index year, every country) for the country, its peers
    and the region's median, with a title stating the change."""
    focus = panel_all[lesson.country] if lesson.country in panel_all.columns else pd.Series()
    ends = _first_last(focus)
    if ends is None:
        lesson.skip(section, f"No data on {_lower_first(label)} for {lesson.name} in "
                             f"{lesson.start_year}–{lesson.end_year}.")
        return None
    y0, v0, y1, v1 = ends
    median = _region_median(lesson, panel_all)
    if y0 == y1:
        change = (f"was {fmt_quantity(v1, unit)} in {y1}, the only figure since "
                  f"{lesson.start_year}")
    else:
        change = f"went from {fmt_number(v0, unit)} to {fmt_quantity(v1, unit)}, {y0}–{y1}"
    versus = (f" (median of {lesson.region}: {fmt_number(median[y1], unit)})"
              if y1 in median.index else "")
    title = f"{lesson.name}'s {_lower_first(label)} {change}{versus}"
    shown = panel_all.reindex(columns=[c for c in lesson.codes if c in panel_all.columns])
    return line_compare(shown, lesson.country, lesson.peer_codes, median, title=title,
                        unit=unit, source=source, names=lesson.names, y_label=label,
                        group_label=f"Median of {lesson.region}")


def _panel(lesson: Lesson, indicator: str) -> pd.DataFrame:
    """Every country's series over the lesson's years (cached: each is drawn and quoted)."""
    return _all_countries_panel(_Keyed(lesson.ds), _observations_stamp(lesson.ds), indicator,
                                _years(lesson))


@functools.lru_cache(maxsize=32)
def _all_countries_panel(keyed: _Keyed, observations_stamp: str, indicator: str,
                         years: tuple[int, int]) -> pd.DataFrame:
    ds = keyed.ds
    return ds.panel(indicator, list(ds.countries().index), years)


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


def manufactured_exports_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "manuf_share_merch_exports", "Manufactured exports")


def hightech_exports_chart(lesson: Lesson) -> go.Figure | None:
    return _indicator_chart(lesson, "hightech_share_manuf_exports", "High-technology exports")


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


def trend_message(lesson: Lesson, indicator: str) -> KeyMessage | None:
    """How a WDI export indicator moved over the lesson's years (None without data)."""
    if lesson.ds.series(indicator, lesson.country, _years(lesson)).dropna().empty:
        return None
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year)


def messages(lesson: Lesson) -> list[KeyMessage]:
    """The lesson's key messages, in reading order, those without data left out."""
    found = [structure_message(lesson), eci_message(lesson), opportunity_message(lesson),
             trend_message(lesson, "manuf_share_merch_exports"), fdi_message(lesson),
             trend_message(lesson, "hightech_share_manuf_exports")]
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
    """How many more (or fewer) products with RCA >= 1 than the peers' median?"""
    own = lesson.ds.latest("diversity", lesson.country)
    median, _, _, count = peer_median(lesson.ds, "diversity", lesson.peer_codes, own.year)
    answer = own.value - median if own.year is not None else float("nan")
    return Exercise(
        question=(f"From the export-diversity chart: how many products did {lesson.name} "
                  "export with RCA ≥ 1, and how many more than the median of its peers "
                  "shown? Give the difference (negative if fewer)."),
        answer=float(answer), unit="products", tolerance=1.0,
        explanation=(f"{lesson.name}: {fmt_number(own.value, decimals=0)} products; "
                     + (f"its one peer with data: {fmt_number(median, decimals=0)}"
                        if count == 1 else
                        f"median of its {count} peers with data: "
                        f"{fmt_number(median, decimals=1)}")
                     + f"; difference {fmt_number(own.value, decimals=0)} − "
                       f"{fmt_number(median, decimals=1)} = {fmt_number(answer, decimals=1)}."
                     if np.isfinite(answer) else ""),
        hint="Read the country's bar, then sort the peers' bars and take the middle one "
             "(the mean of the two middle ones for an even number).",
        solution=("Diversity = number of products with RCA ≥ 1 (after cleaning); the "
                  "difference is the country's count minus the peers' median."))


def rca_exercise(lesson: Lesson) -> Exercise:
    """Recompute the RCA of the country's largest export from the shares in the table."""
    table = _specialisations(lesson, 10) if lesson.country in exports_matrix(
        lesson.ds).index else pd.DataFrame()
    if table.empty:
        return Exercise(question=f"Compute the RCA of {lesson.name}'s largest export.",
                        answer=float("nan"), unit="")
    row = table.sort_values("country_share", ascending=False).iloc[0]
    return Exercise(
        question=(f"In the specialisation table, {_in_sentence(row['name'])} (SITC "
                  f"{row['product']}) makes up {_pct3(row['country_share'])} of "
                  f"{lesson.name}'s exports and {_pct3(row['world_share'])} of all exports "
                  "in the data. Compute its revealed comparative advantage (RCA)."),
        answer=float(row["rca"]), rel_tolerance=0.02,
        explanation=(f"RCA = share in the country's exports / share in world exports = "
                     f"{_pct3(row['country_share'])} / {_pct3(row['world_share'])} = "
                     f"{row['rca']:,.2f}: above 1 means the country exports relatively more "
                     "of it than the world does."),
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
def sources_markdown(lesson: Lesson) -> str:
    """Publishers, licences and vintages of everything this lesson used, from the manifest."""
    codes = {lesson.ds.indicator(i).source_code for i in
             ("fdi_inflows_usd", "gdp_usd", "gdp_per_capita", "manuf_share_merch_exports",
              "hightech_share_manuf_exports", "exports_gnfs_share_gdp",
              "imports_gnfs_share_gdp")}
    lines = []
    for entry in lesson.ds.manifest.get("sources", []):
        file = str(entry.get("file", ""))
        used = (file.startswith(("trade/", "classifications/"))
                or any(file == f"wdi/{code}.csv" for code in codes))
        if not used:
            continue
        years = ""
        if entry.get("first_year") is not None:
            years = f", data {entry['first_year']}–{entry['last_year']}"
        if file.startswith("trade/"):
            years = f", exports {trade_span(lesson.ds)} (one cross-section)"
        lines.append(f"- **{entry.get('publisher', file)}** — `{file}`; licence "
                     f"{entry.get('licence', 'not stated')}{years}. "
                     f"{entry.get('provenance', '')}")
    built = lesson.ds.manifest.get("built", "")
    lines.append(f"\nData pack built {built}; vintage: {lesson.ds.vintage}. ECI, diversity, "
                 "PCI, proximity, density and outlook gain are computed here from the trade "
                 "data (policylab.metrics.complexity).")
    return "\n".join(lines)


def trade_intro(lesson: Lesson) -> str:
    """The warning that opens the trade-based sections, with the period from the data."""
    note = trade_note(lesson.ds).removeprefix("Source: ").replace("<br>", " ")
    return (f"**Sections 1–4 use one trade cross-section: exports by SITC rev. 2 4-digit "
            f"product {trade_span(lesson.ds)}** ({note}) "
            f"They describe {lesson.name}'s export basket at the turn of the century, not "
            "today's, and show shares, RCA and complexity only: never read them as export "
            "values. Sections 5–6 use World Bank series up to "
            f"{lesson.end_year}.")
