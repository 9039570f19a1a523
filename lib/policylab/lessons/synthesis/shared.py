"""Section 2, shared priorities: the challenges two countries or more have, the figures
behind them (with the world-quarter edge of the quartile rules), and section 5, the policy
cases per priority."""

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.cases import MEGATRENDS, PolicyCase, case_markdown, flag_label
from policylab.charts import axis_title
from policylab.charts.mark_grids import marked_grid
from policylab.charts.median_dots import median_dots
from policylab.evidence.percentiles import MIN_QUARTILE_COUNT, QUARTILE_WINDOW
from policylab.forum.evidence_words import by_side, evidence_words
from policylab.forum.workshop import indicator_facts, world_edge
from policylab.i18n import _, pgettext
from policylab.metrics.forum_brief import flag_grid, priority_evidence
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.cells import year_span
from policylab.pack.dataset import Dataset
from policylab.results import FLAG_RULES
from policylab.text import format_value, in_sentence


def flag_matrix_figure(ds: Dataset, results: Sequence[Mapping[str, Any]],
                       shared: pd.DataFrame) -> go.Figure | None:
    """Which country has which challenge flag, the shared priorities first; None without
    any flag."""
    grid = flag_grid(results, shared["flag"])
    if grid.empty:
        return None
    labels = {f: flag_label(f) for f in grid.index}
    counts = grid.sum(axis=1)
    return marked_grid(
        grid, rows={f: f"{labels[f]} ({counts[f]})" for f in grid.index},
        columns={c: ds.name(c) for c in grid.columns},
        hover=lambda f, c: _("{country}: {challenge}").format(country=ds.name(c),
                                                              challenge=labels[f]),
        title=_("{challenge} is flagged for {n} of the {total} countries, the most widely "
                "shared challenge").format(challenge=labels[grid.index[0]],
                                           n=counts.iloc[0], total=len(grid.columns)),
        source=_("Source: challenge flags in the countries' results files (rules in the table "
                 "above)."))


def flag_rules_table(ds: Dataset) -> pd.DataFrame:
    """The challenge rules (``FLAG_RULES``) in words: what raises each flag."""
    return pd.DataFrame([(
        flag_label(rule.name), indicator_facts(ds, rule.indicator)["label"],
        by_side(rule.name,
                 _("in the world's worst quarter (the lowest 25% of countries with data)"),
                 _("in the world's worst quarter (the highest 25% of countries with data)")))
        for rule in FLAG_RULES],
        columns=[pgettext("table header", "Challenge"), pgettext("table header", "Indicator"),
                 pgettext("table header", "Raised when the country's latest value is")])


def flag_rule_text() -> str:
    """The world-quarter rule every ``FLAG_RULES`` challenge follows, for the method box:
    written from code so that the box cannot describe a rule the table does not hold."""
    return _("Every challenge in the table below follows one rule: the country's latest "
             "figure is in the world's worst quarter (the lowest quarter where a low value is "
             "the challenge, the highest where a high value is), among every country's latest "
             "value in the {window} years up to the country's own year, with at least "
             "{count} countries with data (with fewer, no challenge is raised). "
             "The peers play no part in a challenge: they are shown for comparison. A figure "
             "that is a likely one-year outlier, or a jump at the end of its series, raises "
             "none.").format(window=QUARTILE_WINDOW, count=MIN_QUARTILE_COUNT)


def priorities_table(ds: Dataset, shared: pd.DataFrame) -> pd.DataFrame:
    """The shared priorities as a reader's table, with each country's figure in words."""
    columns = [pgettext("table header", "Shared priority"),
               pgettext("table header", "Megatrend"),
               pgettext("table header", "Countries"),
               pgettext("table header", "Share of workshop"),
               pgettext("table header", "Evidence")]
    return pd.DataFrame([(
        row["label"], _megatrend(row["megatrend"]) if row["megatrend"] else "",
        row["n_countries"], format_value(row["share"] * 100, "%", decimals=0),
        "; ".join(evidence_words(ds.name(e["country"]), e, _unit(ds, e), row["flag"],
                                 _edge(ds, row["flag"], e)) for e in row["evidence"]))
        for row in shared.to_dict("records")], columns=columns)


def evidence_figure(ds: Dataset, priority: Mapping[str, Any]) -> go.Figure | None:
    """One shared priority: each country's headline figure against its own peer median and
    the edge of the world's worst quarter; None when no country concerned has a figure."""
    evidence, flag = priority_evidence(priority), priority.get("flag", "")
    if not evidence:
        return None
    about = indicator_facts(ds, evidence[0]["indicator"])
    unit = about["unit"]
    low = min(evidence, key=lambda e: e["value"])
    high = max(evidence, key=lambda e: e["value"])
    title = _("{challenge}: {indicator} from {low} ({low_country}) to {high} ({high_country}) "
              "in the {n} countries concerned").format(
        challenge=priority["label"], indicator=in_sentence(about["label"]),
        low=fmt_quantity(low["value"], unit), low_country=ds.name(low["country"]),
        high=fmt_quantity(high["value"], unit), high_country=ds.name(high["country"]),
        n=len(evidence))
    years = pd.Series([e["year"] for e in evidence], dtype="float")
    return median_dots(
        [ds.name(e["country"]) for e in evidence], [e["value"] for e in evidence],
        [fmt_number(e["value"], unit) for e in evidence], [e["year"] for e in evidence],
        value_name=pgettext("chart legend", "Country"),
        median=([e["peer_median"] for e in evidence], pgettext("chart legend", "Peer median"),
                _("%{y}: peer median %{x:,.2f}<extra></extra>")),
        edge=([_edge(ds, flag, e) for e in evidence],
              by_side(flag, _("Edge of the world's lowest quarter (the rule)"),
                           _("Edge of the world's highest quarter (the rule)")),
              by_side(flag,
                           _("%{y}: world's lowest quarter up to %{x:,.2f}<extra></extra>"),
                           _("%{y}: world's highest quarter up to %{x:,.2f}<extra></extra>"))),
        title=title, source=_("Source: the countries' results files ({years}); {source}.").format(
            years=year_span(years), source=about["source"]),
        x_title=axis_title(about["label"], unit))


def _edge(ds: Dataset, flag: str, item: Mapping[str, Any]) -> float:
    """The world-quarter edge the results file holds with the figure, else computed."""
    if "world_edge" in item:
        return item["world_edge"]
    return world_edge(ds, flag, item["year"])


def _unit(ds: Dataset, item: Mapping[str, Any]) -> str:
    return indicator_facts(ds, item["indicator"])["unit"] if item["indicator"] else ""


def cases_markdown(shared: pd.DataFrame,
                   chosen: Mapping[str, Sequence[PolicyCase]]) -> list[str]:
    """Per shared priority, a heading and its cases (or "no case yet"); a case shown under an
    earlier priority is referred to, not repeated."""
    shown: set[str] = set()
    blocks = []
    for row in shared.to_dict("records"):
        blocks.append(_("## For: {challenge}").format(challenge=row["label"]))
        if not chosen.get(row["flag"]):
            blocks.append(_("No case in the library yet on this challenge (from countries "
                            "other than those concerned)."))
        for case in chosen.get(row["flag"], []):
            if case.id in shown:
                blocks.append(_("*See above:* {case} ({country}, {period}).").format(
                    case=case.title, country=case.country_name, period=case.period))
            else:
                blocks.append(case_markdown(case))
                shown.add(case.id)
    return blocks


def _megatrend(key: str) -> str:
    """A megatrend's name in the current language, or "other" for a key outside it."""
    return _(MEGATRENDS[key]) if key in MEGATRENDS else pgettext("megatrend", "other")
