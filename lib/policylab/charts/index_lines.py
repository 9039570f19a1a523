"""Series rebased to an index (first year = 100) as lines with markers, with a thin
line at the base: e.g. emissions beside real GDP and manufacturing output."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.lines import lines_chart

BASE_COLOUR = "#888888"


def index_lines(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
                lines: Sequence[tuple[pd.Series, str, str, float]],
                base: float = 100.0) -> go.Figure:
    """``lines`` (values by year, name, colour, width) drawn with markers, hover to one
    decimal, and a horizontal line at ``base`` (``charts.lines.lines_chart`` otherwise)."""
    fig = lines_chart(finding, subtitle, source_line, y_title,
                      [(values, name, colour, width,
                        {"mode": "lines+markers", "marker": {"size": width + 2.5,
                                                             "color": colour}})
                       for values, name, colour, width in lines], hover="%{y:.1f}")
    fig.add_hline(y=base, line_color=BASE_COLOUR, line_width=1)
    return fig
