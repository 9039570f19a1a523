"""The industrial profile lesson: each section on the tiny pack (values recomputed by hand),
the visible method cell against the page, then a real-data layer for what only real data
show (every country runs, the CIP read from the pack equals a recomputation)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import plotly.io as pio
import pytest

from policylab import display
from policylab.charts import figure_title
from policylab.evidence.answers import answers_shown, declared_answers
from policylab.evidence.breaks import withheld
from policylab.evidence.deindustrialization import PATTERN_CHOICES
from policylab.i18n import using_language
from policylab.learning.exercises import answer_metadata, question_markdown
from policylab.lessons import context, profile
from policylab.lessons.common import explorer_settings, start
from policylab.lessons.profile import deindustrialization, performance, structure, trends
from policylab.metrics import cip, profile_cip, profile_deindustrialization, profile_structure
from policylab.metrics import world_pattern as wp
from policylab.narrative.changes import points, price_basis, usd
from policylab.narrative.messages import subject
from policylab.peers import fallback_peers
from policylab.text import format_value

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "00_industrial_profile.ipynb"


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    """Record what the lesson would display instead of printing it."""
    shown: list = []
    monkeypatch.setattr(context, "display", lambda *a, **k: shown.append(a[0]))
    monkeypatch.setattr(context, "show", lambda fig: shown.append(fig))
    monkeypatch.setattr(display, "display", lambda *a, **k: shown.append(a[0]))
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    return shown


def _lesson(ds, country="KEN", peers=("NAM", "BRA", "DEU"), start_year=2000, end=0):
    return start(profile.SPEC, country, list(peers), start_year, end, ds=ds)


def _method_cell() -> str:
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    found = [c for c in cells if "method" in c["metadata"].get("tags", [])]
    assert len(found) == 1 and "hide" not in str(found[0]["metadata"])
    return "".join(found[0]["source"])


# --------------------------------------------------------------------- tiny pack
def test_trend_title_states_first_and_last_values(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    # KEN's manufacturing share in the tiny pack: 11.0, 10.5, 10.0 (2000-2002)
    assert trends.trend_title(lesson, "mva_share_gdp") == (
        "Kenya's manufacturing value added fell from 11.0% to 10.0% of GDP, 2000\u20132002")
    fig = trends.trend_chart(lesson, "mva_share_gdp")
    assert "fell from 11.0%" in figure_title(fig)


def test_method_cell_computes_the_figures_of_the_title(tiny_dataset, capsys):
    lesson = _lesson(tiny_dataset)
    scope = {"lesson": lesson}
    exec(_method_cell(), scope)  # noqa: S102  (the notebook's own visible cell)
    share, first, last = scope["share"], scope["first_year"], scope["last_year"]
    title = trends.trend_title(lesson, "mva_share_gdp")
    assert f"from {format_value(share[first], '%')} to {format_value(share[last], '%')}" in title
    assert f"{first}\u2013{last}" in title
    assert scope["change"] == pytest.approx(-1.0)
    assert "change \u22121.00 percentage points" in capsys.readouterr().out


def test_standing_table_peer_median_needs_three_peers(tiny_dataset):
    table = trends.standing_table(_lesson(tiny_dataset))
    row = table.loc["Manufacturing value added (% of GDP)"]
    expected = np.median([tiny_dataset.latest("mva_share_gdp", c).value
                          for c in ("NAM", "BRA", "DEU")])
    assert row["Kenya"] == 10.0 and row["Peer median"] == pytest.approx(expected)
    two_peers = trends.standing_table(_lesson(tiny_dataset, peers=("NAM", "BRA")))
    assert two_peers["Peer median"].isna().all()  # evidence rule: at least 3


def test_cagr_exercise_answer(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    values = tiny_dataset.series("mva_per_capita", "KEN").set_index("year")["value"]
    exercise = trends.cagr_exercise(lesson)
    expected = ((values[2002] / values[2000]) ** 0.5 - 1) * 100
    assert exercise.answer == pytest.approx(round(expected, 2))
    assert "2 years" in exercise.hint
    # the price basis is stated wherever the figures are shown (the SDG 9 table uses
    # constant 2015 US$ for the same concept)
    assert tiny_dataset.indicator("mva_per_capita").unit.startswith("current US$")
    assert "in 2002, both in current US$ (each year’s prices)." in exercise.question
    assert exercise.solution.endswith("(values in current US$).")
    assert price_basis("constant 2015 US$ per person") == "constant 2015 US$"
    assert price_basis("% of GDP") == ""


def test_cip_is_read_from_the_pack_with_its_rank_range(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    result = profile_cip.position(tiny_dataset, "KEN", lesson.end_year)
    pack = tiny_dataset.series("cip_rank", "KEN").dropna()
    assert result.year == int(pack["year"].max()) == 2002
    assert result.rank == int(pack["value"].iloc[-1]) == 1 and result.n_ranked == 2
    assert result.rank_low <= result.rank <= result.rank_high
    message = performance.cip_message(lesson)
    assert "ranked 1 of 2 countries in 2002" in message.text
    table = performance.cip_table(lesson)
    assert table.loc["Brazil", "Rank range"] == "not ranked"


def test_cip_missing_reason_names_the_absent_components(tiny_dataset, quiet):
    lesson = _lesson(tiny_dataset, "BRA", ("NAM", "KEN", "DEU"))
    assert performance.cip_chart(lesson) is None
    assert lesson.skipped == ["Competitive Industrial Performance"]
    assert "lacks" in str(quiet[-1].data)
    assert "manufactured exports per person; export quality" in str(quiet[-1].data)


def test_cip_components_keep_their_acronyms_inside_a_sentence():
    assert performance.component_in_sentence("mva_per_capita") == "MVA per person"
    assert performance.component_in_sentence("world_mva_share") == "share of world MVA"


def test_structure_panel_adds_up_and_shift_share_total(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    panel = profile_structure.structure_panel(tiny_dataset, "KEN", lesson.years)
    assert panel.loc[2002].to_dict() == pytest.approx(
        {"agriculture": 28.0, "industry_other": 8.5, "manufacturing": 10.0, "services": 53.5})
    result = profile_structure.shift_share_for(tiny_dataset, "KEN", lesson.years)
    assert result.total == pytest.approx(result.within + result.static + result.dynamic)
    assert result.total == pytest.approx(
        (result.productivity_end / result.productivity_start - 1) * 100)
    assert profile_structure.shift_share_for(tiny_dataset, "KEN", lesson.years) is result
    table = structure.shift_share_table(lesson)
    assert table.loc["All sectors", "Total"] == pytest.approx(result.total)
    message = structure.shift_share_message(lesson)
    assert f"fell by {format_value(abs(result.total), '%')}" in message.text


def test_deindustrialization_uses_the_world_pattern(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    cross = wp.cross_section(tiny_dataset, 2002)
    a, b, c = np.polyfit(np.log10(cross["income"]), cross["mva_share"], 2)
    expected = a * math.log10(cross.loc["KEN", "income"]) ** 2 \
        + b * math.log10(cross.loc["KEN", "income"]) + c
    message = deindustrialization.deindustrialization_message(lesson)
    assert message.values["expected"] == pytest.approx(expected)
    assert message.values["change"] == pytest.approx(-1.0)
    assert "fell by 1.00 percentage points over 2000–2002" in message.text
    # the verdict answers the exercise: it is not in the key message (facilitator cell only)
    assert not any(choice.split(":")[0] in message.text
                   for choice in PATTERN_CHOICES)
    # the scatter names every country in its hover, not only the lesson's
    fig = deindustrialization.deindustrialization_chart(_lesson(tiny_dataset, peers=("NAM",)))
    assert set(cross.index) - {"KEN", "NAM"}
    points = [text for trace in fig.data if trace.mode == "markers" or trace.mode ==
              "markers+text" for text in trace.text]
    assert sorted(points) == sorted(tiny_dataset.name(code) for code in cross.index)
    exercise = deindustrialization.pattern_exercise(lesson)
    assert exercise.answer == PATTERN_CHOICES[2] or math.isnan(
        wp.world_pattern(tiny_dataset, 2002).peak_income)


def test_the_typical_scatter_on_the_chart_is_the_method_boxs_definition(tiny_dataset):
    """The box said "1.4826 × the median absolute distance from the line" (4.62 points on
    the tiny pack), where the code takes the distances' deviations around their median
    (3.40): the box now says what the code computes, and its words, followed on the
    data, give the chart's figure."""
    lesson = _lesson(tiny_dataset)
    box = deindustrialization.deindustrialization_method_note()
    assert ("typical scatter of countries around it (1.4826 × the median of how far each "
            "distance from the line, counted positive above it and negative below, lies from "
            "the median distance)") in box
    cross = wp.cross_section(tiny_dataset, 2002)
    x = np.log10(cross["income"])
    distances = cross["mva_share"] - np.polyval(np.polyfit(x, cross["mva_share"], 2), x)
    stated = 1.4826 * np.median(np.abs(distances - np.median(distances)))
    title = figure_title(deindustrialization.deindustrialization_chart(lesson))
    assert f"typical scatter around it: {points(stated)})" in title.replace("<br>", " ")
    assert points(stated) == "3.40 percentage points"
    assert points(1.4826 * np.median(np.abs(distances))) == "4.62 percentage points"


def test_pattern_verdict_rule():
    def verdict(*args, **kwargs):
        index = profile_deindustrialization.verdict(*args, **kwargs)
        return PATTERN_CHOICES[index]

    assert verdict(-3.0, 1000.0, 4000.0).startswith("Yes")
    assert verdict(-3.0, 9000.0, 4000.0).startswith("No: the share fell")
    assert verdict(-0.5, 1000.0, 4000.0).startswith("No: the share did")
    # a fitted pattern whose rise and fall are within the scatter gives no verdict
    assert verdict(-3.0, 1000.0, 4000.0, clear=False).startswith("Inconclusive")
    assert verdict(-0.5, 1000.0, 4000.0, clear=False).startswith("No: the share did")
    assert "inconclusive" in deindustrialization.deindustrialization_method_note()


def _with_break(ds, shift=8.0):
    """``ds`` with Kenya's MVA share and MVA per person over 2000-2012, a level shift in 2009
    (a rebasing): 7.0, 7.1, ... then +``shift`` points (per person: x 2.5)."""
    import pandas as pd

    from policylab.pack.dataset import Dataset

    years = list(range(2000, 2013))
    share = [7.0 + 0.05 * i + (shift if y >= 2009 else 0.0) for i, y in enumerate(years)]
    per_person = [40.0 * 1.02 ** i * (2.5 if y >= 2009 else 1.0) for i, y in enumerate(years)]
    obs = ds.obs
    keep = ~((obs["iso3"] == "KEN") & obs["indicator"].isin(["mva_share_gdp", "mva_per_capita"]))
    extra = pd.DataFrame({"iso3": "KEN", "year": years * 2,
                          "indicator": ["mva_share_gdp"] * 13 + ["mva_per_capita"] * 13,
                          "value": share + per_person})
    new = pd.concat([obs[keep].astype({"iso3": str, "indicator": str}), extra],
                    ignore_index=True)
    return Dataset.from_frames(new, ds.countries(include_aggregates=True).reset_index(),
                               ds.trade, ds.products, ds.manifest, ds.catalogue), share, per_person


def test_no_change_is_read_across_a_series_break(tiny_dataset, quiet):
    ds, share, per_person = _with_break(tiny_dataset)
    lesson = start(profile.SPEC, "KEN", ["NAM", "BRA", "DEU"], 2000, 2012, ds=ds)
    title = trends.trend_title(lesson, "mva_share_gdp")
    assert title.startswith(f"Kenya's manufacturing value added was {format_value(share[-1])}%")
    assert "not read (likely series break in 2009)" in title
    assert "from" not in title and "fell" not in title and "rose" not in title
    fig = trends.trend_chart(lesson, "mva_share_gdp")
    assert [s.x0 for s in fig.layout.shapes if s.line.dash == "dot"] == [2009]
    # the CAGR exercise is read from the break on only
    exercise = trends.cagr_exercise(lesson)
    assert "2009" in exercise.question and "from 2009 on only" in exercise.question
    expected = ((per_person[-1] / per_person[9]) ** (1 / 3) - 1) * 100
    assert exercise.answer == pytest.approx(round(expected, 2))
    # de-industrialization: the path whose change is read never spans the break
    path = profile_deindustrialization.sound_path(ds, "KEN", lesson.years)
    assert not (path["year"].min() < 2009 <= path["year"].max())


def test_a_steady_series_keeps_its_change(tiny_dataset):
    ds, share, _ = _with_break(tiny_dataset, shift=0.0)
    lesson = start(profile.SPEC, "KEN", ["NAM", "BRA", "DEU"], 2000, 2012, ds=ds)
    assert trends.trend_title(lesson, "mva_share_gdp") == (
        f"Kenya's manufacturing value added rose from {format_value(share[0])}% to "
        f"{format_value(share[-1])}% of GDP, 2000–2012")


def test_standing_table_says_how_many_peers_report(tiny_dataset):
    table = trends.standing_table(_lesson(tiny_dataset, peers=("NAM", "BRA")))
    assert (table["Peers with data"] <= 2).all() and table["Peer median"].isna().all()


def test_explorer_view_and_settings(tiny_dataset, quiet):
    lesson = _lesson(tiny_dataset)
    settings = explorer_settings(lesson)
    assert settings["indicator"] == trends.EXPLORER_START == "industry_share_gdp"
    trends.explorer_view(lesson, "mva_share_gdp")
    assert "fell from 11.0%" in figure_title(quiet[0])
    assert "Kenya" in str(quiet[1].data)


def test_headline_ids_and_finish(tiny_dataset, tmp_path):
    from policylab.lessons.common import finish
    from policylab.lessons.profile import sdg9

    lesson = start(profile.SPEC, "KEN", ["NAM", "BRA", "DEU"], 2000, 0,
                   str(tmp_path / "r.json"), ds=tiny_dataset)
    ids = profile.headline_ids(lesson)
    assert ids[:5] == [*profile.HEADLINE, "cip_rank"] and "co2_per_gdp" in ids
    results = finish(lesson, sdg9.headline_figures(lesson))
    written = json.loads((tmp_path / "r.json").read_text())
    assert written["headline"]["mva_share_gdp"]["value"] == 10.0
    assert results["headline"]["co2_per_gdp"]["peer_median"] == pytest.approx(3.2)


# --------------------------------------------------------------------- real data
@pytest.mark.realdata
def test_pack_cip_equals_a_recomputation(real_dataset):
    scores = cip.dataset_scores(real_dataset)
    again = cip.cip_scores(cip.dataset_components(real_dataset))
    again = again[again["cip_rank"].notna()].merge(scores, on=["iso3", "year"])
    assert len(again) == len(scores)
    assert (again["cip_rank_x"].astype(int) == again["cip_rank_y"]).all()
    lesson = _lesson(real_dataset, "KEN", ())
    result = profile_cip.position(real_dataset, "KEN", lesson.end_year)
    ranges = cip.cip_sensitivity(cip.dataset_components(real_dataset), result.year)
    mine = ranges.set_index("iso3").loc["KEN"]
    assert (result.rank_low, result.rank_high) == (mine["rank_low"], mine["rank_high"])


@pytest.mark.realdata
@pytest.mark.parametrize("country", ["KEN", "DEU"])
def test_method_cell_on_real_data(real_dataset, country):
    lesson = _lesson(real_dataset, country, ())
    scope = {"lesson": lesson}
    exec(_method_cell(), scope)  # noqa: S102
    share, first, last = scope["share"], scope["first_year"], scope["last_year"]
    title = trends.trend_title(lesson, "mva_share_gdp")
    assert format_value(share[first], "%") in title and format_value(share[last], "%") in title


@pytest.mark.realdata
def test_data_poor_countries_run_every_section(real_dataset, quiet):
    sections = (lambda ls: trends.trend_chart(ls, "mva_share_gdp"), performance.cip_chart,
                structure.structure_chart, structure.shift_share_chart,
                deindustrialization.deindustrialization_chart)
    skipped = 0
    for code in ("KEN", "TUV", "XKX", "SSD", "ETH"):
        peers = fallback_peers(real_dataset, code, "test", k=3).peers
        lesson = _lesson(real_dataset, code, peers)
        for section in sections:
            section(lesson)
        texts = [m.text for m in (performance.cip_message(lesson),
                                  deindustrialization.deindustrialization_message(lesson))
                 if m is not None]
        texts += [trends.cagr_exercise(lesson).question,
                  deindustrialization.pattern_exercise(lesson).question]
        texts += [str(getattr(item, "data", "")) for item in quiet]
        quiet.clear()
        assert not any(bad in t for t in texts for bad in ("nan", "None", "<NA>")), code
        skipped += len(lesson.skipped)
    assert skipped > 0


def test_notebook_states_duration_glossary_breaks_box_and_hides_the_verdict():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    assert "Duration: about 2 hours" in sources[0]
    assert any(s.startswith("## Glossary") and "Dirichlet" in s and "PPP" in s
               for s in sources)
    # the breaks method box comes before the first stated change (section 1's chart)
    box = sources.index("note(gettext(METHOD_TEXT))")
    first_change = next(i for i, s in enumerate(sources) if "trends.trend_chart" in s)
    assert box < first_change
    # the de-industrialization verdict (the exercise's answer) is on the facilitator page only
    verdict = [c for c in cells if "verdict_text" in "".join(c["source"])]
    assert len(verdict) == 1 and verdict[0]["metadata"]["tags"] == ["facilitator"]


@pytest.fixture
def flat_pattern(monkeypatch) -> wp.WorldPattern:
    """A world pattern too flat to read a peak from, and a fall of 4 points: the rule's
    answer is "Inconclusive"."""
    # peak at 10**-7, inside the tiny pack's incomes (its GDP is in other units than its
    # population): rises and falls by 0.5 points over the income range, scatter 7
    flat = wp.WorldPattern((-0.5, -7.0, 5.0), 50, 2002, scatter=7.0,
                           income_range=(1e-8, 1e-6))
    assert not flat.clear
    monkeypatch.setattr(wp, "world_pattern", lambda ds, year: flat)
    monkeypatch.setattr(profile_deindustrialization, "sound_path", lambda *a: __import__(
        "pandas").DataFrame({"year": [2000, 2002], "income": [5e-8, 5e-8],
                             "mva_share": [12.0, 8.0]}))
    return flat


def test_verdict_is_inconclusive_when_the_pattern_is_flat(tiny_dataset, flat_pattern):
    lesson = _lesson(tiny_dataset)
    exercise = deindustrialization.pattern_exercise(lesson)
    assert exercise.answer.startswith("Inconclusive")
    assert "typically 7.00 percentage points from the line" in exercise.question
    assert deindustrialization.verdict_text(lesson).endswith(
        f"** {PATTERN_CHOICES[3]}.")


def test_the_chart_above_the_exercise_states_no_outcome_of_its_checks(tiny_dataset,
                                                                     flat_pattern):
    """DESIGN §10: the chart above "Your turn: apply the rule" noted "fitted peak at
    US$ 4,250 (not clear: within the scatter)", the outcome of check 2 that makes the
    answer "Inconclusive". It now notes only where the line peaks, as the question does; and
    the exercise declares "not clear" among its answer's forms, so that the build's leak
    rule (``evidence.answers``) finds such a note."""
    lesson = _lesson(tiny_dataset)
    exercise = deindustrialization.pattern_exercise(lesson)
    fig = deindustrialization.deindustrialization_chart(lesson)
    peak = usd(flat_pattern.peak_income)
    assert f"peak at about {peak}" in exercise.question
    notes = [note.text for note in fig.layout.annotations if "peak" in note.text]
    assert notes == [f"fitted peak at {peak}"]
    assert exercise.answer_forms == ("not clear", "too flat")
    answers = declared_answers({"cells": [{"outputs": [
        {"metadata": answer_metadata(exercise)}]}]})

    def page(chart) -> str:  # the participant page up to the exercise
        return (pio.to_html(chart, include_plotlyjs=False, full_html=False)
                + f"<div>{question_markdown(exercise)}</div>")

    assert answers_shown(page(fig), answers) == []
    fig.update_annotations(selector={"text": notes[0]},
                           text=f"fitted peak at {peak} (not clear: within the scatter)")
    assert answers_shown(page(fig), answers) == [exercise.answer]


@pytest.mark.realdata
def test_uganda_manufactured_exports_per_person_inherit_the_shares_flag(real_dataset):
    """The manufactures share behind Uganda's manufactured exports per person swings too
    much for a change to be read: the computed series states none either."""
    lesson = start(profile.SPEC, "UGA", ds=real_dataset)
    first, last = (int(y) for y in lesson.window("manuf_exports_per_capita").index[[0, -1]])
    assert withheld(real_dataset, "manuf_share_merch_exports", "UGA", first, last)
    title = trends.trend_title(lesson, "manuf_exports_per_capita")
    assert "rose" not in title and "is not read" in title
    assert title.startswith("Uganda's manufactured exports were US$")
    assert "is not stated" in trends.trend_message(lesson, "manuf_exports_per_capita").text


#: Labels whose verb is plural, and singular ones whose last word reads as a plural (the
#: rule guessed from the last word wrote "… share of merchandise exports were").
PLURAL_SUBJECTS = ("CO2 emissions", "Manufactured exports", "Merchandise exports",
                   "Exports of goods and services", "Internet users",
                   "Women in the labour force", "Greenhouse-gas emissions (excluding land use)",
                   "CO2 emissions per unit of manufacturing value added",
                   "Patent applications by residents", "Researchers in R&D")
SINGULAR_SUBJECTS = ("Manufactures share of merchandise exports",
                     "Medium and high-tech share of manufactured exports",
                     "Fuel share of merchandise exports", "Industry's share of CO2 emissions",
                     "Share of world manufactured exports", "CO2 from industrial processes",
                     "Access to electricity", "Services and other value added (residual)",
                     "Manufacturing value added", "Research and development expenditure")


def _one_year_of_everything(ds, year=2002):
    """``ds`` where Kenya has one figure, in ``year``, for every catalogue indicator."""
    import pandas as pd

    from policylab.pack.dataset import Dataset

    obs = ds.obs[ds.obs["iso3"] != "KEN"]
    extra = pd.DataFrame({"iso3": "KEN", "year": year, "indicator": list(ds.catalogue),
                          "value": 5.0})
    return Dataset.from_frames(pd.concat([obs, extra], ignore_index=True),
                               ds.countries(include_aggregates=True).reset_index(),
                               ds.trade, ds.products, ds.manifest, ds.catalogue)


def test_every_title_verb_agrees_with_its_label(tiny_dataset):
    ds = _one_year_of_everything(tiny_dataset)
    lesson = _lesson(ds)
    by_label = {ind.label: key for key, ind in ds.catalogue.items()}
    for key, ind in ds.catalogue.items():
        verb = "were" if ind.label_is_plural else "was"
        assert trends.trend_title(lesson, key).startswith(f"Kenya's {subject(ind)} {verb} "), key
    for label in PLURAL_SUBJECTS:
        assert ds.catalogue[by_label[label]].label_is_plural, label
    for label in SINGULAR_SUBJECTS:
        assert not ds.catalogue[by_label[label]].label_is_plural, label
    assert trends.trend_title(lesson, "manuf_share_merch_exports") == (
        "Kenya's manufactures share of merchandise exports was 5.00% of merchandise exports "
        "in 2002, the only year with data")
    with using_language("fr"):  # a colon, whatever the number
        assert trends.trend_title(lesson, "co2_mt").startswith(
            "Émissions de CO2 du Kenya\xa0: 5,00 millions")
        assert trends.trend_title(lesson, "gdp_growth").startswith(
            "Croissance du PIB du Kenya\xa0: 5,00")


def test_profile_tables_capitalise_their_headers_as_every_other_table(tiny_dataset, quiet):
    """The standing, peer and CIP tables use the header words of the other tables
    ("Indicator", "Year", "Peer median"), not lower-case ones ("indicator", "year")."""
    lesson = _lesson(tiny_dataset)
    table = trends.standing_table(lesson)
    assert table.index.name == "Indicator"
    assert list(table.columns) == ["Year", "Kenya", "Peers with data", "Peer median",
                                   "Sub-Saharan Africa median", "Lower middle income median"]
    profile.show_peer_table(lesson)
    performance.show_cip_table(lesson)
    headers = [bundle["text/plain"].splitlines()[1] for bundle in quiet[-2:]]
    assert headers[0].split()[:2] == ["ISO3", "Name"]  # chosen peers: no "Similar on"
    assert "Country" in headers[1] and "Rank range" in headers[1]
    for line in headers:
        assert not any(word in line for word in ("iso3", "name", "country", "rank range")), line


def test_trend_message_states_the_regional_median_the_standing_table_states():
    """Only two of the region's eight countries have published for the country's last
    year: the key message's regional median is the stated rule's (latest figures in the
    recency window), the standing table's beside it, not that year's two reporters."""
    import pandas as pd

    from policylab.pack.dataset import Dataset

    codes = [f"C{k:02d}" for k in range(8)]
    countries = pd.DataFrame({"iso3": codes, "iso2": codes, "name": codes, "region": ["R"] * 8,
                              "income_group": ["Low income"] * 8, "is_aggregate": [False] * 8})
    obs = pd.DataFrame([(c, year, "mva_share_gdp", float(k + 1))
                        for k, c in enumerate(codes)
                        for year in ((2020, 2024) if k < 2 else (2020, 2022))],
                       columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())
    lesson = start(profile.SPEC, "C00", codes[1:4], 2020, 2024, ds=ds)
    message = trends.trend_message(lesson, "mva_share_gdp")
    stated = trends.standing_table(lesson).iloc[0]["R median"]
    assert stated == pytest.approx(4.5)
    assert "regional median (R) of 4.50% of GDP (2024)" in message.text
