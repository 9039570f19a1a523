"""The worked example's steps (``metrics.complexity_steps``) arranged as a page shows
them: M with its margins (diversity, ubiquity) and the countries ranked by ECI."""

from __future__ import annotations

import numpy as np
import pandas as pd

from policylab.metrics.complexity_steps import ComplexitySteps


def with_margins(steps: ComplexitySteps, diversity: str, ubiquity: str) -> pd.DataFrame:
    """M with the diversity of each country as a last column (named ``diversity``) and the
    ubiquity of each product as a last row (``ubiquity``; empty under the diversity)."""
    table = steps.M.copy()
    table[diversity] = steps.diversity
    table.loc[ubiquity] = [*steps.ubiquity, np.nan]
    return table


def eci_ranking(steps: ComplexitySteps, diversity: str) -> pd.DataFrame:
    """The countries' ECI (two decimals) and diversity, highest ECI first."""
    ranks = pd.DataFrame({"ECI": steps.eci.round(2), diversity: steps.diversity})
    return ranks.sort_values("ECI", ascending=False)
