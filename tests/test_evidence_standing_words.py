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


def test_the_challenge_rule_names_the_measures_from_the_rules():
    """The measures that can raise a challenge are written from the rules given (a lesson's,
    ``results.rules_for``), each with the side that is the challenge, in rule order."""
    from policylab.evidence.standing_words import challenge_rule
    from policylab.results import rules_for

    ds = _world()
    text = challenge_rule(ds, rules_for(["co2_per_gdp", "renewable_share_electricity",
                                         "energy_intensity"]))
    assert text.startswith("**Why a challenge is flagged.** A figure counts as a challenge "
                           "when it is in the world's worst quarter, among every country's "
                           "latest figure in the 5 years up to its own year (at least 8 "
                           "countries with data), not by comparison with the peers.")
    assert text.endswith(
        "Only these measures can raise one in this lesson: CO2 intensity of GDP (kg CO2 per "
        "2021 PPP $) and energy intensity of the economy (MJ per 2021 PPP $ of GDP), when "
        "high; renewable share of electricity (% of electricity output), when low.")
    assert challenge_rule(ds, []) == ""


def test_a_challenge_is_stated_with_its_figure_year_percentile_and_edge():
    """C19's 20 is above the edge of the world's highest quarter of 1..20 (15.25), at the
    98th percentile (19.5 of 20 below, ties half)."""
    from policylab.evidence.standing_words import challenge_line
    from policylab.results import challenges

    ds = _world()
    [found] = challenges(ds, "C19", ["co2_per_gdp"], 2015)
    unit = ds.indicator("co2_per_gdp").unit
    assert challenge_line(ds, "C19", found) == (
        f"**High CO2 emissions per unit of output.** Country C19's figure for CO2 intensity of "
        f"GDP ({fmt_quantity(20.0, unit)} in 2015) is at the 98th percentile of 20 countries "
        f"with data; the world's highest quarter starts at {fmt_quantity(15.25, unit)}.")
    assert challenges(ds, "C09", ["co2_per_gdp"], 2015) == []
