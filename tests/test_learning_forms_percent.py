"""``learning.forms.percent_change_exercise`` (moved from the greening lesson): the answer,
its check, the standard hint and a worked solution from the numbers the reader sees."""

import math

from policylab.learning.forms import percent_change_exercise


def test_percent_change_exercise_checks_within_its_tolerance_and_shows_the_working():
    exercise = percent_change_exercise("Q?", "0.0921", "0.0995", 8.06, "it rose.")
    assert exercise.available and exercise.answer == 8.06 and exercise.unit == "%"
    assert exercise.check("8.5").correct and exercise.check("7,2 %").correct
    assert not exercise.check("9.1").correct  # outside the default 1.0 points
    assert exercise.solution == "`(0.0995 / 0.0921 − 1) × 100 ≈ 8.06%`."
    assert exercise.hint == "Divide the last value by the first, subtract 1 and multiply by 100."
    assert exercise.explanation == "it rose."
    assert not percent_change_exercise("Q?", "1", "2", 100.0, tolerance=0.1).check("100.5").correct


def test_percent_change_exercise_without_an_answer_is_not_asked():
    exercise = percent_change_exercise("Not asked here: a likely break.")
    assert not exercise.available and math.isnan(exercise.answer)
    assert exercise.question == "Not asked here: a likely break." and exercise.unit == "%"
