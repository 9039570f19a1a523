"""text.movement (from the digitalization lesson's trend titles): the word for a series'
movement from its first to its last figure."""

from __future__ import annotations

import math

import pandas as pd

from policylab.text.movement import which_way


def test_which_way_reads_first_and_last_figure_by_year() -> None:
    words = ("up", "down", "flat")
    assert which_way(pd.Series([3.0, 1.0, 2.0], index=[2001, 2000, 2002]), *words) == "up"
    assert which_way(pd.Series([2.0, math.nan, 5.0, 1.0], index=[2000, 2001, 2002, 2003]),
                    *words) == "down"
    assert which_way(pd.Series([2.0, 9.0, 2.0], index=[2000, 2001, 2002]), *words) == "flat"
    assert which_way(pd.Series([4.0, math.nan], index=[2000, 2001]), *words) == "flat"
