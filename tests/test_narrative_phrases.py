"""narrative.phrases, evidence.income_pattern and learning.minmax_exercise (from the
digitalization lesson) on hand-made figures: the exact sentences they write."""

from __future__ import annotations

import math

from policylab.evidence.income_pattern import verdict_rule, verdict_title
from policylab.i18n import using_language
from policylab.i18n.names import CountryName
from policylab.learning.forms import MINMAX_TOLERANCE, minmax_exercise
from policylab.metrics.digital_pattern import PatternVerdict
from policylab.metrics.minmax import MinMax
from policylab.narrative.phrases import (
    chart_subject,
    many_series_source,
    peer_level_title,
    short_figure,
)

KENYA = CountryName("Kenya", "le")
SHARE = "% of the population"


def test_short_figure_keeps_a_share_short() -> None:
    assert short_figure(35.04, SHARE) == "35.0%"
    assert short_figure(53.8, "per million people") == "53.8 per million people"


def test_chart_subject_in_english_and_french() -> None:
    assert chart_subject(KENYA, "Internet users") == "Kenya's internet users"
    with using_language("fr"):
        assert chart_subject(CountryName("Kenya", "le"), "Internautes") == "Internautes du Kenya"


def test_many_series_source_names_publishers_once(tiny_dataset) -> None:
    indicators = ["internet_users_share", "mobile_per100", "rd_share_gdp"]
    publishers = "; ".join(dict.fromkeys(tiny_dataset.indicator(i).source for i in indicators))
    assert many_series_source(tiny_dataset, indicators, "Note.") == (
        f"Source: {publishers} (3 series, codes in the sources table). Note.")


def test_peer_level_title_above_below_equal_and_no_median() -> None:
    who = "Kenya's internet users"
    assert peer_level_title(who, "12.0%", 2022, "13.0%", -1.0, 3, 5) == (
        "Kenya's internet users stood at 12.0% in 2022, below the peer median of 13.0%")
    assert peer_level_title(who, "14.0%", 2022, "13.0%", 1.0, 3, 5).endswith(
        ", above the peer median of 13.0%")
    assert peer_level_title(who, "13.0%", 2022, "13.0%", 0.0, 3, 5).endswith(
        ", equal to the peer median of 13.0%")
    assert peer_level_title(who, "12.0%", 2022, None, math.nan, 2, 5) == (
        "Kenya's internet users stood at 12.0% in 2022 (2 of 5 peers report: no median)")


def test_verdict_title_clear_within_and_flat() -> None:
    assert verdict_title(PatternVerdict(50.0, 40.0, 30.0, 5.0), "internet users", KENYA,
                         SHARE) == (
        "On internet users, Kenya sits above what its income predicts (50.0% against 40.0% "
        "predicted; typical distance from the line 5.00 percentage points)")
    assert " sits below " in verdict_title(PatternVerdict(30.0, 40.0, 30.0, 5.0), "x", KENYA,
                                           SHARE)
    within = verdict_title(PatternVerdict(42.0, 40.0, 30.0, 5.0), "internet users", KENYA, SHARE)
    assert within.endswith("within the typical distance of 5.00 percentage points")
    flat = verdict_title(PatternVerdict(42.0, 40.0, 3.0, 5.0), "researchers", KENYA,
                         "per million people")
    assert flat == (
        "On researchers, whether Kenya is where its income predicts is inconclusive (42.0 "
        "against 40.0 per million people predicted): the world pattern is too flat (a rise of "
        "3.00 per million people over the income range, against a typical distance from the "
        "line of 5.00 per million people)")


def test_verdict_rule_writes_the_factor() -> None:
    assert "(1.4826 × the median of how far each distance from the line" in verdict_rule()


def test_minmax_exercise_answer_and_figures() -> None:
    exercise = minmax_exercise(MinMax(30.0, 10.0, 60.0), label="internet users",
                               country=KENYA, window="2020–2025", unit="%")
    assert exercise.answer == 40.0 and exercise.tolerance == MINMAX_TOLERANCE
    assert "Kenya has 30.0%, lowest 10.0%, highest 60.0% (latest figures, 2020–2025)" in \
        exercise.question
    assert exercise.solution == ("(value − lowest) / (highest − lowest) × 100 with 30.0%, "
                                 "lowest 10.0%, highest 60.0%.")
    assert exercise.check("40,4").correct and not exercise.check("42").correct
    missing = minmax_exercise(MinMax(math.nan, 10.0, 60.0), label="internet users",
                              country=KENYA, window="2020–2025", unit="%")
    assert not missing.available and "has no recent figure" in missing.question
