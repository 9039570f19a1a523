"""The recency window (DESIGN §10) applied to the results: the brief's scorecard,
priorities, pairs and agenda use only headline figures dated inside it, and only the flags
whose evidence is such a figure; everything left out is listed with its year."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from policylab.forum.priorities import evidence_indicators
from policylab.pack.dataset import Dataset
from policylab.text import is_missing

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
            if is_missing(figure.get("value")):  # "no data": no figure, and no undated median
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
               if not is_missing(f.get("value"))}
    for indicator in evidence_indicators(flag):
        if indicator in figures:
            return indicator, figures[indicator]
    return None
