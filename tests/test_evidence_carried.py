"""``evidence.carried``: a figure the publisher carries forward is a figure of the year it was
measured, in the statement of a latest level, in medians, in percentiles and in challenges;
on a synthetic world of twelve countries."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import synthetic_countries

from policylab.evidence import carried, group_medians, peer_median, standing
from policylab.narrative import level_vs_group_message
from policylab.pack.dataset import Dataset
from policylab.results import challenges, headline_for

MHT = "mht_share_mva"
PEERS = ["C01", "C02", "C03", "C04"]


def _world() -> Dataset:
    """C00 measures 12.5 in 2013 and 16.4 in 2014, then the publisher repeats 16.4 up to
    2022; C01 repeats its 2000 figure (8.5) up to 2022; C02-C11 measure 2014 and 2022
    (5.5 + k and 18.5 + k)."""
    countries = synthetic_countries(12)
    rows = [("C00", 2013, 12.5), *(("C00", year, 16.4) for year in range(2014, 2023)),
            *(("C01", year, 8.5) for year in range(2000, 2023))]
    for k in range(2, 12):
        rows += [(f"C{k:02d}", 2014, 3.5 + k), (f"C{k:02d}", 2022, 18.5 + k)]
    obs = pd.DataFrame([(c, y, MHT, v) for c, y, v in rows],
                       columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return _world()


def test_a_repeated_figure_is_dated_to_its_first_year(ds):
    assert carried.latest(ds, MHT, "C00") == carried.Latest(16.4, 2014, 2022)
    assert carried.latest(ds, MHT, "C01") == carried.Latest(8.5, 2000, 2022)
    assert carried.latest(ds, MHT, "C02") == carried.Latest(20.5, 2022, None)
    # two equal figures are no run: up to 2015, C00's 16.4 is a figure of 2015
    assert carried.latest(ds, MHT, "C00", max_year=2015) == carried.Latest(16.4, 2015, None)
    whole = carried.dated(pd.DataFrame({"iso3": ["A"] * 4, "year": [1, 2, 3, 4],
                                        "value": [100.0] * 4}))
    assert list(whole["measured"]) == [1, 2, 3, 4]  # 100% can stand still for real


def test_a_peers_figure_carried_from_before_the_window_is_not_in_the_median(ds):
    # C01's 8.5 is published for 2022 but measured in 2000: out of the 2017-2022 window
    median = peer_median(ds, MHT, PEERS, 2022)
    assert (median.value, median.count, median.years) == (21.5, 3, (2022, 2022))
    assert peer_median(ds, MHT, PEERS, 2014).value == 6.5  # C02-C04 in 2014


def test_a_yearly_median_counts_a_carried_figure_only_in_the_year_it_was_measured(ds):
    table = group_medians(ds, MHT, "region").set_index("year")
    assert table.loc[2022, "count"] == 10  # C02-C11; not C00's or C01's repeats
    assert table.loc[2014, "count"] == 11  # C00's 16.4 was measured in 2014
    assert 2018 not in table.index  # only repeats in 2018


def test_the_key_message_states_and_compares_the_figure_of_the_year_measured(ds):
    message = level_vs_group_message(ds, MHT, "C00", PEERS)
    assert message.text == (
        "Country C00's medium and high-tech share of manufacturing stood at 16.4% of "
        "manufacturing value added in 2014, above the median of its 3 peers with data (6.50% "
        "of manufacturing value added, 2014). The publisher repeats the same value every year "
        "up to 2022, most likely an old estimate carried forward: it does not measure the "
        "years after 2014.")
    assert (message.values["year"], message.values["published_through"]) == (2014, 2022)
    plain = level_vs_group_message(ds, MHT, "C02", ["C03", "C04", "C05"]).text
    assert "publisher repeats" not in plain and "in 2022, below" in plain


def test_results_headline_percentiles_and_challenges_use_the_year_measured(ds):
    head = headline_for(ds, MHT, "C00", PEERS)
    assert (head.value, head.year, head.peer_median) == (16.4, 2014, 6.5)
    # in the 2017-2022 world C00 has no current figure; in 2014's it has one
    assert math.isnan(standing(ds, MHT, "C00").percentile)
    assert standing(ds, MHT, "C00", year=2014).percentile == pytest.approx(100 * 10.5 / 11)
    # C01's 2000 figure would be the world's lowest in 2022; as a figure of 2000 (no
    # distribution of 8 countries then) it raises no challenge
    assert challenges(ds, "C01", [MHT]) == []
    [found] = challenges(ds, "C02", [MHT])
    assert (found.rule.name, found.figure, found.count) == (
        "low_mht_share", carried.Latest(20.5, 2022, None), 10)
    assert found.percentile == 5.0 and found.edge == pytest.approx(22.75)
