"""Gaps to a reference (in % of it), one horizontal bar per item, right = ahead: bars
behind in the focus colour, bars ahead in the first peer colour, and every bar drawn at
most ``cap`` long so that one gap to a reference near zero does not flatten the others."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import FOCUS_COLOUR, PEER_COLOURS, axis_title, describe, new_figure
from policylab.i18n import number_style

#: The bars' text size, and the least that plotly may shrink a text inside a bar to.
TEXT_PX = 15
MIN_TEXT_PX = 13


def capped_gap_bars(gaps: pd.Series, labels: Sequence[str], texts: Sequence[str],
                    hovers: Sequence[str], *, title: str, source: str, cap: float,
                    x_title: tuple[str, str]) -> go.Figure:
    """``gaps`` (in %, positive = ahead), bottom to top, labelled ``labels`` on the axis,
    ``texts`` on the bars and ``hovers`` in their hover; ``x_title`` is (measure, unit) for
    ``template.axis_title``. The chart's data file holds the gaps themselves, not the
    capped lengths.

    A bar's text sits inside it when the bar is longer than half the cap, else just past its
    end, where the axis leaves at least half the cap free: so ``texts`` must be short (the
    gap itself, a word or two; the figures behind it go to ``hovers``). A longer text ran
    past the plot's edge, over the axis labels on the left and off the chart on the right,
    or was shrunk to an unreadable size inside its bar; inside text never shrinks below
    ``MIN_TEXT_PX``."""
    shown = gaps.clip(-cap, cap)
    fig = new_figure(title, source, legend=False, height=max(420, 56 * len(gaps) + 220))
    fig.add_trace(go.Bar(
        y=list(labels), x=shown.to_numpy(), orientation="h",
        marker_color=[FOCUS_COLOUR if v < 0 else PEER_COLOURS[0] for v in gaps],
        text=list(texts), cliponaxis=False, textfont={"size": TEXT_PX},
        textposition=["inside" if abs(v) > cap / 2 else "outside" for v in shown],
        hovertext=list(hovers), hovertemplate="%{y}: %{hovertext}<extra></extra>",
        meta={"values": gaps.to_list()}))
    fig.add_vline(x=0, line={"color": "#333333", "width": 1.5})
    fig.update_layout(
        uniformtext={"minsize": MIN_TEXT_PX, "mode": "show"},
        xaxis={"title": axis_title(*x_title), "showgrid": True, "gridcolor": "#E5E5E5",
               "ticksuffix": f"{number_style().percent_gap}%", "range": [-cap * 1.05, cap * 1.05]},
        yaxis={"showgrid": False, "ticks": ""})
    return describe(fig, x=(x_title[0], "%"))
