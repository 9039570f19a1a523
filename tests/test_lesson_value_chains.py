"""The value-chains lesson: WDI export structure, the PUBLISHED ECI, the worked example,
and product-level sections only where the product panel passes the completeness check
(tiny pack fixture where possible; real-data tests marked ``realdata``)."""

from __future__ import annotations

import functools
import shutil
import time

import numpy as np
import plotly.graph_objects as go
import pytest

from policylab.charts.template import figure_title
from policylab.learning.widgets import initial_state
from policylab.lessons import context
from policylab.lessons import value_chains as vc
from policylab.lessons.context import Lesson, start_lesson
from policylab.narrative import fmt_quantity
from policylab.peers import choose_peers
from policylab.text import format_value

CHARTS = (vc.export_groups_chart, vc.service_exports_chart, vc.ict_services_chart,
          vc.manufactured_exports_chart, vc.mht_exports_chart, vc.hightech_exports_chart,
          vc.eci_trend_chart, vc.eci_ranking_chart, vc.eci_income_chart,
          vc.specialisation_chart, vc.diversity_chart, vc.product_space_chart, vc.fdi_chart,
          vc.openness_chart)
TABLES = (vc.export_groups_table, vc.top_exports_table, vc.opportunities_table, vc.fdi_table)
PRODUCT_LEVEL = (vc.top_exports_table, vc.specialisation_chart, vc.diversity_chart,
                 vc.product_space_chart, vc.opportunities_table)


def _panel_top(ds, iso3, n):
    """The country's n largest exports computed directly from ds.trade (latest panel year)."""
    year = ds.product_years[-1]
    rows = ds.trade[(ds.trade["exporter"] == iso3) & (ds.trade["year"] == year)]
    values = rows.groupby("product")["value"].sum().sort_values(ascending=False)
    world = ds.trade[ds.trade["year"] == year]["value"].sum()
    world_by = ds.trade[ds.trade["year"] == year].groupby("product")["value"].sum()
    share = values / values.sum() * 100
    return values.head(n), share.head(n), (share / (world_by / world * 100)).reindex(
        values.index[:n])


@pytest.fixture()
def shown(monkeypatch):
    """Everything the lesson displays (markdown text and skip notes)."""
    texts: list[str] = []
    monkeypatch.setattr(context, "display", lambda obj, **k: texts.append(str(obj.data)))
    return texts


# --------------------------------------------------------------------- tiny pack
def test_tiny_top_products_equal_the_panel(tiny_dataset, shown):
    ds = tiny_dataset
    lesson = start_lesson(vc.NOTEBOOK, "KEN", ["NAM", "BRA", "DEU"], ds=ds)
    assert ds.product_status("KEN").ok and ds.product_years == [2001]
    table = vc.top_exports_table(lesson)
    values, shares, rcas = _panel_top(ds, "KEN", vc.TOP_PRODUCTS)
    assert list(table.frame["HS"]) == list(values.index) == ["0901", "0102", "6201"]
    assert np.allclose(table.frame["Share of Kenya's exports, 2001"], shares.to_numpy())
    assert np.allclose(table.frame["RCA, 2001"], rcas.to_numpy())
    assert list(table.frame["Product"]) == ["Coffee", "Bovine", "Overcoats"]  # ds.products
    assert "2001" in table.caption and "2001" in table.source
    assert "SITC" not in " ".join(table.frame.columns)
    message = vc.top_exports_message(lesson)
    assert message.text.startswith("In 2001, Kenya's largest exports were coffee")
    assert "2001" in vc.product_intro(lesson)


def test_tiny_failing_and_absent_countries_get_no_product_results(tiny_dataset, shown):
    lesson = start_lesson(vc.NOTEBOOK, "BRA", ["NAM", "KEN", "DEU"], ds=tiny_dataset)
    status = tiny_dataset.product_status("BRA")
    assert not status.ok
    for section in PRODUCT_LEVEL:
        assert section(lesson) is None
    assert vc.top_exports_message(lesson) is None and vc.opportunity_message(lesson) is None
    assert np.isnan(vc.rca_exercise(lesson).answer)
    intro = vc.product_intro(lesson)
    assert status.reason in intro and intro.count(". ") == 0  # one sentence


@pytest.fixture(scope="module")
def no_panel_dataset(tiny_raw, tmp_path_factory):
    from policylab.pack.build import build_pack
    from policylab.pack.dataset import load

    raw = tmp_path_factory.mktemp("nopanel") / "raw"
    shutil.copytree(tiny_raw, raw)
    shutil.rmtree(raw / "trade")
    pack = raw.parent / "pack"
    build_pack(raw, pack)
    return load(pack)


def test_without_a_panel_no_product_level_result_is_shown(no_panel_dataset, shown):
    ds = no_panel_dataset
    assert ds.product_years == []
    lesson = start_lesson(vc.NOTEBOOK, "KEN", ["NAM", "BRA", "DEU"], ds=ds)
    for section in PRODUCT_LEVEL:
        assert section(lesson) is None
    for message in vc.messages(lesson):
        assert "Coffee" not in message.text and "coffee" not in message.text
    assert vc.top_products(ds, "KEN").empty
    intro = vc.product_intro(lesson)
    assert "policylab data fetch" in intro and "policylab data build" in intro
    assert intro.removeprefix("**Product-level sections not shown.** ").count(". ") == 1
    assert not any("Coffee" in text or "coffee" in text for text in shown)


def test_tiny_eci_shown_equals_the_pack(tiny_dataset, shown):
    lesson = start_lesson(vc.NOTEBOOK, "KEN", ["NAM", "BRA", "DEU"], ds=tiny_dataset)
    standing = vc.eci_standing(lesson)
    assert (standing["eci"], standing["year"], standing["rank"]) == (-0.55, 2001, 88)
    assert (standing["first_eci"], standing["first_year"]) == (-0.6, 2000)
    title = figure_title(vc.eci_ranking_chart(lesson)).replace("<br>", " ")
    assert "88th of 4 economies" in title and "\u22120.55" in title and "2001" in title
    message = vc.eci_message(lesson)
    assert message.values["eci"] == tiny_dataset.latest("eci", "KEN").value
    assert "published" in message.text


def test_worked_example_steps_match_the_library():
    from policylab.metrics.complexity import eci_pci, rca

    example = vc.worked_example()
    x = vc.WORKED_EXAMPLE
    expected = (x.iat[1, 2] / x.iloc[1].sum()) / (x.iloc[:, 2].sum() / x.to_numpy().sum())
    assert example.rca.iat[1, 2] == pytest.approx(expected)
    assert np.allclose(example.rca, rca(x))
    assert list(example.diversity) == list((rca(x) >= 1).sum(axis=1))
    assert np.allclose(example.country_matrix.sum(axis=1), 1.0)
    assert example.eigenvalues[0] == pytest.approx(1.0)
    # the ECI is the eigenvector of M~ for the second-largest eigenvalue
    values, vectors = np.linalg.eig(example.country_matrix.to_numpy())
    v = vectors[:, np.argsort(-values.real)[1]].real
    assert abs(np.corrcoef(v, example.eci)[0, 1]) == pytest.approx(1.0)
    assert np.allclose(example.eci, eci_pci(example.M.to_numpy(dtype=float))[0])
    assert np.corrcoef(example.eci, example.diversity)[0, 1] > 0
    exercise = vc.worked_example_exercise(example)
    assert exercise.answer == pytest.approx(expected) and "made-up" in exercise.question
    changed = x.copy()
    changed.loc["Country E", "Machinery"] = 40.0  # learners change it: the steps follow
    assert vc.worked_example(changed).diversity["Country E"] == 2
    empty = x.copy()
    empty.loc["Country E"] = 0.0
    with pytest.raises(vc.PolicylabError, match="Country E"):
        vc.worked_example(empty)


# --------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def ds(real_dataset):
    return real_dataset


@pytest.fixture(scope="module")
def kenya(ds) -> Lesson:
    return start_lesson(vc.NOTEBOOK, "KEN", ds=ds)


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["GHA", "KEN", "MAR"])
def test_real_top_products_equal_the_panel(ds, iso3, shown):
    lesson = start_lesson(vc.NOTEBOOK, iso3, ds=ds)
    table = vc.top_exports_table(lesson)
    values, shares, _ = _panel_top(ds, iso3, vc.TOP_PRODUCTS)
    assert list(table.frame["HS"]) == list(values.index)
    year = ds.product_years[-1]
    assert np.allclose(table.frame[f"Share of {lesson.name}'s exports, {year}"], shares)
    assert str(year) in table.caption
    message = vc.top_exports_message(lesson)
    assert message.values["products"] == list(values.index[:3])


@pytest.mark.realdata
def test_ghana_exports_gold_cocoa_and_crude_oil(ds, shown):
    lesson = start_lesson(vc.NOTEBOOK, "GHA", ds=ds)
    assert list(vc.top_products(ds, "GHA", 3)["product"]) == ["7108", "1801", "2709"]
    assert "In 2016, Ghana's largest exports were gold" in vc.top_exports_message(lesson).text


@pytest.mark.realdata
def test_ethiopia_gets_the_reason_and_no_product_results(ds, shown):
    lesson = start_lesson(vc.NOTEBOOK, "ETH", ds=ds)
    status = ds.product_status("ETH")
    assert not status.ok
    assert status.reason in vc.product_intro(lesson)
    for section in PRODUCT_LEVEL:
        assert section(lesson) is None
    texts = [m.text for m in vc.messages(lesson)]
    assert not any("product panel" in t or "product space" in t for t in texts)
    assert len(texts) >= vc.MIN_MESSAGES


@pytest.mark.realdata
def test_real_eci_shown_equals_the_pack(ds, kenya, shown):
    eci = ds.latest("eci", "KEN")
    rank = ds.series("eci_rank", "KEN", [eci.year])["value"].iloc[0]
    title = figure_title(vc.eci_ranking_chart(kenya)).replace("<br>", " ")
    ranked = ds.series("eci", None, [eci.year]).dropna(subset=["value"])["iso3"].nunique()
    assert f"{int(rank)}th of {ranked}" in title and format_value(eci.value) in title
    trend = figure_title(vc.eci_trend_chart(kenya)).replace("<br>", " ")
    first = ds.series("eci", "KEN").dropna(subset=["value"]).iloc[0]
    assert f"in {int(first['year'])}" in trend and f"{first['value']:.2f}" in trend
    assert vc.eci_message(kenya).values["eci"] == eci.value
    assert "Growth Lab" in vc.eci_source(kenya)


@pytest.mark.realdata
def test_export_groups_table_carries_years_and_change(ds, kenya):
    table = vc.export_groups_table(kenya)
    food = ds.latest("food_share_merch_exports", "KEN")
    row = table.frame.set_index("Product group").loc["Food"]
    assert row["Kenya"] == f"{food.value:,.1f} ({food.year})"
    first = ds.series("food_share_merch_exports", "KEN", (2000, None)).dropna(
        subset=["value"]).iloc[0]
    assert row["Change since 2000 (points)"] == (
        f"{food.value - first['value']:+,.1f} ({int(first['year'])}–{food.year})")


@pytest.mark.realdata
def test_neighbourhood_is_small_labelled_and_from_the_panel(ds, kenya, shown):
    nodes, edges = vc.product_neighbourhood(kenya)
    assert 10 <= len(nodes) <= 60 and nodes["name"].astype(bool).all()
    held = vc.complexity(ds).M.loc["KEN"]
    assert (held[nodes.index[nodes["role"] == "held"]] == 1).all()
    assert (held[nodes.index[nodes["role"] == "candidate"]] == 0).all()
    assert "2016" in figure_title(vc.product_space_chart(kenya))


@pytest.mark.realdata
def test_fdi_share_is_inflows_over_gdp(ds, kenya):
    panel = vc.fdi_share_panel(kenya)
    year = int(panel["KEN"].dropna().index[-1])
    fdi = ds.series("fdi_inflows_usd", "KEN", [year])["value"].iloc[0]
    gdp = ds.series("gdp_usd", "KEN", [year])["value"].iloc[0]
    assert panel.at[year, "KEN"] == pytest.approx(fdi / gdp * 100)


@pytest.mark.realdata
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


@pytest.mark.realdata
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


@pytest.mark.realdata
def test_every_country_runs_every_section(ds, capsys, monkeypatch):
    """A stratified sample of countries, data-poor ones included (the batch runs them all),
    through every section (three fixed peers, so peer
    selection is not what is timed); prints how many sections were skipped. The shared
    chart builders are replaced by empty figures (they have their own tests): what is
    exercised here is this lesson's data handling for each country."""
    for builder in ("bar_compare", "line_compare", "scatter_compare",
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
                        vc.rca_exercise, vc.product_intro, lambda _, run=explore: run()):
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
