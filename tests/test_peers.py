"""Peer selection on a small invented world whose answers are known by construction."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from policylab.catalogue import Indicator
from policylab.errors import CountryError, DataError
from policylab.pack.dataset import Dataset
from policylab.peers import (
    choose_peers,
    group_peers,
    latest_values,
    structural_peers,
)
from policylab.peers_aspirational import aspirational_peers

YEARS = range(2000, 2024)
INDICATORS = {
    "gdp_per_capita_ppp": ("GDP per capita, PPP", "current international $", True),
    "population": ("Population", "people", None),
    "mva_share_gdp": ("Manufacturing value added", "% of GDP", True),
    "fuel_share_merch_exports": ("Fuel exports", "% of merchandise exports", None),
    "ores_share_merch_exports": ("Ores and metals exports", "% of merchandise exports", None),
    "eci": ("Economic Complexity Index", "index", True),
    "mva_per_capita": ("Manufacturing value added per capita", "current US$", True),
}

# iso3: (name, region, income group, aggregate?)
COUNTRIES = {
    "KEN": ("Kenya", "Sub-Saharan Africa", "Lower middle income", False),
    "UGA": ("Uganda", "Sub-Saharan Africa", "Low income", False),
    "TZA": ("Tanzania", "Sub-Saharan Africa", "Lower middle income", False),
    "GHA": ("Ghana", "Sub-Saharan Africa", "Lower middle income", False),
    "NGA": ("Nigeria", "Sub-Saharan Africa", "Lower middle income", False),
    "VNM": ("Viet Nam", "East Asia & Pacific", "Lower middle income", False),
    "BGD": ("Bangladesh", "South Asia", "Lower middle income", False),
    "DEU": ("Germany", "Europe & Central Asia", "High income", False),
    "USA": ("United States", "North America", "High income", False),
    "SSD": ("South Sudan", "Sub-Saharan Africa", "Low income", False),
    "SSF": ("Sub-Saharan Africa", "", "", True),
    "WLD": ("World", "", "", True),
}

# Kenya in 2023: income 6,000, population 50 million, manufacturing 8%, resources 15%.
KENYA_NOW = {"gdp_per_capita_ppp": 6000, "population": 50e6, "mva_share_gdp": 8.0,
             "fuel_share_merch_exports": 10.0, "ores_share_merch_exports": 5.0}
# Profiles as (value in 2000, value in 2023) or {year: value} anchors, linear in between.
PROFILES = {
    "KEN": {**{k: (v * 0.4, v) for k, v in KENYA_NOW.items()}, "mva_per_capita": (300, 480)},
    # Uganda is Kenya with a slightly larger manufacturing share: the obvious neighbour.
    "UGA": {**{k: (v * 0.4, v) for k, v in KENYA_NOW.items()},
            "mva_share_gdp": (3.4, 8.3), "mva_per_capita": (250, 470)},
    "TZA": {"gdp_per_capita_ppp": (3000, 4000), "population": (40e6, 65e6),
            "mva_share_gdp": (9, 9), "fuel_share_merch_exports": (5, 5),
            "ores_share_merch_exports": (20, 25), "mva_per_capita": (200, 300)},
    "GHA": {"gdp_per_capita_ppp": (4000, 7000), "population": (20e6, 33e6),
            "mva_share_gdp": (10, 11), "fuel_share_merch_exports": (1, 35),
            "ores_share_merch_exports": (35, 40), "mva_per_capita": (300, 400)},
    "NGA": {"gdp_per_capita_ppp": (3500, 5500), "population": (120e6, 220e6),
            "mva_share_gdp": (4, 5), "fuel_share_merch_exports": (95, 90),
            "ores_share_merch_exports": (1, 1), "mva_per_capita": (150, 120)},
    # Viet Nam looked exactly like Kenya today in 2008 and progressed since.
    "VNM": {"gdp_per_capita_ppp": {2000: 3000, 2008: 6000, 2023: 13_000},
            "population": {2000: 40e6, 2008: 50e6, 2023: 100e6},
            "mva_share_gdp": {2000: 6.0, 2008: 8.0, 2023: 25.0},
            "fuel_share_merch_exports": {2000: 12, 2008: 10, 2023: 2},
            "ores_share_merch_exports": {2000: 6, 2008: 5, 2023: 1},
            "mva_per_capita": {2000: 100, 2008: 480, 2023: 1200}},
    # Bangladesh looked like Kenya today in 2008 as well, but its MVA per capita fell.
    "BGD": {"gdp_per_capita_ppp": {2000: 3000, 2008: 6000, 2023: 8000},
            "population": {2000: 40e6, 2008: 50e6, 2023: 170e6},
            "mva_share_gdp": {2000: 6.0, 2008: 8.0, 2023: 22.0},
            "fuel_share_merch_exports": {2000: 12, 2008: 10, 2023: 2},
            "ores_share_merch_exports": {2000: 6, 2008: 5, 2023: 1},
            "mva_per_capita": {2000: 500, 2008: 480, 2023: 400}},
    "DEU": {"gdp_per_capita_ppp": (30_000, 65_000), "population": (82e6, 84e6),
            "mva_share_gdp": (22, 18), "fuel_share_merch_exports": (2, 3),
            "ores_share_merch_exports": (2, 2), "eci": (2.0, 2.0),
            "mva_per_capita": (5000, 9000)},
    "USA": {"gdp_per_capita_ppp": (36_000, 80_000), "population": (282e6, 335e6),
            "mva_share_gdp": (15, 10), "fuel_share_merch_exports": (3, 12),
            "ores_share_merch_exports": (3, 3), "eci": (1.5, 1.5),
            "mva_per_capita": (5000, 7000)},
    # Population only: too little data to be compared.
    "SSD": {"population": (6e6, 11e6)},
    # Aggregates with Kenya's exact profile must never be peers.
    "SSF": {k: (v * 0.4, v) for k, v in KENYA_NOW.items()},
    "WLD": {k: (v * 0.4, v) for k, v in KENYA_NOW.items()},
}


def catalogue(ids=INDICATORS) -> dict[str, Indicator]:
    return {
        key: Indicator(id=key, label=label, unit=unit, topic="performance", source="Test",
                       source_code=key.upper(), definition=label,
                       higher_is_better=better, dataset="wdi")
        for key, (label, unit, better) in ids.items()
    }


def make_dataset(profiles=PROFILES, countries=COUNTRIES) -> Dataset:
    rows = []
    for iso3, profile in profiles.items():
        for indicator, anchors in profile.items():
            if isinstance(anchors, tuple):
                anchors = {YEARS[0]: anchors[0], YEARS[-1]: anchors[1]}
            values = np.interp(list(YEARS), list(anchors), list(anchors.values()))
            rows += [(iso3, year, indicator, value)
                     for year, value in zip(YEARS, values, strict=True)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    meta = pd.DataFrame(
        [(iso3, iso3[:2], name, region, income, aggregate)
         for iso3, (name, region, income, aggregate) in countries.items()],
        columns=["iso3", "iso2", "name", "region", "income_group", "is_aggregate"])
    trade = pd.DataFrame(columns=["exporter", "product", "year", "value"])
    products = pd.DataFrame(columns=["code", "name", "name_short", "section"])
    return Dataset.from_frames(obs, meta, trade, products, {"vintage": "test"}, catalogue())


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return make_dataset()


def test_nearest_neighbour_is_the_obviously_closest_country(ds):
    selection = structural_peers(ds, "KEN", k=3)
    assert selection.peers[0] == "UGA"
    assert selection.method == "structural"
    distances = selection.table.loc[selection.peers, "distance"]
    assert list(distances) == sorted(distances)


def test_structural_peers_exclude_the_focus_and_aggregates(ds):
    selection = structural_peers(ds, "Kenya", k=8)
    assert "KEN" not in selection.peers
    assert not {"SSF", "WLD"} & set(selection.peers)
    assert selection.focus == "KEN"
    assert selection.table.index[0] == "KEN" and bool(selection.table.loc["KEN", "is_focus"])


def test_countries_with_too_little_data_are_left_out_and_said_so(ds):
    selection = structural_peers(ds, "KEN", k=20)
    assert "SSD" not in selection.peers
    assert len(selection.peers) == 8
    assert "1 country was left out" in selection.explanation


def test_explanation_names_the_variables_used_and_dropped(ds):
    selection = structural_peers(ds, "KEN", k=3)
    text = selection.explanation
    for phrase in ("income level", "population", "manufacturing share of GDP",
                   "natural-resource dependence"):
        assert phrase in text
    # Kenya has no ECI, so complexity is dropped for everyone and a note says why.
    assert set(selection.variables) == {"income", "population", "manufacturing", "resources"}
    assert any("Economic complexity" in note and "Kenya" in note for note in selection.notes)
    assert selection.variables["resources"] == (
        "natural-resource dependence (fuels, ores and metals as a share of merchandise exports)")


def test_explanation_says_what_was_compared_in_plain_words_and_its_years_once(ds):
    """A reader is told each characteristic and its measure in words, with the years of
    the figures said once; not the catalogue's labels in brackets ("[GDP per capita, PPP,
    log scale, 2023]")."""
    text = structural_peers(ds, "KEN", k=3).explanation
    assert text.startswith(
        "Structural peers of Kenya: the 3 countries closest to it on income level (GDP per "
        "person at purchasing-power parity), population, manufacturing share of GDP and "
        "natural-resource dependence (fuels, ores and metals as a share of merchandise "
        "exports), using each country's latest figures from 2023. The comparison uses a log "
        "scale for income level and population, where a doubling counts the same at every "
        "level. Each characteristic is standardised across the countries with data and "
        "weighted equally. ")
    assert "[" not in text and "Fuel exports" not in text


def test_complexity_is_used_when_the_focus_has_it(ds):
    selection = structural_peers(ds, "DEU", k=1)
    assert "complexity" in selection.variables
    assert ("economic complexity (the Growth Lab's Economic Complexity Index)"
            in selection.explanation)
    # Countries without an ECI are compared on the four variables they share with Germany.
    compared = structural_peers(ds, "DEU", k=8).table["variables_compared"]
    assert compared["USA"] == 5 and compared["VNM"] == 4


def test_contributions_sum_to_squared_distance_and_name_the_drivers(ds):
    selection = structural_peers(ds, "KEN", k=3)
    row = selection.table.loc["UGA"]
    contributions = row[[c for c in selection.table.columns if c.startswith("contribution_")]]
    assert contributions.sum() == pytest.approx(row["distance"] ** 2)
    # Uganda differs from Kenya only in its manufacturing share.
    assert row["differs_on"].startswith("manufacturing share")
    assert "manufacturing" not in row["similar_on"]
    assert "Uganda: most similar on" in selection.explanation


def test_values_in_the_table_are_as_published(ds):
    selection = structural_peers(ds, "KEN", k=1)
    assert selection.table.loc["KEN", "population"] == pytest.approx(50e6)
    assert selection.table.loc["KEN", "resources"] == pytest.approx(15.0)


def test_latest_values_use_the_window_up_to_the_year(ds):
    values = latest_values(ds, "mva_share_gdp", ["VNM"], year=2008)
    assert values.loc["VNM", "year"] == 2008
    assert values.loc["VNM", "value"] == pytest.approx(8.0)
    assert latest_values(ds, "mva_share_gdp", ["VNM"], year=1990).empty


def test_too_little_data_on_the_focus_is_a_clear_error(ds):
    with pytest.raises(DataError, match="South Sudan"):
        structural_peers(ds, "SSD")


def test_user_list_wins_and_is_cleaned(ds):
    selection = choose_peers(ds, "KEN", ["Ghana", "usa", "WLD", "Kenya", "GHA"])
    assert selection.peers == ["GHA", "USA"]
    assert selection.method == "user"
    text = " ".join(selection.notes)
    assert "World (WLD)" in text and "Kenya itself" in text and "once" in text
    assert "Ghana" in selection.explanation and "United States" in selection.explanation


def test_user_list_as_text_is_split(ds):
    assert choose_peers(ds, "KEN", "UGA, TZA").peers == ["UGA", "TZA"]


def test_empty_list_means_structural_peers(ds):
    assert choose_peers(ds, "KEN", []).peers == structural_peers(ds, "KEN").peers
    assert choose_peers(ds, "KEN").method == "structural"


def test_unknown_peer_raises_with_suggestions(ds):
    with pytest.raises(CountryError, match=r"Uganda \(UGA\)"):
        choose_peers(ds, "KEN", ["Ugnda"])


def test_a_list_with_only_the_focus_is_an_error(ds):
    with pytest.raises(CountryError, match="leaves no peers"):
        choose_peers(ds, "KEN", ["KEN"])


def test_group_peers_are_the_other_members(ds):
    selection = group_peers(ds, "KEN", "region")
    assert selection.peers == ["GHA", "NGA", "SSD", "TZA", "UGA"]
    assert "Sub-Saharan Africa" in selection.explanation
    income = group_peers(ds, "KEN", "income_group")
    assert set(income.peers) == {"TZA", "GHA", "NGA", "VNM", "BGD"}


def test_aspirational_peer_is_the_country_that_progressed(ds):
    selection = aspirational_peers(ds, "KEN", "mva_per_capita", lag=15, k=1)
    assert selection.peers == ["VNM"]
    row = selection.table.loc["VNM"]
    assert row["year_then"] == 2008 and row["year_now"] == 2023
    assert row["value_then"] == pytest.approx(480)
    assert row["value_now"] == pytest.approx(1200)
    assert row["distance"] == pytest.approx(0.0)
    assert "15 years earlier" in selection.explanation


def test_aspirational_peers_skip_countries_that_did_not_improve(ds):
    selection = aspirational_peers(ds, "KEN", "mva_per_capita", lag=15, k=10)
    # Bangladesh matched as well as Viet Nam on the profile; only progress tells them apart.
    assert "BGD" not in selection.peers and "NGA" not in selection.peers
    assert "KEN" not in selection.peers
    assert (selection.table.loc[selection.peers, "change"] > 0).all()


@pytest.mark.realdata
@pytest.mark.parametrize("country", ["KEN", "Namibia", "Viet Nam", "DEU", "Somalia"])
def test_structural_peers_on_real_data(real_dataset, country):
    selection = structural_peers(real_dataset, country)
    meta = real_dataset.countries(include_aggregates=True)
    assert len(selection.peers) == 5
    assert selection.focus not in selection.peers
    assert not meta.loc[selection.peers, "is_aggregate"].any()
    assert {"income", "population"} <= set(selection.variables)
    # Peers are similar in income: on average within a factor of 2 of the focus, none
    # beyond a factor of 3.5 (income is one of five variables matched at once).
    income = selection.table["income"]
    gaps = (np.log(income[selection.peers]) - np.log(income[selection.focus])).abs()
    assert gaps.mean() < np.log(2) and gaps.max() < np.log(3.5)


@pytest.mark.realdata
def test_aspirational_peers_on_real_data(real_dataset):
    selection = aspirational_peers(real_dataset, "KEN")
    assert 0 < len(selection.peers) <= 5 and "KEN" not in selection.peers
    assert (selection.table.loc[selection.peers, "change"] > 0).all()
    assert (selection.table.loc[selection.peers, "year_now"]
            - selection.table.loc[selection.peers, "year_then"] >= 10).all()


@pytest.mark.realdata
def test_data_poor_country_falls_back_to_its_region_and_income_group(real_dataset):
    """South Sudan lacks the characteristics structural peers need: it gets peers from its
    region and income group, with the reason, instead of an error."""
    selection = choose_peers(real_dataset, "SSD")
    meta = real_dataset.countries()
    assert selection.method == "group" and len(selection.peers) == 5
    assert "SSD" not in selection.peers
    assert set(meta.loc[selection.peers, "region"]) == {meta.at["SSD", "region"]}
    assert "could not be computed" in selection.explanation


@pytest.mark.realdata
def test_automatic_peers_come_only_from_the_pool_and_say_so(real_dataset):
    pool = ["UGA", "TZA", "RWA", "ETH", "GHA", "MAR", "VNM"]
    selection = choose_peers(real_dataset, "KEN", None, pool=pool)
    assert selection.method == "structural" and set(selection.peers) <= set(pool)
    assert "peer pool" in selection.explanation and "Ghana" in selection.explanation
    assert set(choose_peers(real_dataset, "KEN", None).peers) - set(pool)  # the world's differ
