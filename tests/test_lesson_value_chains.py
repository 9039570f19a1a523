"""The value-chains lesson package: each section on the tiny pack or a synthetic product
panel (computed values asserted), the visible method cell against the page's table, and a
second layer of real-data tests (marker ``realdata``)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from test_product_level import synthetic_dataset

from policylab.charts.template import figure_title
from policylab.evidence import group_median, peer_median
from policylab.evidence.stated_medians import stated_group_median
from policylab.lessons import context
from policylab.lessons import value_chains as vc
from policylab.lessons.common import finish, sources_table, start
from policylab.lessons.value_chains import (
    complexity,
    exercises,
    explore,
    fdi,
    panel,
    products,
    space,
    structure,
    trends,
)
from policylab.metrics import product_level as pl
from policylab.metrics.value_chains_eci import income_fit_quality
from policylab.text import format_value
from policylab.text.figures import share_figures

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_value_chains.ipynb"
PRODUCT_LEVEL = (products.top_exports_table, products.specialisation_chart,
                 products.diversity_chart, space.product_space_chart, space.opportunities_table)
PEERS = ["NAM", "BRA", "DEU"]


@pytest.fixture()
def shown(monkeypatch):
    """Everything the lesson displays as Markdown (skip notes, explorer messages)."""
    texts: list[str] = []
    monkeypatch.setattr(context, "display", lambda obj, **k: texts.append(str(obj.data)))
    monkeypatch.setattr(explore, "note", texts.append)
    return texts


@pytest.fixture()
def kenya(tiny_dataset):
    return start(vc.SPEC, "KEN", PEERS, ds=tiny_dataset)


def _title(fig) -> str:
    return figure_title(fig).replace("<br>", " ")


# --------------------------------------------------------------------- the spec
def test_spec_declares_the_lesson():
    assert vc.SPEC.notebook == "03_value_chains" and vc.SPEC.megatrend == "value_chains"
    assert vc.SPEC.explorer_start == "exports_gnfs_share_gdp"
    assert vc.SPEC.explorer_view is explore.view and "eci" in vc.SPEC.headline


# --------------------------------------------------------------------- 1. structure
def test_export_groups_table_values_years_and_medians(kenya):
    ds = kenya.ds
    table = structure.export_groups_table(kenya).frame.set_index("Product group")
    manuf = ds.latest("manuf_share_merch_exports", "KEN")
    assert table.at["Manufactures", "Kenya"] == f"{format_value(manuf.value)} ({manuf.year})"
    assert table.at["Manufactures", "Change since 2000 (points)"] == "+2.00 (2000–2002)"
    food = peer_median(ds, "food_share_merch_exports", PEERS, 2002)
    assert food.count == 3
    assert table.at["Food", "Peer median"] == f"{format_value(food.value)} (2002)"
    # two peers report the manufactures share (evidence rule: no median, the count said)
    assert table.at["Manufactures", "Peer median"] == "1 peer with data"
    assert table.at["Food", "Lower middle income median"] == "1 country with data"
    message = structure.structure_message(kenya)
    assert message.values["value"] == manuf.value and message.values["start_value"] == 20.0
    assert message.text.startswith("Manufactures made up 22.0% of Kenya's merchandise")


def test_a_computed_panel_states_the_group_median_by_the_tables_rule(tiny_dataset):
    namibia = start(vc.SPEC, "NAM", ["KEN", "BRA", "DEU"], ds=tiny_dataset)
    wide = trends.panel(namibia, "mva_share_gdp")
    for year in (2001, 2002):
        table_rule = group_median(tiny_dataset, "mva_share_gdp", "income_group",
                                  "Upper middle income", year)
        assert table_rule.count >= 3
        for computed in (False, True):
            stated = stated_group_median(tiny_dataset, wide, "income_group",
                                         namibia.income_group, year, ("mva_share_gdp",),
                                         computed)
            assert (stated.value, stated.count) == (table_rule.value, table_rule.count)


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["GHA", "KEN"])
def test_manufactures_chart_and_table_state_the_same_group_median(real_dataset, iso3):
    lesson = start(vc.SPEC, iso3, ds=real_dataset)
    title = _title(trends.manufactured_exports_chart(lesson))
    table = structure.export_groups_table(lesson).frame.set_index("Product group")
    cell = table.at["Manufactures", f"{lesson.income_group} median"]
    assert f"countries: {cell.split(' (')[0]}%)" in title


def test_trend_charts_state_the_change(kenya):
    title = _title(trends.mht_exports_chart(kenya))
    series = kenya.ds.series("mht_share_manuf_exports", "KEN").set_index("year")["value"]
    assert f"from {format_value(series[2000], '%')}" in title and "2000–2002" in title
    assert title.startswith("Kenya's medium and high-tech")
    message = trends.trend_message(kenya, "mht_share_manuf_exports")
    assert message.values["end_value"] == series[2002]


def test_group_median_of_a_computed_panel_follows_the_evidence_rules(tiny_dataset):
    from policylab.evidence.medians import panel_group_median_series

    lesson = start(vc.SPEC, "NAM", ["KEN", "BRA", "DEU"], ds=tiny_dataset)
    wide = fdi.openness_panel(lesson)
    # Upper middle income: NAM and BRA report, ROU and XKX do not -> no median
    assert panel_group_median_series(tiny_dataset, wide, "income_group",
                                     "Upper middle income").empty
    region = panel_group_median_series(tiny_dataset, wide, "region", "Sub-Saharan Africa")
    assert region.empty  # two members report
    three = wide.assign(ROU=wide["NAM"] + 1)
    median = panel_group_median_series(tiny_dataset, three, "income_group",
                                       "Upper middle income")
    assert median[2001] == pytest.approx(three.loc[2001, ["NAM", "BRA", "ROU"]].median())


# --------------------------------------------------------------------- 3. published ECI
def test_eci_shown_equals_the_pack(kenya, shown):
    standing = complexity.published_eci(kenya)[0]
    assert (standing["eci"], standing["year"], standing["rank"]) == (-0.55, 2001, 88)
    assert (standing["first_eci"], standing["first_year"]) == (-0.6, 2000)
    title = _title(complexity.eci_ranking_chart(kenya))
    assert "88th of 4 economies" in title and "\u22120.55" in title and "2001" in title
    message = complexity.eci_message(kenya)
    assert message.values["peer_median"] == pytest.approx(0.25)  # NAM −0.3, BRA 0.25, DEU 2.05
    assert "against a peer median of 0.25" in message.text and "published" in message.text
    trend = _title(complexity.eci_trend_chart(kenya))
    assert "from \u22120.60 in 2000 to \u22120.55 in 2001" in trend


# --------------------------------------------------------------------- 4. worked example
def test_worked_example_steps_match_the_library():
    from policylab.errors import PolicylabError
    from policylab.metrics.complexity import eci_pci, rca

    example = vc.example.worked_example()
    x = vc.example.WORKED_EXAMPLE
    expected = (x.iat[1, 2] / x.iloc[1].sum()) / (x.iloc[:, 2].sum() / x.to_numpy().sum())
    assert example.rca.iat[1, 2] == pytest.approx(expected)
    assert np.allclose(example.rca, rca(x))
    assert list(example.diversity) == list((rca(x) >= 1).sum(axis=1))
    assert np.allclose(example.country_matrix.sum(axis=1), 1.0)
    assert example.eigenvalues[0] == pytest.approx(1.0)
    values, vectors = np.linalg.eig(example.country_matrix.to_numpy())
    v = vectors[:, np.argsort(-values.real)[1]].real
    assert abs(np.corrcoef(v, example.eci)[0, 1]) == pytest.approx(1.0)
    assert np.allclose(example.eci, eci_pci(example.M.to_numpy(dtype=float))[0])
    exercise = vc.example.worked_example_exercise(example)
    assert exercise.answer == pytest.approx(expected) and "made-up" in exercise.question
    assert "in garments" in exercise.question
    changed = x.copy()
    changed.loc["Country E", "Machinery"] = 40.0
    assert vc.example.worked_example(changed).diversity["Country E"] == 2
    empty = x.copy()
    empty.loc["Country E"] = 0.0
    with pytest.raises(PolicylabError, match="Country E"):
        vc.example.worked_example(empty)


# --------------------------------------------------------------------- 5. products
def test_top_exports_table_equals_the_panel(kenya, shown):
    ds = kenya.ds
    table = products.top_exports_table(kenya)
    trade = ds.trade[ds.trade["year"] == 2001]
    own = trade[trade["exporter"] == "KEN"].groupby("product")["value"].sum()
    world = trade.groupby("product")["value"].sum()
    rca = (own / own.sum()) / (world / world.sum())
    assert list(table.frame["HS"]) == ["0901", "0102", "6201"]
    assert list(table.frame["RCA, 2001"]) == [format_value(v) for v in
                                             rca[["0901", "0102", "6201"]]]
    assert list(table.frame["Product"]) == ["Coffee", "Bovine", "Overcoats"]
    assert "2001" in table.caption and "2001" in table.source
    # sections by their published full names, said to be the Atlas's groups of chapters
    assert list(table.frame["Section"]) == ["Vegetables, animals, wood and paper"] * 2 + [
        "Textiles, garments, footwear and furniture"]
    assert table.source.endswith(" Sections: the Atlas of Economic Complexity's groups of "
                                 "HS chapters, as the Growth Lab publishes them.")
    message = products.top_exports_message(kenya)
    assert message.text.startswith("In 2001, Kenya's largest exports were coffee (78.9%)")
    # every product's RCA is drawn in the specialisation chart: no exercise can hide one
    assert products.exercise_product(kenya) is None
    assert not exercises.rca_exercise(kenya).available
    assert "2001" in panel.product_intro(kenya)
    assert panel.section_year(kenya, "Top exports") == 2001 and not kenya.skipped


def test_rca_exercise_asks_for_an_rca_the_page_does_not_show(kenya, monkeypatch):
    """The learner computes the RCA of a product whose two shares are shown and whose RCA
    is not: the table leaves its cell to the exercise, the chart does not draw it."""
    from policylab.learning.exercises import declared_answer

    monkeypatch.setattr(products, "SPECIALISATIONS_SHOWN", 1)
    top = pl.top_products(kenya.ds, "KEN", 3).set_index("product")
    code = products.exercise_product(kenya)
    assert code in {"0102", "6201"}  # not the first (the by-hand cell's), not drawn
    # the first candidate is skipped only when its RCA, as written, is on the page already
    page = (vc.example.steps_text(vc.example.worked_example(), kenya)
            + exercises.top_rca_text(kenya, "0102"))
    assert (code == "0102") != exercises.shown_elsewhere(kenya, top.at["0102", "rca"], page)
    exercise = exercises.rca_exercise(kenya)
    assert exercise.available and "In the table of largest exports (2001)" in exercise.question
    assert exercise.answer == pytest.approx(top.at[code, "rca"])
    table = products.top_exports_table(kenya)
    cells = table.frame.set_index("HS")["RCA, 2001"]
    assert cells[code] == products.YOUR_TURN and cells["0901"] == "1.63"
    shown_text = table.frame.to_string() + table.caption + table.source
    assert declared_answer(exercise) not in shown_text
    assert not exercises.shown_elsewhere(kenya, exercise.answer)
    chart = products.specialisation_chart(kenya, products.SPECIALISATIONS_SHOWN)
    assert top.at[code, "name"] not in " ".join(str(y) for y in chart.data[0].y)


def test_failing_and_absent_countries_get_no_product_results(tiny_dataset, shown):
    lesson = start(vc.SPEC, "BRA", ["NAM", "KEN", "DEU"], ds=tiny_dataset)
    status = tiny_dataset.product_status("BRA")
    assert not status.ok
    for section in PRODUCT_LEVEL:
        assert section(lesson) is None
    assert products.top_exports_message(lesson) is None
    assert space.opportunity_message(lesson) is None
    assert np.isnan(exercises.rca_exercise(lesson).answer)
    intro = panel.product_intro(lesson)
    assert status.reason in intro and intro.count(". ") == 0
    assert "diversity" not in vc.source_ids(lesson)
    assert lesson.skipped[:2] == ["Top exports", "Specialisation"]
    assert panel.section_year(lesson) is None and "Product space" in lesson.skipped


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
    lesson = start(vc.SPEC, "KEN", PEERS, ds=ds)
    for section in PRODUCT_LEVEL:
        assert section(lesson) is None
    assert not any("offee" in m.text for m in vc.messages(lesson))
    assert pl.top_products(ds, "KEN", 3).empty
    intro = panel.product_intro(lesson)
    assert "policylab data fetch" in intro and "policylab data build" in intro
    assert intro.removeprefix("**Product-level sections not shown.** ").count(". ") == 1
    assert not any("offee" in text for text in shown)


def _exercise_text(lesson) -> str:
    from policylab.learning.exercises import question_markdown, solution_markdown

    found = [exercises.diversity_exercise(lesson), exercises.rca_exercise(lesson),
             vc.example.worked_example_exercise(vc.example.worked_example(), lesson)]
    return "\n".join(question_markdown(e) + "\n" + solution_markdown(e) for e in found)


@pytest.mark.parametrize("case", ["no panel", "failing country"])
def test_no_page_text_says_none_without_product_results(case, no_panel_dataset, tiny_dataset,
                                                       shown):
    ds, iso3 = ((no_panel_dataset, "KEN") if case == "no panel" else (tiny_dataset, "BRA"))
    lesson = start(vc.SPEC, iso3, [p for p in ["NAM", "KEN", "BRA", "DEU"] if p != iso3],
                   ds=ds)
    for section in PRODUCT_LEVEL:
        section(lesson)
    diversity = exercises.diversity_exercise(lesson)
    assert not diversity.available
    assert "chart" not in diversity.question and "table" not in exercises.rca_exercise(
        lesson).question
    texts = [*shown, panel.product_intro(lesson), _exercise_text(lesson),
             *(m.text for m in vc.messages(lesson))]
    assert not [t for t in texts if "None" in t]


# --------------------------------------------------------------------- 6. product space
@pytest.fixture(scope="module")
def synthetic(tiny_dataset):
    return synthetic_dataset(tiny_dataset)


def test_product_space_and_nearby_products_on_a_synthetic_panel(synthetic, shown):
    lesson = start(vc.SPEC, "KEN", PEERS, ds=synthetic)
    table = space.opportunities_table(lesson)
    best = pl.nearby_complex_products(synthetic, "KEN", space.OPPORTUNITIES_SHOWN)
    assert list(table.frame["HS"]) == list(best["product"])
    assert (table.frame["PCI, 2016"] > pl.basket_pci(synthetic, "KEN")).all()
    assert table.source.endswith(panel.section_note())
    message = space.opportunity_message(lesson)
    assert message.values["product"] == best["product"].iloc[0]
    assert f"distance {format_value(best['distance'].iloc[0], decimals=2)}" in message.text
    title = _title(space.product_space_chart(lesson))
    held = int(pl.product_complexity(synthetic).M.loc["KEN"].sum())
    assert f"of its {held} products with RCA ≥ 1" in title and "2016" in title
    failing = start(vc.SPEC, "NAM", ["KEN", "BRA", "DEU"], ds=synthetic)
    assert space.product_space_chart(failing) is None
    assert "made to fail" in panel.product_intro(failing)


def test_no_product_space_on_the_tiny_panel_says_why(kenya, shown):
    assert space.product_space_chart(kenya) is None and space.opportunities_table(kenya) is None
    assert "Product space: not shown for Kenya" in shown[0]
    assert space.why_no_complexity(kenya) in shown[0]


# --------------------------------------------------------------------- 7. FDI and openness
def test_fdi_share_is_inflows_over_gdp(kenya):
    wide = fdi.fdi_share_panel(kenya)
    inflows = kenya.ds.latest("fdi_inflows_usd", "KEN")
    gdp = kenya.ds.series("gdp_usd", "KEN", [inflows.year])["value"].iloc[0]
    assert wide.at[inflows.year, "KEN"] == pytest.approx(inflows.value / gdp * 100)
    table = fdi.fdi_table(kenya).frame.set_index("Country")
    assert table.at["Kenya", "FDI net inflows (US$ million)"] == pytest.approx(
        inflows.value / 1e6)
    message = fdi.fdi_message(kenya)
    assert message.values["share_gdp"] == pytest.approx(wide.at[inflows.year, "KEN"])
    openness = fdi.openness_panel(kenya)
    exports = kenya.ds.latest("exports_gnfs_share_gdp", "KEN").value
    imports = kenya.ds.latest("imports_gnfs_share_gdp", "KEN").value
    assert openness.at[2002, "KEN"] == pytest.approx(exports + imports)


# --------------------------------------------------------------------- explorer
def test_explorer_view_draws_the_region_band_and_message(kenya, shown, monkeypatch):
    figures = []
    monkeypatch.setattr("policylab.lessons.context.show", figures.append)
    explore.view(kenya, "trade_openness")
    value = fdi.openness_panel(kenya).at[2002, "KEN"]
    assert f"({format_value(value, '%')} of GDP; all figures from 2002)" in _title(figures[0])
    assert shown[-1].startswith("**Key message.** On exports plus imports, Kenya ranked")


# --------------------------------------------------------------------- messages, results
def test_messages_results_and_sources(kenya, tmp_path):
    messages = vc.messages(kenya)
    assert [m.indicator for m in messages][:2] == ["manuf_share_merch_exports", "eci"]
    kenya.say(*messages)
    kenya.results_path = str(tmp_path / "results.json")
    results = finish(kenya)
    assert results["headline"]["eci"]["value"] == -0.55
    assert json.loads(Path(kenya.results_path).read_text())["country"] == "KEN"
    table = sources_table(kenya, vc.source_ids(kenya))
    assert "Export diversity" in " ".join(table["Indicators"])
    assert "2001 product panel are computed here" in vc.computed_note(kenya)


def test_diversity_exercise_needs_three_peers(kenya):
    exercise = exercises.diversity_exercise(kenya)
    assert np.isnan(exercise.answer)


# --------------------------------------------------------------------- visible method cell
def method_cell() -> str:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    found = [c for c in cells if c["cell_type"] == "code"
             and "(world / world.sum())" in "".join(c["source"])]
    assert len(found) == 1 and "hide" not in str(found[0]["metadata"])
    return "".join(found[0]["source"])


def test_visible_method_cell_equals_the_rca_on_the_page(kenya):
    out = io.StringIO()
    namespace = {"lesson": kenya}
    with contextlib.redirect_stdout(out):
        exec(method_cell(), namespace)  # noqa: S102 - the notebook's own cell
    assert out.getvalue().strip() == "RCA of HS 0901 in 2001: 1.63"
    table = products.top_exports_table(kenya)
    first = table.frame.iloc[0]
    assert first["HS"] == namespace["product"]
    assert format_value(namespace["rca"][namespace["product"]]) == first["RCA, 2001"] == "1.63"


def test_visible_method_cell_shows_nothing_for_a_failing_country(tiny_dataset):
    out = io.StringIO()
    lesson = start(vc.SPEC, "BRA", ["NAM", "KEN", "DEU"], ds=tiny_dataset)
    with contextlib.redirect_stdout(out):
        exec(method_cell(), {"lesson": lesson})  # noqa: S102
    assert out.getvalue() == ""


# --------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def ds(real_dataset):
    return real_dataset


@pytest.mark.realdata
@pytest.mark.parametrize("iso3", ["GHA", "KEN", "MAR"])
def test_real_method_cell_equals_the_table(ds, iso3):
    lesson = start(vc.SPEC, iso3, ds=ds)
    namespace, out = {"lesson": lesson}, io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(method_cell(), namespace)  # noqa: S102
    table = products.top_exports_table(lesson)
    first = table.frame.iloc[0]
    assert first["HS"] == namespace["product"]
    assert format_value(namespace["rca"][namespace["product"]]) == first["RCA, 2016"]
    assert out.getvalue().strip().endswith(first["RCA, 2016"])
    # the exercise's product is never the first, and its RCA is not in the table
    exercise = exercises.rca_exercise(lesson)
    if exercise.available:
        from policylab.learning.exercises import declared_answer

        assert exercise.answer != pytest.approx(namespace["rca"][namespace["product"]])
        assert declared_answer(exercise) not in set(table.frame["RCA, 2016"])


@pytest.mark.realdata
def test_ghana_exports_gold_cocoa_and_crude_oil(ds):
    lesson = start(vc.SPEC, "GHA", ds=ds)
    assert list(pl.top_products(ds, "GHA", 3)["product"]) == ["7108", "1801", "2709"]
    assert "In 2016, Ghana's largest exports were gold" in products.top_exports_message(lesson).text


@pytest.mark.parametrize(("share", "written"), [
    (12.0, "12.0%"), (28.2, "28.2%"), (2.0, "2.00%"), (1.9, "1.90%"), (0.0456, "0.0456%"),
    (100.0, "100%")])
def test_shares_keep_their_three_significant_figures(share, written):
    """"crude oil (12%)" beside "gold (28.2%)": a share never loses its trailing zeros."""
    assert share_figures(share) == written


@pytest.mark.realdata
def test_ghana_message_writes_every_share_with_three_figures(ds):
    text = products.top_exports_message(start(vc.SPEC, "GHA", ds=ds)).text
    assert "(12.0%)" in text and "(28.2%)" in text


@pytest.mark.realdata
def test_ethiopia_gets_the_reason_and_no_product_results(ds, shown):
    lesson = start(vc.SPEC, "ETH", ds=ds)
    status = ds.product_status("ETH")
    assert not status.ok and status.reason in panel.product_intro(lesson)
    for section in PRODUCT_LEVEL:
        assert section(lesson) is None
    texts = [m.text for m in vc.messages(lesson)]
    assert not any("product panel" in t or "product space" in t for t in texts)
    assert len(texts) >= vc.MIN_MESSAGES


@pytest.mark.realdata
def test_real_neighbourhood_and_opportunities(ds, shown):
    kenya = start(vc.SPEC, "KEN", ds=ds)
    nodes, _ = pl.neighbourhood(ds, "KEN")
    assert 10 <= len(nodes) <= 60 and nodes["name"].astype(bool).all()
    held = pl.product_complexity(ds).M.loc["KEN"]
    assert (held[nodes.index[nodes["role"] == "held"]] == 1).all()
    assert "2016" in _title(space.product_space_chart(kenya))
    assert len(space.opportunities_table(kenya).frame) == space.OPPORTUNITIES_SHOWN


@pytest.mark.realdata
def test_real_eci_shown_equals_the_pack(ds):
    kenya = start(vc.SPEC, "KEN", ds=ds)
    eci = ds.latest("eci", "KEN")
    rank = ds.series("eci_rank", "KEN", [eci.year])["value"].iloc[0]
    ranked = ds.series("eci", None, [eci.year]).dropna(subset=["value"])["iso3"].nunique()
    title = _title(complexity.eci_ranking_chart(kenya))
    assert f"{int(rank)}th of {ranked}" in title and format_value(eci.value, decimals=2) in title
    assert complexity.eci_message(kenya).values["eci"] == eci.value
    assert panel.product_note(ds).startswith("Source: Growth Lab at Harvard University")
    assert structure.export_groups_table(kenya) is not None


# --------------------------------------------------------------------- issue 11: judgements
@pytest.fixture()
def broken(monkeypatch):
    """Every series of the pack "breaks" in 2001 (the lesson and the chart helper both read
    ``evidence.breaks.series_flags``)."""
    from policylab.charts import breaks as chart_breaks
    from policylab.evidence import breaks as evidence_breaks
    from policylab.evidence.breaks import SeriesFlags

    def flags(ds, indicator, iso3):
        return SeriesFlags(breaks=(2001,))

    monkeypatch.setattr(evidence_breaks, "series_flags", flags)
    monkeypatch.setattr(chart_breaks, "series_flags", flags)


def _break_lines(fig) -> list:
    return [s for s in fig.layout.shapes if s.line.dash == "dot" and s.x0 == 2001]


def test_no_change_is_stated_across_a_likely_break(kenya, broken):
    title = _title(trends.mht_exports_chart(kenya))
    assert "went from" not in title and "stood at" in title
    assert "the change since 2000 is not stated" in title and "likely breaks in 2001" in title
    assert _break_lines(trends.mht_exports_chart(kenya))
    table = structure.export_groups_table(kenya).frame.set_index("Product group")
    assert table.at["Manufactures", "Change since 2000 (points)"].startswith("not stated")
    message = structure.structure_message(kenya)
    assert "against 20.0%" not in message.text and "not stated" in message.text
    assert "likely breaks in 2001" in message.values["change_withheld"]
    eci = _title(complexity.eci_trend_chart(kenya))
    assert "went from" not in eci and "not stated" in eci
    assert _break_lines(complexity.eci_trend_chart(kenya))
    assert "it was" not in complexity.eci_message(kenya).text
    assert _break_lines(structure.export_groups_chart(kenya))


def test_a_computed_ratio_withholds_the_change_of_a_broken_input(kenya, broken):
    title = _title(fdi.fdi_chart(kenya))
    assert "went from" not in title and "not stated" in title
    assert _break_lines(fdi.fdi_chart(kenya))


def test_sound_series_state_their_change(kenya):
    assert "from \u22120.60 in 2000 to \u22120.55 in 2001" in _title(
        complexity.eci_trend_chart(kenya))
    assert "change_withheld" not in structure.structure_message(kenya).values


def _fit_frame(own: float, slope: float = 1.0, noise: float = 0.1):
    import pandas as pd

    rng = np.random.default_rng(0)
    income = np.logspace(3, 5, 40)
    eci = slope * np.log10(income) + rng.normal(0, noise, len(income))
    frame = pd.DataFrame({"eci": eci, "gdp_per_capita": income},
                         index=[f"C{i:02d}" for i in range(len(income))])
    frame.loc["FOC"] = [slope * 4 + own, 1e4]
    fit = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["eci"], 1)
    frame["expected"] = np.polyval(fit, np.log10(frame["gdp_per_capita"]))
    return frame


def test_income_verdict_only_when_the_fit_and_the_distance_are_clear():
    side, why = complexity.income_verdict(_fit_frame(own=1.0), "FOC")
    assert (side, why) == ("more", "")
    assert complexity.income_verdict(_fit_frame(own=-1.0), "FOC")[0] == "less"
    side, why = complexity.income_verdict(_fit_frame(own=0.05), "FOC")
    assert side is None and "within the typical scatter" in why
    side, why = complexity.income_verdict(_fit_frame(own=1.0, slope=0.05, noise=0.5), "FOC")
    assert side is None and "no more than the typical scatter" in why
    quality = income_fit_quality(_fit_frame(own=0.0))
    assert quality["rise"] == pytest.approx(1.8, abs=0.2)  # 5th to 95th percentile of income
    assert "typical scatter" in complexity.fit_rule_text()


def test_income_chart_says_inconclusive_when_the_country_sits_on_the_line(kenya, monkeypatch):
    frame = _fit_frame(own=0.0).rename(index={"FOC": "KEN"})
    frame.attrs["eci_year"] = 2001
    monkeypatch.setattr(complexity, "eci_income_fit", lambda ds, year: frame)
    known = kenya.ds.name
    monkeypatch.setattr(kenya.ds, "name", lambda c: known(c) if c == "KEN" else c)
    title = _title(complexity.eci_income_chart(kenya))
    assert "inconclusive" in title and "more complex than" not in title


def test_worked_example_table_leaves_the_exercise_answer_out():
    from policylab.learning.exercises import declared_answer

    example = vc.example.worked_example()
    exercise = vc.example.worked_example_exercise(example)
    table = vc.example.rca_table(example)
    country, product = vc.example.exercise_cell(example)
    assert table.at[country, product] == vc.example.YOUR_TURN
    assert declared_answer(exercise) not in table.to_string()
    assert declared_answer(exercise) == "1.40"


def test_worked_example_exercise_asks_nothing_the_steps_show():
    """The step 3 table shows M of the exercise's cell (1: its RCA is at least 1), so the
    exercise asks for the RCA only, which no step shows, and has the learner check it
    against M; it asked "Is it 'revealed' competitive in it (RCA ≥ 1)?", which M answered."""
    example = vc.example.worked_example()
    exercise = vc.example.worked_example_exercise(example)
    assert example.M.at[vc.example.exercise_cell(example)] == 1
    assert "?" not in exercise.question
    assert exercise.question.endswith(
        "compute the RCA of Country B in garments, which the step 2 table leaves out. Then "
        "check your figure against the step 3 table, where M = 1 marks an RCA of at least 1.")
    assert exercise.explanation == ("RCA = (25 / 95) / (115 / 612) = 1.40: at least 1, as "
                                    "M = 1 in the step 3 table shows.")


def test_notebook_states_duration_glossary_and_method_boxes():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = ["".join(c["source"]) for c in cells]
    assert "About 2 hours" in text[0]
    assert any("Words used in this lesson" in t and "Eigenvector" in t for t in text)
    assert sum("METHOD_TEXT" in t for t in text) == 1
    assert any("fit_rule_text()" in t for t in text)
    participant = [t for c, t in zip(cells, text, strict=True) if c["cell_type"] == "markdown"
                   and "facilitator" not in c["metadata"].get("tags", [])]
    for t in participant:
        assert "<br>" not in t and "policylab." not in t and "fdi_inflows_usd" not in t
    assert "45 minutes" not in " ".join(text)


def test_an_erratic_series_states_its_level_not_a_change(kenya, monkeypatch):
    """Morocco's medium and high-tech share once swung 28.0, 6.7, 30.4, 10.6, 40.9, 12.0,
    28.3: no change, no trend is read from such a series."""
    from policylab.evidence import breaks as evidence_breaks
    from policylab.evidence.breaks import detect

    swings = detect(range(2016, 2023), [28.0, 6.7, 30.4, 10.6, 40.9, 12.0, 28.3])
    assert swings.erratic
    monkeypatch.setattr(evidence_breaks, "series_flags", lambda ds, indicator, iso3: swings)
    title = _title(trends.mht_exports_chart(kenya))
    assert "went from" not in title and "swings too much" in title
    assert "method box" not in title  # the pointer is for sentences, not titles
