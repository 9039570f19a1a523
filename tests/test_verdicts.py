"""The one verdict-strength rule (policylab.evidence.verdicts)."""

from __future__ import annotations

import math

from policylab.evidence.verdicts import FitEvidence, typical_scatter


def test_a_flat_pattern_gives_no_verdict_however_far_the_country():
    # The world pattern behind "premature de-industrialization": about 1 point of rise and
    # fall against a 7-point scatter.
    evidence = FitEvidence(movement=1.3, scatter=7.0, distance=12.0)
    assert not evidence.clear and "moves by only 1.30" in evidence.why_inconclusive("points")


def test_a_clear_pattern_and_a_country_close_to_it_is_inconclusive():
    evidence = FitEvidence(movement=2.0, scatter=0.7, distance=0.5)
    assert evidence.pattern_clear and not evidence.distance_clear
    assert "within the typical scatter of 0.70" in evidence.why_inconclusive()


def test_a_clear_pattern_and_a_far_country_gives_the_verdict():
    evidence = FitEvidence(movement=2.0, scatter=0.7, distance=-1.1)
    assert evidence.clear and evidence.why_inconclusive() == ""


def test_no_pattern_is_said_as_such():
    assert "no clear rise or peak" in FitEvidence(math.nan, 1.0, 3.0).why_inconclusive()


def test_the_typical_scatter_is_robust_to_outliers():
    steady = [-1.0, -0.5, 0.0, 0.5, 1.0] * 10
    assert abs(typical_scatter(steady) - typical_scatter([*steady[:-1], 500.0])) < 0.1
    assert math.isnan(typical_scatter([]))
