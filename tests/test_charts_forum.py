"""The forum brief's charts (``charts.mark_grids``, ``charts.median_dots``,
``charts.path_level``, ``charts.gap_grid``) on synthetic data: what each trace holds."""

from __future__ import annotations

import math

import pandas as pd

from policylab.charts.gap_grid import gap_grid
from policylab.charts.mark_grids import marked_grid, rank_grid
from policylab.charts.median_dots import median_dots
from policylab.charts.path_level import path_level
from policylab.charts.template import FOCUS_COLOUR, PEER_COLOURS, figure_title


def test_marked_grid_marks_true_cells_and_keeps_clear_columns():
    marked = pd.DataFrame([[True, True, False], [False, True, False]],
                          index=["a", "b"], columns=["KEN", "UGA", "TZA"])
    fig = marked_grid(marked, rows={"a": "A (2)", "b": "B (1)"},
                      columns={"KEN": "Kenya", "UGA": "Uganda", "TZA": "Tanzania"},
                      hover=lambda r, c: f"{c}: {r}", title="T", source="S")
    marks, clear = fig.data
    assert list(marks.x) == ["Kenya", "Uganda", "Uganda"]
    assert list(marks.y) == ["A (2)", "A (2)", "B (1)"]
    assert list(marks.text) == ["KEN: a", "UGA: a", "UGA: b"]
    assert marks.marker.symbol == "square" and marks.marker.color == FOCUS_COLOUR
    assert list(clear.x) == ["Tanzania"] and list(clear.y) == ["A (2)"]
    assert clear.marker.opacity == 0
    assert list(fig.layout.xaxis.categoryarray) == ["Kenya", "Uganda", "Tanzania"]
    assert list(fig.layout.yaxis.categoryarray) == ["A (2)", "B (1)"]
    assert figure_title(fig) == "T"


def test_marked_grid_without_clear_column_has_one_trace():
    marked = pd.DataFrame([[True]], index=["a"], columns=["KEN"])
    fig = marked_grid(marked, rows={"a": "A"}, columns={"KEN": "Kenya"},
                      hover=lambda r, c: "", title="T", source="S")
    assert len(fig.data) == 1


def test_rank_grid_writes_each_rank_in_its_mark():
    fig = rank_grid([("Coffee (PCI 0.50)", {"Kenya": 1, "Uganda": 3}),
                     ("Tea (PCI −0.20)", {"Kenya": 2})], ["Uganda", "Kenya"],
                    title="T", source="S", hover="%{text}")
    (marks,) = fig.data
    assert list(marks.x) == ["Kenya", "Uganda", "Kenya"]
    assert list(marks.y) == ["Coffee (PCI 0.50)", "Coffee (PCI 0.50)", "Tea (PCI −0.20)"]
    assert list(marks.text) == ["1", "3", "2"] and marks.mode == "markers+text"
    assert marks.marker.color == PEER_COLOURS[0] and marks.hovertemplate == "%{text}"
    assert list(fig.layout.xaxis.categoryarray) == ["Uganda", "Kenya"]


def test_median_dots_draws_median_edge_and_values_in_that_order():
    fig = median_dots(["Kenya", "Uganda"], [7.6, 15.5], ["7.6%", "15.5%"], [2023, 2022],
                      value_name="Country", median=([9.0, 10.0], "Peer median", "m"),
                      edge=([8.0, math.nan], "Edge", "e"), title="T", source="S",
                      x_title="MVA (% of GDP)")
    median, edge, values = fig.data
    assert list(median.x) == [9.0, 10.0] and median.name == "Peer median"
    assert list(edge.x[:1]) == [8.0] and edge.name == "Edge" and edge.hovertemplate == "e"
    assert list(values.x) == [7.6, 15.5] and list(values.y) == ["Kenya", "Uganda"]
    assert list(values.text) == ["7.6%", "15.5%"] and list(values.customdata) == [2023, 2022]
    assert fig.layout.xaxis.title.text == "MVA (% of GDP)"
    assert list(fig.layout.yaxis.range) == [1.5, -0.8]
    assert fig.layout.height >= 400


def test_median_dots_leaves_out_an_edge_without_values():
    fig = median_dots(["Kenya"], [7.6], ["7.6%"], [2023], value_name="Country",
                      median=([9.0], "Peer median", "m"), edge=([math.nan], "Edge", "e"),
                      title="T", source="S", x_title="x")
    assert [t.name for t in fig.data] == ["Peer median", "Country"]


def test_path_level_draws_each_path_then_the_focus_level():
    panel = pd.DataFrame({"VNM": [10.0, 12.0, None, 16.0], "KEN": [None, 7.0, 7.5, 7.6]},
                         index=[2010, 2011, 2012, 2013])
    fig = path_level(panel, {"VNM": "Viet Nam", "KEN": "Kenya", "XXX": "Absent"}, "KEN", 7.6,
                     (2010, 2013), level_name="Kenya today", title="T", source="S",
                     y_title="MVA (% of GDP)")
    teacher, learner, level = fig.data
    assert list(teacher.x) == [2010, 2011, 2012, 2013]  # broken at the missing year
    assert list(teacher.y[[0, 1, 3]]) == [10.0, 12.0, 16.0] and math.isnan(teacher.y[2])
    assert teacher.line.color == PEER_COLOURS[0] and learner.line.color == FOCUS_COLOUR
    assert list(learner.x) == [2011, 2012, 2013]
    assert list(level.x) == [2010, 2013] and list(level.y) == [7.6, 7.6]
    assert level.name == "Kenya today" and level.line.dash == "dash"
    assert fig.layout.yaxis.title.text == "MVA (% of GDP)"


def _scorecard(text: pd.DataFrame):
    """A 2 x 2 scorecard whose gaps 3 and -4 lie beyond the colour clip of 2."""
    gaps = pd.DataFrame({"KEN": [3.0, -0.5], "UGA": [-4.0, None]}, index=["mva", "co2"])
    return gap_grid(gaps, text, clip=2.0, title="T", source="S",
                    row_names={"mva": "MVA", "co2": "CO2"},
                    column_names={"KEN": "Kenya", "UGA": "Uganda"}, colorbar_title="Gap")


def test_gap_grid_stops_the_colours_at_the_clip_and_keeps_the_gaps():
    text = pd.DataFrame({"KEN": ["30", "1"], "UGA": ["-40", "no data"]}, index=["mva", "co2"])
    fig = _scorecard(text)
    cell = fig.data[0]
    assert [list(r) for r in cell.z][0] == [3.0, -4.0]  # the true gaps, hovered and saved
    assert (cell.zmin, cell.zmax) == (-2.0, 2.0)  # the colours stop at the clip
    assert cell.z[1][0] == -0.5 and math.isnan(cell.z[1][1])
    assert [list(r) for r in cell.text] == [["30", "-40"], ["1", "no data"]]
    assert list(cell.y) == ["MVA", "CO2"] and list(cell.x) == ["Kenya", "Uganda"]
    assert fig.layout.xaxis.side == "top" and fig.layout.height >= 480


def test_gap_grid_data_file_holds_the_gaps_not_the_clipped_colours():
    from policylab.charts.data import tidy

    text = pd.DataFrame({"KEN": ["3", "-0.5"], "UGA": ["-4", "no data"]}, index=["mva", "co2"])
    rows = tidy(_scorecard(text), countries=["Kenya", "Uganda"])
    assert sorted(rows["value"]) == [-4.0, -0.5, 3.0]  # 3 and -4, not the clip at ±2
