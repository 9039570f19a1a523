"""Charts of composition and scorecards: stacked shares, gap heatmaps and rank intervals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import (
    COUNTRIES,
    DIVERGING_SCALE,
    FOCUS_COLOUR,
    OTHER_COLOUR,
    axis_title,
    describe,
    display_name,
    measure_of,
    new_figure,
    ordered_unique,
    peer_colour,
    unit_suffix,
    value_decimals,
    value_format,
    wrap_label,
)
from policylab.display import MISSING
from policylab.i18n import SOURCE_LANGUAGE, _, current_language
from policylab.text import signed


def stacked_area(
    panel: pd.DataFrame,
    *,
    title: str,
    unit: str,
    source: str,
    labels: Mapping[str, str] | None = None,
    y_label: str | None = None,
    indicator: str | None = None,
) -> go.Figure:
    """Shares stacked over time (index year, one column per component, e.g. agriculture,
    industry, services). Only years in which every component is known are drawn, because
    a stack with a missing layer would show a fall that did not happen. ``indicator`` is the
    measure's label for the chart's data file when ``y_label`` names only the unit."""
    complete = panel.astype(float).dropna(how="any")
    fmt = value_format(complete.to_numpy().ravel())
    suffix = unit_suffix(unit)
    fig = new_figure(title, source)
    for position, column in enumerate(complete.columns):
        name = (labels or {}).get(column, str(column))
        fig.add_trace(go.Scatter(
            x=complete.index.to_numpy(), y=complete[column].to_numpy(), name=name,
            mode="lines", stackgroup="one", line={"width": 0.5, "color": peer_colour(position)},
            meta={"series": name},
            hovertemplate=f"{name}: %{{y:{fmt}}}{suffix}<extra></extra>",
        ))
    fig.update_layout(hovermode="x unified", yaxis_title=axis_title(y_label or unit))
    fig.update_xaxes(tickformat="d")
    return describe(fig, y=(indicator or y_label, unit))


def heatmap(
    gaps: pd.DataFrame,
    *,
    title: str,
    source: str,
    text: pd.DataFrame | None = None,
    focus: str | None = None,
    row_names: Mapping[str, str] | None = None,
    column_names: Mapping[str, str] | None = None,
    colorbar_title: str = "Gap to peer median",
    unit: str | None = None,
    measure: tuple[str, str] | None = None,
    clip: float | None = None,
) -> go.Figure:
    """A scorecard: rows (countries or indicators) by columns, coloured by the gap to the
    peer median on a diverging scale centred on zero.

    Orient ``gaps`` so that positive means better (flip indicators where lower is better)
    so that one colour always means "ahead". Cell text shows ``text`` (e.g. the values
    themselves) or else the gap; empty cells show an en dash. ``measure`` (label, unit)
    names what a cell's number is in the chart's data file, when the colour bar's title
    does not (rows are countries with ``focus``, indicators without). ``clip`` stops the
    colour scale there (cells beyond take its end colours), so that one outlier does not
    wash out the others; the cells, their hover and the data file keep the true gaps.
    """
    z = gaps.astype(float)
    shown = text.reindex(index=z.index, columns=z.columns) if text is not None else None
    decimals = value_decimals(z.to_numpy().ravel())
    cells = [
        [_cell_text(z.iat[i, j], None if shown is None else shown.iat[i, j], decimals)
         for j in range(z.shape[1])]
        for i in range(z.shape[0])
    ]
    rows = [_row_label(r, focus, row_names) for r in z.index]
    columns = [wrap_label((column_names or {}).get(c, str(c))) for c in z.columns]
    finite = np.abs(z.to_numpy()[np.isfinite(z.to_numpy())])
    limit = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    limit = min(limit, clip) if clip else limit
    fig = new_figure(title, source, legend=False, height=max(360, 48 * len(rows) + 260))
    fig.add_trace(go.Heatmap(
        z=z.to_numpy(), x=columns, y=rows, text=cells, texttemplate="%{text}",
        textfont={"size": 14}, colorscale=DIVERGING_SCALE, zmid=0, zmin=-limit, zmax=limit,
        xgap=2, ygap=2, hoverongaps=False,
        colorbar={"title": {"text": axis_title(colorbar_title, unit), "side": "right",
                            "font": {"size": 14}}},
        hovertemplate="%{y} – %{x}<br>%{text} ("
                      + _("gap {value}").format(value=f"%{{z:+.{decimals}f}}{unit_suffix(unit)}")
                      + ")<extra></extra>",
    ))
    fig.update_layout(
        xaxis={"showgrid": False, "ticks": "", "showline": False},
        yaxis={"autorange": "reversed", "showgrid": False, "ticks": "", "showline": False},
    )
    label, unit_text = measure or measure_of(colorbar_title, unit)
    return describe(fig, grid={"rows": "country" if focus is not None else "indicator",
                               "label": label, "unit": unit_text})


def _cell_text(gap: float, shown: object, decimals: int) -> str:
    if shown is not None and not (isinstance(shown, float) and np.isnan(shown)):
        return str(shown)
    if np.isnan(gap):
        return MISSING
    if current_language() != SOURCE_LANGUAGE:
        return signed(float(gap), decimals=decimals)
    return f"{gap:+,.{decimals}f}".replace("-", "\u2212")


def _row_label(row: str, focus: str | None, names: Mapping[str, str] | None) -> str:
    label = display_name(row, names)
    return f"<b>{label}</b>" if row == focus else label


def range_plot(
    df: pd.DataFrame,
    focus: str | None = None,
    peers: Sequence[str] = (),
    *,
    title: str,
    x_label: str,
    source: str,
    unit: str | None = None,
    names: Mapping[str, str] | None = None,
    ascending: bool = True,
) -> go.Figure:
    """Point estimates with intervals, one row each (index ISO3; columns ``value``,
    ``low``, ``high``), such as a rank with its range under other weights. Rows are sorted
    by value, smallest at the top when ``ascending`` (rank 1 first)."""
    data = df[["value", "low", "high"]].astype(float).dropna(subset=["value"])
    data = data.sort_values("value", ascending=ascending)
    peers = ordered_unique(peers, exclude=[focus] if focus else [])
    labels = {c: display_name(c, names) for c in data.index}
    if focus in labels:
        labels[focus] = f"<b>{labels[focus]}</b>"
    fmt = value_format(data.to_numpy().ravel())
    suffix = unit_suffix(unit)
    fig = new_figure(title, source, height=max(420, 28 * len(data) + 200))
    groups = [
        ([c for c in data.index if c == focus], display_name(focus or "", names), FOCUS_COLOUR,
         14),
        ([c for c in data.index if c in peers], _("Peers"), peer_colour(0), 11),
        ([c for c in data.index if c != focus and c not in peers], _("Other countries"),
         OTHER_COLOUR, 9),
    ]
    for rank, (codes, name, colour, size) in enumerate(groups, start=1):
        if not codes:
            continue
        part = data.loc[codes]
        fig.add_trace(go.Scatter(
            x=part["value"], y=[labels[c] for c in codes], mode="markers", name=name,
            marker={"color": colour, "size": size}, legendrank=rank * 1000, meta=COUNTRIES,
            error_x={"type": "data", "symmetric": False, "color": colour, "thickness": 3,
                     "width": 0, "array": (part["high"] - part["value"]).fillna(0),
                     "arrayminus": (part["value"] - part["low"]).fillna(0)},
            customdata=part[["low", "high"]].to_numpy(),
            hovertemplate=(f"%{{y}}: %{{x:{fmt}}}{suffix} ("
                           + _("range {low}–{high}").format(low=f"%{{customdata[0]:{fmt}}}",
                                                            high=f"%{{customdata[1]:{fmt}}}")
                           + ")<extra></extra>"),
        ))
    fig.update_layout(
        hovermode="closest",
        xaxis={"title": axis_title(x_label, unit), "showgrid": True, "gridcolor": "#E5E5E5"},
        yaxis={"categoryorder": "array", "categoryarray": [labels[c] for c in data.index],
               "autorange": "reversed", "showgrid": False, "ticks": ""},
    )
    return describe(fig, x=(x_label, unit))
