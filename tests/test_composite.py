"""Weighted composite: stated weights, normalisation over a reference set, missing data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.errors import PolicylabError
from policylab.metrics.composite import check_weights, normalise, weighted_composite


def digital() -> pd.DataFrame:
    return pd.DataFrame({
        "internet": [90.0, 50.0, 10.0, 70.0],
        "broadband": [40.0, 20.0, 0.0, np.nan],
        "cost": [1.0, 3.0, 5.0, 2.0],
    }, index=["AAA", "BBB", "CCC", "DDD"])


def test_weights_are_normalised_and_validated():
    assert check_weights({"internet": 2, "broadband": 2}, digital().columns) == {
        "internet": 0.5, "broadband": 0.5}
    with pytest.raises(PolicylabError, match="unknown component"):
        check_weights({"speed": 1}, digital().columns)
    with pytest.raises(PolicylabError, match="non-negative"):
        check_weights({"internet": -1}, digital().columns)
    with pytest.raises(PolicylabError, match="sum to zero"):
        check_weights({"internet": 0}, digital().columns)


def test_minmax_over_a_reference_set_and_direction():
    result = normalise(digital(), "minmax", reference=["BBB", "CCC"],
                       higher_is_better={"cost": False})
    assert result.loc["BBB", "internet"] == 1.0 and result.loc["CCC", "internet"] == 0.0
    assert result.loc["AAA", "internet"] == 2.0  # outside the reference range
    assert result.loc["BBB", "cost"] == 1.0  # cheaper is better


def test_zscore_normalisation():
    result = normalise(digital()[["cost"]], "zscore")
    assert result["cost"].mean() == pytest.approx(0.0)
    assert result["cost"].std(ddof=0) == pytest.approx(1.0)


def test_composite_hand_computed_with_required_components():
    weights = {"internet": 3, "broadband": 1}
    result = weighted_composite(digital(), weights)
    # internet min-max over all: AAA 1, BBB 0.5, CCC 0; broadband: 1, 0.5, 0
    assert result.loc["AAA", "score"] == pytest.approx(1.0)
    assert result.loc["BBB", "score"] == pytest.approx(0.5)
    assert np.isnan(result.loc["DDD", "score"])
    assert result.loc["DDD", "missing"] == "broadband"
    assert result.loc["DDD", "weight_used"] == pytest.approx(0.75)


def test_reweighting_uses_the_components_present_when_they_carry_enough_weight():
    weights = {"internet": 3, "broadband": 1}
    result = weighted_composite(digital(), weights, missing="reweight", min_weight=0.7)
    assert result.loc["DDD", "score"] == pytest.approx(0.75)  # internet alone: (70-10)/80
    strict = weighted_composite(digital(), weights, missing="reweight", min_weight=0.8)
    assert np.isnan(strict.loc["DDD", "score"])


def test_bad_options_raise_clear_errors():
    with pytest.raises(PolicylabError, match="normalisation"):
        weighted_composite(digital(), {"internet": 1}, method="rank")
    with pytest.raises(PolicylabError, match="missing must be"):
        weighted_composite(digital(), {"internet": 1}, missing="impute")
