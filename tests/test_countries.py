"""Country resolution: Namibia-safe converter, names and codes, clear errors."""

from __future__ import annotations

import pytest

from policylab import countries
from policylab.countries import converter, names_to_iso3, resolve_country
from policylab.errors import CountryError

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
