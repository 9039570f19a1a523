"""Where a country sits against the world pattern of a digital indicator and income: the
least-squares line of the indicator on log10 income per person over every country with a
recent figure (``metrics.digital.log_income_fit``, the line the lesson's scatter draws),
judged by the one verdict rule of ``policylab.evidence.verdicts``: a verdict only when the
line rises (or falls) over the income range by more than the typical scatter of countries
around it, and the country sits further from the line than that scatter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from policylab.evidence.verdicts import FitEvidence, typical_scatter
from policylab.metrics.digital import log_income_fit, predicted_by_income


@dataclass(frozen=True)
class PatternVerdict:
    """The country against the world pattern: its value, the value the fit predicts, the
    fit's rise over the range of incomes, the typical distance from the line, and whether a
    verdict may be given (``clear``)."""

    value: float
    predicted: float
    rise: float
    scatter: float

    @property
    def gap(self) -> float:
        return self.value - self.predicted

    @property
    def evidence(self) -> FitEvidence:
        return FitEvidence(self.rise, self.scatter, self.gap)

    @property
    def pattern_clear(self) -> bool:
        return self.evidence.pattern_clear

    @property
    def clear(self) -> bool:
        return self.evidence.clear


def pattern_verdict(data: pd.DataFrame, country: str) -> PatternVerdict:
    """The verdict rule applied to ``country`` in ``data`` (``value, income`` by ISO3)."""
    slope, intercept = log_income_fit(data)
    logs = np.log10(data["income"].to_numpy(dtype=float))
    residuals = data["value"].to_numpy(dtype=float) - (slope * logs + intercept)
    return PatternVerdict(float(data.at[country, "value"]), predicted_by_income(data, country),
                          float(slope * (logs.max() - logs.min())),
                          typical_scatter(residuals.tolist()))
