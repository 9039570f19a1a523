"""The value-chains lesson on the real data: numbers in titles and messages recomputed from
the pack, honest skips for data-poor countries, and every country through every section."""

from __future__ import annotations

import functools
import time

import numpy as np
import plotly.graph_objects as go
import pytest

from policylab.charts.template import figure_title
from policylab.learning.widgets import initial_state
from policylab.lessons import context
from policylab.lessons import value_chains as vc
from policylab.lessons.context import Lesson, start_lesson
from policylab.metrics.complexity import compute_complexity
from policylab.narrative import fmt_quantity
from policylab.peers import choose_peers

pytestmark = pytest.mark.realdata

CHARTS = (vc.export_structure_chart, vc.concentration_chart, vc.diversity_chart,
          vc.specialisation_chart, vc.eci_ranking_chart, vc.eci_income_chart,
          vc.product_space_chart, vc.opportunities_chart, vc.fdi_chart,
          vc.manufactured_exports_chart, vc.hightech_exports_chart, vc.openness_chart)
TABLES = (vc.specialisation_table, vc.opportunities_table, vc.fdi_table)


@pytest.fixture(scope="module")
def ds(real_dataset):
    return real_dataset


@pytest.fixture(scope="module")
def kenya(ds) -> Lesson:
    return start_lesson(vc.NOTEBOOK, "KEN", ds=ds)


def test_eci_and_diversity_present_either_way(ds):
    result = compute_complexity(ds.trade)
    assert ds.latest("eci", "DEU").value == pytest.approx(result.eci["DEU"])
    assert ds.latest("diversity", "KEN").value == result.diversity["KEN"]
    assert ds.latest("eci", "DEU").value > ds.latest("eci", "KEN").value


def test_trade_period_comes_from_data_and_manifest(ds):
    year = int(ds.trade["year"].max())
    period = vc.trade_period(ds)
    first, _, last = period.partition("\u2013")
    assert int(first) <= year <= int(last or first)
    assert period in vc.trade_note(ds) and "not national totals" in vc.trade_note(ds)


def test_export_shares_sum_to_one_and_rca_recomputes_from_them(ds):
    shares = vc.export_shares(ds, ["KEN", "DEU", "NOWHERE"])
    assert list(shares.index) == ["KEN", "DEU"]
    assert np.allclose(shares.sum(axis=1), 1.0)
    table = vc.specialisation(ds, "KEN")
    row = table.iloc[0]
    assert row["rca"] == pytest.approx(row["country_share"] / row["world_share"])
    assert vc.section_shares(ds, ["KEN"]).loc["KEN"].sum() == pytest.approx(100.0)


def test_structure_message_numbers_match_the_pack(ds, kenya):
    message = vc.structure_message(kenya)
    matrix = ds.trade[ds.trade["exporter"] == "KEN"].groupby("product")["value"].sum()
    shares = matrix / matrix.sum()
    assert message.values["hhi"] == pytest.approx(float((shares**2).sum()))
    assert str(message.values["rca_count"]) in message.text
    assert message.values["rca_count"] == int((vc.rca_matrix(ds).loc["KEN"] >= 1).sum())


def test_eci_title_states_the_rank_recomputed(ds, kenya):
    fig = vc.eci_ranking_chart(kenya)
    eci = ds.series("eci").set_index("iso3")["value"]
    eci = eci[eci.index.isin(ds.countries().index)]
    rank = int((eci > eci["KEN"]).sum()) + 1
    assert f"{rank}th of {len(eci)}" in figure_title(fig).replace("<br>", " ")


def test_fdi_share_is_inflows_over_gdp(ds, kenya):
    panel = vc.fdi_share_panel(kenya)
    year = int(panel["KEN"].dropna().index[-1])
    fdi = ds.series("fdi_inflows_usd", "KEN", [year])["value"].iloc[0]
    gdp = ds.series("gdp_usd", "KEN", [year])["value"].iloc[0]
    assert panel.at[year, "KEN"] == pytest.approx(fdi / gdp * 100)


def test_opportunities_are_absent_nearer_first_and_more_complex(ds):
    table = vc.opportunity_list(ds, "KEN", n=20)
    assert list(table.columns) == ["product", "name", "pci", "distance", "density"]
    assert len(table) == 20
    held = vc.complexity(ds).M.loc["KEN"]
    assert (held[table["product"]] == 0).all()
    assert table["distance"].is_monotonic_increasing
    assert (table["pci"] > vc.basket_pci(ds, "KEN")).all()
    assert vc.opportunity_list(ds, "TUV").empty  # removed by cleaning: empty, no error


def test_product_space_is_a_connected_map_with_positions(ds):
    nodes, edges = vc.product_space(ds)
    assert nodes[["x", "y"]].notna().all().all()
    assert len(edges) == int(vc.PRODUCT_SPACE_DEGREE * len(nodes) / 2)
    import networkx as nx

    graph = nx.from_pandas_edgelist(edges, "source", "target")
    assert nx.is_connected(graph) and graph.number_of_nodes() == len(nodes)
    assert vc.product_space(ds)[0] is nodes  # cached per process


def test_exercises_have_answers_from_the_data(ds, kenya):
    rca = vc.rca_exercise(kenya)
    top = vc.specialisation(ds, "KEN").sort_values("country_share").iloc[-1]
    assert rca.answer == pytest.approx(top["rca"])
    assert rca.check(f"{top['country_share'] / top['world_share']:.1f}").correct
    diversity = vc.diversity_exercise(kenya)
    assert diversity.available and diversity.check(str(diversity.answer)).correct


def test_data_poor_country_gets_skip_notes_not_errors(ds):
    lesson = start_lesson(vc.NOTEBOOK, "TUV", ds=ds)  # small island: no complexity result
    assert vc.eci_ranking_chart(lesson) is None
    assert vc.opportunities_chart(lesson) is None
    assert "Economic Complexity Index" in lesson.skipped
    assert vc.opportunities_table(lesson) is None
    assert not vc.rca_exercise(lesson).available or vc.rca_exercise(lesson).answer > 0


def test_flags_and_headline_work_without_eci_in_the_pack(ds, kenya):
    results = kenya.finish("", vc.HEADLINE_IDS, vc.FLAG_INDICATORS)
    assert results["headline"]["eci"]["year"] == int(ds.trade["year"].max())
    assert set(results["flags"]) <= {"narrow_export_basket", "low_eci", "low_manuf_exports"}
    angola = start_lesson(vc.NOTEBOOK, "AGO", ds=ds)  # oil: narrow basket, low ECI
    flags = angola.finish("", vc.HEADLINE_IDS, vc.FLAG_INDICATORS)["flags"]
    assert "low_eci" in flags


def test_explorer_starts_on_an_uncharted_indicator_and_renders_statically(ds, kenya,
                                                                          monkeypatch):
    settings = vc.explorer_settings(kenya)
    state = initial_state(settings["countries"], settings["country"], settings["peers"],
                          settings["years"], settings["indicators"], settings["indicator"])
    assert state["indicator"] == vc.EXPLORER_START == "exports_gnfs_share_gdp"
    shown = []
    monkeypatch.setattr(vc, "display", lambda obj, **k: shown.append(obj.data))
    monkeypatch.setattr("policylab.lessons.context.show", lambda fig: shown.append(fig))
    vc.explore_view(ds, {"country": "KEN", "peers": [], "years": (2000, 2020),
                         "indicator": "fdi_share_gdp"})
    fig, message = shown
    panel = vc.fdi_share_panel(start_lesson(vc.NOTEBOOK, "KEN", [], 2000, 2020, ds=ds))
    latest = fmt_quantity(panel["KEN"].dropna().iloc[-1], "% of GDP")
    assert f"({latest}, " in figure_title(fig) and f"({latest};" in message
    assert message.startswith("**Key message.** On FDI net inflows, Kenya ranked")


def test_policy_cases_name_flags_in_words(kenya):
    text = vc.policy_cases_markdown(kenya, ["low_eci"])
    assert "low economic complexity" in text and "low_eci" not in text


def stratified_sample(ds, indicators, size: int = 60, poorest: int = 12) -> list[str]:
    """About ``size`` countries spread evenly over how many observations of ``indicators``
    they have, the ``poorest`` data-poor ones always in: the batch runs every country."""
    countries = list(ds.countries().index)
    counts = (ds.obs[ds.obs["indicator"].isin(list(indicators))].groupby("iso3").size()
              .reindex(countries, fill_value=0).sort_values(kind="stable"))
    rest = list(counts.index[poorest:])
    step = len(rest) / (size - poorest)
    return list(counts.index[:poorest]) + [rest[int(i * step)] for i in range(size - poorest)]


def test_every_country_runs_every_section(ds, capsys, monkeypatch):
    """A stratified sample of countries, data-poor ones included (the batch runs them all),
    through every section (three fixed peers, so peer
    selection is not what is timed); prints how many sections were skipped. The shared
    chart builders are replaced by empty figures (they have their own tests): what is
    exercised here is this lesson's data handling for each country."""
    for builder in ("bar_compare", "line_compare", "scatter_compare", "network",
                    "new_figure"):
        monkeypatch.setattr(vc, builder, lambda *args, **kwargs: go.Figure())
    monkeypatch.setattr(vc, "region_band_chart", lambda *args, **kwargs: go.Figure())
    for module in (vc, context):
        monkeypatch.setattr(module, "display", lambda *args, **kwargs: None)
    started = time.perf_counter()
    codes = stratified_sample(ds, ("manuf_share_merch_exports", "fdi_inflows_usd",
                                   "exports_gnfs_share_gdp", "hightech_share_manuf_exports"))
    codes += [c for c in ("TUV", "SSD", "DEU") if c not in codes]
    skipped, failures = 0, []
    for code in codes:
        peers = [c for c in ("KEN", "DEU", "BRA", "VNM") if c != code][:3]
        lesson = Lesson(ds, vc.NOTEBOOK, code, choose_peers(ds, code, peers), 2000, 2024)
        explore = functools.partial(vc.explore_view, ds, {
            "country": code, "peers": peers, "years": (2000, 2024),
            "indicator": "trade_openness"})
        for section in (*CHARTS, *TABLES, vc.messages, vc.diversity_exercise,
                        vc.rca_exercise, lambda _, run=explore: run()):
            try:
                section(lesson)
            except Exception as error:  # noqa: BLE001 - collect every failure to report
                failures.append(f"{code} {section.__name__}: {error!r}")
        skipped += len(lesson.skipped)
    with capsys.disabled():
        print(f"\n{len(codes)} countries x {len(CHARTS)} charts: {skipped} sections skipped "
              f"({time.perf_counter() - started:.0f} s)")
    assert not failures, "\n".join(failures[:20])
    assert skipped < len(codes) * len(CHARTS) / 2
