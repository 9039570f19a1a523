"""``narrative.changes``: the words for how a figure moved, tonnes and rates (moved from the
greening lesson), on hand-made numbers and a synthetic pack with a likely break."""

import pandas as pd
from conftest import synthetic_countries

from policylab.narrative.changes import (
    against_first,
    change_words,
    levels_moved,
    movement,
    precise,
    rate,
    rose_or_fell,
    tonnes,
)
from policylab.pack.dataset import Dataset


def test_precise_writes_small_values_with_one_more_decimal_and_ends_alike():
    assert precise(0.0774) == "0.0774"  # the shared rule would write 0.077
    assert precise(5.678) == "5.68"  # values from 1 up keep the shared rule
    # Ghana's two ends: 0.0995 alone would read 0.100; beside 0.0921 it keeps 4 decimals
    assert precise(0.0995, None, 0.0921) == "0.0995"
    assert precise(0.0921, None, 0.0995) == "0.0921"
    assert precise(0.5, "%") == "0.500%"


def test_change_words_picks_rose_fell_or_same_by_the_written_size():
    words = ("up {change} ({x})", "down {change} ({x})", "flat {change} ({x})")
    assert change_words(12.34, *words, x=1) == "up 12.3% (1)"
    assert change_words(-4.2, *words, x=2) == "down 4.20% (2)"
    assert change_words(0.0, *words, x=3) == "flat 0% (3)"
    assert change_words(0.0001, *words, x=4) == "up 0.00010% (4)"  # not rounded away


def test_movement_of_levels_and_shares():
    assert movement(10.0, 12.0, "t") == "rose by 20.0% to 12.0 t"
    assert movement(12.0, 9.0, "t") == "fell by 25.0% to 9.00 t"
    assert movement(20.1, 18.4, "%") == "fell from 20.1% to 18.4%"
    assert movement(18.4, 20.1, "% of GDP") == "rose from 18.4% to 20.1%"
    assert movement(5.0, 5.001, "%") == "stayed at 5.00%"
    assert movement(0.0, 3.0, "t") == "went from 0 t to 3.00 t"  # no % from a zero
    assert rose_or_fell("a", "b", True) == "rose from a to b"
    assert rose_or_fell("a", "b", False) == "fell from a to b"


def test_levels_moved_writes_both_ends_alike_and_the_unit_once():
    unit = "kg CO2 per 2021 PPP $"
    assert levels_moved(0.0774, 0.0656, unit) == f"fell from 0.0774 to 0.0656 {unit}"
    assert levels_moved(0.0921, 0.0995, unit) == f"rose from 0.0921 to 0.0995 {unit}"
    assert levels_moved(20.1, 24.0, "%") == "rose from 20.1% to 24.0%"


def test_tonnes_and_rate():
    assert tonnes(21.6) == "21.6 million tonnes CO2"
    assert tonnes(0.0098) == "9,800 tonnes CO2"
    assert tonnes(1300.0, "CO2e") == "1.3 billion tonnes CO2e"
    assert rate(0.03) == "3.00%"
    assert rate(0.0458) == "4.58%"


def _pack() -> Dataset:
    """C00's CO2 triples from 2008 (a likely break); C01's grows steadily."""
    countries = synthetic_countries(12)
    rows = [(code, year, "co2_mt", (10 + k) * 1.03 ** (year - 2000)
             * (3.0 if code == "C00" and year >= 2008 else 1.0))
            for k, code in enumerate(countries["iso3"]) for year in range(2000, 2016)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_against_first_states_the_first_share_unless_a_break_withholds_it():
    ds = _pack()
    shares = pd.Series([12.0, 11.0, 9.5], index=[2000, 2007, 2015])
    assert against_first(ds, "C01", "It is 9.50%", shares, ("co2_mt",)) == \
        "It is 9.50%, against 12.0% in 2000"
    withheld = against_first(ds, "C00", "It is 9.50%", shares, ("co2_mt",))
    assert withheld.startswith("It is 9.50%; no change is stated: ") and "2008" in withheld
    assert "12.0%" not in withheld
    # one year: nothing to set beside it
    assert against_first(ds, "C00", "F", shares.iloc[-1:], ("co2_mt",)) == "F"
