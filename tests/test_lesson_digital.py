"""The digitalization lesson's sections on the real data: the numbers they state are the
pack's, the composite follows its stated method, and data-poor countries get skip notes
rather than errors (every non-aggregate country is run through every section)."""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import pandas as pd
import pytest

from policylab.charts import figure_title
from policylab.display import table_bundle
from policylab.errors import PolicylabError
from policylab.learning.widgets import initial_state
from policylab.lessons import digital
from policylab.lessons.context import Lesson, start_lesson
from policylab.narrative.format import ordinal
from policylab.peers import group_peers, latest_values
from policylab.results import FLAG_RULES, headline_for

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def kenya(real_dataset) -> Lesson:
    return start_lesson(digital.NOTEBOOK, "KEN", ds=real_dataset)


@pytest.fixture(scope="module")
def germany(real_dataset) -> Lesson:
    return start_lesson(digital.NOTEBOOK, "DEU", ds=real_dataset)


def test_flag_indicators_are_the_lessons_indicators_with_a_rule():
    ruled = {rule.indicator for rule in FLAG_RULES}
    assert set(digital.FLAG_INDICATORS) == ruled & set(digital.INDICATORS)
    assert {"internet_users_share", "fixed_broadband_per100", "rd_share_gdp"} <= \
        set(digital.FLAG_INDICATORS)


@pytest.mark.parametrize("country", ["KEN", "DEU", "NAM", "VNM"])
def test_cached_headlines_equal_the_results_file_rule(real_dataset, country):
    lesson = start_lesson(digital.NOTEBOOK, country, ds=real_dataset)
    for indicator in digital.INDICATORS:
        mine = digital.headline(lesson, indicator)
        reference = headline_for(real_dataset, indicator, country, lesson.peer_codes,
                                 year=lesson.end_year)
        assert mine.year == reference.year, indicator
        for key in ("value", "peer_median", "gap"):
            a, b = getattr(mine, key), getattr(reference, key)
            assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b), (indicator, key)


def test_latest_within_matches_peers_latest_values(real_dataset):
    codes = ["KEN", "TZA", "DEU", "BRA"]
    for indicator in ("rd_share_gdp", "internet_users_share"):
        mine = digital.latest_within(real_dataset, indicator, codes, 2022).sort_index()
        reference = latest_values(real_dataset, indicator, codes, 2022).sort_index()
        assert list(mine.index) == list(reference.index)
        assert np.allclose(mine["value"], reference["value"])


def test_gap_table_values_come_from_the_pack(kenya, real_dataset):
    table = digital.gap_table(kenya)
    own = real_dataset.latest("internet_users_share", "KEN", max_year=kenya.end_year)
    row = table.loc["internet_users_share"]
    assert row["Kenya"] == pytest.approx(own.value)
    assert row["Year"] == own.year
    assert row["Gap"] == pytest.approx(row["Kenya"] - row["Peer median"])
    expected = 100 * row["Gap"] / abs(row["Peer median"])
    assert row["Gap (% of median, + = ahead)"] == pytest.approx(expected)
    assert row["Verdict"] == ("ahead of peers" if row["Gap"] > 0 else "behind peers")


def test_gap_is_flipped_where_lower_is_better(kenya):
    indicator = next(i for i, ind in kenya.ds.catalogue.items() if ind.higher_is_better is False)
    figure = digital.Headline(3.0, 2020, 2.0, 1.0)
    assert digital.oriented_gap(kenya, indicator, figure) == pytest.approx(-50.0)
    assert digital.oriented_gap(kenya, "internet_users_share", figure) == pytest.approx(50.0)


def test_saturated_mobile_counts_as_level(germany):
    figure = digital.Headline(129.0, 2024, 138.0, -9.0)
    assert digital.oriented_gap(germany, "mobile_per100", figure) == 0.0
    assert digital.oriented_gap(germany, "fixed_broadband_per100", figure) < 0


def test_composite_recomputed_by_hand_for_germany(germany, real_dataset):
    scores = digital.composite_for(germany)
    assert sum(c.weight for c in digital.COMPONENTS) == pytest.approx(1.0)
    by_hand = 0.0
    for component in digital.COMPONENTS:
        values = latest_values(real_dataset, component.indicator,
                               list(real_dataset.countries().index), germany.end_year)["value"]
        if component.transform == "log":
            values = np.log10(1 + values)
        elif component.transform == "cap":
            values = values.clip(upper=component.cap)
        low, high = values.min(), values.max()
        by_hand += component.weight * (values["DEU"] - low) / (high - low)
    assert scores.at["DEU", "score"] == pytest.approx(100 * by_hand)


def test_composite_never_imputes_and_ranks_complete_countries_only(germany):
    scores = digital.composite_for(germany)
    complete = scores[scores["score"].notna()]
    assert (complete["missing"] == "").all()
    assert complete["score"].between(0, 100).all()
    assert sorted(complete["rank"].astype(int)) == sorted(
        complete["score"].rank(ascending=False, method="min").astype(int))
    incomplete = scores[scores["missing"] != ""]
    assert incomplete["score"].isna().all() and incomplete["rank"].isna().all()
    partial = incomplete[incomplete["partial_score"].notna()]
    assert (partial["weight_used"] >= digital.PARTIAL_MIN_WEIGHT - 1e-9).all()


def test_composite_message_states_rank_and_count(germany):
    message = digital.composite_message(germany)
    scores = digital.composite_for(germany)
    assert message.values["rank"] == int(scores.at["DEU", "rank"])
    assert message.values["count"] == int(scores["score"].notna().sum())
    assert f"of {message.values['count']} countries with complete data" in message.text


def test_coverage_table_shows_the_latest_year_per_country(kenya, real_dataset):
    table = digital.coverage_table(kenya)
    assert list(table.index) == [kenya.names[c] for c in kenya.codes]
    for code, name in kenya.names.items():
        own = real_dataset.latest("rd_share_gdp", code)
        cell = table.at[name, "Research and development expenditure"]
        assert pd.isna(cell) if own.year is None else cell == own.year


def test_internet_gap_exercise_answer_is_the_headline_gap(kenya):
    exercise = digital.exercise_internet_gap(kenya)
    figure = digital.headline(kenya, "internet_users_share")
    assert exercise.answer == pytest.approx(abs(figure.gap))
    assert ("behind" in exercise.question) == (figure.gap < 0)
    assert exercise.check(round(abs(figure.gap), 1)).correct
    assert not exercise.check(abs(figure.gap) + 5).correct


def test_normalise_exercise_matches_min_max(kenya, real_dataset):
    exercise = digital.exercise_normalise(kenya)
    values = latest_values(real_dataset, "internet_users_share",
                           list(real_dataset.countries().index), kenya.end_year)["value"]
    expected = 100 * (values["KEN"] - values.min()) / (values.max() - values.min())
    assert exercise.answer == pytest.approx(expected)


def test_key_messages_recompute_from_the_pack(kenya, real_dataset):
    messages = digital.key_messages(kenya)
    assert 3 <= len(messages) <= 6
    change = messages[0]
    rows = real_dataset.series("internet_users_share", "KEN",
                               (kenya.start_year, kenya.end_year)).dropna()
    assert change.values["end_value"] == pytest.approx(rows["value"].iloc[-1])
    assert change.values["start_year"] == rows["year"].iloc[0]
    assert all("nan" not in m.text.lower() for m in messages)


def test_trend_title_states_the_first_and_last_values(kenya):
    fig = digital.trend_chart(kenya, "internet_users_share")
    rows = kenya.ds.series("internet_users_share", "KEN", kenya.years).dropna()
    title = figure_title(fig).replace("<br>", " ")
    assert f"{rows['year'].iloc[0]}–{rows['year'].iloc[-1]}" in title
    assert f"{rows['value'].iloc[-1]:.1f}%" in title


def test_country_without_rd_data_gets_a_skip_note(real_dataset):
    years = digital.latest_years(real_dataset)
    lacking = [c for c in years.index[years["rd_share_gdp"].isna()]
               if years.loc[c].notna().sum() >= 4]
    assert lacking, "expected some countries with no R&D figure"
    lesson = None
    for code in lacking:
        try:
            lesson = start_lesson(digital.NOTEBOOK, code, ds=real_dataset)
            break
        except PolicylabError:
            continue
    assert lesson is not None
    assert digital.trend_chart(lesson, "rd_share_gdp") is None
    assert lesson.skipped == ["Research and development expenditure"]
    notes = digital.old_data_notes(lesson)
    assert any(n.indicator == "rd_share_gdp" and n.text.startswith("No data") for n in notes)
    assert digital.composite_message(lesson).values["rank"] is None


def stratified_sample(ds, indicators, size: int = 60, poorest: int = 12) -> list[str]:
    """About ``size`` non-aggregate countries spread evenly over how many observations of
    ``indicators`` they have, always including the ``poorest`` data-poor ones: the batch
    runs every country; this keeps the all-sections test under half a minute."""
    countries = list(ds.countries().index)
    counts = (ds.obs[ds.obs["indicator"].isin(list(indicators))].groupby("iso3").size()
              .reindex(countries, fill_value=0).sort_values(kind="stable"))
    rest = list(counts.index[poorest:])
    step = len(rest) / (size - poorest)
    return list(counts.index[:poorest]) + [rest[int(i * step)] for i in range(size - poorest)]


def test_explorer_settings_are_accepted_by_the_widget(kenya):
    settings = digital.explorer_settings(kenya)
    state = initial_state(settings["countries"], settings["country"], settings["peers"],
                          settings["years"], settings["indicators"], settings["indicator"])
    assert state["indicator"] == digital.EXPLORER_START
    assert set(digital.EXPLORER_INDICATORS.values()) <= set(kenya.ds.catalogue)
    # the static rendering is a view no later chart draws: its indicator is never a trend
    assert digital.EXPLORER_START not in {"internet_users_share", "fixed_broadband_per100",
                                          "mobile_per100", "rd_share_gdp"}


def test_region_position_ranks_against_the_regions_latest_figures(kenya, real_dataset):
    panel = digital._wide(real_dataset, "internet_users_share").loc[kenya.start_year:
                                                                    kenya.end_year]
    year = int(panel["KEN"].dropna().index[-1])
    position = digital.region_position(kenya, panel, year)
    region = digital.region_members(kenya)
    latest = latest_values(real_dataset, "internet_users_share", region, year)["value"]
    assert position.value == pytest.approx(latest["KEN"])
    assert position.count == len(latest)
    assert position.rank == int((latest > latest["KEN"]).sum()) + 1
    assert position.median == pytest.approx(latest.median())
    message = digital.region_band_message(kenya, panel, "internet users", "% of population")
    assert f"{ordinal(position.rank)} of {position.count}" in message.text
    fig = digital.region_band_chart(kenya, panel, label="Internet users",
                                    unit="% of population", source="s")
    assert f"ranked {ordinal(position.rank)} of {position.count}" in figure_title(fig)


def test_explorer_renders_once_in_static_mode_and_skips_without_data(real_dataset,
                                                                     monkeypatch):
    shown = []
    monkeypatch.setattr(digital, "display", lambda obj, **k: shown.append(obj.data))
    monkeypatch.setattr("policylab.lessons.context.display",
                        lambda obj, **k: shown.append(obj.data))
    monkeypatch.setattr("policylab.lessons.context.show", lambda fig: shown.append(fig))
    digital.explore_view(real_dataset, {"country": "KEN", "peers": ["UGA"],
                                        "years": (2005, 2020), "indicator": "rd_share_gdp"})
    last = real_dataset.series("rd_share_gdp", "KEN", (2005, 2020)).dropna()["year"].max()
    assert shown[-1].startswith("**Key message.** On research and development expenditure, "
                                "Kenya ranked") and f"in {last} (" in shown[-1]
    assert "nan" not in shown[-1].lower()
    shown.clear()
    digital.explore_view(real_dataset, {"country": "TUV", "peers": [], "years": (2000, 2020),
                                        "indicator": "rd_share_gdp"})
    assert len(shown) == 1 and "not shown for Tuvalu" in shown[0]


def test_tables_show_no_missing_markers(kenya, real_dataset):
    tuvalu = start_lesson(digital.NOTEBOOK, "TUV", ds=real_dataset)
    for lesson in (kenya, tuvalu):
        composite = table_bundle(digital.composite_table(lesson), "c", "s")["text/plain"]
        gaps = table_bundle(digital.gap_table(lesson), "g", "s",
                            digital.gap_formats(lesson))["text/plain"]
        for text in (composite, gaps):
            assert not any(bad in text for bad in ("nan", "None", "<NA>"))
    rank = digital.composite_table(kenya).iloc[0, 1]
    assert str(rank) == str(int(digital.composite_for(kenya).at["KEN", "rank"]))


class _StubFigure:
    """Stands in for a plotly figure: every method call is accepted and returns it."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: self


def _stub_figure(*args, **kwargs) -> _StubFigure:
    return _StubFigure()


def test_every_country_runs_every_section(real_dataset, monkeypatch, capsys):
    """Every section for a stratified sample of countries (data-poor ones included; the
    batch runs all of them), with the plotly builders stubbed
    (their cost is the charts module's; the data logic and titles are exercised here) and
    five regional peers instead of the structural choice (the peers module's job)."""
    for builder in ("line_compare", "bar_compare", "scatter_compare", "heatmap", "new_figure"):
        monkeypatch.setattr(digital, builder, _stub_figure)
    monkeypatch.setattr("policylab.lessons.context.display", lambda *a, **k: None)
    started = time.perf_counter()
    last = int(real_dataset.obs["year"].max())
    skipped, failures = 0, []
    countries = stratified_sample(real_dataset, digital.INDICATORS)
    for code in countries:
        selection = group_peers(real_dataset, code, "region")
        selection = dataclasses.replace(selection, peers=selection.peers[:5])
        lesson = Lesson(real_dataset, digital.NOTEBOOK, code, selection, 2000, last)
        try:
            for indicator in ("internet_users_share", "fixed_broadband_per100",
                              "mobile_per100", "rd_share_gdp"):
                digital.trend_chart(lesson, indicator)
            for indicator in ("secure_servers_per_million", "hightech_share_manuf_exports",
                              "ict_goods_share_exports", "researchers_per_million"):
                digital.latest_bars(lesson, indicator)
            digital.income_scatter(lesson)
            digital.coverage_chart(lesson)
            digital.coverage_table(lesson)
            digital.old_data_notes(lesson)
            digital.gap_table(lesson)
            digital.gap_chart(lesson)
            digital.composite_table(lesson)
            digital.composite_chart(lesson)
            digital.key_messages(lesson)
            digital.exercise_internet_gap(lesson)
            digital.exercise_normalise(lesson)
            digital.sources_table(lesson)
            panel = digital._wide(real_dataset, "internet_users_share")
            digital.region_band_chart(lesson, panel, label="Internet users", unit="%",
                                      source="s")
            digital.region_band_message(lesson, panel, "internet users", "%")
        except Exception as error:  # noqa: BLE001 - collect them all, report once
            failures.append(f"{code}: {type(error).__name__}: {error}")
        skipped += len(lesson.skipped)
    with capsys.disabled():
        print(f"\n02_digitalization sections: {len(countries)} countries, {skipped} sections "
              f"skipped for lack of data, {time.perf_counter() - started:.1f} s")
    assert not failures, "\n".join(failures)
