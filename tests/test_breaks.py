"""The series-break and outlier rule (policylab.evidence.breaks) on synthetic series."""

from __future__ import annotations

import numpy as np
import pytest

from policylab.evidence.breaks import change_is_sound, detect, repeated_since, why_not

YEARS = list(range(2000, 2020))


def test_a_level_shift_is_a_break_and_no_change_is_stated_across_it():
    # Uganda-like: a share near 7% of GDP rebased to about 20% from 2009.
    values = [7.0 + 0.05 * i for i in range(9)] + [20.1 + 0.05 * i for i in range(11)]
    flags = detect(YEARS, values)
    assert flags.breaks == (2009,) and not flags.outliers and not flags.erratic
    assert not change_is_sound(flags, 2000, 2019)
    assert change_is_sound(flags, 2010, 2019) and change_is_sound(flags, 2000, 2008)
    assert "breaks in 2009" in why_not(flags, 2000, 2019)


def test_a_one_year_spike_is_an_outlier():
    values = [50.0 + 0.3 * i for i in range(20)]
    values[12] = 80.0
    flags = detect(YEARS, values)
    assert flags.outliers == (2012,) and not flags.breaks
    assert not change_is_sound(flags, 2000, 2012) and change_is_sound(flags, 2000, 2019)


def test_a_fall_in_the_last_year_is_a_break_at_the_end():
    # Uganda's internet users: 15.3% then 8.9% in the last year.
    values = [2.0 + 0.7 * i for i in range(19)] + [8.9]
    flags = detect(YEARS, values)
    assert flags.breaks == (2019,)
    assert not change_is_sound(flags, 2005, 2019)


@pytest.mark.parametrize("slope", [0.0, 0.5, -2.0, 10.0])
def test_a_steady_trend_is_not_flagged(slope):
    flags = detect(YEARS, [100.0 + slope * i for i in range(20)])
    assert not flags.flagged


@pytest.mark.parametrize("seed", range(20))
def test_a_noisy_trendless_series_is_not_flagged(seed):
    rng = np.random.default_rng(seed)
    flags = detect(YEARS, list(50.0 + rng.normal(0, 2.0, size=20)))
    assert not flags.flagged


def test_a_series_swinging_wildly_is_erratic():
    # Morocco's medium and high-tech share swinging between about 7% and 41%.
    values = [28.0, 6.7, 30.4, 10.6, 40.9, 12.0, 28.3, 9.5, 33.1, 11.2]
    flags = detect(YEARS[:10], values)
    assert flags.erratic and not change_is_sound(flags, 2000, 2009)
    assert "swings too much" in why_not(flags, 2000, 2009)


def test_short_series_carry_no_flag():
    assert not detect([2000, 2001, 2002], [1.0, 50.0, 1.0]).flagged


def test_gaps_and_missing_values_are_handled():
    values = [7.0, 7.1, None, 7.3, 7.4, 20.0, 20.1, 20.2]
    flags = detect([2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007], values)
    assert flags.breaks == (2005,)



def test_a_change_across_a_gap_in_the_data_is_spread_over_the_years_it_spans():
    # Kenya's internet users: steady diffusion, no figure for 2020-2022
    years = [2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2023, 2024]
    values = [10.5, 13.0, 16.5, 16.6, 16.6, 17.8, 19.5, 22.7, 35.0, 35.0]
    assert not detect(years, values).flagged
    steady = list(range(2010, 2020)), [10.0 + i for i in range(10)]
    assert not detect([*steady[0], 2023], [*steady[1], 31.0]).flagged  # 3 a year for 4 years
    assert detect([*steady[0], 2020], [*steady[1], 31.0]).breaks == (2020,)  # 12 in one

def test_levels_are_judged_on_proportional_changes():
    from policylab.evidence.breaks import judged_in_logs

    growing = [1e9 * 1.08 ** i for i in range(20)]  # steady 8% growth in US$
    assert not detect(YEARS, growing, log=True).flagged
    doubled = growing[:10] + [v * 2.5 for v in growing[10:]]
    assert detect(YEARS, doubled, log=True).breaks == (2010,)
    assert judged_in_logs("current US$") and not judged_in_logs("% of GDP")
    assert not judged_in_logs("index (standardised)")


def test_scan_counts_flagged_series_and_skips_growth_rates():
    import pandas as pd

    from policylab.evidence.breaks import scan

    shift = [7.0] * 9 + [20.0] * 11
    rows = ([("AAA", y, "share", v) for y, v in zip(YEARS, shift, strict=True)]
            + [("BBB", y, "share", 30.0 + 0.1 * i) for i, y in enumerate(YEARS)]
            + [("AAA", y, "growth", 90.0 if y == 2005 else 3.0) for y in YEARS])
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    table = scan(obs, {"share": "% of GDP", "growth": "% per year"}).set_index("iso3")
    assert set(table["indicator"]) == {"share"}
    assert table.loc["AAA", "flagged"] and not table.loc["BBB", "flagged"]


def test_a_level_that_starts_at_zero_is_judged_from_its_start():
    """OWID's cement CO2 begins with decades of zeros: growth from the first output on is
    judged proportionally, not every year flagged."""
    values = [0.0] * 8 + [1.0 * 1.05 ** i for i in range(12)]
    assert not detect(YEARS, values, log=True).flagged


def test_an_index_centred_on_zero_is_judged_on_its_own_scale():
    """Kenya's ECI wanders around zero: against its near-zero level every swing looked
    erratic; against the index's standard deviation (1) it is an ordinary series."""
    from policylab.evidence.breaks import index_scale

    eci = [0.03, -0.05, 0.1, -0.12, 0.02, -0.2, -0.1, -0.25, -0.3, -0.27, -0.22, -0.3]
    assert detect(YEARS[:12], eci).erratic
    assert not detect(YEARS[:12], eci, scale=index_scale("index (standardised)")).flagged
    assert index_scale("% of GDP") is None


def test_zeros_inside_a_level_are_left_out_of_its_judgement():
    values = [1.0 * 1.05 ** i for i in range(20)]
    values[7] = 0.0  # a year with nothing recorded
    assert not detect(YEARS, values, log=True).flagged


def test_a_value_carried_forward_withholds_any_change_into_its_years():
    years = list(range(2010, 2023))
    values = [9.5, 9.8, 10.2, 10.4, 10.841, *[10.841] * 8]  # 10.841 from 2014 to 2022
    flags = detect(years, values)
    assert flags.repeated_since == 2014 and flags.flagged
    assert change_is_sound(flags, 2010, 2014)  # up to the last measured year
    assert not change_is_sound(flags, 2010, 2022)
    assert "same value repeats every year since 2014" in why_not(flags, 2010, 2022)


def test_values_that_can_stand_still_are_not_carried_forward():
    years = list(range(2010, 2020))
    assert repeated_since(years, [99.0, *[100.0] * 9]) is None  # full electricity access
    assert repeated_since(years, [3.0, *[4.0] * 9]) is None  # a whole number: a count, a rank
    assert repeated_since(years, [1.5, 2.5, *[2.75] * 2, 3.5, *[3.25] * 5]) == 2015
    assert repeated_since(years, [float(v) + 0.5 for v in range(10)]) is None
    assert repeated_since([2018, 2019, 2020], [1.5, np.nan, 1.5]) is None  # two values


def test_why_not_for_a_table_cell_drops_the_pointer_and_the_explanation():
    """``why_not(cell=True)`` (``why_not_in_cell``, the profile's SDG 9 table): the same
    reasons without "(see the method box ...)" and "(a new level from that year ...)";
    outliers and carried-forward values read as in the sentence."""
    from policylab.evidence.breaks import SeriesFlags, why_not_in_cell
    from policylab.i18n import using_language

    broken = SeriesFlags(breaks=(2009,))
    assert why_not(broken, 2000, 2019) == ("the series likely breaks in 2009 (a new level "
                                           "from that year, e.g. a rebasing)")
    assert why_not(broken, 2000, 2019, cell=True) == why_not_in_cell(broken, 2000, 2019) == \
        "the series likely breaks in 2009"
    erratic = SeriesFlags(erratic=True)
    assert why_not_in_cell(erratic, 2000, 2019) == "the series swings too much from year to year"
    assert "method box" in why_not(erratic, 2000, 2019)
    odd = SeriesFlags(outliers=(2019,))
    assert why_not_in_cell(odd, 2000, 2019) == why_not(odd, 2000, 2019) == \
        "2019 looks like a one-year outlier in the source"
    with using_language("fr"):
        text = why_not_in_cell(broken, 2000, 2019)
    assert "2009" in text and "(" not in text and "breaks" not in text
