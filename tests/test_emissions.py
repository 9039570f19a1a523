"""metrics.emissions on a small synthetic Dataset: series, decoupling from chained growth,
CO2 by source, cement shares and their group medians (>= 3 countries), recent growth;
each table computed once per Dataset."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policylab.metrics import emissions
from policylab.metrics.decoupling import ABSOLUTE, RELATIVE
from policylab.pack.dataset import Dataset

GROUP = "Lower middle income"
CODES = ["AAA", "BBB", "CCC", "DDD"]


def _dataset() -> Dataset:
    countries = pd.DataFrame({
        "iso3": CODES, "iso2": CODES, "name": [f"Country {c}" for c in CODES],
        "region": ["R"] * 4, "income_group": [GROUP] * 3 + ["High income"],
        "is_aggregate": [False] * 4})
    rows = []
    for year, co2, growth in ((2000, 10.0, 1.0), (2001, 11.0, 10.0), (2002, 12.0, 10.0)):
        rows += [("AAA", year, "co2_mt", co2), ("AAA", year, "gdp_growth", growth),
                 ("BBB", year, "co2_mt", 20.0 - year + 2000),
                 ("BBB", year, "gdp_growth", 2.0)]
    for k, code in enumerate(CODES):
        rows += [(code, 2001, "co2_mt", 10.0) if code in ("CCC", "DDD") else (),
                 (code, 2001, "cement_co2_mt", float(k + 1))]
    rows += [("AAA", 2002, "co2_industry_processes_mt", 1.0),
             ("AAA", 2002, "co2_industry_combustion_mt", 2.0),
             ("AAA", 2002, "co2_power_mt", 3.0), ("AAA", 2002, "co2_industry_share", 25.0)]
    rows += [("AAA", y, "gdp_growth", 3.0) for y in range(1990, 2000)]
    obs = pd.DataFrame([r for r in rows if r], columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def ds():
    return _dataset()


def test_country_series_inside_years_and_cached(ds):
    values = emissions.country_series(ds, "co2_mt", "AAA", (2001, 2002))
    assert list(values.index) == [2001, 2002] and values[2002] == 12.0
    assert emissions.country_tables(ds) is emissions.country_tables(ds)
    assert emissions.country_series(ds, "co2_mt", "ZZZ").empty


def test_decoupling_from_chained_growth(ds):
    result = emissions.decoupling(ds, "AAA", (2000, 2002))
    assert (result.first_year, result.last_year) == (2000, 2002)
    assert result.output_change == pytest.approx(21.0)  # 1.1 x 1.1; 2000's growth unused
    assert result.emissions_change == pytest.approx(20.0) and result.status == RELATIVE
    assert emissions.decoupling(ds, "BBB", (2000, 2002)).status == ABSOLUTE
    assert emissions.decoupling(ds, "CCC") is None


def test_sector_split_and_shares(ds):
    split = emissions.sector_split(ds, "AAA")
    assert list(split.index) == [2002] and split.loc[2002, emissions.REST] == 6.0
    industry, power = emissions.sector_shares(ds, "AAA", 2002)
    assert industry == 25.0 and power == pytest.approx(25.0)
    assert math.isnan(emissions.sector_shares(ds, "BBB", 2002)[0])


def test_cement_shares_and_group_median_needs_three(ds):
    shares = emissions.cement_shares(ds).set_index("iso3")["value"]
    assert shares["CCC"] == pytest.approx(30.0) and shares["AAA"] == pytest.approx(100 / 11)
    medians = emissions.cement_share_medians(ds, GROUP)
    assert list(medians.index) == [2001]
    assert medians[2001] == pytest.approx(sorted([100 / 11, 2 / 19 * 100, 30.0])[1])
    assert emissions.cement_share_medians(ds, "High income").empty  # one country only


def test_recent_growth_is_the_geometric_mean_of_the_window(ds):
    rate, first, last = emissions.recent_growth(ds, "AAA", window=3, min_years=3)
    assert (first, last) == (2000, 2002)
    assert rate == pytest.approx((1.01 * 1.1 * 1.1) ** (1 / 3) - 1)
    assert emissions.recent_growth(ds, "BBB", min_years=5) is None
