"""Mark a country's likely series breaks and outliers on a chart (DESIGN §10, issue 11).

One helper for every lesson: a dotted vertical line at each likely break (one label per
series, naming their years) and an "x" marker on each likely outlier, with hover text,
from ``evidence.breaks.series_flags`` (or, for a ratio computed by a lesson, from its own
flags and its inputs' breaks).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.evidence.breaks import detect, series_flags
from policylab.i18n import _, ngettext
from policylab.text import join_list

BREAK_COLOUR = "#7F7F7F"
#: The annotation name of a break label (one per series marked on a chart).
BREAK_MARK = "break"
#: Break labels of further series step down the plot this far each, and start again at the
#: top after this many.
LABEL_STEP_PX = 13
MAX_LABEL_STEPS = 4


def draw_marks(fig: go.Figure, name: str, breaks: Iterable[int] = (),
               outliers: pd.Series | None = None) -> go.Figure:
    """Dotted vertical lines at ``breaks`` with one label for them all, "<name>: likely
    series breaks in 2017, 2019 and 2020", and "x" markers at ``outliers`` (values indexed
    by year) with hover text."""
    years = sorted(int(y) for y in breaks)
    for year in years:
        fig.add_vline(x=year, line={"color": BREAK_COLOUR, "width": 1.5, "dash": "dot"})
    if years:
        _label_breaks(fig, name, years)
    if outliers is not None and len(outliers):
        years = [int(y) for y in outliers.index]
        fig.add_trace(go.Scatter(
            x=years, y=[float(v) for v in outliers], mode="markers",
            marker={"symbol": "x", "size": 11, "color": BREAK_COLOUR},
            name=_("{name}: likely outlier").format(name=name),
            meta={"kind": "outlier", "series": _("{name}: likely outlier").format(name=name)},
            hovertext=[_("{name}, {year}: likely outlier").format(name=name, year=y)
                       for y in years], hoverinfo="text"))
    return fig


def _label_breaks(fig: go.Figure, name: str, years: Sequence[int]) -> None:
    """One label at the top of the first of ``years``' lines, naming them all: a label on
    each line printed the same words over and over across a few years of the plot. It runs
    away from the nearer edge of the years drawn (into the plot, not over the axis), and
    each further series' label sits one line lower, so that labels of breaks of several
    series a year or two apart do not print over each other."""
    label = ngettext("likely series break in {years}", "likely series breaks in {years}",
                     len(years)).format(years=join_list(str(y) for y in years))
    drawn = sum(a.name == BREAK_MARK for a in fig.layout.annotations)
    span = _years_drawn(fig)
    rightwards = span is not None and years[0] < sum(span) / 2
    fig.add_annotation(
        name=BREAK_MARK, text=_("{name}: {label}").format(name=name, label=label),
        x=years[0], xref="x", y=1, yref="paper", yanchor="top",
        xanchor="left" if rightwards else "right", xshift=3 if rightwards else -3,
        yshift=-LABEL_STEP_PX * (drawn % MAX_LABEL_STEPS), showarrow=False,
        font={"size": 10, "color": BREAK_COLOUR})


def _years_drawn(fig: go.Figure) -> tuple[float, float] | None:
    """The first and last year the traces of ``fig`` draw (None without any)."""
    found = [float(x) for trace in fig.data if getattr(trace, "x", None) is not None
             for x in trace.x if isinstance(x, numbers.Real)]
    return (min(found), max(found)) if found else None


def mark_breaks(fig: go.Figure, ds, indicator: str | Sequence[str], iso3: str,
                name: str | Mapping[str, str], years: tuple[int, int] | None = None,
                outliers: bool = True, fit: bool = False) -> go.Figure:
    """Add ``iso3``'s likely breaks (dotted vertical lines, labelled) and outliers ("x"
    markers) of ``indicator`` (or of each of several, one after the other) to ``fig`` (x
    axis: years); ``fig`` unchanged when the series has none. ``name`` labels the marks
    (a mapping: per indicator, e.g. "Kenya, CO2 emissions"). ``years`` (first, last) keeps
    only the marks inside the chart's years (a mark outside would stretch the axis);
    ``outliers=False`` draws the breaks only; ``fit`` sets the x axis to ``years`` when a
    mark is drawn (so that it does not widen the axis)."""
    drawn = 0
    for one in (indicator,) if isinstance(indicator, str) else indicator:
        flags = series_flags(ds, one, iso3)
        inside = range(int(years[0]), int(years[1]) + 1) if years is not None else None
        breaks = [y for y in flags.breaks if inside is None or y in inside]
        odd = [y for y in flags.outliers if outliers and (inside is None or y in inside)]
        values = (ds.series(one, iso3).set_index("year")["value"] if odd
                  else pd.Series(dtype=float))
        points = values.reindex([y for y in odd if y in values.index])
        draw_marks(fig, name if isinstance(name, str) else name[one], breaks, points)
        drawn += len(breaks) + len(points)
    if fit and years is not None and drawn:
        fig.update_xaxes(range=[int(years[0]) - 0.5, int(years[1]) + 0.5])
    return fig


def mark_computed_breaks(fig: go.Figure, ds, series: pd.Series, iso3: str, name: str,
                         inputs: Sequence[str]) -> go.Figure:
    """Mark a ratio computed from the pack's ``inputs`` (``series``: index year): the likely
    breaks of its inputs and of itself (dotted lines) and its own outliers ("x" on the
    ratio, in the chart's unit)."""
    points = series.dropna()
    own = detect(points.index.tolist(), points.tolist())
    years = {y for i in inputs for y in series_flags(ds, i, iso3).breaks} | set(own.breaks)
    return draw_marks(fig, name, sorted(years),
                      points.reindex([y for y in own.outliers if y in points.index]))
