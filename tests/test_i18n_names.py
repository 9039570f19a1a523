"""Country names in each language: UN names from the table, else Babel's, English as is."""

from __future__ import annotations

import csv

import pytest
from babel import Locale

from policylab.countries import iso2_codes
from policylab.i18n import country_name, set_language, using_language
from policylab.i18n.names import country_names
from policylab.paths import project_root


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


@pytest.mark.parametrize(("iso3", "en", "fr", "es"), [
    ("DEU", "Germany", "Allemagne", "Alemania"),
    ("CIV", "Côte d'Ivoire", "Côte d’Ivoire", "Côte d’Ivoire"),
    ("VNM", "Viet Nam", "Viet Nam", "Viet Nam"),  # UN name, not Babel's Viêt Nam / Vietnam
    ("TUR", "Türkiye", "Türkiye", "Türkiye"),
    ("TZA", "United Republic of Tanzania", "République-Unie de Tanzanie",
     "República Unida de Tanzanía"),
    ("NAM", "Namibia", "Namibie", "Namibia"),  # ISO2 "NA" is not "missing"
    ("GBR", "United Kingdom of Great Britain and Northern Ireland",
     "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
     "Reino Unido de Gran Bretaña e Irlanda del Norte"),
    ("GRC", "Greece", "Grèce", "Grecia"),  # coco's ISO2 cell is a pattern "^GR$|^EL$"
])
def test_names_in_each_language(iso3, en, fr, es):
    assert [country_name(iso3, lang) for lang in ("en", "fr", "es")] == [en, fr, es]


def test_the_current_language_and_the_callers_english_name():
    assert country_name("KEN", english="Kenya (given)") == "Kenya (given)"
    with using_language("es"):
        assert country_name("ken") == "Kenia"
        assert country_names({"DEU": "Germany", "WLD": "World"}) == {
            "DEU": "Alemania", "WLD": "Mundo"}  # no ISO2: a group, from the catalogue
    assert country_names(["DEU"], "fr") == {"DEU": "Allemagne"}


def test_official_names_table_adds_only_names_that_differ_from_babels():
    path = project_root() / "data" / "official_names.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["iso3", "name", "world_bank_name", "name_fr", "name_es"]
        rows = list(reader)
    codes = iso2_codes()
    filled = 0
    for row in rows:
        for lang in ("fr", "es"):
            name = row[f"name_{lang}"]
            if name:
                filled += 1
                assert name != Locale.parse(lang).territories.get(codes.get(row["iso3"], "")), row
                assert name == name.strip() and "  " not in name
    assert filled > 20


@pytest.mark.parametrize(("name", "possessive", "start"), [
    ("Kenya", "Kenya's", "Kenya's"),
    ("Philippines", "the Philippines'", "The Philippines'"),  # "the", and s takes only '
    ("Honduras", "Honduras'", "Honduras'"),  # a name ending in s
    ("Gambia", "the Gambia's", "The Gambia's"),
    ("United States", "the United States'", "The United States'"),
    ("Republic of Korea", "the Republic of Korea's", "The Republic of Korea's"),
    ("Viet Nam", "Viet Nam's", "Viet Nam's"),
])
def test_country_name_english_possessive(name, possessive, start) -> None:
    """``{country.possessive}`` / ``{country.Possessive}`` in English templates: the one
    possessive of the text layer (``text.possessive``), whatever the name's French forms."""
    from policylab.i18n.names import CountryName
    from policylab.text import possessive as text_possessive

    for country in (CountryName(name), CountryName(name, "les", "")):
        assert country.possessive == possessive == text_possessive(name)
        assert country.Possessive == start == text_possessive(name, start=True)
        template = "{c.Possessive} MVA, {c.possessive} GDP"
        assert template.format(c=country) == f"{start} MVA, {possessive} GDP"


def test_dataset_names_carry_the_possessive(tiny_dataset) -> None:
    """``ds.name()`` in every language is a name with the possessive (English templates) and
    the French forms (French templates)."""
    for language in ("en", "fr", "es"):
        with using_language(language):
            name = tiny_dataset.name("KEN")
            assert name.possessive == f"{name}'s"
            assert name.du
