"""The shared pieces the lessons' sections are built on (issue 12, stage 2): the
decomposition and category-grid charts, the scatter's path option, the display layer's
Table, counts in the narrative layer, flag labels and the method notes kept with their
methods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.cases import CHALLENGE_FLAGS, flag_label
from policylab.charts import scatter_compare
from policylab.charts.compare import log_ticks
from policylab.charts.decomposition import decomposition_bars
from policylab.charts.grid import (
    LABEL_LINE_PX,
    TOP_LABELS_PX,
    dot_grid,
    labels_on_top,
    pair_matrix,
)
from policylab.charts.network import edge_trace
from policylab.charts.template import FOCUS_COLOUR, new_figure
from policylab.display import Table, table_bundle
from policylab.metrics import cip
from policylab.metrics import world_pattern as wp
from policylab.narrative import fmt_number, fmt_quantity

NAMES = {"KEN": "Kenya", "UGA": "Uganda", "TZA": "Tanzania"}


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_decomposition_bars_stack_the_terms_and_mark_the_total() -> None:
    parts = pd.DataFrame({"within": [3.0, -1.0], "static": [1.5, 2.0], "total": [4.5, 1.0],
                          "years": ["2000–2020", "2005–2020"]}, index=["KEN", "UGA"])
    fig = decomposition_bars(parts, {"within": "Within", "static": "Static"}, "KEN",
                             names=NAMES, note="years", title="t", source="s",
                             x_label="Change", x_unit="%")
    within, total = _trace(fig, "Within"), _trace(fig, "Total change")
    assert list(within.y) == ["<b>Kenya</b>", "Uganda"] and list(within.x) == [3.0, -1.0]
    assert list(within.customdata) == ["2000–2020", "2005–2020"]
    assert "Within %{x:+.1f}% (%{customdata})" in within.hovertemplate
    # the diamonds sit at the sum of the terms
    assert np.allclose(total.x, parts[["within", "static"]].sum(axis=1))
    assert total.marker.symbol == "diamond" and total.marker.color == FOCUS_COLOUR
    assert fig.layout.barmode == "relative" and fig.layout.height == 480
    assert fig.layout.xaxis.title.text == "Change (%)"


def _cross() -> pd.DataFrame:
    gdp = np.array([500.0, 2_000.0, 8_000.0, 30_000.0])
    return pd.DataFrame({"gdp": gdp, "mva": [8.0, 14.0, 16.0, 12.0], "year": 2022},
                        index=["KEN", "UGA", "TZA", "DEU"])


def test_scatter_compare_draws_the_focus_path_with_gaps_and_a_marker_line() -> None:
    path = pd.DataFrame({"gdp": [400.0, 450.0, np.nan, 500.0], "mva": [10.0, 9.5, np.nan, 8.0],
                         "year": [2000, 2001, np.nan, 2003]})
    fig = scatter_compare(_cross(), "gdp", "mva", "KEN", ["UGA"], title="t", x_label="x",
                          y_label="y", source="s", names=NAMES, log_x=True, path=path,
                          path_name="Kenya, 2000–2003", marker_line=(5_000.0, "peak"))
    drawn = _trace(fig, "Kenya, 2000–2003")
    assert list(drawn.y[:2]) == [10.0, 9.5] and np.isnan(drawn.y[2])
    texts = [a.text for a in fig.layout.annotations]
    assert "2000" in texts and "peak" in texts
    first = next(a for a in fig.layout.annotations if a.text == "2000")
    assert first.x == pytest.approx(np.log10(400.0))  # annotations take log10 on a log axis
    assert fig.layout.shapes[0].x0 == 5_000.0
    # 1-3-10 steps from a third of the smallest income to three times the largest
    assert list(fig.layout.xaxis.tickvals) == [300.0, 1000.0, 3000.0, 10000.0, 30000.0]


def test_scatter_compare_leaves_out_a_marker_line_outside_the_range() -> None:
    fig = scatter_compare(_cross(), "gdp", "mva", "KEN", title="t", x_label="x", y_label="y",
                          source="s", marker_line=(90_000.0, "peak"))
    assert not fig.layout.shapes and "peak" not in [a.text for a in fig.layout.annotations]


def test_log_ticks_cover_the_values_at_1_3_10_steps() -> None:
    assert log_ticks(pd.Series([250.0, 4_000.0])) == [100.0, 300.0, 1000.0, 3000.0, 10000.0]


def test_dot_grid_puts_one_mark_per_pair_and_labels_on_top() -> None:
    fig = dot_grid("t", "s", ["Kenya", "Uganda"], 12, 420, x=["Kenya"], y=["Flag"],
                   mode="markers")
    assert fig.layout.height == 34 * 12 + 260
    assert list(fig.layout.xaxis.categoryarray) == ["Kenya", "Uganda"]
    assert fig.layout.xaxis.side == "top" and fig.layout.yaxis.autorange == "reversed"
    plain = new_figure("t", "s")
    title = next(a for a in plain.layout.annotations if a.name == "title")
    top, shift = plain.layout.margin.t, title.yshift
    labels_on_top(plain)
    assert plain.layout.margin.t == top + TOP_LABELS_PX
    title = next(a for a in plain.layout.annotations if a.name == "title")
    assert title.yshift == shift + TOP_LABELS_PX


def test_grid_columns_write_long_names_on_lines_of_their_own_with_room_above() -> None:
    """"Ethiopia United Republic of Tanzania Uganda" ran together over the flag grid, and
    plotly tilted the pair grid's names into its title: names wrap, level, and the space
    above the grid grows by a line for each further line of the longest name."""
    columns = ["Ethiopia", "United Republic of Tanzania", "Uganda"]
    one_line = dot_grid("t", "s", ["Kenya", "Uganda"], 3, 420, x=["Kenya"], y=["Flag"])
    marks = dot_grid("t", "s", columns, 3, 420, x=["Uganda"], y=["Flag"])
    pairs = pair_matrix(np.full((3, 3), 0.5), columns, title="t", source="s",
                        colour="#0072B2", colorbar_title="Complementarity")
    for fig in (marks, pairs):
        axis = fig.layout.xaxis
        assert list(axis.tickvals) == columns and axis.tickangle == 0
        assert list(axis.ticktext) == ["Ethiopia", "United Republic<br>of Tanzania", "Uganda"]
        assert fig.layout.margin.t == one_line.layout.margin.t + LABEL_LINE_PX
    assert list(pairs.data[0].x) == columns  # the cells keep the names (hover, data file)


def test_pair_matrix_writes_each_pair_and_leaves_the_diagonal_empty() -> None:
    matrix = np.array([[np.nan, 0.4213], [0.4213, np.nan]])
    fig = pair_matrix(matrix, ["Kenya", "Uganda"], title="t", source="s", colour="#0072B2",
                      colorbar_title="Complementarity")
    cells = fig.data[0]
    assert [list(row) for row in cells.text] == [["", "0.42"], ["0.42", ""]]
    assert list(cells.x) == list(cells.y) == ["Kenya", "Uganda"]
    assert cells.colorscale[-1][1] == "#0072B2" and (cells.zmin, cells.zmax) == (0.0, 1.0)
    assert fig.layout.height == 460 and fig.layout.xaxis.side == "top"


def test_edge_trace_draws_each_link_as_a_segment_with_gaps() -> None:
    nodes = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.0]}, index=["a", "b", "c"])
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    trace = edge_trace(nodes, edges, colour="#BBBBBB", width=1)
    assert list(trace.x) == [0.0, 1.0, None, 1.0, 2.0, None]
    assert list(trace.y) == [0.0, 1.0, None, 1.0, 0.0, None]
    assert trace.line.color == "#BBBBBB" and trace.line.width == 1


def test_table_shows_its_frame_caption_and_source(capsys) -> None:
    table = Table(pd.DataFrame({"share": [12.345]}), "Caption", "WDI", {"share": "{:.1f}"})
    assert table.bundle() == table_bundle(table.frame, "Caption", "WDI", {"share": "{:.1f}"})
    assert "12.3" in table.bundle()["text/plain"]


def test_counts_of_products_are_whole_numbers() -> None:
    assert fmt_quantity(345.0, "products with RCA >= 1") == "345 products with RCA >= 1"
    assert fmt_number(12.0, "rank (1 = best)") == "12"
    assert fmt_quantity(345.0, "products", decimals=1) == "345.0 products"


def test_flag_label_reads_the_vocabulary_or_spells_the_name() -> None:
    flag = next(iter(CHALLENGE_FLAGS))
    assert flag_label(flag) == CHALLENGE_FLAGS[flag].label
    assert flag_label("low_widget_share") == "Low widget share"


def test_method_notes_state_the_methods_parameters() -> None:
    assert f"`ε = {cip.EPSILON}`" in cip.METHOD_NOTE
    assert f"{cip.LOW}th–{cip.HIGH}th percentile" in cip.METHOD_NOTE and cip.LOW == 5
    assert "by more than 1 percentage point over" in wp.method_note(1)
    assert "by more than 2.50 percentage points over" in wp.method_note(2.5)
    assert f"in a {wp.PATTERN_WINDOW_YEARS}-year window" in wp.method_note(1)
