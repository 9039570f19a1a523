"""metrics.collaboration on a synthetic product panel (12 countries x 60 products), and the
evidence layer's world-quarter edge that the forum and the challenge rules share."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from policylab.evidence import world_quartile
from policylab.forum import complementarity
from policylab.metrics.collaboration import (
    basket_opportunities,
    complexity_problem,
    export_shares,
    opportunity_lists,
    panel_complexity,
    panel_year,
    product_coverage,
    uncovered,
)
from policylab.pack.dataset import Dataset
from policylab.results import FLAG_RULES, diagnose_flags

CODES = [f"C{k:02d}" for k in range(12)]
PRODUCTS = [f"{k:04d}" for k in range(100, 160)]
YEAR = 2016
FAILING = "C11"


def synthetic(panel: bool = True) -> Dataset:
    countries = pd.DataFrame({
        "iso3": CODES, "iso2": CODES, "name": [f"Country {c}" for c in CODES],
        "region": ["R"] * 12, "income_group": ["Lower middle income"] * 12,
        "is_aggregate": [False] * 12})
    rows = [(c, y, "internet_users_share", float(k + 1) + 0.1 * (y - 2020))
            for k, c in enumerate(CODES) for y in range(2020, 2025)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    rng = np.random.default_rng(7)
    trade = pd.DataFrame(
        [(c, p, YEAR, float(rng.lognormal(10 + 0.2 * k, 1.5)))
         for k, c in enumerate(CODES) for p in PRODUCTS],
        columns=["exporter", "product", "year", "value"])
    products = pd.DataFrame({"code": PRODUCTS, "name": [f"Product {p}" for p in PRODUCTS],
                             "name_short": [f"P{p}" for p in PRODUCTS], "section": "1",
                             "section_name": "All", "manufacture": True})
    manifest = {"product_panel": {"years": [YEAR] if panel else [], "excluded": [
        {"country": FAILING, "year": YEAR, "reason": "panel total 40% of WDI exports"}]}}
    return Dataset.from_frames(obs, countries, trade, products, manifest)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return synthetic()


def test_coverage_keeps_countries_passing_the_check(ds):
    taking_part, left_out = product_coverage(ds, ["C00", FAILING, "C05"])
    assert panel_year(ds) == YEAR
    assert taking_part == ["C00", "C05"]
    assert left_out == {FAILING: "panel total 40% of WDI exports"}


def test_complexity_leaves_out_failing_exporters_and_is_computed_once(ds):
    result = panel_complexity(ds)
    assert result.year == YEAR and FAILING not in result.M.index
    assert FAILING not in result.dropped_exporters  # removed before, not by the cleaning
    assert panel_complexity(ds) is result
    assert complexity_problem(ds) == ""


def test_basket_opportunities_are_closest_products_above_the_basket_pci(ds):
    result = panel_complexity(ds)
    iso3 = result.M.index[0]
    exported = result.M.loc[iso3]
    basket_pci = float(result.pci[exported[exported > 0].index].mean())
    table = basket_opportunities(result, iso3, n=None)
    absent = set(exported.index[exported == 0])
    expected = {p for p in absent if result.pci[p] > basket_pci}
    assert set(table["product"]) == expected and expected
    assert table["distance"].is_monotonic_increasing
    assert (table["year"] == YEAR).all()
    assert len(basket_opportunities(result, iso3, n=3)) == min(3, len(expected))


def test_opportunity_lists_name_products_and_skip_uncovered_countries(ds):
    result = panel_complexity(ds)
    kept, dropped = result.M.index[0], next(iter(result.dropped_exporters))
    lists = opportunity_lists(ds, [kept, dropped, FAILING], n=5)
    assert list(lists) == [kept]
    table = lists[kept]
    assert len(table) <= 5
    assert table["name"].tolist() == [f"P{p}" for p in table["product"]]
    assert list(table.columns[-2:]) == ["name", "year"]
    missing = uncovered(ds, [kept, dropped, FAILING])
    assert list(missing) == [FAILING, dropped]
    assert missing[dropped] == result.dropped_exporters[dropped]


def test_export_shares_sum_to_one_and_match_complementarity(ds):
    shares = export_shares(ds, ["C03", FAILING, "C01"])
    assert list(shares.index) == ["C03", "C01"]
    assert shares.sum(axis=1).to_numpy() == pytest.approx([1.0, 1.0])
    part = ds.trade[ds.trade["exporter"] == "C01"]
    first = float(part.loc[part["product"] == PRODUCTS[0], "value"].iloc[0])
    assert shares.at["C01", PRODUCTS[0]] == pytest.approx(first / part["value"].sum())
    a, b = shares.loc["C03"], shares.loc["C01"]
    by_hand = 1 - (a @ b) / math.sqrt((a @ a) * (b @ b))
    assert complementarity(shares)["complementarity"].iloc[0] == pytest.approx(by_hand)


def test_export_baskets_hold_products_only(ds):
    """Goods not specified according to kind (HS 9999) are no product: two baskets are not
    alike for holding that residual (the cleaning of the complexity results does the same)."""
    residual = pd.DataFrame({"exporter": ["C01", "C03"], "product": "9999", "year": YEAR,
                             "value": 1e9})
    with_residual = Dataset.from_frames(ds.obs, ds.countries().reset_index(),
                                        pd.concat([ds.trade, residual]), ds.products,
                                        ds.manifest)
    shares = export_shares(with_residual, ["C03", "C01"])
    assert "9999" not in shares.columns
    pd.testing.assert_frame_equal(shares, export_shares(ds, ["C03", "C01"]))


def test_without_a_panel_nothing_is_computed():
    bare = synthetic(panel=False)
    assert panel_year(bare) is None
    assert opportunity_lists(bare, CODES) == {}
    assert export_shares(bare, CODES).empty
    assert uncovered(bare, CODES) == {}
    assert "no complete product panel" in complexity_problem(bare)


def test_world_quartile_is_the_edge_the_challenge_rule_uses(ds):
    # Latest values in 2024: k + 1.4 for k = 0..11; the 25th percentile of them.
    values = pd.Series([k + 1.4 for k in range(12)])
    edge = world_quartile(ds, "internet_users_share", 2024, "low")
    assert edge == pytest.approx(float(values.quantile(0.25)))
    assert world_quartile(ds, "internet_users_share", 2024, "high") == pytest.approx(
        float(values.quantile(0.75)))
    assert math.isnan(world_quartile(ds, "internet_users_share", None))
    assert math.isnan(world_quartile(ds, "internet_users_share", 2024, min_count=13))
    rule = next(r for r in FLAG_RULES if r.indicator == "internet_users_share")
    flagged = [c for c in CODES if rule.name in diagnose_flags(
        ds, c, indicators=["internet_users_share"])]
    latest = {c: k + 1.4 for k, c in enumerate(CODES)}
    assert flagged == [c for c in CODES if latest[c] <= edge] == ["C00", "C01", "C02"]


def test_shared_products_carry_the_panel_year_and_stay_off_an_old_agenda(ds):
    from policylab.forum.workshop import agenda_collaboration, shared_opportunities
    from policylab.lessons.synthesis.collaboration import agenda_note

    countries = CODES[:6]
    lists = opportunity_lists(ds, countries, n=10)
    areas = shared_opportunities(ds, countries, top_n=10)
    assert not areas.empty and (areas["year"] == YEAR).all()
    for row in areas.itertuples(index=False):
        holders = [c for c, t in lists.items() if row.product in set(t["product"])]
        assert row.n_countries == len(holders) >= 2
    assert not ds.is_current(YEAR)  # newest year 2024: the window starts in 2019
    assert agenda_collaboration(ds, areas).empty
    assert f"come from the {YEAR} product panel, older than the recency window" in (
        agenda_note(ds, areas))


def test_shared_opportunities_never_list_waste_or_scrap(ds):
    result = panel_complexity(ds)
    kept = result.M.index[0]
    first = opportunity_lists(ds, [kept], n=3)[kept]["product"].iloc[0]
    products = ds.products.assign(name_short=ds.products["name_short"].mask(
        ds.products["code"] == first, "Ferrous waste and scrap"))
    relabelled = Dataset.from_frames(ds.obs, ds.countries(include_aggregates=True)
                                     .reset_index(), ds.trade, products, ds.manifest)
    table = opportunity_lists(relabelled, [kept], n=3)[kept]
    assert first not in set(table["product"]) and len(table) == 3
