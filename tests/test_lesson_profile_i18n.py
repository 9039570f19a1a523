"""The industrial profile lesson in French and Spanish, with the real catalogue: whole
sentences from templates, numbers in each language's conventions, English unchanged."""

from __future__ import annotations

import pytest

from policylab.evidence.deindustrialization import PATTERN_CHOICES, choices
from policylab.i18n import using_language
from policylab.i18n.names import CountryName
from policylab.lessons import context, profile
from policylab.lessons.common import start
from policylab.lessons.profile import trends
from policylab.metrics import cip
from policylab.metrics import world_pattern as wp
from policylab.narrative.changes import moved, points
from policylab.text import format_value


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(context, "display", lambda *a, **k: None)
    monkeypatch.setattr(context, "show", lambda fig: None)
    monkeypatch.setenv("POLICYLAB_STATIC", "1")


def test_percentage_points_in_each_language() -> None:
    assert points(1) == "1 percentage point"
    assert points(-2.5) == "2.50 percentage points"
    with using_language("fr"):
        assert points(4.2) == f"{format_value(4.2)} points de pourcentage"
        assert format_value(4.2) == "4,20"
    with using_language("es"):
        assert points(4.2) == "4,20 puntos porcentuales"


def test_the_profiles_possessive_is_english_only(tiny_dataset) -> None:
    """The profile's templates write ``{country.possessive}`` in English and the country's
    French form in French (the same lesson, the same call)."""
    from policylab.i18n import _
    template = "{country.Possessive} manufacturing share ({share}, {year}) is {distance}"
    assert _(template).format(country=CountryName("Philippines"), share="1", year=2, distance="x") \
        == "The Philippines' manufacturing share (1, 2) is x"
    with using_language("fr"):
        text = _(template).format(country=CountryName("Kenya", "le"), share="1", year=2,
                                  distance="x")
    assert "du Kenya" in text and "'s" not in text


def test_trend_title_in_french_needs_no_agreement(tiny_dataset) -> None:
    lesson = start(profile.SPEC, "KEN", ["NAM", "BRA", "DEU"], 2000, 0, ds=tiny_dataset)
    with using_language("fr"):
        title = trends.trend_title(lesson, "mva_share_gdp")
        eleven, ten = format_value(11.0, "%"), format_value(10.0, "% du PIB")
    assert "du Kenya en baisse\u00a0: de " in title
    assert title.endswith(f"de {eleven} à {ten}, 2000\u20132002") or title.endswith(
        f"de 11,0 à {ten}, 2000\u20132002")
    assert title[0].isupper() and "fell" not in title


def test_method_notes_and_choices_are_translated() -> None:
    with using_language("fr"):
        note = cip.method_note()
        assert note.startswith("**Méthode\u00a0: l'indice composite de performance industrielle "
                               "compétitive (CIP)**")
        assert "du 5e au 95e centile" in note
        assert "de plus de 2,50 points de pourcentage sur la période" in wp.method_note(2.5)
        assert moved(36.7) == f"a augmenté de {format_value(36.7, '%')}"
        assert format_value(36.7, "%") == "36,7\u00a0%"
    with using_language("es"):
        assert choices()[3].startswith("No concluyente: ")
        assert moved(-4.2) == "disminuyó un 4,20\u00a0%"
    assert cip.method_note() == cip.METHOD_NOTE
    assert choices() == PATTERN_CHOICES


def test_per_capita_is_dropped_in_every_language_by_the_english_unit(tiny_dataset) -> None:
    """The decision "the unit already says per person, so the label drops per capita" reads
    the catalogue's English unit and label (``narrative.messages.bare_label``): in French and
    Spanish the unit says "par habitant" / "por persona", and the language's own "per capita"
    is dropped, so the number's unit is not said twice."""
    from policylab.narrative.messages import subject

    ind = tiny_dataset.indicator("mva_per_capita")
    assert subject(tiny_dataset.indicator("mva_per_capita")) == "manufacturing value added"
    with using_language("fr"):
        assert "par habitant" in ind.unit and "per person" not in ind.unit
        assert subject(tiny_dataset.indicator("mva_per_capita")) == "valeur ajoutée manufacturière"
        assert subject(ind) == "valeur ajoutée manufacturière"
        # a label that says "per person" itself keeps it, as in English
        assert subject(tiny_dataset.indicator("co2_per_capita")).endswith("par habitant")
    with using_language("es"):
        assert subject(tiny_dataset.indicator("mva_per_capita")) == "valor agregado manufacturero"


def test_standing_table_headers_start_with_a_capital_in_every_language(tiny_dataset):
    """The group-median headers too: Spanish writes "mediana regional (…)" mid-sentence."""
    for language in ("fr", "es"):
        with using_language(language):
            # the block's language, not start(language=...), which would set the process's
            # language for every later test
            lesson = start(profile.SPEC, "KEN", ["NAM", "BRA", "DEU"], ds=tiny_dataset)
            table = trends.standing_table(lesson)
        for header in [table.index.name, *table.columns]:
            assert header[:1].isupper(), (language, header)
