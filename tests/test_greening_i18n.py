"""The greening lesson in French and Spanish, with the real catalogue: whole templates
filled with the country's French forms and numbers written by the language's rules."""

from policylab.i18n import using_language
from policylab.lessons.greening import base
from policylab.metrics.decoupling import DECOUPLING_RULE, RELATIVE
from policylab.narrative import changes
from policylab.narrative.format import percentile_rank


def test_change_words_in_french() -> None:
    with using_language("fr"):
        assert changes.movement(10.0, 12.0, "t") == "en hausse de 20,0\u00a0%, à 12,0 t"
    with using_language("es"):
        assert changes.movement(10.0, 12.0, "t") == "en aumento del 20,0\u00a0%, hasta 12,0 t"
    assert changes.movement(10.0, 12.0, "t") == "rose by 20.0% to 12.0 t"


def test_trend_words_and_tonnes_in_french() -> None:
    with using_language("fr"):
        assert base.trend_words().moved == "{who}\u00a0: {moved} entre {y0} et {y1}"
        assert "de tonnes de CO2" in changes.tonnes(21.6)
    with using_language("es"):
        assert changes.tonnes(21.6).endswith("de toneladas de CO2")


def test_country_forms_in_the_lessons_templates() -> None:
    from policylab.i18n import _
    from policylab.i18n.names import CountryName
    title = base.TITLE_SUBJECTS["co2_industry_share"]
    assert _(title).format(country=CountryName("Kenya", "le")) == \
        "Industry's share of Kenya's CO2 emissions"
    assert _(title).format(country=CountryName("Philippines")) == \
        "Industry's share of the Philippines' CO2 emissions"
    with using_language("fr"):
        assert "du Kenya" in _(title).format(country=CountryName("Kenya", "le"))


def test_decoupling_rule_and_status_translated() -> None:
    from policylab.i18n import _
    with using_language("fr"):
        assert _(RELATIVE) == "découplage relatif"
        assert _(DECOUPLING_RULE).startswith("Découplage absolu\u00a0:")
    with using_language("es"):
        assert _(RELATIVE) == "desacoplamiento relativo"
    assert _(RELATIVE) == "relative decoupling"


def test_rank_words() -> None:
    assert percentile_rank(14.2) == "14th"
    with using_language("fr"):
        assert percentile_rank(14.2) == "14e"
    with using_language("es"):
        assert percentile_rank(14.2) == "14"


def test_what_if_message_and_decoupling_rule_in_french(tiny_dataset, monkeypatch):
    """A whole key message of the lesson in French: the country's French forms, French
    numbers and the translated legend of the what-if chart."""
    from unittest import mock

    from policylab.lessons import greening
    from policylab.lessons.common import start
    from policylab.lessons.greening import what_if
    from policylab.text import format_value

    monkeypatch.setattr(what_if, "MIN_GROWTH_YEARS", 2)
    with mock.patch("policylab.lessons.context.display"), mock.patch("policylab.display.display"):
        lesson = start(greening.SPEC, "KEN", ["NAM", "BRA", "DEU"], 2000, 2002, ds=tiny_dataset)
        scenario = what_if.what_if(lesson, 0.02, 2010)
        with using_language("fr"):
            text = what_if.what_if_message(lesson, scenario).text
            flat = format_value(100 * scenario.flat_improvement, "%")
            fig = what_if.what_if_chart(lesson, scenario)
    assert text.startswith("Si le PIB ")
    assert "2,00\u00a0% par an" in text and "(la dernière année disponible)" in text
    assert text.endswith(f"pour les stabiliser, l'intensité devrait baisser de {flat} par an.")
    assert "," in flat
    assert {t.name for t in fig.data} >= {"Émissions observées", "Projection, intensité inchangée"}
