"""``evidence.standing_words``: world and income-group standing sentences and the peer
comparison (moved from the greening lesson), on a synthetic world of 20 countries."""

import pandas as pd
from conftest import synthetic_countries

from policylab.evidence.standing_words import peer_comparison, world_standing_sentence
from policylab.i18n import using_language
from policylab.narrative import fmt_quantity
from policylab.pack.dataset import Dataset


def _world() -> Dataset:
    """C00..C19 with CO2 per unit of GDP 1..20 in 2015; C00-C09 lower middle income,
    C10-C19 high income."""
    countries = synthetic_countries(20)
    obs = pd.DataFrame([(code, 2015, "co2_per_gdp", float(k + 1))
                        for k, code in enumerate(countries["iso3"])],
                       columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_high_low_and_middle_come_from_the_worlds_quarters_with_percentiles():
    ds = _world()
    top = world_standing_sentence(ds, "co2_per_gdp", "C19")
    # 19.5 of 20 below (ties half): 97.5 -> 98th; in its group 9.5 of 10 -> 95th
    assert top == ("Country C19's CO2 intensity of GDP is high in the world: in the top "
                   "quarter of 20 countries of the world (98th percentile); it is at the 95th "
                   "percentile of the 10 countries of the High income group.")
    bottom = world_standing_sentence(ds, "co2_per_gdp", "C00")
    assert bottom.startswith("Country C00's CO2 intensity of GDP is low in the world: in the "
                             "bottom quarter of 20 countries of the world (2nd percentile)")
    assert "5th percentile of the 10 countries of the Lower middle income group" in bottom
    middle = world_standing_sentence(ds, "co2_per_gdp", "C09")
    assert "at the 48th percentile of 20 countries of the world, neither in the top" in middle


def test_with_value_names_the_figure_and_its_year():
    ds = _world()
    value = fmt_quantity(20.0, ds.indicator("co2_per_gdp").unit)
    text = world_standing_sentence(ds, "co2_per_gdp", "C19", 2015, with_value=True)
    assert text.startswith(f"Country C19's CO2 intensity of GDP ({value} in 2015) is high")


def test_no_sentence_without_enough_countries_or_a_figure():
    ds = _world()
    assert world_standing_sentence(ds, "co2_per_gdp", "C19", 2010) == ""  # no data by 2010
    small = Dataset.from_frames(
        pd.DataFrame([(f"C{k:02d}", 2015, "co2_per_gdp", float(k)) for k in range(7)],
                     columns=["iso3", "year", "indicator", "value"]),
        synthetic_countries(7), pd.DataFrame(), pd.DataFrame())
    assert world_standing_sentence(small, "co2_per_gdp", "C06") == ""  # 7 < 8 countries


def test_peer_comparison_counts():
    assert peer_comparison(0, 0) == "no peer has a figure to compare"
    assert peer_comparison(4, 4) == "more than all 4 of its peers with data"
    assert peer_comparison(1, 1) == "more than its one peer with data"
    assert peer_comparison(0, 3) == "less than all its peers with data"
    assert peer_comparison(0, 1) == "less than its peers with data"
    assert peer_comparison(2, 5) == "more than 2 of its 5 peers with data"
    with using_language("fr"):
        assert peer_comparison(2, 5) != "more than 2 of its 5 peers with data"


def test_flag_standings_explains_each_flag_by_the_worlds_quarter():
    from policylab.evidence.standing_words import flag_standings
    from policylab.results import FLAG_RULES

    ds = _world()
    [rule] = [r for r in FLAG_RULES if r.indicator == "co2_per_gdp"][:1]
    block = flag_standings(ds, "C19", [rule.name, "not_a_flag"], 2015)
    intro, blank, line = block.splitlines()
    assert intro.startswith("**Why these challenges are flagged.**") and blank == ""
    assert line == "- " + world_standing_sentence(ds, "co2_per_gdp", "C19", 2015,
                                                  with_value=True)
    assert flag_standings(ds, "C19", [], 2015) == ""
    assert flag_standings(ds, "C19", ["not_a_flag"], 2015) == ""
