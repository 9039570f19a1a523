"""Product-level analysis for several countries at once, on the pack's product panel.

What the forum's collaboration section rests on: which countries may take part (the build's
completeness check, ``Dataset.product_status``), product complexity on the latest panel
year without the countries that fail the check (``metrics.product_level``, computed once
per Dataset), each country's closest products that would raise the complexity of its
basket, and the export shares by product that the complementarity rule
(``policylab.forum.complementarity``) compares.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from policylab.errors import DataError
from policylab.i18n import _
from policylab.metrics.complexity import (
    ComplexityResult,
    dropped_reason,
    opportunities,
)
from policylab.metrics.product_level import (
    complexity_or_reason,
    not_opportunities,
    panel_year,
    product_names,
    unspecified_products,
)
from policylab.pack.dataset import Dataset

__all__ = ["OPPORTUNITIES_PER_COUNTRY", "basket_opportunities", "complexity_problem",
           "export_shares", "opportunity_lists", "panel_complexity", "panel_year",
           "product_coverage", "uncovered"]

#: Each country's opportunity list holds this many of its closest candidate products.
OPPORTUNITIES_PER_COUNTRY = 20


def product_coverage(ds: Dataset, countries: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """The countries that pass the completeness check (``ds.product_status(iso3).ok``) and,
    for the others, the reason."""
    taking_part, left_out = [], {}
    for iso3 in dict.fromkeys(countries):
        status = ds.product_status(iso3)
        if status.ok:
            taking_part.append(iso3)
        else:
            left_out[iso3] = status.reason
    return taking_part, left_out


def panel_complexity(ds: Dataset) -> ComplexityResult:
    """Product complexity on the panel year without the exporters failing the completeness
    check (their export mixes would distort proximity): ``metrics.product_level``'s
    ``complexity_or_reason(ds, passing_only=True)``. Raises ``DataError`` with the reason
    when it cannot be computed."""
    result, reason = complexity_or_reason(ds, passing_only=True)
    if result is None:
        raise DataError(reason)
    return result


def complexity_problem(ds: Dataset) -> str:
    """Why ``panel_complexity`` cannot be computed, or "" when it can."""
    return complexity_or_reason(ds, passing_only=True)[1]


def basket_opportunities(result: ComplexityResult, iso3: str,
                         n: int | None = OPPORTUNITIES_PER_COUNTRY,
                         leave_out: Collection[str] = ()) -> pd.DataFrame:
    """``iso3``'s ``n`` closest products that would raise the complexity of its basket.

    Method (Hausmann, Hidalgo et al., Atlas of Economic Complexity 2014): products the
    country does not yet export with RCA >= 1 whose PCI is above the average PCI of the
    products it does export with RCA >= 1, ranked by distance (1 - density), ties by PCI
    (higher first); never a product in ``leave_out`` (``product_level.not_opportunities``:
    waste, scrap and unspecified goods). Columns of ``metrics.complexity.opportunities``
    without ``rank``, plus ``year``.
    """
    exported = result.M.loc[iso3]
    basket_pci = float(result.pci[exported[exported > 0].index].mean())
    table = opportunities(iso3, result, top=None)
    table = table[(table["pci"] > basket_pci)
                  & ~table["product"].astype(str).isin(list(leave_out))]
    table = table.sort_values(["distance", "pci"], ascending=[True, False])
    table = (table if n is None else table.head(n)).drop(columns="rank")
    return table.assign(year=result.year).reset_index(drop=True)


def opportunity_lists(ds: Dataset, countries: Iterable[str],
                      n: int = OPPORTUNITIES_PER_COUNTRY) -> dict[str, pd.DataFrame]:
    """``basket_opportunities`` of every country passing the completeness check and kept
    by the complexity cleaning, with the product's short ``name`` (waste, scrap and
    unspecified goods never listed); {} without a panel or
    when complexity cannot be computed."""
    taking_part, _ = product_coverage(ds, countries)
    if not taking_part or complexity_problem(ds):
        return {}
    result, names = panel_complexity(ds), product_names(ds)
    lists = {}
    for iso3 in taking_part:
        if iso3 in result.M.index:
            table = basket_opportunities(result, iso3, n, not_opportunities(ds))
            table.insert(len(table.columns) - 1, "name",
                         table["product"].map(names).fillna(table["product"]))
            lists[iso3] = table
    return lists


def uncovered(ds: Dataset, countries: Iterable[str]) -> dict[str, str]:
    """The countries the product-level analysis cannot cover, each with the reason (the
    completeness check, complexity not computable, removed by the cleaning or no rows);
    {} without a panel (the section then says so as a whole)."""
    year = panel_year(ds)
    if year is None:
        return {}
    taking_part, missing = product_coverage(ds, countries)
    problem = complexity_problem(ds) if taking_part else ""
    for iso3 in taking_part:
        if problem:
            missing[iso3] = _("product complexity could not be computed on the {year} panel: "
                              "{problem}").format(year=year, problem=problem)
            continue
        result = panel_complexity(ds)
        if iso3 not in result.M.index:
            why = result.dropped_exporters.get(iso3)
            missing[iso3] = (dropped_reason(why) if why
                             else _("no exports in the {year} panel").format(year=year))
    return missing


def export_shares(ds: Dataset, countries: Iterable[str]) -> pd.DataFrame:
    """Each country's export shares by product (rows ISO3 in the given order, columns HS
    codes) in the panel's latest year; only countries passing the completeness check with
    exports in it. Goods not specified according to kind are no product (as in the
    complexity cleaning): two baskets are not alike for holding that residual. Empty
    without a panel."""
    year = panel_year(ds)
    taking_part, _ = product_coverage(ds, countries)
    if year is None or not taking_part:
        return pd.DataFrame()
    trade = ds.trade
    part = trade[(trade["year"] == year) & trade["exporter"].isin(taking_part)
                 & ~trade["product"].astype(str).isin(unspecified_products(ds))]
    values = part.pivot_table(index="exporter", columns="product", values="value",
                              aggfunc="sum", fill_value=0.0, observed=True)
    values = values[values.sum(axis=1) > 0]
    shares = values.div(values.sum(axis=1), axis=0)
    return shares.reindex([c for c in taking_part if c in shares.index])
