"""The results file (DESIGN §9): headlines, flags, writing and reading."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from policylab.cases import CHALLENGE_FLAGS
from policylab.catalogue import Indicator
from policylab.evidence import peer_median
from policylab.narrative import KeyMessage
from policylab.pack.dataset import Dataset
from policylab.results import (
    FLAG_RULES,
    REQUIRED_KEYS,
    FlagRule,
    Headline,
    ResultsError,
    build_results,
    diagnose_flags,
    headline_for,
    read_results,
    write_results,
)


def _indicator(key: str, unit: str, better: bool | None) -> Indicator:
    return Indicator(id=key, label=key, unit=unit, topic="performance", source="Test",
                     source_code=key.upper(), definition=key, higher_is_better=better,
                     dataset="wdi")


CATALOGUE = {
    "mva_share_gdp": _indicator("mva_share_gdp", "% of GDP", True),
    "co2_per_gdp": _indicator("co2_per_gdp", "kg per PPP $", False),
    "fixed_broadband_per100": _indicator("fixed_broadband_per100", "per 100 people", True),
    "internet_users_share": _indicator("internet_users_share", "% of the population", True),
    "rd_share_gdp": _indicator("rd_share_gdp", "% of GDP", True),
}
CODES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "III", "JJJ"]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    countries = pd.DataFrame(
        [(code, code[:2], f"Country {code}", "Region", "Income", False) for code in CODES]
        + [("WLD", "1W", "World", "", "", True)],
        columns=["iso3", "iso2", "name", "region", "income_group", "is_aggregate"])
    rows = []
    # MVA share: AAA 7 against peers BBB/CCC/DDD at 10, 12, 14 (median 12): 42% below.
    for code, value in zip(["AAA", "BBB", "CCC", "DDD", "EEE"], [7, 10, 12, 14, 11],
                           strict=True):
        rows += [(code, 2021, "mva_share_gdp", value - 1), (code, 2023, "mva_share_gdp", value)]
    # The peers' latest figures may be a year or two older than the focus's.
    rows.append(("BBB", 2022, "co2_per_gdp", 0.20))
    rows += [("AAA", 2023, "co2_per_gdp", 0.26), ("CCC", 2023, "co2_per_gdp", 0.20),
             ("DDD", 2023, "co2_per_gdp", 0.22)]
    # Broadband for ten countries: AAA has the second-lowest value.
    for position, code in enumerate(["JJJ", "AAA", *CODES[1:9]]):
        rows.append((code, 2023, "fixed_broadband_per100", 1.0 + 3 * position))
    rows.append(("WLD", 2023, "fixed_broadband_per100", 0.1))
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    trade = pd.DataFrame(columns=["exporter", "product", "year", "value"])
    products = pd.DataFrame(columns=["code", "name", "name_short", "section"])
    return Dataset.from_frames(obs, countries, trade, products, {"vintage": "t"}, CATALOGUE)


PEERS = ["BBB", "CCC", "DDD"]


def test_headline_against_peer_median(ds):
    headline = headline_for(ds, "mva_share_gdp", "AAA", PEERS)
    assert headline == Headline(value=7.0, year=2023, peer_median=12.0, gap=-5.0)
    assert headline.behind_peers(higher_is_better=True) is True
    assert headline.behind_peers(higher_is_better=False) is False
    assert headline.behind_peers(higher_is_better=None) is None
    earlier = headline_for(ds, "mva_share_gdp", "AAA", PEERS, year=2022)
    assert (earlier.value, earlier.year, earlier.peer_median) == (6.0, 2021, 11.0)


def test_headline_uses_peers_latest_values_near_the_year(ds):
    headline = headline_for(ds, "co2_per_gdp", "AAA", PEERS)
    assert headline.peer_median == pytest.approx(0.20)  # BBB's 2022 figure counts
    assert headline.gap == pytest.approx(0.06)
    assert headline.behind_peers(CATALOGUE["co2_per_gdp"].higher_is_better) is True


def test_headline_without_data_is_nan(ds):
    headline = headline_for(ds, "rd_share_gdp", "AAA", PEERS)
    assert headline.year is None
    assert math.isnan(headline.value) and math.isnan(headline.peer_median)
    assert math.isnan(headline.gap) and headline.behind_peers(True) is None


def test_flags_come_from_the_world_distribution_not_the_peers(ds):
    # AAA's MVA share is 42% below its peers', but only five countries report it: too few
    # for a world quarter, so no "low" label. Broadband: ten report, AAA second-lowest.
    assert diagnose_flags(ds, "AAA") == ["low_broadband"]
    assert diagnose_flags(ds, "AAA", indicators=["mva_share_gdp", "co2_per_gdp"]) == []
    # No data is not a challenge.
    assert diagnose_flags(ds, "JJJ", indicators=["mva_share_gdp", "rd_share_gdp"]) == []


def test_peers_all_lower_but_the_world_higher_is_not_high():
    """Kenya's case: its peers emit less per unit of GDP, the world mostly more."""
    codes = [f"C{k:02d}" for k in range(12)]
    countries = pd.DataFrame([(c, c[:2], c, "R", "I", False) for c in codes],
                             columns=["iso3", "iso2", "name", "region", "income_group",
                                      "is_aggregate"])
    values = {"C00": 0.114, "C01": 0.05, "C02": 0.06, "C03": 0.07}  # focus and its peers
    values.update({c: 0.2 + 0.05 * k for k, c in enumerate(codes[4:])})  # the world
    obs = pd.DataFrame([(c, 2023, "co2_per_gdp", v) for c, v in values.items()],
                       columns=["iso3", "year", "indicator", "value"])
    world = Dataset.from_frames(obs, countries, pd.DataFrame(
        columns=["exporter", "product", "year", "value"]), pd.DataFrame(
        columns=["code", "name", "name_short", "section"]), {}, CATALOGUE)
    assert diagnose_flags(world, "C00", indicators=["co2_per_gdp"]) == []
    assert diagnose_flags(world, codes[-1], indicators=["co2_per_gdp"]) == [
        "high_emission_intensity"]


def test_no_flag_rests_on_a_jump_in_the_last_year():
    """Uganda's internet users: 15.3% then 8.9% in the last year; nothing shows yet
    whether the new level is real, so no "low" flag rests on it."""
    codes = [f"C{k:02d}" for k in range(12)]
    countries = pd.DataFrame([(c, c[:2], c, "R", "I", False) for c in codes],
                             columns=["iso3", "iso2", "name", "region", "income_group",
                                      "is_aggregate"])
    rows = [("C00", 2010 + k, "internet_users_share", 5.0 + 1.0 * k) for k in range(11)]
    rows.append(("C00", 2021, "internet_users_share", 1.0))
    rows += [(c, year, "internet_users_share", 20.0 + k) for k, c in enumerate(codes[1:])
             for year in (2020, 2021)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    world = Dataset.from_frames(obs, countries, pd.DataFrame(
        columns=["exporter", "product", "year", "value"]), pd.DataFrame(
        columns=["code", "name", "name_short", "section"]), {}, CATALOGUE)
    assert diagnose_flags(world, "C00", indicators=["internet_users_share"]) == []
    steady = Dataset.from_frames(obs[obs["value"] != 1.0], countries, pd.DataFrame(
        columns=["exporter", "product", "year", "value"]), pd.DataFrame(
        columns=["code", "name", "name_short", "section"]), {}, CATALOGUE)
    assert diagnose_flags(steady, "C00", indicators=["internet_users_share"]) == [
        "low_internet_use"]  # without the jump, its level is in the world's worst quarter


def test_world_quartile_needs_enough_countries(ds):
    rule = FlagRule("low_broadband", "fixed_broadband_per100", "low")
    assert diagnose_flags(ds, "JJJ", rules=[rule]) == ["low_broadband"]
    assert diagnose_flags(ds, "III", rules=[rule]) == []


def test_flag_rules_are_named_once_in_the_case_library_vocabulary_and_described():
    names = [rule.name for rule in FLAG_RULES]
    assert len(names) == len(set(names))
    assert set(names) <= set(CHALLENGE_FLAGS)
    assert {rule.worse for rule in FLAG_RULES} == {"low", "high"}
    for required in ("low_mva_share", "high_emission_intensity", "low_broadband",
                     "low_eci", "low_rd", "low_mht_share"):
        assert required in names
    # diversity exists only for the product panel's year, outside the recency window
    assert "narrow_export_basket" not in names
    high = next(rule for rule in FLAG_RULES if rule.name == "high_emission_intensity")
    assert high.description == ("high_emission_intensity: co2_per_gdp in the world's worst "
                                "quarter (the highest 25% of countries with data)")


def _results(ds) -> dict:
    headline = {"mva_share_gdp": headline_for(ds, "mva_share_gdp", "AAA", PEERS),
                "rd_share_gdp": headline_for(ds, "rd_share_gdp", "AAA", PEERS)}
    return build_results("AAA", "00_industrial_profile", ds.vintage, PEERS, headline,
                         ["low_mva_share"], [KeyMessage("First.", "mva_share_gdp"), "Second."])


def test_results_round_trip_with_nan_as_null(ds, tmp_path):
    results = _results(ds)
    assert list(results) == list(REQUIRED_KEYS)
    target = tmp_path / "KEN" / "00_industrial_profile.results.json"
    assert write_results(target, results) == target
    raw = target.read_text(encoding="utf-8")
    assert "NaN" not in raw
    assert json.loads(raw)["headline"]["rd_share_gdp"] == {
        "value": None, "year": None, "peer_median": None, "gap": None}
    back = read_results(target)
    assert back["messages"] == ["First.", "Second."]
    assert back["headline"]["mva_share_gdp"] == {
        "value": 7.0, "year": 2023, "peer_median": 12.0, "gap": -5.0}
    assert {key: back[key] for key in ("country", "notebook", "data_vintage", "peers", "flags")} \
        == {key: results[key] for key in ("country", "notebook", "data_vintage", "peers", "flags")}
    assert list(tmp_path.joinpath("KEN").iterdir()) == [target]  # no temporary file left


def test_empty_path_writes_nothing(ds, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert write_results("", _results(ds)) is None
    assert list(tmp_path.iterdir()) == []


def test_missing_key_is_named_with_the_file(ds, tmp_path):
    results = _results(ds)
    del results["flags"]
    target = tmp_path / "broken.results.json"
    target.write_text(json.dumps(results), encoding="utf-8")
    with pytest.raises(ResultsError, match=r"broken\.results\.json lacks required key\(s\) flags"):
        read_results(target)
    with pytest.raises(ResultsError, match="flags"):
        write_results(tmp_path / "other.json", results)
    assert not (tmp_path / "other.json").exists()


def test_unreadable_or_absent_files_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ResultsError, match="bad.json is not valid JSON"):
        read_results(bad)
    with pytest.raises(ResultsError, match="not found"):
        read_results(tmp_path / "absent.json")
    listed = tmp_path / "list.json"
    listed.write_text("[]", encoding="utf-8")
    with pytest.raises(ResultsError, match="JSON object"):
        read_results(listed)


def test_malformed_headline_is_rejected(ds, tmp_path):
    results = _results(ds)
    results["headline"]["mva_share_gdp"] = {"value": 1.0}
    target = tmp_path / "x.json"
    target.write_text(json.dumps(results), encoding="utf-8")
    with pytest.raises(ResultsError, match="headline 'mva_share_gdp' needs value, year"):
        read_results(target)


def test_flag_rules_agree_with_the_catalogue():
    from policylab.catalogue import load_catalogue

    catalogue = load_catalogue()
    for rule in FLAG_RULES:
        assert rule.indicator in catalogue, rule.name
        expected = rule.worse == "low"
        assert catalogue[rule.indicator].higher_is_better is expected, rule.name


@pytest.mark.realdata
def test_real_results_file_round_trip(real_dataset, tmp_path):
    from policylab.peers import choose_peers

    peers = choose_peers(real_dataset, "KEN")
    indicators = [rule.indicator for rule in FLAG_RULES]
    headline = {ind: headline_for(real_dataset, ind, "KEN", peers) for ind in indicators}
    flags = diagnose_flags(real_dataset, "KEN")
    assert set(flags) <= {rule.name for rule in FLAG_RULES}
    results = build_results("KEN", "00_industrial_profile", real_dataset.vintage, peers,
                            headline, flags, ["A message."])
    back = read_results(write_results(tmp_path / "KEN.results.json", results))
    assert back["peers"] == peers.peers and back["flags"] == flags
    mva = back["headline"]["mva_share_gdp"]
    assert mva["gap"] == pytest.approx(mva["value"] - mva["peer_median"])


def test_headline_median_is_the_evidence_layers_and_needs_three_peers(ds):
    """The results file states the median the page states (the evidence layer's rule):
    two reporting peers give no benchmark."""
    two = headline_for(ds, "mva_share_gdp", "AAA", PEERS[:2])
    assert two.value == 7.0 and math.isnan(two.peer_median) and math.isnan(two.gap)
    three = headline_for(ds, "mva_share_gdp", "AAA", PEERS)
    assert three.peer_median == peer_median(ds, "mva_share_gdp", PEERS, 2023).value
