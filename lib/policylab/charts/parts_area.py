"""Named parts of a total stacked over time (``charts.stacked_area``), with the remainder
("the rest of the economy") in the grey of other countries so the named parts stand out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.structure import stacked_area
from policylab.charts.template import OTHER_COLOUR


def parts_area(frame: pd.DataFrame, rest: str, *, tickformat: str | None = None,
               **area) -> go.Figure:
    """``stacked_area(frame, **area)`` with the column ``rest`` grey; ``tickformat`` for
    the y axis (",~g" writes 12,000 million tonnes, not plotly's SI "12k")."""
    fig = stacked_area(frame, **area)
    fig.update_traces(selector={"name": rest}, fillcolor=OTHER_COLOUR,
                      line={"color": OTHER_COLOUR})
    if tickformat is not None:
        fig.update_yaxes(tickformat=tickformat)
    return fig
