"""The world pattern of manufacturing against income and the per-Dataset CIP tables, on a
synthetic pack."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policylab.metrics import cip
from policylab.metrics import world_pattern as wp


def test_fit_recovers_a_known_hump():
    income = np.array([500.0, 1000.0, 3000.0, 10000.0, 30000.0, 60000.0])
    x = np.log10(income)
    share = -4.0 * x**2 + 30.0 * x - 30.0  # peak at log10 = 3.75
    cross = pd.DataFrame({"income": income, "mva_share": share})
    pattern = wp.fit_pattern(cross, 2020)
    assert pattern.coefficients == pytest.approx((-4.0, 30.0, -30.0))
    assert pattern.peak_income == pytest.approx(10 ** 3.75)
    assert pattern.predict(1000.0) == pytest.approx(-36 + 90 - 30)
    assert pattern.n_countries == 6


def test_no_hump_has_no_peak():
    pattern = wp.WorldPattern((1.0, 0.0, 0.0), 3, 2020)
    assert math.isnan(pattern.peak_income)


def test_cross_section_and_cache_on_the_tiny_pack(tiny_dataset):
    data = wp.income_and_mva(tiny_dataset)
    ken = data[(data["iso3"] == "KEN") & (data["year"] == 2002)].iloc[0]
    gdp = tiny_dataset.latest("gdp_const_usd", "KEN").value
    pop = tiny_dataset.latest("population", "KEN").value
    assert ken["income"] == pytest.approx(gdp / pop) and ken["mva_share"] == 10.0
    cross = wp.cross_section(tiny_dataset, 2002)
    assert set(cross.index) == {"BRA", "DEU", "KEN", "NAM"}
    assert wp.world_pattern(tiny_dataset, 2002) is wp.world_pattern(tiny_dataset, 2002)
    assert wp.pattern_year(tiny_dataset, "KEN", 2001) == 2001
    assert list(wp.country_path(tiny_dataset, "KEN", (2000, 2002))["year"]) == [2000, 2001, 2002]


def test_dataset_cip_tables(tiny_dataset):
    scores = cip.dataset_scores(tiny_dataset)
    ken = scores[(scores["iso3"] == "KEN") & (scores["year"] == 2002)].iloc[0]
    assert ken["cip_rank"] == tiny_dataset.latest("cip_rank", "KEN").value
    assert ken["n_ranked"] == (scores["year"] == 2002).sum()
    ranges = cip.dataset_sensitivity(tiny_dataset, 2002)
    assert ranges is cip.dataset_sensitivity(tiny_dataset, 2002)
    assert set(ranges.index) == set(scores.loc[scores["year"] == 2002, "iso3"])
    assert (ranges["rank_low"] <= ranges["rank"]).all()
    assert (ranges["rank"] <= ranges["rank_high"]).all()


def _cross(shares, incomes):
    return pd.DataFrame({"income": np.asarray(incomes, dtype=float),
                         "mva_share": np.asarray(shares, dtype=float)})


def test_a_clear_hump_is_clear_and_a_flat_one_is_not():
    rng = np.random.default_rng(0)
    income = np.geomspace(400, 100_000, 120)
    x = np.log10(income)
    hump = 12 - 6.0 * (x - 3.7) ** 2  # rises ~7 points to the peak, falls ~8 after it
    noise = rng.normal(0, 1.0, len(x))
    clear = wp.fit_pattern(_cross(hump + noise, income), 2020)
    assert clear.scatter == pytest.approx(1.0, abs=0.3)
    assert clear.rise > 5 and clear.fall > 5 and clear.clear
    # the world's pattern as reviewed: ~11% at $400, 12% at the peak, 10% at $100k, with
    # countries scattered ~7 points around it: the curve's moves are within the scatter
    flat = 12 - 1.2 * (x - 3.66) ** 2
    loose = wp.fit_pattern(_cross(flat + rng.normal(0, 7.0, len(x)), income), 2020)
    assert loose.scatter > 5
    assert not loose.clear
    assert not loose.distance_is_clear(2000.0, loose.predict(2000.0) + 3.0)
    assert loose.distance_is_clear(2000.0, loose.predict(2000.0) - 3 * loose.scatter)


def test_no_peak_inside_the_income_range_is_not_clear():
    rising = wp.fit_pattern(_cross([1, 2, 3, 4, 5, 6.5], [500, 1e3, 3e3, 1e4, 3e4, 6e4]), 2020)
    assert math.isnan(rising.rise) and not rising.clear


@pytest.mark.realdata
def test_the_real_world_pattern_is_too_flat_for_a_verdict(real_dataset):
    pattern = wp.world_pattern(real_dataset, 2024)
    assert max(pattern.rise, pattern.fall) < pattern.scatter
    assert not pattern.clear
