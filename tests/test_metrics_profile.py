"""The industrial profile's metrics (``metrics.profile_*``): pure functions on hand-made
frames, and the Dataset readers on the tiny pack with values recomputed by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policylab.evidence.carried import dated
from policylab.metrics import (
    cip,
    profile_cip,
    profile_deindustrialization,
    profile_growth,
    profile_sdg9,
    profile_standing,
    profile_structure,
    shiftshare,
)


# --------------------------------------------------------------------- SDG 9 panel
def _long(rows: dict[str, dict[int, float]]) -> pd.DataFrame:
    """``carried.dated`` rows, as ``profile_sdg9.rows`` gives them."""
    return dated(pd.DataFrame([{"iso3": c, "year": y, "value": v}
                               for c, values in rows.items() for y, v in values.items()]))


def test_figure_of_latest_change_and_medians():
    long = _long({"AAA": {2010: 5.0, 2015: 6.0, 2016: 7.0, 2017: 7.5, 2018: 7.5},
                  "BBB": {2017: 2.0}, "CCC": {2018: 4.0}, "DDD": {2012: 9.0},
                  "EEE": {2016: 8.0}})
    fig = profile_sdg9.figure_of(long, "x", "AAA", ["BBB", "CCC", "DDD"],
                                 ["AAA", "BBB", "CCC", "EEE"], (2014, 2018), "9.9.9", "X", "%")
    assert (fig.value, fig.year, fig.start_year, fig.start_value) == (7.5, 2018, 2015, 6.0)
    assert fig.change == pytest.approx(1.5)
    # DDD's 2012 value is outside the window: two peers report, so no median
    assert math.isnan(fig.peer_median) and fig.peer_n == 2
    assert fig.group_median == pytest.approx(np.median([7.5, 2.0, 4.0, 8.0]))
    assert (fig.group_n, fig.group_first) == (4, 2016)
    # two equal figures are not a carried-forward run (three are)
    assert fig.repeated_since is None and fig.years_with_data == (2010, 2015, 2016, 2017, 2018)
    empty = profile_sdg9.figure_of(long, "x", "ZZZ", [], [], (2014, 2018))
    assert empty.year is None and math.isnan(empty.change) and empty.peer_n == 0


def test_a_carried_forward_figure_is_read_in_the_year_it_was_measured():
    """AAA's 7.5 is published for 2016-2018 but measured in 2016: its year is 2016 and its
    peers are read up to 2016 (their 2018 figures are 9-10); EEE's 1.5, published up to
    2016 but measured in 2008, is outside the window ending in 2016 and not in the median."""
    long = _long({"AAA": {2010: 5.0, 2015: 6.0, 2016: 7.5, 2017: 7.5, 2018: 7.5},
                  "BBB": {2014: 2.0, 2018: 9.0}, "CCC": {2016: 4.0, 2018: 9.5},
                  "DDD": {2015: 3.0, 2018: 9.9},
                  "EEE": {year: 1.5 for year in range(2008, 2017)}})
    fig = profile_sdg9.figure_of(long, "x", "AAA", ["BBB", "CCC", "DDD", "EEE"], [],
                                 (2014, 2018), "9.9.9", "X", "%")
    assert (fig.value, fig.year, fig.repeated_since) == (7.5, 2016, 2016)
    assert fig.change == pytest.approx(1.5)  # 2015 to 2016, the measured years
    assert (fig.peer_median, fig.peer_n, fig.peer_first) == (3.0, 3, 2014)


def test_employment_share_weights_women_and_men():
    parts = pd.DataFrame({"empl_industry_female": [10.0], "empl_industry_male": [30.0],
                          "female_share_labour_force": [40.0]})
    assert profile_sdg9.employment_share(parts).iloc[0] == pytest.approx(0.4 * 10 + 0.6 * 30)


def test_sdg9_figure_on_the_tiny_pack(tiny_dataset):
    fig = profile_sdg9.figure(tiny_dataset, "mva_share_gdp", "KEN", ["NAM", "BRA", "DEU"],
                              (2000, 2002), "9.2.1")
    assert (fig.value, fig.year, fig.change, fig.peer_n) == (10.0, 2002, -1.0, 3)
    assert fig.peer_median == pytest.approx(14.0)  # NAM 10, BRA 14, DEU 21


# --------------------------------------------------------------------- CIP
def test_cip_position_table_and_lacking_on_the_tiny_pack(tiny_dataset):
    position = profile_cip.position(tiny_dataset, "KEN", 2002)
    ranges = cip.dataset_sensitivity(tiny_dataset, 2002)
    assert (position.year, position.rank, position.n_ranked) == (2002, 1, 2)
    assert (position.rank_low, position.rank_high) == tuple(ranges.loc["KEN", ["rank_low",
                                                                                "rank_high"]])
    assert profile_cip.latest_year(tiny_dataset, "KEN", 2001) in (None, 2000, 2001)
    table = profile_cip.table(tiny_dataset, ["KEN", "BRA"], 2002)
    assert table.loc["KEN", "rank"] == 1.0 and math.isnan(table.loc["BRA", "rank"])
    components = cip.dataset_components(tiny_dataset).set_index(["iso3", "year"])
    assert table.loc["KEN", "mva_per_capita"] == pytest.approx(
        components.loc[("KEN", 2002), "mva_per_capita"])
    assert profile_cip.neighbours(tiny_dataset, 2002, ["KEN", "BRA"], 1, 0) == ["KEN"]
    assert profile_cip.position(tiny_dataset, "BRA", 2002) is None
    assert set(profile_cip.lacking(tiny_dataset, "BRA", 2002)) <= set(cip.COMPONENTS)
    assert profile_cip.lacking(tiny_dataset, "BRA", 2002)


# --------------------------------------------------------------------- structure
def test_sector_shares_split_manufacturing_and_drop_inconsistent_years():
    wide = pd.DataFrame({"agriculture_share_gdp": [20.0, 20.0, 20.0],
                         "industry_share_gdp": [30.0, 10.0, None],
                         "mva_share_gdp": [12.0, 15.0, 10.0],
                         "services_share_gdp": [50.0, 70.0, 70.0]}, index=[2000, 2001, 2002])
    shares = profile_structure.sector_shares(wide)
    assert list(shares.index) == [2000]  # 2001: MVA above industry; 2002: industry missing
    assert shares.loc[2000].to_dict() == {"agriculture": 20.0, "industry_other": 18.0,
                                          "manufacturing": 12.0, "services": 50.0}


def test_shift_share_by_sector_percent_adds_up():
    value_added = pd.DataFrame({"agriculture": [10.0, 12.0], "industry": [20.0, 30.0],
                                "services": [30.0, 40.0]}, index=[2000, 2010])
    employment = pd.DataFrame({"agriculture": [5.0, 4.0], "industry": [2.0, 3.0],
                               "services": [3.0, 4.0]}, index=[2000, 2010])
    result = shiftshare.shift_share(value_added, employment)
    table = profile_structure.by_sector_percent(result)
    assert table.loc["all sectors", "total"] == pytest.approx(result.total)
    assert table.loc["all sectors", "within"] == pytest.approx(result.within)
    assert table.loc["industry", "total"] == pytest.approx(
        table.loc["industry", ["within", "static", "dynamic"]].sum())


def test_structure_and_shift_share_on_the_tiny_pack(tiny_dataset):
    panel = profile_structure.structure_panel(tiny_dataset, "KEN", (2000, 2002))
    assert panel.loc[2000, "industry_other"] == pytest.approx(17.0 - 11.0)
    assert panel.sum(axis=1).to_numpy() == pytest.approx([100.0] * len(panel))
    result = profile_structure.shift_share_for(tiny_dataset, "KEN", (2000, 2002))
    assert result.total == pytest.approx(result.within + result.static + result.dynamic)
    assert profile_structure.shift_share_for(tiny_dataset, "KEN", (2000, 2002)) is result
    assert profile_structure.shift_share_for(tiny_dataset, "DEU", (2000, 2002)) is None


# --------------------------------------------------------------------- de-industrialization
def test_verdict_rule():
    rule = profile_deindustrialization
    assert rule.verdict(-3.0, 1000.0, 4000.0) == rule.PREMATURE
    assert rule.verdict(-3.0, 9000.0, 4000.0) == rule.ABOVE_PEAK
    assert rule.verdict(-rule.DROP_PP, 1000.0, 4000.0) == rule.NO_FALL
    assert rule.verdict(-3.0, 1000.0, 4000.0, clear=False) == rule.INCONCLUSIVE
    assert rule.verdict(-3.0, 1000.0, math.nan) == rule.INCONCLUSIVE


def test_broken_path_leaves_a_gap_before_each_break():
    path = pd.DataFrame({"year": [2000, 2001, 2002], "income": [1.0, 2.0, 3.0],
                         "mva_share": [10.0, 11.0, 12.0]})
    drawn = profile_deindustrialization.broken_path(path, [2000, 2002])
    assert drawn["year"].tolist() == [2000, 2001, 2002, 2002]
    assert math.isnan(drawn["income"].iloc[2]) and drawn["income"].iloc[3] == 3.0


def test_reading_on_the_tiny_pack(tiny_dataset):
    found = profile_deindustrialization.reading(tiny_dataset, "KEN", (2000, 2002))
    assert found.year == 2002 and found.change == pytest.approx(-1.0)
    assert found.expected == pytest.approx(found.pattern.predict(found.own["income"]))
    assert found.verdict == profile_deindustrialization.verdict(
        -1.0, float(found.sound["income"].iloc[-1]), found.pattern.peak_income,
        found.pattern.clear) == profile_deindustrialization.NO_FALL
    assert profile_deindustrialization.reading(tiny_dataset, "KEN", (2000, 1990)) is None


# --------------------------------------------------------------------- growth, standing
def test_sound_cagr_on_the_tiny_pack(tiny_dataset):
    growth, shown_from, first = profile_growth.sound_cagr(tiny_dataset, "mva_per_capita",
                                                          "KEN", (2000, 2002))
    values = tiny_dataset.series("mva_per_capita", "KEN").set_index("year")["value"]
    assert (shown_from, first) == (2000, 2000)
    assert growth.rate == pytest.approx((values[2002] / values[2000]) ** 0.5 - 1)
    assert profile_growth.sound_start(tiny_dataset, "mva_per_capita", "KEN", [2002]) is None


def test_standing_on_the_tiny_pack(tiny_dataset):
    table = profile_standing.standing(tiny_dataset, ["mva_share_gdp"], "KEN",
                                      ["NAM", "BRA", "DEU"], 2002)
    row = table.loc["mva_share_gdp"]
    assert (row["value"], row["year"], row["peer_n"]) == (10.0, 2002.0, 3)
    assert row["peer_median"] == pytest.approx(14.0)
    assert math.isnan(row["region"])  # only NAM and KEN report in Sub-Saharan Africa
    upper = profile_standing.standing(tiny_dataset, ["mva_share_gdp"], "NAM", ["KEN"], 2002)
    assert upper.loc["mva_share_gdp", "income_group"] == pytest.approx(14.0)  # NAM, BRA, ROU
    two = profile_standing.standing(tiny_dataset, ["mva_share_gdp"], "KEN", ["NAM", "BRA"],
                                    2002)
    assert math.isnan(two.loc["mva_share_gdp", "peer_median"])


def test_standing_group_medians_are_the_stated_rule_not_one_years_reporters():
    """In the country's latest year only two members of its income group have published;
    the table's group median is still stated, over each member's latest value in the
    recency window, as the peer median beside it and the SDG 9 panel state theirs (the
    table showed a dash where the SDG panel of the same page gave a median)."""
    from policylab.evidence import group_median
    from policylab.pack.dataset import Dataset

    codes = [f"C{k:02d}" for k in range(8)]
    countries = pd.DataFrame({"iso3": codes, "iso2": codes, "name": codes, "region": ["R"] * 8,
                              "income_group": ["Low income"] * 8, "is_aggregate": [False] * 8})
    obs = pd.DataFrame([(c, year, "mva_share_gdp", float(k + 1))
                        for k, c in enumerate(codes)
                        for year in ((2022, 2024) if k < 2 else (2022,))],
                       columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())
    row = profile_standing.standing(ds, ["mva_share_gdp"], "C00", codes[1:4], 2024).iloc[0]
    assert row["year"] == 2024
    stated = group_median(ds, "mva_share_gdp", "income_group", "Low income", 2024)
    assert stated.count == 8 and row["income_group"] == pytest.approx(stated.value) == 4.5
    assert row["region"] == pytest.approx(4.5)
