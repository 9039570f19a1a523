"""A group's median drawn across a ranking (``charts.bar_compare``): a dashed vertical line
at the value, named at the bottom of the plot or, in the group's colour, above it."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.charts.template import GROUP_COLOUR, GROUP_WIDTH


def add_median_line(fig: go.Figure, value: float, label: str, *,
                    above: bool = False) -> go.Figure:
    """A dashed vertical line at ``value`` labelled ``label`` (e.g. "Median of Sub-Saharan
    Africa"): at the bottom right of the line, or (``above``) over the plot in the group's
    colour and width; returns ``fig``."""
    if not above:
        fig.add_vline(x=value, line_dash="dash", line_color=GROUP_COLOUR, annotation_text=label,
                      annotation_position="bottom right")
        return fig
    fig.add_vline(x=value, line_dash="dash", line_color=GROUP_COLOUR, line_width=GROUP_WIDTH)
    fig.add_annotation(x=value, y=1, xref="x", yref="paper", yanchor="bottom",
                       showarrow=False, font={"color": GROUP_COLOUR}, text=label)
    return fig
