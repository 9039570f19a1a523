"""charts.gap_bars and charts.age_grid (drawn from the digitalization lesson's gaps and
coverage sections) on synthetic data: the trace values, colours and scale they draw."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from policylab.charts import figure_title
from policylab.charts.age_grid import AGE_SCALE, age_grid
from policylab.charts.gap_bars import MIN_TEXT_PX, capped_gap_bars
from policylab.charts.template import FOCUS_COLOUR, PEER_COLOURS


def test_capped_gap_bars_clip_colour_and_place_texts() -> None:
    gaps = pd.Series({"a": -400.0, "b": -20.0, "c": 10.0, "d": 90.0})
    fig = capped_gap_bars(gaps, ["A", "B", "C", "D"], ["ta", "tb", "tc", "td"],
                          ["ha", "hb", "hc", "hd"], title="T", source="S", cap=150.0,
                          x_title=("Gap", "% of the median"))
    (bar,) = fig.data
    assert list(bar.y) == ["A", "B", "C", "D"] and list(bar.text) == ["ta", "tb", "tc", "td"]
    assert list(bar.hovertext) == ["ha", "hb", "hc", "hd"] and "%{hovertext}" in (
        bar.hovertemplate)
    # a text inside its bar is never shrunk below a readable size
    assert fig.layout.uniformtext.minsize == MIN_TEXT_PX and fig.layout.uniformtext.mode == "show"
    assert list(bar.x) == [-150.0, -20.0, 10.0, 90.0]  # the -400 drawn at the cap
    assert list(bar.marker.color) == [FOCUS_COLOUR, FOCUS_COLOUR, PEER_COLOURS[0],
                                      PEER_COLOURS[0]]
    assert list(bar.textposition) == ["inside", "outside", "outside", "inside"]
    assert bar.orientation == "h" and bar.cliponaxis is False
    assert list(fig.layout.xaxis.range) == [-157.5, 157.5]
    assert fig.layout.xaxis.title.text.startswith("Gap")
    assert fig.layout.height == max(420, 56 * 4 + 220) and figure_title(fig) == "T"
    assert fig.layout.shapes[0].x0 == 0 and fig.layout.shapes[0].x1 == 0


def test_capped_gap_bars_data_file_holds_the_gaps_not_the_capped_lengths() -> None:
    from policylab.charts.data import tidy

    gaps = pd.Series({"a": -400.0, "b": 430.5, "c": 10.0})
    fig = capped_gap_bars(gaps, ["A", "B", "C"], ["ta", "tb", "tc"], ["ha", "hb", "hc"],
                          title="T", source="S", cap=150.0,
                          x_title=("Gap", "% of the median; bars capped at ±150%"))
    rows = tidy(fig, country="Kenya", countries=["Kenya", "Ghana"])
    assert list(rows["series"]) == ["A", "B", "C"] and set(rows["country"]) == {"Kenya"}
    assert list(rows["value"]) == [-400.0, 430.5, 10.0]
    assert set(rows["indicator"]) == {"Gap"} and set(rows["unit"]) == {"%"}


def _grid(lag: pd.DataFrame, min_span: float):
    text = pd.DataFrame({"x": [2020, 2015], "y": [2019, np.nan]}, index=lag.index, dtype=object)
    return age_grid(lag, text, title="T", source="S", focus="Kenya", colorbar_title="Years",
                    measure=("Latest", "years"), min_span=min_span)


def test_age_grid_spans_the_oldest_lag_or_the_minimum() -> None:
    lag = pd.DataFrame({"x": [0.0, -5.0], "y": [-1.0, math.nan]}, index=["Kenya", "Ghana"])
    (cells,) = _grid(lag, min_span=12.0).data
    assert cells.zmin == -12.0 and cells.zmax == 0  # a 5-year lag on a 12-year scale
    assert [list(r) for r in cells.colorscale] == [list(s) for s in AGE_SCALE]
    z = np.asarray(cells.z, dtype=float)
    assert z[0].tolist() == [0.0, -1.0] and z[1][0] == -5.0 and math.isnan(z[1][1])
    assert cells.text[0][0] == "2020" and cells.text[1][0] == "2015"
    (older,) = _grid(lag * 4, min_span=12.0).data
    assert older.zmin == -20.0


def test_age_grid_without_any_figure_keeps_the_minimum_span() -> None:
    lag = pd.DataFrame({"x": [math.nan, math.nan]}, index=["Kenya", "Ghana"])
    (cells,) = age_grid(lag, lag.astype(object), title="T", source="S", focus="Kenya",
                        colorbar_title="Years", measure=("Latest", "years"), min_span=6.0).data
    assert cells.zmin == -6.0
