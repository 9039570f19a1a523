"""A scorecard of many countries: indicators down, countries across (labelled above the
grid), coloured by the direction-aware gap to each country's own peers, with the colours
stopped at a few spreads so that one outlier does not wash out every other cell."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.grid import labels_on_top
from policylab.charts.structure import heatmap


def gap_grid(gaps: pd.DataFrame, text: pd.DataFrame, *, clip: float, title: str, source: str,
             row_names: Mapping[str, str], column_names: Mapping[str, str],
             colorbar_title: str) -> go.Figure:
    """``gaps`` (rows indicators, columns countries; + = better), the colours stopped at
    ``clip``, each cell written with ``text``."""
    fig = heatmap(gaps, title=title, source=source, text=text, column_names=column_names,
                  row_names=row_names, colorbar_title=colorbar_title, clip=clip)
    fig.update_layout(height=max(480, 50 * len(gaps) + 300))
    fig.update_xaxes(tickangle=0)
    fig.update_traces(textfont={"size": 12})
    labels_on_top(fig)
    return fig
