"""``narrative.cells``: a figure as a table cell or a short phrase, one way on every page."""

from __future__ import annotations

import math

import pandas as pd

from policylab.evidence.medians import Median
from policylab.i18n import using_language
from policylab.narrative.cells import (
    change_since_cell,
    change_span_cell,
    dated,
    dated_cell,
    median_count_cell,
    median_dated_cell,
    short_why,
    shortened,
    written,
    year_cell,
    year_span,
)
from policylab.text import MISSING


class _Pack:
    """``is_current`` as a Dataset answers it, with 2019 the oldest current year."""

    @staticmethod
    def is_current(year: int | None) -> bool:
        return year is not None and year >= 2019


def test_written_is_the_quantity_or_no_data():
    assert written(9.5, "% of GDP") == "9.50% of GDP"
    assert written(math.nan, "% of GDP") == "no data"


def test_dated_puts_the_year_after_the_figure():
    assert dated(9.5, "% of GDP", 2000) == "9.50% of GDP (2000)"


def test_year_cell_and_year_span():
    assert year_cell(2021.0) == "2021" and year_cell(None) == MISSING
    assert year_span(pd.Series([2023, None, 2019])) == "2019–2023"
    assert year_span(pd.Series([2021.0, 2021.0])) == "2021"
    assert year_span(pd.Series([None], dtype=float)) == "years unknown"


def test_shortened_cuts_with_an_ellipsis_and_no_trailing_comma():
    assert shortened("Short name", 42) == "Short name"
    assert shortened("Live animals, fish", width=14) == "Live animals…"
    assert len(shortened("x" * 60, 42)) == 42


def test_median_cell_states_count_and_years_when_old() -> None:
    assert median_count_cell(_Pack, 12.345, 7, 2021, 2023, "%") == "12.3% (n = 7)"
    assert median_count_cell(_Pack, 12.345, 7, 2015, 2023, "%") == "12.3% (n = 7, 2015\u20132023)"
    assert median_count_cell(_Pack, 3.0, 4, 2015, 2015, "") == "3.00 (n = 4, 2015)"
    assert median_count_cell(_Pack, math.nan, 2, 2021, 2023, "%") == "only 2 report"
    assert median_count_cell(_Pack, math.nan, 1, 2021, 2023, "%") == "only 1 reports"
    assert median_count_cell(_Pack, math.nan, 0, None, 2023, "%") == "no data"


def test_change_cell_in_points_or_units_and_when_not_read() -> None:
    assert change_since_cell(1.234, "% of GDP", 2000) == "+1.23 points since 2000"
    assert change_since_cell(-250.0, "constant 2015 US$ per person", 2000) == \
        "\u2212US$ 250.0 since 2000"
    assert change_since_cell(0.0, "% of GDP", 2005) == "no change since 2005"
    assert change_since_cell(math.nan, "%", None) == "–"
    assert change_since_cell(2.0, "%", 2000, repeated_since=2012) == \
        "same value every year since 2012"
    assert change_since_cell(2.0, "%", 2000, reason="break in 2009") == \
        "not read since 2000 (break in 2009)"


def test_short_why_drops_the_pointer_to_the_method_box():
    assert short_why("the series swings too much from year to year for a change to be read "
                     "(see the method box on series breaks)") == (
        "the series swings too much from year to year for a change to be read")
    assert short_why("2015 looks like a one-year outlier in the source") == (
        "2015 looks like a one-year outlier in the source")


def test_dated_and_median_cells():
    assert dated_cell(12.345, 2021) == "12.3 (2021)" and dated_cell(12.3, None) == "\u2013"
    assert dated_cell(float("nan"), 2021) == "\u2013"
    assert median_dated_cell(Median(4.56, 5, "peers", (2019, 2021)), True) == "4.56 (2021)"
    assert median_dated_cell(Median(4.56, 5, "X", (2019, 2021)), False, 2020) == "4.56 (2020)"
    assert median_dated_cell(Median(float("nan"), 1, "peers"), True) == "1 peer with data"
    assert median_dated_cell(Median(float("nan"), 2, "X"), False) == "2 countries with data"


def test_change_cell_states_or_withholds_the_change():
    assert change_span_cell((2000, 10.0, 2020, 12.5)) == "+2.50 (2000\u20132020)"
    assert change_span_cell((2020, 10.0, 2020, 10.0)) == "\u2013"
    assert change_span_cell((2000, 10.0, 2020, 12.5), "the series likely breaks in 2009 (a new "
                       "level from that year, e.g. a rebasing)").startswith(
        "not stated: the series likely breaks in 2009")
    with using_language("fr"):
        assert change_span_cell((2000, 10.0, 2020, 7.5)) == "\u22122,50 (2000\u20132020)"
