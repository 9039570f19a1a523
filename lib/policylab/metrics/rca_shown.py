"""Which products' RCA a value-chains page shows besides its top-exports table: its
strongest specialisations, its product-space neighbourhood and the nearby products more
complex than its exports (``metrics.product_level``). An exercise asks for another one."""

from __future__ import annotations

from policylab.metrics import product_level as pl
from policylab.metrics.value_chains_trade import strongest
from policylab.pack.dataset import Dataset


def rca_shown(ds: Dataset, iso3: str, min_share: float, strongest_n: int,
              nearby_n: int) -> set[str]:
    """The HS codes of the ``strongest_n`` specialisations of at least ``min_share`` of the
    exports, of the neighbourhood's nodes and of the ``nearby_n`` nearby products."""
    shown = set(strongest(pl.specialisation(ds, iso3), min_share, strongest_n)["product"]
                .astype(str))
    found = pl.neighbourhood(ds, iso3)
    nearby = pl.nearby_complex_products(ds, iso3, nearby_n)
    shown |= {str(code) for code in found[0].index} if found is not None else set()
    shown |= set(nearby["product"].astype(str)) if nearby is not None else set()
    return shown
