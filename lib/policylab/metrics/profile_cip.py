"""The industrial profile's reading of the CIP composite (``metrics.cip``, once per Dataset):
a country's latest ranked year up to an end year, its rank with the range of ranks under
random weights and the rank under z-scores, the components it lacks when never ranked, and
the table of a set of countries in one year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from policylab.metrics import cip
from policylab.pack.dataset import Dataset

#: The table's columns besides the components (in ``cip.COMPONENTS`` order after these).
TABLE_COLUMNS = ("score", "rank", "rank_low", "rank_high", "rank_zscore")


@dataclass(frozen=True)
class CipPosition:
    """A country's CIP position in ``year``: rank of ``n_ranked``, the ``cip.RANK_INTERVAL``
    range of ranks under random weights, and the rank with z-scores."""

    year: int
    score: float
    rank: int
    n_ranked: int
    rank_low: int
    rank_high: int
    rank_zscore: int


def _ranked(ds: Dataset, country: str, end_year: int) -> pd.DataFrame:
    scores = cip.dataset_scores(ds)
    return scores[(scores["iso3"] == country) & (scores["year"] <= end_year)]


def latest_year(ds: Dataset, country: str, end_year: int) -> int | None:
    """The latest year up to ``end_year`` in which ``country`` is ranked; None if never."""
    mine = _ranked(ds, country, end_year)
    return None if mine.empty else int(mine["year"].max())


def position(ds: Dataset, country: str, end_year: int) -> CipPosition | None:
    """``country``'s rank in its latest ranked year with its intervals, or None."""
    mine = _ranked(ds, country, end_year)
    if mine.empty:
        return None
    row = mine.sort_values("year").iloc[-1]
    ranges = cip.dataset_sensitivity(ds, int(row["year"])).loc[country]
    return CipPosition(int(row["year"]), float(row["cip_score"]), int(row["cip_rank"]),
                       int(row["n_ranked"]), int(ranges["rank_low"]), int(ranges["rank_high"]),
                       int(ranges["rank_zscore"]))


def lacking(ds: Dataset, country: str, end_year: int) -> tuple[str, ...]:
    """The components ``country`` lacks in its latest year (up to ``end_year``) with any
    missing; empty when it has no components at all."""
    comps = cip.dataset_components(ds)
    mine = comps[(comps["iso3"] == country) & (comps["year"] <= end_year)].sort_values("year")
    absent = mine[list(cip.COMPONENTS)].isna()
    partial = absent[absent.any(axis=1)]
    if partial.empty:
        return ()
    return tuple(c for c in cip.COMPONENTS if partial.iloc[-1][c])


def neighbours(ds: Dataset, year: int, codes: Sequence[str], rank: int,
               places: int) -> list[str]:
    """``codes`` that are ranked in ``year``, then the countries ranked up to ``places``
    places either side of ``rank``."""
    ranges = cip.dataset_sensitivity(ds, year)
    near = ranges.index[(ranges["rank"] - rank).abs() <= places]
    return [c for c in dict.fromkeys([*codes, *near]) if c in ranges.index]


def table(ds: Dataset, codes: Sequence[str], year: int) -> pd.DataFrame:
    """``codes`` (index ``iso3``, in order) in ``year``: score, rank, rank interval, rank
    under z-scores (NaN when not ranked) and the six components (before normalisation)."""
    ranges = cip.dataset_sensitivity(ds, year)
    components = cip.dataset_components(ds)
    comps = components[components["year"] == year].set_index("iso3")
    scores = cip.dataset_scores(ds)
    score = scores[scores["year"] == year].set_index("iso3")["cip_score"]
    out = pd.DataFrame(index=pd.Index(list(codes), name="iso3"))
    out["score"] = score.reindex(out.index).astype(float)
    for column in TABLE_COLUMNS[1:]:
        out[column] = ranges[column].reindex(out.index).astype(float)
    for component in cip.COMPONENTS:
        out[component] = comps[component].reindex(out.index)
    return out
