"""The product panel's completeness check (policylab.pack.completeness) and what the build
does with it: a sample of flows must not pass for complete trade."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from policylab.pack.build import build_pack
from policylab.pack.completeness import check_panel
from policylab.pack.dataset import load

MANUFACTURE = pd.Series({"8703": True, "0901": False})


def _trade(rows):
    return pd.DataFrame(rows, columns=["exporter", "product", "year", "value"])


def _wdi(values):
    return pd.Series(values, index=pd.MultiIndex.from_tuples(list(values)), dtype=float) \
        if values else pd.Series(dtype=float)


def _check(rows, totals, shares):
    records = check_panel(_trade(rows), MANUFACTURE, _wdi(totals), _wdi(shares))
    return {r["country"]: r for r in records}


def test_a_complete_country_passes():
    out = _check([("AAA", "8703", 2016, 60.0), ("AAA", "0901", 2016, 40.0)],
                 {("AAA", 2016): 100.0}, {("AAA", 2016): 55.0})
    assert out["AAA"]["ok"] and out["AAA"]["panel_manuf_share"] == 60.0


def test_a_total_below_80_percent_of_wdi_fails_and_says_so():
    out = _check([("AAA", "0901", 2016, 79.0)], {("AAA", 2016): 100.0}, {})
    assert not out["AAA"]["ok"]
    assert out["AAA"]["reason"] == ("panel total is 79% of WDI merchandise exports "
                                    "(needs 80%)")


def test_a_manufactures_share_more_than_ten_points_off_fails():
    # The sample's Ghana: aircraft made its manufactures share 52.5% against WDI's 13.8%.
    out = _check([("GHA", "8703", 2016, 52.5), ("GHA", "0901", 2016, 47.5)],
                 {("GHA", 2016): 100.0}, {("GHA", 2016): 13.8})
    assert not out["GHA"]["ok"]
    assert "52.5% in the panel against 13.8% in WDI" in out["GHA"]["reason"]


def test_exactly_at_the_thresholds_passes():
    out = _check([("AAA", "8703", 2016, 40.0), ("AAA", "0901", 2016, 40.0)],
                 {("AAA", 2016): 100.0}, {("AAA", 2016): 60.0})
    assert out["AAA"]["ok"]  # 80% of the total; 50% against 60%: ten points


def test_no_wdi_total_means_unchecked_and_excluded():
    out = _check([("TWN", "8703", 2016, 10.0)], {}, {})
    assert not out["TWN"]["ok"] and "no merchandise exports" in out["TWN"]["reason"]


def test_without_a_wdi_share_only_the_total_is_checked():
    out = _check([("AAA", "8703", 2016, 95.0)], {("AAA", 2016): 100.0}, {})
    assert out["AAA"]["ok"] and out["AAA"]["wdi_manuf_share"] is None


def test_each_year_is_checked_on_its_own():
    rows = [("AAA", "0901", 2015, 50.0), ("AAA", "0901", 2016, 100.0)]
    records = check_panel(_trade(rows), MANUFACTURE,
                          _wdi({("AAA", 2015): 100.0, ("AAA", 2016): 100.0}), _wdi({}))
    assert [(r["year"], r["ok"]) for r in records] == [(2015, False), (2016, True)]


@pytest.mark.realdata
@pytest.mark.slow
def test_the_old_trade_sample_fails_the_check_for_most_countries(shared_raw, tmp_path):
    """Put the 1998-2000 sample where a complete panel belongs: the build must refuse to
    show most countries' product-level results (the sample's export mixes are wrong)."""
    sample = shared_raw.parent / "reference" / "trade_sample_1998_2000.csv"
    if not sample.exists():
        pytest.skip("reference trade sample not present")
    raw = tmp_path / "raw"
    raw.mkdir()
    for entry in shared_raw.iterdir():
        if entry.name != "trade":
            os.symlink(entry.resolve(), raw / entry.name)
    (raw / "trade").mkdir()
    shutil.copy(sample, raw / "trade" / "hs92_exports_1999.csv")
    report = build_pack(raw, tmp_path / "pack")
    panel = report.manifest["product_panel"]
    assert panel["years"] == [1999]
    assert panel["passed"] < 0.25 * panel["checked"], panel["passed"]
    ds = load(tmp_path / "pack")
    assert not ds.product_status("GHA").ok
    assert not ds.product_status("MAR").ok


@pytest.mark.realdata
def test_the_complete_2016_panel_passes_for_most_countries(real_dataset):
    panel = real_dataset.manifest["product_panel"]
    assert panel["years"] == [2016]
    assert panel["passed"] > 0.7 * panel["checked"]
    for iso3 in ("GHA", "MAR", "KEN", "VNM"):
        assert real_dataset.product_status(iso3).ok, iso3
    assert not real_dataset.product_status("ETH").ok
