"""Shift-share decomposition: a hand-computed example, the exact identity, the WDI inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from policylab.errors import DataError
from policylab.metrics.shiftshare import SECTORS, sector_inputs, shift_share


def two_sector_example() -> tuple[pd.DataFrame, pd.DataFrame]:
    # year 0: productivity 1 and 3, employment split 50/50, aggregate 2
    # year 1: productivity 2 and 5, employment split 25/75, aggregate 85/20 = 4.25
    value_added = pd.DataFrame({"a": [10.0, 10.0], "b": [30.0, 75.0]}, index=[2000, 2010])
    employment = pd.DataFrame({"a": [10.0, 5.0], "b": [10.0, 15.0]}, index=[2000, 2010])
    return value_added, employment


def test_hand_computed_decomposition():
    result = shift_share(*two_sector_example())
    # within  = (2-1)*0.5 + (5-3)*0.5 = 1.5; static = (-0.25)*1 + 0.25*3 = 0.5
    # dynamic = 1*(-0.25) + 2*0.25 = 0.25; total = 4.25 - 2 = 2.25 (112.5% of 2)
    assert result.by_sector["within"].sum() == 1.5
    assert result.by_sector["static"].sum() == 0.5
    assert result.by_sector["dynamic"].sum() == 0.25
    assert (result.within, result.static, result.dynamic, result.total) == (75.0, 25.0, 12.5,
                                                                           112.5)
    assert result.within + result.static + result.dynamic == result.total
    assert (result.start_year, result.end_year) == (2000, 2010)
    assert result.productivity_start == 2.0 and result.productivity_end == 4.25


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, (2, 3), elements=st.floats(1.0, 1e9)),
       arrays(np.float64, (2, 3), elements=st.floats(1.0, 1e7)))
def test_identity_total_equals_within_plus_static_plus_dynamic(va, labour):
    result = shift_share(pd.DataFrame(va, index=[2000, 2020], columns=list(SECTORS)),
                         pd.DataFrame(labour, index=[2000, 2020], columns=list(SECTORS)))
    terms = (result.within, result.static, result.dynamic)
    # no residual term: the identity is exact algebra, so only rounding may separate them
    sector_terms = result.by_sector[["within", "static", "dynamic"]].abs().to_numpy().sum()
    levels = result.productivity_start + result.productivity_end
    scale = 100.0 * (sector_terms + levels) / result.productivity_start
    assert abs(sum(terms) - result.total) <= 1e-12 * scale


def test_uses_the_first_and_last_complete_years_in_the_window():
    value_added, employment = two_sector_example()
    value_added.loc[2005] = [np.nan, 50.0]
    employment.loc[2005] = [8.0, 12.0]
    value_added.loc[2015] = [12.0, 80.0]
    employment.loc[2015] = [5.0, 15.0]
    result = shift_share(value_added.sort_index(), employment.sort_index(), 2001, 2016)
    assert (result.start_year, result.end_year) == (2010, 2015)  # 2005 lacks sector a
    with pytest.raises(DataError, match="two years"):
        shift_share(value_added, employment, 2001, 2009)


def wdi_like_obs(with_services: bool = True) -> pd.DataFrame:
    base = {"labour_force": 1000.0, "female_share_labour_force": 40.0, "gdp_const_usd": 5000.0,
            "agriculture_share_gdp": 20.0, "industry_share_gdp": 30.0,
            "empl_agriculture_female": 50.0, "empl_agriculture_male": 30.0,
            "empl_industry_female": 10.0, "empl_industry_male": 30.0,
            "empl_services_female": 40.0, "empl_services_male": 40.0}
    if with_services:
        base["services_share_gdp"] = 45.0
    rows = [("KEN", year, k, v * (1.1 if year == 2010 else 1.0))
            for year in (2000, 2010) for k, v in base.items()]
    return pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])


def test_sector_inputs_combine_sex_specific_shares_and_say_so():
    inputs = sector_inputs(wdi_like_obs(), "KEN")
    # agriculture: 1000 * (0.4 * 0.50 + 0.6 * 0.30) = 380
    assert inputs.employment.loc[2000, "agriculture"] == pytest.approx(380.0)
    assert inputs.employment.loc[2000].sum() == pytest.approx(1000.0)
    assert inputs.value_added.loc[2000, "services"] == pytest.approx(0.45 * 5000.0)
    assert "labour force" in inputs.note and "manufacturing employment is not" in inputs.note
    assert list(inputs.employment.columns) == list(SECTORS)  # no manufacturing split


def test_sector_inputs_compute_the_services_residual_when_absent():
    inputs = sector_inputs(wdi_like_obs(with_services=False), "KEN")
    assert inputs.value_added.loc[2000, "services"] == pytest.approx(0.50 * 5000.0)
    assert "residual" in inputs.note
    result = shift_share(inputs.value_added, inputs.employment, note=inputs.note)
    assert result.note == inputs.note


def test_sector_inputs_name_the_missing_series():
    obs = wdi_like_obs()
    obs = obs[obs["indicator"] != "labour_force"]
    with pytest.raises(DataError, match="labour_force"):
        sector_inputs(obs, "KEN")
    with pytest.raises(DataError, match="no observations for UGA"):
        sector_inputs(obs, "UGA")
