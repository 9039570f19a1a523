"""A country's likely breaks and outliers of one or several indicators drawn on one chart,
the marks named by indicator when there are several (``charts.breaks.mark_breaks``)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from policylab.charts.breaks import mark_breaks
from policylab.text import in_sentence


def mark_country_breaks(fig: go.Figure, ds, indicators: Sequence[str], iso3: str,
                        name: str) -> go.Figure:
    """Mark ``iso3``'s breaks and outliers of each of ``indicators``, labelled ``name`` or,
    with several indicators, "<name> (<indicator label>)"."""
    names = {i: f"{name} ({in_sentence(ds.indicator(i).label)})"
             for i in indicators} if len(indicators) > 1 else name
    return mark_breaks(fig, ds, tuple(indicators), iso3, names)
