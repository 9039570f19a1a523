"""The greening lesson's figures (metrics.greening_figures) on hand-made numbers: a small
synthetic pack whose changes, indices, shares and what-if can be worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import synthetic_countries

from policylab.errors import PolicylabError
from policylab.metrics.greening_figures import (
    Ends,
    cement_share_panel,
    country_panel,
    data_end,
    decoupling_indices,
    ends,
    projection,
)
from policylab.pack.dataset import Dataset


def _dataset() -> Dataset:
    """Four countries, 2000-2004: C00 doubles its CO2 (10 -> 20 Mt) with 10% real growth a
    year and a cement share of 10% then 20%; C01 has CO2 from 2002 and one growth figure;
    C02 has only cement; C03 has CO2 of zero in 2000; an aggregate reports to 2010."""
    countries = synthetic_countries(4)
    countries = pd.concat([countries, pd.DataFrame({
        "iso3": ["WLD"], "iso2": ["1W"], "name": ["World"], "region": [""],
        "income_group": [""], "is_aggregate": [True]})], ignore_index=True)
    rows = []
    for k, year in enumerate(range(2000, 2005)):
        rows += [("C00", year, "co2_mt", 10.0 + 2.5 * k), ("C00", year, "gdp_growth", 10.0),
                 ("C00", year, "mva_const_usd", 100.0 * 1.05 ** k),
                 ("C03", year, "co2_mt", 4.0 * k)]
        if year >= 2002:
            rows.append(("C01", year, "co2_mt", 5.0))
        rows.append(("C02", year, "cement_co2_mt", 1.0))
    rows += [("C00", 2000, "cement_co2_mt", 1.0), ("C00", 2004, "cement_co2_mt", 4.0),
             ("C01", 2004, "gdp_growth", 3.0), ("WLD", 2010, "co2_mt", 99.0)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def ds():
    return _dataset()


def test_ends_give_the_first_and_last_value_and_their_change():
    values = pd.Series([0.0, 2.0, 3.0, 3.0], index=[2000, 2001, 2002, 2003])
    assert ends(values) is None  # no percentage from a zero
    assert ends(values, positive=True) == Ends(2001, 2.0, 2003, 3.0, pytest.approx(50.0))
    assert ends(values.iloc[:1]) is None and ends(values.iloc[:2], positive=True) is None


def test_data_end_is_the_last_year_of_a_country_not_an_aggregate(ds):
    assert data_end(ds, "co2_mt") == 2004
    assert data_end(ds, "co2_per_gdp") is None


def test_country_panel_keeps_countries_with_data_in_the_years(ds):
    table = country_panel(ds, "co2_mt", ["C00", "C01", "C02"], (2001, 2003))
    assert list(table.columns) == ["C00", "C01"] and list(table.index) == [2001, 2002, 2003]
    assert table.loc[2003, "C00"] == 17.5 and math.isnan(table.loc[2001, "C01"])


def test_decoupling_indices_start_at_100_in_the_first_year(ds):
    index = decoupling_indices(ds, "C00", (2000, 2004), 2000, 2003)
    assert index["co2"].to_dict() == pytest.approx({2000: 100.0, 2001: 125.0, 2002: 150.0,
                                                    2003: 175.0})
    assert index["gdp"][2003] == pytest.approx(100 * 1.1 ** 3)  # chained from growth
    assert index["mva"][2002] == pytest.approx(100 * 1.05 ** 2)
    # no positive value in the first year: an empty line rather than a wrong base
    assert decoupling_indices(ds, "C03", (2000, 2004), 2000, 2004)["co2"].empty


def test_cement_share_panel_is_cement_over_co2_in_the_same_year(ds):
    table = cement_share_panel(ds, ["C00", "C01", "C02"], (2000, 2004))
    assert list(table.columns) == ["C00"]  # C01 has no cement, C02 no CO2
    assert table["C00"].dropna().to_dict() == pytest.approx({2000: 10.0, 2004: 20.0})


def test_projection_starts_from_the_latest_emissions_and_own_growth(ds):
    scenario = projection(ds, "C00", 2004, 0.03, 2010, window=10, min_years=5)
    assert (scenario.base_year, scenario.base_emissions) == (2004, 20.0)
    assert scenario.growth == pytest.approx(0.10) and scenario.growth_years == (2000, 2004)
    assert scenario.path()[2010] == pytest.approx(20.0 * (1.1 * 0.97) ** 6)
    up_to_2002 = projection(ds, "C00", 2002, 0.03, 2010, window=10, min_years=3)
    assert (up_to_2002.base_year, up_to_2002.growth_years) == (2002, (2000, 2002))


def test_projection_names_what_is_missing_and_rejects_bad_choices(ds):
    assert projection(ds, "C02", 2004, 0.03, 2035, 10, 5) == "co2_mt"
    assert projection(ds, "C01", 2004, 0.03, 2035, 10, 5) == "gdp_growth"
    for improvement, until in ((1.5, 2035), ("fast", 2035), (0.03, 2004)):
        with pytest.raises(PolicylabError):
            projection(ds, "C00", 2004, improvement, until, 10, 5)
