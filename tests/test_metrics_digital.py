"""metrics.digital on a small synthetic Dataset: the index by hand, latest years, the
world pattern against income and the oriented relative gap."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policylab.metrics.digital import (
    CAPS,
    COMPONENTS,
    Component,
    composite_scores,
    latest_in_panel,
    latest_years,
    log_income_fit,
    predicted_by_income,
    region_position,
    relative_gap,
    transformed,
    world_panel,
    world_with_income,
)
from policylab.pack.dataset import Dataset

CODES = [f"C{k:02d}" for k in range(6)]


def _dataset() -> Dataset:
    countries = pd.DataFrame({"iso3": CODES, "iso2": CODES, "name": CODES, "region": ["R"] * 6,
                              "income_group": ["High income"] * 6, "is_aggregate": [False] * 6})
    rows = []
    for k, code in enumerate(CODES):
        for c in COMPONENTS:
            if code == "C05" and c.indicator == "rd_share_gdp":
                continue  # C05 lacks one component (weight 0.15): partial only
            value = 50.0 + 40 * k if c.indicator == "mobile_per100" else float(k + 1)
            rows.append((code, 2019, c.indicator, value))
        rows.append((code, 2019, "gdp_per_capita_ppp", 1000.0 * 10 ** (k / 2)))
        rows.append((code, 2010, "internet_users_share", 1.0))  # older than the window
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def ds():
    return _dataset()


def test_weights_sum_to_one_and_mobile_is_capped():
    assert sum(c.weight for c in COMPONENTS) == pytest.approx(1.0)
    assert CAPS == {"mobile_per100": 100.0}
    values = pd.Series([50.0, 130.0])
    assert list(transformed(COMPONENTS[2], values)) == [50.0, 100.0]
    assert transformed(Component("x", 1, "log"), pd.Series([9.0])).iloc[0] == pytest.approx(1.0)


def test_composite_by_hand(ds):
    scores = composite_scores(ds, 2020)
    by_hand = 0.0
    for c in COMPONENTS:
        raw = pd.Series({code: (50.0 + 40 * k if c.indicator == "mobile_per100" else k + 1.0)
                         for k, code in enumerate(CODES)})
        if c.indicator == "rd_share_gdp":
            raw = raw.drop("C05")
        raw = transformed(c, raw)
        by_hand += c.weight * (raw["C02"] - raw.min()) / (raw.max() - raw.min())
    assert scores.at["C02", "score"] == pytest.approx(100 * by_hand)
    assert scores.at["C00", "score"] == pytest.approx(0.0)
    # C05 misses R&D: no full score, no rank, a partial score over 85% of the weight
    assert math.isnan(scores.at["C05", "score"]) and pd.isna(scores.at["C05", "rank"])
    assert scores.at["C05", "missing"] == "rd_share_gdp"
    assert scores.at["C05", "weight_used"] == pytest.approx(0.85)
    assert scores.at["C05", "partial_score"] > scores.at["C04", "score"]
    assert list(scores["rank"].dropna()) == [5, 4, 3, 2, 1]
    assert composite_scores(ds, 2020) is scores  # once per Dataset


def test_window_excludes_old_figures(ds):
    # in 2014 only the 2010 internet figures exist, more than five years back
    scores = composite_scores(ds, 2014)
    assert scores["score"].isna().all()


def test_latest_years(ds):
    years = latest_years(ds, ("internet_users_share", "rd_share_gdp"))
    assert years.at["C00", "internet_users_share"] == 2019
    assert pd.isna(years.at["C05", "rd_share_gdp"])


def test_world_pattern_fit(ds):
    data = world_with_income(ds, "internet_users_share", 2019)
    assert len(data) == 6 and (data["income"] > 0).all()
    slope, intercept = log_income_fit(data)
    # value = k + 1 and log10(income) = 3 + k / 2: the line is value = 2 log10(income) - 5
    assert slope == pytest.approx(2.0) and intercept == pytest.approx(-5.0)
    assert predicted_by_income(data, "C03") == pytest.approx(4.0)
    expected = np.polyval(np.polyfit(np.log10(data["income"]), data["value"], 1),
                          np.log10(data.at["C01", "income"]))
    assert predicted_by_income(data, "C01") == pytest.approx(expected)


def test_relative_gap_orientation_and_cap():
    assert relative_gap(3.0, 2.0) == pytest.approx(50.0)
    assert relative_gap(3.0, 2.0, higher_is_better=False) == pytest.approx(-50.0)
    assert relative_gap(129.0, 138.0, cap=100.0) == 0.0
    assert math.isnan(relative_gap(3.0, 0.0)) and math.isnan(relative_gap(3.0, float("nan")))


def test_region_position_and_panel(ds):
    panel = world_panel(ds, "internet_users_share")
    assert list(panel.index) == [2010, 2019] and panel.at[2019, "C02"] == 3.0
    position = region_position(panel, CODES, "C02", 2020)
    assert (position.rank, position.count, position.value) == (4, 6, 3.0)
    assert position.median == pytest.approx(3.5)
    assert position.quarter() == "below the regional median"
    assert region_position(panel, CODES, "C02", 2016) is None  # 2010 is outside the window
    assert position.first_year == 2019
    latest = latest_in_panel(panel, ["C00", "ZZZ"], 2019)
    assert list(latest.index) == ["C00"] and latest.at["C00", "value"] == 1.0
    assert latest.at["C00", "year"] == 2019


def test_window_is_the_packs_recency_window():
    """The index, the world pattern and the peer medians take latest figures from the
    pack's recency window (DESIGN §10), the window the coverage section calls recent."""
    from policylab.metrics import digital as metrics
    from policylab.pack.dataset import RECENCY_YEARS

    assert metrics.WINDOW_YEARS == RECENCY_YEARS + 1
