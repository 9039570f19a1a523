"""Raw readers: values match the files, Namibia survives, structural faults name file+line."""

from __future__ import annotations

import csv
import shutil

import pytest

from policylab.errors import DataError
from policylab.raw import climate_watch, economies, owid_co2, sitc, trade, wdi


def _rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.realdata
@pytest.mark.parametrize("code", ["NV.IND.MANF.ZS", "NY.GDP.MKTP.CD", "IT.NET.USER.ZS"])
def test_wdi_values_match_the_csv(shared_raw, code):
    path = wdi.series_path(shared_raw, code)
    table = wdi.read_series(path).set_index(["iso3", "year"])["value"]
    checked = 0
    for row in _rows(path):
        if row["Country Code"] in {"NAM", "KEN", "BRA", "VNM", "DEU"} and row["Value"]:
            key = (row["Country Code"], int(row["Year"]))
            assert table[key] == pytest.approx(float(row["Value"]))
            checked += 1
    assert checked > 20
    assert "NAM" in table.index.get_level_values("iso3")


@pytest.mark.realdata
def test_economies_keep_namibia_and_flag_groups(shared_raw):
    table = economies.read_economies(shared_raw / economies.RELPATH).set_index("iso3")
    assert table.loc["NAM", "iso2"] == "NA"
    assert table.loc["NAM", "income_group"] == "Upper middle income"
    assert bool(table.loc["WLD", "is_aggregate"]) and table.loc["WLD", "region"] == ""
    assert (~table["is_aggregate"]).sum() >= 200


@pytest.mark.realdata
def test_owid_co2_maps_kosovo_and_drops_groupings(shared_raw):
    long, dropped = owid_co2.read_owid_co2(shared_raw / owid_co2.RELPATH, ["co2"])
    codes = set(long["iso3"])
    assert "XKX" in codes and "NAM" in codes
    assert not any(c.startswith("OWID_") or c == "" for c in codes)
    assert dropped > 0
    raw = {(r["iso_code"], r["year"]): r["co2"] for r in _rows(shared_raw / owid_co2.RELPATH)}
    value = long.set_index(["iso3", "year"])["value"]
    assert value[("NAM", 2018)] == pytest.approx(float(raw[("NAM", "2018")]))
    assert value[("XKX", 2015)] == pytest.approx(float(raw[("OWID_KOS", "2015")]))


@pytest.mark.realdata
def test_climate_watch_resolves_names(shared_raw):
    long, unresolved = climate_watch.read_climate_watch(
        shared_raw / climate_watch.RELPATH, ["Total excluding LUCF"])
    value = long.set_index(["iso3", "year"])["value"]
    assert value[("CHN", 2018)] == pytest.approx(12355.24)
    assert ("NAM", 2018) in value.index and ("TLS", 2018) in value.index
    assert "World" in unresolved


@pytest.mark.realdata
def test_trade_keeps_leading_zeros_and_legacy_codes(shared_raw):
    table = trade.read_trade(shared_raw / trade.RELPATH)
    assert table["product"].str.len().eq(4).all()
    assert "0011" in set(table["product"])
    assert {"ROM", "SCG", "NAM"} <= set(table["exporter"])
    products = sitc.read_products(shared_raw / sitc.RELPATH).set_index("code")
    assert products.loc["0011", "section"] == "0"
    assert "unspecified" not in products.index


def test_legacy_codes_are_mapped_or_explained():
    assert trade.LEGACY_SUCCESSOR["ROM"] == "ROU"
    assert trade.unmappable_reason("SCG", {"SRB"}).startswith("retired code without")
    assert trade.unmappable_reason("AIA", {"SRB"}) == "territory not listed as a World Bank economy"
    assert trade.unmappable_reason("SRB", {"SRB"}) is None


def test_every_reader_keeps_namibia(tiny_raw):
    assert "NAM" in set(wdi.read_series(wdi.series_path(tiny_raw, "NV.IND.MANF.ZS"))["iso3"])
    eco = economies.read_economies(tiny_raw / economies.RELPATH).set_index("iso3")
    assert eco.loc["NAM", "iso2"] == "NA"
    assert "NAM" in set(owid_co2.read_owid_co2(tiny_raw / owid_co2.RELPATH, ["co2"])[0]["iso3"])
    cw, _ = climate_watch.read_climate_watch(tiny_raw / climate_watch.RELPATH, ["Industry"])
    assert "NAM" in set(cw["iso3"])
    assert "NAM" in set(trade.read_trade(tiny_raw / trade.RELPATH)["exporter"])


@pytest.fixture
def raw_copy(tiny_raw, tmp_path):
    return shutil.copytree(tiny_raw, tmp_path / "raw")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_renamed_column_names_file_and_line(raw_copy):
    path = wdi.series_path(raw_copy, "SP.POP.TOTL")
    _edit(path, "Country Code", "Code")
    with pytest.raises(DataError,
                       match=r"SP\.POP\.TOTL\.csv, line 1: missing column.*Country Code"):
        wdi.read_series(path)


def test_text_in_a_number_column_names_the_line(raw_copy):
    path = wdi.series_path(raw_copy, "SP.POP.TOTL")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",about two million"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 4: column 'Value' should be a number, "
                                        r"found 'about two million'"):
        wdi.read_series(path)


def test_duplicate_rows_name_the_line(raw_copy):
    path = raw_copy / trade.RELPATH
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"line {len(lines) + 1}: duplicate row for "
                                        r"exporter=NAM, product=2831, year=1999"):
        trade.read_trade(path)


def test_bad_product_code_names_the_line(raw_copy):
    path = raw_copy / trade.RELPATH
    _edit(path, "NAM,0011", "NAM,11")
    with pytest.raises(DataError, match=r"line 2: product should be a 4-digit SITC code"):
        trade.read_trade(path)


def test_missing_raw_file_is_named(tmp_path):
    with pytest.raises(DataError, match="raw file missing"):
        wdi.read_series(tmp_path / "wdi" / "X.csv")
