"""The industrial profile lesson on the real data: its numbers equal values recomputed from
the pack, data-poor countries get skip notes rather than errors, and every country runs."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from policylab.charts import figure_title
from policylab.lessons import context
from policylab.lessons import profile as lesson_profile
from policylab.metrics import cip
from policylab.metrics.growth import cagr
from policylab.narrative import fmt_number
from policylab.peers import PeerSelection, fallback_peers
from policylab.text import format_value

pytestmark = pytest.mark.realdata


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    """Record what the lesson would display instead of printing it."""
    shown: list = []
    monkeypatch.setattr(context, "display", lambda *a, **k: shown.append(a[0]))
    monkeypatch.setattr(context, "show", lambda fig: shown.append(fig))
    monkeypatch.setattr(lesson_profile, "display", lambda *a, **k: shown.append(a[0]))
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    return shown


def _lesson(ds, country, peers=(), start=2000, end=0):
    return lesson_profile.begin(country, list(peers), start, end, ds=ds)


@pytest.mark.parametrize("country", ["KEN", "DEU"])
def test_trend_title_and_message_use_the_packs_first_and_last_values(real_dataset, country):
    lesson = _lesson(real_dataset, country)
    rows = real_dataset.series("mva_share_gdp", country, lesson.years).dropna()
    first, last = rows.iloc[0], rows.iloc[-1]
    fig = lesson_profile.trend_chart(lesson, "mva_share_gdp")
    title = figure_title(fig)
    assert real_dataset.name(country) in title
    assert format_value(first["value"], "%") in title
    assert format_value(last["value"], "%") in title
    assert f"{int(first['year'])}\u2013{int(last['year'])}" in title
    message = lesson_profile.trend_message(lesson, "mva_share_gdp")
    assert message.values["start_value"] == pytest.approx(first["value"])
    assert message.values["end_year"] == int(last["year"])
    medians = real_dataset.group_median("mva_share_gdp", "region")
    expected = medians[(medians["group"] == lesson.region)
                       & (medians["year"] == int(last["year"]))]["value"].iloc[0]
    assert message.values["comparison_value"] == pytest.approx(expected)


def test_cip_rank_matches_the_metrics_module_and_the_pack(real_dataset):
    lesson = _lesson(real_dataset, "KEN")
    result = lesson_profile.cip_result(lesson)
    ranges = cip.cip_sensitivity(lesson_profile.cip_inputs(real_dataset), result.year)
    mine = ranges.set_index("iso3").loc["KEN"]
    assert (result.rank, result.rank_low, result.rank_high) == (
        mine["rank"], mine["rank_low"], mine["rank_high"])
    assert result.rank_low <= result.rank <= result.rank_high
    packed = real_dataset.series("cip_rank", "KEN", [result.year]).dropna()
    if not packed.empty:  # the pack carries cip_rank once the build computes it
        assert packed["value"].iloc[0] == result.rank
    message = lesson_profile.cip_message(lesson)
    assert f"ranked {result.rank} of {result.n_ranked}" in message.text
    assert "CIP" in figure_title(lesson_profile.cip_chart(lesson))


def test_cip_method_note_states_the_epsilon_from_the_code():
    assert f"ε = {cip.EPSILON}" in lesson_profile.cip_method_note()


def test_deindustrialization_message_matches_a_refit(real_dataset):
    lesson = _lesson(real_dataset, "KEN")
    message = lesson_profile.deindustrialization_message(lesson)
    year = lesson_profile.pattern_year(lesson)
    gdp = real_dataset.series("gdp_const_usd", None, [year]).set_index("iso3")["value"]
    pop = real_dataset.series("population", None, [year]).set_index("iso3")["value"]
    income = (gdp / pop)["KEN"]
    assert message.values["income"] == pytest.approx(income)
    cross = lesson_profile.world_pattern_cross_section(real_dataset, year)
    coefficients = np.polyfit(np.log10(cross["income"]), cross["mva_share"], 2)
    assert message.values["expected"] == pytest.approx(
        np.polyval(coefficients, math.log10(income)))


def test_cagr_exercise_answer_is_recomputed_from_the_pack(real_dataset):
    lesson = _lesson(real_dataset, "BRA")
    exercise = lesson_profile.cagr_exercise(lesson)
    series = real_dataset.series("mva_per_capita", "BRA", lesson.years).set_index("year")
    expected = cagr(series["value"]).rate * 100
    assert exercise.answer == pytest.approx(expected, abs=0.01)
    assert exercise.check(f"{expected:.2f}").correct
    assert not exercise.check(f"{expected + 5:.2f}").correct


def test_shift_share_terms_add_up_and_the_note_says_labour_force(real_dataset):
    lesson = _lesson(real_dataset, "VNM")
    table = lesson_profile.shift_share_table(lesson)
    result = lesson_profile.shift_share_for(lesson, "VNM")
    assert table.loc["All sectors", "Total"] == pytest.approx(result.total, abs=1e-6)
    assert result.within + result.static + result.dynamic == pytest.approx(result.total)
    assert "labour force" in lesson_profile.employment_note()
    assert "manufacturing employment is not available" in lesson_profile.employment_note()


def test_data_poor_countries_get_fallback_peers_and_skip_notes(real_dataset, quiet):
    lesson = _lesson(real_dataset, "SSD")  # structural peers are impossible here
    assert lesson.peers.method == "group" and lesson.peers.peers
    assert "could not be computed" in lesson.peers.explanation
    somalia = _lesson(real_dataset, "SOM")
    assert lesson_profile.cip_chart(somalia) is None
    assert lesson_profile.cip_message(somalia) is None
    assert "Competitive Industrial Performance" in somalia.skipped
    notes = [str(getattr(item, "data", item)) for item in quiet]
    assert any("Somalia" in note and "six CIP components" in note for note in notes)


def test_explore_view_names_the_chosen_country_and_its_values(real_dataset, quiet):
    state = {"country": "DEU", "peers": [], "years": (2005, 2020),
             "indicator": "mva_share_gdp"}
    lesson_profile.explore_view(real_dataset, state)
    figures = [item for item in quiet if hasattr(item, "layout")]
    texts = [str(getattr(item, "data", "")) for item in quiet if hasattr(item, "data")]
    title = figure_title(figures[0])
    last = real_dataset.series("mva_share_gdp", "DEU", (2005, 2020)).dropna().iloc[-1]
    assert "Germany" in title and f"{last['value']:.1f}%" in title
    assert any("Germany" in text and "Key message" in text for text in texts)
    quiet.clear()
    lesson_profile.explore_view(real_dataset, {**state, "country": "KEN"})
    figures = [item for item in quiet if hasattr(item, "layout")]
    assert "Kenya" in figure_title(figures[0])


def test_explorer_settings_offer_every_country_and_start_on_an_uncharted_view(real_dataset):
    lesson = _lesson(real_dataset, "KEN")
    settings = lesson_profile.explorer_settings(lesson)
    assert settings["countries"]["Kenya"] == "KEN"
    assert len(settings["countries"]) == len(real_dataset.countries())
    assert {"mva_share_gdp", "mva_per_capita", "manuf_share_merch_exports", "mht_share_mva",
            "industry_share_gdp"} <= set(settings["indicators"].values())
    assert settings["peers"] == []  # automatic peers follow the country picked
    # the printed explorer must not repeat a chart of the sections below
    cells = json.loads((Path(__file__).parents[1] / "notebooks"
                        / "00_industrial_profile.ipynb").read_text())["cells"]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert 'trend_chart(lesson, "mva_share_gdp")' in code
    assert settings["indicator"] == lesson_profile.EXPLORER_START
    assert f'"{settings["indicator"]}"' not in code


def test_headline_and_flags_follow_the_results_rules(real_dataset):
    lesson = _lesson(real_dataset, "KEN")
    assert set(lesson_profile.FLAG_INDICATORS) <= set(lesson_profile.HEADLINE)
    assert lesson_profile.headline_ids(lesson)[:4] == list(lesson_profile.HEADLINE)


SECTIONS = (
    # one trend chart on a widely and one on a thinly reported series: the same function
    # draws the other four
    *(lambda lesson, i=i: lesson_profile.trend_chart(lesson, i)
      for i in ("mva_share_gdp", "mht_share_mva")),
    lesson_profile.cip_chart,
    lesson_profile.structure_chart,
    lesson_profile.shift_share_chart,
    lesson_profile.deindustrialization_chart,
)


def sample_countries(ds, per_cell: int = 2) -> list[str]:
    """A stratified sample: up to ``per_cell`` countries of every region x income group,
    plus countries known to be data-poor. The batch run of the notebooks covers every
    country; this keeps the test near 20 s while reaching every kind of data gap."""
    countries = ds.countries()
    chosen = countries.groupby(["region", "income_group"], sort=True).head(per_cell)
    data_poor = [c for c in DATA_POOR if c in countries.index]
    return list(dict.fromkeys([*chosen.index, *data_poor]))


#: Countries with gaps of every kind: no structural peers, no CIP, tiny islands, no trade.
DATA_POOR = ("SSD", "SOM", "TUV", "PRK", "NRU", "ERI", "AFG", "SYR", "YEM", "VEN", "LIE",
             "MCO", "SMR", "CUB", "TKM", "PLW")


def test_every_country_runs_every_section(real_dataset, quiet):
    """A stratified sample of countries (with the data-poor ones) through the section
    functions, with one regional peer; a section may be skipped for lack of data but must
    never raise, and no text may show a missing value."""
    started = time.perf_counter()
    skipped, figures = 0, 0
    countries = sample_countries(real_dataset)
    # the plotly builders (tested in test_charts.py) are stand-ins here: building real
    # figures takes most of the time and adds nothing to what this test checks
    builders = {name: mock.MagicMock() for name in CHART_BUILDERS}
    with mock.patch.multiple(lesson_profile, **builders):
        figures, skipped = _run_sections(real_dataset, countries, quiet)
    print(f"\n{len(countries)} countries, {figures} figures, {skipped} sections skipped "
          f"in {time.perf_counter() - started:.1f} s")
    assert figures + skipped == len(countries) * len(SECTIONS)
    assert skipped > 0  # the data-poor countries do reach the skip notes


CHART_BUILDERS = ("line_compare", "range_plot", "scatter_compare", "stacked_area",
                  "new_figure", "go")


def _run_sections(real_dataset, countries, quiet) -> tuple[int, int]:
    skipped, figures = 0, 0
    for code in countries:
        peers = fallback_peers(real_dataset, code, "test", k=1)
        lesson = context.Lesson(real_dataset, lesson_profile.NOTEBOOK, code,
                                PeerSelection(code, peers.peers, "group", "", peers.table),
                                2000, 2024)
        for section in SECTIONS:
            figures += section(lesson) is not None
        texts = [m.text for m in (lesson_profile.cip_message(lesson),
                                  lesson_profile.deindustrialization_message(lesson))
                 if m is not None]
        texts += [e.question for e in (lesson_profile.cagr_exercise(lesson),
                                       lesson_profile.pattern_exercise(lesson))]
        texts += [str(getattr(item, "data", "")) for item in quiet]
        quiet.clear()
        assert not any(bad in text for text in texts for bad in ("nan", "None", "<NA>"))
        skipped += len(lesson.skipped)
    return figures, skipped


def test_tables_show_dashes_not_missing_markers(real_dataset, quiet):
    """Unranked peers, missing years and the undated classification file print as words or
    dashes: never "<NA>", "nan" or "None"."""
    from policylab.display import table_bundle

    lesson = _lesson(real_dataset, "NAM", ["XKX", "BTN", "MRT"])
    cip_rows = lesson_profile.cip_table(lesson)
    assert cip_rows["rank"].isna().any()  # Kosovo is never ranked
    tables = [cip_rows, lesson_profile.standing_table(_lesson(real_dataset, "TUV")),
              lesson_profile.sources_table(lesson)]
    for table in tables:
        text = table_bundle(table, "t", "s")["text/plain"]
        assert not any(bad in text for bad in ("<NA>", "nan", "None"))
    assert "not ranked" in table_bundle(cip_rows, "t", "s")["text/plain"]


def test_pattern_exercise_applies_the_method_rule(real_dataset):
    for code in ("KEN", "DEU"):
        lesson = _lesson(real_dataset, code)
        exercise = lesson_profile.pattern_exercise(lesson)
        message = lesson_profile.deindustrialization_message(lesson)
        peak = lesson_profile.world_pattern(
            real_dataset, lesson_profile.pattern_year(lesson)).peak_income
        assert exercise.answer == lesson_profile.pattern_verdict(
            message.values["change"], message.values["income"], peak)
        assert fmt_number(peak, "") in exercise.question
    assert lesson_profile.pattern_verdict(-3.0, 1000.0, 4000.0).startswith("Yes")
    assert lesson_profile.pattern_verdict(-3.0, 9000.0, 4000.0).startswith("No: the share fell")
    assert lesson_profile.pattern_verdict(-0.5, 1000.0, 4000.0).startswith("No: the share did")


def test_group_medians_leave_out_thinly_reported_years(real_dataset):
    kept = lesson_profile.group_medians(real_dataset, "manuf_exports_per_capita", "region")
    every = real_dataset.group_median("manuf_exports_per_capita", "region")
    assert len(kept) < len(every)
    assert set(map(tuple, kept[["group", "year"]].to_numpy())) <= set(
        map(tuple, every[["group", "year"]].to_numpy()))
