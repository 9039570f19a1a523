"""The forum brief's cross-country tables, computed from the gathered results and the
Dataset: which country has which flag, the evidence a priority's chart shows, the scorecard
as an indicator x country grid, the complementarity of export baskets as a matrix, the
workshop's groupings with the challenges they share, the figures left out per indicator and
the indicators the brief shows. The brief's sections (``policylab.lessons.synthesis``)
word them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from policylab.forum.collaboration import complementarity
from policylab.forum.gather import workshop_countries
from policylab.forum.priorities import shared_priorities
from policylab.metrics.collaboration import panel_year
from policylab.pack.dataset import GROUPS, Dataset
from policylab.results import FLAG_RULES
from policylab.text import is_missing

#: The scorecard's rows: topics in this order, then the challenge rules' order.
TOPIC_ORDER = ("performance", "greening", "digital", "value_chains")


def flag_grid(results: Sequence[Mapping[str, Any]], first: Iterable[str] = ()) -> pd.DataFrame:
    """Flag x country: True where a country's results list the flag. Rows: ``first`` (the
    shared priorities, in their order), then every other flag raised, alphabetically;
    columns: the workshop's countries in order of appearance (also those without a flag)."""
    countries = workshop_countries(results)
    flags_of = {c: {f for r in results if r["country"] == c for f in r["flags"]}
                for c in countries}
    rows = list(dict.fromkeys([*first, *sorted(set().union(*flags_of.values()))]))
    return pd.DataFrame([[f in flags_of[c] for c in countries] for f in rows],
                        index=pd.Index(rows, dtype=object), columns=countries, dtype=bool)


def priority_evidence(priority: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The evidence of a shared priority that one chart can show: the items with a figure
    on the first indicator that has one (one axis, one unit)."""
    shown = [e for e in priority["evidence"]
             if e["indicator"] is not None and not is_missing(e["value"])]
    return [e for e in shown if e["indicator"] == shown[0]["indicator"]]


def scorecard_order(table: pd.DataFrame) -> list[str]:
    """The indicators of a ``scorecard_table`` in reading order: by topic
    (``TOPIC_ORDER``, others after), then in the challenge rules' order, then by id."""
    topic = table.drop_duplicates("indicator").set_index("indicator")["topic"]
    topics, rules = list(TOPIC_ORDER), [rule.indicator for rule in FLAG_RULES]
    return sorted(topic.index, key=lambda i: (
        topics.index(topic[i]) if topic[i] in topics else len(topics),
        rules.index(i) if i in rules else len(rules), i))


def scorecard_grid(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """One column of a ``scorecard_table`` as indicator (rows, ``scorecard_order``) x
    country (columns, in the table's order)."""
    codes = list(dict.fromkeys(table["country"]))
    return (table.pivot(index="country", columns="indicator", values=column)
            .reindex(index=codes, columns=scorecard_order(table)).T)


def complementarity_matrix(baskets: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The pairs of ``policylab.forum.complementarity`` (most complementary first) and the
    same values as a symmetric country x country matrix in the order of ``baskets``' index
    (the diagonal NaN)."""
    pairs = complementarity(baskets)
    codes = list(baskets.index)
    half = pairs.pivot(index="country_a", columns="country_b", values="complementarity")
    return pairs, half.combine_first(half.T).reindex(index=codes, columns=codes).to_numpy()


def groupings(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The workshop's countries per region and per income group (``pack.dataset.GROUPS``), each
    grouping with its members and, when it has two or more, the challenges they share
    (``shared_priorities`` over their results; empty otherwise)."""
    grouped = ds.countries().reindex(workshop_countries(results))
    rows = []
    for kind in GROUPS:
        for group, members in grouped.groupby(kind, sort=True).groups.items():
            shared = (shared_priorities([r for r in results if r["country"] in members])
                      if len(members) > 1 else pd.DataFrame())
            rows.append({"kind": kind, "group": group, "members": list(members),
                         "shared": shared})
    return rows


def source_indicators(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> list[str]:
    """The indicators the brief shows: every headline figure of the results known to the
    catalogue, and export diversity (the product panel's files) when the pack has a panel."""
    shown = [i for r in results for i in r["headline"] if i in ds.catalogue]
    if panel_year(ds) is not None and "diversity" in ds.catalogue:
        shown.append("diversity")
    return list(dict.fromkeys(shown))


def left_out_groups(left_out: pd.DataFrame) -> list[dict[str, Any]]:
    """The figures of ``Current.left_out`` per indicator, in order of appearance:
    ``indicator`` (None for flags without a dated figure), ``countries`` as (iso3, year or
    None) once each, ``year`` when every dated figure shares one (else None), and the
    ``flags`` that fell with them, sorted."""
    groups = []
    for indicator, rows in left_out.groupby("indicator", sort=False, dropna=False):
        years = {int(y) for y in rows["year"] if not is_missing(y)}
        groups.append({
            "indicator": indicator if isinstance(indicator, str) and indicator else None,
            "countries": [(r.country, None if is_missing(r.year) else int(r.year))
                          for r in rows.drop_duplicates("country").itertuples(index=False)],
            "year": next(iter(years)) if len(years) == 1 else None,
            "flags": sorted({f for fs in rows["flags"] for f in fs})})
    return groups
