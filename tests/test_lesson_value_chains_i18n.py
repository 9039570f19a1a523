"""The value-chains lesson in French and Spanish, with the real catalogue: whole sentences
with the country inflected, numbers written the language's way; English unchanged,
possessive included."""

from __future__ import annotations

import pytest

from policylab.i18n import using_language
from policylab.lessons import value_chains as vc
from policylab.lessons.common import start
from policylab.lessons.value_chains import fdi
from policylab.text.figures import fixed, share_figures

NBSP = "\u00a0"


@pytest.fixture()
def kenya(tiny_dataset):
    return start(vc.SPEC, "KEN", ["NAM", "BRA", "DEU"], ds=tiny_dataset)


def test_english_possessive_is_the_country_names():
    from policylab.i18n.names import CountryName
    philippines = CountryName("Philippines")
    template = "{country.Possessive} exports and {country.possessive} imports"
    assert template.format(country=philippines) == \
        "The Philippines' exports and the Philippines' imports"
    template = "In 2016, {country.possessive} exports"
    assert template.format(country=CountryName("Kenya")) == "In 2016, Kenya's exports"


def test_worked_example_exercise_in_french():
    with using_language("fr"):
        exercise = vc.example.worked_example_exercise()
        table = vc.example.example_exports()
    assert "Pays B" in table.index and "Vêtements" in table.columns
    assert "calculez l'ACR de Pays B pour le produit «\u00a0vêtements\u00a0»" in exercise.question
    assert exercise.explanation == (f"ACR = (25 / 95) / (115 / 612) = 1,40{NBSP}: au moins 1, "
                                    "comme l'indique M = 1 dans le tableau de l'étape 3.")
    assert exercise.answer == pytest.approx(1.40, abs=0.01)


def test_worked_example_exercise_in_spanish_and_english():
    with using_language("es"):
        assert vc.example.worked_example_exercise().question.startswith(
            "Ejemplo práctico (cifras inventadas, no datos reales). A partir del cuadro del "
            "paso 1, calcule la VCR de País B")
    assert vc.example.worked_example_exercise().explanation == \
        "RCA = (25 / 95) / (115 / 612) = 1.40: at least 1, as M = 1 in the step 3 table shows."


def test_fdi_message_inflects_the_country_in_french(kenya):
    english = fdi.fdi_message(kenya).text
    with using_language("fr"):
        french = fdi.fdi_message(kenya).text
    assert english.startswith("Kenya received ")
    assert french.startswith("Le Kenya a reçu ") and "d'entrées nettes d'IDE en " in french
    assert "% du PIB" in french.replace(NBSP, " ") or "du PIB" in french


def test_numbers_and_shares_follow_the_language():
    assert share_figures(12.345) == "12.3%" and fixed(-0.291, 2) == "-0.29"
    with using_language("fr"):
        assert share_figures(12.345) == f"12,3{NBSP}%"
        assert fixed(0.5, 1, "%") == f"0,5{NBSP}%"
        assert vc.complexity.fit_rule_text().startswith(
            "**Quand un pays est-il plus ou moins complexe que ne le prédit son revenu\u202f?**")
        assert "1,4826 × la médiane des écarts" in vc.complexity.fit_rule_text()


def test_cleaning_reasons_are_translated_with_their_figures():
    from policylab.metrics.complexity import dropped_reason

    english = "exports fewer than 10 products"
    assert dropped_reason(english) == english
    with using_language("fr"):
        assert dropped_reason(english) == "exporte moins de 10 produits"
    with using_language("es"):
        assert dropped_reason("no product with RCA >= 1") == "ningún producto con VCR >= 1"
    small = "total exports below the 25% quantile of exporters"
    with using_language("fr"):
        assert dropped_reason(small) == ("exportations totales inférieures au quantile "
                                         "25\u00a0% des exportateurs")


def test_forum_names_why_a_country_has_no_product_analysis_in_the_language(real_pack):
    """The forum's list of countries left out of the product analysis gave the cleaning's
    reason in English on French pages ("Rwanda (total exports below ...)")."""
    from policylab.metrics.collaboration import uncovered
    from policylab.pack.dataset import load

    ds = load(real_pack)
    with using_language("fr"):
        reasons = uncovered(ds, ["RWA", "KEN"])
    assert reasons and all("exports" not in reason for reason in reasons.values()), reasons
