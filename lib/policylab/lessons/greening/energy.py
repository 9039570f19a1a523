"""Section 4: how much energy the economy needs per unit of output, and how much of its
electricity and final energy is renewable (each against peers and the income group)."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.lessons.context import Lesson
from policylab.lessons.greening.trends import trend_chart

#: The indicators of the energy coverage note.
ENERGY_IDS = ("energy_intensity", "renewable_share_energy", "renewable_share_electricity")


def energy_intensity_chart(lesson: Lesson) -> go.Figure | None:
    """Primary energy per unit of GDP, against peers and group."""
    return trend_chart(lesson, "energy_intensity")


def renewable_electricity_chart(lesson: Lesson) -> go.Figure | None:
    """Renewable share of electricity output, against peers and group."""
    return trend_chart(lesson, "renewable_share_electricity")


def renewable_energy_chart(lesson: Lesson) -> go.Figure | None:
    """Renewable share of final energy use, against peers and group."""
    return trend_chart(lesson, "renewable_share_energy")
