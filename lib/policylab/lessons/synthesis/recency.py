"""What the brief is built from: per country, the results used (``coverage_table``), and
the note and table naming the figures left out as older than the recency window
(``policylab.forum.recency``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from policylab.forum.recency import Current
from policylab.forum.workshop import indicator_facts
from policylab.lessons.synthesis.meta import flag_labels, quantity, year_text
from policylab.pack.dataset import Dataset
from policylab.text import MISSING, is_missing


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
        label = (indicator_facts(ds, indicator)["label"] if isinstance(indicator, str) and indicator
                 else "a flag without a dated headline figure")
        years = {y for y in rows["year"] if not is_missing(y)}
        who = [ds.name(r.country) if is_missing(r.year) else f"{ds.name(r.country)} {int(r.year)}"
               for r in rows.drop_duplicates("country").itertuples(index=False)]
        if len(years) == 1 and len(who) > 2:
            detail = f"{len(who)} countries, {int(next(iter(years)))}"
        else:
            detail = ", ".join(who)
        flags = sorted({f for fs in rows["flags"] for f in fs})
        if flags:
            names = ", ".join(flag_labels(flags).values()).lower()
            detail += f"; flag{'s' if len(flags) > 1 else ''} not counted: {names}"
        parts.append(f"{label} ({detail})")
    n = table["indicator"].nunique(dropna=False)
    return (f"{window} **Left out as too old:** {len(table)} figure"
            f"{'s' if len(table) != 1 else ''} on {n} indicator{'s' if n != 1 else ''}: "
            + "; ".join(parts) + ".")


def left_out_table(ds: Dataset, current: Current) -> pd.DataFrame:
    """The figures left out as too old, each with its year (a context table)."""
    rows = [{"Country": ds.name(r.country),
             "Indicator": indicator_facts(ds, r.indicator)["label"] if r.indicator else MISSING,
             "Value": ("no data" if is_missing(r.value) or r.indicator is None
                       else quantity(r.value, indicator_facts(ds, r.indicator)["unit"])),
             "Year": year_text(r.year),
             "Flags not counted": ", ".join(flag_labels(r.flags).values()) or "none"}
            for r in current.left_out.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Country", "Indicator", "Value", "Year",
                                       "Flags not counted"])


def coverage_table(ds: Dataset, results: Sequence[Mapping[str, Any]],
                   countries: Iterable[str]) -> pd.DataFrame:
    """Per workshop country: notebooks with results, headline figures with a value, flags
    raised, peers and the latest data year used; countries without results say so."""
    rows = []
    for iso3 in dict.fromkeys(countries):
        own = [r for r in results if r["country"] == iso3]
        figures = [f for r in own for f in r["headline"].values()
                   if not is_missing(f.get("value"))]
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
