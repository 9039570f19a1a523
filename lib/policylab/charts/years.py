"""A series over the years as a line chart must be given it: every year from its first to
its last, with NaN where there is no value.

Plotly joins the points of a trace in order, so a line drawn from the values alone runs
straight across years without data, as if the country had reported a steady change; with a
NaN in each missing year (and plotly's ``connectgaps=False``, which every line builder sets)
the line breaks there instead. A year with no value on either side is then a point no line
reaches: :func:`lone_marks` marks those on a line drawn without markers.
"""

from __future__ import annotations

import pandas as pd


def every_year(values: pd.Series) -> pd.Series:
    """``values`` (index: years) on every year from its first to its last year with a value,
    NaN in the years between without one; empty when it has no value."""
    points = values.astype(float).dropna()
    if points.empty:
        return points
    points.index = points.index.astype(int)
    return points.reindex(range(int(points.index.min()), int(points.index.max()) + 1))


def lone_marks(values: pd.Series, colour: str, size: float) -> dict:
    """The ``mode`` and ``marker`` of a line drawn without markers, from ``values`` as
    :func:`every_year` gives them: plain lines, or, when a year has a value but neither
    the year before nor the year after has one, a marker of ``size`` on each such year
    (none elsewhere)."""
    present = values.notna()
    lone = present & ~present.shift(1, fill_value=False) & ~present.shift(-1, fill_value=False)
    if not lone.any():
        return {"mode": "lines"}
    return {"mode": "lines+markers",
            "marker": {"color": colour, "size": [size if one else 0 for one in lone]}}
