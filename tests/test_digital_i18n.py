"""The digitalization lesson in French and Spanish, with the real catalogue: whole templates
filled with the country's French forms and numbers written by the language's rules, and the
English text unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

from policylab.i18n import using_language
from policylab.lessons import digital
from policylab.lessons.common import start
from policylab.lessons.digital import base, gaps, income, trends
from policylab.narrative.phrases import chart_subject

PEERS = ["NAM", "BRA", "DEU"]


def _lesson(ds, language: str):
    with using_language(language):
        return start(digital.SPEC, "KEN", PEERS, 2000, 0, ds=ds)


def test_possessive_forms_keep_the_english_and_the_french_article() -> None:
    from policylab.i18n.names import CountryName
    kenya = CountryName("Kenya", "le")
    assert kenya.Possessive == "Kenya's" and kenya.du == "du Kenya"
    assert CountryName("Philippines", "les").Possessive == "The Philippines'"
    assert CountryName("Philippines", "les").possessive == "the Philippines'"
    assert CountryName("Philippines", "les").du == "des Philippines"


def test_index_message_in_french_and_spanish(tiny_dataset) -> None:
    english = digital.composite_message(_lesson(tiny_dataset, "en")).text
    assert english.startswith(("On the digital-readiness index", "Kenya cannot be ranked"))
    lesson = _lesson(tiny_dataset, "fr")
    with using_language("fr"):
        text = digital.composite_message(lesson).text
    assert "indice de préparation au numérique" in text and "le Kenya" in text
    lesson = _lesson(tiny_dataset, "es")
    with using_language("es"):
        text = digital.composite_message(lesson).text
    assert "índice de preparación digital" in text


def test_gap_table_headers_and_verdicts_in_french(tiny_dataset) -> None:
    lesson = _lesson(tiny_dataset, "fr")
    with using_language("fr"):
        view = gaps.gap_view(lesson)
        formats = gaps.gap_formats(lesson)
        relative = formats["Écart (% de la médiane, + = en avance)"](12.4)
    assert view.index.name == "Indicateur"
    assert "Médiane des pays de comparaison" in view.columns
    assert set(formats) - {lesson.name} <= set(view.columns) | {"Écart"}
    assert relative == "+12\u00a0%"
    english = gaps.gap_view(_lesson(tiny_dataset, "en"))
    assert "Peer median" in english.columns and english.index.name == "Indicator"


def test_verdict_rule_and_trend_words_in_french() -> None:
    with using_language("fr"):
        rule = income.verdict_rule()
        words = trends.words()
        assert trends.verb(pd.Series([1.0, 2.0], index=[2000, 2001])) == "hausse"
    assert "(1,4826 × la médiane des écarts entre chaque distance" in rule
    assert "«\u00a0plus (ou moins)" in rule
    assert words.moved == "{who}\u00a0: {verb} de {first} à {level}, {years}"
    assert "(1.4826 × the median of how far each distance" in income.verdict_rule()
    assert trends.words().moved == "{who} {verb} from {first} to {level}, {years}"


def test_chart_subject_in_each_language(tiny_dataset) -> None:
    english = _lesson(tiny_dataset, "en")
    label = base.short(english, "internet_users_share")
    assert chart_subject(english.name, label).startswith("Kenya's ")
    lesson = _lesson(tiny_dataset, "fr")
    with using_language("fr"):
        subject = chart_subject(lesson.name, base.short(lesson, "internet_users_share"))
    assert subject.endswith(" du Kenya") and subject[0].isupper()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_explorer_labels_translated(language: str) -> None:
    from policylab.lessons.digital import explore
    with using_language(language):
        labels = explore.explorer_indicators()
    assert set(labels.values()) == set(explore.EXPLORER_INDICATORS.values())
    assert not set(labels) & set(explore.EXPLORER_INDICATORS)
