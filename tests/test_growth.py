"""Structure and growth helpers: shares, per capita, CAGR, world shares, ranks, gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.errors import DataError, PolicylabError
from policylab.metrics.growth import (
    cagr,
    cagr_table,
    gap_to_median,
    per_capita,
    rank_within,
    share,
    world_shares,
)


def test_share_and_per_capita_align_on_the_index_and_refuse_division_by_zero():
    part = pd.Series({"A": 25.0, "B": 10.0, "C": 1.0})
    total = pd.Series({"A": 100.0, "B": 0.0, "C": 4.0})
    result = share(part, total)
    assert result["A"] == 25.0 and np.isnan(result["B"]) and result["C"] == 25.0
    assert per_capita(pd.Series({"A": 50.0}), pd.Series({"A": 4.0}))["A"] == 12.5


def test_cagr_hand_computed():
    result = cagr(pd.Series({2000: 100.0, 2002: 121.0}))
    assert result.rate == pytest.approx(0.10)
    assert (result.start_year, result.end_year) == (2000, 2002)


def test_cagr_uses_the_years_available_inside_the_window_and_returns_them():
    series = pd.Series({1998: 50.0, 2001: 100.0, 2002: np.nan, 2003: 121.0, 2010: 999.0})
    result = cagr(series, start=2000, end=2005)
    assert (result.start_year, result.end_year) == (2001, 2003)
    assert result.rate == pytest.approx(0.10)
    assert (result.start_value, result.end_value) == (100.0, 121.0)


def test_cagr_is_nan_with_one_year_or_a_non_positive_endpoint():
    single = cagr(pd.Series({2001: 100.0, 2010: 5.0}), start=2000, end=2005)
    assert np.isnan(single.rate) and single.start_year == single.end_year == 2001
    assert np.isnan(cagr(pd.Series({2000: -5.0, 2001: 5.0})).rate)
    empty = cagr(pd.Series(dtype=float))
    assert np.isnan(empty.rate) and empty.start_year is None


def test_cagr_table_over_a_panel():
    panel = pd.DataFrame({"A": [100.0, 110.0], "B": [np.nan, 5.0]}, index=[2000, 2001])
    table = cagr_table(panel).set_index("iso3")
    assert table.loc["A", "rate"] == pytest.approx(0.10)
    assert np.isnan(table.loc["B", "rate"])


def long_values() -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC", "WLD", "AAA", "BBB", "CCC", "WLD"],
        "year": [2000] * 4 + [2001] * 4,
        "value": [10.0, 30.0, 60.0, 100.0, 20.0, 20.0, np.nan, 40.0],
    })


def test_world_shares_sum_over_countries_never_aggregates():
    aggregate = pd.Series({"AAA": False, "BBB": False, "CCC": False, "WLD": True})
    result = world_shares(long_values(), is_aggregate=aggregate)
    assert "WLD" not in set(result["iso3"])
    first = result[result["year"] == 2000].set_index("iso3")["share"]
    assert first.to_dict() == {"AAA": 10.0, "BBB": 30.0, "CCC": 60.0}
    second = result[result["year"] == 2001].set_index("iso3")["share"]
    assert second.to_dict() == {"AAA": 50.0, "BBB": 50.0}
    by_set = world_shares(long_values(), countries={"AAA", "BBB", "CCC"})
    pd.testing.assert_frame_equal(by_set, result)


def test_world_shares_demand_an_explicit_definition_of_countries():
    with pytest.raises(PolicylabError, match="countries"):
        world_shares(long_values())
    with pytest.raises(DataError, match="iso3, year, value"):
        world_shares(pd.DataFrame({"x": [1]}), countries=["A"])


def test_rank_and_percentile_within_groups():
    groups = pd.Series({"AAA": "east", "BBB": "east", "CCC": "west"})
    result = rank_within(long_values()[lambda d: d["year"] == 2000], groups)
    row = result.set_index("iso3")
    assert row.loc["BBB", "rank"] == 1 and row.loc["AAA", "rank"] == 2
    assert row.loc["BBB", "percentile"] == 100.0 and row.loc["AAA", "percentile"] == 50.0
    assert row.loc["CCC", "n"] == 1
    assert "WLD" not in row.index  # no group: not ranked
    lower_better = rank_within(long_values()[lambda d: d["year"] == 2000], groups,
                               higher_is_better=False).set_index("iso3")
    assert lower_better.loc["AAA", "rank"] == 1


def test_gap_to_group_median():
    groups = pd.Series({"AAA": "g", "BBB": "g", "CCC": "g"})
    result = gap_to_median(long_values(), groups).set_index(["iso3", "year"])
    assert result.loc[("AAA", 2000), "group_median"] == 30.0
    assert result.loc[("AAA", 2000), "gap"] == -20.0
    assert result.loc[("AAA", 2001), "n"] == 2  # CCC has no 2001 value
