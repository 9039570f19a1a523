"""Numbers in each language's conventions; English exactly as before."""

from __future__ import annotations

import pytest

from policylab.i18n import plotly_separators, set_language, using_language
from policylab.text import MINUS, format_value, join_list, signed, with_unit

NNBSP = "\u202f"  # narrow no-break space: French thousands
NBSP = "\u00a0"  # no-break space: before % and units in French and Spanish


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


def test_english_is_unchanged():
    assert format_value(7.6, "%") == "7.60%"
    assert format_value(1234.5, decimals=1) == "1,234.5"
    assert format_value(-2.5) == f"{MINUS}2.50"
    assert format_value(12.34, "% of GDP") == "12.3% of GDP"
    assert format_value(48.46e6, words=True) == "48.5 million"
    assert signed(2.4, "%") == "+2.40%"
    assert join_list(["A", "B", "C"]) == "A, B and C"


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["7,6\u00a0%", "1\u202f234,5", "12\u202f345,5", "1\u202f234\u202f567"]),
    ("es", ["7,6\u00a0%", "1234,5", "12.345,5", "1.234.567"]),
    ("en", ["7.6%", "1,234.5", "12,345.5", "1,234,567"]),
])
def test_separators_and_percent(language, expected):
    with using_language(language):
        assert [format_value(7.6, "%", decimals=1), format_value(1234.5, decimals=1),
                format_value(12345.5, decimals=1), format_value(1234567)] == expected


def test_negative_numbers_keep_the_true_minus_and_zero_has_no_sign():
    with using_language("fr"):
        assert format_value(-1234.5, decimals=1) == f"{MINUS}1{NNBSP}234,5"
        assert signed(-0.8, "points") == f"{MINUS}0,80{NBSP}points"
        assert signed(2.4, "%") == f"+2,40{NBSP}%"
        assert signed(0.0001, decimals=1) == "0,0"
        assert format_value(-0.0001, decimals=1) == "0,0"
    with using_language("es"):
        assert format_value(-12345.6, decimals=1) == f"{MINUS}12.345,6"
        assert signed(-2.5, "%") == f"{MINUS}2,50{NBSP}%"


def test_units_and_percent_of_something_in_french():
    with using_language("fr"):
        assert format_value(12.34, "% du PIB") == f"12,3{NBSP}% du PIB"
        assert format_value(3.2, "t") == f"3,20{NBSP}t"
        assert with_unit("5", None) == "5"
        assert format_value(None) == "\u2013" and format_value(float("nan"), "%") == "\u2013"


def test_scale_words_agree_with_the_number():
    with using_language("fr"):
        assert format_value(1.5e6, words=True) == f"1,5{NBSP}million"
        assert format_value(48.46e6, words=True) == f"48,5{NBSP}millions"
        assert format_value(2.2e9, words=True) == f"2,2{NBSP}milliards"
        assert format_value(3e12, words=True) == f"3,0{NBSP}billions"
        assert format_value(2.2e9, "euros", words=True) == f"2,2{NBSP}milliards d’euros"
        assert format_value(2.2e9, "US$", words=True) == f"2,2{NBSP}milliards de US$"
    with using_language("es"):
        assert format_value(1e6, decimals=0, words=True) == f"1{NBSP}millón"
        assert format_value(1.5e6, words=True) == f"1,5{NBSP}millones"
        assert format_value(4.2e9, words=True) == f"4,2{NBSP}mil millones"
        assert format_value(4.2e9, "toneladas", words=True) == \
            f"4,2{NBSP}mil millones de toneladas"


def test_lists_take_the_languages_conjunctions():
    with using_language("fr"):
        assert join_list(["Kenya", "Éthiopie", "Ouganda"]) == "Kenya, Éthiopie et Ouganda"
        assert join_list(["Kenya", "Ouganda"], "or") == "Kenya ou Ouganda"
    with using_language("es"):
        assert join_list(["Kenia", "Etiopía", "Uganda"]) == "Kenia, Etiopía y Uganda"
        assert join_list(["España", "Italia"]) == "España e Italia"
        assert join_list(["Kenia", "hielo"]) == "Kenia y hielo"
        assert join_list(["Kenia", "Omán"], "or") == "Kenia u Omán"
        assert join_list(["A", "B"], "ni") == "A ni B"  # any other word is used as given


def test_plotly_separators_follow_the_language():
    assert plotly_separators("en") == ".,"
    assert plotly_separators("fr") == f",{NNBSP}"
    assert plotly_separators("es") == ",."


def test_a_french_unit_noun_is_singular_below_two():
    """French counts 0,38 and 1,5 as one: "0,38 tonne", "1,50 million de tonnes"; Spanish
    and English keep their plural; a quantity that is written "2,00" is plural."""
    from policylab.narrative import fmt_quantity

    set_language("fr")
    assert fmt_quantity(0.38, "tonnes de CO2 par habitant") == "0,38 tonne de CO2 par habitant"
    assert fmt_quantity(1.5, "millions de tonnes de CO2") == "1,50 million de tonnes de CO2"
    assert fmt_quantity(1.996, "tonnes de CO2 par habitant") == "2,00 tonnes de CO2 par habitant"
    assert fmt_quantity(-1.5, "personnes") == f"{MINUS}1,50 personne"
    assert format_value(0.7, "tonnes de CO2") == f"0,70{NBSP}tonne de CO2"
    assert fmt_quantity(0.38, "kg CO2 par $ PPA de 2021") == "0,38 kg CO2 par $ PPA de 2021"
    set_language("es")
    assert fmt_quantity(0.38, "toneladas de CO2 por habitante") == \
        "0,38 toneladas de CO2 por habitante"
    set_language("en")
    assert fmt_quantity(0.38, "tonnes CO2 per person") == "0.38 tonnes CO2 per person"


def test_a_unit_after_a_scale_word_is_joined_as_the_language_joins_it():
    from policylab.narrative import fmt_quantity

    set_language("fr")
    assert fmt_quantity(1_234_567, "personnes") == f"1,2{NBSP}million de personnes"
    set_language("es")
    assert fmt_quantity(1_234_567, "personas") == f"1,2{NBSP}millones de personas"
    set_language("en")
    assert fmt_quantity(1_234_567, "people") == "1.2 million people"


def test_points_agree_with_the_number_as_written():
    """The plural follows the figure the reader sees, by CLDR: "2,00" (from 1.996) is plural
    in French, "1,50" singular; Spanish and English are singular only for one."""
    from policylab.narrative.changes import points

    set_language("fr")
    assert points(1.996) == "2,00 points de pourcentage"
    assert points(1.5) == "1,50 point de pourcentage"
    set_language("es")
    assert points(1.5) == "1,50 puntos porcentuales"
    set_language("en")
    assert points(1) == "1 percentage point" and points(0.43) == "0.43 percentage points"
