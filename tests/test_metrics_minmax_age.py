"""metrics.data_age and metrics.minmax (from the digitalization lesson's coverage grid and
normalisation exercise) on hand-made numbers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policylab.metrics.data_age import years_behind
from policylab.metrics.minmax import MinMax, first_interior, minmax_position


def test_years_behind_the_newest_of_any_country() -> None:
    latest = pd.DataFrame({"a": [2020, 2018, 2015], "b": [2010, pd.NA, 2012]},
                          index=["KEN", "GHA", "DEU"]).astype("Int64")
    lag = years_behind(latest, ["GHA", "KEN", "XXX"])
    assert list(lag.index) == ["GHA", "KEN", "XXX"]
    assert lag.loc["GHA", "a"] == -2 and lag.loc["KEN", "a"] == 0
    assert lag.loc["KEN", "b"] == -2  # against DEU's 2012, which is not a row shown
    assert math.isnan(lag.loc["GHA", "b"]) and lag.loc["XXX"].isna().all()
    assert lag.dtypes.eq(float).all()


def test_minmax_position_and_score() -> None:
    values = pd.Series({"A": 10.0, "B": 30.0, "C": 60.0})
    position = minmax_position(values, "B")
    assert position == MinMax(30.0, 10.0, 60.0) and position.score == pytest.approx(40.0)
    assert minmax_position(values, "A").score == 0 and minmax_position(values, "C").score == 100
    assert math.isnan(minmax_position(values, "Z").score)
    assert math.isnan(minmax_position(pd.Series({"A": 5.0}), "A").score)  # no range
    empty = minmax_position(pd.Series(dtype=float), "A")
    assert math.isnan(empty.low) and math.isnan(empty.score)


def test_first_interior_skips_the_ends_and_missing() -> None:
    positions = [("lowest", MinMax(10.0, 10.0, 60.0)), ("none", MinMax(math.nan, 0.0, 1.0)),
                 ("near top", MinMax(59.9, 10.0, 60.0)), ("inside", MinMax(30.0, 10.0, 60.0)),
                 ("also", MinMax(20.0, 10.0, 60.0))]
    assert first_interior(positions, margin=1.0) == "inside"
    assert first_interior(positions[:3], margin=1.0) is None
