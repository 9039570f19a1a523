"""The digitalization lesson, section by section.

First layer: the tiny pack (``tiny_dataset``: NAM, KEN, BRA and DEU carry filler values,
2000-2002) and a small synthetic Dataset, each section asserting a computed value; the
notebook's visible method cell is run and checked against the chart title it explains.
Second layer (marker ``realdata``): what only the real data show."""

from __future__ import annotations

import dataclasses
import json
import math
import time

import numpy as np
import pandas as pd
import pytest
from conftest import synthetic_countries

from policylab.charts import figure_title
from policylab.display import table_bundle
from policylab.errors import PolicylabError
from policylab.evidence import peer_median
from policylab.evidence.breaks import change_is_sound, series_flags, why_not
from policylab.lessons import digital
from policylab.lessons.common import (
    explorer_settings,
    finish,
    policy_cases_markdown,
    region,
    sources_table,
    start,
)
from policylab.lessons.common.trend import group_series
from policylab.lessons.context import Lesson
from policylab.lessons.digital import (
    base,
    coverage,
    exercises,
    explore,
    gaps,
    income,
    index,
    trends,
)
from policylab.metrics.digital import COMPONENTS, composite_scores, latest_years, transformed
from policylab.metrics.digital_pattern import pattern_verdict
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.format import ordinal
from policylab.narrative.phrases import short_figure
from policylab.pack.dataset import Dataset
from policylab.paths import project_root
from policylab.peers import group_peers
from policylab.results import FLAG_RULES, headline_for
from policylab.text import format_value, in_sentence

PEERS = ["NAM", "BRA", "DEU"]


@pytest.fixture()
def kenya(tiny_dataset) -> Lesson:
    return start(digital.SPEC, "KEN", PEERS, 2000, 0, ds=tiny_dataset)


def _title(fig) -> str:
    return figure_title(fig).replace("<br>", " ")


def _trend_lines(fig) -> list[str]:
    return [trace.name for trace in fig.data if trace.type == "scatter" and trace.name]


def _latest(ds, indicator, code):
    return ds.latest(indicator, code)


# --------------------------------------------------------------------- spec
def test_spec_declares_the_lesson():
    spec = digital.SPEC
    assert spec.notebook == "02_digitalization" and spec.megatrend == "digital"
    assert set(spec.sources) == {*digital.INDICATORS, "gdp_per_capita_ppp"}
    ruled = {rule.indicator for rule in FLAG_RULES}
    assert set(spec.flags) == ruled & set(digital.INDICATORS)
    assert spec.explorer_start == "secure_servers_per_million"


# --------------------------------------------------------------------- sections 1-3
def test_headline_and_latest_bars_on_tiny(kenya, tiny_dataset):
    figure = headline_for(tiny_dataset, "internet_users_share", "KEN", PEERS, year=2002)
    own = _latest(tiny_dataset, "internet_users_share", "KEN")
    peers = [_latest(tiny_dataset, "internet_users_share", c).value for c in PEERS]
    assert figure.year == 2002 and figure.value == pytest.approx(own.value)
    assert figure.peer_median == pytest.approx(float(np.median(peers)))
    bars = digital.latest_bars(kenya, "internet_users_share")
    title = _title(bars)
    unit = "% of the population"
    assert bars.layout.xaxis.title.text == f"Internet users ({unit})"  # the axis names its unit
    assert title.startswith(f"Kenya's internet users stood at {fmt_quantity(own.value, unit)}")
    median = fmt_number(figure.peer_median, unit)
    assert f"below the peer median of {median}" in title


def test_trend_chart_title_and_income_median_rule(kenya, tiny_dataset):
    rows = tiny_dataset.series("rd_share_gdp", "KEN", (2000, 2002)).dropna()
    title = _title(digital.trend_chart(kenya, "rd_share_gdp"))
    assert title == (f"Kenya's research and development expenditure rose from "
                     f"{fmt_number(rows['value'].iloc[0], '% of GDP')} to "
                     f"{fmt_quantity(rows['value'].iloc[-1], '% of GDP')}, 2000–2002")
    # Kenya is the only lower-middle-income country with data: no median (>= 3 rule)
    assert group_series(kenya, "rd_share_gdp").empty
    assert _trend_lines(digital.trend_chart(kenya, "rd_share_gdp")) == ["Namibia", "Brazil",
                                                                        "Germany", "Kenya"]


def test_income_scatter_needs_a_world(kenya):
    assert digital.income_scatter(kenya) is None
    assert kenya.skipped == ["Internet users and income"]


# --------------------------------------------------------------------- section 4
def test_coverage_on_tiny(kenya, tiny_dataset):
    table = coverage.coverage_table(kenya)
    assert list(table.index) == ["Kenya", "Namibia", "Brazil", "Germany"]
    assert (table == 2002).all().all()
    # one recency window (the index's): the last WINDOW_YEARS years of the lesson
    assert base.window_text(kenya) == "1997–2002"
    assert _title(digital.coverage_chart(kenya)) == \
        "Kenya has a recent figure (1997–2002) on all 8 digital indicators"
    assert coverage.notes_markdown(kenya).startswith(
        "A figure counts as recent when it is from 1997–2002 (the last 6 years")
    assert coverage.notes_markdown(kenya).endswith(
        "Every digital indicator for Kenya has a recent figure.")
    romania = start(digital.SPEC, "ROU", PEERS, 2000, 0, ds=tiny_dataset)
    assert coverage.stale(romania) == list(digital.INDICATORS)
    assert len(coverage.old_data_notes(romania)) == len(digital.INDICATORS)


def _kenya_old(ds: Dataset, indicator: str) -> Dataset:
    """The tiny pack with every 2002 figure repeated for 2008, except Kenya's ``indicator``,
    kept for 2000 only: in a lesson ending in 2008 (window 2003-2008) it is old."""
    obs = ds.obs.copy()
    old = (obs["iso3"] == "KEN") & (obs["indicator"] == indicator)
    obs = obs[~old | (obs["year"] == 2000)]
    extra = obs[obs["year"] == 2002].copy()
    extra["year"] = 2008
    obs = pd.concat([obs, extra], ignore_index=True)
    return Dataset.from_frames(obs, ds.countries(include_aggregates=True).reset_index(),
                               pd.DataFrame(), pd.DataFrame(), catalogue=ds.catalogue)


def test_gap_exercise_needs_a_recent_figure(tiny_dataset):
    lesson = start(digital.SPEC, "KEN", PEERS, 2000, 2008,
                   ds=_kenya_old(tiny_dataset, "internet_users_share"))
    exercise = digital.exercise_internet_gap(lesson)
    assert not exercise.available
    assert exercise.solution == ("Not available: Kenya has no figure on internet use in the "
                                 "recent window 2003–2008 (the latest is from 2000).")
    # the gaps table shows the old figure with its year and does not compare it
    row = gaps.gap_table(lesson).loc["internet_users_share"]
    assert row["Year"] == 2000 and math.isnan(row["Peer median"]) and math.isnan(row["Gap"])
    assert row["Verdict"] == "no recent figure (2003–2008)"


def test_recent_means_what_the_index_uses(tiny_dataset):
    """A figure older than the window is not recent in the coverage grid, and the index
    says the same (no "all recent" followed by "cannot be ranked")."""
    later = _kenya_old(tiny_dataset, "ict_goods_share_exports")
    lesson = start(digital.SPEC, "KEN", PEERS, 2000, 2008, ds=later)
    assert coverage.stale(lesson) == ["ict_goods_share_exports"]
    grid = digital.coverage_chart(lesson)
    assert "1 of 8 digital indicators" in _title(grid)
    # colour: years behind the newest figure of any country (2008), Kenya's row first
    lag = grid.data[0].z
    assert lag[0][digital.INDICATORS.index("ict_goods_share_exports")] == -8
    assert lag[0][0] == 0 and lag[1][0] == 0
    note = coverage.old_data_notes(lesson)[0].text
    assert "is from 2000" in note and "2003–2008" in note
    message = digital.composite_message(lesson)
    assert message.values["rank"] is None and "2003–2008 on ICT goods" in message.text


# --------------------------------------------------------------------- section 5
def test_gap_table_on_tiny(kenya, tiny_dataset):
    table = gaps.gap_table(kenya)
    row = table.loc["fixed_broadband_per100"]
    own = _latest(tiny_dataset, "fixed_broadband_per100", "KEN").value
    median = float(np.median([_latest(tiny_dataset, "fixed_broadband_per100", c).value
                              for c in PEERS]))
    assert row["Kenya"] == pytest.approx(own) and row["Year"] == 2002
    assert row["Gap"] == pytest.approx(own - median)
    assert row[gaps.RELATIVE] == pytest.approx(100 * (own - median) / median)
    assert (table["Verdict"] == "behind peers").all()
    formats = digital.gap_formats(kenya)
    assert formats["Gap"](-0.4) == "\u22120.40" and formats[gaps.RELATIVE](12.4) == "+12%"
    title = _title(digital.gap_chart(kenya))
    assert title.startswith("Kenya is behind its peers' median on 8 of 8 digital indicators")
    widest = gaps.widest_gap_message(kenya)
    assert widest.indicator == table[gaps.RELATIVE].idxmin()


def test_gap_bars_say_the_gap_and_keep_the_figures_for_the_hover(kenya):
    """The figures beside each gap made texts too long for the plot (Ghana's "−69.6% (48.9
    per million people vs 161.0 per million people)" ran over the axis labels): the bar
    says the gap, its hover the figures behind it."""
    table = gaps.gap_table(kenya)
    (bar,) = digital.gap_chart(kenya).data
    shown = table[gaps.RELATIVE].dropna().sort_values()
    assert list(bar.text) == [fmt_number(v, "%") for v in shown]
    row = table.loc[shown.index[0]]
    assert bar.hovertext[0] == "{gap} ({value} vs {median})".format(
        gap=fmt_number(shown.iloc[0], "%"), value=short_figure(row["Kenya"], row["Unit"]),
        median=short_figure(row["Peer median"], row["Unit"]))
    assert max(len(t) for t in bar.text) <= 8


def test_gap_needs_three_peers(tiny_dataset):
    # Romania and Kosovo have no figures: only Namibia reports of three peers
    lesson = start(digital.SPEC, "KEN", ["NAM", "ROU", "XKX"], 2000, 0, ds=tiny_dataset)
    table = gaps.gap_table(lesson)
    assert table["Peer median"].isna().all()
    assert (table["Verdict"] == "too few peers report (1)").all()
    assert "(1 of 3 peers report: no median)" in _title(
        digital.latest_bars(lesson, "internet_users_share"))
    assert digital.gap_chart(lesson) is None and "Gaps to peers" in lesson.skipped


# --------------------------------------------------------------------- section 6
def test_index_on_tiny(kenya, tiny_dataset):
    scores = composite_scores(kenya.ds, kenya.end_year)
    assert scores is composite_scores(tiny_dataset, 2002)
    by_hand = 0.0
    for c in COMPONENTS:
        raw = transformed(c, pd.Series({code: _latest(tiny_dataset, c.indicator, code).value
                                        for code in ["NAM", "KEN", "BRA", "DEU"]}))
        by_hand += c.weight * (raw["KEN"] - raw.min()) / (raw.max() - raw.min())
    assert scores.at["KEN", "score"] == pytest.approx(100 * by_hand)
    assert scores.at["KEN", "rank"] == 3 and scores["score"].notna().sum() == 4
    message = digital.composite_message(kenya)
    assert message.values["rank"] == 3 and "ranks 3rd of 4 countries" in message.text
    assert f"scores {fmt_number(100 * by_hand)}" in message.text
    table = digital.composite_table(kenya)
    assert list(table["Rank of 4"]) == [3, 4, 2, 1]
    assert _title(digital.composite_chart(kenya)).startswith(
        "Kenya ranks 3rd of 4 countries on the digital-readiness index")
    weights = digital.weights_table(kenya)
    assert weights["Weight (%)"].sum() == pytest.approx(100.0)


def test_unranked_country_says_what_is_missing(tiny_dataset):
    romania = start(digital.SPEC, "ROU", PEERS, 2000, 0, ds=tiny_dataset)
    message = digital.composite_message(romania)
    assert message.values["rank"] is None
    assert message.text.startswith("Romania cannot be ranked on the digital-readiness index: "
                                   "it has no figure for 1997–2002 on internet users, ")
    assert table_bundle(digital.composite_table(romania), "c", "s")["text/plain"].count(
        "nan") == 0


# --------------------------------------------------------------------- section 7
def test_exercises_on_tiny(kenya, tiny_dataset):
    gap = digital.exercise_internet_gap(kenya)
    figure = headline_for(kenya.ds, "internet_users_share", "KEN", PEERS, year=kenya.end_year)
    assert gap.answer == pytest.approx(abs(figure.gap)) and "behind" in gap.question
    values = [_latest(tiny_dataset, "internet_users_share", c).value
              for c in ["NAM", "KEN", "BRA", "DEU"]]
    normalise = digital.exercise_normalise(kenya)
    assert normalise.answer == pytest.approx(
        100 * (values[1] - min(values)) / (max(values) - min(values)))


# --------------------------------------------------------------------- section 8
def test_messages_on_tiny(kenya):
    found = digital.messages(kenya)
    assert [m.indicator for m in found[:3]] == ["internet_users_share",
                                                "fixed_broadband_per100", "digital_readiness"]
    assert found[3].indicator == gaps.widest_gap_message(kenya).indicator
    assert all("nan" not in m.text.lower() for m in found)


# --------------------------------------------------------------------- explorer
def test_explorer_view_on_tiny(kenya, tiny_dataset, monkeypatch):
    shown = []
    monkeypatch.setattr(explore, "note", shown.append)
    monkeypatch.setattr("policylab.lessons.context.show", lambda fig: shown.append(fig))
    explore.view(kenya, "internet_users_share")
    # Kenya's region in the tiny pack: Namibia and Kenya; Kenya's filler is higher
    assert _title(shown[0]).startswith("Kenya ranked 1st of 2 in Sub-Saharan Africa")
    assert shown[1].startswith("**Key message.** On internet users, Kenya ranked 1st of 2")
    assert "regional median" not in shown[1]  # a median of two countries is not stated
    settings = explorer_settings(kenya)
    assert settings["indicator"] == "secure_servers_per_million"


# --------------------------------------------------------------------- sources, results
def test_sources_and_results(kenya, tmp_path):
    table = sources_table(kenya)
    assert "IT.NET.USER.ZS" in table.iloc[0]["Codes"] and len(table) == 1
    kenya.results_path = str(tmp_path / "r.json")
    kenya.say(*digital.messages(kenya))
    results = finish(kenya)
    written = json.loads((tmp_path / "r.json").read_text())
    assert written["notebook"] == "02_digitalization"
    figure = headline_for(kenya.ds, "internet_users_share", "KEN", PEERS, year=kenya.end_year)
    assert results["headline"]["internet_users_share"]["value"] == pytest.approx(figure.value)
    cases = policy_cases_markdown(kenya, [])
    assert cases.startswith("No challenge on digital") and "was flagged for Kenya" in cases


# --------------------------------------------------------------------- synthetic pack
def _synthetic() -> Dataset:
    """Twelve countries in one region; the first six lower middle income. In 2020 only
    two of them report internet use (too few for a median, and under half the group).
    Internet use rises with log income on a straight line, C03 three points above it."""
    countries = synthetic_countries(12)
    codes = list(countries["iso3"])
    rows = []
    for k, code in enumerate(codes):
        for year in range(2015, 2021):
            if year < 2020 or k < 2:
                value = 10.0 * (k + 1) + year - 2015 + (3.0 if k == 3 else 0.0)
                rows.append((code, year, "internet_users_share", value))
        rows.append((code, 2019, "gdp_per_capita_ppp", 1000.0 * 10 ** (k / 4)))
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_income_median_follows_the_evidence_rule():
    ds = _synthetic()
    lesson = start(digital.SPEC, "C00", ["C01", "C02", "C03"], 2015, 2020, ds=ds)
    medians = group_series(lesson, "internet_users_share")
    assert _trend_lines(digital.trend_chart(lesson, "internet_users_share"))[0] == \
        "Lower middle income median"
    # 2020 dropped: 2 of 6 report (old code drew their median of 2)
    assert list(medians.index) == [2015, 2016, 2017, 2018, 2019]
    assert medians[2017] == pytest.approx(np.median([12, 22, 32 + 3, 42, 52, 62]))


def test_income_scatter_on_synthetic():
    ds = _synthetic()
    lesson = start(digital.SPEC, "C03", ["C01", "C02", "C04"], 2015, 2019, ds=ds)
    data = income.cross_section(lesson, "internet_users_share")
    assert len(data) == 12 and data.at["C03", "year"] == 2019
    fit = np.polyfit(np.log10(data["income"]), data["value"], 1)
    predicted = np.polyval(fit, np.log10(data.at["C03", "income"]))
    own = data.at["C03", "value"]
    assert own > predicted  # C03 sits 3 points above the others' straight line
    verdict = pattern_verdict(data, "C03")
    residuals = data["value"] - np.polyval(fit, np.log10(data["income"]))
    typical = 1.4826 * np.median(np.abs(residuals - np.median(residuals)))  # robust scatter
    assert verdict.scatter == pytest.approx(float(typical))
    assert verdict.rise == pytest.approx(fit[0] * np.log10(data["income"].max()
                                                          / data["income"].min()))
    assert verdict.clear  # a steep pattern, C03 further from it than the typical distance
    fig = digital.income_scatter(lesson)
    # every point is named, not only the lesson's (others showed their ISO3 code)
    points = [text for trace in fig.data if trace.mode and "markers" in trace.mode
              for text in trace.text or ()]
    assert sorted(points) == sorted(f"Country {code}" for code in data.index)
    title = _title(fig)
    assert title == (f"On internet users, Country C03 sits above what its income predicts "
                     f"({fmt_number(own, '%')} against {fmt_number(predicted, '%')} predicted; "
                     f"typical distance from the line {fmt_number(verdict.scatter)} "
                     "percentage points)")
    # a country on the line: no verdict (its distance is within the typical scatter)
    on_line = data.copy()
    on_line.at["C05", "value"] = float(np.polyval(fit, np.log10(data.at["C05", "income"])))
    verdict = pattern_verdict(on_line, "C05")
    assert verdict.pattern_clear and not verdict.clear


# --------------------------------------------------------------------- method cell
def _method_cell() -> str:
    nb = json.loads((project_root() / "notebooks" / "02_digitalization.ipynb").read_text())
    cells = [c for c in nb["cells"] if "method" in c["metadata"].get("tags", [])]
    assert len(cells) == 1 and "hide" not in str(cells[0]["metadata"])
    return "".join(cells[0]["source"])


@pytest.mark.parametrize("pack", ["tiny", pytest.param("real", marks=pytest.mark.realdata)])
def test_method_cell_computes_the_figures_of_the_trend_title(pack, request, capsys):
    ds = request.getfixturevalue(f"{pack}_dataset")
    kenya = start(digital.SPEC, "KEN", PEERS, 2000, 0, ds=ds)
    namespace = {"lesson": kenya}
    exec(_method_cell(), namespace)  # noqa: S102 - the notebook's own cell
    first, last = namespace["first"], namespace["last"]
    title = _title(digital.trend_chart(kenya, namespace["indicator"]))
    unit = kenya.ds.indicator(namespace["indicator"]).unit
    printed = capsys.readouterr().out
    assert f"{format_value(last['value'])} in {last['year']}" in printed
    assert "internet_users_share" not in printed  # the label, not the code name
    flags = series_flags(ds, namespace["indicator"], "KEN")
    if change_is_sound(flags, int(first["year"]), int(last["year"])):
        assert (f"from {fmt_number(first['value'], unit)} to "
                f"{fmt_quantity(last['value'], unit)}, {first['year']}–{last['year']}") in title
        assert namespace["change"] == pytest.approx(last["value"] - first["value"])
        assert f"change {format_value(namespace['change'])} percentage points" in printed
    else:  # across a likely break: the level and why, in the cell and the title alike
        reason = why_not(flags, int(first["year"]), int(last["year"]))
        assert "change" not in namespace and f"no change stated: {reason}" in printed
        assert f"is not stated: {reason}" in title


@pytest.mark.realdata
def test_method_cell_says_when_a_country_has_no_figure(real_dataset, capsys):
    """American Samoa has no internet figure in the lesson's years: the cell says so
    instead of failing the page (it did, in the all-countries build)."""
    lesson = start(digital.SPEC, "ASM", ds=real_dataset)
    assert lesson.ds.series("internet_users_share", "ASM", lesson.years).dropna().empty
    exec(_method_cell(), {"lesson": lesson})  # noqa: S102 - the notebook's own cell
    assert "no figure in" in capsys.readouterr().out


# --------------------------------------------------------------------- real data
@pytest.mark.realdata
@pytest.mark.parametrize("country", ["KEN", "DEU", "NAM", "VNM"])
def test_real_headlines_equal_the_results_file_rule(real_dataset, country):
    lesson = start(digital.SPEC, country, ds=real_dataset)
    for indicator in digital.INDICATORS:
        mine = headline_for(real_dataset, indicator, country, lesson.peer_codes,
                            year=lesson.end_year)
        reference = headline_for(real_dataset, indicator, country, lesson.peer_codes,
                                 year=lesson.end_year)
        assert mine.year == reference.year, indicator
        count = peer_median(real_dataset, indicator, lesson.peer_codes, mine.year).count
        if count >= 3:
            assert mine.peer_median == pytest.approx(reference.peer_median), indicator
        else:
            assert math.isnan(mine.peer_median), indicator


@pytest.mark.realdata
def test_real_composite_for_germany(real_dataset):
    germany = start(digital.SPEC, "DEU", ds=real_dataset)
    scores = composite_scores(germany.ds, germany.end_year)
    by_hand = 0.0
    for component in COMPONENTS:
        values = real_dataset.latest_values(component.indicator, None,
                                            max_year=germany.end_year,
                                            window=base.WINDOW_YEARS)["value"]
        values = transformed(component, values)
        by_hand += component.weight * (values["DEU"] - values.min()) / (values.max() - values.min())
    assert scores.at["DEU", "score"] == pytest.approx(100 * by_hand)
    message = digital.composite_message(germany)
    assert f"of {message.values['count']} countries with complete data" in message.text


@pytest.mark.realdata
def test_real_country_without_rd_data_gets_a_skip_note(real_dataset):
    years = latest_years(real_dataset, digital.INDICATORS)
    lacking = [c for c in years.index[years["rd_share_gdp"].isna()]
               if years.loc[c].notna().sum() >= 4]
    lesson = None
    for code in lacking:
        try:
            lesson = start(digital.SPEC, code, ds=real_dataset)
            break
        except PolicylabError:
            continue
    assert lesson is not None
    assert digital.trend_chart(lesson, "rd_share_gdp") is None
    assert lesson.skipped == ["Research and development expenditure"]
    assert any(n.indicator == "rd_share_gdp" and "has no figure on research" in n.text
               for n in coverage.old_data_notes(lesson))
    assert digital.composite_message(lesson).values["rank"] is None


@pytest.mark.realdata
def test_real_explorer_position(real_dataset):
    kenya = start(digital.SPEC, "KEN", ds=real_dataset)
    panel = explore.world_panel(real_dataset, "internet_users_share").loc[2000:kenya.end_year]
    year = int(panel["KEN"].dropna().index[-1])
    position = region.region_position(kenya, panel, year)
    latest = real_dataset.latest_values("internet_users_share", region.region_members(kenya),
                                        max_year=year, window=base.WINDOW_YEARS)["value"]
    assert position.value == pytest.approx(latest["KEN"]) and position.count == len(latest)
    assert position.rank == int((latest > latest["KEN"]).sum()) + 1
    message = region.region_band_message(kenya, panel, "internet users", "% of the population")
    assert f"{ordinal(position.rank)} of {position.count}" in message.text


class _StubFigure:
    """Stands in for a plotly figure: every attribute and every call gives it back, and as a
    collection (``fig.layout.annotations``, ``fig.data``) it is empty."""

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


def _stub_figure(*args, **kwargs) -> _StubFigure:
    return _StubFigure()


@pytest.mark.realdata
def test_real_every_country_runs_every_section(real_dataset, monkeypatch, capsys):
    """Every section for 60 countries spread over data richness (the batch runs all),
    with the plotly builders stubbed and five regional peers."""
    for module, names in ((trends, ("line_compare", "bar_compare")),
                          (income, ("scatter_compare",)), (coverage, ("age_grid",)),
                          (gaps, ("capped_gap_bars",)), (index, ("bar_compare",))):
        for name in names:
            monkeypatch.setattr(module, name, _stub_figure)
    monkeypatch.setattr("policylab.lessons.context.display", lambda *a, **k: None)
    started = time.perf_counter()
    last = int(real_dataset.obs["year"].max())
    counts = (real_dataset.obs[real_dataset.obs["indicator"].isin(digital.INDICATORS)]
              .groupby("iso3").size().reindex(real_dataset.countries().index, fill_value=0)
              .sort_values(kind="stable"))
    sample = list(counts.index[:12]) + list(counts.index[12::max(1, len(counts) // 48)])
    failures = []
    for code in sample:
        selection = group_peers(real_dataset, code, "region")
        selection = dataclasses.replace(selection, peers=selection.peers[:5])
        lesson = Lesson(real_dataset, base.NOTEBOOK, code, selection, 2000, last)
        try:
            for indicator in ("internet_users_share", "rd_share_gdp"):
                digital.trend_chart(lesson, indicator)
            digital.latest_bars(lesson, "secure_servers_per_million")
            digital.income_scatter(lesson)
            digital.coverage_chart(lesson)
            digital.gap_chart(lesson)
            table_bundle(gaps.gap_table(lesson), "g", "s", digital.gap_formats(lesson))
            digital.composite_table(lesson)
            digital.composite_chart(lesson)
            digital.messages(lesson)
            digital.exercise_internet_gap(lesson)
            digital.exercise_normalise(lesson)
        except Exception as error:  # noqa: BLE001 - collect them all, report once
            failures.append(f"{code}: {type(error).__name__}: {error}")
    with capsys.disabled():
        print(f"\n02_digitalization sections: {len(sample)} countries, "
              f"{time.perf_counter() - started:.1f} s")
    assert not failures, "\n".join(failures)


def test_region_band_on_synthetic():
    ds = _synthetic()
    lesson = start(digital.SPEC, "C01", ["C02", "C03", "C04"], 2015, 2020, ds=ds)
    panel = explore.world_panel(ds, "internet_users_share").loc[2015:2020]
    fig = region.region_band_chart(lesson, panel, label="Internet users",
                                   unit="% of the population", source="s")
    band, median = fig.data[1], fig.data[2]
    # 2020: only C00 and C01 report, too few for the band (5) or the median line (3)
    assert list(band.x) == list(median.x) == [2015, 2016, 2017, 2018, 2019]
    assert median.y[0] == pytest.approx(float(np.median(panel.loc[2015])))
    # the rank uses each country's latest figure in the window: 2019 for the others, and
    # says so rather than labelling the comparison 2020
    assert _title(fig) == (
        "Country C01 ranked 11th of 12 in R on internet users (25.0% of the population in "
        "2020; each country's latest figure, 2019–2020): in the bottom quarter")
    message = region.region_band_message(lesson, panel, "internet users", "% of the population")
    assert message.text.startswith(
        "On internet users, Country C01 ranked 11th of 12 countries in R (25.0% of the "
        "population in 2020; each country's latest figure, 2019–2020; regional median 69.0%), "
        "the same rank as 11th of 12 in 2015, the first year shown (20.0%; all figures from "
        "2015).")
    assert message.text.endswith("The median of its 3 peers' latest figures (2019) was 47.0%.")


# --------------------------------------------------------------------- issue 11 rules
def _shifted() -> Dataset:
    """Four countries; C00's internet use climbs steadily, then jumps to a new level in
    2012 (a likely break); the others climb steadily."""
    codes = [f"C{k:02d}" for k in range(4)]
    countries = pd.DataFrame({
        "iso3": codes, "iso2": codes, "name": [f"Country {c}" for c in codes],
        "region": ["R"] * 4, "income_group": ["Lower middle income"] * 4,
        "is_aggregate": [False] * 4})
    rows = []
    for k, code in enumerate(codes):
        for year in range(2005, 2019):
            value = 5.0 + k + 0.5 * (year - 2005) + (30.0 if k == 0 and year >= 2012 else 0)
            rows.append((code, year, "internet_users_share", value))
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_no_change_is_stated_across_a_break():
    ds = _shifted()
    lesson = start(digital.SPEC, "C00", ["C01", "C02", "C03"], 2005, 2018, ds=ds)
    assert series_flags(ds, "internet_users_share", "C00").breaks == (2012,)
    fig = digital.trend_chart(lesson, "internet_users_share")
    title = _title(fig)
    assert " rose " not in title and "from" not in title.split(";")[0]
    level = fmt_quantity(ds.latest("internet_users_share", "C00").value, "% of the population")
    assert title.startswith(f"Country C00's internet users stood at {level} in 2018")
    assert "likely breaks in 2012" in title
    # the break is marked on the chart: a dotted line at 2012, labelled
    lines = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    assert [s.x0 for s in lines] == [2012]
    assert any("likely series break" in (a.text or "") for a in fig.layout.annotations)
    # the same series from 2013 on has no break inside: the change is stated
    later = start(digital.SPEC, "C00", ["C01", "C02", "C03"], 2013, 2018, ds=ds)
    assert " rose from " in _title(digital.trend_chart(later, "internet_users_share"))
    # the key message withholds it too
    message = digital.messages(lesson)[0]
    assert message.values.get("change_withheld") and "went from" not in message.text


def test_steady_series_is_not_marked():
    ds = _shifted()
    lesson = start(digital.SPEC, "C01", ["C00", "C02", "C03"], 2005, 2018, ds=ds)
    fig = digital.trend_chart(lesson, "internet_users_share")
    assert " rose from " in _title(fig)
    assert not [s for s in fig.layout.shapes if s.line.dash == "dot"]


def test_gap_view_does_not_answer_the_gap_exercise(kenya):
    view = gaps.gap_view(kenya)
    assert "Gap" not in view.columns and "Peer median" in view.columns
    exercise = digital.exercise_internet_gap(kenya)
    shown = table_bundle(view, "c", "s", digital.gap_formats(kenya))["text/html"]
    from policylab.learning.exercises import declared_answer
    assert declared_answer(exercise) not in shown
    assert "the page does not show the difference" in exercise.question


def test_notebook_states_duration_glossary_and_method_once():
    nb = json.loads((project_root() / "notebooks" / "02_digitalization.ipynb").read_text())
    text = ["".join(c["source"]) for c in nb["cells"]]
    assert "about 75 minutes" in text[0]
    assert any(t.startswith("**Glossary.**") for t in text)
    assert sum("BREAKS_METHOD" in t for t in text) == 1
    assert sum("verdict_rule()" in t for t in text) == 1


@pytest.mark.realdata
def test_real_recency_is_one_window(real_dataset):
    """Viet Nam (and every country): an indicator the coverage section calls recent is one
    the index uses, so "all recent" never sits above "cannot be ranked"."""
    for code in ["VNM", "KEN", "UGA", "DEU", "MAR", "ETH"]:
        lesson = start(digital.SPEC, code, ds=real_dataset)
        assert base.window_start(lesson) == real_dataset.recency_cutoff
        ranked = digital.composite_message(lesson).values["rank"] is not None
        assert ranked == (coverage.stale(lesson) == []), code


@pytest.mark.realdata
def test_real_uganda_internet_fall_is_not_read_as_a_change(real_dataset):
    uganda = start(digital.SPEC, "UGA", ds=real_dataset)
    flags = series_flags(real_dataset, "internet_users_share", "UGA")
    assert 2024 in flags.breaks
    title = _title(digital.trend_chart(uganda, "internet_users_share"))
    assert " fell " not in title and "is not stated" in title


def test_normalisation_exercise_never_asks_for_the_lowest_or_highest(tiny_dataset):
    """Uganda was the lowest on internet use: "Uganda has 8.95%, lowest 8.95%" gave the
    answer (0) in the question. The worked case moves to a component where it is not."""
    ds = tiny_dataset
    obs = ds.obs.copy()
    internet = obs["indicator"] == "internet_users_share"
    lowest = obs.loc[internet, "value"].min()
    obs.loc[internet & (obs["iso3"] == "KEN"), "value"] = lowest - 1.0
    bottom = Dataset.from_frames(obs, ds.countries(include_aggregates=True).reset_index(),
                                 ds.trade, ds.products, ds.manifest, ds.catalogue)
    lesson = start(digital.SPEC, "KEN", PEERS, 2000, 0, ds=bottom)
    exercise = digital.exercise_normalise(lesson, "internet_users_share")
    chosen = exercises.normalise_indicator(lesson, "internet_users_share")
    assert chosen != "internet_users_share"
    assert exercise.available and 1.0 < exercise.answer < 99.0
    assert in_sentence(base.short(lesson, chosen)) in exercise.question
    own = _latest(bottom, chosen, "KEN").value
    unit = bottom.indicator(chosen).unit
    assert f"lowest {fmt_number(own, unit)}," not in exercise.question
    assert f"highest {fmt_number(own, unit)} " not in exercise.question
