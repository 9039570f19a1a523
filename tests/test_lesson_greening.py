"""The greening lesson's section functions: on the tiny pack, that sentences state the
pack's values, the what-if starts in the latest year of data and older sources carry their
year; on the real data (EDGAR to 2024), that KEN, ETH and VNM show emissions to 2023 or
later, that sentences and exercise answers equal values recomputed from the pack and that
every country runs without an exception. The decoupling rule and the what-if identity are
tested on hand-made numbers in test_decoupling.py and test_emissions_path.py."""

from __future__ import annotations

import math
import time
from unittest import mock

import numpy as np
import pandas as pd
import pytest

from policylab.charts import figure_title
from policylab.errors import PolicylabError
from policylab.lessons import greening
from policylab.lessons.context import Lesson, start_lesson
from policylab.narrative import fmt_number, fmt_quantity
from policylab.peers import PeerSelection
from policylab.results import FLAG_RULES
from policylab.text import format_value


# --------------------------------------------------------------------- rules, no data needed
def test_flag_indicators_are_the_headline_ids_that_rules_use():
    ruled = {rule.indicator for rule in FLAG_RULES}
    assert set(greening.FLAG_INDICATORS) == ruled & set(greening.HEADLINE_IDS)
    assert "co2_per_gdp" in greening.FLAG_INDICATORS


def test_headline_figures_are_edgar_or_wdi_not_older_sources():
    """The forum compares headline figures; none comes from the sources that stop in 2018."""
    from policylab.catalogue import load_catalogue

    catalogue = load_catalogue()
    assert "co2_industry_share" in greening.HEADLINE_IDS
    for indicator in greening.HEADLINE_IDS:
        assert catalogue[indicator].dataset in ("wdi", None), indicator
        assert indicator not in greening.OLDER_SOURCES


def test_the_lesson_reads_the_pack_not_the_raw_layer():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(greening))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for a in node.names]
    assert not [m for m in imported if m and (m.startswith("policylab.raw")
                                             or m.startswith("policylab.pack.build"))]
    assert "climate_watch" not in inspect.getsource(greening)


# --------------------------------------------------------------------- the tiny pack
def _flat(text: str) -> str:
    """A chart title without its line breaks."""
    return text.replace("<br>", " ")


def _tiny(ds, iso3="KEN", peers=("NAM", "BRA", "DEU")) -> Lesson:
    selection = PeerSelection(iso3, list(peers), "given", "", pd.DataFrame())
    return Lesson(ds, greening.NOTEBOOK, iso3, selection, 2000, 2002)


def test_industry_message_states_the_packs_share_and_power_beside_it(tiny_dataset):
    ds = tiny_dataset
    message = greening.industry_message(_tiny(ds))
    share = ds.latest("co2_industry_share", "KEN")
    power, total = ds.latest("co2_power_mt", "KEN"), ds.latest("co2_mt", "KEN")
    assert message.values["year"] == share.year == 2002
    assert message.values["share"] == share.value
    assert f"{fmt_number(share.value, '%')} of Kenya's CO2 in {share.year}" in message.text
    assert message.values["power_share"] == pytest.approx(100 * power.value / total.value)
    assert "power industry" in message.text
    assert message.values["industry_mt"] == ds.latest("co2_industry_mt", "KEN").value


def test_decoupling_chains_real_gdp_from_growth_to_the_latest_year(tiny_dataset):
    ds = tiny_dataset
    result = greening.decoupling(_tiny(ds))
    co2, growth = _own(ds, "co2_mt", "KEN"), _own(ds, "gdp_growth", "KEN")
    assert (result.first_year, result.last_year) == (2000, 2002)
    assert result.emissions_change == pytest.approx((co2[2002] / co2[2000] - 1) * 100)
    expected = ((1 + growth[2001] / 100) * (1 + growth[2002] / 100) - 1) * 100
    assert result.output_change == pytest.approx(expected)
    text = greening.decoupling_message(_tiny(ds)).text
    assert "Between 2000 and 2002" in text and result.status in text


def test_what_if_starts_in_the_latest_year_of_emissions(tiny_dataset, monkeypatch):
    monkeypatch.setattr(greening, "MIN_GROWTH_YEARS", 2)
    lesson = _tiny(tiny_dataset)
    scenario = greening.what_if(lesson, 0.02, 2010)
    latest = tiny_dataset.latest("co2_mt", "KEN")
    assert (scenario.base_year, scenario.base_emissions) == (latest.year, latest.value)
    assert scenario.path().index[0] == latest.year
    with mock.patch("policylab.lessons.context.display"):
        fig = greening.what_if_chart(lesson, scenario)
    history = next(t for t in fig.data if t.name == "Emissions so far")
    assert max(history.x) == latest.year
    projected = [t for t in fig.data if t.name.startswith("Projection")]
    assert all(min(t.x) == latest.year for t in projected)
    assert f"projections from {latest.year + 1}" in _flat(figure_title(fig))
    assert f"in {latest.year} (the latest year with data)" in \
        greening.what_if_message(lesson, scenario).text


def test_older_source_carries_its_last_year_in_the_subtitle(tiny_dataset):
    ds = tiny_dataset
    lesson = _tiny(ds)
    with mock.patch("policylab.lessons.context.display"):
        title = _flat(figure_title(greening.cement_share_chart(lesson)))
    end = int(ds.series("cement_co2_mt")["year"].max())
    assert f"end in {end}" in title and "Our World in Data" in title
    assert f"in {end}" in title.split("<span")[0]  # the country's own year, in the title
    note = greening.coverage_note(lesson, greening.EMISSION_IDS)
    assert f"CO2 emissions from cement*: data in this pack end in {end}" in note


def test_explorer_offers_no_superseded_series_and_dates_older_ones(tiny_dataset):
    offered = greening.explorer_indicators(tiny_dataset)
    assert "co2_industry_share" in offered.values() and "cement_co2_mt" in offered.values()
    assert not set(greening.SUPERSEDED) & set(offered.values())
    with mock.patch("policylab.lessons.context.display"):
        title = _flat(figure_title(greening.trend_chart(_tiny(tiny_dataset), "cement_co2_mt")))
    end = int(tiny_dataset.series("cement_co2_mt")["year"].max())
    assert f"end in {end}" in title


def test_a_country_without_emissions_gets_notes(tiny_dataset):
    lesson = _tiny(tiny_dataset, "ROU", ["NAM"])
    with mock.patch("policylab.lessons.context.display") as display:
        for section in (greening.emissions_chart, greening.intensity_chart,
                        greening.decoupling_chart, greening.industry_emissions_chart):
            assert section(lesson) is None
    shown = " ".join(call.args[0].data for call in display.call_args_list)
    assert len(lesson.skipped) == 4 and "No data on" in shown and "nan" not in shown
    assert not greening.intensity_change_exercise(lesson).available
    assert all("nan" not in m.text for m in greening.key_messages(lesson, None))


def test_sources_credit_edgar_through_the_manifest(tiny_dataset):
    table = greening.sources_table(_tiny(tiny_dataset))
    publishers = " ".join(table["Publisher"])
    assert "EDGAR" in publishers and "Our World in Data" in publishers
    assert "Climate Watch" not in publishers
    edgar = table[table["Publisher"].str.contains("EDGAR")].iloc[0]
    assert "Industry's share of CO2 emissions" in edgar["Indicators"]


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
    co2, growth = _own(ds, "co2_mt", iso3), _own(ds, "gdp_growth", iso3)
    y0, y1 = 2000, int(co2.index.max())
    assert y1 >= 2023
    assert message.values["first_year"] == y0 and message.values["last_year"] == y1
    assert message.values["emissions_change"] == pytest.approx((co2[y1] / co2[y0] - 1) * 100)
    expected = (np.prod(1 + growth.loc[y0 + 1:y1] / 100) - 1) * 100
    assert message.values["output_change"] == pytest.approx(expected)
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


WORKSHOP = ("KEN", "ETH", "VNM")


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", WORKSHOP)
def test_greening_shows_emissions_to_2023_or_later(real_dataset, iso3):
    """The acceptance check of issue 10: EDGAR emissions reach 2023 or later on the page."""
    ds = real_dataset
    lesson = start_lesson(greening.NOTEBOOK, iso3, ds=ds)
    with mock.patch("policylab.lessons.context.display"):
        charts = {f.__name__: f(lesson) for f in (
            greening.emissions_chart, greening.intensity_chart, greening.per_capita_chart,
            greening.industry_emissions_chart, greening.industry_share_chart,
            greening.decoupling_chart)}
    for name, fig in charts.items():
        assert fig is not None, name
        years = [int(x) for t in fig.data if t.x is not None and t.type == "scatter"
                 for x in t.x]
        last = max(years) if years else None
        title = _flat(figure_title(fig))
        if name == "per_capita_chart":  # bars: the year is in the title
            last = ds.latest("co2_per_capita", iso3).year
        assert last is not None and last >= 2023, name
        assert str(last) in title, (name, title)
    assert greening.decoupling(lesson).last_year >= 2023
    scenario = greening.what_if(lesson)
    assert scenario.base_year == ds.latest("co2_mt", iso3).year >= 2023
    assert not lesson.skipped


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", WORKSHOP)
def test_values_in_the_text_are_the_packs(real_dataset, iso3):
    ds = real_dataset
    lesson = start_lesson(greening.NOTEBOOK, iso3, ds=ds)
    share = ds.latest("co2_industry_share", iso3)
    message = greening.industry_message(lesson)
    assert message.values["share"] == share.value and message.values["year"] == share.year
    assert f"{fmt_number(share.value, '%')} of {ds.name(iso3)}'s CO2 in {share.year}" in \
        message.text
    power = ds.latest("co2_power_mt", iso3).value / ds.latest("co2_mt", iso3).value * 100
    assert f"another {fmt_number(power, '%')}" in message.text
    with mock.patch("policylab.lessons.context.display"):
        per_person = _flat(figure_title(greening.per_capita_chart(lesson)))
        emissions = _flat(figure_title(greening.emissions_chart(lesson)))
        industry = _flat(figure_title(greening.industry_emissions_chart(lesson)))
    latest = ds.latest("co2_per_capita", iso3)
    unit = ds.indicator("co2_per_capita").unit
    assert f"emitted {fmt_quantity(latest.value, unit)} in {latest.year}" in per_person
    co2, ghg = ds.latest("co2_mt", iso3), ds.latest("ghg_total_mt", iso3)
    assert fmt_quantity(co2.value * 1e6, "tonnes CO2") in emissions
    assert fmt_quantity(ghg.value * 1e6, "tonnes CO2e") in emissions
    assert f"was {fmt_number(share.value, '%')} of" in industry
    intensity = greening.intensity_message(lesson)
    own = _own(ds, "co2_per_gdp", iso3)
    assert intensity.values["end_value"] == own.iloc[-1]
    assert intensity.values["end_year"] == own.index[-1] >= 2023
    assert "2021 PPP $" in intensity.text  # the catalogue's unit


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["KEN", "VNM"])
def test_no_older_source_figure_appears_without_its_year(real_dataset, iso3):
    """OWID (cement) and Climate Watch figures stop years before EDGAR: any chart whose
    source line names them states their last year in its title or subtitle, and no key
    message or headline figure rests on them."""
    ds = real_dataset
    lesson = start_lesson(greening.NOTEBOOK, iso3, ds=ds)
    older = {"Our World in Data": "cement_co2_mt", "Climate Watch": None}
    with mock.patch("policylab.lessons.context.display"):
        figures = [f(lesson) for f in SECTIONS if f is not greening.decoupling_table]
    checked = 0
    for fig in filter(None, figures):
        source = _flat(next(a.text for a in fig.layout.annotations if a.name == "source"))
        title = _flat(figure_title(fig))
        for publisher, indicator in older.items():
            if publisher in source:
                assert indicator is not None, f"{publisher} should no longer be used"
                end = int(ds.series(indicator)["year"].max())
                assert f"end in {end}" in title, title
                assert not ds.is_current(end)
                checked += 1
    assert checked == 1  # the cement chart
    messages = greening.key_messages(lesson, greening.what_if(lesson))
    assert not [m for m in messages if m.indicator in greening.OLDER_SOURCES]
    assert all(ds.is_current(ds.latest(i, iso3).year) for i in greening.HEADLINE_IDS)


@pytest.mark.realdata
def test_what_if_uses_latest_emissions_and_own_average_growth(real_dataset):
    ds = real_dataset
    lesson = _lesson(ds, "KEN", [])
    scenario = greening.what_if(lesson, 0.02, 2030)
    latest = ds.latest("co2_mt", "KEN")
    assert (scenario.base_year, scenario.base_emissions) == (latest.year, latest.value)
    assert scenario.base_year >= 2023 and scenario.path().index[0] == scenario.base_year
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
def test_years_before_the_emissions_data_get_notes_not_errors(real_dataset):
    """Years before EDGAR begins: every emissions section is skipped, with the latest year
    said in words."""
    lesson = _lesson(real_dataset, "KEN", ["TZA"], start=1961, end=1969)
    with mock.patch("policylab.lessons.context.display") as display:
        assert greening.emissions_chart(lesson) is None
        assert greening.intensity_chart(lesson) is None
        assert greening.decoupling_chart(lesson) is None
        assert greening.industry_emissions_chart(lesson) is None
    assert not greening.intensity_change_exercise(lesson).available
    shown = " ".join(call.args[0].data for call in display.call_args_list)
    latest = real_dataset.latest("co2_per_gdp", "KEN")
    assert "the latest is" in shown and str(latest.year) in shown and "nan" not in shown
    assert len(lesson.skipped) == 4


@pytest.mark.realdata
def test_titles_state_the_years_of_the_data(real_dataset):
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


SECTIONS = (greening.emissions_chart, greening.intensity_chart, greening.per_capita_chart,
            greening.decoupling_chart, greening.decoupling_table,
            greening.industry_emissions_chart, greening.industry_share_chart,
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
    flat = format_value(100 * scenario.flat_improvement, "%")
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
