"""The industrial profile lesson: each section on the tiny pack (values recomputed by hand),
the visible method cell against the page, then a real-data layer for what only real data
show (every country runs, the CIP read from the pack equals a recomputation)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from policylab import display
from policylab.charts import figure_title
from policylab.lessons import context, profile
from policylab.lessons.common import explorer_settings, start
from policylab.lessons.profile import (
    deindustrialization,
    explore,
    performance,
    structure,
    trends,
)
from policylab.metrics import cip
from policylab.metrics import world_pattern as wp
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
    assert row["Kenya"] == 10.0 and row["peer median"] == pytest.approx(expected)
    two_peers = trends.standing_table(_lesson(tiny_dataset, peers=("NAM", "BRA")))
    assert two_peers["peer median"].isna().all()  # evidence rule: at least 3


def test_cagr_exercise_answer(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    values = tiny_dataset.series("mva_per_capita", "KEN").set_index("year")["value"]
    exercise = trends.cagr_exercise(lesson)
    expected = ((values[2002] / values[2000]) ** 0.5 - 1) * 100
    assert exercise.answer == pytest.approx(round(expected, 2))
    assert "2 years" in exercise.hint


def test_cip_is_read_from_the_pack_with_its_rank_range(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    result = performance.cip_result(lesson)
    pack = tiny_dataset.series("cip_rank", "KEN").dropna()
    assert result.year == int(pack["year"].max()) == 2002
    assert result.rank == int(pack["value"].iloc[-1]) == 1 and result.n_ranked == 2
    assert result.rank_low <= result.rank <= result.rank_high
    message = performance.cip_message(lesson)
    assert "ranked 1 of 2 countries in 2002" in message.text
    table = performance.cip_table(lesson)
    assert table.loc["Brazil", "rank range"] == "not ranked"


def test_cip_missing_reason_names_the_absent_components(tiny_dataset, quiet):
    lesson = _lesson(tiny_dataset, "BRA", ("NAM", "KEN", "DEU"))
    assert performance.cip_chart(lesson) is None
    assert lesson.skipped == ["Competitive Industrial Performance"]
    assert "lacks" in str(quiet[-1].data)


def test_structure_panel_adds_up_and_shift_share_total(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    panel = structure.structure_panel(lesson)
    assert panel.loc[2002].to_dict() == pytest.approx(
        {"agriculture": 28.0, "industry_other": 8.5, "manufacturing": 10.0, "services": 53.5})
    result = structure.shift_share_for(lesson, "KEN")
    assert result.total == pytest.approx(result.within + result.static + result.dynamic)
    assert result.total == pytest.approx(
        (result.productivity_end / result.productivity_start - 1) * 100)
    assert structure.shift_share_for(lesson, "KEN") is result  # once per Dataset
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
    assert "did not fall by more than 1 percentage point" in message.text
    exercise = deindustrialization.pattern_exercise(lesson)
    assert exercise.answer == deindustrialization.PATTERN_CHOICES[2] or math.isnan(
        wp.world_pattern(tiny_dataset, 2002).peak_income)


def test_pattern_verdict_rule():
    verdict = deindustrialization.pattern_verdict
    assert verdict(-3.0, 1000.0, 4000.0).startswith("Yes")
    assert verdict(-3.0, 9000.0, 4000.0).startswith("No: the share fell")
    assert verdict(-0.5, 1000.0, 4000.0).startswith("No: the share did")


def test_explorer_view_and_settings(tiny_dataset, quiet):
    lesson = _lesson(tiny_dataset)
    settings = explorer_settings(lesson)
    assert settings["indicator"] == explore.EXPLORER_START == "industry_share_gdp"
    explore.view(lesson, "mva_share_gdp")
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
    result = performance.cip_result(lesson)
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
