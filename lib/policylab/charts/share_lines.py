"""Several shares of one country over the years, one coloured line each (e.g. its exports
by product group), the largest drawn thicker, with the legend beside the plot."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import describe, new_figure
from policylab.charts.years import every_year


def share_lines(shares: pd.DataFrame, colours: Mapping[str, str], *, title: str, source: str,
                y_title: str, measure: tuple[str, str], hover: str,
                bold: str | None = None) -> go.Figure:
    """One line per column of ``shares`` (index year; columns the lines' names, in the
    legend's order), coloured by ``colours`` (name -> colour), ``bold`` thicker. ``hover``
    is a hover template in which ``{group}`` is the line's name; ``measure`` (label, unit)
    is the y axis for the chart's data file. A line breaks at the years without a value."""
    fig = new_figure(title, source)
    for name in shares.columns:
        series = every_year(shares[name])
        fig.add_trace(go.Scatter(
            x=series.index, y=series.to_numpy(), mode="lines+markers", name=name,
            connectgaps=False,
            line={"color": colours[name], "width": 3 if name == bold else 2},
            marker={"size": 4}, hovertemplate=hover.replace("{group}", name)))
    fig.update_layout(yaxis_title=y_title, hovermode="closest",
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top", "font": {"size": 13}}, margin={"r": 230})
    fig.update_xaxes(tickformat="d")
    return describe(fig, y=measure)
