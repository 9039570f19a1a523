"""The decoupling rule and the real-output index chained from growth rates, on hand-made
numbers (policylab.metrics.decoupling)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policylab.metrics.decoupling import (
    ABSOLUTE,
    NO_DECOUPLING,
    RELATIVE,
    chained_index,
    classify_decoupling,
    common_years,
    decouple,
    percent_change,
)


@pytest.mark.parametrize(("output", "emissions", "status"), [
    (25.0, -15.0, ABSOLUTE),
    (25.0, 0.0, ABSOLUTE),
    (120.0, 80.0, RELATIVE),
    (50.0, 50.0, NO_DECOUPLING),
    (50.0, 90.0, NO_DECOUPLING),
    (-5.0, -20.0, NO_DECOUPLING),  # output fell: nothing to decouple from
])
def test_decoupling_rule(output, emissions, status):
    assert classify_decoupling(output, emissions) == status


def test_percent_change_refuses_a_non_positive_start():
    assert percent_change(80.0, 100.0) == pytest.approx(25.0)
    assert math.isnan(percent_change(0.0, 5.0)) and math.isnan(percent_change(5.0, math.nan))


def test_chained_index_compounds_growth_from_the_first_year():
    growth = pd.Series({2000: 7.0, 2001: 10.0, 2002: -5.0, 2003: 2.0})
    index = chained_index(growth)
    # the base year's own growth (7%) links to 1999 and is not used
    assert list(index.index) == [2000, 2001, 2002, 2003]
    assert index.tolist() == pytest.approx([100.0, 110.0, 104.5, 106.59])


def test_chained_index_keeps_only_the_latest_unbroken_run():
    growth = pd.Series({1998: 3.0, 1999: 4.0, 2001: 10.0, 2002: 20.0, 2003: None})
    index = chained_index(growth)
    assert list(index.index) == [2001, 2002] and index.tolist() == pytest.approx([100, 120])
    assert chained_index(pd.Series({2001: 5.0})).empty
    assert chained_index(pd.Series(dtype=float)).empty


def test_chained_index_ratio_equals_the_level_ratio():
    """A constant-price level and the index chained from its growth give the same change."""
    level = pd.Series({2010: 50.0, 2011: 52.0, 2012: 51.0, 2013: 60.0})
    growth = (level / level.shift(1) - 1) * 100
    index = chained_index(growth.fillna(0.0))
    assert index[2013] / index[2010] == pytest.approx(level[2013] / level[2010])


def test_decouple_uses_the_first_and_last_common_positive_year():
    emissions = pd.Series({2000: 10.0, 2001: 11.0, 2002: 12.0, 2003: 9.0, 2004: 0.0})
    output = pd.Series({2001: 100.0, 2002: 120.0, 2003: 130.0, 2004: 140.0})
    result = decouple("XXX", emissions, output)
    assert (result.first_year, result.last_year) == (2001, 2003)  # 2004: zero emissions
    assert result.output_change == pytest.approx(30.0)
    assert result.emissions_change == pytest.approx((9 / 11 - 1) * 100)
    assert result.status == ABSOLUTE
    assert decouple("XXX", emissions.loc[:2000], output) is None
    assert common_years(emissions, output.loc[:2001]) is None
