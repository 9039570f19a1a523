"""The forum rules applied to one workshop on one Dataset: indicator facts with their
spread across countries, the scorecard made comparable across indicators, shared priorities
with the world-quarter edge of the quartile rules (``policylab.evidence.world_quartile``),
the policy cases per priority, the products several countries could develop together
(on the product panel, fed to the agenda only when current), and where each country is
strongest against the world (``strengths``). Presentation is in
``policylab.lessons.synthesis``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from policylab.cases import PolicyCase
from policylab.evidence import world_quartile
from policylab.evidence.percentiles import standing
from policylab.forum.collaboration import collaboration_areas
from policylab.forum.priorities import scorecard, shared_priorities
from policylab.i18n import _, current_language
from policylab.metrics.collaboration import OPPORTUNITIES_PER_COUNTRY, opportunity_lists, panel_year
from policylab.pack.dataset import Dataset
from policylab.peers import latest_values
from policylab.results import FLAG_RULES
from policylab.text import is_missing


def indicator_facts(ds: Dataset, indicator: str) -> dict[str, Any]:
    """Label, unit, topic, direction, source and ``spread`` (the standard deviation of all
    countries' latest values) of an indicator; indicators unknown to the catalogue (only in
    results files) get their id as label. Computed once per Dataset and language."""
    return ds.cached(("forum.indicator_facts", indicator, current_language()),
                     lambda: _facts(ds, indicator))


def _facts(ds: Dataset, indicator: str) -> dict[str, Any]:
    if indicator not in ds.catalogue:
        return {"label": indicator.replace("_", " "), "unit": "", "topic": "other",
                "higher_is_better": None, "spread": math.nan, "source": _("results files"),
                "source_code": ""}
    ind = ds.indicator(indicator)
    values = latest_values(ds, indicator)["value"]
    spread = float(values.std()) if len(values) > 1 else math.nan
    return {"label": ind.label, "unit": ind.unit or "", "topic": ind.topic,
            "higher_is_better": ind.higher_is_better, "spread": spread or math.nan,
            "source": ind.source, "source_code": ind.source_code or ""}


def rule_worse(flag: str) -> str:
    """Which side of the flag's indicator is the challenge ("low" or "high")."""
    return next((r.worse for r in FLAG_RULES if r.name == flag), "low")


def world_edge(ds: Dataset, flag: str, year: int | None) -> float:
    """The world's worst-quarter threshold behind a flag in ``year``
    (``policylab.evidence.world_quartile``, the rule ``diagnose_flags`` applies); NaN for
    an unknown flag."""
    rule = next((r for r in FLAG_RULES if r.name == flag), None)
    if rule is None:
        return math.nan
    return world_quartile(ds, rule.indicator, year, rule.worse)


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
    about = {i: indicator_facts(ds, i) for i in table["indicator"].unique()}
    for column in ("label", "unit", "topic", "higher_is_better", "spread"):
        table[column] = table["indicator"].map(lambda i, c=column: about[i][c])
    sign = table["higher_is_better"].map({True: 1.0, False: -1.0}).astype(float)
    table["better_gap"] = sign * table["gap"] / table["spread"]
    return table


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
                item["world_edge"] = world_edge(ds, row.flag, item["year"])
    return shared


def priority_cases(shared: pd.DataFrame, cases: Sequence[PolicyCase],
                   k: int = 2) -> dict[str, list[PolicyCase]]:
    """Per shared priority, the ``k`` library cases that best address it
    (``select_cases`` with the priority's megatrend), leaving out cases from the
    countries concerned, whose own experience the group discusses directly."""
    from policylab.forum.agenda import priority_case_list  # the agenda's own matching

    return {row["flag"]: priority_case_list(row, cases, k) for row in shared.to_dict("records")}


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


#: How many of each country's strongest figures the brief names.
STRENGTHS_PER_COUNTRY = 2
STRENGTH_COLUMNS = ["country", "indicator", "label", "unit", "value", "year", "better_than",
                    "count"]


def strengths(ds: Dataset, table: pd.DataFrame,
              per_country: int = STRENGTHS_PER_COUNTRY) -> pd.DataFrame:
    """Each country's strongest headline figures (rows of ``scorecard_table``) relative to
    the world distribution: its world percentile (``policylab.evidence.percentiles.standing``,
    in the figure's year), turned so that a higher share is better (for indicators where
    lower is better, the share of countries with a higher value); the ``per_country`` best
    per country. Columns: ``STRENGTH_COLUMNS`` (``better_than`` in percent)."""
    rows = []
    for row in table.itertuples(index=False):
        if (is_missing(row.value) or row.indicator not in ds.catalogue
                or row.higher_is_better is None or pd.isna(row.year)):
            continue
        place = standing(ds, row.indicator, row.country, "world", int(row.year))
        if is_missing(place.percentile):
            continue
        better = place.percentile if row.higher_is_better else 100.0 - place.percentile
        rows.append({"country": row.country, "indicator": row.indicator, "label": row.label,
                     "unit": row.unit, "value": row.value, "year": int(row.year),
                     "better_than": better, "count": place.count})
    found = pd.DataFrame(rows, columns=STRENGTH_COLUMNS)
    return (found.sort_values(["country", "better_than"], ascending=[True, False])
            .groupby("country", sort=False).head(per_country).reset_index(drop=True))
