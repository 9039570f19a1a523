"""A country and its peers inside the spread of a set of countries (their region), year by
year: the shaded band is the middle half (25th to 75th percentile), the dashed line the
median, drawn only in years when enough countries report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import (
    FOCUS_COLOUR,
    GROUP_COLOUR,
    PEER_COLOURS,
    axis_title,
    describe,
    new_figure,
)
from policylab.charts.years import every_year, lone_marks
from policylab.i18n import _


def region_band(panel: pd.DataFrame, focus: str, peers: Sequence[str], members: Sequence[str],
                names: Mapping[str, str], *, region: str, title: str, source: str, label: str,
                unit: str, log_y: bool = False, min_band: int = 5,
                min_median: int = 3) -> go.Figure:
    """``panel``: wide (index year, one column per country). The band needs ``min_band``
    of ``members`` reporting in a year, the median line ``min_median``; the lines break at
    the years without a value."""
    values = panel[[c for c in members if c in panel.columns]]
    counts = values.notna().sum(axis=1)
    quartiles = values.quantile([0.25, 0.5, 0.75], axis=1).T
    band = quartiles[counts >= min_band]
    median = every_year(quartiles[0.5][counts >= min_median])
    fmt = ".3~s" if log_y else ",.1f"
    fig = new_figure(title, source, legend=False)
    if len(band):
        fig.add_trace(go.Scatter(x=band.index, y=band[0.75], mode="lines", line={"width": 0},
                                 showlegend=False, hoverinfo="skip",
                                 meta={"kind": "median",
                                       "series": _("75th percentile of {region}").format(
                                           region=region)}))
        fig.add_trace(go.Scatter(
            x=band.index, y=band[0.25], mode="lines", line={"width": 0}, fill="tonexty",
            fillcolor="rgba(0, 114, 178, 0.15)", legendrank=4000,
            meta={"kind": "median",
                  "series": _("25th percentile of {region}").format(region=region)},
            name=_("Middle half of {region}<br>(25th–75th percentile)").format(region=region),
            customdata=band[0.75].to_numpy(),
            hovertemplate=(_("Middle half of {region}: {low}–{high}").format(
                region=region, low=f"%{{y:{fmt}}}", high=f"%{{customdata:{fmt}}}")
                + "<extra></extra>")))
    fig.add_trace(go.Scatter(x=median.index, y=median.to_numpy(), connectgaps=False,
                             **lone_marks(median, GROUP_COLOUR, 6),
                             name=_("Median of {region}").format(region=region),
                             legendrank=3000,
                             meta={"kind": "median",
                                   "series": _("Median of {region}").format(region=region)},
                             line={"color": GROUP_COLOUR, "width": 2.5, "dash": "dash"},
                             hovertemplate=_("Median: {value}").format(value=f"%{{y:{fmt}}}")
                             + "<extra></extra>"))
    for position, code in enumerate(c for c in peers if c in panel.columns):
        points = every_year(panel[code])
        fig.add_trace(go.Scatter(
            x=points.index, y=points.to_numpy(), mode="lines+markers", legendrank=2000,
            connectgaps=False,
            name=names[code], meta={"country": names[code]},
            line={"color": PEER_COLOURS[position % len(PEER_COLOURS)], "width": 1.5},
            marker={"size": 4},
            hovertemplate=f"{names[code]}: %{{y:{fmt}}}<extra></extra>"))
    own = every_year(panel[focus])
    fig.add_trace(go.Scatter(
        x=own.index, y=own.to_numpy(), mode="lines+markers", name=names[focus],
        connectgaps=False,
        meta={"country": names[focus]},
        legendrank=1000, line={"color": FOCUS_COLOUR, "width": 4.5}, marker={"size": 7},
        hovertemplate=f"{names[focus]}: %{{y:{fmt}}}<extra></extra>"))
    # a legend beside the plot: with a band, a median and up to six peers it needs
    # several lines, and the house legend row above the plot has room for one
    fig.update_layout(hovermode="x unified", yaxis_title=axis_title(label, unit),
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top"}, margin={"r": 260}, showlegend=True)
    fig.update_xaxes(tickformat="d")
    describe(fig, y=(label, unit))
    if log_y:
        fig.update_yaxes(type="log", dtick=1)
    return fig
