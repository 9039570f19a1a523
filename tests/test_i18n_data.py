"""The data files' texts in French and Spanish: indicator labels and units, country names
with their French articles, sources' words and policy cases, from the real catalogues."""

from __future__ import annotations

import csv

import pytest

from policylab import paths
from policylab.cases import case_markdown, load_cases
from policylab.catalogue import load_catalogue
from policylab.i18n import using_language
from policylab.i18n.data import data_entries
from policylab.i18n.groups import group_name
from policylab.i18n.names import CountryName, french_articles
from policylab.text import format_value, with_unit


def test_indicator_label_and_unit_follow_the_language():
    mva = load_catalogue()["mva_share_gdp"]
    assert (mva.label, mva.unit) == ("Manufacturing value added", "% of GDP")
    with using_language("fr"):
        assert mva.label == "Valeur ajoutée manufacturière"
        assert with_unit(format_value(12.345), mva.unit) == "12,3\u00a0% du PIB"
        assert mva.in_english("label") == "Manufacturing value added"
    with using_language("es"):
        assert mva.label == "Valor agregado manufacturero"
        assert mva.unit == "% del PIB"
    assert mva.label == "Manufacturing value added"


def test_every_indicator_has_a_french_and_spanish_label_and_unit():
    catalogue = load_catalogue()
    for language in ("fr", "es"):
        with using_language(language):
            untranslated = [i.id for i in catalogue.values()
                            if i.label == i.in_english("label") and i.id != "population"]
        assert untranslated == [], language


def test_dataset_names_countries_and_sources_in_the_language(tiny_dataset):
    assert tiny_dataset.name("KEN") == "Kenya" and isinstance(tiny_dataset.name("KEN"),
                                                                CountryName)
    with using_language("fr"):
        assert tiny_dataset.name("KEN").du == "du Kenya"
        assert "{country.Le} se classe".format(country=tiny_dataset.name("KEN")) == \
            "Le Kenya se classe"
        assert tiny_dataset.countries().loc["DEU", "name"] == "Allemagne"
        assert tiny_dataset.resolve("Allemagne") == "DEU"
        publishers = set(tiny_dataset.sources(["mva_share_gdp"])["publisher"])
        assert any(p.startswith("Banque mondiale") for p in publishers)
    with using_language("es"):
        assert tiny_dataset.name("DEU") == "Alemania"
    assert tiny_dataset.resolve("Alemania") == "DEU"
    assert tiny_dataset.countries().loc["DEU", "name"] == "Germany"


def test_every_economy_in_the_pack_has_a_french_article_row():
    import policylab

    with open(paths.project_root() / "data" / "country_articles_fr.csv",
              encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(r["article"] in ("", "le", "la", "l'", "les") for r in rows)
    assert all(r["place"] in ("", "en", "à", "au", "aux") for r in rows)
    try:
        ds = policylab.load()
    except Exception:  # noqa: BLE001 (no built pack on this machine)
        pytest.skip("no data pack")
    missing = set(ds.countries().index) - set(french_articles())
    assert not missing, sorted(missing)


def test_group_names_and_cases_in_french():
    with using_language("fr"):
        assert group_name("Lower middle income").startswith("Revenu intermédiaire")
        assert group_name("World") == "Monde"
        case = next(c for c in load_cases() if c.id == "kor-heavy-chemical-industry-drive")
        text = case_markdown(case)
        assert "**Objectif.**" in text and "(République de Corée, 1973–1979)" in text
        assert "*Source\u00a0:*" in text


def test_data_entries_are_keyed_by_file_entry_and_field():
    contexts = {context for context, _text, _where in data_entries(paths.project_root())}
    assert "indicators:gdp_usd:label" in contexts
    assert "policy_cases:kor-heavy-chemical-industry-drive:results" in contexts
    assert "sources:publisher" in contexts


def test_vintage_text_is_the_manifests_in_english_and_written_in_french():
    from policylab.i18n.vintage import vintage_text

    catalogue = load_catalogue()
    manifest = {"vintage": "WDI 2026-07 (data to 2025)", "sources": [
        {"file": "wdi/NY.GDP.MKTP.CD.csv", "provenance": "mirror, snapshot of 2026-07-01",
         "first_year": 1960, "last_year": 2025},
        {"file": "complexity/growth_lab_eci_rankings.csv", "provenance": "",
         "first_year": 1995, "last_year": 2024}]}
    assert vintage_text(manifest, catalogue) == "WDI 2026-07 (data to 2025)"
    with using_language("fr"):
        assert vintage_text(manifest, catalogue) == (
            "WDI 2026-07 (données jusqu'en 2025)\u00a0; ECI du Growth Lab jusqu'en 2024")


def test_panel_reason_is_the_manifests_in_english_and_rewritten_in_french():
    from policylab.i18n.panel import panel_reason

    record = {"wdi_total": 100.0, "panel_total": 95.0, "panel_manuf_share": 23.0,
              "wdi_manuf_share": 8.5, "reason": "manufactures share 23.0% in the panel "
              "against 8.5% in WDI (more than 10 points apart)"}
    assert panel_reason(record) == record["reason"]
    with using_language("fr"):
        assert panel_reason(record) == ("part des produits manufacturés de 23,0\u00a0% dans le "
                                        "panel contre 8,5\u00a0% dans les WDI (écart de plus "
                                        "de 10 points)")


def test_a_source_code_in_words_is_translated_and_a_code_is_not():
    """The Codes column and chart source lines show publishers' codes as published, but a
    recipe written in words follows the language (a French forum page once listed
    "HS 1992 4-digit exports (complete product panel)")."""
    catalogue = load_catalogue()
    diversity, mva = catalogue["diversity"], catalogue["mva_share_gdp"]
    assert diversity.shown_code == "HS 1992 4-digit exports (complete product panel)"
    with using_language("fr"):
        assert diversity.shown_code.startswith("exportations SH 1992")
        assert mva.shown_code == "NV.IND.MANF.ZS"
        assert diversity.source_code == diversity.in_english("source_code")  # keys stay
    with using_language("es"):
        assert catalogue["cip_rank"].shown_code == "método CIP de la ONUDI"
