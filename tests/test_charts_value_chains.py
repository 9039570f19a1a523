"""The value-chains lesson's charts moved to charts/: share lines, reference bars and the
product-space neighbourhood map."""

from __future__ import annotations

import numpy as np
import pandas as pd

from policylab.charts.neighbourhood import neighbourhood_map
from policylab.charts.reference_bars import reference_bars
from policylab.charts.share_lines import share_lines
from policylab.charts.template import FOCUS_COLOUR, figure_title


def test_share_lines_draws_one_line_per_column_the_bold_one_thicker():
    shares = pd.DataFrame({"Food": [10.0, np.nan, 12.0], "Fuels": [50.0, 55.0, 60.0]},
                          index=[2000, 2001, 2002])
    fig = share_lines(shares, {"Food": "#111111", "Fuels": "#222222"}, title="T", source="S",
                      y_title="% of exports", measure=("Share", "%"), bold="Fuels",
                      hover="{group}: %{y:.1f}%<extra></extra>")
    food, fuels = fig.data
    assert list(food.x) == [2000, 2001, 2002] and np.isnan(food.y[1])  # broken at 2001
    assert list(fuels.y) == [50.0, 55.0, 60.0] and fuels.name == "Fuels"
    assert (food.line.width, fuels.line.width) == (2, 3)
    assert food.line.color == "#111111" and fuels.hovertemplate.startswith("Fuels: ")
    assert figure_title(fig) == "T" and fig.layout.yaxis.title.text == "% of exports"
    assert fig.layout.meta["axes"]["y"] == {"label": "Share", "unit": "%"}


def test_reference_bars_writes_each_bar_and_draws_the_reference_line():
    fig = reference_bars(["B", "A"], [0.5, 12.345], title="T", source="S", x_title="RCA",
                         hover="%{y}<extra></extra>",
                         customdata=np.array([["x", 1.0], ["y", 2.0]], dtype=object))
    bar = fig.data[0]
    assert list(bar.y) == ["B", "A"] and list(bar.x) == [0.5, 12.345]
    assert list(bar.text) == ["0.50", "12.3"] and bar.orientation == "h"
    assert bar.marker.color == FOCUS_COLOUR and fig.layout.xaxis.type == "log"
    # labelled at 1-3-10 steps only, not at every digit (a stray "2" past the last bar)
    assert list(fig.layout.xaxis.tickvals) == [0.3, 1.0, 3.0, 10.0, 30.0]
    assert list(fig.layout.xaxis.ticktext) == ["0.3", "1", "3", "10", "30"]
    assert fig.layout.shapes[0].x0 == 1 and fig.layout.height == max(440, 34 * 2 + 240)


def test_neighbourhood_map_sizes_held_products_by_exports():
    nodes = pd.DataFrame({
        "role": ["held", "held", "candidate"], "x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.5],
        "name": ["Coffee", "Tea and other very long product names", "Spices"],
        "value": [100.0, 25.0, np.nan], "rca": [3.0, 1.5, 0.4], "density": [0.5, 0.4, 0.3]},
        index=["0901", "0902", "0904"])
    edges = pd.DataFrame({"source": ["0901", "0902"], "target": ["0902", "0904"]})
    fig = neighbourhood_map(nodes, edges, held_name="Held", near_name="Near", title="T",
                            source="S", hover="%{customdata[0]}<extra></extra>")
    links, held, near = fig.data
    assert list(links.x) == [0.0, 1.0, None, 1.0, 2.0, None]
    assert held.name == "Held" and list(held.marker.size) == [40.0, 25.0]
    assert list(held.text) == ["Coffee", "Tea and other very lo…"]
    assert near.name == "Near" and near.marker.size == 12
    assert [list(row) for row in near.customdata] == [["0904", "Spices", 0.4, 0.3]]


def test_add_median_line_draws_a_named_dashed_line():
    import plotly.graph_objects as go

    from policylab.charts.median_line import add_median_line

    fig = add_median_line(go.Figure(go.Bar(x=[1.0, 2.0], y=["A", "B"], orientation="h")),
                          1.5, "Median of X")
    line = fig.layout.shapes[0]
    assert (line.x0, line.x1, line.line.dash, line.line.color) == (1.5, 1.5, "dash", "#333333")
    assert fig.layout.annotations[0].text == "Median of X"
