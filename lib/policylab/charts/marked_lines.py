"""``charts.line_compare`` of the focus country, its peers and a group's median, with the
country's likely series breaks and outliers marked: of the pack's ``indicators``, or of a
ratio computed from them (``charts.breaks.mark_computed_breaks``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.breaks import mark_computed_breaks
from policylab.charts.compare import line_compare
from policylab.charts.country_breaks import mark_country_breaks


def marked_line_compare(panel: pd.DataFrame, focus: str, peers: Sequence[str],
                        median: pd.Series, *, ds, indicators: Sequence[str],
                        names: Mapping[str, str], computed: pd.Series | None = None,
                        **labels: str) -> go.Figure:
    """``line_compare(panel, focus, peers, median, names=names, **labels)`` (``labels``:
    ``title, unit, source, y_label, group_label``), then the focus country's marks, named
    ``names[focus]``: those of ``computed`` (its series of a ratio of ``indicators``) when
    given, else of each of ``indicators``."""
    fig = line_compare(panel, focus, peers, median, names=names, **labels)
    if computed is not None:
        return mark_computed_breaks(fig, ds, computed, focus, names[focus], indicators)
    return mark_country_breaks(fig, ds, indicators, focus, names[focus])
