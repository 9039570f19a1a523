"""Indicator labels with their article in French and Spanish (``i18n.labels``,
``data/label_articles.csv``): the forms a template writes, a row for every indicator, and
English left as it was."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from policylab import paths
from policylab.catalogue import load_catalogue
from policylab.i18n import using_language
from policylab.i18n.labels import ARTICLES, LabelPhrase, label_articles, label_phrase
from policylab.narrative.messages import change_message, level_vs_group_message
from policylab.pack.dataset import Dataset


@pytest.mark.parametrize(("indicator", "text", "the", "the_cap", "of_the"), [
    ("industry_share_gdp", "valeur ajoutée de l'industrie", "la valeur ajoutée de l'industrie",
     "La valeur ajoutée de l'industrie", "de la valeur ajoutée de l'industrie"),
    ("gdp_per_capita", "PIB par habitant", "le PIB par habitant", "Le PIB par habitant",
     "du PIB par habitant"),
    ("eci", "indice de complexité économique", "l'indice de complexité économique",
     "L'indice de complexité économique", "de l'indice de complexité économique"),
    ("co2_mt", "émissions de CO2", "les émissions de CO2", "Les émissions de CO2",
     "des émissions de CO2"),
])
def test_french_forms(indicator, text, the, the_cap, of_the):
    with using_language("fr"):
        phrase = label_phrase(indicator, text)
    assert (phrase.the, phrase.The, phrase.of_the) == (the, the_cap, of_the)
    template = "{label}"
    assert phrase == text and template.format(label=phrase) == text


@pytest.mark.parametrize(("indicator", "text", "the", "of_the"), [
    ("industry_share_gdp", "valor agregado de la industria",
     "el valor agregado de la industria", "del valor agregado de la industria"),
    ("manuf_share_merch_exports", "participación de las manufacturas",
     "la participación de las manufacturas", "de la participación de las manufacturas"),
    ("internet_users_share", "usuarios de internet", "los usuarios de internet",
     "de los usuarios de internet"),
    ("co2_mt", "emisiones de CO2", "las emisiones de CO2", "de las emisiones de CO2"),
])
def test_spanish_forms(indicator, text, the, of_the):
    with using_language("es"):
        phrase = label_phrase(indicator, text)
    assert (phrase.the, phrase.of_the) == (the, of_the)
    assert phrase.The == the[:1].upper() + the[1:]


def test_english_is_the_plain_text():
    with using_language("en"):
        phrase = label_phrase("mva_share_gdp", "manufacturing value added")
    assert isinstance(phrase, LabelPhrase) and str(phrase) == "manufacturing value added"
    template = "{label} rose"
    assert template.format(label=phrase) == "manufacturing value added rose"
    assert phrase.the == "the manufacturing value added"
    assert phrase.of_the == "of the manufacturing value added"


def test_an_unknown_indicator_keeps_the_plain_text():
    with using_language("fr"):
        phrase = label_phrase("no_such_indicator", "chose")
    assert (phrase.the, phrase.The, phrase.of_the) == ("chose", "Chose", "chose")


def test_every_indicator_has_a_valid_article_row():
    from policylab.lessons.value_chains.fdi import RATIOS

    with open(paths.project_root() / "data" / "label_articles.csv", encoding="utf-8",
              newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "an id appears twice"
    for row in rows:
        for language, allowed in ARTICLES.items():
            assert row[language] in allowed, (row["id"], language, row[language])
    known = set(load_catalogue()) | set(RATIOS)
    assert not set(load_catalogue()) - set(ids), sorted(set(load_catalogue()) - set(ids))
    assert not set(ids) - known, sorted(set(ids) - known)
    assert set(label_articles()) == set(ids)


def test_french_articles_agree_with_obvious_head_nouns():
    """A guard on the table: labels whose translated head noun is plural take les / los,
    las; "Part" and "Participación" take la."""
    catalogue = load_catalogue()
    articles = label_articles()
    for language, plural, part in (("fr", ("les",), "Part "), ("es", ("los", "las"),
                                                                  "Participación ")):
        with using_language(language):
            for ind in catalogue.values():
                first = ind.label.split(" ")[0]
                if ind.label.startswith(part):
                    assert articles[ind.id][language] == "la", (ind.id, ind.label)
                elif first.endswith("s") and first[:1].isupper() and not first.isupper():
                    if first in ("Índice", "Indice", "Accès", "Pays"):
                        continue
                    assert articles[ind.id][language] in plural, (ind.id, ind.label)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    catalogue = {key: load_catalogue()[key] for key in ("industry_share_gdp",)}
    countries = pd.DataFrame(
        [("GHA", "GH", "Ghana", "Sub-Saharan Africa", "Lower middle income", False),
         ("KEN", "KE", "Kenya", "Sub-Saharan Africa", "Lower middle income", False),
         ("NGA", "NG", "Nigeria", "Sub-Saharan Africa", "Lower middle income", False),
         ("TZA", "TZ", "Tanzania", "Sub-Saharan Africa", "Lower middle income", False)],
        columns=["iso3", "iso2", "name", "region", "income_group", "is_aggregate"])
    obs = pd.DataFrame([("GHA", 2015, "industry_share_gdp", 25.0),
                        ("GHA", 2023, "industry_share_gdp", 29.3),
                        ("KEN", 2023, "industry_share_gdp", 17.0),
                        ("NGA", 2023, "industry_share_gdp", 22.0),
                        ("TZA", 2023, "industry_share_gdp", 27.0)],
                       columns=["iso3", "year", "indicator", "value"])
    trade = pd.DataFrame(columns=["exporter", "product", "year", "value"])
    products = pd.DataFrame(columns=["code", "name", "name_short", "section"])
    return Dataset.from_frames(obs, countries, trade, products, {}, catalogue)


def test_narrative_names_the_indicator_with_its_article(ds):
    english = level_vs_group_message(ds, "industry_share_gdp", "GHA", "region").text
    assert english.startswith("Ghana's industry value added stood at")
    with using_language("fr"):
        text = level_vs_group_message(ds, "industry_share_gdp", "GHA", "region").text
        moved = change_message(ds, "industry_share_gdp", "GHA", 2015).text
    assert text.startswith("La valeur ajoutée de l'industrie du Ghana s'établissait à"), text
    assert "l'indicateur" not in text
    assert moved.startswith("La valeur ajoutée de l'industrie du Ghana a évolué de"), moved
    with using_language("es"):
        text = level_vs_group_message(ds, "industry_share_gdp", "GHA", "region").text
    assert text.startswith("El valor agregado de la industria de Ghana se situaba en"), text


def test_a_verb_agrees_with_a_plural_label():
    template = "{label.The} du Kenya {label:s'établissait|s'établissaient} à {value}"
    with using_language("fr"):
        plural = label_phrase("co2_per_capita", "émissions de CO2 par habitant")
        singular = label_phrase("gdp_per_capita", "PIB par habitant")
    assert template.format(label=plural, value=1) == (
        "Les émissions de CO2 par habitant du Kenya s'établissaient à 1")
    assert template.format(label=singular, value=1) == (
        "Le PIB par habitant du Kenya s'établissait à 1")
    with using_language("es"):
        phrase = label_phrase("internet_users_share", "usuarios de internet")
    template = "{label.The} de Ghana {label:se situaba|se situaban}"
    assert template.format(label=phrase) == "Los usuarios de internet de Ghana se situaban"


def test_every_translation_naming_a_plural_subject_chooses_its_verb():
    """A French or Spanish template that opens on ``{label.The}`` names the label as the
    subject: its verb must agree (``{label:singular|plural}``)."""
    from policylab.i18n.catalogues import LIBRARY_DOMAIN, po_path, read_catalogue

    for language in ("fr", "es"):
        for message in read_catalogue(po_path(language, LIBRARY_DOMAIN), language):
            text = message.string if isinstance(message.string, str) else ""
            if text.startswith("{label.The}"):
                assert "{label:" in text, (language, message.id)
