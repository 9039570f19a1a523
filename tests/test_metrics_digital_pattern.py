"""metrics.digital_pattern: a country against the world pattern of an indicator and log
income, judged by the one verdict rule (a clear pattern, a clear distance)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.metrics.digital_pattern import pattern_verdict


def _line(offsets: dict[str, float]) -> pd.DataFrame:
    """Twenty countries on ``value = 20 log10(income) - 40`` with small alternating
    scatter, plus ``offsets`` added to some."""
    income = 1000.0 * 10 ** (np.arange(20) / 10)
    value = 20 * np.log10(income) - 40 + np.where(np.arange(20) % 2, 0.5, -0.5)
    data = pd.DataFrame({"income": income, "value": value},
                        index=[f"C{k:02d}" for k in range(20)])
    for code, offset in offsets.items():
        data.at[code, "value"] += offset
    return data


def test_steep_pattern_and_far_country_give_a_verdict():
    data = _line({"C07": 10.0})
    verdict = pattern_verdict(data, "C07")
    slope, intercept = np.polyfit(np.log10(data["income"]), data["value"], 1)
    assert verdict.predicted == pytest.approx(slope * np.log10(data.at["C07", "income"])
                                              + intercept)
    assert verdict.gap == pytest.approx(data.at["C07", "value"] - verdict.predicted)
    assert verdict.rise == pytest.approx(slope * 1.9)  # log10 income spans 1.9
    residuals = data["value"] - (slope * np.log10(data["income"]) + intercept)
    typical = 1.4826 * np.median(np.abs(residuals - np.median(residuals)))
    assert verdict.scatter == pytest.approx(float(typical))
    assert verdict.pattern_clear and verdict.clear and verdict.gap > 0


def test_country_on_the_line_gets_no_verdict():
    verdict = pattern_verdict(_line({}), "C04")
    assert verdict.pattern_clear and not verdict.clear
    assert abs(verdict.gap) <= verdict.scatter


def test_flat_pattern_gives_no_verdict():
    """Values unrelated to income: the fitted line barely rises, so even a far-off
    country gets "inconclusive", with the reason."""
    rng = np.random.default_rng(3)
    data = pd.DataFrame({"income": 1000.0 * 10 ** (np.arange(40) / 10),
                         "value": rng.permutation(np.linspace(10, 90, 40))},
                        index=[f"C{k:02d}" for k in range(40)])
    far = data["value"].idxmax()
    verdict = pattern_verdict(data, far)
    if verdict.pattern_clear:  # the permutation happened to correlate: rule still holds
        assert abs(verdict.rise) > verdict.scatter
    else:
        assert not verdict.clear and abs(verdict.gap) > verdict.scatter
