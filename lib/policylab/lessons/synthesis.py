"""The forum synthesis: one brief for the whole workshop, built from the countries' results.

The per-country notebooks each end by writing a results file (DESIGN §9). This module
gathers those files (or, when no workshop folder is given, computes the same headline
figures and flags on the spot from the data pack), and turns the forum rules of
``policylab.forum`` into the figures and tables of ``notebooks/forum_synthesis.ipynb``:
a side-by-side scorecard, shared priorities with their evidence, products several countries
could develop together, complementary export baskets, regional groupings, peer-learning
pairs, policy cases per priority and a suggested agenda. Every number shown comes from the
results files or the pack; nothing is typed by hand.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.cases import (
    CHALLENGE_FLAGS,
    MEGATRENDS,
    PolicyCase,
    case_markdown,
    select_cases,
)
from policylab.charts import heatmap
from policylab.charts.template import (
    FOCUS_COLOUR,
    GROUP_COLOUR,
    PEER_COLOURS,
    axis_title,
    new_figure,
)
from policylab.errors import DataError, PolicylabError
from policylab.forum import (
    collaboration_areas,
    complementarity,
    peer_learning_pairs,
    scorecard,
    shared_priorities,
)
from policylab.forum.priorities import evidence_indicators
from policylab.metrics.complexity import ComplexityResult, compute_complexity, opportunities
from policylab.narrative import KeyMessage, fmt_number, fmt_quantity
from policylab.pack.dataset import Dataset
from policylab.peers import choose_peers, latest_values
from policylab.results import (
    FLAG_RULES,
    MIN_COUNTRIES_FOR_QUARTILE,
    ResultsError,
    build_results,
    diagnose_flags,
    headline_for,
    read_results,
)

#: The headline indicators of each per-country notebook when results are computed on the
#: spot: the indicator of every challenge rule (``FLAG_RULES``), grouped by the notebook
#: whose topic it belongs to, so that every flag raised has its evidence figure.
HEADLINE_IDS: dict[str, tuple[str, ...]] = {
    "00_industrial_profile": ("mva_share_gdp", "mva_per_capita", "mht_share_mva",
                              "manuf_share_merch_exports"),
    "01_greening": ("co2_per_gdp", "energy_intensity", "renewable_share_electricity"),
    "02_digitalization": ("internet_users_share", "fixed_broadband_per100", "rd_share_gdp"),
    "03_value_chains": ("eci", "mht_share_manuf_exports"),
}
TOPIC_OF_NOTEBOOK = {"00_industrial_profile": "performance", "01_greening": "greening",
                     "02_digitalization": "digital", "03_value_chains": "value_chains"}
TOPIC_LABELS = {"performance": "Industrial performance", "greening": "Greening",
                "digital": "Digitalization", "value_chains": "Value chains"}
#: Scorecard colours stop at this many standard deviations, so that one outlier does not
#: wash out every other cell (the cell text always shows the true value).
SCORECARD_CLIP_SD = 2.0
#: Peer learning (``peer_learning_pairs``): the teacher's start is this many years before
#: the learner's latest year, within this many spreads of the learner's level, and it has
#: improved by at least this many spreads since. The forum rule's own defaults.
PAIR_WINDOW_YEARS = 10
PAIR_TOLERANCE_SD = 0.25
PAIR_MIN_IMPROVEMENT_SD = 0.5
#: ... and the progress holds in this many of the teacher's latest values, so that a
#: one-year spike (often a break in the series) does not make a teacher.
PAIR_SUSTAINED = 2
#: For levels that are always positive (shares, counts per person), a similar start also
#: means within this factor of the learner's level: 0.2 and 2.7 broadband lines per 100
#: people are close in standard deviations but a world apart in what they mean.
PAIR_MAX_RATIO = 2.0
#: Collaboration: each country's list holds this many of its closest candidate products.
OPPORTUNITIES_PER_COUNTRY = 20
RESULTS_SUFFIX = ".results.json"
#: Units whose values are counts, written without decimals (first word of the unit).
COUNT_UNITS = ("products", "rank")
STATUS_COLUMNS = ["country", "notebook", "status", "detail"]


# --------------------------------------------------------------------- gathering results
def results_inventory(results_dir: str | os.PathLike, countries: Iterable[str],
                      notebooks: Sequence[str] | None = None) -> pd.DataFrame:
    """Every expected results file of a workshop folder and what became of it.

    Expected: one file ``<ISO3>/<notebook>.results.json`` per country and notebook, where
    the notebooks are ``notebooks`` or else those any country has a results file (or a
    failed output under ``failed/``) for, or else the four topic notebooks. ``status`` is
    ``ok``, ``missing``, ``failed`` (the batch kept a failed output) or ``unreadable`` (the
    file exists but is not a valid results file; ``detail`` says why).
    """
    root = Path(results_dir)
    codes = list(dict.fromkeys(countries))
    if notebooks is None:
        found = {p.name.removesuffix(RESULTS_SUFFIX) for c in codes
                 for p in (root / c).glob(f"*{RESULTS_SUFFIX}")}
        found |= {p.stem for c in codes for p in (root / "failed" / c).glob("*.ipynb")}
        notebooks = sorted(found) or list(HEADLINE_IDS)
    rows = []
    for iso3 in codes:
        for notebook in notebooks:
            path = root / iso3 / f"{notebook}{RESULTS_SUFFIX}"
            status, detail = "ok", ""
            if not path.exists():
                failed = (root / "failed" / iso3 / f"{notebook}.ipynb").exists()
                status = "failed" if failed else "missing"
                detail = ("the notebook failed; its output is under failed/" if failed
                          else "no results file")
            else:
                try:
                    result = read_results(path)
                    if result["country"] != iso3:
                        status, detail = "unreadable", (f"file in {iso3}/ is about "
                                                        f"{result['country']}")
                except ResultsError as exc:
                    status, detail = "unreadable", str(exc)
            rows.append({"country": iso3, "notebook": notebook, "status": status,
                         "detail": detail})
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def collect_results(results_dir: str | os.PathLike, countries: Iterable[str]) -> list[dict]:
    """The readable results files of ``countries`` in a workshop folder, country by country.

    Missing, failed and malformed files are left out, never fatal; ``results_inventory``
    lists them with the reason, and the notebook shows that list.
    """
    root = Path(results_dir)
    if not root.is_dir():
        raise DataError(f"results folder not found: {root}")
    inventory = results_inventory(root, countries)
    ok = inventory[inventory["status"] == "ok"]
    return [read_results(root / row.country / f"{row.notebook}{RESULTS_SUFFIX}")
            for row in ok.itertuples(index=False)]


def results_on_the_spot(ds: Dataset, countries: Iterable[str],
                        year: int | None = None) -> list[dict]:
    """Results documents like the per-country notebooks write, computed from the pack.

    Per country: structural peers (``policylab.peers.choose_peers``), then per topic
    notebook the headline figures of ``HEADLINE_IDS`` (``headline_for``) and the challenge
    flags on those indicators (``diagnose_flags``), up to ``year`` (None = latest). A
    country for which no peers can be chosen keeps its own figures with no peer median,
    so no peer-gap flag is raised for it. ``messages`` is empty: no notebook ran.
    """
    documents = []
    for iso3 in dict.fromkeys(ds.resolve(c) for c in countries):
        try:
            peers = list(choose_peers(ds, iso3).peers)
        except PolicylabError:
            peers = []
        for notebook, indicators in HEADLINE_IDS.items():
            present = [i for i in indicators if i in ds.catalogue]
            figures = {i: headline_for(ds, i, iso3, peers, year=year) for i in present}
            flags = diagnose_flags(ds, iso3, peers, indicators=present, year=year)
            documents.append(build_results(iso3, notebook, ds.vintage, peers, figures,
                                           flags, []))
    return documents


@dataclass(frozen=True)
class Gathered:
    """The results the brief is built from, where they came from (``origin``, a sentence)
    and the expected results files that could not be used (``problems``)."""

    results: list[dict]
    origin: str
    problems: pd.DataFrame


def gather(ds: Dataset, countries: Iterable[str], results_dir: str = "") -> Gathered:
    """The forum notebook's input: the workshop folder's results files when
    ``results_dir`` is given (``collect_results``), else results computed on the spot
    (``results_on_the_spot``). Raises ``DataError`` when a folder holds no usable file."""
    codes = list(dict.fromkeys(ds.resolve(c) for c in countries))
    if not codes:
        raise DataError("no countries given: set `countries` to a list of ISO3 codes or names")
    if not results_dir:
        return Gathered(results_on_the_spot(ds, codes),
                        "No workshop folder was given, so the headline figures and challenge "
                        "flags were computed on the spot from the data pack, with structural "
                        "peers chosen automatically for each country.",
                        pd.DataFrame(columns=STATUS_COLUMNS))
    results = collect_results(results_dir, codes)
    inventory = results_inventory(results_dir, codes)
    problems = inventory[inventory["status"] != "ok"].reset_index(drop=True)
    if not results:
        raise DataError(f"no usable results file in {results_dir} for "
                        f"{', '.join(codes)}: run the country notebooks first, or leave "
                        "results_dir empty to compute the figures on the spot")
    origin = (f"Built from {len(results)} results files written by this workshop's country "
              "notebooks.")
    if not problems.empty:
        origin += (f" {len(problems)} expected files could not be used; they are listed "
                   "below and their countries' figures are missing from the brief.")
    return Gathered(results, origin, problems)


LEFT_OUT_COLUMNS = ["country", "notebook", "indicator", "value", "year", "flags"]


@dataclass(frozen=True)
class Current:
    """The results restricted to the recency window (DESIGN §10): ``results`` keep only
    headline figures dated ``cutoff`` or later and only the flags whose evidence figure is
    such a figure; ``left_out`` lists every figure dropped (country, notebook, indicator,
    value, year, and the flags that rested on it)."""

    results: list[dict]
    left_out: pd.DataFrame
    cutoff: int


def current_results(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> Current:
    """What the forum's scorecard, shared priorities, peer-learning pairs and agenda are
    built from: the results documents with every headline figure older than the recency
    window (``ds.is_current``) left out, and with the flags whose evidence is such a figure
    (or that have no dated evidence figure in the country's results) left out too.

    A figure without a value ("no data") is kept without its peer median (which, with no
    year of the country's own, cannot be dated): it states no number. The evidence of a
    flag is the country's headline figure for the first of the flag's evidence indicators
    it reports (``policylab.forum.priorities.evidence_indicators``), as in the shared
    priorities; the brief never re-diagnoses, it only declines to use stale evidence.
    """
    kept, dropped = [], []
    for document in results:
        country = str(document["country"])
        own = [r for r in results if str(r["country"]) == country]
        headline, stale = {}, {}
        for indicator, figure in document["headline"].items():
            year = figure.get("year")
            if _nan(figure.get("value")):  # "no data": no figure, and no undated median
                headline[indicator] = {**figure, "peer_median": math.nan, "gap": math.nan}
            elif ds.is_current(year):
                headline[indicator] = figure
            else:
                stale[indicator] = figure
        flags, stale_flags = [], {}
        for flag in document["flags"]:
            evidence = _flag_evidence(own, flag)
            if evidence is not None and ds.is_current(evidence[1].get("year")):
                flags.append(flag)
            else:
                key = evidence[0] if evidence is not None else ""
                stale_flags.setdefault(key, []).append(str(flag))
        for indicator, figure in stale.items():
            dropped.append({"country": country, "notebook": document.get("notebook", ""),
                            "indicator": indicator, "value": figure.get("value"),
                            "year": figure.get("year"),
                            "flags": tuple(stale_flags.pop(indicator, []))})
        for indicator, names in stale_flags.items():  # flags on another document's figure
            if indicator in document["headline"]:
                continue
            figure = next((r["headline"][indicator] for r in own
                           if indicator in r["headline"]), {})
            dropped.append({"country": country, "notebook": document.get("notebook", ""),
                            "indicator": indicator or None, "value": figure.get("value"),
                            "year": figure.get("year"), "flags": tuple(names)})
        kept.append({**document, "headline": headline, "flags": flags})
    left_out = pd.DataFrame(dropped, columns=LEFT_OUT_COLUMNS)
    if not left_out.empty:  # one row per country and indicator, its flags merged
        key = left_out["indicator"].fillna("")
        left_out = (left_out.assign(_key=key)
                    .groupby(["country", "_key"], sort=False, as_index=False)
                    .agg(notebook=("notebook", "first"), indicator=("indicator", "first"),
                         value=("value", "first"), year=("year", "first"),
                         flags=("flags", lambda fs: tuple(dict.fromkeys(
                             f for group in fs for f in group)))))[LEFT_OUT_COLUMNS]
    return Current(kept, left_out, ds.recency_cutoff)


def _flag_evidence(own: Sequence[Mapping[str, Any]], flag: str
                   ) -> tuple[str, Mapping[str, Any]] | None:
    """The country's headline figure behind ``flag`` (indicator, figure), or None."""
    figures = {i: f for r in own for i, f in r["headline"].items()
               if not _nan(f.get("value"))}
    for indicator in evidence_indicators(flag):
        if indicator in figures:
            return indicator, figures[indicator]
    return None


def left_out_text(ds: Dataset, current: Current) -> str:
    """The note under the scorecard: the recency window, and which figures were left out
    as older than it: how many, on how many indicators, their names, and per indicator the
    countries and years (or one year when all share it), with the flags that fell with
    them."""
    window = (f"**Recency window.** The scorecard, shared priorities, peer-learning pairs "
              f"and agenda use only figures from {current.cutoff} or later "
              f"({ds.newest_year - current.cutoff} years before {ds.newest_year}, the newest "
              "year of the core series).")
    table = current.left_out
    if table.empty:
        return window + " No headline figure of the workshop's countries is older."
    parts = []
    for indicator, rows in table.groupby("indicator", sort=False, dropna=False):
        label = (_meta(ds, indicator)["label"] if isinstance(indicator, str) and indicator
                 else "a flag without a dated headline figure")
        years = {y for y in rows["year"] if not _nan(y)}
        who = [ds.name(r.country) if _nan(r.year) else f"{ds.name(r.country)} {int(r.year)}"
               for r in rows.drop_duplicates("country").itertuples(index=False)]
        if len(years) == 1 and len(who) > 2:
            detail = f"{len(who)} countries, {int(next(iter(years)))}"
        else:
            detail = ", ".join(who)
        flags = sorted({f for fs in rows["flags"] for f in fs})
        if flags:
            names = ", ".join(_flag_labels(flags).values()).lower()
            detail += f"; flag{'s' if len(flags) > 1 else ''} not counted: {names}"
        parts.append(f"{label} ({detail})")
    n = table["indicator"].nunique(dropna=False)
    return (f"{window} **Left out as too old:** {len(table)} figure"
            f"{'s' if len(table) != 1 else ''} on {n} indicator{'s' if n != 1 else ''}: "
            + "; ".join(parts) + ".")


def left_out_table(ds: Dataset, current: Current) -> pd.DataFrame:
    """The figures left out as too old, each with its year (a context table)."""
    rows = [{"Country": ds.name(r.country),
             "Indicator": (_meta(ds, r.indicator)["label"] if r.indicator else "–"),
             "Value": ("no data" if _nan(r.value) or r.indicator is None
                       else _quantity(r.value, _meta(ds, r.indicator)["unit"])),
             "Year": "–" if r.year is None or _nan(r.year) else str(int(r.year)),
             "Flags not counted": ", ".join(_flag_labels(r.flags).values()) or "none"}
            for r in current.left_out.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Country", "Indicator", "Value", "Year",
                                       "Flags not counted"])


def workshop_countries(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """The countries that have at least one results document, in order of appearance."""
    return list(dict.fromkeys(str(r["country"]) for r in results))


def coverage_table(ds: Dataset, results: Sequence[Mapping[str, Any]],
                   countries: Iterable[str]) -> pd.DataFrame:
    """Per workshop country: notebooks with results, headline figures with a value, flags
    raised, peers and the latest data year used; countries without results say so."""
    rows = []
    for iso3 in dict.fromkeys(countries):
        own = [r for r in results if r["country"] == iso3]
        figures = [f for r in own for f in r["headline"].values()
                   if f.get("value") is not None and not _nan(f.get("value"))]
        years = [int(f["year"]) for f in figures if f.get("year") is not None]
        peers = list(dict.fromkeys(p for r in own for p in r.get("peers", [])))
        rows.append({
            "Country": ds.name(iso3),
            "Notebooks with results": len(own),
            "Headline figures": len(figures),
            "Challenges flagged": len({f for r in own for f in r["flags"]}),
            "Peers": ", ".join(ds.name(p) for p in peers) or "none",
            "Latest data year": max(years) if years else None,
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------- scorecard
def scorecard_table(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``policylab.forum.scorecard`` plus what makes gaps comparable across indicators.

    Added columns: ``label``, ``unit``, ``topic``, ``higher_is_better``, ``spread`` (the
    standard deviation of all countries' latest values) and ``better_gap``: the gap to the
    peer median in spreads, signed so that positive is better (flipped where lower is
    better, e.g. emissions per unit of GDP). Indicators unknown to the catalogue are kept
    with a NaN ``better_gap``.
    """
    table = scorecard(results)
    if table.empty:
        return table.assign(label=[], unit=[], topic=[], higher_is_better=[], spread=[],
                            better_gap=[])
    meta = {i: _meta(ds, i) for i in table["indicator"].unique()}
    table["label"] = table["indicator"].map(lambda i: meta[i]["label"])
    table["unit"] = table["indicator"].map(lambda i: meta[i]["unit"])
    table["topic"] = table["indicator"].map(lambda i: meta[i]["topic"])
    table["higher_is_better"] = table["indicator"].map(lambda i: meta[i]["higher_is_better"])
    table["spread"] = table["indicator"].map(lambda i: meta[i]["spread"])
    sign = table["higher_is_better"].map({True: 1.0, False: -1.0}).astype(float)
    table["better_gap"] = sign * table["gap"] / table["spread"]
    return table


def scorecard_figure(ds: Dataset, table: pd.DataFrame) -> go.Figure:
    """Headline indicators x countries, coloured by the direction-aware gap to each
    country's own peer median (in spreads, clipped at ``SCORECARD_CLIP_SD``); each cell
    shows the value and its year. The title names who trails on most indicators."""
    order = _indicator_order(table)
    codes = list(dict.fromkeys(table["country"]))
    gaps = (table.pivot(index="country", columns="indicator", values="better_gap")
            .reindex(index=codes, columns=order).clip(-SCORECARD_CLIP_SD, SCORECARD_CLIP_SD))
    text = table.assign(cell=[_cell(r) for r in table.itertuples(index=False)]).pivot(
        index="country", columns="indicator", values="cell").reindex(index=codes, columns=order)
    labels = table.drop_duplicates("indicator").set_index("indicator")
    row_names = {i: f"{labels.at[i, 'label']}<br><sub>{labels.at[i, 'unit']}</sub>"
                 for i in order}
    behind = (table["better_gap"] < 0).groupby(table["country"]).sum()
    known = table["better_gap"].notna().groupby(table["country"]).sum()
    most = behind.idxmax()
    tied = int((behind == behind[most]).sum())
    title = (f"{ds.name(most)} is behind its peer median on {int(behind[most])} of its "
             f"{int(known[most])} compared headline indicators, "
             + ("the most" if tied == 1 else "tied for the most")
             + f" among the {len(codes)} countries")
    years = table["year"].dropna()
    source = (f"Source: the countries' results files ({_span(years)}); publishers in the "
              "sources section. Blue = better than peers.")
    fig = heatmap(gaps.T, title=title, source=source, text=text.T, row_names=row_names,
                  column_names={c: ds.name(c) for c in codes},
                  colorbar_title="Gap to peer median (SD, + = better)")
    fig.update_layout(height=max(480, 50 * len(order) + 300))
    fig.update_xaxes(tickangle=0)
    fig.update_traces(textfont={"size": 12})
    _labels_on_top(fig, 30)
    return fig


def scorecard_display(ds: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a reader's table: one row per country and indicator, each number
    written with its own unit (indicators of very different sizes share the columns)."""
    def quantity(value: float, unit: str) -> str:
        return "no data" if _nan(value) else _quantity(value, unit)

    rows = [{"Country": ds.name(row.country), "Indicator": row.label,
             "Value": quantity(row.value, row.unit),
             "Year": "–" if pd.isna(row.year) else str(int(row.year)),
             "Peer median": quantity(row.peer_median, row.unit),
             "Gap (SD, + = better)": _signed(row.better_gap)}
            for row in table.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Country", "Indicator", "Value", "Year", "Peer median",
                                       "Gap (SD, + = better)"])


# --------------------------------------------------------------------- shared priorities
def priorities(results: Sequence[Mapping[str, Any]], min_countries: int = 2,
               ds: Dataset | None = None) -> pd.DataFrame:
    """``policylab.forum.shared_priorities`` with ``min_countries`` (default two).

    With ``ds``, each evidence item of a world-quartile challenge also carries
    ``world_edge``: where the world's worst quarter ends in the country's year, the number
    the flag was raised against (a country can be level with its peers and still in it)."""
    shared = shared_priorities(results, min_countries=min_countries)
    if ds is not None:
        for row in shared.itertuples():
            for item in row.evidence:
                item["world_edge"] = _world_quartile(ds, row.flag, item["year"])
    return shared


def flag_matrix_figure(ds: Dataset, results: Sequence[Mapping[str, Any]],
                       shared: pd.DataFrame) -> go.Figure | None:
    """Which country has which challenge flag: a grid with the shared priorities first.

    None when no country has any flag."""
    countries = workshop_countries(results)
    flags_of = {c: {f for r in results if r["country"] == c for f in r["flags"]}
                for c in countries}
    every = list(dict.fromkeys([*shared["flag"], *sorted(set().union(*flags_of.values()))]))
    if not every:
        return None
    labels = _flag_labels(every)
    counts = {f: sum(f in flags_of[c] for c in countries) for f in every}
    top = every[0]
    title = (f"{labels[top]} is flagged for {counts[top]} of the {len(countries)} countries, "
             "the most widely shared challenge")
    fig = new_figure(title, "Source: challenge flags in the countries' results files "
                     "(rules in policylab.results.FLAG_RULES).", legend=False,
                     height=max(420, 34 * len(every) + 260))
    xs, ys, text = [], [], []
    for flag in every:
        for iso3 in countries:
            if flag in flags_of[iso3]:
                xs.append(ds.name(iso3))
                ys.append(f"{labels[flag]} ({counts[flag]})")
                text.append(f"{ds.name(iso3)}: {labels[flag]}")
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", text=text,
                             marker={"size": 18, "color": FOCUS_COLOUR, "symbol": "square"},
                             hovertemplate="%{text}<extra></extra>"))
    # Countries without any flag keep their (empty) column: an invisible point each.
    clear = [ds.name(c) for c in countries if not flags_of[c]]
    if clear:
        fig.add_trace(go.Scatter(x=clear, y=[ys[0]] * len(clear), mode="markers",
                                 marker={"opacity": 0}, hoverinfo="skip"))
    fig.update_layout(
        xaxis={"categoryorder": "array", "categoryarray": [ds.name(c) for c in countries],
               "showgrid": True, "gridcolor": "#EEEEEE"},
        yaxis={"categoryorder": "array", "autorange": "reversed", "showgrid": True,
               "gridcolor": "#EEEEEE",
               "categoryarray": [f"{labels[f]} ({counts[f]})" for f in every]})
    _labels_on_top(fig, 30)
    return fig


def flag_rules_table(ds: Dataset) -> pd.DataFrame:
    """The challenge rules (``FLAG_RULES``) in words: what raises each flag."""
    rows = []
    for rule in FLAG_RULES:
        label = _meta(ds, rule.indicator)["label"]
        side = "below" if rule.worse == "low" else "above"
        test = (f"more than {rule.threshold:.0%} {side} the peer median"
                if rule.test == "peer_gap"
                else "in the world's worst quarter of countries with data")
        rows.append({"Challenge": _flag_labels([rule.name])[rule.name], "Indicator": label,
                     "Raised when the country's latest value is": test})
    return pd.DataFrame(rows, columns=["Challenge", "Indicator",
                                       "Raised when the country's latest value is"])


def priorities_table(ds: Dataset, shared: pd.DataFrame) -> pd.DataFrame:
    """The shared priorities as a reader's table, with each country's figure in words."""
    rows = []
    for row in shared.to_dict("records"):
        rows.append({
            "Shared priority": row["label"],
            "Megatrend": MEGATRENDS.get(row["megatrend"], "other") if row["megatrend"] else "",
            "Countries": row["n_countries"],
            "Share of workshop": f"{row['share']:.0%}",
            "Evidence": "; ".join(_evidence_words(ds, e, row["flag"])
                                  for e in row["evidence"]),
        })
    return pd.DataFrame(rows, columns=["Shared priority", "Megatrend", "Countries",
                                       "Share of workshop", "Evidence"])


def evidence_figure(ds: Dataset, priority: Mapping[str, Any]) -> go.Figure | None:
    """One shared priority: each country's headline figure against its own peer median.

    None when no country concerned has a figure for the priority's evidence indicator."""
    evidence = [e for e in priority["evidence"]
                if e["indicator"] is not None and not _nan(e["value"])]
    if not evidence:
        return None
    indicator = evidence[0]["indicator"]
    evidence = [e for e in evidence if e["indicator"] == indicator]
    meta = _meta(ds, indicator)
    unit = meta["unit"]
    low = min(evidence, key=lambda e: e["value"])
    high = max(evidence, key=lambda e: e["value"])
    title = (f"{priority['label']}: {meta['label'].lower()} from "
             f"{_quantity(low['value'], unit)} ({ds.name(low['country'])}) to "
             f"{_quantity(high['value'], unit)} ({ds.name(high['country'])}) "
             f"in the {len(evidence)} countries concerned")
    years = pd.Series([e["year"] for e in evidence], dtype="float")
    source = (f"Source: the countries' results files ({_span(years)}); "
              f"{meta['source']}.")
    fig = new_figure(title, source, height=max(400, 50 * len(evidence) + 260))
    names = [ds.name(e["country"]) for e in evidence]
    fig.add_trace(go.Scatter(
        x=[e["peer_median"] for e in evidence], y=names, mode="markers", name="Peer median",
        marker={"size": 14, "color": GROUP_COLOUR, "symbol": "line-ns-open",
                "line": {"width": 3}},
        hovertemplate="%{y}: peer median %{x:,.2f}<extra></extra>"))
    thresholds = [e.get("world_edge", _world_quartile(ds, priority.get("flag", ""), e["year"]))
                  for e in evidence]
    if not all(_nan(t) for t in thresholds):
        side = "lowest" if _rule_worse(priority["flag"]) == "low" else "highest"
        fig.add_trace(go.Scatter(
            x=thresholds, y=names, mode="markers", name=f"Edge of the world's {side} quarter "
            "(the rule)", marker={"size": 14, "color": PEER_COLOURS[0], "symbol": "diamond"},
            hovertemplate=f"%{{y}}: world's {side} quarter up to %{{x:,.2f}}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[e["value"] for e in evidence], y=names, mode="markers+text", name="Country",
        text=[fmt_number(e["value"], unit) for e in evidence], textposition="top center",
        marker={"size": 14, "color": FOCUS_COLOUR},
        customdata=[e["year"] for e in evidence],
        hovertemplate="%{y}: %{x:,.2f} (%{customdata})<extra></extra>"))
    fig.update_layout(xaxis_title=axis_title(meta["label"], unit),
                      yaxis={"range": [len(names) - 0.5, -0.8], "showgrid": False})
    return fig


def priority_cases(shared: pd.DataFrame, cases: Sequence[PolicyCase],
                   k: int = 2) -> dict[str, list[PolicyCase]]:
    """Per shared priority, the ``k`` library cases that best address it
    (``select_cases`` with the priority's megatrend), leaving out cases from the
    countries concerned, whose own experience the group discusses directly."""
    chosen = {}
    for row in shared.to_dict("records"):
        try:
            chosen[row["flag"]] = select_cases(cases, [row["flag"]], megatrend=row["megatrend"],
                                               exclude_country=row["countries"], k=k)
        except DataError:  # a flag outside the case library's vocabulary
            chosen[row["flag"]] = []
    return chosen


def cases_markdown(shared: pd.DataFrame, chosen: Mapping[str, Sequence[PolicyCase]],
                   limit: int = 4) -> list[str]:
    """Markdown blocks: per shared priority (the first ``limit``), a heading and its cases;
    a case already shown under an earlier priority is referred to, not repeated."""
    shown: set[str] = set()
    blocks = []
    for row in shared.head(limit).to_dict("records"):
        blocks.append(f"## For: {row['label']}")
        picked = chosen.get(row["flag"], [])
        if not picked:
            blocks.append("The case library holds no case on this challenge yet.")
        for case in picked:
            if case.id in shown:
                blocks.append(f"*See above:* {case.title} ({case.country_name}, {case.period}).")
            else:
                blocks.append(case_markdown(case))
                shown.add(case.id)
    return blocks


# --------------------------------------------------------------------- collaboration
def panel_year(ds: Dataset) -> int | None:
    """The year of the product panel the collaboration section uses (the latest of
    ``ds.product_years``), or None when the pack has no complete product panel."""
    return ds.product_years[-1] if ds.product_years else None


def product_coverage(ds: Dataset, countries: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """The countries that take part in the product-level collaboration
    (``ds.product_status(iso3).ok``) and, for the others, the reason."""
    taking_part, left_out = [], {}
    for iso3 in dict.fromkeys(countries):
        status = ds.product_status(iso3)
        if status.ok:
            taking_part.append(iso3)
        else:
            left_out[iso3] = status.reason
    return taking_part, left_out


def collaboration_intro(ds: Dataset) -> str:
    """What the collaboration section rests on, with the panel's year; without a product
    panel, two sentences: what the section would show and how to enable it."""
    year = panel_year(ds)
    if year is None:
        return ("**No product-level data in this pack.** With a complete country × product "
                "export panel this section lists the products several workshop countries are "
                "close to exporting and how complementary their export baskets are. To enable "
                "it, run `policylab data fetch` and then `policylab data build`.")
    if ds.is_current(year):
        use = ("It lies in the recency window, so the agenda may hold a collaboration session "
               "on it; it never feeds the scorecard, shared priorities or pairs.")
    else:
        use = (f"It is older than the recency window ({ds.recency_cutoff} or later), so it "
               "feeds none of the scorecard, shared priorities, pairs or agenda: read it as "
               "background for discussion.")
    return (f"**Product-level data: {year}.** The lists and the grid below rest on one year of "
            f"complete exports by country and product: {_trade_source(ds)}. {use} Countries "
            "whose panel total or manufactures share does not match the World Bank's figures "
            "take no part (listed below, with the reason).")


@functools.lru_cache(maxsize=2)
def _complexity(ds: Dataset) -> ComplexityResult:
    """Product complexity etc. on the latest panel year, without the countries that fail
    the completeness check (their export mixes would distort proximity)."""
    year = panel_year(ds)
    if year is None:
        raise DataError("the data pack has no complete product panel")
    trade = ds.trade[ds.trade["year"] == year]
    exporters = trade["exporter"].astype(str).unique()
    failing = [e for e in exporters if not ds.product_status(e).ok]
    return compute_complexity(trade[~trade["exporter"].isin(failing)], year=year)


def _complexity_or_reason(ds: Dataset) -> tuple[ComplexityResult | None, str]:
    try:
        return _complexity(ds), ""
    except DataError as exc:
        return None, str(exc)


def opportunity_lists(ds: Dataset, countries: Iterable[str],
                      n: int = OPPORTUNITIES_PER_COUNTRY) -> dict[str, pd.DataFrame]:
    """Each country's ``n`` closest products that would raise the complexity of its basket.

    Method (Hausmann, Hidalgo et al., Atlas of Economic Complexity 2014), on the pack's
    latest product panel year (``panel_year``): products the country does not yet export
    with RCA >= 1 and whose product complexity (PCI, computed on that panel) is above the
    average PCI of the products it does export with RCA >= 1, ranked by distance
    (1 - density: how little of the related know-how the country already has). Only
    countries passing the completeness check (``ds.product_status``) take part; countries
    removed by the complexity cleaning are left out too. Each table carries the panel
    ``year``.
    """
    taking_part, _ = product_coverage(ds, countries)
    result, _ = _complexity_or_reason(ds) if taking_part else (None, "")
    if result is None:
        return {}
    products = ds.products.set_index("code")
    names = products["name_short"].fillna(products["name"])
    lists = {}
    for iso3 in taking_part:
        if iso3 not in result.M.index:
            continue
        exported = result.M.loc[iso3]
        basket_pci = float(result.pci[exported[exported > 0].index].mean())
        table = opportunities(iso3, result, top=None)
        table = table[table["pci"] > basket_pci].sort_values(["distance", "pci"],
                                                             ascending=[True, False])
        table = table.head(n).drop(columns="rank")
        table["name"] = table["product"].map(names).fillna(table["product"])
        table["year"] = result.year
        lists[iso3] = table.reset_index(drop=True)
    return lists


def trade_gaps(ds: Dataset, countries: Iterable[str]) -> str:
    """A sentence naming the countries the product-level analysis cannot cover, and why
    (no complete product panel, the completeness check, no rows, or removed by the
    complexity cleaning); empty when all are covered."""
    year = panel_year(ds)
    if year is None:
        return ""
    taking_part, left_out = product_coverage(ds, countries)
    missing = [f"{ds.name(c)} ({reason})" for c, reason in left_out.items()]
    result, problem = _complexity_or_reason(ds) if taking_part else (None, "")
    for iso3 in taking_part:
        if result is None:
            missing.append(f"{ds.name(iso3)} (product complexity could not be computed on "
                           f"the {year} panel: {problem})")
        elif iso3 not in result.M.index:
            reason = result.dropped_exporters.get(iso3, f"no exports in the {year} panel")
            missing.append(f"{ds.name(iso3)} ({reason})")
    if not missing:
        return ""
    return (f"Not covered by the {year} product-level analysis: " + "; ".join(missing)
            + ". Their products are absent from the collaboration lists below.")


def shared_opportunities(ds: Dataset, countries: Iterable[str],
                         top_n: int = OPPORTUNITIES_PER_COUNTRY) -> pd.DataFrame:
    """Products in the first ``top_n`` of at least two countries' ``opportunity_lists``
    (``policylab.forum.collaboration_areas``): where joint action could pay. The
    ``year`` column is the product panel's year (empty table without a panel)."""
    areas = collaboration_areas(opportunity_lists(ds, countries), top_n=top_n)
    return areas.assign(year=panel_year(ds) if not areas.empty else [])


def agenda_collaboration(ds: Dataset, areas: pd.DataFrame) -> pd.DataFrame:
    """The collaboration areas the agenda may use: all of them when the product panel's
    year lies in the recency window, none otherwise (the agenda uses current figures
    only; the section itself still shows them with their year)."""
    year = panel_year(ds)
    if year is not None and ds.is_current(year):
        return areas
    return areas.iloc[0:0]


def agenda_note(ds: Dataset, areas: pd.DataFrame) -> str:
    """Why the agenda has no collaboration session although the section found products
    (their panel is older than the recency window); empty otherwise."""
    year = panel_year(ds)
    if areas.empty or year is None or ds.is_current(year):
        return ""
    return (f"The agenda holds no collaboration session: the shared products of section 3 "
            f"come from the {year} product panel, older than the recency window "
            f"({ds.recency_cutoff} or later). Groups can use them as background.")


def collaboration_figure(ds: Dataset, areas: pd.DataFrame, limit: int = 15) -> go.Figure | None:
    """Products in several countries' closest-opportunity lists: a product x country grid,
    each mark showing the product's rank in that country's list. None when there is none."""
    if areas.empty:
        return None
    top = areas.head(limit)
    countries = sorted({c for cs in top["countries"] for c in cs}, key=ds.name)
    first = top.iloc[0]
    year = panel_year(ds)
    title = (f"{year}: {len(areas)} products are among the closest opportunities of at least "
             f"two countries; {_short(first['name'])} is shared by {first['n_countries']}")
    fig = new_figure(title, f"Source: {_trade_source(ds)}; computed by policylab.",
                     legend=False, height=max(440, 34 * len(top) + 260))
    xs, ys, text = [], [], []
    for row in top.itertuples(index=False):
        label = f"{_short(row.name)} (PCI {fmt_number(row.pci, decimals=2)})"
        for iso3, rank in row.ranks.items():
            xs.append(ds.name(iso3))
            ys.append(label)
            text.append(str(rank))
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=text, textfont={"color": "white", "size": 11},
        marker={"size": 24, "color": PEER_COLOURS[0]},
        hovertemplate="%{y}<br>%{x}: rank %{text} in its list<extra></extra>"))
    fig.update_layout(
        xaxis={"categoryorder": "array", "categoryarray": [ds.name(c) for c in countries],
               "showgrid": True, "gridcolor": "#EEEEEE"},
        yaxis={"autorange": "reversed", "showgrid": True, "gridcolor": "#EEEEEE"})
    _labels_on_top(fig, 30)
    return fig


def collaboration_table(ds: Dataset, areas: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The collaboration areas for reading: product (HS 1992 code), its complexity in the
    panel year and the countries with each one's rank."""
    year = panel_year(ds)
    rows = [{"HS 1992 code": row.product, "Product": row.name, f"PCI ({year})": row.pci,
             "Countries": row.n_countries,
             "Countries (rank in their list)": ", ".join(f"{ds.name(c)} ({r})"
                                                         for c, r in row.ranks.items())}
            for row in areas.head(limit).itertuples(index=False)]
    return pd.DataFrame(rows, columns=["HS 1992 code", "Product", f"PCI ({year})", "Countries",
                                       "Countries (rank in their list)"])


def export_baskets(ds: Dataset, countries: Iterable[str]) -> pd.DataFrame:
    """Each country's export shares by product (rows ISO3, columns HS 1992 codes) in the
    product panel's latest year; only countries passing the completeness check
    (``ds.product_status``) with exports in it. Empty without a panel."""
    year = panel_year(ds)
    taking_part, _ = product_coverage(ds, countries)
    if year is None or not taking_part:
        return pd.DataFrame()
    trade = ds.trade
    part = trade[(trade["year"] == year) & trade["exporter"].isin(taking_part)]
    values = part.pivot_table(index="exporter", columns="product", values="value",
                              aggfunc="sum", fill_value=0.0, observed=True)
    values = values[values.sum(axis=1) > 0]
    shares = values.div(values.sum(axis=1), axis=0)
    return shares.reindex([c for c in taking_part if c in shares.index])


def complementarity_figure(ds: Dataset, baskets: pd.DataFrame) -> go.Figure | None:
    """Pairwise complementarity of export baskets (1 - cosine similarity of the product
    shares, ``policylab.forum.complementarity``) as a country x country grid. None with
    fewer than two countries with trade data."""
    if len(baskets) < 2:
        return None
    pairs = complementarity(baskets)
    codes = list(baskets.index)
    matrix = pd.DataFrame(np.nan, index=codes, columns=codes)
    for row in pairs.itertuples(index=False):
        matrix.at[row.country_a, row.country_b] = row.complementarity
        matrix.at[row.country_b, row.country_a] = row.complementarity
    best, worst = pairs.iloc[0], pairs.iloc[-1]
    if len(pairs) == 1:
        title = (f"In {panel_year(ds)}, the export baskets of {ds.name(best.country_a)} and "
                 f"{ds.name(best.country_b)} had a complementarity of "
                 f"{fmt_number(best.complementarity, decimals=2)} (0 = the same basket, "
                 "1 = no product in common)")
    else:
        title = (f"In {panel_year(ds)}, {ds.name(best.country_a)} and "
                 f"{ds.name(best.country_b)} had the most complementary export baskets "
                 f"({fmt_number(best.complementarity, decimals=2)}); "
                 f"{ds.name(worst.country_a)} and {ds.name(worst.country_b)} the most similar "
                 f"({fmt_number(worst.complementarity, decimals=2)})")
    names = [ds.name(c) for c in codes]
    fig = new_figure(title, f"Source: {_trade_source(ds)}.", legend=False,
                     height=max(460, 52 * len(codes) + 260))
    fig.add_trace(go.Heatmap(
        z=matrix.to_numpy(), x=names, y=names, zmin=0, zmax=1, xgap=2, ygap=2,
        colorscale=[[0, "#F7F7F7"], [1, PEER_COLOURS[0]]], hoverongaps=False,
        text=[[("" if math.isnan(v) else f"{v:.2f}") for v in r] for r in matrix.to_numpy()],
        texttemplate="%{text}", colorbar={"title": {"text": "Complementarity", "side": "right"}},
        hovertemplate="%{y} – %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(xaxis={"showgrid": False},
                      yaxis={"autorange": "reversed", "showgrid": False})
    _labels_on_top(fig, 30)
    return fig


def groupings_table(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The workshop countries by World Bank region and income group, with the challenges
    that at least two members of the same grouping share (a natural regional agenda)."""
    countries = workshop_countries(results)
    meta = ds.countries().reindex(countries)
    rows = []
    for kind, column in (("Region", "region"), ("Income group", "income_group")):
        for group, members in meta.groupby(column, sort=True).groups.items():
            members = list(members)
            shared = shared_priorities([r for r in results if r["country"] in members],
                                       min_countries=2) if len(members) > 1 else None
            rows.append({
                "Grouping": kind, "Name": group,
                "Countries": ", ".join(ds.name(c) for c in members),
                "Challenges shared inside the grouping":
                    "; ".join(f"{r.label} ({r.n_countries})" for r in shared.itertuples())
                    if shared is not None and not shared.empty else "none",
            })
    return pd.DataFrame(rows, columns=["Grouping", "Name", "Countries",
                                       "Challenges shared inside the grouping"])


# --------------------------------------------------------------------- peer learning
def teacher_pool(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """Possible teachers: the workshop countries and the peers their notebooks compared
    them with (structural or chosen peers), not every country in the world."""
    pool = workshop_countries(results)
    pool += [p for r in results for p in r.get("peers", [])]
    return list(dict.fromkeys(pool))


def learning_pairs(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``policylab.forum.peer_learning_pairs`` for the workshop countries as learners, on
    their headline indicators, with ``teacher_pool`` as teachers; strongest first.

    Pairs on positive levels whose starting points differ by more than ``PAIR_MAX_RATIO``
    times are dropped: the forum rule measures similarity in standard deviations, which
    for skewed indicators can call a tenfold difference "similar". So are pairs whose
    learner's level or teacher's latest level is older than the recency window
    (``ds.is_current``): a pair compares where the learner is *now*. The teacher's
    starting point lies, by the rule, ``PAIR_WINDOW_YEARS`` years before the learner's
    year; it is a past reference, always shown with its year."""
    indicators = list(dict.fromkeys(i for r in results for i in r["headline"]))
    pairs = peer_learning_pairs(ds, workshop_countries(results), indicators,
                                window=PAIR_WINDOW_YEARS, tolerance=PAIR_TOLERANCE_SD,
                                min_improvement=PAIR_MIN_IMPROVEMENT_SD,
                                sustained=PAIR_SUSTAINED,
                                teachers=teacher_pool(results))
    low = pairs[["learner_value", "teacher_start_value"]].min(axis=1)
    high = pairs[["learner_value", "teacher_start_value"]].max(axis=1)
    similar = (low <= 0) | (high <= PAIR_MAX_RATIO * low)
    current = (pairs["learner_year"].map(ds.is_current).astype(bool)
               & pairs["teacher_end_year"].map(ds.is_current).astype(bool))
    return (pairs[similar & current].sort_values("change_in_spreads", ascending=False)
            .reset_index(drop=True))


def pairs_table(ds: Dataset, pairs: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The strongest learner-teacher pairs (one per learner and indicator), in words."""
    top = pairs.drop_duplicates(["learner", "indicator"]).head(limit)
    rows = []
    for row in top.itertuples(index=False):
        unit = _meta(ds, row.indicator)["unit"]
        rows.append({
            "Learner": ds.name(row.learner),
            "Indicator": _meta(ds, row.indicator)["label"],
            "Learner now": f"{_quantity(row.learner_value, unit)} ({row.learner_year})",
            "Teacher": ds.name(row.teacher),
            "Teacher then": f"{_quantity(row.teacher_start_value, unit)} "
                            f"({row.teacher_start_year})",
            "Teacher now": f"{_quantity(row.teacher_end_value, unit)} "
                           f"({row.teacher_end_year})",
            "Improvement (SD)": row.change_in_spreads,
        })
    return pd.DataFrame(rows, columns=["Learner", "Indicator", "Learner now", "Teacher",
                                       "Teacher then", "Teacher now", "Improvement (SD)"])


def pair_figure(ds: Dataset, pair: Mapping[str, Any]) -> go.Figure:
    """One pair: the teacher's path since its start year, against the learner's level
    today (dashed), so the group sees where the teacher came from and how far it went."""
    indicator, teacher, learner = pair["indicator"], pair["teacher"], pair["learner"]
    meta = _meta(ds, indicator)
    unit = meta["unit"]
    first = int(pair["teacher_start_year"])
    last = max(int(pair["teacher_end_year"]), int(pair["learner_year"]))
    panel = ds.panel(indicator, [teacher, learner], years=(first, last))
    title = (f"{ds.name(teacher)} took {meta['label'].lower()} from "
             f"{_quantity(pair['teacher_start_value'], unit)} in {first} to "
             f"{_quantity(pair['teacher_end_value'], unit)} in "
             f"{int(pair['teacher_end_year'])}; {ds.name(learner)} is at "
             f"{_quantity(pair['learner_value'], unit)} ({int(pair['learner_year'])})")
    fig = new_figure(title, f"Source: {meta['source']}"
                     + (f" ({meta['source_code']})" if meta["source_code"] else "") + ".")
    for code, colour, width in ((teacher, PEER_COLOURS[0], 3.5), (learner, FOCUS_COLOUR, 3.5)):
        if code in panel.columns:
            series = panel[code].dropna()
            fig.add_trace(go.Scatter(x=series.index, y=series.to_numpy(), name=ds.name(code),
                                     mode="lines+markers", line={"color": colour,
                                                                 "width": width}))
    fig.add_trace(go.Scatter(
        x=[first, last], y=[pair["learner_value"]] * 2, mode="lines",
        name=f"{ds.name(learner)} today", line={"color": FOCUS_COLOUR, "dash": "dash",
                                                 "width": 2}))
    fig.update_layout(yaxis_title=axis_title(meta["label"], unit), hovermode="x unified")
    fig.update_xaxes(tickformat="d")
    return fig


def best_pairs(pairs: pd.DataFrame, n: int = 2) -> list[dict]:
    """The ``n`` strongest pairs on different indicators (for charts)."""
    return pairs.drop_duplicates("indicator").head(n).to_dict("records")


def pair_rule_text() -> str:
    """The peer-learning rule's parameters in words, for the method box."""
    return (f"Parameters used here: the teacher's starting year is {PAIR_WINDOW_YEARS} years "
            f"before the learner's latest year; a similar start means within "
            f"{fmt_number(PAIR_TOLERANCE_SD)} standard deviations of the learner's current "
            f"level and, for positive levels, within a factor of {fmt_number(PAIR_MAX_RATIO)}; "
            f"strong progress means at least {fmt_number(PAIR_MIN_IMPROVEMENT_SD)} "
            "standard deviations in the better direction since, held in each of the "
            f"teacher's {PAIR_SUSTAINED} latest values (a one-year jump is not progress).")


# --------------------------------------------------------------------- messages, sources
def key_messages(ds: Dataset, results: Sequence[Mapping[str, Any]], shared: pd.DataFrame,
                 areas: pd.DataFrame, pairs: pd.DataFrame) -> list[KeyMessage]:
    """Three to five computed sentences that sum up the brief."""
    countries = workshop_countries(results)
    messages = [KeyMessage(f"The brief covers {len(countries)} countries with "
                           f"{len(results)} results documents.",
                           values={"countries": len(countries), "results": len(results)})]
    if shared.empty:
        messages.append(KeyMessage("No challenge is flagged for two countries or more."))
    else:
        top = shared.iloc[0]
        names = _join([ds.name(c) for c in top["countries"]])
        messages.append(KeyMessage(
            f"The most widely shared priority is {top['label'].lower()} "
            f"({top['n_countries']} of {len(countries)} countries: {names}); "
            f"{len(shared)} challenges are shared by two countries or more.",
            values={"n_countries": int(top["n_countries"]), "shared": len(shared)}))
    if not areas.empty:
        first = areas.iloc[0]
        names = _join([ds.name(c) for c in first["countries"]])
        year = first["year"] if "year" in areas.columns else None
        lead = "" if _nan(year) else f"In the {int(year)} product panel, "
        messages.append(KeyMessage(
            f"{lead}{first['name']} was among the closest "
            f"opportunities of {first['n_countries']} countries ({names}), "
            "a candidate for joint standards, skills or investment promotion.",
            values={"n_countries": int(first["n_countries"])}))
    if not pairs.empty:
        best = pairs.iloc[0]
        unit = _meta(ds, best["indicator"])["unit"]
        messages.append(KeyMessage(
            f"{ds.name(best['learner'])} could learn from {ds.name(best['teacher'])} on "
            f"{_meta(ds, best['indicator'])['label'].lower()}: {ds.name(best['teacher'])} "
            f"went from {_quantity(best['teacher_start_value'], unit)} "
            f"({best['teacher_start_year']}) to {_quantity(best['teacher_end_value'], unit)} "
            f"({best['teacher_end_year']}).", indicator=best["indicator"]))
    return messages


def sources_table(ds: Dataset) -> pd.DataFrame:
    """Publishers and licences of the pack's files, with the files' year ranges."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for source in ds.manifest.get("sources", []):
        key = (source.get("publisher", ""), source.get("licence", ""))
        entry = rows.setdefault(key, {"Publisher": key[0], "Licence": key[1], "Files": 0,
                                      "First year": None, "Last year": None})
        entry["Files"] += 1
        for column, field, pick in (("First year", "first_year", min),
                                    ("Last year", "last_year", max)):
            value = source.get(field)
            if value is not None:
                entry[column] = value if entry[column] is None else pick(entry[column], value)
    return pd.DataFrame(list(rows.values()),
                        columns=["Publisher", "Licence", "Files", "First year", "Last year"])


def vintages(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> str:
    """The pack's vintage, and the results' own vintages where they differ from it."""
    other = sorted({str(r.get("data_vintage")) for r in results} - {str(ds.vintage)})
    text = f"Data pack: {ds.vintage}."
    if other:
        text += (" Some results files were computed from another vintage: "
                 + "; ".join(other) + ". Re-run the country notebooks to align them.")
    return text


# --------------------------------------------------------------------- helpers
def _labels_on_top(fig: go.Figure, label_px: int) -> None:
    """Column labels above the grid: make room for them between the title and the plot."""
    fig.update_xaxes(side="top")
    fig.update_layout(margin={"t": fig.layout.margin.t + label_px})
    title = next(a for a in fig.layout.annotations if a.name == "title")
    fig.update_annotations(selector={"name": "title"}, yshift=title.yshift + label_px)


def _short(text: str, width: int = 42) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip(" ,;") + "…"


@functools.lru_cache(maxsize=256)
def _meta(ds: Dataset, indicator: str) -> dict[str, Any]:
    if indicator not in ds.catalogue:
        return {"label": indicator.replace("_", " "), "unit": "", "topic": "other",
                "higher_is_better": None, "spread": math.nan, "source": "results files",
                "source_code": ""}
    ind = ds.indicator(indicator)
    values = latest_values(ds, indicator)["value"]
    spread = float(values.std()) if len(values) > 1 else math.nan
    return {"label": ind.label, "unit": ind.unit or "", "topic": ind.topic,
            "higher_is_better": ind.higher_is_better, "spread": spread or math.nan,
            "source": ind.source, "source_code": ind.source_code or ""}


def _indicator_order(table: pd.DataFrame) -> list[str]:
    topics = list(TOPIC_LABELS)
    rules = [rule.indicator for rule in FLAG_RULES]
    first = table.drop_duplicates("indicator")
    return sorted(first["indicator"], key=lambda i: (
        topics.index(t) if (t := first.set_index("indicator").at[i, "topic"]) in topics
        else len(topics), rules.index(i) if i in rules else len(rules), i))


def _cell(row) -> str:
    if _nan(row.value):
        return "no data"
    year = "" if pd.isna(row.year) else f"<br>({int(row.year)})"
    unit = "" if "US$" in str(row.unit) else row.unit  # the row label names the currency
    whole = str(row.unit).split(" ", 1)[0] in COUNT_UNITS
    return f"{fmt_number(row.value, unit, decimals=0 if whole else None)}{year}"


def _quantity(value: float, unit: str) -> str:
    """``fmt_quantity``, with counts (of products, ranks) written as whole numbers."""
    whole = str(unit).split(" ", 1)[0] in COUNT_UNITS
    return fmt_quantity(value, unit, decimals=0 if whole else None)


def _world_quartile(ds: Dataset, flag: str, year: int | None) -> float:
    """The world's worst-quarter threshold behind a ``bottom_quartile`` flag, computed as
    ``policylab.results.diagnose_flags`` does (all countries' latest values up to the
    country's year); NaN for other flags or without enough data."""
    rule = next((r for r in FLAG_RULES if r.name == flag), None)
    if rule is None or rule.test != "bottom_quartile" or year is None:
        return math.nan
    values = latest_values(ds, rule.indicator, list(ds.countries().index), year)["value"]
    if len(values) < MIN_COUNTRIES_FOR_QUARTILE:
        return math.nan
    return float(values.quantile(0.25 if rule.worse == "low" else 0.75))


def _evidence_words(ds: Dataset, item: Mapping[str, Any], flag: str = "") -> str:
    name = ds.name(item["country"])
    if item["indicator"] is None or _nan(item["value"]):
        return f"{name}: no headline figure"
    unit = _meta(ds, item["indicator"])["unit"]
    text = f"{name} {_quantity(item['value'], unit)}"
    if item["year"] is not None:
        text += f" ({item['year']})"
    if not _nan(item["peer_median"]):
        text += f", peers {_quantity(item['peer_median'], unit)}"
    threshold = item.get("world_edge", _world_quartile(ds, flag, item["year"]))
    if not _nan(threshold):
        side = "lowest" if _rule_worse(flag) == "low" else "highest"
        text += f", world's {side} quarter up to {_quantity(threshold, unit)}"
    return text


def _signed(value: float) -> str:
    """A gap with two decimals and a true minus sign; a gap that rounds to zero is "0.00"
    (never "−0.00"), missing is an en dash."""
    if _nan(value):
        return "–"
    text = f"{value:.2f}"
    return "0.00" if float(text) == 0 else text.replace("-", "−")


def _rule_worse(flag: str) -> str:
    return next((r.worse for r in FLAG_RULES if r.name == flag), "low")


def _flag_labels(flags: Iterable[str]) -> dict[str, str]:
    return {f: CHALLENGE_FLAGS[f].label if f in CHALLENGE_FLAGS
            else f.replace("_", " ").capitalize() for f in flags}


def _trade_source(ds: Dataset) -> str:
    """The product panel's publisher and year, for source lines."""
    return (f"Growth Lab at Harvard University, International Trade Data (HS 1992), from "
            f"UN Comtrade; exports by HS 1992 4-digit product, {panel_year(ds)}")


def _span(years: pd.Series) -> str:
    years = years.dropna()
    if years.empty:
        return "years unknown"
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else f"{first}–{last}"


def _nan(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


__all__ = [
    "HEADLINE_IDS",
    "best_pairs",
    "cases_markdown",
    "collaboration_figure",
    "collaboration_table",
    "collect_results",
    "complementarity_figure",
    "coverage_table",
    "evidence_figure",
    "export_baskets",
    "flag_matrix_figure",
    "flag_rules_table",
    "gather",
    "Gathered",
    "groupings_table",
    "key_messages",
    "agenda_collaboration",
    "agenda_note",
    "collaboration_intro",
    "Current",
    "current_results",
    "left_out_table",
    "left_out_text",
    "panel_year",
    "product_coverage",
    "learning_pairs",
    "opportunity_lists",
    "pair_figure",
    "pair_rule_text",
    "pairs_table",
    "priorities",
    "priorities_table",
    "priority_cases",
    "results_inventory",
    "results_on_the_spot",
    "scorecard_display",
    "scorecard_figure",
    "scorecard_table",
    "shared_opportunities",
    "sources_table",
    "teacher_pool",
    "trade_gaps",
    "vintages",
    "workshop_countries",
]
