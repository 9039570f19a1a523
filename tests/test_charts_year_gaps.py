"""Every builder of lines over the years breaks a line at the years without a value (a
line drawn straight across them reads as figures the country never reported), keeps a
lone year visible, and its data file still holds exactly the values it has."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policylab.charts import line_compare
from policylab.charts.band import region_band
from policylab.charts.data import tidy
from policylab.charts.focus_lines import focus_lines
from policylab.charts.lines import lines_chart
from policylab.charts.path_level import path_level
from policylab.charts.projection import projection_chart
from policylab.charts.share_lines import share_lines
from policylab.charts.years import every_year, lone_marks

#: Togo's renewable share of electricity as the pack has it: nothing in 2003-05 and 2008-11.
GAPPY = pd.Series([51.0, 75.0, 60.0, 70.0, 77.0, 92.0, 92.0, 47.0],
                  index=[2000, 2001, 2002, 2006, 2007, 2012, 2013, 2014])
EVERY = list(range(2000, 2015))


def _gapped(values) -> list[float | None]:
    """A trace's y with NaN as None, for comparing."""
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]


def _expected() -> list[float | None]:
    return [float(GAPPY[y]) if y in GAPPY.index else None for y in EVERY]


def test_every_year_puts_nan_in_the_missing_years_between_the_first_and_last():
    series = pd.Series([np.nan, 1.0, np.nan, 3.0, np.nan], index=[1999, 2000, 2001, 2002, 2003])
    filled = every_year(series)
    assert filled.index.tolist() == [2000, 2001, 2002] and _gapped(filled.tolist()) == [
        1.0, None, 3.0]
    assert every_year(pd.Series([np.nan], index=[2000])).empty
    assert every_year(pd.Series([2.0, 4.0], index=[2001.0, 2003.0])).index.tolist() == [
        2001, 2002, 2003]


def test_lone_marks_mark_only_the_years_no_line_reaches():
    assert lone_marks(every_year(pd.Series([1.0, 2.0], index=[2000, 2001])), "#000", 6) == {
        "mode": "lines"}
    marks = lone_marks(every_year(pd.Series([1.0, 2.0, 5.0, 7.0, 8.0],
                                            index=[2000, 2001, 2003, 2005, 2006])), "#000", 6)
    assert marks["mode"] == "lines+markers"
    assert marks["marker"]["size"] == [0, 0, 0, 6, 0, 0, 0]  # 2003 alone between gaps


def test_line_compare_breaks_each_line_at_missing_years():
    panel = pd.DataFrame({"TGO": GAPPY, "RWA": pd.Series(60.0, index=EVERY)})
    median = GAPPY.drop(2007)
    fig = line_compare(panel, "RWA", ["TGO"], median, title="T", unit="%", source="S",
                       names={"RWA": "Rwanda", "TGO": "Togo"}, group_label="Median")
    togo = next(t for t in fig.data if t.name == "Togo")
    assert list(togo.x) == EVERY and _gapped(togo.y) == _expected()
    assert togo.connectgaps is False
    median_line = next(t for t in fig.data if t.name == "Median")
    assert _gapped(median_line.y)[7] is None and median_line.connectgaps is False


@pytest.mark.parametrize("builder", ["lines_chart", "focus_lines", "projection_chart"])
def test_named_lines_break_at_missing_years_and_mark_a_lone_year(builder):
    lone = pd.Series([3.0, 4.0, 6.0], index=[2000, 2001, 2003])
    if builder == "lines_chart":
        fig = lines_chart("F", "S", "Src", ("CO2", "Mt"), [(GAPPY, "CO2", "#000000", 3.0, {}),
                                                           (lone, "GHG", "#111111", 2.0, {})])
    elif builder == "focus_lines":
        fig = focus_lines("F", "S", "Src", ("CO2", "Mt"), [(lone, "GHG")], (GAPPY, "CO2"))
    else:
        fig = projection_chart("F", "S", "Src", ("CO2", "Mt"), (GAPPY, "CO2"), (lone, "GHG"),
                               (pd.Series([47.0, 48.0], index=[2014, 2015]), "Path"))
    co2 = next(t for t in fig.data if t.name == "CO2")
    assert list(co2.x) == EVERY and _gapped(co2.y) == _expected()
    assert co2.connectgaps is False and co2.mode == "lines"  # no year of it stands alone
    ghg = next(t for t in fig.data if t.name == "GHG")
    sizes = list(ghg.marker.size)  # only 2003, which no line reaches, carries a marker
    assert ghg.mode == "lines+markers" and sizes[:3] == [0, 0, 0] and sizes[3] > 0


def test_share_lines_and_path_level_break_at_missing_years():
    shares = pd.DataFrame({"Food": GAPPY})
    fig = share_lines(shares, {"Food": "#111111"}, title="T", source="S", y_title="%",
                      measure=("Share", "%"), hover="{group}")
    assert list(fig.data[0].x) == EVERY and _gapped(fig.data[0].y) == _expected()
    assert fig.data[0].connectgaps is False
    pair = path_level(pd.DataFrame({"TGO": GAPPY}), {"TGO": "Togo"}, "TGO", 50.0,
                      (2000, 2014), level_name="Today", title="T", source="S", y_title="%")
    assert list(pair.data[0].x) == EVERY and _gapped(pair.data[0].y) == _expected()
    assert pair.data[0].connectgaps is False


def test_region_band_breaks_the_country_lines_and_the_median():
    members = [f"C{k}" for k in range(6)]
    panel = pd.DataFrame({c: pd.Series(10.0 + k, index=EVERY) for k, c in enumerate(members)})
    panel["TGO"] = GAPPY
    panel.loc[2008:2010, members[3:]] = np.nan  # three of six report: no median line then
    fig = region_band(panel, "TGO", [members[0]], members, {"TGO": "Togo", "C0": "C0"},
                      region="R", title="T", source="S", label="Share", unit="%", min_band=5,
                      min_median=4)
    togo = next(t for t in fig.data if t.name == "Togo")
    assert list(togo.x) == EVERY and _gapped(togo.y) == _expected()
    median = next(t for t in fig.data if t.name == "Median of R")
    assert [y for y, v in zip(median.x, _gapped(median.y), strict=True) if v is None] == [
        2008, 2009, 2010]
    assert median.connectgaps is False and togo.connectgaps is False


def test_the_data_file_of_a_broken_line_holds_only_the_years_with_values():
    fig = line_compare(pd.DataFrame({"TGO": GAPPY}), "TGO", title="T", unit="% of output",
                       source="S", names={"TGO": "Togo"}, y_label="Renewables")
    rows = tidy(fig, country="Togo", countries=["Togo"])
    assert rows["year"].tolist() == GAPPY.index.tolist()
    assert rows["value"].tolist() == GAPPY.tolist()
