"""``learning.forms``: the CAGR exercise from a series' two end values."""

from __future__ import annotations

import math

import pytest

from policylab.i18n.names import CountryName
from policylab.learning.forms import cagr_exercise
from policylab.metrics.growth import Cagr

KENYA = CountryName("Kenya")
GROWTH = Cagr(rate=(2000 / 1000) ** (1 / 10) - 1, start_year=2000, end_year=2010,
              start_value=1000.0, end_value=2000.0)


def test_answer_hint_and_solution_from_the_values() -> None:
    exercise = cagr_exercise(KENYA, "MVA per person", "constant 2015 US$ per person", GROWTH,
                             "constant 2015 US$", " (a note)")
    assert exercise.answer == pytest.approx(7.18)
    assert exercise.tolerance == 0.2 and exercise.unit == "% a year"
    assert exercise.question.startswith("Kenya's MVA per person was US$ 1,000 per person "
                                     "(constant 2015 US$) in 2000 and US$ 2,000")
    assert "in 2010, both in constant 2015 US$. What was its" in exercise.question
    assert exercise.question.endswith("in % a year? (a note)")
    assert "here 10 years" in exercise.hint
    assert exercise.solution == ("`(2,000 / 1,000) ^ (1 / 10) − 1 = 7.18%` a year (values in "
                                 "constant 2015 US$).")
    assert exercise.check("7.2").correct


def test_current_prices_are_named_and_no_basis_is_plain() -> None:
    current = cagr_exercise(KENYA, "MVA", "current US$", GROWTH, "current US$")
    assert "(each year’s prices)" in current.question
    assert "price and exchange-rate change" in current.explanation
    plain = cagr_exercise(KENYA, "manufacturing share", "% of GDP", GROWTH)
    assert "both in" not in plain.question
    assert plain.solution.endswith("= 7.18%` a year.")


def test_no_rate_makes_it_unavailable() -> None:
    missing = cagr_exercise(KENYA, "MVA", "current US$", Cagr(math.nan, None, None, math.nan,
                                                             math.nan))
    assert not missing.available
    assert missing.question == "Compute the average annual growth of MVA for Kenya."
