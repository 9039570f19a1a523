"""Forum rules: scorecard, shared priorities, collaboration, peer learning and the agenda."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from policylab.cases import case_markdown, country_name, load_cases
from policylab.catalogue import load_catalogue
from policylab.errors import DataError
from policylab.forum import (
    agenda_markdown,
    collaboration_areas,
    complementarity,
    forum_agenda,
    peer_learning_pairs,
    scorecard,
    shared_priorities,
    workshop_megatrends,
)
from policylab.raw.economies import official_names, with_official_names


def result(country, flags, headline, notebook="00_industrial_profile"):
    return {"country": country, "notebook": notebook, "data_vintage": "test", "peers": [],
            "headline": headline, "flags": flags, "messages": []}


def figure(value, year, median):
    return {"value": value, "year": year, "peer_median": median, "gap": value - median}


@pytest.fixture
def workshop_results():
    """KEN, ETH and RWA share a low manufacturing share; only KEN and UGA lack broadband."""
    return [
        result("KEN", ["low_mva_share", "low_broadband"],
               {"mva_share_gdp": figure(7.6, 2023, 11.0)}),
        result("KEN", ["low_broadband"],
               {"fixed_broadband_per100": figure(1.5, 2022, 4.0)}, "02_digitalization"),
        result("ETH", ["low_mva_share"], {"mva_share_gdp": figure(5.0, 2023, 10.0)}),
        result("RWA", ["low_mva_share"], {"mva_share_gdp": figure(8.0, 2022, 9.5)}),
        result("UGA", ["low_broadband"], {"mva_share_gdp": figure(15.0, 2023, 12.0)}),
    ]


# ------------------------------------------------------------------ scorecard
def test_scorecard_one_row_per_country_and_indicator(workshop_results):
    extra = result("KEN", [], {"mva_share_gdp": figure(7.0, 2021, 10.0)}, "01_greening")
    table = scorecard([*workshop_results, extra])
    assert len(table) == 5
    kenya = table[(table["country"] == "KEN") & (table["indicator"] == "mva_share_gdp")]
    assert kenya[["value", "year", "peer_median"]].iloc[0].tolist() == [7.6, 2023, 11.0]
    assert math.isclose(kenya["gap"].item(), 7.6 - 11.0)


def test_scorecard_rejects_results_without_headline():
    with pytest.raises(DataError, match=r"results #1 \(KEN, 00\): missing headline"):
        scorecard([{"country": "KEN", "notebook": "00", "flags": []}])
    with pytest.raises(DataError, match="no results"):
        scorecard([])


# ------------------------------------------------------------------ priorities
def test_three_countries_with_a_shared_gap_are_grouped(workshop_results):
    table = shared_priorities(workshop_results, min_countries=3)
    assert table["flag"].tolist() == ["low_mva_share"]
    row = table.iloc[0]
    assert row["countries"] == ("ETH", "KEN", "RWA")
    assert row["n_countries"] == 3 and row["share"] == 3 / 4
    evidence = {item["country"]: item for item in row["evidence"]}
    assert (evidence["RWA"]["value"], evidence["RWA"]["year"],
            evidence["RWA"]["peer_median"]) == (8.0, 2022, 9.5)


def test_priority_counts_a_country_once_and_orders_by_countries(workshop_results):
    table = shared_priorities(workshop_results)
    assert table["flag"].tolist() == ["low_mva_share", "low_broadband"]
    broadband = table.iloc[1]
    assert broadband["countries"] == ("KEN", "UGA")
    evidence = {item["country"]: item for item in broadband["evidence"]}
    assert evidence["KEN"]["indicator"] == "fixed_broadband_per100"
    assert evidence["UGA"]["indicator"] is None  # flag listed, no broadband figure reported


def test_priority_share_rule(workshop_results):
    assert shared_priorities(workshop_results, min_countries=4).empty
    table = shared_priorities(workshop_results, min_countries=4, min_share=0.5)
    assert set(table["flag"]) == {"low_mva_share", "low_broadband"}


# ------------------------------------------------------------------ peer learning
def panel(paths: dict[str, dict[int, float]], indicator="internet_users_share"):
    return pd.DataFrame([(iso3, year, indicator, value) for iso3, path in paths.items()
                         for year, value in path.items()],
                        columns=["iso3", "year", "indicator", "value"])


def linear(start_year, end_year, start, end):
    span = end_year - start_year
    return {y: start + (end - start) * (y - start_year) / span
            for y in range(start_year, end_year + 1)}


def test_peer_learning_pair_found_when_a_peer_improved_from_a_similar_start():
    obs = panel({
        "KEN": linear(2013, 2023, 14.0, 20.0),   # learner: 20 in 2023
        "VNM": linear(2013, 2023, 21.0, 75.0),   # was ~20 in 2013, now far ahead
        "ETH": linear(2013, 2023, 3.0, 17.0),    # started much lower: not a match for KEN
    })
    pairs = peer_learning_pairs(obs, ["KEN", "ETH"], ["internet_users_share"],
                                teachers=["KEN", "ETH", "VNM"])
    kenya = pairs[pairs["learner"] == "KEN"]
    assert kenya["teacher"].tolist() == ["VNM"]
    row = kenya.iloc[0]
    assert (row["teacher_start_year"], row["teacher_start_value"]) == (2013, 21.0)
    assert (row["teacher_end_year"], row["teacher_end_value"]) == (2023, 75.0)
    assert (row["learner_year"], row["learner_value"]) == (2023, 20.0)
    assert row["change"] == 54.0


def test_no_peer_learning_pair_when_nobody_improved():
    obs = panel({
        "KEN": linear(2013, 2023, 20.0, 20.5),
        "VNM": linear(2013, 2023, 21.0, 21.5),
        "ETH": linear(2013, 2023, 18.0, 19.0),
        "UGA": linear(2013, 2023, 60.0, 61.0),
    })
    pairs = peer_learning_pairs(obs, ["KEN", "VNM", "ETH", "UGA"], ["internet_users_share"])
    assert pairs.empty


def test_peer_learning_respects_lower_is_better():
    obs = panel({
        "KEN": linear(2013, 2023, 0.40, 0.30),
        "VNM": linear(2013, 2023, 0.31, 0.05),   # fell strongly: an improvement
        "ETH": linear(2013, 2023, 0.90, 0.95),
    }, indicator="co2_per_gdp")
    better_low = peer_learning_pairs(obs, ["KEN", "VNM", "ETH"], ["co2_per_gdp"],
                                     higher_is_better={"co2_per_gdp": False})
    assert better_low[["learner", "teacher"]].values.tolist() == [["KEN", "VNM"]]
    assert peer_learning_pairs(obs, ["KEN", "VNM", "ETH"], ["co2_per_gdp"]).empty


def test_no_peer_learning_pair_on_an_indicator_with_no_better_direction():
    """Industry's share of CO2 has no better direction (catalogue ``higher_is_better:
    null``): a rise is no progress, so it must not default to "higher is better"."""
    catalogue = load_catalogue()
    assert catalogue["co2_industry_share"].higher_is_better is None
    obs = panel({"GHA": linear(2014, 2024, 15.0, 20.7),
                 "RWA": linear(2014, 2024, 20.0, 34.6)},   # rose from where GHA is now
                indicator="co2_industry_share")
    as_if_higher = peer_learning_pairs(obs, ["GHA"], ["co2_industry_share"],
                                       teachers=["RWA"],
                                       higher_is_better={"co2_industry_share": True})
    assert as_if_higher["teacher"].tolist() == ["RWA"]  # the data would make a pair
    pack_like = SimpleNamespace(obs=obs, catalogue=catalogue)
    assert peer_learning_pairs(pack_like, ["GHA"], ["co2_industry_share"],
                               teachers=["RWA"]).empty
    assert peer_learning_pairs(obs, ["GHA"], ["co2_industry_share"], teachers=["RWA"],
                               higher_is_better={"co2_industry_share": None}).empty


# ------------------------------------------------------------------ collaboration
def opportunities():
    return {
        "KEN": pd.DataFrame({"product": ["0011", "7764", "8411", "6612"],
                             "name": ["Cattle", "Microcircuits", "Coats", "Cement"],
                             "pci": [-1.0, 2.0, 0.1, 0.3],
                             "distance": [0.70, 0.80, 0.50, 0.95]}),
        "ETH": pd.DataFrame({"product": ["8411", "7764", "6612"],
                             "name": ["Coats", "Microcircuits", "Cement"],
                             "pci": [0.1, 2.0, 0.3],
                             "distance": [0.60, 0.90, 0.65]}),
    }


def test_collaboration_finds_products_in_both_top_lists():
    table = collaboration_areas(opportunities(), top_n=3)
    assert table["product"].tolist() == ["7764", "8411"]  # cement is outside KEN's top 3
    coats = table[table["product"] == "8411"].iloc[0]
    assert coats["countries"] == ("ETH", "KEN") and coats["ranks"] == {"ETH": 1, "KEN": 1}
    assert collaboration_areas(opportunities(), top_n=1)["product"].tolist() == ["8411"]


def test_collaboration_needs_a_ranking_column():
    bad = {"KEN": pd.DataFrame({"product": ["0011"], "name": ["Cattle"], "pci": [0.0]})}
    with pytest.raises(DataError, match="KEN need a 'distance' or 'density'"):
        collaboration_areas(bad)


def test_complementarity_is_one_minus_cosine():
    shares = pd.DataFrame({"coffee": [1.0, 0.0, 0.5], "cars": [0.0, 1.0, 0.5]},
                          index=["ETH", "DEU", "MAR"])
    table = complementarity(shares).set_index(["country_a", "country_b"])
    assert table.loc[("ETH", "DEU"), "complementarity"] == 1.0
    assert math.isclose(table.loc[("ETH", "MAR"), "complementarity"], 1 - 0.5 ** 0.5)
    with pytest.raises(DataError, match="no exports recorded for DEU"):
        complementarity(shares.assign(cars=[0.0, 0.0, 0.5], coffee=[1.0, 0.0, 0.5]))


# ------------------------------------------------------------------ agenda
def test_agenda_references_the_priorities_pairs_and_collaboration(workshop_results):
    cases = load_cases()
    # A fifth country without flags: broadband (2 of 5) gets the short slot.
    priorities = shared_priorities([*workshop_results, result("TZA", [], {})])
    obs = panel({"KEN": linear(2013, 2023, 14.0, 20.0),
                 "VNM": linear(2013, 2023, 21.0, 75.0)})
    pairs = peer_learning_pairs(obs, ["KEN"], ["internet_users_share"],
                                teachers=["KEN", "VNM"])
    collaboration = collaboration_areas(opportunities(), top_n=3)
    items = forum_agenda(priorities, pairs, collaboration, cases)

    assert [item.kind for item in items] == ["priority", "priority", "peer_learning",
                                             "collaboration"]
    first = items[0]
    assert first.title == "Shared priority: Low manufacturing share of GDP"
    assert first.countries == ("ETH", "KEN", "RWA") and first.duration_minutes == 45
    assert "Kenya 7.60% of GDP (2023), peers 11.0% of GDP" in first.evidence
    assert items[1].duration_minutes == 30
    known = {case.id for case in cases}
    assert first.related_cases and set(first.related_cases) <= known
    assert f"{country_name('VNM')} went from 21.0% of the population (2013)" in items[2].evidence
    assert "Microcircuits" in items[3].evidence
    text = agenda_markdown(items, cases)
    assert text.count("### ") == 4 and "nan" not in text


def test_agenda_and_case_headers_use_the_official_short_names():
    """The agenda names Viet Nam and Tanzania as the lesson pages do (the pack's names:
    the World Bank's, replaced by ``data/official_names.csv``), not country_converter's
    "Vietnam" and "Tanzania"."""
    as_pages = with_official_names(
        pd.DataFrame({"iso3": ["VNM", "TZA"], "name": ["Vietnam", "Tanzania"]}),
        official_names()).set_index("iso3")["name"]
    assert as_pages.to_dict() == {"VNM": "Viet Nam", "TZA": "United Republic of Tanzania"}
    cases = load_cases()
    results = [result("VNM", ["low_mva_share"], {"mva_share_gdp": figure(24.0, 2023, 20.0)}),
               result("TZA", ["low_mva_share"], {"mva_share_gdp": figure(7.9, 2023, 9.0)})]
    obs = panel({"TZA": linear(2013, 2023, 14.0, 20.0),
                 "VNM": linear(2013, 2023, 21.0, 75.0)})
    pairs = peer_learning_pairs(obs, ["TZA"], ["internet_users_share"],
                                teachers=["TZA", "VNM"])
    items = forum_agenda(shared_priorities(results, min_countries=2), pairs,
                         collaboration_areas({}, top_n=3), cases)
    text = agenda_markdown(items, cases)
    assert "*Countries:* United Republic of Tanzania, Viet Nam" in text
    assert "United Republic of Tanzania could learn from Viet Nam" in text
    assert "Vietnam" not in text
    assert not re.search(r"(?<!Republic of )Tanzania", text)
    vietnamese = next(case for case in cases if case.country == "VNM")
    assert f"({as_pages['VNM']}, {vietnamese.period})" in case_markdown(vietnamese)


def test_agenda_is_empty_without_findings():
    empty_pairs = peer_learning_pairs(panel({"KEN": {2020: 1.0}}), ["KEN"],
                                      ["internet_users_share"])
    items = forum_agenda(shared_priorities([result("KEN", [], {})]), empty_pairs,
                         collaboration_areas({}, top_n=3), load_cases())
    assert items == []


@pytest.mark.realdata
def test_peer_learning_on_real_data_obeys_the_rule(real_dataset):
    everyone = list(real_dataset.countries().index)
    pairs = peer_learning_pairs(real_dataset, ["KEN", "ETH", "RWA"],
                                ["internet_users_share", "co2_per_gdp"], teachers=everyone)
    assert not pairs.empty and set(pairs["learner"]) <= {"KEN", "ETH", "RWA"}
    assert (pairs.groupby(["learner", "indicator"]).size() <= 3).all()
    similar = (pairs["teacher_start_value"] - pairs["learner_value"]).abs()
    assert (similar <= 0.25 * pairs["spread"] + 1e-9).all()
    assert (pairs["change_in_spreads"] >= 0.5).all()
    co2 = pairs[pairs["indicator"] == "co2_per_gdp"]  # lower is better (catalogue)
    assert (co2["change"] < 0).all()


def test_a_one_year_spike_does_not_make_a_teacher():
    spike = linear(2013, 2022, 21.0, 22.0)
    spike[2023] = 75.0  # a break in the series, not progress
    obs = panel({"KEN": linear(2013, 2023, 14.0, 20.0), "VNM": spike})
    assert peer_learning_pairs(obs, ["KEN"], ["internet_users_share"],
                               teachers=["VNM"]).empty
    single = peer_learning_pairs(obs, ["KEN"], ["internet_users_share"], teachers=["VNM"],
                                 sustained=1)
    assert single["teacher"].tolist() == ["VNM"]


def test_agenda_evidence_names_the_world_quartile_edge(workshop_results):
    shared = shared_priorities(workshop_results)
    for item in shared.iloc[0]["evidence"]:
        item["world_edge"] = 12.5
    empty_pairs = peer_learning_pairs(panel({"KEN": {2020: 1.0}}), ["KEN"],
                                      ["internet_users_share"])
    text = forum_agenda(shared, empty_pairs, collaboration_areas({}, top_n=3),
                        load_cases())[0].evidence
    assert "world's lowest quarter up to 12.5% of GDP" in text


def test_agenda_collaboration_names_hs_codes_and_the_panel_year():
    collaboration = collaboration_areas(opportunities(), top_n=3).assign(year=2016)
    items = forum_agenda(shared_priorities([result("KEN", [], {})]),
                         peer_learning_pairs(panel({"KEN": {2020: 1.0}}), ["KEN"],
                                             ["internet_users_share"]),
                         collaboration, load_cases())
    assert [item.kind for item in items] == ["collaboration"]
    evidence = items[0].evidence
    assert "Microcircuits (HS 7764, 2016 product complexity 2.00)" in evidence
    assert "SITC" not in evidence
    # Without a year column the product complexity is not dated (and no "nan" appears).
    bare = forum_agenda(shared_priorities([result("KEN", [], {})]),
                        peer_learning_pairs(panel({"KEN": {2020: 1.0}}), ["KEN"],
                                            ["internet_users_share"]),
                        collaboration_areas(opportunities(), top_n=3), load_cases())
    assert "(HS 7764, product complexity 2.00)" in bare[0].evidence


# ------------------------------------------------------------------ agenda by megatrend
def test_workshop_megatrends_from_title_and_notebooks():
    assert workshop_megatrends("Industrial policy for the green and digital transition") == [
        "green", "digital"]
    assert workshop_megatrends("Forum", ["00_industrial_profile", "03_value_chains"]) == [
        "value_chains", "industrial_development"]
    assert workshop_megatrends("Shared priorities and peer learning") == []


def test_agenda_gives_each_megatrend_one_session(workshop_results):
    cases = load_cases()
    digital = [result("KEN", ["low_internet_use"],
                      {"internet_users_share": figure(35.0, 2024, 40.0)}, "02_digitalization"),
               result("UGA", ["low_internet_use"],
                      {"internet_users_share": figure(9.0, 2024, 20.0)}, "02_digitalization")]
    priorities = shared_priorities([*workshop_results, *digital])
    assert {"low_broadband", "low_internet_use"} <= set(priorities["flag"])
    empty_pairs = peer_learning_pairs(panel({"KEN": {2020: 1.0}}), ["KEN"],
                                      ["internet_users_share"])
    items = forum_agenda(priorities, empty_pairs, collaboration_areas({}, top_n=3), cases,
                         megatrends=["green", "digital"])
    titles = [item.title for item in items]
    assert [t.split(":")[0] for t in titles] == [
        "Overall industrial development", "Digitalization", "Greening of industry"]
    merged = items[1]  # broadband and internet use in one session, with their cases
    assert "low fixed broadband coverage" in merged.title.lower()
    assert "low internet use" in merged.title.lower()
    assert "**Low internet use** (Kenya and Uganda)" in merged.evidence
    assert merged.related_cases and len(set(merged.related_cases)) == len(merged.related_cases)
    greening = items[2]  # the workshop's megatrend without a shared priority still has one
    assert greening.countries == () and "no shared challenge" in greening.title
    text = agenda_markdown(items, cases)
    assert text.count("### ") == 3 and "nan" not in text


def test_agenda_says_when_a_priority_has_no_case():
    shared = shared_priorities([result("KEN", ["low_rd"], {}), result("UGA", ["low_rd"], {})])
    items = forum_agenda(shared, peer_learning_pairs(panel({"KEN": {2020: 1.0}}), ["KEN"],
                                                     ["internet_users_share"]),
                         collaboration_areas({}, top_n=3), [], megatrends=["digital"])
    assert items[0].related_cases == ()
    assert "*Related cases:* no case in the library yet" in agenda_markdown(items, [])
