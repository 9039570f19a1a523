"""A few named series of one country over the years (not one indicator across countries:
that is ``charts.line_compare``), in the house colours: the series the title is about
thick in the focus colour, drawn over its context (the first in the group's colour, the
others in the peers'). :func:`index_lines` draws them as indices with a line at the base."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import template as tpl
from policylab.charts.lines import lines_chart

BASE_COLOUR = "#888888"


def focus_lines(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
                context: Sequence[tuple[pd.Series, str]], focus: tuple[pd.Series, str], *,
                markers: bool = False, **lines) -> go.Figure:
    """``context`` then ``focus`` (values by year, name), with markers when ``markers``;
    ``lines`` go to ``charts.lines.lines_chart`` (``hover``, layout)."""
    drawn = [(values, name, tpl.GROUP_COLOUR if k == 0 else tpl.peer_colour(k - 1),
              tpl.GROUP_WIDTH if k == 0 else tpl.PEER_WIDTH)
             for k, (values, name) in enumerate(context)]
    drawn.append((*focus, tpl.FOCUS_COLOUR, tpl.FOCUS_WIDTH))
    return lines_chart(finding, subtitle, source_line, y_title,
                       [(values, name, colour, width,
                         {"mode": "lines+markers", "marker": {"size": width + 2.5,
                                                              "color": colour}}
                         if markers else {})
                        for values, name, colour, width in drawn], **lines)


def index_lines(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
                context: Sequence[tuple[pd.Series, str]], focus: tuple[pd.Series, str],
                base: float = 100) -> go.Figure:
    """:func:`focus_lines` of indices: markers, hover to one decimal and a thin horizontal
    line at ``base``."""
    fig = focus_lines(finding, subtitle, source_line, y_title, context, focus, markers=True,
                      hover="%{y:.1f}")
    fig.add_hline(y=base, line_color=BASE_COLOUR, line_width=1)
    return fig
