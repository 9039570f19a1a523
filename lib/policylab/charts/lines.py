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
from policylab.charts.years import every_year, lone_marks

#: A line: values by year, name, colour, width, more ``go.Scatter`` style ("mode", "dash",
#: "marker").
Line = tuple[pd.Series, str, str, float, dict[str, Any]]


def lines_chart(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
                lines: Sequence[Line], hover: str = "%{y:,.3~g}", **layout) -> go.Figure:
    """The ``lines`` (empty ones left out) with one hover box per year; ``y_title`` is
    (measure, unit) for ``template.axis_title``; ``layout`` goes to ``update_layout``.
    Each line breaks at the years it has no value for, and a line drawn without markers
    marks a year it cannot reach (no value on either side), which would otherwise vanish.
    In the chart's data file each line is a series of the page's country."""
    fig = tpl.new_figure(tpl.title_with_subtitle(finding, subtitle), source_line)
    for values, name, colour, width, style in lines:
        values = every_year(values)
        if values.empty:
            continue
        marks = (lone_marks(values, colour, width + 3) if style.get("mode", "lines") == "lines"
                 else {"mode": style["mode"], "marker": style.get("marker")})
        fig.add_trace(go.Scatter(
            x=values.index, y=values.to_numpy(), name=name, connectgaps=False,
            meta={"series": name}, **marks,
            line={"color": colour, "width": width, "dash": style.get("dash", "solid")},
            hovertemplate=f"{name}: {hover}<extra></extra>"))
    fig.update_layout(hovermode="x unified", yaxis_title=tpl.axis_title(*y_title), **layout)
    fig.update_xaxes(tickformat="d")
    return tpl.describe(fig, y=y_title)
