"""A country's neighbourhood in the product space: the products it already exports with
RCA >= 1 and the nearest products it does not yet export, linked by proximity.

The whole product space (about 1,200 products) is unreadable as a picture; a country's
neighbourhood of a few dozen labelled nodes is what a workshop can discuss. Inputs come
from :func:`policylab.metrics.complexity.compute_complexity` on a complete panel.
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import numpy as np
import pandas as pd

from policylab.errors import CountryError
from policylab.metrics.complexity import ComplexityResult

#: Products held (RCA >= 1) drawn at most, the largest exports first.
HELD_SHOWN = 25
#: Nearest candidate products (RCA < 1, highest density) drawn.
CANDIDATES_SHOWN = 15
#: Besides the maximum spanning tree that connects every node, each node keeps links to
#: this many of its closest neighbours in the chosen set.
LINKS_PER_NODE = 2
EDGE_COLUMNS = ["source", "target", "proximity"]


def neighbourhood(result: ComplexityResult, country: str, exports: pd.Series | None = None,
                  held: int = HELD_SHOWN, candidates: int = CANDIDATES_SHOWN,
                  links: int = LINKS_PER_NODE, not_candidates: Collection[str] = ()
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (index product; ``role`` "held" or "candidate", ``rca``, ``density``, ``pci``,
    ``value`` = the country's exports of it, 0 when ``exports`` is not given) and edges
    (``source, target, proximity``) of ``country``'s neighbourhood.

    Held products: those with RCA >= 1, the ``held`` largest by ``exports`` (by RCA without
    it). Candidates: the ``candidates`` products with RCA < 1 of highest density (nearest
    first), never one of ``not_candidates`` (no move to offer, e.g. waste and scrap).
    Edges: the maximum spanning tree of proximity over the chosen nodes plus, for each
    node, its ``links`` strongest links among them (positive proximity only).
    """
    if country not in result.M.index:
        reason = result.dropped_exporters.get(country, "no exports in the panel")
        raise CountryError(f"{country} is not in the complexity results: {reason}")
    m = result.M.loc[country]
    value = (pd.Series(0.0, index=m.index) if exports is None
             else exports.reindex(m.index).fillna(0.0).astype(float))
    rca = result.rca.loc[country]
    have = m.index[m == 1]
    order = value[have].sort_values(ascending=False, kind="stable") if exports is not None \
        else rca[have].sort_values(ascending=False, kind="stable")
    held_codes = list(order.index[:held])
    dens = result.density.loc[country]
    open_codes = m.index[(m == 0) & ~m.index.isin(list(not_candidates))]
    near = dens[open_codes].sort_values(ascending=False, kind="stable")
    candidate_codes = list(near.index[:candidates])
    codes = held_codes + candidate_codes
    nodes = pd.DataFrame({
        "role": ["held"] * len(held_codes) + ["candidate"] * len(candidate_codes),
        "rca": rca[codes].to_numpy(), "density": dens[codes].to_numpy(),
        "pci": result.pci[codes].to_numpy(), "value": value[codes].to_numpy(),
    }, index=pd.Index(codes, name="product"))
    return nodes, _edges(result.proximity.loc[codes, codes], links)


def _edges(phi: pd.DataFrame, links: int) -> pd.DataFrame:
    codes = list(phi.index)
    values = phi.to_numpy(dtype=float)
    graph = nx.Graph()
    graph.add_nodes_from(codes)
    n = len(codes)
    for a in range(n):
        for b in range(a + 1, n):
            if values[a, b] > 0:
                graph.add_edge(codes[a], codes[b], proximity=float(values[a, b]))
    chosen = {tuple(sorted(e)) for e in nx.maximum_spanning_tree(
        graph, weight="proximity").edges()}
    for a in range(n):
        row = values[a].copy()
        row[a] = -1.0
        for b in np.argsort(-row, kind="stable")[:links]:
            if row[b] > 0:
                chosen.add(tuple(sorted((codes[a], codes[int(b)]))))
    rows = [(s, t, float(phi.at[s, t])) for s, t in sorted(chosen)]
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def layout(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """``x, y`` positions of the nodes: networkx's spring layout weighted by proximity
    (closer products pulled together), fixed seed, so a run is reproducible."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes.index)
    graph.add_weighted_edges_from(edges[EDGE_COLUMNS].itertuples(index=False, name=None))
    position = nx.spring_layout(graph, seed=seed, weight="weight")
    xy = np.array([position[p] for p in nodes.index])
    return pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1]}, index=nodes.index)
