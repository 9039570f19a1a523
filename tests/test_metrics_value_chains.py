"""The value-chains lesson's metrics: the published ECI's standing and the clarity of its
fit on income (``metrics.value_chains_eci``), and the trade-series arithmetic
(``metrics.value_chains_trade``), on the tiny pack and hand-made frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policylab.metrics import value_chains_eci as eci
from policylab.metrics import value_chains_trade as trade


# --------------------------------------------------------------------- ECI
def test_eci_standing_on_the_tiny_pack(tiny_dataset):
    found = eci.eci_standing(tiny_dataset, "KEN")
    assert (found["eci"], found["year"], found["rank"]) == (-0.55, 2001, 88)
    assert (found["first_eci"], found["first_year"], found["ranked"]) == (-0.6, 2000, 4)
    assert eci.eci_standing(tiny_dataset, "KEN", end_year=2000)["eci"] == -0.6
    assert eci.eci_standing(tiny_dataset, "XKX") is None


def _fit(own: float, slope: float = 1.0, noise: float = 0.1) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    income = np.logspace(3, 5, 40)
    frame = pd.DataFrame({"eci": slope * np.log10(income) + rng.normal(0, noise, 40),
                          "gdp_per_capita": income}, index=[f"C{i:02d}" for i in range(40)])
    frame.loc["FOC"] = [slope * 4 + own, 1e4]
    line = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["eci"], 1)
    frame["expected"] = np.polyval(line, np.log10(frame["gdp_per_capita"]))
    return frame


def test_income_fit_quality_measures_the_rise_over_the_middle_incomes():
    frame = _fit(own=0.0, noise=0.0)
    quality = eci.income_fit_quality(frame)
    ends = np.log10(frame["gdp_per_capita"].quantile([0.05, 0.95]))
    slope = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["expected"], 1)[0]
    assert quality["rise"] == pytest.approx(slope * (ends.iloc[1] - ends.iloc[0]))
    assert eci.income_fit_quality(frame, (0.0, 1.0))["rise"] > quality["rise"]


def test_income_evidence_gives_the_signed_distance_and_its_clarity():
    frame = _fit(own=1.0)
    evidence = eci.income_evidence(frame, "FOC")
    assert evidence.distance == pytest.approx(frame.at["FOC", "eci"] - frame.at["FOC", "expected"])
    assert evidence.distance > 0 and evidence.clear
    assert not eci.income_evidence(_fit(own=0.0), "FOC").distance_clear
    assert not eci.income_evidence(_fit(own=1.0, slope=0.05, noise=0.5), "FOC").pattern_clear


# --------------------------------------------------------------------- trade series
def _wide(rows: dict[int, list[float]], columns=("A", "B", "C")) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(columns))


def test_percent_of_drops_non_positive_denominators_and_empty_rows():
    part = _wide({2000: [1.0, 2.0, np.nan], 2001: [3.0, np.nan, np.nan]})
    whole = _wide({2000: [10.0, 0.0, 5.0], 2001: [20.0, 4.0, 5.0], 2002: [1.0, 1.0, 1.0]})
    share = trade.percent_of(part, whole)
    assert list(share.columns) == ["A"] and share.at[2001, "A"] == pytest.approx(15.0)
    assert share.at[2000, "A"] == pytest.approx(10.0)


def test_sum_of_aligns_on_the_first_panel():
    exports = _wide({2000: [10.0, np.nan, 1.0], 2001: [12.0, np.nan, np.nan]})
    imports = _wide({2000: [5.0, 3.0, 2.0]}, columns=("A", "B", "C"))
    total = trade.sum_of(exports, imports)
    assert total.at[2000, "A"] == 15.0 and total.at[2000, "C"] == 3.0
    assert list(total.index) == [2000] and "B" not in total.columns


def test_first_last_and_ends_by_column():
    wide = _wide({2000: [np.nan, 1.0, np.nan], 2001: [2.0, 1.5, np.nan], 2003: [4.0, np.nan,
                                                                               np.nan]})
    assert trade.first_last(wide["A"]) == (2001, 2.0, 2003, 4.0)
    assert trade.first_last(wide["C"]) is None
    assert trade.ends_by_column(wide) == {"A": (2001, 2.0, 2003, 4.0),
                                          "B": (2000, 1.0, 2001, 1.5)}


def test_latest_by_column_takes_each_column_own_latest_year():
    wide = _wide({2000: [1.0, 5.0, np.nan], 2001: [2.0, np.nan, np.nan]})
    latest = trade.latest_by_column(wide)
    assert latest.loc["A"].tolist() == [2.0, 2001] and latest.loc["B"].tolist() == [5.0, 2000]
    assert "C" not in latest.index
    empty = trade.latest_by_column(wide.iloc[:0])
    assert empty.empty and list(empty.columns) == ["value", "year"]


def test_strongest_leaves_out_slivers_unless_too_few_pass():
    table = pd.DataFrame({"product": ["a", "b", "c", "d", "e"],
                          "rca": [90.0, 8.0, 4.0, 2.0, 1.5],
                          "country_share": [0.01, 30.0, 20.0, 1.0, 40.0]})
    assert list(trade.strongest(table, 0.005, 10)["product"]) == ["b", "c", "d", "e"]
    assert list(trade.strongest(table, 0.005, 2)["product"]) == ["b", "c"]
    assert list(trade.strongest(table, 0.25, 10)["product"]) == ["a", "b", "c", "d", "e"]
    assert math.isclose(trade.strongest(table, 0.0, 1)["rca"].iloc[0], 90.0)
