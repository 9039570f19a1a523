"""Product-level tables of the complete country x HS 1992 product panel, computed once per
Dataset (``ds.cached``): the export matrix, RCA, the complexity results (proximity,
density, PCI), a country's specialisation table, its nearby more complex products and its
product-space neighbourhood with a layout.

*Unspecified goods* (HS chapter 99, "commodities not specified according to kind": a
statistical residual, not a product) are no product anywhere: the complexity cleaning
(``metrics.complexity.clean_trade``) leaves them out of RCA >= 1, diversity, the PCI and the
product space, and the export tables do not list them (their share is said instead).
*Waste and scrap* (a heading whose short name in the classification names waste or scrap
as the good itself, e.g. "Plastic waste", "Ferrous waste and scrap"; not a good made from it,
"Yarn from silk waste") are real exports, listed as such, but never offered as a product to
move into (nearby products, the neighbourhood's candidates, the forum's opportunity lists):
their exports reflect what a country consumes and discards, not capabilities it could build.

Callers decide whether a country's product-level results may be shown
(``Dataset.product_status``); these functions only compute. ``product_complexity`` serves
both the value-chains lesson (every exporter of the panel) and the forum synthesis
(``passing_only=True``: without the exporters that fail the completeness check).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from policylab.errors import CountryError, PolicylabError
from policylab.i18n import N_
from policylab.metrics import neighbourhood as hood
from policylab.metrics.complexity import (
    ComplexityResult,
    compute_complexity,
    export_matrix,
    is_unspecified,
    opportunities,
    rca,
)
from policylab.pack.dataset import Dataset, dataset_cached

#: "waste" or "scrap(s)" as a word; a "from" before it names a good made from waste.
_WASTE_WORD = re.compile(r"\b(?:waste|scraps?)\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)

SPECIALISATION_COLUMNS = ["product", "name", "section", "value", "country_share",
                          "world_share", "rca"]


def panel_year(ds: Dataset) -> int | None:
    """The latest year of the complete product panel (None without a panel)."""
    years = ds.product_years
    return years[-1] if years and not ds.trade.empty else None


@dataset_cached
def exports(ds: Dataset) -> pd.DataFrame:
    """Exporter x product exports (US$) of the panel year; empty without a panel."""
    year = panel_year(ds)
    return pd.DataFrame() if year is None else export_matrix(ds.trade, year)


@dataset_cached
def rca_table(ds: Dataset) -> pd.DataFrame:
    """Balassa RCA of every exporter and product against all exporters, panel year."""
    matrix = exports(ds)
    return pd.DataFrame() if matrix.empty else rca(matrix)


@dataset_cached
def complexity_or_reason(ds: Dataset, passing_only: bool = False
                         ) -> tuple[ComplexityResult | None, str]:
    """``compute_complexity`` on the panel year (Atlas-style cleaning), or None and why.
    ``passing_only``: keep only the exporters passing ``ds.product_status`` (economies
    unknown to the pack do not pass)."""
    year = panel_year(ds)
    if year is None:
        return None, N_("the data pack has no complete product panel")
    trade = ds.trade[ds.trade["year"] == year]
    if passing_only:
        exporters = trade["exporter"].astype(str).unique()
        trade = trade[trade["exporter"].isin([e for e in exporters if _passes(ds, e)])]
    try:
        return compute_complexity(trade, year=year), ""
    except PolicylabError as exc:
        return None, str(exc)


def _passes(ds: Dataset, exporter: str) -> bool:
    """True when the exporter passes the completeness check (unknown economies do not)."""
    try:
        return ds.product_status(exporter).ok
    except CountryError:
        return False


def product_complexity(ds: Dataset, passing_only: bool = False) -> ComplexityResult | None:
    """The complexity results of the panel year (see :func:`complexity_or_reason`)."""
    return complexity_or_reason(ds, passing_only)[0]


@dataset_cached
def product_names(ds: Dataset) -> pd.Series:
    """Short product names by HS code (the full name where no short one is given)."""
    products = ds.products.set_index("code")
    return products["name_short"].where(products["name_short"].astype(bool), products["name"])


def is_waste_or_scrap(name_short: str) -> bool:
    """True for a heading whose short name names waste or scrap as the good ("Paper waste",
    "Scrap of rubber", "Waste or scrap, aluminium"), not a good made from it."""
    return any(not _FROM.search(name_short[:found.start()])
               for found in _WASTE_WORD.finditer(name_short))


@dataset_cached
def unspecified_products(ds: Dataset) -> frozenset[str]:
    """The panel's codes of goods not specified according to kind (HS chapter 99)."""
    codes = set(ds.products["code"].astype(str))
    if not ds.trade.empty:
        codes |= set(ds.trade["product"].astype(str).unique())
    return frozenset(code for code in codes if is_unspecified(code))


@dataset_cached
def not_opportunities(ds: Dataset) -> frozenset[str]:
    """Codes never offered as a product to move into: waste and scrap headings (module
    docstring; unspecified goods are no product of the complexity results at all)."""
    products = ds.products
    waste = products.loc[products["name_short"].astype(str).map(is_waste_or_scrap), "code"]
    return frozenset(waste.astype(str))


def unspecified_share(ds: Dataset, iso3: str) -> float:
    """The share (%) of the country's panel-year exports in unspecified goods (0 when none)."""
    matrix = exports(ds)
    if matrix.empty or iso3 not in matrix.index:
        return 0.0
    own = matrix.loc[iso3]
    unspecified = [code for code in own.index if code in unspecified_products(ds)]
    total = float(own.sum())
    return float(own[unspecified].sum()) / total * 100 if total else 0.0


@dataset_cached
def specialisation(ds: Dataset, iso3: str) -> pd.DataFrame:
    """One row per product the country exports in the panel year: ``value`` (US$), its
    share of the country's exports and the product's share of all exports (both %), and
    ``rca`` = the first share / the second; highest RCA first. Empty without data.
    Unspecified goods (HS 99) are not a product and are left out; the shares stay shares
    of all exports (``unspecified_share`` is the rest)."""
    matrix = exports(ds)
    if matrix.empty or iso3 not in matrix.index:
        return pd.DataFrame(columns=SPECIALISATION_COLUMNS)
    own, world = matrix.loc[iso3], matrix.sum(axis=0)
    table = pd.DataFrame({
        "product": matrix.columns, "value": own.to_numpy(),
        "country_share": (own / own.sum() * 100).to_numpy(),
        "world_share": (world / world.sum() * 100).to_numpy(),
        "rca": rca_table(ds).loc[iso3].to_numpy()})
    table = table[(table["country_share"] > 0)
                  & ~table["product"].astype(str).isin(unspecified_products(ds))]
    sections = ds.products.set_index("code")["section_name"]
    table.insert(1, "name", table["product"].map(product_names(ds)).fillna(table["product"]))
    table.insert(2, "section", table["product"].map(sections).fillna(""))
    return table.sort_values("rca", ascending=False, ignore_index=True)


def top_products(ds: Dataset, iso3: str, n: int) -> pd.DataFrame:
    """The country's ``n`` largest exports of the panel year (columns of
    :func:`specialisation`), largest first."""
    table = specialisation(ds, iso3)
    return table.sort_values("value", ascending=False, ignore_index=True).head(n)


def basket_pci(ds: Dataset, iso3: str) -> float:
    """Average PCI (panel year) of the products the country exports with RCA >= 1."""
    result = product_complexity(ds)
    if result is None or iso3 not in result.M.index:
        return float("nan")
    return float(result.pci[result.M.loc[iso3] == 1].mean())


@dataset_cached
def nearby_complex_products(ds: Dataset, iso3: str, n: int) -> pd.DataFrame | None:
    """The ``n`` nearest products (highest density) more complex than the country's
    basket (:func:`basket_pci`) and not yet exported with RCA >= 1 (the nearest of all
    candidates when none is more complex), never one of :func:`not_opportunities`, with
    ``name`` and ``rank`` 1..n. None without complexity results for the country."""
    result = product_complexity(ds)
    if result is None or iso3 not in result.M.index:
        return None
    table = opportunities(iso3, result, top=None, by="density")
    table = table[~table["product"].astype(str).isin(not_opportunities(ds))]
    table["name"] = table["product"].map(product_names(ds)).fillna(table["product"])
    pick = table["pci"] > basket_pci(ds, iso3)
    chosen = (table[pick] if pick.any() else table).head(n).reset_index(drop=True)
    chosen["rank"] = np.arange(1, len(chosen) + 1)
    return chosen


@dataset_cached
def neighbourhood(ds: Dataset, iso3: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Nodes (``metrics.neighbourhood`` columns plus ``x, y, name``) and edges of the
    country's product-space neighbourhood in the panel year; None without results.
    Candidates are never one of :func:`not_opportunities`."""
    result = product_complexity(ds)
    if result is None or iso3 not in result.M.index:
        return None
    nodes, edges = hood.neighbourhood(result, iso3, exports(ds).loc[iso3],
                                      not_candidates=not_opportunities(ds))
    nodes = nodes.join(hood.layout(nodes, edges))
    nodes["name"] = product_names(ds).reindex(nodes.index).fillna(
        pd.Series(nodes.index, index=nodes.index))
    return nodes, edges
