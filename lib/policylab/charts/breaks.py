"""Mark a country's likely series breaks and outliers on a chart (DESIGN §10, issue 11).

One helper for every lesson: a dotted vertical line at each likely break and an "x" marker
on each likely outlier, with hover text, from ``evidence.breaks.series_flags``.
"""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.evidence.breaks import series_flags

BREAK_COLOUR = "#7F7F7F"


def mark_breaks(fig: go.Figure, ds, indicator: str, iso3: str, name: str,
                years: tuple[int, int] | None = None) -> go.Figure:
    """Add ``iso3``'s likely breaks (dotted vertical lines, labelled) and outliers ("x" markers) of
    ``indicator`` to ``fig`` (x axis: years); ``fig`` unchanged when the series has none.
    ``years`` (first, last) keeps only the marks inside the chart's years (a mark outside
    would stretch the axis)."""
    flags = series_flags(ds, indicator, iso3)
    if years is not None:
        inside = range(int(years[0]), int(years[1]) + 1)
        flags = type(flags)(tuple(y for y in flags.breaks if y in inside),
                            tuple(y for y in flags.outliers if y in inside), flags.erratic)
    for year in flags.breaks:
        fig.add_vline(x=year, line={"color": BREAK_COLOUR, "width": 1.5, "dash": "dot"},
                      annotation_text=f"{name}: likely series break",
                      annotation_position="top left", annotation_font_size=10,
                      annotation_font_color=BREAK_COLOUR)
    if flags.outliers:
        rows = ds.series(indicator, iso3).set_index("year")["value"]
        years = [y for y in flags.outliers if y in rows.index]
        fig.add_trace(go.Scatter(
            x=years, y=[float(rows[y]) for y in years], mode="markers",
            marker={"symbol": "x", "size": 11, "color": BREAK_COLOUR},
            name=f"{name}: likely outlier",
            hovertext=[f"{name}, {y}: likely outlier" for y in years], hoverinfo="text"))
    return fig
