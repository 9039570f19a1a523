"""A chart of a few named lines over the years in the house style (finding as title,
measure as subtitle, source line under it): for series that are not one indicator across
countries (that is :func:`policylab.charts.line_compare`), e.g. a country's emissions
beside its real GDP, or a projection beside the data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import template as tpl

#: A line: values by year, name, colour, width, more ``go.Scatter`` style ("mode", "dash",
#: "marker").
Line = tuple[pd.Series, str, str, float, dict[str, Any]]


def lines_chart(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
                lines: Sequence[Line], hover: str = "%{y:,.3~g}", **layout) -> go.Figure:
    """The ``lines`` (empty ones left out) with one hover box per year; ``y_title`` is
    (measure, unit) for ``template.axis_title``; ``layout`` goes to ``update_layout``.
    In the chart's data file each line is a series of the page's country."""
    fig = tpl.new_figure(tpl.title_with_subtitle(finding, subtitle), source_line)
    for values, name, colour, width, style in lines:
        if values.empty:
            continue
        fig.add_trace(go.Scatter(
            x=values.index, y=values.to_numpy(), name=name, mode=style.get("mode", "lines"),
            meta={"series": name},
            line={"color": colour, "width": width, "dash": style.get("dash", "solid")},
            marker=style.get("marker"), hovertemplate=f"{name}: {hover}<extra></extra>"))
    fig.update_layout(hovermode="x unified", yaxis_title=tpl.axis_title(*y_title), **layout)
    fig.update_xaxes(tickformat="d")
    return tpl.describe(fig, y=y_title)
