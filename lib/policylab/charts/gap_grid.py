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
    """``gaps`` (rows indicators, columns countries; + = better) clipped at ``clip``, each
    cell written with ``text`` (its true value)."""
    fig = heatmap(gaps.clip(-clip, clip), title=title, source=source, text=text,
                  column_names=column_names, row_names=row_names, colorbar_title=colorbar_title)
    fig.update_layout(height=max(480, 50 * len(gaps) + 300))
    fig.update_xaxes(tickangle=0)
    # the cells are coloured by the clipped gaps; the chart's data file gives the gaps
    fig.update_traces(textfont={"size": 12}, meta={"values": gaps.to_numpy().tolist()})
    labels_on_top(fig)
    return fig
