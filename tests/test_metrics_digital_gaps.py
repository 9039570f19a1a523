"""metrics.digital_gaps on a small synthetic Dataset: one country's gaps to its peers'
median, and the status each comparison gets (behind, ahead, level, saturated, too few
peers, an old figure, no data)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import synthetic_countries

from policylab.metrics.digital_gaps import STATUSES, peer_gaps
from policylab.pack.dataset import Dataset

PEERS = ["C01", "C02", "C03"]
#: indicator -> (focus value or None, its year, the three peers' values (None: no figure))
FIGURES = {
    "internet_users_share": (20.0, 2020, (30.0, 40.0, 50.0)),  # behind: -20, -50%
    "hightech_share_manuf_exports": (60.0, 2020, (30.0, 40.0, 50.0)),  # ahead: +50%
    "ict_goods_share_exports": (40.0, 2020, (30.0, 40.0, 50.0)),  # level
    "mobile_per100": (120.0, 2020, (110.0, 130.0, 150.0)),  # both beyond the cap of 100
    "fixed_broadband_per100": (5.0, 2020, (4.0, None, None)),  # one peer: no median
    "rd_share_gdp": (0.5, 2010, (0.2, 0.3, 0.4)),  # before the window: not compared
    "researchers_per_million": (None, 2020, (100.0, 200.0, 300.0)),  # no figure
}


def _dataset() -> Dataset:
    rows = []
    for indicator, (own, year, peers) in FIGURES.items():
        if own is not None:
            rows.append(("C00", year, indicator, own))
        rows += [(code, 2020, indicator, v) for code, v in zip(PEERS, peers, strict=True)
                 if v is not None]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, synthetic_countries(6), pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def gaps() -> pd.DataFrame:
    return peer_gaps(_dataset(), "C00", tuple(PEERS), tuple(FIGURES), 2020, 2015)


def test_statuses(gaps):
    assert dict(gaps["status"]) == {
        "internet_users_share": "behind", "hightech_share_manuf_exports": "ahead",
        "ict_goods_share_exports": "level", "mobile_per100": "saturated",
        "fixed_broadband_per100": "few peers", "rd_share_gdp": "old",
        "researchers_per_million": "no data"}
    assert set(gaps["status"]) == set(STATUSES)


def test_values_medians_and_gaps(gaps):
    internet = gaps.loc["internet_users_share"]
    assert internet["value"] == 20.0 and internet["year"] == 2020
    assert internet["peer_median"] == 40.0 and internet["peer_count"] == 3
    assert internet["gap"] == pytest.approx(-20.0)
    assert internet["relative"] == pytest.approx(-50.0)
    assert gaps.at["hightech_share_manuf_exports", "relative"] == pytest.approx(50.0)
    assert gaps.at["mobile_per100", "relative"] == 0.0  # level beyond the cap
    assert gaps.at["mobile_per100", "gap"] == pytest.approx(-10.0)
    few = gaps.loc["fixed_broadband_per100"]
    assert few["peer_count"] == 1 and math.isnan(few["peer_median"]) and math.isnan(few["gap"])
    old = gaps.loc["rd_share_gdp"]
    assert old["year"] == 2010 and old["value"] == 0.5
    assert math.isnan(old["peer_median"]) and math.isnan(old["relative"])
    assert pd.isna(gaps.at["researchers_per_million", "year"])
    assert str(gaps["year"].dtype) == "Int64"


def test_computed_once_per_dataset():
    ds = _dataset()
    first = peer_gaps(ds, "C00", tuple(PEERS), tuple(FIGURES), 2020, 2015)
    assert peer_gaps(ds, "C00", tuple(PEERS), tuple(FIGURES), 2020, 2015) is first
    # a window from 2010: the 2010 figure is compared, with the peers' figures near 2010
    # (none: theirs are from 2020), so there is no median
    longer = peer_gaps(ds, "C00", tuple(PEERS), tuple(FIGURES), 2020, 2010).loc["rd_share_gdp"]
    assert longer["status"] == "few peers" and longer["peer_count"] == 0


def test_a_carried_forward_figure_is_compared_as_of_the_year_it_was_measured():
    """C00's 0.45 is published for 2010-2020 but measured in 2010: before the window, so it
    is an old figure, not a 2020 figure 'ahead' of its peers."""
    rows = [("C00", year, "rd_share_gdp", 0.45) for year in range(2010, 2021)]
    rows += [(code, 2020, "rd_share_gdp", v) for code, v in zip(PEERS, (0.2, 0.3, 0.4),
                                                                 strict=True)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, synthetic_countries(6), pd.DataFrame(), pd.DataFrame())
    row = peer_gaps(ds, "C00", tuple(PEERS), ("rd_share_gdp",), 2020, 2015).loc["rd_share_gdp"]
    assert (row["status"], row["year"], row["value"]) == ("old", 2010, 0.45)
