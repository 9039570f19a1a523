"""A figure as a table cell or short phrase (``policylab.narrative.cells``)."""

from __future__ import annotations

import math

import pandas as pd

from policylab.narrative.cells import dated, shortened, written, year_cell, year_span
from policylab.text import MISSING


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
    assert shortened("Short name") == "Short name"
    assert shortened("Live animals, fish", width=14) == "Live animals…"
    assert len(shortened("x" * 60)) == 42
