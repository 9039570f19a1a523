"""Every step of the complexity method on a small country x product export matrix, for
teaching (the value-chains lesson's worked example): RCA, M = [RCA >= 1], diversity,
ubiquity, the country-country matrix with its eigenvalues, ECI and PCI, computed with
:mod:`policylab.metrics.complexity`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.errors import PolicylabError
from policylab.metrics.complexity import country_country_matrix, eci_pci, rca


@dataclass(frozen=True)
class ComplexitySteps:
    """Every step of the method on a small export matrix."""

    exports: pd.DataFrame
    rca: pd.DataFrame
    M: pd.DataFrame
    diversity: pd.Series
    ubiquity: pd.Series
    country_matrix: pd.DataFrame
    eigenvalues: np.ndarray
    eci: pd.Series
    pci: pd.Series


def complexity_steps(exports: pd.DataFrame) -> ComplexitySteps:
    """The steps for ``exports`` (countries x products, non-negative). Raises
    ``PolicylabError`` when a country or product is left with no RCA >= 1 (the method
    needs every row and column non-empty), naming them, or with fewer than 3 countries."""
    exports = exports.astype(float)
    if (exports < 0).any().any():
        raise PolicylabError("Exports cannot be negative in the worked example.")
    advantage = rca(exports)
    M = (advantage >= 1).astype(int)
    empty = [*M.index[M.sum(axis=1) == 0], *M.columns[M.sum(axis=0) == 0]]
    if empty or len(M) < 3:
        raise PolicylabError("Each country needs at least one product with RCA ≥ 1 and each "
                             "product at least one country (and at least three countries): "
                             f"check {', '.join(map(str, empty)) or 'the matrix size'}.")
    mcc = country_country_matrix(M.to_numpy())
    eci, pci = eci_pci(M.to_numpy(dtype=float))
    return ComplexitySteps(
        exports=exports, rca=advantage, M=M,
        diversity=M.sum(axis=1).rename("diversity"), ubiquity=M.sum(axis=0).rename("ubiquity"),
        country_matrix=pd.DataFrame(mcc, index=M.index, columns=M.index),
        eigenvalues=np.sort(np.linalg.eigvals(mcc).real)[::-1],
        eci=pd.Series(eci, index=M.index, name="ECI"),
        pci=pd.Series(pci, index=M.columns, name="PCI"))
