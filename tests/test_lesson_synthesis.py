"""The forum synthesis: gathering results files honestly, computing them on the spot, and
the notebook running both ways (defaults, and a workshop folder of hand-made files)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from policylab.errors import DataError
from policylab.lessons.synthesis import (
    HEADLINE_IDS,
    collect_results,
    gather,
    results_inventory,
    results_on_the_spot,
    scorecard_table,
)
from policylab.paths import notebooks_dir
from policylab.results import FLAG_RULES, HEADLINE_KEYS, REQUIRED_KEYS


def _document(country: str, notebook: str, headline: dict, flags: list[str],
              peers: list[str]) -> dict:
    return {"country": country, "notebook": notebook, "data_vintage": "test vintage",
            "peers": peers, "headline": headline, "flags": flags,
            "messages": [f"{country} message"]}


def _figure(value: float, year: int, median: float) -> dict:
    return {"value": value, "year": year, "peer_median": median, "gap": value - median}


def _write(root: Path, country: str, notebook: str, content: dict | str) -> None:
    folder = root / country
    folder.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content)
    (folder / f"{notebook}.results.json").write_text(text, encoding="utf-8")


@pytest.fixture()
def workshop_folder(tmp_path) -> Path:
    """KEN and UGA complete; TZA's profile is not JSON; ETH's lacks flags; RWA's profile
    failed (the batch kept the failed notebook); GHA has nothing at all."""
    profile, digital = "00_industrial_profile", "02_digitalization"
    _write(tmp_path, "KEN", profile, _document(
        "KEN", profile, {"mva_share_gdp": _figure(7.6, 2023, 9.0)}, ["low_mva_share"],
        ["TZA", "UGA"]))
    _write(tmp_path, "KEN", digital, _document(
        "KEN", digital, {"internet_users_share": _figure(20.0, 2022, 30.0)},
        ["low_internet_use"], ["TZA", "UGA"]))
    _write(tmp_path, "UGA", profile, _document(
        "UGA", profile, {"mva_share_gdp": _figure(15.5, 2023, 10.0)}, [], ["KEN", "TZA"]))
    _write(tmp_path, "UGA", digital, _document(
        "UGA", digital, {"internet_users_share": _figure(10.0, 2023, 25.0)},
        ["low_internet_use"], ["KEN", "TZA"]))
    _write(tmp_path, "TZA", profile, "{not json")
    broken = _document("ETH", profile, {}, [], [])
    del broken["flags"]
    _write(tmp_path, "ETH", profile, broken)
    failed = tmp_path / "failed" / "RWA"
    failed.mkdir(parents=True)
    (failed / f"{profile}.ipynb").write_text("{}", encoding="utf-8")
    return tmp_path


COUNTRIES = ["KEN", "UGA", "TZA", "ETH", "RWA", "GHA"]


def test_collect_results_reads_the_good_files_and_survives_bad_ones(workshop_folder):
    results = collect_results(workshop_folder, COUNTRIES)
    assert [(r["country"], r["notebook"]) for r in results] == [
        ("KEN", "00_industrial_profile"), ("KEN", "02_digitalization"),
        ("UGA", "00_industrial_profile"), ("UGA", "02_digitalization")]
    assert results[0]["headline"]["mva_share_gdp"]["value"] == 7.6


def test_inventory_names_every_missing_failed_and_malformed_file(workshop_folder):
    inventory = results_inventory(workshop_folder, COUNTRIES).set_index(["country", "notebook"])
    status = inventory["status"]
    profile = "00_industrial_profile"
    assert status[("TZA", profile)] == "unreadable"
    assert "not valid JSON" in inventory.at[("TZA", profile), "detail"]
    assert status[("ETH", profile)] == "unreadable"
    assert "flags" in inventory.at[("ETH", profile), "detail"]
    assert status[("RWA", profile)] == "failed"
    assert status[("GHA", profile)] == "missing"
    assert status[("TZA", "02_digitalization")] == "missing"
    assert (status == "ok").sum() == 4


def test_a_file_in_the_wrong_country_folder_is_not_used(tmp_path):
    _write(tmp_path, "KEN", "01_greening", _document("UGA", "01_greening", {}, [], []))
    inventory = results_inventory(tmp_path, ["KEN"])
    assert inventory["status"].tolist() == ["unreadable"]
    assert collect_results(tmp_path, ["KEN"]) == []


def test_collect_results_from_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(DataError, match="results folder not found"):
        collect_results(tmp_path / "nowhere", ["KEN"])


def test_gather_says_where_results_came_from_and_refuses_an_empty_folder(
        tiny_dataset, tmp_path):
    _write(tmp_path, "KEN", "00_industrial_profile", _document(
        "KEN", "00_industrial_profile", {"mva_share_gdp": _figure(10.0, 2002, 12.0)},
        ["low_mva_share"], ["NAM"]))
    gathered = gather(tiny_dataset, ["KEN", "Namibia"], str(tmp_path))
    assert [r["country"] for r in gathered.results] == ["KEN"]
    assert gathered.problems["country"].tolist() == ["NAM"]
    assert "1 expected files could not be used" in gathered.origin
    with pytest.raises(DataError, match="no usable results file"):
        gather(tiny_dataset, ["NAM"], str(tmp_path))


def test_every_challenge_rule_has_its_headline_figure():
    headline = {i for ids in HEADLINE_IDS.values() for i in ids}
    assert {rule.indicator for rule in FLAG_RULES} <= headline


@pytest.mark.realdata
def test_results_on_the_spot_follow_the_results_contract(real_dataset):
    ds = real_dataset
    results = results_on_the_spot(ds, ["KEN", "Viet Nam", "DEU"])
    assert [(r["country"], r["notebook"]) for r in results] == [
        (c, nb) for c in ("KEN", "VNM", "DEU") for nb in HEADLINE_IDS]
    rules = {rule.name for rule in FLAG_RULES}
    for result in results:
        assert set(REQUIRED_KEYS) <= set(result)
        assert result["peers"] and result["country"] not in result["peers"]
        assert set(result["headline"]) == set(HEADLINE_IDS[result["notebook"]])
        assert set(result["flags"]) <= rules
        for indicator, figure in result["headline"].items():
            assert set(figure) == set(HEADLINE_KEYS)
            own = ds.latest(indicator, result["country"])
            if own.year is None:
                assert math.isnan(figure["value"])
            else:
                assert (figure["value"], figure["year"]) == (own.value, own.year)
    kenya = results[1]  # KEN greening
    co2 = kenya["headline"]["co2_per_gdp"]
    if not math.isnan(co2["gap"]):
        assert co2["gap"] == pytest.approx(co2["value"] - co2["peer_median"])


@pytest.mark.realdata
def test_scorecard_gap_is_positive_when_better_in_either_direction(real_dataset):
    results = [_document("KEN", "01_greening", {
        "co2_per_gdp": _figure(0.1, 2016, 0.3),                 # lower is better: ahead
        "renewable_share_electricity": _figure(20.0, 2020, 60.0),  # higher is better: behind
    }, [], ["UGA"])]
    table = scorecard_table(real_dataset, results).set_index("indicator")
    assert table.at["co2_per_gdp", "better_gap"] > 0
    assert table.at["renewable_share_electricity", "better_gap"] < 0


@pytest.mark.slow
@pytest.mark.realdata
def test_notebook_runs_on_a_workshop_folder_of_hand_made_files(real_pack, workshop_folder,
                                                              tmp_path):
    output = tmp_path / "forum.ipynb"
    env = {**os.environ, "POLICYLAB_STATIC": "1", "POLICYLAB_PACK": str(real_pack)}
    command = [sys.executable, "-m", "papermill", str(notebooks_dir() / "forum_synthesis.ipynb"),
               str(output), "-k", "python3", "-p", "results_dir", str(workshop_folder),
               "-p", "title", "Hand-made workshop", "-y", f"countries: {COUNTRIES}"]
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=600)
    nb = nbformat.read(output, as_version=4)
    text = "\n".join(json.dumps(cell.get("outputs", [])) for cell in nb.cells)
    assert "Hand-made workshop" in text
    assert "Results files that could not be used" in text
    assert "not valid JSON" in text
    assert "Low internet use" in text  # shared by KEN and UGA in the hand-made files


@pytest.mark.realdata
def test_world_quartile_evidence_and_readable_scorecard(real_dataset):
    from policylab.lessons.synthesis import (
        priorities,
        priorities_table,
        results_on_the_spot,
        scorecard_display,
        scorecard_table,
    )
    from policylab.peers import latest_values

    ds = real_dataset
    results = results_on_the_spot(ds, ["KEN", "ETH", "TZA", "UGA", "RWA"])
    shared = priorities(results, ds=ds)
    internet = shared[shared["flag"] == "low_internet_use"]
    if internet.empty:
        pytest.skip("no shared internet flag in this pack")
    item = internet.iloc[0]["evidence"][0]
    everyone = latest_values(ds, "internet_users_share", list(ds.countries().index),
                             item["year"])["value"]
    assert item["world_edge"] == pytest.approx(float(everyone.quantile(0.25)))
    assert item["value"] <= item["world_edge"]  # the rule the flag was raised by
    words = priorities_table(ds, internet)["Evidence"].iloc[0]
    assert "world's lowest quarter up to" in words
    display = scorecard_display(ds, scorecard_table(ds, results))
    gaps = display["Gap (SD, + = better)"]
    assert not gaps.str.startswith("−0.00").any() and not gaps.str.startswith("-").any()
    diversity = display[display["Indicator"] == "Export diversity"]["Value"]
    assert not diversity.str.contains(r"\d\.\d products").any()
