"""The greening lesson's section functions: the decoupling rule and the what-if identity
on hand-made numbers, and, on the real data, that sentences and exercise answers equal
values recomputed from the pack and that every country runs without an exception."""

from __future__ import annotations

import math
import time
from unittest import mock

import numpy as np
import pandas as pd
import pytest

from policylab.errors import PolicylabError
from policylab.lessons import greening
from policylab.lessons.context import Lesson, start_lesson
from policylab.peers import PeerSelection
from policylab.results import FLAG_RULES


# --------------------------------------------------------------------- rules, no data needed
@pytest.mark.parametrize(("output", "emissions", "status"), [
    (25.0, -15.0, greening.ABSOLUTE),
    (25.0, 0.0, greening.ABSOLUTE),
    (120.0, 80.0, greening.RELATIVE),
    (50.0, 50.0, greening.NO_DECOUPLING),
    (50.0, 90.0, greening.NO_DECOUPLING),
    (-5.0, -20.0, greening.NO_DECOUPLING),  # output fell: nothing to decouple from
])
def test_decoupling_rule(output, emissions, status):
    assert greening.classify_decoupling(output, emissions) == status


def test_what_if_path_is_gdp_path_times_intensity_path():
    scenario = greening.WhatIf("XXX", 2018, 100.0, growth=0.05, growth_years=(2013, 2022),
                               improvement=0.03, until_year=2020)
    expected = [100.0, 100.0 * 1.05 * 0.97, 100.0 * (1.05 * 0.97) ** 2]
    assert np.allclose(scenario.path().to_numpy(), expected)
    assert np.allclose(scenario.path(0.0).to_numpy(), [100.0, 105.0, 110.25])
    assert scenario.change == pytest.approx((1.05 * 0.97) ** 2 * 100 - 100)
    flat = scenario.flat_improvement
    assert (1 + scenario.growth) * (1 - flat) == pytest.approx(1.0)
    assert np.allclose(scenario.path(flat).to_numpy(), 100.0)


def test_flag_indicators_are_the_headline_ids_that_rules_use():
    ruled = {rule.indicator for rule in FLAG_RULES}
    assert set(greening.FLAG_INDICATORS) == ruled & set(greening.HEADLINE_IDS)
    assert "co2_per_gdp" in greening.FLAG_INDICATORS


# --------------------------------------------------------------------- real data
def _lesson(ds, iso3: str, peers: list[str], start: int = 2000, end: int = 2025) -> Lesson:
    selection = PeerSelection(iso3, [p for p in peers if p != iso3], "given", "", pd.DataFrame())
    return Lesson(ds, greening.NOTEBOOK, iso3, selection, start, end)


def _own(ds, indicator, iso3, first=2000, last=2025) -> pd.Series:
    rows = ds.series(indicator, iso3, (first, last)).dropna(subset=["value"])
    return rows.set_index("year")["value"]


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["KEN", "DEU"])
def test_decoupling_message_matches_the_pack(real_dataset, iso3):
    ds = real_dataset
    lesson = _lesson(ds, iso3, ["TZA", "FRA"])
    message = greening.decoupling_message(lesson)
    co2, gdp = _own(ds, "co2_mt", iso3), _own(ds, "gdp_const_usd", iso3)
    common = sorted(set(co2.index) & set(gdp.index))
    y0, y1 = common[0], common[-1]
    assert message.values["first_year"] == y0 and message.values["last_year"] == y1
    assert message.values["emissions_change"] == pytest.approx((co2[y1] / co2[y0] - 1) * 100)
    assert message.values["output_change"] == pytest.approx((gdp[y1] / gdp[y0] - 1) * 100)
    assert message.values["status"] in message.text and "nan" not in message.text


@pytest.mark.realdata
def test_germany_decoupled_absolutely_and_kenya_did_not(real_dataset):
    """The two cases the workshop material uses to contrast the rule."""
    assert greening.decoupling(_lesson(real_dataset, "DEU", [])).status == greening.ABSOLUTE
    assert greening.decoupling(_lesson(real_dataset, "KEN", [])).status != greening.ABSOLUTE


@pytest.mark.realdata
def test_intensity_exercise_answer_is_the_computed_change(real_dataset):
    ds = real_dataset
    lesson = _lesson(ds, "KEN", [])
    exercise = greening.intensity_change_exercise(lesson)
    own = _own(ds, "co2_per_gdp", "KEN")
    expected = (own.iloc[-1] / own.iloc[0] - 1) * 100
    assert exercise.answer == pytest.approx(expected)
    assert exercise.check(expected + 0.5).correct
    assert not exercise.check(expected + 5).correct
    assert str(own.index[-1]) in exercise.question  # the data's last year, not typed


@pytest.mark.realdata
def test_industry_share_matches_the_pack(real_dataset):
    ds = real_dataset
    message = greening.industry_message(_lesson(ds, "DEU", []))
    year = message.values["year"]
    parts = [ds.latest(i, "DEU", max_year=year).value
             for i in ("ghg_industry_mt", "ghg_manuf_construction_mt", "ghg_total_mt")]
    assert message.values["share"] == pytest.approx(100 * (parts[0] + parts[1]) / parts[2])


@pytest.mark.realdata
def test_what_if_uses_latest_emissions_and_own_average_growth(real_dataset):
    ds = real_dataset
    lesson = _lesson(ds, "KEN", [])
    scenario = greening.what_if(lesson, 0.02, 2030)
    latest = ds.latest("co2_mt", "KEN")
    assert (scenario.base_year, scenario.base_emissions) == (latest.year, latest.value)
    growth = _own(ds, "gdp_growth", "KEN", 1960, 2100)
    window = growth[growth.index > growth.index.max() - greening.GROWTH_WINDOW_YEARS]
    expected = np.prod(1 + window / 100) ** (1 / len(window)) - 1
    assert scenario.growth == pytest.approx(expected)
    assert scenario.growth_years == (window.index.min(), window.index.max())
    assert scenario.path().index[-1] == 2030
    exercise = greening.flat_emissions_exercise(lesson, scenario)
    assert exercise.answer == pytest.approx(100 * (1 - 1 / (1 + expected)))


@pytest.mark.realdata
@pytest.mark.parametrize(("improvement", "until"), [(3, 2035), (0.03, 2010), ("fast", 2035)])
def test_what_if_rejects_bad_choices_clearly(real_dataset, improvement, until):
    with pytest.raises(PolicylabError):
        greening.what_if(_lesson(real_dataset, "KEN", []), improvement, until)


@pytest.mark.realdata
def test_data_poor_country_gets_notes_not_errors(real_dataset):
    """Years after the emissions data end: every emissions section is skipped, with the
    latest year said in words."""
    lesson = _lesson(real_dataset, "KEN", ["TZA"], start=2020, end=2025)
    with mock.patch("policylab.lessons.context.display") as display:
        assert greening.intensity_chart(lesson) is None
        assert greening.decoupling_chart(lesson) is None
        assert greening.industry_emissions_chart(lesson) is None
    assert not greening.intensity_change_exercise(lesson).available
    shown = " ".join(call.args[0].data for call in display.call_args_list)
    latest = real_dataset.latest("co2_per_gdp", "KEN")
    assert "the latest is" in shown and str(latest.year) in shown and "nan" not in shown
    assert len(lesson.skipped) == 3


@pytest.mark.realdata
def test_titles_state_the_years_of_the_data(real_dataset):
    from policylab.charts import figure_title

    ds = real_dataset
    lesson = start_lesson(greening.NOTEBOOK, "BRA", ["ARG", "MEX"], ds=ds)
    title = figure_title(greening.intensity_chart(lesson))
    own = _own(ds, "co2_per_gdp", "BRA")
    assert f"between {own.index[0]} and {own.index[-1]}" in title
    assert greening.coverage_note(lesson, ["co2_per_gdp"]).count(str(own.index[-1])) >= 1
    table = greening.sources_table(lesson)
    assert {"CC-BY-4.0"} == set(table["Licence"])


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["SSD", "PRK"])
def test_country_too_poor_in_data_for_structural_peers_still_starts(real_dataset, iso3):
    lesson = start_lesson(greening.NOTEBOOK, iso3, ds=real_dataset)
    assert lesson.peer_codes
    with mock.patch("policylab.lessons.context.display"):
        greening.intensity_chart(lesson)
        greening.decoupling_chart(lesson)
    assert all(m.text for m in greening.key_messages(lesson, greening.what_if(lesson)))


SECTIONS = (greening.intensity_chart, greening.per_capita_chart, greening.decoupling_chart,
            greening.decoupling_table, greening.industry_emissions_chart,
            greening.cement_share_chart, greening.mva_intensity_chart,
            greening.energy_intensity_chart, greening.renewable_electricity_chart,
            greening.renewable_energy_chart)
CHART_BUILDERS = ("line_compare", "bar_compare", "stacked_area", "new_figure", "show_table")


#: Countries with gaps of every kind (no emissions data, tiny islands, no GDP growth).
DATA_POOR = ("SSD", "SOM", "TUV", "PRK", "NRU", "ERI", "AFG", "SYR", "YEM", "VEN", "LIE",
             "MCO", "SMR", "CUB", "TKM", "PLW", "XKX")


@pytest.mark.realdata
def test_every_country_runs_every_section(real_dataset, capsys):
    """A stratified sample (two countries of every region x income group, plus the
    data-poor ones) through every section function, with peers from its region; the batch
    run of the notebook covers every country. The plotly builders (tested in
    test_charts.py) are replaced by stand-ins so that this stays fast; the lesson's own data
    handling and sentences all run."""
    ds = real_dataset
    countries = ds.countries()
    sample = countries.groupby(["region", "income_group"], sort=True).head(2).index
    sample = list(dict.fromkeys([*sample, *(c for c in DATA_POOR if c in countries.index),
                                 "DEU", "KEN"]))
    started = time.perf_counter()
    skipped: dict[str, list[str]] = {}
    with mock.patch.multiple(greening, **{name: mock.MagicMock() for name in CHART_BUILDERS}):
        for iso3, region in countries.loc[sample, "region"].items():
            peers = list(countries.index[countries["region"] == region][:4])
            lesson = _lesson(ds, iso3, peers)
            for section in SECTIONS:
                section(lesson)
            scenario = greening.what_if(lesson)
            greening.what_if_chart(lesson, scenario)
            messages = greening.key_messages(lesson, scenario)
            exercises = [greening.intensity_change_exercise(lesson),
                         greening.flat_emissions_exercise(lesson, scenario),
                         greening.decoupling_exercise(lesson)]
            assert messages and all("nan" not in m.text for m in messages)
            assert all(e.question and "nan" not in e.question for e in exercises)
            skipped[iso3] = lesson.skipped
    capsys.readouterr()
    total = sum(len(v) for v in skipped.values())
    with capsys.disabled():
        print(f"\ngreening: {len(skipped)} countries, {total} sections skipped "
              f"({sum(1 for v in skipped.values() if v)} countries with a skip), "
              f"{time.perf_counter() - started:.1f} s")
    assert len(skipped) == len(sample) and total > 0
    assert not skipped["DEU"] and not skipped["KEN"]
    assert not math.isnan(total)


@pytest.mark.realdata
def test_exercises_are_not_answered_by_what_precedes_them(real_dataset):
    """The intensity chart's title gives levels, not the % change the exercise asks for; the
    decoupling chart and table give the changes, not the status; the what-if sentence shown
    before the flat-emissions exercise leaves out the rate it asks for."""
    from policylab.charts import figure_title

    lesson = _lesson(real_dataset, "KEN", ["TZA", "UGA"])
    with mock.patch("policylab.lessons.context.display"):
        title = figure_title(greening.intensity_chart(lesson))
        decoupling_title = figure_title(greening.decoupling_chart(lesson))
    change = greening.intensity_change_exercise(lesson).answer
    assert f"{abs(change):.1f}%" not in title and " from " in title
    status = greening.decoupling(lesson).status
    assert status not in decoupling_title
    table = greening.decoupling_table(lesson)
    assert status not in table.to_string() and "First year" in table.columns
    solution = greening.decoupling_exercise(lesson).solution
    assert status in solution and "Tanzania" in solution
    scenario = greening.what_if(lesson)
    flat = f"{100 * scenario.flat_improvement:.1f}%"
    assert flat not in greening.what_if_message(lesson, scenario, flat=False).text
    assert flat in greening.what_if_message(lesson, scenario).text


@pytest.mark.realdata
def test_flags_and_sources_read_as_words(real_dataset):
    lesson = _lesson(real_dataset, "KEN", ["TZA"])
    assert greening.flag_labels(["high_emission_intensity"]).startswith("high CO2")
    assert greening.flag_labels([]) == "none"
    table = greening.sources_table(lesson)
    assert "CO2 emissions" in " ".join(table["Indicators"])
    assert "co2_mt" not in " ".join(table["Indicators"])
