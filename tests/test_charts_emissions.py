"""The chart functions moved out of the greening lesson (``charts.median_bars``,
``charts.focus_lines``, ``charts.parts_area``, ``charts.projection``): their traces carry
the data given, in the house colours."""

import pandas as pd

from policylab.charts.focus_lines import focus_lines, index_lines
from policylab.charts.median_bars import median_bars
from policylab.charts.parts_area import parts_area
from policylab.charts.template import FOCUS_COLOUR, GROUP_COLOUR, OTHER_COLOUR

NAMES = {"KEN": "Kenya", "TZA": "Tanzania", "UGA": "Uganda"}


def _bars(**median):
    values = pd.Series({"KEN": 0.38, "TZA": 0.25, "UGA": 0.13})
    return median_bars(values, "KEN", ["TZA", "UGA"], title="T", unit="tonnes CO2 per person",
                       source="S", names=NAMES, **median)


def test_median_bars_draws_the_ranking_and_a_labelled_dashed_median():
    fig = _bars(median=0.3, median_label="Lower middle income median: 0.30")
    bars = {t.name: list(t.x) for t in fig.data}
    assert bars == {"Kenya": [0.38], "Peers": [0.25, 0.13]}
    [line] = fig.layout.shapes
    assert (line.x0, line.x1, line.line.dash, line.line.color) == (0.3, 0.3, "dash",
                                                                   GROUP_COLOUR)
    [label] = [a for a in fig.layout.annotations if a.text.endswith("median: 0.30")]
    assert (label.x, label.y, label.yref) == (0.3, 1, "paper")


def test_median_bars_without_a_median_is_the_plain_ranking():
    fig = _bars()
    assert not fig.layout.shapes
    assert [list(t.x) for t in fig.data] == [[0.38], [0.25, 0.13]]


def test_index_lines_draws_markers_and_the_base_line():
    gdp = pd.Series([100.0, 104.0, 110.0], index=[2000, 2001, 2002])
    co2 = pd.Series([100.0, 98.5, 97.0], index=[2000, 2001, 2002])
    fig = index_lines("F", "Sub", "S", ("Index", "2000 = 100"),
                      [(gdp, "Real GDP"), (pd.Series(dtype=float), "Nothing")],
                      (co2, "CO2 emissions"))
    assert [t.name for t in fig.data] == ["Real GDP", "CO2 emissions"]  # empty left out
    assert list(fig.data[1].y) == [100.0, 98.5, 97.0] and list(fig.data[1].x) == [2000, 2001,
                                                                                 2002]
    assert fig.data[1].mode == "lines+markers" and fig.data[1].marker.size == 7.0
    assert fig.data[1].hovertemplate == "CO2 emissions: %{y:.1f}<extra></extra>"
    [base] = fig.layout.shapes
    assert (base.y0, base.y1, base.line.width) == (100, 100, 1)


def test_focus_lines_colour_the_context_then_the_focus():
    from policylab.charts.template import (
        FOCUS_WIDTH,
        GROUP_WIDTH,
        PEER_WIDTH,
        peer_colour,
    )

    one = pd.Series([1.0, 2.0], index=[2000, 2001])
    fig = focus_lines("F", "Sub", "S", ("Emissions", "million tonnes"),
                      [(one * 3, "All gases"), (one * 2, "Other")], (one, "CO2"),
                      hover="%{y:,.3~g} Mt", yaxis_rangemode="tozero")
    assert [(t.name, list(t.y)) for t in fig.data] == [("All gases", [3.0, 6.0]),
                                                       ("Other", [2.0, 4.0]),
                                                       ("CO2", [1.0, 2.0])]
    assert [(t.line.color, t.line.width) for t in fig.data] == [
        (GROUP_COLOUR, GROUP_WIDTH), (peer_colour(0), PEER_WIDTH), (FOCUS_COLOUR, FOCUS_WIDTH)]
    assert all(t.mode == "lines" and t.marker.size is None for t in fig.data)
    assert fig.data[2].hovertemplate == "CO2: %{y:,.3~g} Mt<extra></extra>"
    assert fig.layout.yaxis.rangemode == "tozero" and not fig.layout.shapes


def test_parts_area_greys_the_rest_and_sets_the_tick_format():
    frame = pd.DataFrame({"Industry": [1.0, 2.0], "Rest": [5.0, 6.0]}, index=[2000, 2001])
    fig = parts_area(frame, "Rest", tickformat=",~g", title="T", unit="million tonnes CO2",
                     source="S")
    rest = next(t for t in fig.data if t.name == "Rest")
    assert list(rest.y) == [5.0, 6.0] and rest.fillcolor == OTHER_COLOUR
    assert rest.line.color == OTHER_COLOUR
    industry = next(t for t in fig.data if t.name == "Industry")
    assert list(industry.y) == [1.0, 2.0] and industry.fillcolor is None
    assert fig.layout.yaxis.tickformat == ",~g"
    assert parts_area(frame, "Rest", title="T", unit="t", source="S").layout.yaxis.tickformat \
        is None


def test_projection_chart_colours_data_reference_and_scenario():
    from policylab.charts.projection import projection_chart
    from policylab.charts.template import FOCUS_WIDTH, GROUP_WIDTH

    history = pd.Series([10.0, 11.0], index=[2022, 2023])
    same = pd.Series([11.0, 11.5, 12.0], index=[2023, 2024, 2025])
    cut = pd.Series([11.0, 11.2, 11.4], index=[2023, 2024, 2025])
    fig = projection_chart("F", "Sub", "S", ("CO2 emissions", "million tonnes"),
                           (history, "So far"), (same, "Unchanged"), (cut, "Cut"),
                           hover="%{y:,.3~g} Mt", yaxis_tickformat=",~g")
    assert [t.name for t in fig.data] == ["So far", "Unchanged", "Cut"]
    assert [list(t.y) for t in fig.data] == [[10.0, 11.0], [11.0, 11.5, 12.0],
                                             [11.0, 11.2, 11.4]]
    assert [(t.line.color, t.line.width, t.line.dash) for t in fig.data] == [
        (FOCUS_COLOUR, FOCUS_WIDTH, "solid"), (GROUP_COLOUR, GROUP_WIDTH, "dash"),
        (FOCUS_COLOUR, FOCUS_WIDTH - 1, "dash")]
    assert fig.data[2].hovertemplate == "Cut: %{y:,.3~g} Mt<extra></extra>"
    assert fig.layout.yaxis.tickformat == ",~g"
