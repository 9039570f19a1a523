"""A group's median drawn across a ranking (``charts.bar_compare``): a dark dashed line at
the value, named at the bottom of the plot."""

from __future__ import annotations

import plotly.graph_objects as go


def add_median_line(fig: go.Figure, value: float, label: str) -> go.Figure:
    """A dashed vertical line at ``value`` labelled ``label`` (e.g. "Median of Sub-Saharan
    Africa"); returns ``fig``."""
    fig.add_vline(x=value, line_dash="dash", line_color="#333333", annotation_text=label,
                  annotation_position="bottom right")
    return fig
