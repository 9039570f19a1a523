"""Where the workshop's countries could work together on products.

Two views, both from trade data: products that several countries have among their best
diversification opportunities (scope for joint standards, testing, skills or investment
promotion), and how different their export baskets are (scope for trade and specialisation
rather than head-on competition).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import numpy as np
import pandas as pd

from policylab.errors import DataError

COLLABORATION_COLUMNS = ["product", "name", "pci", "n_countries", "countries", "ranks"]
COMPLEMENTARITY_COLUMNS = ["country_a", "country_b", "similarity", "complementarity"]


def collaboration_areas(opportunities: Mapping[str, pd.DataFrame], top_n: int = 10,
                        min_countries: int = 2) -> pd.DataFrame:
    """Products in the top opportunity lists of at least ``min_countries`` countries.

    ``opportunities`` maps an ISO3 code to a table of candidate products with columns
    ``product``, ``name``, ``pci`` and ``distance`` or ``density`` (as the complexity module
    computes them). Rule: each country's list is ranked by ``distance`` (ascending: closest
    to what the country already exports) or, when there is no distance, by ``density``
    (descending), ties by ``pci`` (higher first); its first ``top_n`` products are its top
    list. A product is a collaboration area when it appears in the top lists of
    ``min_countries`` countries or more. Rows are ordered by the number of countries, then
    by product complexity; ``ranks`` gives each country's rank for the product.
    """
    if top_n < 1 or min_countries < 1:
        raise DataError("top_n and min_countries must be at least 1")
    listed: dict[str, dict] = {}
    for iso3, table in opportunities.items():
        for rank, row in enumerate(_top_list(iso3, table, top_n).itertuples(index=False), 1):
            entry = listed.setdefault(str(row.product),
                                      {"name": row.name, "pci": row.pci, "ranks": {}})
            entry["ranks"][iso3] = rank
    rows = [{
        "product": product,
        "name": entry["name"],
        "pci": float(entry["pci"]),
        "n_countries": len(entry["ranks"]),
        "countries": tuple(sorted(entry["ranks"])),
        "ranks": dict(sorted(entry["ranks"].items())),
    } for product, entry in listed.items() if len(entry["ranks"]) >= min_countries]
    table = pd.DataFrame(rows, columns=COLLABORATION_COLUMNS)
    return table.sort_values(["n_countries", "pci", "product"],
                             ascending=[False, False, True]).reset_index(drop=True)


def _top_list(iso3: str, table: pd.DataFrame, top_n: int) -> pd.DataFrame:
    missing = {"product", "name", "pci"} - set(table.columns)
    if missing:
        raise DataError(f"opportunities for {iso3} lack column(s) {', '.join(sorted(missing))}")
    if "distance" in table.columns:
        ordered = table.sort_values(["distance", "pci"], ascending=[True, False])
    elif "density" in table.columns:
        ordered = table.sort_values(["density", "pci"], ascending=[False, False])
    else:
        raise DataError(f"opportunities for {iso3} need a 'distance' or 'density' column "
                        "to rank products")
    return ordered.drop_duplicates("product").head(top_n)[["product", "name", "pci"]]


def complementarity(export_shares: pd.DataFrame) -> pd.DataFrame:
    """Pairwise difference of export baskets: ``1 - cosine similarity``.

    ``export_shares`` has one row per country (index ISO3) and one column per product, each
    cell the product's share (or value) of the country's exports; missing cells count as 0.
    The cosine similarity of two rows is 1 when the baskets have the same composition and 0
    when the countries export no product in common, so ``complementarity`` near 1 means
    different baskets: scope for trade and specialisation between the two; near 0 means they
    sell the same things and compete. This is a statement about export composition only:
    import needs are not in the data. Rows are ordered from most to least complementary.
    """
    matrix = export_shares.fillna(0.0).astype(float)
    if (matrix.to_numpy() < 0).any():
        raise DataError("export shares cannot be negative")
    norms = np.sqrt((matrix ** 2).sum(axis=1))
    empty = list(norms.index[norms == 0])
    if empty:
        raise DataError(f"no exports recorded for {', '.join(map(str, empty))}: "
                        "cannot compare their baskets")
    unit = matrix.div(norms, axis=0)
    rows = []
    for a, b in combinations(matrix.index, 2):
        similarity = float(np.clip(unit.loc[a] @ unit.loc[b], 0.0, 1.0))
        rows.append({"country_a": a, "country_b": b, "similarity": similarity,
                     "complementarity": 1.0 - similarity})
    table = pd.DataFrame(rows, columns=COMPLEMENTARITY_COLUMNS)
    return table.sort_values(["complementarity", "country_a", "country_b"],
                             ascending=[False, True, True]).reset_index(drop=True)
