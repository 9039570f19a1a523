"""Min-max normalisation of one country's value among all countries' (the OECD/JRC
*Handbook*'s step the composite indexes use), kept whole so that an exercise can show the
three figures behind a score."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class MinMax:
    """A country's value, the lowest and highest value among all countries, and its score."""

    value: float
    low: float
    high: float

    @property
    def score(self) -> float:
        """0 for the lowest, 100 for the highest; NaN without a value or a range."""
        if not self.high > self.low:
            return math.nan
        return 100 * (self.value - self.low) / (self.high - self.low)


def minmax_position(values: pd.Series, code: str) -> MinMax:
    """``code``'s :class:`MinMax` among ``values`` (by code; NaN where it has none)."""
    return MinMax(values.get(code, math.nan), float(values.min()), float(values.max()))


def first_interior(positions: Iterable[tuple[str, MinMax]], margin: float) -> str | None:
    """The first key whose score lies more than ``margin`` points inside 0–100 (not the
    lowest, the highest or next to them); None when there is none."""
    for key, position in positions:
        if margin < position.score < 100 - margin:
            return key
    return None
