"""The shared trend pieces (``lessons.common.trend``), the break rule's reasons
(``evidence.breaks.withheld``, ``why_not_short``), the chart marks (``charts.breaks``) and
``Lesson.window`` / ``Lesson.panel``, on a small synthetic pack."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import synthetic_countries

from policylab.charts.breaks import mark_breaks, mark_computed_breaks
from policylab.evidence.breaks import SeriesFlags, series_flags, why_not_short, withheld
from policylab.lessons import digital
from policylab.lessons.common import start, trend
from policylab.lessons.common.trend import TrendWords
from policylab.pack.dataset import Dataset

WORDS = TrendWords(one="{who} was {level} in {y1}", withheld="{who}: {level}; {why}",
                   same="{who} stayed at {level}, {years}",
                   moved="{who} {verb} from {first} to {level}, {years}")


def _pack() -> Dataset:
    """Six countries, 2005-2018: C00's internet use jumps to a new level in 2012 (a likely
    break) and its broadband has one odd year (2010, an outlier); C01 has one figure;
    the others climb steadily."""
    countries = synthetic_countries(6)
    rows = []
    for k, code in enumerate(countries["iso3"]):
        for year in range(2005, 2019):
            if code == "C01" and year != 2016:
                continue
            jump = 30.0 if k == 0 and year >= 2012 else 0.0
            rows.append((code, year, "internet_users_share",
                         5.0 + k + 0.5 * (year - 2005) + jump))
            odd = 40.0 if k == 0 and year == 2010 else 0.0
            rows.append((code, year, "fixed_broadband_per100",
                         10.0 + 0.1 * (year - 2005) + k + odd))
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def ds():
    return _pack()


@pytest.fixture(scope="module")
def lesson(ds):
    return start(digital.SPEC, "C00", ["C01", "C02", "C03"], 2005, 2018, ds=ds)


def test_withheld_names_the_first_series_that_forbids_a_change(ds):
    assert series_flags(ds, "internet_users_share", "C00").breaks == (2012,)
    assert withheld(ds, "internet_users_share", "C00", 2005, 2011) == ""
    full = withheld(ds, "internet_users_share", "C00", 2005, 2018)
    assert full.startswith("the series likely breaks in 2012")
    assert withheld(ds, "internet_users_share", "C00", 2005, 2018,
                    words=why_not_short) == "likely series break in 2012"
    assert withheld(ds, ("fixed_broadband_per100", "internet_users_share"), "C00",
                    2013, 2018) == ""
    assert withheld(ds, ("internet_users_share",), "C02", 2005, 2018) == ""
    ratio = pd.Series([1.0, 1.1, 1.2, 1.3, 9.0, 9.1, 9.2], index=range(2010, 2017))
    assert "breaks in 2014" in withheld(ds, (), "C02", 2010, 2016, series=ratio)


def test_why_not_short_words():
    assert why_not_short(SeriesFlags(erratic=True), 2000, 2010) == (
        "the series swings too much from year to year")
    assert why_not_short(SeriesFlags(outliers=(2010,)), 2000, 2010) == (
        "2010 is a likely outlier")
    assert why_not_short(SeriesFlags(breaks=(2004, 2008)), 2005, 2010) == (
        "likely series break in 2008")


def test_trend_title_cases():
    values = pd.Series([10.0, 12.5, 15.0], index=[2000, 2005, 2010])
    never = lambda y0, y1: ""  # noqa: E731
    assert trend.trend_title(WORDS, "A's share", values, "%", never) == (
        "A's share rose from 10.0% to 15.0%, 2000\u20132010")
    assert trend.trend_title(WORDS, "A's share", values[::-1].set_axis(values.index), "%",
                             never).startswith("A's share fell from 15.0%")
    assert trend.trend_title(WORDS, "A's share", values.iloc[:1], "%", never) == (
        "A's share was 10.0% in 2000")
    flat = pd.Series([10.0, 10.01], index=[2000, 2010])
    assert trend.trend_title(WORDS, "A", flat, "%", never) == "A stayed at 10.0%, 2000\u20132010"
    assert trend.trend_title(WORDS, "A", values, "%", lambda y0, y1: f"odd {y0}-{y1}") == (
        "A: 15.0%; odd 2000-2010")


def test_lesson_window_panel_and_group_series(lesson, ds):
    window = lesson.window("internet_users_share")
    assert list(window.index) == list(range(2005, 2019)) and window[2012] == 5.0 + 3.5 + 30
    assert list(lesson.window("internet_users_share", "C01").index) == [2016]
    panel = lesson.panel("internet_users_share")
    assert list(panel.columns) == ["C00", "C01", "C02", "C03"]
    assert panel.loc[2016, "C01"] == 6.0 + 5.5 and panel["C01"].notna().sum() == 1
    # the region: five report in 2006 (not C01); the income group (C00-C02): only two do
    median = trend.group_series(lesson, "fixed_broadband_per100", "region")
    assert median[2006] == pytest.approx(10.1 + 3)
    assert 2006 not in trend.group_series(lesson, "fixed_broadband_per100").index


def test_skip_no_figure_says_what_is_missing(lesson, capsys):
    lesson.skipped.clear()
    trend.skip_no_figure(lesson, "R&D spending")
    trend.skip_no_figure(lesson, "Section", "Researchers", years=False)
    assert lesson.skipped == ["R&D spending", "Section"]


def _dotted(fig: go.Figure) -> list[int]:
    return [s.x0 for s in fig.layout.shapes if s.line.dash == "dot"]


def test_mark_breaks_for_several_indicators_and_options(ds):
    fig = mark_breaks(go.Figure(), ds, ("internet_users_share", "fixed_broadband_per100"),
                      "C00", {"internet_users_share": "C00, internet",
                              "fixed_broadband_per100": "C00, broadband"})
    assert _dotted(fig) == [2012]
    assert [a.text for a in fig.layout.annotations] == [
        "C00, internet: likely series break in 2012"]
    assert [t.name for t in fig.data] == ["C00, broadband: likely outlier"]
    assert list(fig.data[0].x) == [2010] and fig.data[0].y[0] == pytest.approx(50.5)
    only_breaks = mark_breaks(go.Figure(), ds, "fixed_broadband_per100", "C00", "C00",
                              outliers=False)
    assert not only_breaks.data
    outside = mark_breaks(go.Figure(), ds, "internet_users_share", "C00", "C00",
                          years=(2005, 2011))
    assert _dotted(outside) == []


def test_mark_computed_breaks_uses_inputs_and_its_own_flags(ds):
    ratio = pd.Series([1.0, 1.02, 1.04, 1.06, 1.08, 9.0, 1.12, 1.14], index=range(2005, 2013))
    fig = mark_computed_breaks(go.Figure(), ds, ratio, "C00", "C00",
                               ("internet_users_share",))
    assert _dotted(fig) == [2012]
    assert list(fig.data[0].x) == [2010] and list(fig.data[0].y) == [9.0]


def test_mark_breaks_fit_keeps_the_axis_to_the_years_marked(lesson):
    fig = mark_breaks(go.Figure(), lesson.ds, "internet_users_share", "C00", "C00",
                      (2006, 2018), fit=True)
    assert _dotted(fig) == [2012] and list(fig.layout.xaxis.range) == [2005.5, 2018.5]
    quiet = mark_breaks(go.Figure(), lesson.ds, "internet_users_share", "C00", "C00",
                        (2005, 2011), fit=True)
    assert not _dotted(quiet) and quiet.layout.xaxis.range is None


def test_no_figure_reason(lesson):
    assert trend.no_figure_reason(lesson, "internet_users_share", "none in years",
                                  "none at all") == (
        "none in years; the latest is 41.5% of the population from 2018.")
    assert trend.no_figure_reason(lesson, "rd_share_gdp", "a", "none at all") == "none at all"
