"""``metrics.profile_chart_data``: the frames the profile's charts are drawn from."""

from __future__ import annotations

import pandas as pd
import pytest

from policylab.metrics import cip
from policylab.metrics.profile_chart_data import (
    cip_rank_ranges,
    largest_change,
    shift_share_terms,
)
from policylab.metrics.shiftshare import ShiftShare


def test_cip_rank_ranges_keeps_the_codes_and_the_neighbours(monkeypatch) -> None:
    ranges = pd.DataFrame({"rank": [1, 2, 3, 4, 5, 6], "rank_low": [1, 1, 2, 3, 4, 5],
                           "rank_high": [2, 3, 4, 6, 6, 6]},
                          index=pd.Index(["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"], name="iso3"))
    monkeypatch.setattr(cip, "dataset_sensitivity", lambda ds, year: ranges)
    found = cip_rank_ranges(None, 2020, ["EEE", "ZZZ", "AAA"], rank=5, places=1)
    assert list(found.index) == ["EEE", "AAA", "DDD", "FFF"]  # ZZZ is not ranked
    assert list(found.columns) == ["value", "low", "high"]
    assert found.loc["DDD"].tolist() == [4, 3, 6]


def _result(total: float, within: float, start: int, end: int) -> ShiftShare:
    return ShiftShare(start_year=start, end_year=end, productivity_start=1.0,
                      productivity_end=1.0, by_sector=pd.DataFrame(), within=within,
                      static=1.0, dynamic=0.5, total=total, note="")


def test_shift_share_terms_one_row_per_country() -> None:
    frame = shift_share_terms({"KEN": _result(4.0, 2.5, 2000, 2020),
                               "GHA": _result(-1.0, -2.5, 2005, 2005)})
    assert list(frame.index) == ["KEN", "GHA"]
    assert list(frame.columns) == ["within", "static", "dynamic", "total", "years"]
    assert frame.loc["KEN", "within"] == pytest.approx(2.5)
    assert frame.loc["GHA", "total"] == pytest.approx(-1.0)
    assert frame["years"].tolist() == ["2000\u20132020", "2005"]


def test_largest_change_in_size_leaving_out_the_unread() -> None:
    panel = pd.DataFrame({"agriculture": [30.0, 20.0], "manufacturing": [10.0, 14.0],
                          "services": [50.0, 56.0]}, index=[2000, 2020])
    assert largest_change(panel) == "agriculture"
    assert largest_change(panel, ["agriculture"]) == "services"
    assert largest_change(panel, panel.columns) is None
