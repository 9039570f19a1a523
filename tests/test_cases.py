"""The policy case library: the real file's schema, clear errors, and selection by gap."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from policylab.cases import (
    CHALLENGE_FLAGS,
    INSTRUMENT_TYPES,
    MEGATRENDS,
    MULTI_COUNTRY_CODES,
    SOURCE_WITHOUT_RESULTS,
    case_markdown,
    cases_table,
    load_cases,
    select_cases,
)
from policylab.countries import converter
from policylab.errors import DataError
from policylab.paths import policy_cases_path

GOOD_CASE = {
    "id": "tst-zone",
    "country": "KEN",
    "title": "A test zone",
    "period": "2001–2005",
    "instrument_type": ["sez"],
    "objective": "Test objective.",
    "megatrend": "value_chains",
    "addresses": ["low_fdi"],
    "what_was_done": "Something.",
    "results": "Mixed.",
    "source": {"title": "A report", "publisher": "World Bank", "year": 2010},
    "confidence": "high",
}


def write_cases(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "cases.yml"
    path.write_text(yaml.safe_dump({"cases": list(entries)}, allow_unicode=True),
                    encoding="utf-8")
    return path


def variant(**changes) -> dict:
    entry = copy.deepcopy(GOOD_CASE)
    for key, value in changes.items():
        if value is None:
            entry.pop(key)
        else:
            entry[key] = value
    return entry


# ------------------------------------------------------------------ the real library
def test_real_library_is_complete_and_valid():
    cases = load_cases()
    assert len(cases) >= 20
    assert {case.megatrend for case in cases} == set(MEGATRENDS)
    for case in cases:
        assert case.source.title and case.source.publisher, case.id
        assert 1900 <= case.source.year <= 2100, case.id
        assert set(case.instrument_type) <= set(INSTRUMENT_TYPES), case.id
        assert case.addresses and set(case.addresses) <= set(CHALLENGE_FLAGS), case.id
        assert case.confidence in ("high", "medium"), case.id


def test_real_library_countries_are_iso3_codes():
    countries = {case.country for case in load_cases()} - set(MULTI_COUNTRY_CODES)
    found = converter().convert(sorted(countries), src="ISO3", to="ISO3", enforce_list=True,
                                not_found="?")
    assert all(hit == [code] for code, hit in zip(sorted(countries), found, strict=True))


def test_real_library_file_is_the_default_path():
    assert policy_cases_path().name == "policy_cases.yml"
    raw = yaml.safe_load(policy_cases_path().read_text(encoding="utf-8"))["cases"]
    assert [case.id for case in load_cases()] == [entry["id"] for entry in raw]


def test_every_flag_is_addressed_by_some_case():
    addressed = {flag for case in load_cases() for flag in case.addresses}
    assert addressed == set(CHALLENGE_FLAGS)


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (variant(source=None), r"tst-zone\): missing field\(s\) source"),
        (variant(source={"title": "A report", "year": 2010}), r"tst-zone.*source is missing "
                                                                "publisher"),
        (variant(megatrend="space"), r"tst-zone.*megatrend 'space'"),
        (variant(instrument_type=["magic_wand"]), r"tst-zone.*instrument_type.*'magic_wand'"),
        (variant(addresses=["low_happiness"]), r"tst-zone.*addresses.*'low_happiness'"),
        (variant(confidence="low"), r"tst-zone.*confidence 'low'"),
        (variant(period="the nineties"), r"tst-zone.*period"),
        (variant(colour="blue"), r"tst-zone.*unknown field\(s\) colour"),
        (variant(country="Kenya"), r"tst-zone.*ISO3"),
        (variant(country="XYZ"), r"tst-zone.*'XYZ' is not an ISO3"),
    ],
)
def test_malformed_case_names_case_and_field(tmp_path, entry, message):
    with pytest.raises(DataError, match=message):
        load_cases(write_cases(tmp_path, entry))


def test_duplicate_ids_and_bad_yaml_are_errors(tmp_path):
    with pytest.raises(DataError, match="'tst-zone' appears twice"):
        load_cases(write_cases(tmp_path, GOOD_CASE, GOOD_CASE))
    broken = tmp_path / "broken.yml"
    broken.write_text("cases: [unclosed", encoding="utf-8")
    with pytest.raises(DataError, match="not valid YAML"):
        load_cases(broken)
    with pytest.raises(DataError, match="not found"):
        load_cases(tmp_path / "absent.yml")


@pytest.mark.parametrize("note", [
    "The source states the strategy, not its results.",
    "The source is the scheme's official notification, not an evaluation.",
    "The source is the WTO ruling, which documents the measures, not their economic effects.",
    "The cited report does not state results."])
def test_a_case_cannot_give_results_its_notes_say_the_source_lacks(tmp_path, note):
    with pytest.raises(DataError, match="tst-zone.*results are given but the notes say the "
                                        "source does not state them"):
        load_cases(write_cases(tmp_path, variant(notes=note)))
    case, = load_cases(write_cases(tmp_path, variant(results=None, notes=note)))
    text = case_markdown(case)
    assert case.results == "" and "**Results.**" not in text
    assert f"**Notes.** {note}" in text


def test_a_case_without_results_says_why(tmp_path):
    with pytest.raises(DataError, match="tst-zone.*without results needs notes"):
        load_cases(write_cases(tmp_path, variant(results=None)))
    case, = load_cases(write_cases(tmp_path, variant(notes="Evaluations differ.")))
    assert "**Results.** Mixed." in case_markdown(case)


def test_real_library_gives_no_results_its_sources_do_not_state():
    for case in load_cases():
        assert not (case.results and SOURCE_WITHOUT_RESULTS.search(case.notes)), case.id
        assert case.results or case.notes, case.id
    rwanda = next(c for c in load_cases() if c.id == "rwa-ict-strategy")
    assert "Irembo" not in case_markdown(rwanda) and "Korea Telecom" not in case_markdown(rwanda)


def test_single_instrument_and_open_period_are_accepted(tmp_path):
    case, = load_cases(write_cases(tmp_path, variant(instrument_type="sez", period="2005-")))
    assert case.instrument_type == ("sez",)
    assert case.period == "2005–"


# ------------------------------------------------------------------ selection
def selection_library(tmp_path):
    return load_cases(write_cases(
        tmp_path,
        variant(id="two-flags-medium", addresses=["low_fdi", "low_rd"], confidence="medium"),
        variant(id="one-flag-high-green", addresses=["low_fdi"], megatrend="green"),
        variant(id="one-flag-high-digital", addresses=["low_fdi"], megatrend="digital"),
        variant(id="unrelated", addresses=["low_broadband"]),
        variant(id="one-flag-medium", addresses=["low_rd"], confidence="medium"),
        variant(id="own-country", country="ETH", addresses=["low_fdi", "low_rd"]),
    ))


def test_select_ranks_by_matches_then_confidence_then_megatrend(tmp_path):
    cases = selection_library(tmp_path)
    chosen = select_cases(cases, ["low_fdi", "low_rd"], megatrend="digital",
                          exclude_country="ETH", k=10)
    assert [c.id for c in chosen] == ["two-flags-medium", "one-flag-high-digital",
                                      "one-flag-high-green", "one-flag-medium"]
    top = select_cases(cases, ["low_fdi", "low_rd"], k=1)
    assert [c.id for c in top] == ["own-country"]


def test_select_rejects_unknown_flag(tmp_path):
    with pytest.raises(DataError, match="unknown challenge flag.*'low_mood'"):
        select_cases(selection_library(tmp_path), ["low_mood"])


def test_select_on_real_library_finds_green_cases():
    chosen = select_cases(load_cases(), ["low_renewable_share", "high_emission_intensity"],
                          megatrend="green", k=3)
    assert len(chosen) == 3
    assert all({"low_renewable_share", "high_emission_intensity"} <= set(c.addresses)
               for c in chosen)


def test_table_and_markdown_show_the_case():
    cases = load_cases()
    table = cases_table(cases)
    assert len(table) == len(cases)
    assert table.loc[table["id"] == "ken-mpesa-test-and-learn", "country"].item() == "Kenya"
    text = case_markdown(next(c for c in cases if c.id == "euu-emissions-trading-system"))
    assert text.startswith("### EU Emissions Trading System (European Union, 2005–)")
    assert "*Source:* The joint impact" in text and "OECD" in text
