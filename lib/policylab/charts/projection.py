"""A series so far and two paths projected from its last year, in the house colours: the
data solid in the focus colour, a reference path (e.g. "nothing changes") dashed in the
group's, and the scenario dashed in the focus colour."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import template as tpl
from policylab.charts.lines import lines_chart


def projection_chart(finding: str, subtitle: str, source_line: str, y_title: tuple[str, str],
                     history: tuple[pd.Series, str], reference: tuple[pd.Series, str],
                     scenario: tuple[pd.Series, str], **lines) -> go.Figure:
    """``history``, ``reference`` and ``scenario`` are (values by year, name);
    ``lines`` go to ``charts.lines.lines_chart`` (``hover``, layout)."""
    return lines_chart(finding, subtitle, source_line, y_title,
                       [(*history, tpl.FOCUS_COLOUR, tpl.FOCUS_WIDTH, {}),
                        (*reference, tpl.GROUP_COLOUR, tpl.GROUP_WIDTH, {"dash": "dash"}),
                        (*scenario, tpl.FOCUS_COLOUR, tpl.FOCUS_WIDTH - 1, {"dash": "dash"})],
                       **lines)
