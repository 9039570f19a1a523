"""Exercise checking: numbers with tolerance, what people type, choices, text, hints, why."""

from __future__ import annotations

import math

import pytest

from policylab.errors import PolicylabError
from policylab.evidence.answers import ANSWER_KEY, CHOICES_KEY
from policylab.learning.exercises import (
    Exercise,
    answer_metadata,
    declared_answer,
    feedback_markdown,
    parse_number,
    question_markdown,
    solution_markdown,
)

SHARE = Exercise(
    question="What share of GDP did manufacturing make up in Kenya in 2022?",
    answer=7.62,
    unit="% of GDP",
    tolerance=0.1,
    explanation="Manufacturing value added divided by GDP.",
    hint="Read the last point of the orange line.",
    solution="Take the 2022 value of the series.",
)


def test_right_answer_is_correct_and_says_why() -> None:
    feedback = SHARE.check("7.62")
    assert feedback.correct
    assert "Correct" in feedback.message and "7.62% of GDP" in feedback.message
    assert "Why: Manufacturing value added divided by GDP." in feedback.message
    assert feedback.hint is None


def test_wrong_answer_says_direction_why_and_gives_hint() -> None:
    feedback = SHARE.check("9")
    assert not feedback.correct
    assert "too high" in feedback.message
    assert "Why:" in feedback.message
    assert feedback.hint == "Read the last point of the orange line."
    assert "too low" in SHARE.check(2).message


@pytest.mark.parametrize("typed", ["7.7", "7.52", "7,6 %", "7.6% of GDP", " 7.62 "])
def test_answers_within_absolute_tolerance_are_accepted(typed: str) -> None:
    assert SHARE.check(typed).correct


@pytest.mark.parametrize("typed", ["7.75", "7.5", "76.2"])
def test_answers_outside_tolerance_are_rejected(typed: str) -> None:
    assert not SHARE.check(typed).correct


def test_relative_tolerance_scales_with_the_answer() -> None:
    exercise = Exercise("GDP?", 1_000_000.0, rel_tolerance=0.01)
    assert exercise.check("1,009,000").correct
    assert not exercise.check("1,011,000").correct


def test_wider_of_the_two_tolerances_applies() -> None:
    exercise = Exercise("x?", 100.0, tolerance=0.5, rel_tolerance=0.02)
    assert exercise.check(101.9).correct
    assert not exercise.check(102.1).correct


def test_zero_tolerance_still_accepts_the_exact_float() -> None:
    exercise = Exercise("x?", 0.1 + 0.2)
    assert exercise.check("0.3").correct
    assert not exercise.check("0.31").correct


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12.5", 12.5),
        ("12,5 %", 12.5),
        ("1,234", 1234.0),
        ("1 234", 1234.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("−3.2", -3.2),
        ("-3,5", -3.5),
        ("US$ 2,500,000", 2_500_000.0),
        ("1.2e3", 1200.0),
        ("1.234.567", 1_234_567.0),
    ],
)
def test_parse_number_reads_what_people_type(typed: str, value: float) -> None:
    assert parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["about ten", "12 or 13", "in 2020, 12.5", "1,23,4"])
def test_unreadable_numbers_raise_a_learner_message(typed: str) -> None:
    with pytest.raises(ValueError, match="number"):
        parse_number(typed)


def test_unreadable_answer_is_not_counted_as_wrong_try() -> None:
    feedback = SHARE.check("seven")
    assert not feedback.correct
    assert "no number" in feedback.message
    assert feedback.hint is None


def test_empty_answer_asks_for_one() -> None:
    feedback = SHARE.check("  ")
    assert not feedback.correct and feedback.hint is None
    assert "answer first" in feedback.message


CHOICE = Exercise(
    question="Which peer has the highest share?",
    answer="Viet Nam",
    choices=("Kenya", "Viet Nam", "Ethiopia"),
    explanation="Its line is on top in every year.",
    hint="Look at the top line.",
)


def test_multiple_choice_right_and_wrong() -> None:
    assert CHOICE.kind == "choice"
    assert CHOICE.check("Viet Nam").correct
    assert CHOICE.check("viet nam").correct
    wrong = CHOICE.check("Kenya")
    assert not wrong.correct
    assert wrong.hint == "Look at the top line."
    assert "Why: Its line is on top" in wrong.message


def test_choice_answer_must_be_among_choices() -> None:
    with pytest.raises(PolicylabError, match="not one of its choices"):
        Exercise("Which?", "Chile", choices=("Kenya", "Ghana"))


def test_text_answers_ignore_case_spacing_and_full_stop_and_accept_alternatives() -> None:
    exercise = Exercise("Largest exporter?", "Viet Nam", also_accept=("Vietnam",))
    assert exercise.kind == "text"
    assert exercise.check("  viet   NAM. ").correct
    assert exercise.check("vietnam").correct
    assert not exercise.check("Thailand").correct


def test_missing_data_makes_exercise_unavailable_not_broken() -> None:
    exercise = Exercise("Share?", math.nan, unit="%")
    assert not exercise.available
    feedback = exercise.check("3")
    assert not feedback.correct and "missing" in feedback.message
    assert "missing for this country" in question_markdown(exercise)
    assert "nan" not in solution_markdown(exercise).lower()


def test_negative_tolerance_is_refused() -> None:
    with pytest.raises(PolicylabError, match="negative"):
        Exercise("x?", 1.0, tolerance=-1)


def test_markdown_renderings() -> None:
    question = question_markdown(CHOICE)
    assert "- Viet Nam" in question and "Which peer" in question
    assert "*Answer in % of GDP.*" in question_markdown(SHARE)
    solution = solution_markdown(SHARE)
    assert "7.62% of GDP" in solution and "Take the 2022 value" in solution
    assert "*Why:*" in solution
    wrong = feedback_markdown(SHARE.check("9"))
    assert wrong.startswith("❌") and "**Hint:** Read the last point" in wrong
    assert feedback_markdown(SHARE.check("7.62")).startswith("✅")


def test_declared_answer_is_the_answer_as_a_page_would_show_it() -> None:
    """Numbers with their unit (so that 7.62% of GDP is not taken for 7.62% a year), bare
    when they have none, text as written; multiple choice declares its offered choices."""
    assert declared_answer(SHARE) == "7.62% of GDP"
    assert declared_answer(Exercise("RCA of tea?", 522.14)) == "522.1"
    assert declared_answer(Exercise("RCA of gold?", 17.06)) == "17.1"
    assert declared_answer(Exercise("Growth?", -0.0286 * 1000, unit="%")) == "−28.6%"
    assert declared_answer(CHOICE) == "Viet Nam"
    assert answer_metadata(SHARE) == {ANSWER_KEY: "7.62% of GDP"}
    assert answer_metadata(CHOICE) == {ANSWER_KEY: "Viet Nam",
                                       CHOICES_KEY: list(CHOICE.choices)}
    assert answer_metadata(Exercise("Share?", math.nan, unit="%")) == {}


def test_questions_and_solutions_escape_currency_signs(monkeypatch):
    """Two "$" in a question ("US$ 42.8 ... US$ 147.7") must not open inline mathematics
    in JupyterLab or nbconvert: exercises go through the same escape as notes."""
    from policylab.learning import exercises as module

    shown = []
    monkeypatch.setattr(module, "display", lambda obj, **kw: shown.append(obj.data))
    monkeypatch.setattr(module, "is_static", lambda: True)
    exercise = module.Exercise("From US$ 42.8 to US$ 147.7: the CAGR?", 5.6, unit="%",
                               solution="`(147.7 / 42.8) ** (1 / 23) - 1`, so US$ grew.")
    module.show_exercise(exercise)
    module.show_solution(exercise)
    assert "US\\$ 42.8 to US\\$ 147.7" in shown[0]
    assert "`(147.7 / 42.8) ** (1 / 23) - 1`" in shown[1] and "US\\$ grew" in shown[1]
