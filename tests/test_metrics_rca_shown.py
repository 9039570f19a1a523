"""metrics.rca_shown: the products whose RCA a value-chains page shows outside its
top-exports table."""

from __future__ import annotations

from test_product_level import synthetic_dataset

from policylab.metrics import product_level as pl
from policylab.metrics.rca_shown import rca_shown
from policylab.metrics.value_chains_trade import strongest


def test_rca_shown_is_the_specialisations_the_neighbourhood_and_the_nearby(tiny_dataset):
    ds = synthetic_dataset(tiny_dataset)
    shown = rca_shown(ds, "KEN", 0.005, 12, 15)
    strong = set(strongest(pl.specialisation(ds, "KEN"), 0.005, 12)["product"].astype(str))
    nodes = {str(code) for code in pl.neighbourhood(ds, "KEN")[0].index}
    nearby = set(pl.nearby_complex_products(ds, "KEN", 15)["product"].astype(str))
    assert shown == strong | nodes | nearby
    assert len(strong) == 12 and nearby <= shown


def test_rca_shown_without_complexity_results_is_the_specialisations(tiny_dataset):
    assert pl.neighbourhood(tiny_dataset, "KEN") is None  # too small a panel
    assert rca_shown(tiny_dataset, "KEN", 0.005, 12, 15) == {"0102", "0901", "6201"}
