"""metrics.country_panels, evidence.stated_medians and learning.answer_text, moved out of
the value-chains lesson."""

from __future__ import annotations

import pandas as pd
import pytest

from policylab.evidence import group_median
from policylab.evidence.medians import panel_group_median_series
from policylab.evidence.stated_medians import group_median_line, stated_group_median
from policylab.learning.answer_text import written_in
from policylab.metrics.country_panels import all_countries, rank_in, year_values


def test_all_countries_and_year_values_read_every_country(tiny_dataset):
    wide = all_countries(tiny_dataset, "mva_share_gdp", (2000, 2002))
    rows = tiny_dataset.series("mva_share_gdp", "KEN", [2001]).dropna(subset=["value"])
    assert wide.at[2001, "KEN"] == pytest.approx(rows["value"].iloc[0])
    values = year_values(tiny_dataset, "mva_share_gdp", 2001)
    assert values["KEN"] == pytest.approx(wide.at[2001, "KEN"])
    assert set(values.index) >= {"KEN", "NAM", "BRA"}


def test_rank_in_counts_the_values_above():
    values = pd.Series({"A": 5.0, "B": 9.0, "C": 5.0, "D": 1.0})
    assert [rank_in(values, c) for c in "ABCD"] == [2, 1, 2, 4]


def test_stated_group_median_follows_the_tables_rule(tiny_dataset):
    wide = all_countries(tiny_dataset, "mva_share_gdp", (2000, 2002))
    rule = group_median(tiny_dataset, "mva_share_gdp", "income_group", "Upper middle income",
                        2002)
    for computed in (False, True):
        stated = stated_group_median(tiny_dataset, wide, "income_group", "Upper middle income",
                                     2002, ("mva_share_gdp",), computed)
        assert (stated.value, stated.count) == (rule.value, rule.count)


def test_group_median_line_is_the_panel_series_cached_per_measure(tiny_dataset):
    wide = all_countries(tiny_dataset, "mva_share_gdp", (2000, 2002))
    line = group_median_line(tiny_dataset, wide, "income_group", "Upper middle income", "a")
    expected = panel_group_median_series(tiny_dataset, wide, "income_group",
                                         "Upper middle income")
    pd.testing.assert_series_equal(line, expected)
    line.iloc[:] = 0  # a copy: the cached line is untouched
    again = group_median_line(tiny_dataset, wide, "income_group", "Upper middle income", "a")
    pd.testing.assert_series_equal(again, expected)


def test_written_in_finds_the_answer_as_a_whole_figure():
    assert written_in(1.634, "RCA 1.63 in 2016")
    assert not written_in(1.634, "11.63", "1.635", "21.63%")
    assert written_in(1.634, "", "x 1.63")


def test_country_columns_puts_one_countrys_series_side_by_side(tiny_dataset):
    from policylab.metrics.country_panels import country_columns

    frame = country_columns(tiny_dataset, {"mva_share_gdp": "MVA", "gdp_usd": "GDP"}, "KEN",
                            (2000, 2002))
    assert list(frame.columns) == ["MVA", "GDP"]
    assert country_columns(tiny_dataset, {"gdp_usd": "GDP"}, "XXX", (2000, 2002)).empty
    wide = all_countries(tiny_dataset, "mva_share_gdp", (2000, 2002))
    pd.testing.assert_series_equal(frame["MVA"], wide["KEN"].loc[frame.index], check_names=False)


def test_recent_latest_reads_each_columns_last_value_in_the_last_rows():
    from policylab.metrics.country_panels import recent_latest

    wide = pd.DataFrame({"A": [1.0, 2.0, None, None, None, None, None],
                         "B": [1.0, None, None, None, 5.0, None, 7.0],
                         "C": [1.0, None, None, None, None, None, None]},
                        index=range(2000, 2007))
    found = recent_latest(wide, ["A", "B", "C", "D"], 2005, rows=5)
    assert found.to_dict() == {"A": 2.0, "B": 5.0}
    assert recent_latest(wide, ["B"], 2006, rows=1).to_dict() == {"B": 7.0}
