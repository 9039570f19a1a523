"""The forum synthesis, section by section: most tests on the tiny pack (``tiny_dataset``)
or a small synthetic Dataset, with computed values; a second layer on the real data
(``realdata``), and the notebook running on a workshop folder of hand-made files."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from policylab.errors import DataError
from policylab.forum.agenda import STARTING_LIST, forum_agenda
from policylab.forum.gather import (
    HEADLINE_IDS,
    collect_results,
    gather,
    results_inventory,
    results_on_the_spot,
)
from policylab.forum.peer_learning import learning_pairs
from policylab.forum.recency import current_results
from policylab.forum.workshop import (
    agenda_collaboration,
    priorities,
    priority_cases,
    scorecard_table,
    shared_opportunities,
    strengths,
)
from policylab.i18n import gettext
from policylab.lessons import synthesis
from policylab.lessons.synthesis.collaboration import (
    agenda_note,
    collaboration_figure,
    collaboration_intro,
    collaboration_table,
    complementarity_figure,
    trade_gaps,
)
from policylab.lessons.synthesis.frame import (
    coverage_table,
    key_messages,
    start_forum,
    vintages,
)
from policylab.lessons.synthesis.pairs import best_pairs, pair_figure, pair_rule_text, pairs_table
from policylab.lessons.synthesis.scorecard import (
    left_out_table,
    left_out_text,
    scorecard_display,
    scorecard_figure,
    strengths_text,
)
from policylab.lessons.synthesis.shared import (
    cases_markdown,
    evidence_figure,
    flag_rules_table,
    priorities_table,
)
from policylab.metrics.collaboration import export_shares as export_baskets
from policylab.metrics.collaboration import opportunity_lists, panel_year, product_coverage
from policylab.metrics.forum_brief import source_indicators
from policylab.paths import notebooks_dir
from policylab.results import FLAG_RULES, HEADLINE_KEYS, REQUIRED_KEYS
from policylab.text import format_value


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


HOSTILE_TITLE = "Hand-made <img src=x onerror=alert(1)> *workshop*"


@pytest.mark.slow
@pytest.mark.realdata
def test_notebook_runs_on_a_workshop_folder_of_hand_made_files(real_pack, workshop_folder,
                                                              tmp_path):
    output = tmp_path / "forum.ipynb"
    env = {**os.environ, "POLICYLAB_STATIC": "1", "POLICYLAB_PACK": str(real_pack)}
    command = [sys.executable, "-m", "papermill", str(notebooks_dir() / "forum_synthesis.ipynb"),
               str(output), "-k", "python3", "-p", "results_dir", str(workshop_folder),
               "-p", "title", HOSTILE_TITLE, "-y", f"countries: {COUNTRIES}"]
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=600)
    nb = nbformat.read(output, as_version=4)
    text = "\n".join(json.dumps(cell.get("outputs", [])) for cell in nb.cells)
    # The workshop title is shown as typed, never as markup that runs (issue: injection).
    assert "Hand-made &lt;img src=x onerror=alert\\\\(1\\\\)&gt; \\\\*workshop\\\\*" in text
    assert "<img" not in text
    assert "Results files that could not be used" in text
    assert "not valid JSON" in text
    assert "Low internet use" in text  # shared by KEN and UGA in the hand-made files


@pytest.mark.realdata
def test_world_quartile_evidence_and_readable_scorecard(real_dataset):
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


# --------------------------------------------------------------------- recency window
def test_figures_older_than_the_window_are_left_out_and_named(tiny_dataset):
    """Tiny pack: newest core year 2002, so the window starts in 1997."""

    ds = tiny_dataset
    assert ds.recency_cutoff == 1997
    results = [
        _document("KEN", "00_industrial_profile", {"mva_share_gdp": _figure(7.0, 2002, 9.0)},
                  ["low_mva_share"], ["NAM"]),
        _document("KEN", "02_digitalization", {"rd_share_gdp": _figure(0.1, 1990, 0.3)},
                  ["low_rd", "low_broadband"], ["NAM"]),  # broadband: no figure at all
        _document("NAM", "00_industrial_profile", {"mva_share_gdp": _figure(5.0, 1995, 9.0)},
                  ["low_mva_share"], ["KEN"]),
        _document("NAM", "02_digitalization", {"rd_share_gdp": _figure(0.1, 2001, 0.3),
                                               "internet_users_share": _figure(
                                                   math.nan, None, 20.0)},
                  ["low_rd"], ["KEN"]),
    ]
    current = current_results(ds, results)
    assert current.cutoff == 1997
    card = scorecard_table(ds, current.results)
    dated = card[card["value"].notna()]
    assert sorted(zip(dated["country"], dated["indicator"], dated["year"], strict=True)) == [
        ("KEN", "mva_share_gdp", 2002), ("NAM", "rd_share_gdp", 2001)]
    assert all(ds.is_current(y) for y in dated["year"])
    no_data = card[card["value"].isna()].iloc[0]  # kept as "no data", median undated: dropped
    assert no_data["indicator"] == "internet_users_share" and math.isnan(no_data["peer_median"])
    flags = {r["country"]: set() for r in current.results}
    for r in current.results:
        flags[r["country"]] |= set(r["flags"])
    assert flags == {"KEN": {"low_mva_share"}, "NAM": {"low_rd"}}
    assert priorities(current.results).empty  # each flag now rests on one country only
    assert not priorities(results).empty       # ... where the stale figures made two
    left = current.left_out.set_index(["country", "indicator"])
    assert left.at[("KEN", "rd_share_gdp"), "year"] == 1990
    assert left.at[("KEN", "rd_share_gdp"), "flags"] == ("low_rd",)
    assert left.at[("NAM", "mva_share_gdp"), "flags"] == ("low_mva_share",)
    assert current.left_out["indicator"].isna().sum() == 1  # KEN's undated broadband flag
    text = left_out_text(ds, current)
    assert "from 1997 or later" in text and "3 figures on 3 indicators" in text
    assert "Kenya 1990" in text and "Namibia 1995" in text
    table = left_out_table(ds, current)
    assert set(table["Year"]) == {"1990", "1995", "–"}


@pytest.mark.realdata
def test_every_figure_feeding_the_scorecard_priorities_pairs_and_agenda_is_current(
        real_dataset):
    import re

    from policylab.cases import load_cases
    from policylab.forum import forum_agenda

    ds = real_dataset
    countries = ["KEN", "ETH", "TZA", "UGA", "GHA", "MAR", "VNM"]
    results = results_on_the_spot(ds, countries)
    stale = [(r["country"], i, f["year"]) for r in results for i, f in r["headline"].items()
             if f["year"] is not None and not ds.is_current(f["year"])]
    assert stale  # the pack has old figures (R&D for several countries) to leave out
    current = current_results(ds, results)
    assert sorted(zip(current.left_out["country"], current.left_out["indicator"],
                      current.left_out["year"], strict=True)) == sorted(stale)
    text = left_out_text(ds, current)
    indicators = len({i for _, i, _ in stale})
    assert (f"{len(stale)} figure{'s' if len(stale) != 1 else ''} on {indicators} "
            f"indicator{'s' if indicators != 1 else ''}") in text
    for _, indicator, year in stale:
        assert ds.indicator(indicator).label in text and str(year) in text

    card = scorecard_table(ds, current.results)
    years = card.loc[card["value"].notna(), "year"]
    assert len(years) and all(int(y) >= ds.recency_cutoff for y in years)
    assert card.loc[card["value"].isna(), "peer_median"].isna().all()

    shared = priorities(current.results, ds=ds)
    assert not shared.empty
    for row in shared.itertuples():
        for item in row.evidence:
            assert item["indicator"] is not None and item["year"] >= ds.recency_cutoff

    pairs = learning_pairs(ds, current.results)
    assert not pairs.empty
    assert (pairs["learner_year"] >= ds.recency_cutoff).all()
    assert (pairs["teacher_end_year"] >= ds.recency_cutoff).all()

    areas = shared_opportunities(ds, countries)
    agenda = forum_agenda(shared, pairs, agenda_collaboration(ds, areas), load_cases())
    for item in agenda:
        assert item.kind != "collaboration" or ds.is_current(ds.product_years[-1])
        if item.kind == "priority":
            years = [int(y) for y in re.findall(r"\((\d{4})\)", item.evidence)]
            assert years and min(years) >= ds.recency_cutoff


# --------------------------------------------------------------------- product level
def _without_panel(ds):
    from policylab.pack.dataset import Dataset

    return Dataset.from_frames(ds.obs, ds.countries(include_aggregates=True).reset_index(),
                               ds.trade.iloc[0:0], ds.products.iloc[0:0],
                               {"vintage": "no panel"}, ds.catalogue)


def test_collaboration_without_a_panel_states_no_product_level_result(tiny_dataset):

    ds = _without_panel(tiny_dataset)
    assert ds.product_years == []
    intro = collaboration_intro(ds)
    body = intro.split("**", 2)[2].strip()
    assert body.count(". ") + 1 == 2  # two sentences after the heading
    assert "`policylab data fetch`" in body and "`policylab data build`" in body
    assert not any(ch.isdigit() for ch in intro)  # no figure of any year or country
    codes = ["KEN", "NAM"]
    assert opportunity_lists(ds, codes) == {}
    areas = shared_opportunities(ds, codes)
    assert areas.empty
    assert export_baskets(ds, codes).empty
    assert complementarity_figure(ds, export_baskets(ds, codes)) is None
    assert trade_gaps(ds, codes) == ""
    assert agenda_collaboration(ds, areas).empty and agenda_note(ds, areas) == ""
    results = [_document("KEN", "00_industrial_profile",
                         {"mva_share_gdp": _figure(7.0, 2002, 9.0)}, [], ["NAM"])]
    texts = [m.text for m in key_messages(ds, results, pd.DataFrame(), areas,
                                          pd.DataFrame())]
    assert not any("product" in t for t in texts)


def test_product_level_texts_carry_the_panel_year(tiny_dataset):
    """Tiny pack: a 2001 panel where NAM and KEN pass the completeness check, BRA not."""

    ds = tiny_dataset
    year = ds.product_years[-1]
    assert panel_year(ds) == year == 2001
    taking_part, left_out = product_coverage(ds, ["NAM", "KEN", "BRA"])
    assert taking_part == ["NAM", "KEN"] and left_out == {"BRA": ds.product_status("BRA").reason}
    assert f"Product-level data: {year}" in collaboration_intro(ds)
    gaps = trade_gaps(ds, ["NAM", "KEN", "BRA"])
    assert f"the {year} product-level analysis" in gaps and ds.product_status("BRA").reason in gaps
    baskets = export_baskets(ds, ["NAM", "KEN", "BRA"])
    assert list(baskets.index) == ["NAM", "KEN"]
    kenya = ds.trade[(ds.trade["exporter"] == "KEN") & (ds.trade["year"] == year)]
    coffee = float(kenya.loc[kenya["product"] == "0901", "value"].sum() / kenya["value"].sum())
    assert baskets.at["KEN", "0901"] == pytest.approx(coffee)
    figure = complementarity_figure(ds, baskets)
    title = next(a.text for a in figure.layout.annotations if a.name == "title")
    source = next(a.text for a in figure.layout.annotations if a.name == "source")
    assert title.startswith(f"In {year}, ") and f"{year}" in source
    assert "HS 1992" in source and "Growth Lab" in source and "SITC" not in source
    # Collaboration areas (hand-made: the tiny panel is too small for product complexity).
    areas = shared_opportunities(ds, ["NAM", "KEN"])
    assert areas.empty  # complexity cannot be computed on five products; said in trade_gaps
    made = pd.DataFrame([{"product": "8703", "name": "Cars", "pci": 1.5, "n_countries": 2,
                          "countries": ("KEN", "NAM"), "ranks": {"KEN": 1, "NAM": 2},
                          "year": year}])
    fig = collaboration_figure(ds, made)
    assert next(a.text for a in fig.layout.annotations
                if a.name == "title").startswith(f"{year}: ")
    assert str(year) in next(a.text for a in fig.layout.annotations if a.name == "source")
    table = collaboration_table(ds, made)
    assert list(table.columns[:3]) == ["HS 1992 code", "Product", f"PCI ({year})"]
    results = [_document("KEN", "00_industrial_profile",
                         {"mva_share_gdp": _figure(7.0, 2002, 9.0)}, [], ["NAM"])]
    texts = [m.text for m in key_messages(ds, results, pd.DataFrame(columns=["flag"]), made,
                                          pd.DataFrame())]
    assert any(t.startswith(f"In the {year} product panel, Cars") for t in texts)


@pytest.mark.realdata
def test_opportunity_lists_use_only_countries_passing_the_check(real_dataset):

    ds = real_dataset
    if not ds.product_years:
        pytest.skip("no product panel in this pack")
    year = ds.product_years[-1]
    countries = ["KEN", "ETH", "TZA", "UGA", "GHA"]
    lists = opportunity_lists(ds, countries)
    assert "ETH" not in lists and not ds.product_status("ETH").ok
    assert ds.product_status("ETH").reason in trade_gaps(ds, countries)
    codes = set(ds.products["code"])
    for table in lists.values():
        assert (table["year"] == year).all() and set(table["product"]) <= codes
    areas = shared_opportunities(ds, countries)
    assert (areas["year"] == year).all()
    assert all("ETH" not in c for c in areas["countries"])


# --------------------------------------------------------------------- sections, tiny pack
def test_start_forum_computes_results_on_the_spot(tiny_dataset):

    forum = start_forum(synthesis.SPEC, ["KEN", "Namibia"], ds=tiny_dataset)
    assert forum.codes == ["KEN", "NAM"]
    assert [(r["country"], r["notebook"]) for r in forum.results] == [
        (c, nb) for c in ("KEN", "NAM") for nb in HEADLINE_IDS]
    assert "computed on the spot" in forum.origin and forum.problems.empty
    assert forum.current.cutoff == tiny_dataset.recency_cutoff
    kenya = coverage_table(tiny_dataset, forum.results, forum.codes).set_index("Country")
    figures = sum(not math.isnan(f["value"]) for r in forum.results if r["country"] == "KEN"
                  for f in r["headline"].values())
    assert kenya.at["Kenya", "Headline figures"] == figures == 12
    assert kenya.at["Kenya", "Latest data year"] == 2002


def test_scorecard_gap_is_in_spreads_signed_so_that_positive_is_better(tiny_dataset):

    ds = tiny_dataset
    results = [_document("KEN", "01_greening", {
        "co2_per_gdp": _figure(2.0, 2002, 3.0),                  # lower is better: ahead
        "renewable_share_electricity": _figure(2.0, 2002, 3.0),  # higher is better: behind
    }, [], ["NAM"])]
    table = scorecard_table(ds, results).set_index("indicator")
    spread = ds.latest_values("co2_per_gdp", None, window=5)["value"].std()
    assert table.at["co2_per_gdp", "spread"] == pytest.approx(spread)
    assert table.at["co2_per_gdp", "better_gap"] == pytest.approx(1.0 / spread)
    spread = ds.latest_values("renewable_share_electricity", None, window=5)["value"].std()
    assert table.at["renewable_share_electricity", "better_gap"] == pytest.approx(-1.0 / spread)
    shown = scorecard_display(ds, table.reset_index()).set_index("Indicator")
    assert shown["Gap (SD, + = better)"].tolist() == [
        f"+{1.0 / table.at['co2_per_gdp', 'spread']:.2f}",
        f"−{1.0 / table.at['renewable_share_electricity', 'spread']:.2f}"]
    fig = scorecard_figure(ds, table.reset_index())
    title = next(a.text for a in fig.layout.annotations if a.name == "title")
    # No league table: the title ranks no country; strengths are named against the world.
    assert "behind its peer median on" not in title and "the most" not in title
    assert title.startswith("1 countries, 2 headline indicators: each country against")

    found = strengths(ds, table.reset_index())
    assert set(found["country"]) == {"KEN"} and (found["better_than"].between(0, 100)).all()
    text = strengths_text(ds, table.reset_index())
    assert text.startswith("**Where each country is strongest**") and "- Kenya: " in text
    assert "% of " in text and " countries" in text


def _world(n: int = 12):
    """A synthetic world of ``n`` countries with internet use k + 1 (% of people) in 2024."""
    from policylab.pack.dataset import Dataset

    codes = [f"C{k:02d}" for k in range(n)]
    countries = pd.DataFrame({"iso3": codes, "iso2": codes,
                              "name": [f"Country {c}" for c in codes], "region": ["R"] * n,
                              "income_group": ["Low income"] * n, "is_aggregate": [False] * n})
    obs = pd.DataFrame([(c, 2024, "internet_users_share", float(k + 1))
                        for k, c in enumerate(codes)],
                       columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_shared_priority_evidence_names_the_world_quarter_edge():

    ds = _world()
    results = [_document(c, "02_digitalization",
                         {"internet_users_share": _figure(v, 2024, 6.0)},
                         ["low_internet_use"], [])
               for c, v in (("C00", 1.0), ("C01", 2.0))]
    shared = priorities(results, ds=ds)
    edge = float(pd.Series(range(1, 13), dtype=float).quantile(0.25))  # 3.75
    assert shared.iloc[0]["flag"] == "low_internet_use"
    assert [e["world_edge"] for e in shared.iloc[0]["evidence"]] == [edge, edge]
    words = priorities_table(ds, shared).iloc[0]
    assert words["Countries"] == 2 and words["Share of workshop"] == "100%"
    figure = ("1.00% of the population (2024), peers 6.00% of the population, world's "
              "lowest quarter up to 3.75% of the population")
    assert f"Country C00 {figure}" in words["Evidence"]
    # the agenda (section 6) quotes the same evidence in the same words
    agenda = forum_agenda(shared, pd.DataFrame(), pd.DataFrame(), [], catalogue=ds.catalogue)
    assert figure in agenda[0].evidence


def test_flag_rules_are_stated_in_words(tiny_dataset):

    table = flag_rules_table(tiny_dataset).set_index("Indicator")
    assert len(table) == len(FLAG_RULES)
    column = "Raised when the country's latest value is"
    assert table.at["Manufacturing value added", column] == (
        "in the world's worst quarter (the lowest 25% of countries with data)")
    assert table.at["CO2 intensity of GDP", column] == (
        "in the world's worst quarter (the highest 25% of countries with data)")
    assert "peer" not in " ".join(table[column])  # peers are for comparison, not labels


def test_evidence_figure_and_key_messages_put_labels_inside_sentences(tiny_dataset):

    ds = tiny_dataset
    results = [_document(c, "01_greening", {"co2_per_gdp": _figure(v, 2002, 2.0)},
                         ["high_emission_intensity"], [])
               for c, v in (("KEN", 3.0), ("NAM", 4.5))]
    shared = priorities(results, ds=ds)
    fig = evidence_figure(ds, shared.iloc[0].to_dict())
    title = next(a.text for a in fig.layout.annotations if a.name == "title")
    title = title.replace("<br>", " ")  # the chart wraps long titles
    assert ": CO2 intensity of GDP from 3.00 kg CO2" in title  # acronym kept, not "co2"
    assert "(Kenya) to 4.50 kg CO2 per 2021 PPP $ (Namibia) in the 2 countries" in title
    texts = [m.text for m in key_messages(ds, results, shared, pd.DataFrame(),
                                          pd.DataFrame())]
    assert texts[0] == "The brief covers 2 countries with 2 results documents."
    assert texts[1].startswith("The most widely shared priority is high CO2 emissions per "
                               "unit of output (2 of 2 countries: Kenya and Namibia); 1 "
                               "challenges")


def _pairs() -> pd.DataFrame:
    return pd.DataFrame([{"learner": "KEN", "teacher": "NAM", "indicator": "mva_share_gdp",
                          "learner_value": 10.0, "learner_year": 2002,
                          "teacher_start_value": 9.5, "teacher_start_year": 2000,
                          "teacher_end_value": 14.0, "teacher_end_year": 2002,
                          "change_in_spreads": 0.8}])


def test_pairs_are_written_with_their_years(tiny_dataset):

    ds = tiny_dataset
    table = pairs_table(ds, _pairs()).iloc[0]
    assert table["Learner now"] == "10.0% of GDP (2002)"
    assert table["Teacher then"] == "9.50% of GDP (2000)"
    assert table["Teacher now"] == "14.0% of GDP (2002)"
    fig = pair_figure(ds, best_pairs(_pairs())[0])
    title = next(a.text for a in fig.layout.annotations if a.name == "title")
    assert title.startswith("Namibia took manufacturing value added from 9.50% of GDP in 2000")
    text = pair_rule_text()
    assert "10 years before" in text and "0.25 standard deviations" in text
    assert "factor of 2" in text and "0.50 standard deviations" in text
    assert "likely break" in text and "erratic series" in text and "left out" in text
    message = key_messages(ds, [], pd.DataFrame(columns=["flag"]), pd.DataFrame(),
                           _pairs())[-1].text
    assert message == ("Kenya could learn from Namibia on manufacturing value added: Namibia "
                       "went from 9.50% of GDP (2000) to 14.0% of GDP (2002).")
    results = [_document(c, "00_industrial_profile", {"mva_share_gdp": _figure(v, 2002, 9.0)},
                         [], []) for c, v in (("KEN", 10.0), ("NAM", 12.0))]
    assert learning_pairs(ds, results).empty  # three years of data: no ten-year history


def test_agenda_takes_collaboration_from_a_current_panel(tiny_dataset):

    ds = tiny_dataset
    made = pd.DataFrame([{"product": "8703", "name": "Cars", "pci": 1.5, "n_countries": 2,
                          "countries": ("KEN", "NAM"), "ranks": {"KEN": 1, "NAM": 2},
                          "year": 2001}])
    assert ds.is_current(ds.product_years[-1])  # 2001, window from 1997
    assert agenda_collaboration(ds, made).equals(made) and agenda_note(ds, made) == ""


def test_sources_section_lists_the_indicators_shown(tiny_dataset):
    from policylab.lessons.common import sources_table

    ds = tiny_dataset
    forum = start_forum(synthesis.SPEC, ["KEN"], ds=ds)
    shown = source_indicators(ds, forum.results)
    assert shown == [*dict.fromkeys(i for ids in HEADLINE_IDS.values() for i in ids),
                     "diversity"]
    table = sources_table(forum, shown).set_index("Publisher")
    wdi = table.loc["World Bank, World Development Indicators"]
    assert "Internet users" in wdi["Indicators"] and wdi["Years"] == "2000–2002"
    assert vintages(ds, forum.results) == ""
    other = [{**forum.results[0], "data_vintage": "older"}]
    assert vintages(ds, other).startswith("Some results files were computed from another "
                                          "data vintage: older.")


def _method_cell() -> str:
    nb = nbformat.read(notebooks_dir() / "forum_synthesis.ipynb", as_version=4)
    cells = [c for c in nb.cells if "method" in c.metadata.get("tags", [])]
    assert len(cells) == 1 and "hide-input" not in cells[0].metadata.get("tags", [])
    return cells[0].source


def _run_method_cell(ds, codes) -> tuple[float, list[str]]:
    """Run the notebook's visible method cell as a learner would, with its own names."""

    notes: list[str] = []
    space = {"ds": ds, "codes": codes, "export_baskets": export_baskets,
             "panel_year": panel_year, "note": notes.append, "gettext": gettext,
             "format_value": format_value}
    exec(_method_cell(), space)  # noqa: S102 - the notebook's own cell
    return space["by_hand"], notes


def _grid_text(ds, codes, a: str, b: str) -> str:

    fig = complementarity_figure(ds, export_baskets(ds, codes))
    trace = fig.data[0]
    names = list(trace.x)
    return trace.text[names.index(ds.name(a))][names.index(ds.name(b))]


def _complementarity_title(ds, shares: dict[str, list[float]]) -> str:
    baskets = pd.DataFrame.from_dict(shares, orient="index", columns=["0101", "0102", "0103"])
    figure = complementarity_figure(ds, baskets)
    return next(a.text for a in figure.layout.annotations
                if a.name == "title").replace("<br>", " ")


def test_complementarity_title_calls_no_pair_the_most_by_an_invisible_difference(tiny_dataset):
    """The grid writes two decimals: a pair is "the most" complementary (or similar) only
    when no other pair reads the same; else the title says how many share the value."""
    ties = _complementarity_title(tiny_dataset, {
        "KEN": [1, 0, 0], "NAM": [0, 1, 0], "BRA": [0, 0, 1], "DEU": [0.5, 0.5001, 0]})
    # 1.00 for four pairs; 0.2928 (KEN-DEU) and 0.2927 (NAM-DEU) both read 0.29
    assert ties == ("In 2001, the most complementary export baskets (1.00) were those of 4 "
                    "pairs, among them Brazil and Germany; the most similar (0.29), those of "
                    "2 pairs, among them Namibia and Germany")
    single = _complementarity_title(tiny_dataset, {
        "KEN": [1, 0, 0], "NAM": [0.6, 0.4, 0], "BRA": [0, 0.3, 0.7]})
    assert single == ("In 2001, the most complementary export baskets (1.00) were those of "
                      "Kenya and Brazil; the most similar (0.17), those of Kenya and Namibia")
    alike = _complementarity_title(tiny_dataset, {
        "KEN": [1, 0, 0], "NAM": [0, 1, 0], "BRA": [0, 0, 1]})
    assert alike == ("In 2001, the export baskets of all 3 pairs had a complementarity of 1.00 "
                     "(0 = the same basket, 1 = no product in common)")


def test_method_cell_recomputes_the_complementarity_the_grid_shows(tiny_dataset):
    ds = tiny_dataset
    by_hand, notes = _run_method_cell(ds, ["NAM", "KEN", "BRA"])
    nam = pd.Series({"0102": 0.3, "2603": 0.4, "6201": 0.5})
    ken = pd.Series({"0901": 1.5, "0102": 0.3, "6201": 0.1})
    nam, ken = (nam / nam.sum()).align(ken / ken.sum(), fill_value=0.0)
    cosine = (nam @ ken) / math.sqrt((nam @ nam) * (ken @ ken))
    assert by_hand == pytest.approx(1 - cosine)
    assert _grid_text(ds, ["NAM", "KEN", "BRA"], "NAM", "KEN") == f"{by_hand:.2f}"
    assert f"**{by_hand:.2f}**" in notes[0] and "Namibia and Kenya in 2001" in notes[0]


@pytest.mark.realdata
def test_method_cell_matches_the_grid_on_real_data(real_dataset):
    ds = real_dataset
    codes = ["KEN", "ETH", "TZA", "UGA", "RWA", "GHA", "MAR", "VNM"]
    by_hand, notes = _run_method_cell(ds, codes)
    first, second = [c for c in codes if ds.product_status(c).ok][:2]
    assert _grid_text(ds, codes, first, second) == f"{by_hand:.2f}"
    assert f"{ds.product_years[-1]}" in notes[0]


# ------------------------------------------------------------ issue 11: the forum's judgements
@pytest.mark.realdata
def test_no_pair_rests_on_a_series_break_or_an_erratic_series(real_dataset):
    from policylab.evidence.breaks import change_is_sound, series_flags
    from policylab.forum.peer_learning import sound_pair

    ds = real_dataset
    countries = ["KEN", "ETH", "TZA", "UGA", "RWA", "GHA", "MAR", "VNM"]
    current = current_results(ds, results_on_the_spot(ds, countries))
    # Morocco's medium/high-tech share swings (28.0, 6.7, 30.4, 10.6, 40.9, 12.0, 28.3):
    flags = series_flags(ds, "mht_share_mva", "MAR")
    assert not change_is_sound(flags, 2012, 2022)
    pairs = learning_pairs(ds, current.results)
    assert not pairs.empty
    assert pairs[(pairs["teacher"] == "MAR") & (pairs["indicator"] == "mht_share_mva")].empty
    for pair in pairs.to_dict("records"):
        assert sound_pair(ds, pair)
        teacher = series_flags(ds, pair["indicator"], pair["teacher"])
        learner = series_flags(ds, pair["indicator"], pair["learner"])
        assert change_is_sound(teacher, pair["teacher_start_year"], pair["teacher_end_year"])
        assert not learner.erratic and pair["learner_year"] not in learner.outliers


@pytest.mark.realdata
def test_every_shared_priority_gets_cases_or_says_there_is_none(real_dataset):
    from policylab.cases import load_cases
    from policylab.forum import forum_agenda, workshop_megatrends
    from policylab.forum.agenda import priority_case_list

    ds = real_dataset
    cases = load_cases()
    countries = ["KEN", "ETH", "TZA", "UGA", "RWA", "GHA", "MAR", "VNM"]
    current = current_results(ds, results_on_the_spot(ds, countries))
    shared = priorities(current.results, ds=ds)
    chosen = priority_cases(shared, cases)
    blocks = cases_markdown(shared, chosen)
    headings = [b for b in blocks if b.startswith("## For: ")]
    assert len(headings) == len(shared)  # every priority, not only the first four
    for row in shared.to_dict("records"):
        assert chosen[row["flag"]], row["flag"]  # the library has a case for each here
    # The library's matching cases are found (flags and megatrend).
    def ids(flag, megatrend, exclude=()):
        row = {"flag": flag, "megatrend": megatrend, "countries": exclude}
        return {c.id for c in priority_case_list(row, cases, k=20)}
    assert {"mar-noor-ouarzazate-solar", "zaf-renewable-energy-ipp-procurement"} <= ids(
        "low_renewable_share", "green", ("KEN", "ETH"))
    assert "mar-automotive-free-zones-renault-tangier" in ids(
        "low_manuf_exports", "value_chains", ("ETH", "GHA"))
    # One session per megatrend of the workshop, each with its cases.
    megatrends = workshop_megatrends("Industrial policy for the green and digital transition",
                                     [r["notebook"] for r in current.results])
    agenda = forum_agenda(shared, learning_pairs(ds, current.results), shared.iloc[0:0],
                          cases, megatrends=megatrends)
    sessions = [item for item in agenda if item.kind == "megatrend"]
    titles = [item.title.split(":")[0] for item in sessions]
    assert sorted(titles) == sorted({t for t in titles})  # no two sessions on one megatrend
    assert {"Greening of industry", "Digitalization"} <= set(titles)
    assert all(item.related_cases for item in sessions if item.countries)


def test_cases_markdown_says_when_the_library_has_no_case():

    shared = pd.DataFrame([{"flag": "low_rd", "label": "Low R&D", "countries": ("KEN",)}])
    blocks = cases_markdown(shared, {"low_rd": []})
    assert blocks == ["## For: Low R&D", "No case in the library yet on this challenge (from "
                      "countries other than those concerned)."]


def test_participant_pages_show_the_starting_list_note_and_a_glossary():
    nb = nbformat.read(notebooks_dir() / "forum_synthesis.ipynb", as_version=4)
    shown = [c for c in nb.cells if "facilitator" not in c.metadata.get("tags", [])]
    code = "\n".join(c.source for c in shown if c.cell_type == "code")
    # Next to the collaboration list (section 3), the pairs (4) and the agenda (6).
    for anchor in ("show_table(collaboration_table", "show_table(pairs_table",
                   "agenda = forum_agenda"):
        cell = next(c.source for c in shown if anchor in c.source)
        assert "note(gettext(STARTING_LIST))" in cell, anchor
    assert "megatrends=" in code and "strengths_text" in code and "BREAKS_METHOD" in code
    markdown = "\n".join(c.source for c in shown if c.cell_type == "markdown")
    assert "## Glossary" in markdown
    for term in ("RCA", "PPP", "Percentile", "Complementarity", "Series break"):
        assert term in markdown
    for code_name in ("FLAG_RULES", "policylab.forum", "improvement_per_year"):
        assert code_name not in markdown
    assert STARTING_LIST.startswith("**A starting list, not a recommendation.**")
