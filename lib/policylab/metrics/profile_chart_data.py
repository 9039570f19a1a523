"""The data behind three of the profile's charts, in the shape the chart functions take:
CIP ranks with their ranges (``charts.range_plot``), shift-share terms by country
(``charts.decomposition.decomposition_bars``) and the sector whose share moved most."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from policylab.metrics import cip
from policylab.metrics.profile_cip import neighbours
from policylab.metrics.shiftshare import ShiftShare
from policylab.pack.dataset import Dataset
from policylab.text import year_range

#: The shift-share terms, in the order the charts stack them.
TERMS = ("within", "static", "dynamic")


def cip_rank_ranges(ds: Dataset, year: int, codes: Sequence[str], rank: int,
                    places: int) -> pd.DataFrame:
    """``codes`` ranked in ``year`` and the countries up to ``places`` either side of
    ``rank`` (index iso3): rank (``value``) and its range under random weights (``low``,
    ``high``)."""
    shown = cip.dataset_sensitivity(ds, year).loc[neighbours(ds, year, codes, rank, places)]
    return pd.DataFrame({"value": shown["rank"], "low": shown["rank_low"],
                         "high": shown["rank_high"]})


def shift_share_terms(results: Mapping[str, ShiftShare]) -> pd.DataFrame:
    """One row per country (index iso3): ``TERMS``, ``total`` and the ``years`` each
    decomposition spans ("2000–2020")."""
    return pd.DataFrame([{**{t: getattr(r, t) for t in (*TERMS, "total")},
                          "years": year_range(r.start_year, r.end_year)}
                         for r in results.values()], index=list(results))


def largest_change(panel: pd.DataFrame, leave_out: Iterable[str] = ()) -> str | None:
    """The column of ``panel`` (rows in time order) whose change from the first row to the
    last is largest in size, among those not in ``leave_out``; None when none is left."""
    change = (panel.iloc[-1] - panel.iloc[0]).drop(list(leave_out))
    return None if change.empty else change.abs().idxmax()
