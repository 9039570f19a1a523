"""Which word says how a series moved: the lessons' trend titles name the movement from
the first to the last figure with their own translated "rose", "fell" and "stayed"."""

from __future__ import annotations

import pandas as pd


def which_way(values: pd.Series, rose: str, fell: str, stayed: str) -> str:
    """``rose``, ``fell`` or ``stayed``, from the first to the last figure of ``values``
    (index year; missing values left out)."""
    shown = values.dropna().sort_index()
    first, last = float(shown.iloc[0]), float(shown.iloc[-1])
    return rose if last > first else fell if last < first else stayed
