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
from conftest import synthetic_countries

from policylab.charts import figure_title
from policylab.errors import PolicylabError
from policylab.evidence.breaks import change_is_sound, series_flags, why_not
from policylab.lessons import greening
from policylab.lessons.common import explorer_render, policy_cases_markdown, sources_table, start
from policylab.lessons.greening import (
    decoupling,
    emissions,
    energy,
    explore,
    industry,
    what_if,
)
from policylab.lessons.greening.base import OLDER_SOURCES
from policylab.metrics.decoupling import ABSOLUTE, DECOUPLING_STATUSES
from policylab.metrics.greening_figures import ends
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.changes import precise
from policylab.pack.dataset import Dataset
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
        assert indicator not in OLDER_SOURCES


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
    assert ends(co2) == (2000, co2[2000], 2002, co2[2002], pytest.approx(change))


def test_intensity_message_and_exercise_state_the_packs_values(tiny_dataset):
    ds = tiny_dataset
    own = _own(ds, "co2_per_gdp", "KEN")
    lesson = _tiny(ds)
    message = emissions.intensity_message(lesson)
    change = (own[2002] / own[2000] - 1) * 100
    assert message.values["change"] == pytest.approx(change)
    assert message.values["end_value"] == own[2002] and message.values["start_year"] == 2000
    # the % change is the exercise's answer: the message gives the two levels, not it
    assert signed(change, "%") not in message.text
    assert format_value(abs(change), "%") not in message.text
    assert "in 2000 to" in message.text and "in 2002" in message.text
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
    result = decoupling.judged(_tiny(ds))[0]
    co2, growth = _own(ds, "co2_mt", "KEN"), _own(ds, "gdp_growth", "KEN")
    assert (result.first_year, result.last_year) == (2000, 2002)
    assert result.emissions_change == pytest.approx((co2[2002] / co2[2000] - 1) * 100)
    expected = ((1 + growth[2001] / 100) * (1 + growth[2002] / 100) - 1) * 100
    assert result.output_change == pytest.approx(expected)
    text = decoupling.decoupling_message(_tiny(ds)).text
    # the status answers the exercise: the facilitator's notes give it, not the message
    assert "Between 2000 and 2002" in text and result.status not in text
    assert signed(expected, "%") in text
    assert result.status in decoupling.status_sentence(_tiny(ds))


def test_the_decoupling_box_promises_no_classification_the_page_lacks(tiny_dataset):
    """The box said "the classification in the key messages uses the same text", but the
    status answers the exercise: the key messages never give it (the facilitator's notes
    do), so the sentence was false on both pages. It now says what holds on both: the
    exercise applies the rule, and every classification uses its words."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    box = next("".join(c["source"]) for c in cells
               if "**Method box: decoupling.**" in "".join(c["source"]))
    rule = next(line for line in box.splitlines() if "*Rule used to classify:*" in line)
    assert rule == ("> *Rule used to classify:* stated under this box; the exercise below asks "
                    "you to apply it, and every classification in this lesson uses its words.")
    lesson = _tiny(tiny_dataset)
    messages = " ".join(m.text for m in greening.messages(lesson, None))
    assert not [status for status in DECOUPLING_STATUSES if status in messages]
    notes = greening.facilitator_notes(lesson, None)
    assert [status for status in DECOUPLING_STATUSES if status in notes] == \
        [decoupling.judged(lesson)[0].status]


def test_decoupling_table_and_exercise(tiny_dataset, quiet):
    ds = tiny_dataset
    lesson = _tiny(ds)
    table = decoupling.decoupling_table(lesson)
    assert list(table.index) == ["Kenya", "Namibia", "Brazil", "Germany"]
    nam = decoupling.judged(lesson, "NAM")[0]
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
    with mock.patch("policylab.lessons.context.show", drawn.append):
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
    namespace = {"lesson": lesson, "signed": signed, "series_flags": series_flags,
                 "change_is_sound": change_is_sound, "why_not": why_not}
    exec(compile(_method_cell(), "method cell", "exec"), namespace)  # noqa: S102
    return namespace, capsys.readouterr().out


def test_method_cell_computes_the_change_in_the_charts_title(tiny_dataset, capsys, quiet):
    lesson = _tiny(tiny_dataset)
    namespace, printed = _run_method(lesson, capsys)
    change = namespace["change"]
    assert change == pytest.approx(ends(_own(lesson.ds, "co2_mt", "KEN", 2000, 2002)).change)
    assert f"rose {format_value(abs(change), '%')} since 2000" in \
        _title(emissions.emissions_chart(lesson))
    assert signed(change, "%") in printed
    last = namespace["last"]  # the level as every table and title writes it (one rule)
    assert f"{int(last['year'])}: {format_value(last['value'], 'Mt')}" in printed
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
    assert message.values["status"] not in message.text and "nan" not in message.text
    notes = greening.facilitator_notes(_lesson(ds, iso3, ["TZA", "FRA"]), None)
    assert message.values["status"] in notes


@pytest.mark.realdata
def test_germany_decoupled_absolutely_and_kenya_did_not(real_dataset):
    assert decoupling.judged(_lesson(real_dataset, "DEU", []))[0].status == ABSOLUTE
    assert decoupling.judged(_lesson(real_dataset, "KEN", []))[0].status != ABSOLUTE


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
    if "peer_median" in intensity.values:  # the median with its unit, not a bare number
        per_gdp = ds.indicator("co2_per_gdp").unit
        median = precise(intensity.values["peer_median"], per_gdp)
        assert f"against a median of {median} {per_gdp} for its" in intensity.text


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


# --------------------------------------------------------------------- issue 11: judgements
def _synthetic(shift_from: int | None = 2008, zeros_until: int | None = None) -> Dataset:
    """Twelve countries, 2000-2015, steady series; C00's CO2 and CO2 intensity jump to a
    new level (x 3) from ``shift_from`` (a likely series break); with ``zeros_until``,
    C00's cement CO2 is zero up to that year (as OWID's early decades are)."""
    countries = synthetic_countries(12)
    codes = list(countries["iso3"])
    rows = []
    for k, code in enumerate(codes):
        for year in range(2000, 2016):
            t = year - 2000
            jump = 3.0 if code == "C00" and shift_from and year >= shift_from else 1.0
            rows += [(code, year, "co2_mt", (10 + k) * 1.03 ** t * jump),
                     (code, year, "gdp_growth", 4.0),
                     (code, year, "co2_per_gdp", (0.2 + 0.01 * k) * 0.99 ** t * jump)]
            if zeros_until is not None:
                rows.append((code, year, "cement_co2_mt",
                             0.0 if code == "C00" and year <= zeros_until else 1 + 0.05 * t))
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def _synthetic_lesson(ds, iso3="C00", peers=("C01", "C02", "C03")):
    return start(greening.SPEC, iso3, list(peers), 2000, 2015, ds=ds)


def test_no_change_is_stated_across_a_likely_break(quiet, capsys):
    lesson = _synthetic_lesson(_synthetic())
    assert series_flags(lesson.ds, "co2_per_gdp", "C00").breaks == (2008,)
    reason = why_not(series_flags(lesson.ds, "co2_per_gdp", "C00"), 2000, 2015)
    fig = emissions.intensity_chart(lesson)
    title = _flat(_title(fig))
    assert "was 0.52 kg CO2 per 2021 PPP $ in 2015; no change is stated" in title
    assert "fell from" not in title and "rose from" not in title and "2008" in title
    # the break is marked on the chart: a dotted line at 2008, labelled
    assert [s.x0 for s in fig.layout.shapes if s.line.dash == "dot"] == [2008]
    assert any("likely series break" in (a.text or "") for a in fig.layout.annotations)
    message = emissions.intensity_message(lesson)
    assert "went from" not in message.text and reason in message.text
    assert "change" not in message.values
    assert not emissions.intensity_change_exercise(lesson).available
    # decoupling: no verdict, no CO2 change in the title or the table, no exercise on it
    assert "is not judged" in decoupling.decoupling_message(lesson).text
    assert decoupling.status_sentence(lesson) == ""
    table = decoupling.decoupling_table(lesson)
    assert math.isnan(table.loc["Country C00", "CO2 change (%)"])
    assert "likely breaks in 2008" in table.loc["Country C00", "Note"]
    assert table.loc["Country C01", "Note"] == ""
    assert not decoupling.decoupling_exercise(lesson).available
    chart_title = _flat(_title(decoupling.decoupling_chart(lesson)))
    assert "no change in its CO2 emissions is stated" in chart_title
    assert "likely breaks in 2008" in _flat(_title(emissions.emissions_chart(lesson)))
    # the notebook's method cell prints the level and the reason, not the change
    namespace, printed = _run_method(lesson, capsys)
    assert "change" not in namespace and "no change is stated" in printed


def test_a_steady_series_keeps_its_change_and_is_not_marked(quiet):
    lesson = _synthetic_lesson(_synthetic(shift_from=None))
    fig = emissions.intensity_chart(lesson)
    assert "fell from" in _flat(_title(fig))
    assert not [s for s in fig.layout.shapes if s.line.dash == "dot"]
    assert emissions.intensity_change_exercise(lesson).available
    assert "relative decoupling" in decoupling.status_sentence(lesson)


def test_leading_zeros_do_not_turn_every_year_into_a_break():
    """OWID cement series start with decades of zeros: judged on the positive values, a
    steady series carries no flag (the shared rule alone would flag every year)."""
    lesson = _synthetic_lesson(_synthetic(shift_from=None, zeros_until=2003))
    from policylab.evidence.breaks import withheld

    assert not series_flags(lesson.ds, "cement_co2_mt", "C00").flagged
    assert withheld(lesson.ds, "cement_co2_mt", lesson.country, 2004, 2015) == ""


def test_high_and_low_come_from_the_world_not_the_peers():
    """C06 emits more per unit of GDP than all three of its peers (C00-C02) but sits in
    the middle of the world: it is not called high, and its percentile is stated."""
    ds = _synthetic(shift_from=None)
    lesson = _synthetic_lesson(ds, "C06", ("C00", "C01", "C02"))
    own = ds.latest("co2_per_gdp", "C06").value
    assert all(ds.latest("co2_per_gdp", p).value < own for p in ("C00", "C01", "C02"))
    sentence = emissions.world_standing_sentence(lesson, "co2_per_gdp")
    assert "54th percentile of 12 countries of the world" in sentence
    assert " high " not in sentence and "neither in the top nor in the bottom" in sentence
    top = emissions.world_standing_sentence(_synthetic_lesson(ds, "C11", ("C00",)),
                                            "co2_per_gdp")
    assert "is high in the world: in the top quarter of 12 countries" in top
    assert "96th percentile" in top
    # the cases block explains a flag by the world's quarter, with the figure and percentile
    block = policy_cases_markdown(_synthetic_lesson(ds, "C11", ("C00",)),
                                  ["high_emission_intensity"])
    value = fmt_quantity(ds.latest("co2_per_gdp", "C11").value, "kg CO2 per 2021 PPP $")
    assert (f"- **High CO2 emissions per unit of output.** Country C11's figure for CO2 "
            f"intensity of GDP ({value} in 2015) is at the 96th percentile of 12 countries with "
            f"data") in block
    assert "not by comparison with the peers" in block


def test_a_thin_peer_median_is_not_used(quiet):
    lesson = _synthetic_lesson(_synthetic(shift_from=None), peers=("C01", "C02"))
    text = emissions.intensity_message(lesson).text
    assert "median" in text and "Only 2 peers report this figure" in text
    assert "peer_median" not in emissions.intensity_message(lesson).values


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["DEU", "CHN", "ETH", "KEN"])
def test_key_messages_hold_no_exercise_answer(real_dataset, iso3, quiet):
    """The answers (intensity change, decoupling status, the flat-emissions rate) sit in
    the facilitator's notes only, never in the participant's key messages."""
    from policylab.learning.exercises import declared_answer

    lesson = _lesson(real_dataset, iso3, [])
    scenario = what_if.what_if(lesson)
    exercises = [emissions.intensity_change_exercise(lesson),
                 decoupling.decoupling_exercise(lesson),
                 what_if.flat_emissions_exercise(lesson, scenario)]
    answers = [declared_answer(e) for e in exercises if e.available]
    assert len(answers) == 3
    page = " ".join([m.text for m in greening.messages(lesson, scenario)]
                    + [_title(f(lesson)) for f in CHARTS if f(lesson) is not None]
                    + [_title(what_if.what_if_chart(lesson, scenario))])
    assert not [a for a in answers if a in page]
    notes = greening.facilitator_notes(lesson, scenario)
    assert answers[1] in notes and answers[2] in notes


def test_notebook_states_duration_glossary_method_box_and_hides_answers():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    text = ["".join(c["source"]) for c in cells]
    assert "about 90 minutes" in text[0]
    assert any(t.startswith("## Words used in this lesson") and "PPP" in t for t in text)
    assert sum("METHOD_TEXT" in t for t in text if not t.startswith("from")) == 1
    facilitator = [t for c, t in zip(cells, text, strict=True)
                   if "facilitator" in c.get("metadata", {}).get("tags", [])]
    assert any("facilitator_notes" in t for t in facilitator)
    assert not [t for c, t in zip(cells, text, strict=True)
                if c["cell_type"] == "markdown" and "improvement_per_year" in t]


@pytest.mark.parametrize("name", ["00_industrial_profile", "01_greening", "02_digitalization",
                                  "03_value_chains"])
def test_participant_text_names_no_code_and_flags_by_the_world_rule(name):
    from policylab.batch.pages import PARTICIPANT_DROP_TAGS

    path = Path(__file__).resolve().parents[1] / "notebooks" / f"{name}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    shown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
                      and not set(c["metadata"].get("tags", ())) & set(PARTICIPANT_DROP_TAGS))
    for code_name in ("results_path", "FLAG_RULES", "improvement_per_year"):
        assert code_name not in shown
    # flags come from the world distribution (results.FLAG_RULES), never from the peers
    assert "flagged against the peers" not in shown and "far below\npeers" not in shown
