"""A decomposition chart: one row per country, its terms as stacked horizontal bars (a
negative term to the left of zero) and a diamond for the total they add up to, so that the
reader sees both the size of a change and where it came from (e.g. the shift-share split
of labour-productivity growth)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import (
    COUNTRIES,
    FOCUS_COLOUR,
    axis_title,
    describe,
    display_name,
    new_figure,
    peer_colour,
)
from policylab.i18n import _


def decomposition_bars(
    parts: pd.DataFrame,
    terms: Mapping[str, str],
    focus: str,
    *,
    title: str,
    source: str,
    x_label: str,
    x_unit: str,
    names: Mapping[str, str] | None = None,
    total: str = "total",
    total_name: str = "Total change",
    note: str | None = None,
    value_format: str = "+.1f",
    suffix: str = "%",
) -> go.Figure:
    """Stacked bars of ``terms`` (column -> legend name, in stacking order) for each row of
    ``parts`` (index ISO3, in the order drawn from the top), the focus country's label bold,
    and a diamond at the ``total`` column. Hover shows each term signed (``value_format``,
    ``suffix``) with the row's ``note`` column in brackets when given (e.g. its years)."""
    labels = [f"<b>{display_name(c, names)}</b>" if c == focus else display_name(c, names)
              for c in parts.index]
    fig = new_figure(title, source, height=max(480, 50 * len(parts) + 260))
    extra = " (%{customdata})" if note else ""
    for position, (term, name) in enumerate(terms.items()):
        fig.add_trace(go.Bar(
            y=labels, x=list(parts[term]), orientation="h", name=name,
            meta={**COUNTRIES, "series": name},
            marker_color=peer_colour(position),
            customdata=list(parts[note]) if note else None,
            hovertemplate=f"%{{y}}: {name} %{{x:{value_format}}}{suffix}{extra}<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        y=labels, x=list(parts[total]), mode="markers", name=total_name,
        meta={**COUNTRIES, "series": total_name},
        marker={"symbol": "diamond", "size": 14, "color": FOCUS_COLOUR,
                "line": {"color": "white", "width": 1}},
        hovertemplate="%{y}: " + _("total {value}").format(
            value=f"%{{x:{value_format}}}{suffix}") + "<extra></extra>",
    ))
    fig.update_layout(barmode="relative", hovermode="closest",
                      xaxis={"title": axis_title(x_label, x_unit), "showgrid": True,
                             "gridcolor": "#E5E5E5", "zeroline": True,
                             "zerolinecolor": "#888888"},
                      yaxis={"autorange": "reversed", "showgrid": False, "ticks": ""})
    return describe(fig, x=(x_label, x_unit))
