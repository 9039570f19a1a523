"""Plotly figures in the house style: the focus country always highlighted against its
peers and group, a title that states the finding, units on the axes and a source line
under every chart. Show them with :func:`policylab.display.show`."""

from policylab.charts.compare import bar_compare, line_compare, scatter_compare
from policylab.charts.network import network
from policylab.charts.structure import heatmap, range_plot, stacked_area
from policylab.charts.template import (
    TEMPLATE_NAME,
    axis_title,
    figure_title,
    title_with_subtitle,
)

__all__ = [
    "TEMPLATE_NAME",
    "axis_title",
    "bar_compare",
    "figure_title",
    "heatmap",
    "line_compare",
    "network",
    "range_plot",
    "scatter_compare",
    "stacked_area",
    "title_with_subtitle",
]
