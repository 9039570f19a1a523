"""Country resolution: Namibia-safe converter, names and codes, clear errors."""

from __future__ import annotations

import re

import pytest
import yaml

from policylab import countries
from policylab.countries import converter, names_to_iso3, resolve_country
from policylab.errors import CountryError
from policylab.paths import project_root

KNOWN = {"NAM": "Namibia", "KEN": "Kenya", "VNM": "Viet Nam", "CIV": "Cote d'Ivoire",
         "COG": "Congo, Rep.", "COD": "Congo, Dem. Rep."}


def test_converter_knows_namibia_by_name_and_iso2_code():
    assert converter().convert("Namibia", to="ISO2") == "NA"
    assert converter().convert("NA", src="ISO2", to="ISO3") == "NAM"
    assert converter() is converter()  # built once


def test_names_to_iso3_reports_unmatched_names_as_empty():
    found = names_to_iso3(["Namibia", "World", "Ivory Coast"])
    assert found == {"Ivory Coast": ["CIV"], "Namibia": ["NAM"], "World": []}


@pytest.mark.parametrize("text, expected", [
    ("NAM", "NAM"), ("nam", "NAM"), (" Namibia ", "NAM"), ("namibia", "NAM"),
    ("Vietnam", "VNM"), ("Ivory Coast", "CIV"), ("Democratic Republic of the Congo", "COD"),
])
def test_resolve_country_accepts_codes_and_names(text, expected):
    assert resolve_country(text, KNOWN) == expected


def test_resolve_country_accepts_a_plain_list_of_codes():
    assert resolve_country("Kenya", ["KEN", "NAM"]) == "KEN"


def test_unknown_country_suggests_close_names():
    with pytest.raises(CountryError, match=r"unknown country 'Namibya'.*Namibia \(NAM\)"):
        resolve_country("Namibya", KNOWN)


def test_country_outside_the_data_is_named_as_such():
    with pytest.raises(CountryError, match=r"'France' \(FRA\) is not in the data"):
        resolve_country("France", KNOWN)


def test_empty_country_is_an_error():
    with pytest.raises(CountryError, match="empty country"):
        resolve_country("  ", KNOWN)


def test_ambiguous_name_lists_the_candidates(monkeypatch):
    monkeypatch.setattr(countries, "names_to_iso3", lambda names: {n: ["COG", "COD"]
                                                                   for n in names})
    with pytest.raises(CountryError, match=r"ambiguous country 'the Congo'.*COG.*COD"):
        resolve_country("the Congo", KNOWN)


@pytest.mark.parametrize("query, expected", [
    ("Congo", ["COD", "COG"]), ("Korea", ["KOR", "PRK"]), ("virgin islands", ["VGB", "VIR"])])
def test_a_name_shared_by_several_economies_stops_with_all_of_them(query, expected):
    """The converter alone turns "Congo" into COG and "Korea" into KOR, silently."""
    names = {"COD": "Congo, Dem. Rep.", "COG": "Congo, Rep.", "KOR": "Korea, Rep.",
             "PRK": "Korea, Dem. People's Rep.", "VGB": "British Virgin Islands",
             "VIR": "Virgin Islands (U.S.)", "NER": "Niger", "NGA": "Nigeria"}
    with pytest.raises(CountryError, match="ambiguous country") as caught:
        resolve_country(query, names)
    for code in expected:
        assert code in str(caught.value)
    assert resolve_country("Niger", names) == "NER"  # an exact name is not ambiguous
    assert resolve_country("Nigeria", names) == "NGA"


def test_a_name_of_one_economy_held_by_another_is_ambiguous():
    """The pack shows COG as "Congo" (its UN short name): an exact name is still ambiguous
    when another economy's name holds it as whole words."""
    names = {"COG": "Congo", "COD": "Democratic Republic of the Congo", "NER": "Niger",
             "NGA": "Nigeria", "CHN": "China", "HKG": "China, Hong Kong SAR"}
    with pytest.raises(CountryError, match=r"ambiguous country 'Congo'.*COD.*COG"):
        resolve_country("Congo", names)
    assert resolve_country("Democratic Republic of the Congo", names) == "COD"
    assert resolve_country("Niger", names) == "NER"
    # the query only qualifies Hong Kong's name: the rest still names Hong Kong
    assert resolve_country("China", names) == "CHN"


@pytest.mark.realdata
def test_the_real_economies_names_resolve_or_stop_as_ambiguous(shared_raw):
    """Against the World Bank's economies with their official names, as the pack has them."""
    from policylab.raw import economies

    table = economies.read_economies(shared_raw / economies.RELPATH)
    names = dict(zip(table.loc[~table["is_aggregate"], "iso3"],
                     table.loc[~table["is_aggregate"], "name"], strict=True))
    assert names["COG"] == "Congo"
    for query, candidates in [("Congo", {"COG", "COD"}), ("Korea", {"KOR", "PRK"}),
                              ("Guinea", {"GIN", "GNQ", "GNB", "PNG"}),
                              ("Sudan", {"SDN", "SSD"})]:
        with pytest.raises(CountryError, match="ambiguous country") as caught:
            resolve_country(query, names)
        assert set(re.findall(r"\b([A-Z]{3}) \(", str(caught.value))) == candidates, query
    for query, iso3 in [("Niger", "NER"), ("Nigeria", "NGA"), ("Dominica", "DMA"),
                        ("Dominican Republic", "DOM"), ("China", "CHN"), ("Ireland", "IRL"),
                        ("United States", "USA"), ("Congo Republic", "COG"),
                        ("DR Congo", "COD"), ("COG", "COG")]:
        assert resolve_country(query, names) == iso3, query
    # every name the pack shows names its own economy, or stops listing it among others
    for iso3, name in names.items():
        try:
            assert resolve_country(name, names) == iso3
        except CountryError as exc:
            assert "ambiguous" in str(exc) and f"{iso3} (" in str(exc), exc
    # the workshops shipped with the project resolve as they are
    for path in (project_root() / "params" / "workshops").glob("*.yml"):
        listed = yaml.safe_load(path.read_text(encoding="utf-8"))["countries"]
        for text in [] if listed == "all" else listed:
            resolve_country(text, names)
