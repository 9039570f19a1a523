"""The Dataset API on the tiny pack, in-memory frames, and corrupt or partial packs."""

from __future__ import annotations

import json
import math
import shutil

import pandas as pd
import pytest

import policylab
from policylab.errors import CountryError, DataError
from policylab.pack import layout
from policylab.pack.dataset import Dataset, Observation


def test_load_is_exported_and_reads_the_env_pack(tiny_pack, monkeypatch):
    monkeypatch.setenv("POLICYLAB_PACK", str(tiny_pack))
    ds = policylab.load()
    assert isinstance(ds, policylab.Dataset)
    assert list(ds.obs.columns) == ["iso3", "year", "indicator", "value"]


def test_series_and_panel(tiny_dataset):
    series = tiny_dataset.series("mva_share_gdp", ["Namibia", "KEN"], (2001, None))
    assert series.values.tolist() == [["KEN", 2001, 10.5], ["KEN", 2002, 10.0],
                                      ["NAM", 2001, 11.0], ["NAM", 2002, 10.0]]
    panel = tiny_dataset.panel("mva_share_gdp", years=[2000])
    assert panel.index.tolist() == [2000]
    assert panel.loc[2000, "DEU"] == 22.0 and "BRA" not in panel.columns


def test_latest_respects_max_year_and_gaps(tiny_dataset):
    assert tiny_dataset.latest("mva_share_gdp", "NAM") == Observation(10.0, 2002)
    assert tiny_dataset.latest("mva_share_gdp", "NAM", max_year=2001) == Observation(11.0, 2001)
    missing = tiny_dataset.latest("mva_share_gdp", "XKX")
    assert math.isnan(missing.value) and missing.year is None


def test_profile_lists_every_catalogue_indicator(tiny_dataset):
    profile = tiny_dataset.profile("NA")
    assert set(profile.index) == set(tiny_dataset.catalogue)
    assert profile.loc["mva_usd", "value"] == pytest.approx(0.6e9)
    assert profile.loc["mva_usd", "year"] == 2002
    assert profile.loc["eci", "value"] == pytest.approx(-0.3)  # the Growth Lab's file
    assert pd.isna(profile.loc["diversity", "year"])  # tiny panel: too small to compute


def test_group_median_over_countries_only(tiny_dataset):
    medians = tiny_dataset.group_median("mva_share_gdp", "region")
    row = medians[(medians["group"] == "Sub-Saharan Africa") & (medians["year"] == 2000)]
    assert row["value"].tolist() == [11.5]  # NAM 12, KEN 11; SSF group not counted
    europe = medians[(medians["group"] == "Europe & Central Asia") & (medians["year"] == 2002)]
    assert europe["value"].tolist() == [21.5]  # DEU 21, ROU 22 (XKX has no value)
    with pytest.raises(DataError, match="group must be one of"):
        tiny_dataset.group_median("mva_share_gdp", "continent")


def test_countries_names_and_resolution(tiny_dataset):
    table = tiny_dataset.countries()
    assert "WLD" not in table.index and table.loc["NAM", "iso2"] == "NA"
    assert "WLD" in tiny_dataset.countries(include_aggregates=True).index
    assert tiny_dataset.resolve("namibia") == "NAM"
    assert tiny_dataset.name("XKX") == "Kosovo"
    assert tiny_dataset.resolve("Kenia") == "KEN"  # the Spanish name
    with pytest.raises(CountryError, match="did you mean Kenya"):
        tiny_dataset.resolve("Kenyq")
    with pytest.raises(CountryError, match="group of countries"):
        tiny_dataset.resolve("WLD")
    with pytest.raises(CountryError, match="unknown country code"):
        tiny_dataset.name("ZZZ")


def test_indicators_known_unknown_and_pending(tiny_dataset):
    assert tiny_dataset.indicator("mva_share_gdp").source_code == "NV.IND.MANF.ZS"
    assert tiny_dataset.series("diversity").empty
    with pytest.raises(DataError, match="did you mean mva_share_gdp"):
        tiny_dataset.series("mva_shar_gdp")


def test_trade_products_and_vintage(tiny_dataset):
    products = set(tiny_dataset.trade["product"])
    assert "0102" in products and all(len(p) == 4 for p in products)
    names = tiny_dataset.products.set_index("code")
    assert names.loc["0901", "section_name"] == "Vegetables, animals, wood and paper"
    assert names.loc["8703", "manufacture"] and not names.loc["0901", "manufacture"]
    assert "product trade (HS 1992) 2001" in tiny_dataset.vintage
    assert "Growth Lab ECI to 2002" in tiny_dataset.vintage and "WDI" in tiny_dataset.vintage


def test_product_status_follows_the_completeness_check(tiny_dataset):
    assert tiny_dataset.product_years == [2001]
    assert tiny_dataset.product_status("NAM") == (True, 2001, "")
    ok, year, reason = tiny_dataset.product_status("DEU")
    assert not ok and year == 2001 and "publishes no merchandise exports" in reason
    ok, _, reason = tiny_dataset.product_status("XKX")
    assert not ok and "no exports" in reason


def test_recency_window_is_five_years_before_the_newest_core_year(tiny_dataset):
    assert tiny_dataset.newest_year == 2002
    assert tiny_dataset.recency_cutoff == 1997
    assert tiny_dataset.is_current(1997) and not tiny_dataset.is_current(1996)
    assert not tiny_dataset.is_current(None)


def test_from_frames_works_in_memory(tiny_dataset):
    ds = Dataset.from_frames(
        obs=pd.DataFrame({"iso3": ["NAM"], "year": [2020], "indicator": ["gdp_usd"],
                          "value": [1.0]}),
        countries=tiny_dataset.countries(include_aggregates=True).reset_index(),
        trade=tiny_dataset.trade, products=tiny_dataset.products, manifest={})
    assert ds.latest("gdp_usd", "Namibia") == Observation(1.0, 2020)
    assert ds.vintage == ""



def test_series_comes_sorted_by_country_and_year_whatever_the_input_order(tiny_dataset):
    ds = Dataset.from_frames(
        obs=pd.DataFrame({"iso3": ["NAM", "KEN", "NAM", "KEN", "KEN"],
                          "year": [2021, 2022, 2019, 2020, 2021],
                          "indicator": ["gdp_usd"] * 5, "value": [3.0, 5.0, 1.0, 2.0, 4.0]}),
        countries=tiny_dataset.countries(include_aggregates=True).reset_index(),
        trade=tiny_dataset.trade, products=tiny_dataset.products, manifest={})
    out = ds.series("gdp_usd")
    assert list(zip(out["iso3"], out["year"], out["value"], strict=True)) == [
        ("KEN", 2020, 2.0), ("KEN", 2021, 4.0), ("KEN", 2022, 5.0),
        ("NAM", 2019, 1.0), ("NAM", 2021, 3.0)]
    assert ds.series("gdp_usd", ["NAM"], [2021, 2019])["year"].tolist() == [2019, 2021]
    assert ds.series("gdp_usd", None, (2021, None))["value"].tolist() == [4.0, 5.0, 3.0]

@pytest.fixture
def pack_copy(tiny_pack, tmp_path):
    return shutil.copytree(tiny_pack, tmp_path / "pack")


def test_changed_file_fails_the_checksum(pack_copy):
    path = pack_copy / layout.TRADE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"corrupt or partial pack.*trade\.parquet does not "
                                        r"match its checksum.*policylab data build"):
        policylab.load(pack_copy)


def test_missing_file_is_reported(pack_copy):
    (pack_copy / layout.PRODUCTS).unlink()
    with pytest.raises(DataError, match=r"products\.parquet is missing"):
        policylab.load(pack_copy)


def test_missing_or_broken_manifest(pack_copy, tmp_path):
    with pytest.raises(DataError, match=r"no data pack at .*run `policylab data build`"):
        policylab.load(tmp_path / "empty")
    (pack_copy / layout.MANIFEST).write_text("{not json")
    with pytest.raises(DataError, match="unreadable manifest"):
        policylab.load(pack_copy)
    (pack_copy / layout.MANIFEST).write_text(json.dumps({"built": "x"}))
    with pytest.raises(DataError, match="no file list"):
        policylab.load(pack_copy)


@pytest.mark.realdata
def test_real_dataset_answers_notebook_questions(real_dataset):
    ds = real_dataset
    assert ds.resolve("Viet Nam") == "VNM" and ds.resolve("NA") == "NAM"
    kenya = ds.latest("mva_share_gdp", "KEN")
    assert 0 < kenya.value < 100 and kenya.year >= 2020
    medians = ds.group_median("mva_share_gdp", "income_group")
    assert {"High income", "Low income"} <= set(medians["group"])
    assert ds.trade["product"].str.len().eq(4).all()
