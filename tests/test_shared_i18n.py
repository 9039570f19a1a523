"""The shared layer in French and Spanish, with the real catalogue: sentences, table headers,
chart words and exercise feedback follow the language, and English stays as it was."""

from __future__ import annotations

import math

from policylab.charts.breaks import draw_marks
from policylab.charts.template import new_figure
from policylab.evidence.breaks import SeriesFlags, why_not, why_not_short
from policylab.evidence.medians import Median
from policylab.evidence.percentiles import Standing
from policylab.evidence.verdicts import FitEvidence
from policylab.i18n import using_language
from policylab.i18n.names import CountryName
from policylab.learning.exercises import Exercise, question_markdown
from policylab.lessons.common import LessonSpec, sources_table, start, vintage_note
from policylab.narrative.format import fmt_number, fmt_quantity, ordinal

SPEC = LessonSpec(notebook="99_test", sources=("mva_share_gdp", "eci"))
NBSP = "\u00a0"


def _world(world: Standing) -> str:
    """The page's world-standing phrase for a subject "X"."""
    from policylab.evidence.standing_words import world_words
    from policylab.narrative.format import percentile_rank

    return world_words(world).format(subject="X", count=world.count,
                                     rank=percentile_rank(world.percentile))


def test_medians_and_percentiles_speak_french_with_french_numbers():
    with using_language("fr"):
        assert Median(math.nan, 2, "peers").sentence() == (
            f"Seuls 2 pays de comparaison publient ce chiffre{NBSP}; une médiane exige au "
            "moins 3 valeurs, aucune médiane n'est donc présentée.")
        assert _world(Standing(14.2, 189, "the world")) == (
            f"X{NBSP}: niveau faible à l'échelle mondiale, dans le quart inférieur des 189 pays "
            "du monde (14e centile)")
        assert fmt_number(7.6, "% of GDP") == f"7,60{NBSP}%"
    with using_language("es"):
        assert _world(Standing(82.0, 1890, "the world")) == (
            "X: nivel alto a escala mundial, en el cuartil superior de 1890 países del mundo "
            "(percentil 82)")
        assert ordinal(3) == "3"
    assert _world(Standing(14.2, 189, "the world")) == (
        "X is low in the world: in the bottom quarter of 189 countries of the world (14th "
        "percentile)")


def test_break_reasons_and_verdicts_in_french():
    flags = SeriesFlags(breaks=(2009,))
    with using_language("fr"):
        assert why_not_short(flags, 2000, 2020) == "rupture de série probable en 2009"
        assert why_not(flags, 2000, 2020).startswith("la série présente probablement une "
                                                     "rupture en 2009")
        reason = FitEvidence(movement=0.2, scatter=0.5).why_inconclusive("points")
        assert "0,20 points" in reason and "0,50 points" in reason
    assert why_not_short(flags, 2000, 2020) == "likely series break in 2009"


def test_sources_table_and_vintage_in_french(tiny_dataset):
    with using_language("fr"):
        lesson = start(SPEC, "Kenya", ["NAM", "BRA", "DEU"], 2000, 0, ds=tiny_dataset,
                       language="fr")
        table = sources_table(lesson)
        assert list(table.columns) == ["Éditeur", "Indicateurs", "Codes", "Années", "Licence"]
        assert vintage_note(lesson).startswith(f"**Millésime des données{NBSP}:**")
    english = sources_table(start(SPEC, "Kenya", ["NAM"], 2000, 0, ds=tiny_dataset))
    assert list(english.columns) == ["Publisher", "Indicators", "Codes", "Years", "Licence"]


def test_exercise_feedback_in_french_and_spanish():
    exercise = Exercise("Quelle part ?", 12.5, unit="%", tolerance=0.1, explanation="x")
    with using_language("fr"):
        feedback = exercise.check("20")
        assert feedback.message.startswith(f"Pas tout à fait{NBSP}: 20,0{NBSP}%, c'est trop "
                                           "élevé.")
        assert question_markdown(exercise).startswith("**À vous.** Quelle part ?")
        assert exercise.check("12,5").message.startswith(f"Exact{NBSP}: 12,5{NBSP}%.")
    with using_language("es"):
        assert exercise.check("1").message.startswith(
            f"No exactamente: 1,00{NBSP}% es demasiado bajo.")
    assert exercise.check("20").message == "Not quite: 20.0% is too high. Why: x"


def test_chart_words_and_separators_follow_the_language():
    with using_language("fr"):
        fig = new_figure("Titre", "Banque mondiale")
        draw_marks(fig, "Kenya", [2009])
        assert fig.layout.separators == f",{NBSP}" or fig.layout.separators.startswith(",")
        texts = [a.text for a in fig.layout.annotations]
        assert f"Kenya{NBSP}: rupture de série probable en 2009" in texts
        assert texts[1].startswith(f"Source{NBSP}:")
    fig = new_figure("Title", "World Bank")
    assert fig.layout.separators is None
    assert [a.text for a in fig.layout.annotations][1] == "Source: World Bank"


def test_english_possessive_of_a_name_ending_in_s_is_unchanged():
    assert "{country.Possessive} MVA".format(country=CountryName("Philippines")) == \
        "The Philippines' MVA"
    assert "{country.possessive} MVA".format(country=CountryName("Kenya")) == "Kenya's MVA"
    with using_language("fr"):
        assert fmt_quantity(12.25, "%") == f"12,3{NBSP}%"  # a half rounds up
    assert CountryName("Kenya", "le").du == "du Kenya"


def test_break_method_text_states_the_rules_constants():
    from policylab.evidence import breaks

    text = breaks.METHOD_TEXT
    assert f"more than {breaks.K:g} robust spreads" in text
    assert f"exceed {breaks.ERRATIC_SHARE:.0%} of its typical level" in text
    assert f"When the last {breaks.REPEAT_RUN} or more figures" in text
    with using_language("fr"):
        assert breaks.method_text().startswith("**Ruptures de série et valeurs aberrantes.**")
