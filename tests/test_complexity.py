"""Economic complexity: hand-computed RCA, ECI, proximity and density, properties, real data."""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from policylab.errors import CountryError, DataError
from policylab.metrics.complexity import (
    NOT_A_PRODUCT,
    clean_trade,
    complexity_indicators,
    compute_complexity,
    density,
    eci_pci,
    opportunities,
    proximity,
    rca,
)
from policylab.paths import project_root

NO_CLEANING = {"exporter_min_quantile": 0.0, "exporter_min_products": 0,
               "product_min_relative_share": 0.0}


def long_trade(matrix: np.ndarray, year: int = 2000) -> pd.DataFrame:
    countries = [f"C{i}" for i in range(matrix.shape[0])]
    products = [f"{j:04d}" for j in range(matrix.shape[1])]
    frame = pd.DataFrame(matrix, index=countries, columns=products)
    rows = frame.stack().rename("value").reset_index()
    rows.columns = ["exporter", "product", "value"]
    rows["year"] = year
    return rows[rows["value"] > 0][["exporter", "product", "year", "value"]]


def test_rca_matches_hand_computation():
    exports = pd.DataFrame([[10.0, 0.0], [5.0, 5.0]], index=["A", "B"], columns=["p", "q"])
    # world 20; A's total 10, B's 10; p's world total 15, q's 5
    expected = [[(10 / 10) / (15 / 20), 0.0], [(5 / 10) / (15 / 20), (5 / 10) / (5 / 20)]]
    np.testing.assert_allclose(rca(exports).to_numpy(), expected)


def test_rca_of_an_empty_row_is_zero_not_nan():
    exports = pd.DataFrame([[1.0, 2.0], [0.0, 0.0]])
    assert (rca(exports).iloc[1] == 0).all()


NESTED = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]], dtype=float)


def test_eci_of_a_nested_matrix_matches_the_hand_built_markov_matrix():
    # M_cc' = sum_p M_cp M_c'p / (k_c k_p), written out by hand for NESTED (k_c = k_p = 3,2,1)
    markov = np.array([[11 / 18, 5 / 18, 2 / 18],
                       [5 / 12, 5 / 12, 2 / 12],
                       [1 / 3, 1 / 3, 1 / 3]])
    values, vectors = np.linalg.eig(markov)
    second = np.real(vectors[:, np.argsort(np.real(values))[-2]])
    second = (second - second.mean()) / second.std()
    if second[0] < second[2]:  # the most diversified country has the highest ECI
        second = -second
    eci, pci = eci_pci(NESTED)
    np.testing.assert_allclose(eci, second, atol=1e-10)
    assert eci[0] > eci[1] > eci[2]
    assert pci[2] > pci[1] > pci[0]  # the product only the most complex country makes
    assert eci.mean() == pytest.approx(0) and eci.std() == pytest.approx(1)


def test_proximity_and_density_match_hand_computation():
    M = np.array([[1, 1, 0], [1, 0, 1], [1, 1, 1]], dtype=float)
    phi = proximity(M)
    # ubiquities 3, 2, 2; co-exports: (p0,p1)=2, (p0,p2)=2, (p1,p2)=1
    expected = np.array([[1, 2 / 3, 2 / 3], [2 / 3, 1, 1 / 2], [2 / 3, 1 / 2, 1]])
    np.testing.assert_allclose(phi, expected)
    # country 0 makes p0 and p1: density of p2 = (2/3 + 1/2) / (2/3 + 1/2 + 1)
    assert density(M, phi)[0, 2] == pytest.approx(7 / 13)


def test_cleaning_drops_small_exporters_and_negligible_products_with_reasons():
    exports = pd.DataFrame(
        [[100.0, 50.0, 0.001], [80.0, 70.0, 0.0], [1.0, 0.0, 0.0]],
        index=["BIG", "MID", "TINY"], columns=["a", "b", "rare"])
    kept, dropped_c, dropped_p = clean_trade(exports, exporter_min_quantile=0.2,
                                             exporter_min_products=2,
                                             product_min_relative_share=0.01)
    assert list(kept.index) == ["BIG", "MID"]
    assert "quantile" in dropped_c["TINY"]
    assert list(kept.columns) == ["a", "b"] and "rare" in dropped_p


def test_goods_not_specified_according_to_kind_are_no_product():
    """HS 9999 is a residual, not a product (the Growth Lab drops it before computing
    complexity): no RCA, no M, no diversity or ubiquity, and the RCA of the real products
    is taken over real products only. C0 exports more 9999 than its share: it once
    counted as one of C0's products with RCA >= 1."""
    trade = pd.concat([specialised_trade(), pd.DataFrame({
        "exporter": ["C0", "C1"], "product": ["9999", "9999"], "year": 2000,
        "value": [500.0, 1.0]})])
    result = compute_complexity(trade, **NO_CLEANING)
    assert "9999" not in result.M.columns and "9999" not in result.pci.index
    assert result.dropped_products["9999"] == NOT_A_PRODUCT
    without = compute_complexity(trade[trade["product"] != "9999"], **NO_CLEANING)
    assert result.diversity.to_dict() == without.diversity.to_dict()
    pd.testing.assert_frame_equal(result.rca, without.rca)


def specialised_trade() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    matrix = rng.uniform(1, 2, size=(8, 12))
    for c in range(8):  # country c is strong in the first c + 2 products: a nested structure
        matrix[c, : c + 2] *= 20
    return long_trade(matrix)


def test_compute_complexity_end_to_end():
    result = compute_complexity(specialised_trade(), **NO_CLEANING)
    assert result.year == 2000
    assert result.M.shape == result.rca.shape == result.density.shape
    assert set(np.unique(result.M.to_numpy())) <= {0.0, 1.0}
    assert np.corrcoef(result.eci, result.diversity)[0, 1] > 0
    np.testing.assert_allclose(result.distance + result.density, 1.0)
    assert result.eci.index.equals(result.M.index)


def test_opportunities_lists_only_products_not_yet_exported_ranked():
    result = compute_complexity(specialised_trade(), **NO_CLEANING)
    table = opportunities("C3", result, top=None)
    exported = set(result.M.columns[result.M.loc["C3"] == 1])
    assert exported.isdisjoint(table["product"])
    assert len(table) == result.M.shape[1] - len(exported)
    assert table["outlook_gain"].is_monotonic_decreasing
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert (table["rca"] < 1).all()


def test_opportunities_explains_a_country_removed_by_cleaning():
    result = compute_complexity(specialised_trade(), exporter_min_quantile=0.3,
                                exporter_min_products=0)
    dropped = next(iter(result.dropped_exporters))
    with pytest.raises(CountryError, match="removed by cleaning"):
        opportunities(dropped, result)
    with pytest.raises(CountryError, match="no trade rows"):
        opportunities("ZZZ", result)


def test_bad_trade_tables_raise_clear_errors():
    with pytest.raises(DataError, match="lacks column"):
        compute_complexity(pd.DataFrame({"exporter": ["A"], "value": [1.0]}))
    with pytest.raises(DataError, match="no trade rows for 1990"):
        compute_complexity(specialised_trade(), year=1990)


def test_complexity_indicators_long_format_for_every_year():
    trade = pd.concat([specialised_trade(), specialised_trade().assign(year=2001)])
    rows = complexity_indicators(trade, **NO_CLEANING)
    assert list(rows.columns) == ["iso3", "year", "indicator", "value"]
    assert set(rows["indicator"]) == {"eci", "diversity"}
    assert set(rows["year"]) == {2000, 2001}
    assert not rows.duplicated(["iso3", "year", "indicator"]).any()


positive_matrices = arrays(np.float64, st.tuples(st.integers(3, 6), st.integers(3, 6)),
                           elements=st.floats(0.01, 1e6))


@settings(max_examples=50, deadline=None)
@given(positive_matrices, st.floats(1e-3, 1e3))
def test_rca_is_invariant_to_the_currency_unit(matrix, factor):
    exports = pd.DataFrame(matrix)
    np.testing.assert_allclose(rca(exports * factor), rca(exports), rtol=1e-9)


binary_matrices = arrays(np.float64, st.tuples(st.integers(3, 8), st.integers(3, 8)),
                         elements=st.sampled_from([0.0, 1.0]))


@settings(max_examples=100, deadline=None)
@given(binary_matrices)
def test_eci_correlates_positively_with_diversity(M):
    assume(M.sum(axis=1).all() and M.sum(axis=0).all())
    diversity = M.sum(axis=1)
    assume(diversity.std() > 0)
    eci, _ = eci_pci(M)
    assume(np.isfinite(eci).all())
    assert np.corrcoef(eci, diversity)[0, 1] >= -1e-9


def load_validation():
    path = project_root() / "benchmarks" / "validate_complexity.py"
    spec = importlib.util.spec_from_file_location("validate_complexity", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.realdata
def test_eci_matches_the_published_series_on_real_trade():
    validate = load_validation()
    if not (validate.SAMPLE_FILE.exists() and validate.REFERENCE_FILE.exists()):
        pytest.skip("reference trade sample or ECI reference not present")
    figures = validate.validation()
    assert figures["oec_countries"] >= 100
    assert figures["oec_spearman"] >= 0.85
    assert figures["atlas_spearman"] >= 0.75


@pytest.mark.realdata
def test_eci_on_the_complete_panel_ranks_like_the_growth_lab():
    validate = load_validation()
    if not (validate.PANEL_FILE.exists() and validate.RANKINGS_FILE.exists()):
        pytest.skip("2016 product panel or Growth Lab rankings not present")
    figures = validate.panel_validation()
    assert figures["growth_lab_countries"] >= 120
    assert figures["growth_lab_spearman"] >= 0.9
