"""The published Economic Complexity Index as the value-chains lesson reads it: a
country's latest value with its rank and first year, and how clearly the country's
distance from the ECI-on-income line (``eci_income``) can be judged. The ECI itself is
used as published, never recomputed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from policylab.evidence.verdicts import FitEvidence, typical_scatter
from policylab.pack.dataset import Dataset

#: The income range over which the fitted line's rise is measured: between these
#: percentiles of the economies' GDP per capita (so that a few extremes do not stretch it).
INCOME_RANGE = (0.05, 0.95)


def eci_standing(ds: Dataset, country: str, end_year: int | None = None) -> dict | None:
    """The latest published ECI up to ``end_year`` and its rank: ``eci, year, rank`` (None
    when unpublished), ``ranked`` (economies with an ECI that year), ``first_year,
    first_eci`` (the country's first published value); None without an ECI."""
    own = ds.latest("eci", country, max_year=end_year)
    if own.year is None:
        return None
    rank = ds.series("eci_rank", country, [own.year]).dropna(subset=["value"])
    same_year = ds.series("eci", None, [own.year]).dropna(subset=["value"])
    history = ds.series("eci", country).dropna(subset=["value"])
    return {"eci": float(own.value), "year": int(own.year),
            "rank": int(rank["value"].iloc[0]) if len(rank) else None,
            "ranked": int(same_year["iso3"].nunique()),
            "first_year": int(history["year"].iloc[0]),
            "first_eci": float(history["value"].iloc[0])}


def income_fit_quality(frame: pd.DataFrame,
                       income_range: tuple[float, float] = INCOME_RANGE) -> dict[str, float]:
    """How clear the fitted pattern of ECI on income is, on a frame of ``eci_income_fit``
    (columns ``eci, gdp_per_capita, expected``): ``rise``, the fitted ECI at the upper
    percentile of income (``income_range``) minus that at the lower, and ``scatter``, the
    typical scatter of the economies' distances from the line (``evidence.verdicts``)."""
    ends = frame["gdp_per_capita"].quantile(list(income_range))
    slope = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["expected"], 1)[0]
    rise = float(slope * (np.log10(ends.iloc[1]) - np.log10(ends.iloc[0])))
    return {"rise": rise, "scatter": typical_scatter((frame["eci"] - frame["expected"]).tolist())}


def income_evidence(frame: pd.DataFrame, country: str) -> FitEvidence:
    """The fit's rise, its typical scatter and the country's signed distance from the line
    (published ECI minus the ECI its income predicts), for a verdict by the rules of
    ``evidence.verdicts``."""
    quality = income_fit_quality(frame)
    distance = float(frame.at[country, "eci"] - frame.at[country, "expected"])
    return FitEvidence(quality["rise"], quality["scatter"], distance)
