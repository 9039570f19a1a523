"""The emissions what-if identity and the average growth it assumes, on hand-made numbers
(policylab.metrics.emissions_path)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.metrics.emissions_path import WhatIf, average_growth


def test_what_if_path_is_gdp_path_times_intensity_path_from_the_base_year():
    scenario = WhatIf("XXX", 2024, 100.0, growth=0.05, growth_years=(2015, 2024),
                      improvement=0.03, until_year=2026)
    expected = [100.0, 100.0 * 1.05 * 0.97, 100.0 * (1.05 * 0.97) ** 2]
    assert np.allclose(scenario.path().to_numpy(), expected)
    assert list(scenario.path().index) == [2024, 2025, 2026]
    assert scenario.first_projected_year == 2025
    assert np.allclose(scenario.path(0.0).to_numpy(), [100.0, 105.0, 110.25])
    assert scenario.change == pytest.approx((1.05 * 0.97) ** 2 * 100 - 100)
    flat = scenario.flat_improvement
    assert (1 + scenario.growth) * (1 - flat) == pytest.approx(1.0)
    assert np.allclose(scenario.path(flat).to_numpy(), 100.0)


def test_average_growth_is_the_geometric_mean_of_the_latest_window():
    growth = pd.Series({2018: 50.0, 2019: 10.0, 2020: -10.0, 2021: 21.0, 2022: None})
    rate, first, last = average_growth(growth, window=3, min_years=3)
    assert (first, last) == (2019, 2021)
    assert rate == pytest.approx((1.10 * 0.90 * 1.21) ** (1 / 3) - 1)
    rate, first, last = average_growth(growth, window=3, min_years=2, up_to=2019)
    assert (first, last) == (2018, 2019)
    assert rate == pytest.approx((1.5 * 1.1) ** 0.5 - 1)


def test_average_growth_refuses_too_few_years_or_a_total_collapse():
    growth = pd.Series({2020: 3.0, 2021: 4.0})
    assert average_growth(growth, window=10, min_years=3) is None
    assert average_growth(pd.Series({2020: -100.0, 2021: 4.0}), 10, 2) is None
    assert average_growth(pd.Series(dtype=float), 10, 1) is None
