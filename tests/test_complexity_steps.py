"""metrics.complexity_steps: the method's steps on a small made-up matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.errors import PolicylabError
from policylab.metrics.complexity import eci_pci, rca
from policylab.metrics.complexity_steps import complexity_steps

EXPORTS = pd.DataFrame([[10, 0, 5], [0, 8, 4], [6, 6, 0], [1, 1, 9]],
                       index=list("ABCD"), columns=["x", "y", "z"], dtype=float)


def test_steps_follow_the_definitions():
    steps = complexity_steps(EXPORTS)
    assert steps.rca.at["A", "x"] == pytest.approx((10 / 15) / (17 / 50))
    assert steps.M.equals((rca(EXPORTS) >= 1).astype(int))
    assert list(steps.diversity) == list(steps.M.sum(axis=1))
    assert list(steps.ubiquity) == list(steps.M.sum(axis=0))
    assert np.allclose(steps.country_matrix.sum(axis=1), 1.0)
    assert steps.eigenvalues[0] == pytest.approx(1.0)
    eci, pci = eci_pci(steps.M.to_numpy(dtype=float))
    assert np.allclose(steps.eci, eci) and np.allclose(steps.pci, pci)


def test_empty_rows_and_negative_exports_are_named():
    empty = EXPORTS.copy()
    empty.loc["D"] = 0.0
    with pytest.raises(PolicylabError, match="D"):
        complexity_steps(empty)
    with pytest.raises(PolicylabError, match="negative"):
        complexity_steps(-EXPORTS)
