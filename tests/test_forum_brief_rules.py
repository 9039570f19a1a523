"""The forum rules the brief's sections read (``policylab.forum``): per-country coverage of
the results and each country's strongest figures against the world, on hand-made results
and a synthetic Dataset."""

import json
import math

import pandas as pd
import pytest

from policylab.evidence.percentiles import MIN_QUARTILE_COUNT, QUARTILE_WINDOW, standing
from policylab.forum.gather import coverage
from policylab.forum.workshop import scorecard_table, strengths
from policylab.lessons.synthesis.shared import flag_rule_text
from policylab.pack.dataset import Dataset
from policylab.paths import project_root
from policylab.results import FLAG_RULES


def _result(country: str, notebook: str, headline: dict, flags: list[str],
            peers: list[str]) -> dict:
    return {"country": country, "notebook": notebook, "data_vintage": "test",
            "peers": peers, "headline": headline, "flags": flags, "messages": []}


def _figure(value: float, year: int | None) -> dict:
    return {"value": value, "year": year, "peer_median": 1.0, "gap": value - 1.0}


def test_coverage_counts_documents_figures_flags_peers_and_the_latest_year():
    results = [
        _result("KEN", "00", {"a": _figure(1.0, 2020), "b": _figure(math.nan, None)},
                ["low_a"], ["UGA", "TZA"]),
        _result("KEN", "01", {"c": _figure(2.0, 2022)}, ["low_a", "low_c"], ["TZA", "RWA"]),
        _result("UGA", "00", {"a": _figure(3.0, None)}, [], []),
    ]
    table = coverage(results, ["KEN", "UGA", "ETH", "KEN"]).set_index("country")
    assert list(table.index) == ["KEN", "UGA", "ETH"]  # once each, in the order given
    kenya = table.loc["KEN"]
    assert (kenya["notebooks"], kenya["figures"], kenya["flags"]) == (2, 2, 2)
    assert kenya["peers"] == ["UGA", "TZA", "RWA"] and kenya["latest_year"] == 2022
    assert table.at["UGA", "figures"] == 1 and pd.isna(table.at["UGA", "latest_year"])
    assert table.at["ETH", "notebooks"] == 0 and table.at["ETH", "peers"] == []


def _world(n: int = 10) -> Dataset:
    """``n`` countries; internet use (higher is better) k + 1 and CO2 per GDP (lower is
    better) k + 1 for country k, in 2024."""
    codes = [f"C{k:02d}" for k in range(n)]
    countries = pd.DataFrame({"iso3": codes, "iso2": codes, "name": codes, "region": ["R"] * n,
                              "income_group": ["Low income"] * n, "is_aggregate": [False] * n})
    obs = pd.DataFrame([(c, 2024, ind, float(k + 1)) for k, c in enumerate(codes)
                        for ind in ("internet_users_share", "co2_per_gdp")],
                       columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_strengths_turn_percentiles_so_that_higher_is_better_and_keep_the_best():
    ds = _world()
    results = [_result("C08", "00", {"internet_users_share": _figure(9.0, 2024),
                                     "co2_per_gdp": _figure(9.0, 2024)}, [], [])]
    table = scorecard_table(ds, results)
    found = strengths(ds, table).set_index("indicator")
    internet = standing(ds, "internet_users_share", "C08", "world", 2024).percentile
    co2 = standing(ds, "co2_per_gdp", "C08", "world", 2024).percentile
    assert found.at["internet_users_share", "better_than"] == pytest.approx(internet)
    assert found.at["co2_per_gdp", "better_than"] == pytest.approx(100.0 - co2)
    assert found.at["internet_users_share", "count"] == 10
    assert list(found.index) == ["internet_users_share", "co2_per_gdp"]  # best first
    assert list(strengths(ds, table, per_country=1)["indicator"]) == ["internet_users_share"]


def test_the_shared_priority_method_box_states_the_rule_the_table_holds():
    """Section 2's method box once said challenges are raised "worse than the country's peer
    median by more than a stated margin" while every rule is a world-quarter rule: the box
    now says the rule in words and prints its parameters from code."""
    notebook = json.loads((project_root() / "notebooks" / "forum_synthesis.ipynb").read_text())
    source = {cell["id"]: "".join(cell["source"]) for cell in notebook["cells"]}
    rule_sentence = source["cell-08"].split("**A challenge is a shared priority")[0]
    assert "world's worst quarter" in rule_sentence
    assert "peer median" not in rule_sentence and "margin" not in rule_sentence
    assert "note(flag_rule_text())" in source["cell-09"]
    assert {rule.worse for rule in FLAG_RULES} <= {"low", "high"}
    text = flag_rule_text()
    assert "world's worst quarter" in text
    assert f"latest value in the {QUARTILE_WINDOW} years" in text
    assert f"at least {MIN_QUARTILE_COUNT} countries with data" in text
