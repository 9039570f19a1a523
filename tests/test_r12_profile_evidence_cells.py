"""``evidence.cells``: a median and a change as table cells, by the evidence rules."""

from __future__ import annotations

import math
from types import SimpleNamespace

from policylab.evidence import cells
from policylab.evidence.breaks import why_not_short
from policylab.evidence.cells import change_cell, median_cell, withheld_in


class _Pack:
    """``is_current`` as a Dataset answers it, with 2019 the oldest current year."""

    @staticmethod
    def is_current(year: int | None) -> bool:
        return year is not None and year >= 2019


def test_median_cell_states_count_and_years_when_old() -> None:
    assert median_cell(_Pack, 12.345, 7, 2021, 2023, "%") == "12.3% (n = 7)"
    assert median_cell(_Pack, 12.345, 7, 2015, 2023, "%") == "12.3% (n = 7, 2015\u20132023)"
    assert median_cell(_Pack, 3.0, 4, 2015, 2015, "") == "3.00 (n = 4, 2015)"
    assert median_cell(_Pack, math.nan, 2, 2021, 2023, "%") == "only 2 report"
    assert median_cell(_Pack, math.nan, 1, 2021, 2023, "%") == "only 1 reports"
    assert median_cell(_Pack, math.nan, 0, None, 2023, "%") == "no data"


def test_change_cell_in_points_or_units_and_when_not_read() -> None:
    assert change_cell(1.234, "% of GDP", 2000) == "+1.23 points since 2000"
    assert change_cell(-250.0, "constant 2015 US$ per person", 2000) == \
        "\u2212US$ 250.0 since 2000"
    assert change_cell(0.0, "% of GDP", 2005) == "no change since 2005"
    assert change_cell(math.nan, "%", None) == "–"
    assert change_cell(2.0, "%", 2000, repeated_since=2012) == \
        "same value every year since 2012"
    assert change_cell(2.0, "%", 2000, reason="break in 2009") == \
        "not read since 2000 (break in 2009)"


def test_withheld_in_names_the_first_series_that_forbids(monkeypatch) -> None:
    reasons = {"gdp_const_usd": "", "agriculture_share_gdp": "likely series break in 2009",
               "industry_share_gdp": "2015 is a likely outlier"}
    seen = []

    def fake_withheld(ds, indicator, country, first, last, *, words):
        assert (country, first, last, words) == ("KEN", 2000, 2020, why_not_short)
        seen.append(indicator)
        return reasons[indicator]

    class Pack:
        @staticmethod
        def indicator(indicator):
            return SimpleNamespace(label={"agriculture_share_gdp": "Agriculture, value added "
                                          "(% of GDP)"}.get(indicator, "GDP"))

    monkeypatch.setattr(cells, "withheld", fake_withheld)
    assert withheld_in(Pack, tuple(reasons), "KEN", 2000, 2020) == \
        "likely series break in 2009 in agriculture, value added"
    assert seen == ["gdp_const_usd", "agriculture_share_gdp"]  # stops at the first reason
    assert withheld_in(Pack, ("gdp_const_usd",), "KEN", 2000, 2020) is None
