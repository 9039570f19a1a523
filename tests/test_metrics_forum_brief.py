"""The forum brief's cross-country tables (``policylab.metrics.forum_brief``) on synthetic
results and the tiny pack."""

from __future__ import annotations

import math

import pandas as pd

from policylab.forum.collaboration import complementarity
from policylab.metrics.forum_brief import (
    complementarity_matrix,
    flag_grid,
    groupings,
    left_out_groups,
    priority_evidence,
    scorecard_grid,
    scorecard_order,
    source_indicators,
)


def _result(country: str, flags: list[str], headline: dict | None = None) -> dict:
    return {"country": country, "notebook": "00_industrial_profile", "flags": flags,
            "headline": headline or {}, "peers": [], "messages": []}


def test_flag_grid_puts_the_given_flags_first_and_keeps_countries_without_one():
    results = [_result("KEN", ["low_mva_share", "high_co2_intensity"]),
               _result("UGA", ["low_internet_use"]), _result("KEN", ["low_internet_use"]),
               _result("TZA", [])]
    grid = flag_grid(results, ["low_internet_use"])
    assert list(grid.columns) == ["KEN", "UGA", "TZA"]
    assert list(grid.index) == ["low_internet_use", "high_co2_intensity", "low_mva_share"]
    assert grid.loc["low_internet_use"].tolist() == [True, True, False]
    assert grid.loc["low_mva_share"].tolist() == [True, False, False]
    assert grid.sum(axis=1).tolist() == [2, 1, 1]
    assert not grid["TZA"].any()


def test_flag_grid_is_empty_without_flags():
    assert flag_grid([_result("KEN", [])]).empty


def _card() -> pd.DataFrame:
    return pd.DataFrame({
        "country": ["UGA", "UGA", "KEN", "KEN", "KEN"],
        "indicator": ["co2_per_gdp", "mva_share_gdp", "co2_per_gdp", "mva_share_gdp", "zzz"],
        "topic": ["greening", "performance", "greening", "performance", "other"],
        "better_gap": [0.5, -1.0, 1.5, 2.5, math.nan]})


def test_scorecard_order_reads_by_topic_then_rule_then_id():
    assert scorecard_order(_card()) == ["mva_share_gdp", "co2_per_gdp", "zzz"]


def test_scorecard_grid_is_indicators_by_countries_in_the_tables_order():
    grid = scorecard_grid(_card(), "better_gap")
    assert list(grid.index) == ["mva_share_gdp", "co2_per_gdp", "zzz"]
    assert list(grid.columns) == ["UGA", "KEN"]
    assert grid.loc["mva_share_gdp"].tolist() == [-1.0, 2.5]
    assert grid.loc["co2_per_gdp", "KEN"] == 1.5
    assert math.isnan(grid.loc["zzz", "UGA"]) and math.isnan(grid.loc["zzz", "KEN"])


def test_complementarity_matrix_is_symmetric_with_an_empty_diagonal():
    baskets = pd.DataFrame({"a": [1.0, 0.0, 0.5], "b": [0.0, 1.0, 0.5]},
                           index=["KEN", "UGA", "TZA"])
    pairs, matrix = complementarity_matrix(baskets)
    pd.testing.assert_frame_equal(pairs, complementarity(baskets))
    assert matrix.shape == (3, 3)
    assert all(math.isnan(matrix[i, i]) for i in range(3))
    assert matrix[0, 1] == matrix[1, 0] == 1.0  # nothing in common
    assert round(matrix[0, 2], 4) == round(matrix[2, 0], 4) == round(1 - 0.5 ** 0.5, 4)


def test_groupings_lists_members_and_what_two_of_them_share(tiny_dataset):
    results = [_result("KEN", ["low_mva_share"]), _result("NAM", ["low_mva_share"]),
               _result("DEU", ["low_internet_use"])]
    rows = {(r["kind"], r["group"]): r for r in groupings(tiny_dataset, results)}
    africa = rows[("region", "Sub-Saharan Africa")]
    assert africa["members"] == ["KEN", "NAM"]
    assert africa["shared"]["flag"].tolist() == ["low_mva_share"]
    assert africa["shared"]["n_countries"].tolist() == [2]
    europe = rows[("region", "Europe & Central Asia")]
    assert europe["members"] == ["DEU"] and europe["shared"].empty
    assert [k for k, _ in rows] == ["region"] * 2 + ["income_group"] * 3


def test_source_indicators_keeps_catalogued_headlines_once(tiny_dataset):
    results = [_result("KEN", [], {"mva_share_gdp": {}, "not_an_indicator": {}}),
               _result("NAM", [], {"mva_share_gdp": {}})]
    shown = source_indicators(tiny_dataset, results)
    assert shown == ["mva_share_gdp", "diversity"]  # the tiny pack has a 2001 product panel


def test_left_out_groups_per_indicator_with_a_shared_year_and_the_flags():
    left_out = pd.DataFrame({
        "country": ["KEN", "UGA", "TZA", "KEN", "RWA", "RWA"],
        "notebook": [""] * 6,
        "indicator": ["eci", "eci", "eci", "rd_share_gdp", "rd_share_gdp", None],
        "value": [0.1, 0.2, 0.3, 0.4, 0.5, None],
        "year": [2016, 2016, 2016.0, 2015, None, None],
        "flags": [(), ("b",), ("a", "b"), (), (), ("low_broadband",)]})
    eci, rd, undated = left_out_groups(left_out)
    assert eci == {"indicator": "eci", "countries": [("KEN", 2016), ("UGA", 2016), ("TZA", 2016)],
                   "year": 2016, "flags": ["a", "b"]}
    assert rd["countries"] == [("KEN", 2015), ("RWA", None)] and rd["year"] == 2015
    assert undated == {"indicator": None, "countries": [("RWA", None)], "year": None,
                       "flags": ["low_broadband"]}


def test_priority_evidence_keeps_the_figures_on_the_first_indicator_with_one():
    def item(country, indicator, value):
        return {"country": country, "indicator": indicator, "value": value, "year": 2022,
                "peer_median": 1.0}

    priority = {"evidence": [item("KEN", None, math.nan), item("UGA", "eci", math.nan),
                             item("TZA", "mht_share_mva", 3.0), item("RWA", "eci", 0.2),
                             item("GHA", "mht_share_mva", 5.0)]}
    assert [e["country"] for e in priority_evidence(priority)] == ["TZA", "GHA"]
    assert priority_evidence({"evidence": [item("KEN", None, math.nan)]}) == []
