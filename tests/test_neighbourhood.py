"""The product-space neighbourhood helper on a synthetic panel."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from policylab.errors import CountryError
from policylab.metrics.complexity import compute_complexity, country_country_matrix
from policylab.metrics.neighbourhood import layout, neighbourhood


@pytest.fixture(scope="module")
def result():
    rng = np.random.default_rng(3)
    rows = [(f"C{c:02d}", f"{p:04d}", 2016, float(rng.lognormal(3, 2)))
            for c in range(25) for p in range(60) if rng.random() < 0.2 + 0.03 * c]
    trade = pd.DataFrame(rows, columns=["exporter", "product", "year", "value"])
    return compute_complexity(trade, exporter_min_quantile=0.0, exporter_min_products=1,
                              product_min_relative_share=0.0)


def test_neighbourhood_holds_largest_products_and_nearest_candidates(result):
    country = result.M.index[5]
    exports = result.rca.loc[country] * 10  # any positive weights
    nodes, edges = neighbourhood(result, country, exports, held=6, candidates=4)
    held = nodes[nodes["role"] == "held"]
    near = nodes[nodes["role"] == "candidate"]
    m = result.M.loc[country]
    assert len(held) == min(6, int(m.sum())) and len(near) == 4
    assert (m[held.index] == 1).all() and (m[near.index] == 0).all()
    largest = exports[m.index[m == 1]].sort_values(ascending=False).index[:len(held)]
    assert list(held.index) == list(largest)
    density = result.density.loc[country][m.index[m == 0]].sort_values(ascending=False)
    assert list(near.index) == list(density.index[:4])
    graph = nx.from_pandas_edgelist(edges, "source", "target")
    assert set(graph.nodes) <= set(nodes.index)
    for s, t, phi in edges.itertuples(index=False):
        assert phi == pytest.approx(result.proximity.at[s, t]) and phi > 0
    xy = layout(nodes, edges)
    assert list(xy.index) == list(nodes.index) and xy.notna().all().all()
    assert layout(nodes, edges).equals(xy)  # fixed seed


def test_unknown_country_raises(result):
    with pytest.raises(CountryError):
        neighbourhood(result, "NOWHERE")


def test_country_country_matrix_rows_sum_to_one_and_match_definition():
    M = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]], dtype=float)
    mcc = country_country_matrix(M)
    kc, kp = M.sum(axis=1), M.sum(axis=0)
    assert mcc[0, 1] == pytest.approx(1 / (3 * 3) + 1 / (3 * 2))
    assert mcc[1, 0] == pytest.approx(1 / (2 * 3) + 1 / (2 * 2))
    assert np.allclose(mcc.sum(axis=1), 1.0) and kc.sum() == kp.sum()
