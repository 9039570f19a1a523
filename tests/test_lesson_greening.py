"""The greening lesson package, section by section, on the tiny pack (every section asserts
a value recomputed from the pack), the notebook's visible method cell against the chart
title it re-computes, and a second layer on the real data (EDGAR to 2024) for what only
real data show. The decoupling rule, the what-if identity and the emissions tables are
tested on hand-made numbers in test_decoupling.py, test_emissions_path.py and
test_emissions.py."""

from __future__ import annotations

import ast
import inspect
import json
import math
import pkgutil
import time
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest

from policylab.charts import figure_title
from policylab.errors import PolicylabError
from policylab.lessons import greening
from policylab.lessons.common import explorer_render, policy_cases_markdown, sources_table, start
from policylab.lessons.greening import (
    decoupling,
    emissions,
    energy,
    explore,
    industry,
    trends,
    what_if,
)
from policylab.metrics.decoupling import ABSOLUTE, DECOUPLING_STATUSES
from policylab.narrative import fmt_number, fmt_quantity
from policylab.paths import project_root
from policylab.results import FLAG_RULES
from policylab.text import format_value, signed

NOTEBOOK = project_root() / "notebooks" / "01_greening.ipynb"
QUIET = ("policylab.lessons.context.display", "policylab.display.display")


@pytest.fixture
def quiet():
    """Silence notes and figures; yields the mock of the lessons' notes."""
    with mock.patch(QUIET[0]) as notes, mock.patch(QUIET[1]):
        yield notes


def _flat(text: str) -> str:
    return text.replace("<br>", " ")


def _title(fig) -> str:
    return _flat(figure_title(fig))


def _tiny(ds, iso3="KEN", peers=("NAM", "BRA", "DEU")):
    return start(greening.SPEC, iso3, list(peers), 2000, 2002, ds=ds)


def _own(ds, indicator, iso3, first=2000, last=2025) -> pd.Series:
    rows = ds.series(indicator, iso3, (first, last)).dropna(subset=["value"])
    return rows.set_index("year")["value"]


# --------------------------------------------------------------------- the spec, no data
def test_spec_flags_are_the_headline_ids_that_rules_use():
    ruled = {rule.indicator for rule in FLAG_RULES}
    assert set(greening.FLAG_INDICATORS) == ruled & set(greening.HEADLINE_IDS)
    assert greening.SPEC.flags == greening.FLAG_INDICATORS and greening.SPEC.megatrend == "green"
    assert greening.SPEC.notebook == NOTEBOOK.stem


def test_headline_figures_are_edgar_or_wdi_not_older_sources():
    from policylab.catalogue import load_catalogue

    catalogue = load_catalogue()
    for indicator in greening.HEADLINE_IDS:
        assert catalogue[indicator].dataset in ("wdi", None), indicator
        assert indicator not in trends.OLDER_SOURCES


def test_the_package_reads_the_pack_only_and_keeps_modules_small():
    folder = Path(greening.__file__).parent
    for info in pkgutil.iter_modules([str(folder)]):
        text = (folder / f"{info.name}.py").read_text()
        assert len(text.splitlines()) < 400, info.name
        tree = ast.parse(text)
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in imported if m.startswith(("policylab.raw", "policylab.pack.build"))]
        assert "lru_cache" not in text and "climate_watch" not in text
    assert "_FixedPeers" not in inspect.getsource(explore)


# --------------------------------------------------------------------- section 1: emissions
def test_emissions_chart_states_the_packs_levels_and_change(tiny_dataset, quiet):
    ds = tiny_dataset
    co2, ghg = _own(ds, "co2_mt", "KEN"), _own(ds, "ghg_total_mt", "KEN")
    title = _title(emissions.emissions_chart(_tiny(ds)))
    change = (co2[2002] / co2[2000] - 1) * 100
    assert f"Kenya emitted {fmt_quantity(co2[2002] * 1e6, 'tonnes CO2')} in 2002" in title
    assert fmt_quantity(ghg[2002] * 1e6, "tonnes CO2e") in title
    assert f"rose {format_value(change, '%')} since 2000" in title
    assert emissions.co2_change(_tiny(ds)) == (2000, 2002, pytest.approx(change))


def test_intensity_message_and_exercise_state_the_packs_values(tiny_dataset):
    ds = tiny_dataset
    own = _own(ds, "co2_per_gdp", "KEN")
    lesson = _tiny(ds)
    message = emissions.intensity_message(lesson)
    change = (own[2002] / own[2000] - 1) * 100
    assert message.values["change"] == pytest.approx(change)
    assert message.values["end_value"] == own[2002] and message.values["start_year"] == 2000
    assert f"({signed(change, '%')})" in message.text
    assert "peer_median" in message.values  # NAM, BRA, DEU: three peers report
    exercise = emissions.intensity_change_exercise(lesson)
    assert exercise.answer == pytest.approx(change) and exercise.check(change + 0.5).correct


def test_per_capita_chart_says_why_there_is_no_group_median(tiny_dataset, quiet):
    """Kenya is the only lower-middle-income country of the tiny pack: no median (one
    country), and the subtitle says so instead of drawing a line."""
    ds = tiny_dataset
    fig = emissions.per_capita_chart(_tiny(ds))
    own = ds.latest("co2_per_capita", "KEN")
    title = _title(fig)
    unit = ds.indicator("co2_per_capita").unit
    assert f"Kenya emitted {fmt_quantity(own.value, unit)} in {own.year}" in title
    peers = [ds.latest("co2_per_capita", p).value for p in ("NAM", "BRA", "DEU")]
    below = sum(v < own.value for v in peers)
    assert (f"more than {below} of its 3" in title if 0 < below < 3 else "its peers" in title)
    assert "Only 1 country of the Lower middle income group reports" in title
    assert not fig.layout.shapes


# --------------------------------------------------------------------- section 2: decoupling
def test_decoupling_chains_real_gdp_from_growth(tiny_dataset):
    ds = tiny_dataset
    result = decoupling.decoupling(_tiny(ds))
    co2, growth = _own(ds, "co2_mt", "KEN"), _own(ds, "gdp_growth", "KEN")
    assert (result.first_year, result.last_year) == (2000, 2002)
    assert result.emissions_change == pytest.approx((co2[2002] / co2[2000] - 1) * 100)
    expected = ((1 + growth[2001] / 100) * (1 + growth[2002] / 100) - 1) * 100
    assert result.output_change == pytest.approx(expected)
    text = decoupling.decoupling_message(_tiny(ds)).text
    assert "Between 2000 and 2002" in text and result.status in text
    assert signed(expected, "%") in text


def test_decoupling_table_and_exercise(tiny_dataset, quiet):
    ds = tiny_dataset
    lesson = _tiny(ds)
    table = decoupling.decoupling_table(lesson)
    assert list(table.index) == ["Kenya", "Namibia", "Brazil", "Germany"]
    nam = decoupling.decoupling(lesson, "NAM")
    assert table.loc["Namibia", "CO2 change (%)"] == pytest.approx(nam.emissions_change)
    exercise = decoupling.decoupling_exercise(lesson)
    assert exercise.answer in DECOUPLING_STATUSES
    assert f"Namibia: {nam.status}" in exercise.solution
    assert exercise.answer not in _title(decoupling.decoupling_chart(lesson))


# --------------------------------------------------------------------- section 3: industry
def test_industry_message_states_the_packs_share_and_power_beside_it(tiny_dataset):
    ds = tiny_dataset
    message = industry.industry_message(_tiny(ds))
    share = ds.latest("co2_industry_share", "KEN")
    power, total = ds.latest("co2_power_mt", "KEN"), ds.latest("co2_mt", "KEN")
    assert message.values["year"] == share.year == 2002
    assert message.values["share"] == share.value
    assert f"{fmt_number(share.value, '%')} of Kenya's CO2 in {share.year}" in message.text
    assert message.values["power_share"] == pytest.approx(100 * power.value / total.value)
    assert f"another {fmt_number(100 * power.value / total.value, '%')}" in message.text
    assert message.values["industry_mt"] == ds.latest("co2_industry_mt", "KEN").value


def test_industry_chart_stacks_parts_and_rest(tiny_dataset, quiet):
    ds = tiny_dataset
    fig = industry.industry_emissions_chart(_tiny(ds))
    rest = next(t for t in fig.data if t.name.startswith("Rest of the economy"))
    parts = sum(ds.latest(i, "KEN").value for i in
                ("co2_industry_processes_mt", "co2_industry_combustion_mt", "co2_power_mt"))
    assert rest.y[-1] == pytest.approx(max(ds.latest("co2_mt", "KEN").value - parts, 0))
    assert "Industry's own CO2 was" in _title(fig)


def test_cement_share_carries_the_older_sources_last_year(tiny_dataset, quiet):
    ds = tiny_dataset
    lesson = _tiny(ds)
    fig = industry.cement_share_chart(lesson)
    title = _title(fig)
    cement, co2 = _own(ds, "cement_co2_mt", "KEN"), _own(ds, "co2_mt", "KEN")
    end = int(cement.index.max())
    share = 100 * cement[end] / co2[end]
    assert f"Cement made up {fmt_number(share, '%')} of Kenya's CO2 emissions in {end}" in title
    assert f"end in {int(ds.series('cement_co2_mt')['year'].max())}" in title
    assert "Our World in Data" in title
    note = greening.coverage_note(lesson, emissions.EMISSION_IDS)
    assert f"CO2 emissions from cement*: data in this pack end in {end}" in note


# --------------------------------------------------------------------- section 4: energy
def test_energy_charts_state_the_packs_movement(tiny_dataset, quiet):
    ds = tiny_dataset
    own = _own(ds, "renewable_share_electricity", "KEN")
    title = _title(energy.renewable_electricity_chart(_tiny(ds)))
    assert f"from {fmt_number(own[2000], '%')} to {fmt_number(own[2002], '%')}" in title
    intensity = _own(ds, "energy_intensity", "KEN")
    change = (intensity[2002] / intensity[2000] - 1) * 100
    assert f"by {format_value(abs(change), '%')}" in _title(energy.energy_intensity_chart(
        _tiny(ds)))


# --------------------------------------------------------------------- section 5: what-if
def test_what_if_starts_in_the_latest_year_of_emissions(tiny_dataset, monkeypatch, quiet):
    monkeypatch.setattr(what_if, "MIN_GROWTH_YEARS", 2)
    lesson = _tiny(tiny_dataset)
    scenario = what_if.what_if(lesson, 0.02, 2010)
    latest = tiny_dataset.latest("co2_mt", "KEN")
    growth = _own(tiny_dataset, "gdp_growth", "KEN")
    assert (scenario.base_year, scenario.base_emissions) == (latest.year, latest.value)
    assert scenario.growth == pytest.approx(np.prod(1 + growth / 100) ** (1 / 3) - 1)
    fig = what_if.what_if_chart(lesson, scenario)
    history = next(t for t in fig.data if t.name == "Emissions so far")
    assert max(history.x) == latest.year
    assert all(min(t.x) == latest.year for t in fig.data if t.name.startswith("Projection"))
    assert f"projections from {latest.year + 1}" in _title(fig)
    message = what_if.what_if_message(lesson, scenario)
    assert f"in {latest.year} (the latest year with data)" in message.text
    flat = format_value(100 * scenario.flat_improvement, "%")
    assert flat in message.text
    assert flat not in what_if.what_if_message(lesson, scenario, flat=False).text
    exercise = what_if.flat_emissions_exercise(lesson, scenario)
    assert exercise.answer == pytest.approx(100 * (1 - 1 / (1 + scenario.growth)))


def test_what_if_rejects_bad_choices_and_notes_short_growth(tiny_dataset, quiet):
    lesson = _tiny(tiny_dataset)
    for improvement, until in ((3, 2035), (0.03, 2001), ("fast", 2035)):
        with pytest.raises(PolicylabError):
            what_if.what_if(lesson, improvement, until)
    assert what_if.what_if(lesson) is None  # three growth figures, five needed
    assert lesson.skipped == ["What-if: emissions under a yearly cut in intensity"]


# --------------------------------------------------------------------- section 6, shared parts
def test_explorer_offers_no_superseded_series_and_draws_a_real_lesson(tiny_dataset, quiet):
    offered = explore.indicators(tiny_dataset)
    assert "co2_industry_share" in offered.values() and "cement_co2_mt" in offered.values()
    assert not set(explore.SUPERSEDED) & set(offered.values())
    drawn = []
    with mock.patch.object(explore, "show", drawn.append):
        explorer_render(_tiny(tiny_dataset))({"country": "NAM", "peers": ["KEN"],
                                              "years": (2000, 2002), "indicator": "co2_mt"})
    co2 = _own(tiny_dataset, "co2_mt", "NAM")
    change = (co2[2002] / co2[2000] - 1) * 100
    assert f"Namibia's CO2 emissions rose by {format_value(change, '%')}" in _title(drawn[0])


def test_key_messages_sources_and_cases(tiny_dataset, quiet):
    lesson = _tiny(tiny_dataset)
    messages = greening.messages(lesson, None)
    assert messages[0].indicator == "co2_per_gdp" and all("nan" not in m.text for m in messages)
    table = sources_table(lesson)
    assert "Our World in Data" in " ".join(table["Publisher"])
    assert "Climate Watch" not in " ".join(table["Publisher"])
    wdi = table[table["Publisher"].str.startswith("World Bank")].iloc[0]
    assert "EN.GHG.CO2.MT.CE.AR5" in wdi["Codes"] and wdi["Years"] == "2000\u20132002"
    intro = policy_cases_markdown(lesson, ["high_emission_intensity"])
    assert intro.startswith("Challenges flagged for Kenya: high CO2")


def test_a_country_without_emissions_gets_notes(tiny_dataset, quiet):
    lesson = _tiny(tiny_dataset, "ROU", ["NAM"])
    for section in (emissions.emissions_chart, emissions.intensity_chart,
                    decoupling.decoupling_chart, industry.industry_emissions_chart):
        assert section(lesson) is None
    shown = " ".join(call.args[0].data for call in quiet.call_args_list)
    assert len(lesson.skipped) == 4 and "No data on" in shown and "nan" not in shown
    assert not emissions.intensity_change_exercise(lesson).available
    assert all("nan" not in m.text for m in greening.messages(lesson, None))


# --------------------------------------------------------------------- the visible method cell
def _method_cell() -> str:
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    chosen = [c for c in cells if "method" in c.get("metadata", {}).get("tags", [])]
    assert len(chosen) == 1 and chosen[0]["cell_type"] == "code"
    return "".join(chosen[0]["source"])


def _run_method(lesson, capsys) -> tuple[dict, str]:
    namespace = {"lesson": lesson, "signed": signed}
    exec(compile(_method_cell(), "method cell", "exec"), namespace)  # noqa: S102
    return namespace, capsys.readouterr().out


def test_method_cell_computes_the_change_in_the_charts_title(tiny_dataset, capsys, quiet):
    lesson = _tiny(tiny_dataset)
    namespace, printed = _run_method(lesson, capsys)
    change = namespace["change"]
    assert change == pytest.approx(emissions.co2_change(lesson)[2])
    assert f"rose {format_value(abs(change), '%')} since 2000" in \
        _title(emissions.emissions_chart(lesson))
    assert signed(change, "%") in printed
    assert "no change" in _run_method(_tiny(tiny_dataset, "ROU"), capsys)[1]


# --------------------------------------------------------------------- real data
def _lesson(ds, iso3: str, peers: list[str], first: int = 2000, last: int = 0):
    return start(greening.SPEC, iso3, [p for p in peers if p != iso3], first, last, ds=ds)


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["KEN", "DEU"])
def test_method_cell_matches_the_page_on_real_data(real_dataset, capsys, quiet, iso3):
    lesson = _lesson(real_dataset, iso3, [])
    namespace, _ = _run_method(lesson, capsys)
    words = "rose" if namespace["change"] > 0 else "fell"
    assert f"{words} {format_value(abs(namespace['change']), '%')} since 2000" in \
        _title(emissions.emissions_chart(lesson))


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["KEN", "DEU"])
def test_decoupling_message_matches_the_pack(real_dataset, iso3):
    ds = real_dataset
    message = decoupling.decoupling_message(_lesson(ds, iso3, ["TZA", "FRA"]))
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
    assert decoupling.decoupling(_lesson(real_dataset, "DEU", [])).status == ABSOLUTE
    assert decoupling.decoupling(_lesson(real_dataset, "KEN", [])).status != ABSOLUTE


WORKSHOP = ("KEN", "ETH", "VNM")
CHARTS = (emissions.emissions_chart, emissions.intensity_chart, emissions.per_capita_chart,
          industry.industry_emissions_chart, industry.industry_share_chart,
          decoupling.decoupling_chart)


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", WORKSHOP)
def test_greening_shows_emissions_to_2023_or_later(real_dataset, iso3, quiet):
    ds = real_dataset
    lesson = _lesson(ds, iso3, [])
    for chart in CHARTS:
        fig = chart(lesson)
        years = [int(x) for t in fig.data if t.x is not None and t.type == "scatter"
                 for x in t.x]
        last = ds.latest("co2_per_capita", iso3).year if not years else max(years)
        assert last >= 2023 and str(last) in _title(fig), chart.__name__
    assert what_if.what_if(lesson).base_year == ds.latest("co2_mt", iso3).year >= 2023
    assert not lesson.skipped


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", WORKSHOP)
def test_values_in_the_text_are_the_packs(real_dataset, iso3, quiet):
    ds = real_dataset
    lesson = _lesson(ds, iso3, [])
    share = ds.latest("co2_industry_share", iso3)
    message = industry.industry_message(lesson)
    assert message.values["share"] == share.value and message.values["year"] == share.year
    latest = ds.latest("co2_per_capita", iso3)
    unit = ds.indicator("co2_per_capita").unit
    assert f"emitted {fmt_quantity(latest.value, unit)} in {latest.year}" in \
        _title(emissions.per_capita_chart(lesson))
    assert f"was {fmt_number(share.value, '%')} of" in \
        _title(industry.industry_emissions_chart(lesson))
    intensity = emissions.intensity_message(lesson)
    own = _own(ds, "co2_per_gdp", iso3)
    assert intensity.values["end_value"] == own.iloc[-1] and own.index[-1] >= 2023
    assert "2021 PPP $" in intensity.text


@pytest.mark.realdata
def test_what_if_uses_latest_emissions_and_own_average_growth(real_dataset):
    ds = real_dataset
    scenario = what_if.what_if(_lesson(ds, "KEN", []), 0.02, 2030)
    latest = ds.latest("co2_mt", "KEN")
    assert (scenario.base_year, scenario.base_emissions) == (latest.year, latest.value)
    growth = _own(ds, "gdp_growth", "KEN", 1960, 2100)
    window = growth[growth.index > growth.index.max() - what_if.GROWTH_WINDOW_YEARS]
    assert scenario.growth == pytest.approx(np.prod(1 + window / 100) ** (1 / len(window)) - 1)
    assert scenario.growth_years == (window.index.min(), window.index.max())


@pytest.mark.realdata
def test_years_before_the_emissions_data_get_notes_not_errors(real_dataset, quiet):
    lesson = _lesson(real_dataset, "KEN", ["TZA"], 1961, 1969)
    for chart in (emissions.emissions_chart, emissions.intensity_chart,
                  decoupling.decoupling_chart, industry.industry_emissions_chart):
        assert chart(lesson) is None
    shown = " ".join(call.args[0].data for call in quiet.call_args_list)
    latest = real_dataset.latest("co2_per_gdp", "KEN")
    assert "the latest is" in shown and str(latest.year) in shown and "nan" not in shown


SECTIONS = (*CHARTS, decoupling.decoupling_table, industry.cement_share_chart,
            industry.mva_intensity_chart, energy.energy_intensity_chart,
            energy.renewable_electricity_chart, energy.renewable_energy_chart)
DATA_POOR = ("SSD", "SOM", "TUV", "PRK", "NRU", "ERI", "AFG", "SYR", "YEM", "VEN", "LIE",
             "MCO", "SMR", "CUB", "TKM", "PLW", "XKX")


@pytest.mark.realdata
def test_every_country_runs_every_section(real_dataset, capsys, quiet):
    """Two countries of every region x income group plus the data-poor ones, with peers
    from their region; the batch covers every country."""
    ds = real_dataset
    countries = ds.countries()
    sample = countries.groupby(["region", "income_group"], sort=True).head(2).index
    sample = list(dict.fromkeys([*sample, *(c for c in DATA_POOR if c in countries.index),
                                 "DEU", "KEN"]))
    started, skipped = time.perf_counter(), {}
    for iso3, region in countries.loc[sample, "region"].items():
        lesson = _lesson(ds, iso3, list(countries.index[countries["region"] == region][:4]))
        for section in SECTIONS:
            section(lesson)
        scenario = what_if.what_if(lesson)
        what_if.what_if_chart(lesson, scenario)
        messages = greening.messages(lesson, scenario)
        exercises = [emissions.intensity_change_exercise(lesson),
                     what_if.flat_emissions_exercise(lesson, scenario),
                     decoupling.decoupling_exercise(lesson)]
        assert messages and all("nan" not in m.text for m in messages)
        assert all(e.question and "nan" not in e.question for e in exercises)
        skipped[iso3] = lesson.skipped
    with capsys.disabled():
        print(f"\ngreening: {len(skipped)} countries, "
              f"{sum(len(v) for v in skipped.values())} sections skipped, "
              f"{time.perf_counter() - started:.1f} s")
    assert not skipped["DEU"] and not skipped["KEN"]
    assert not math.isnan(sum(len(v) for v in skipped.values()))
