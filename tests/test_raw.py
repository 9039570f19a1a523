"""Raw readers: values match the files, Namibia survives, structural faults name file+line."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from policylab.errors import DataError
from policylab.raw import climate_watch, economies, growth_lab_eci, hs92, owid_co2, trade, wdi

TRADE_2016 = trade.relpath(2016)


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
def test_trade_keeps_leading_zeros_and_names_every_product(shared_raw):
    table = trade.read_trade(shared_raw / TRADE_2016)
    assert table["product"].str.len().eq(4).all()
    assert "0101" in set(table["product"]) and set(table["year"]) == {2016}
    assert "NAM" in set(table["exporter"])
    products = hs92.read_products(shared_raw / hs92.RELPATH).set_index("code")
    assert set(table["product"]) <= set(products.index)
    # sections by their published full names: furniture is not filed under "Textiles"
    assert products.loc["0901", "section_name"] == "Vegetables, animals, wood and paper"
    assert products.loc["9403", "section_name"] == "Textiles, garments, footwear and furniture"
    assert products.loc["8703", "manufacture"] and not products.loc["2709", "manufacture"]
    # Ghana's complete 2016 exports lead with gold, cocoa and crude oil, not aircraft.
    ghana = table[table["exporter"] == "GHA"].nlargest(3, "value")["product"].tolist()
    assert set(ghana) == {"7108", "1801", "2709"}


def test_manufactures_follow_wdi_definition():
    assert hs92.is_manufacture("8703") and hs92.is_manufacture("3004")
    assert hs92.is_manufacture("7113")  # jewellery (SITC 897)
    assert hs92.is_manufacture("9701")  # works of art (SITC 896)
    for crude in ("0901", "2709", "2603", "4403", "4703", "5201", "7108", "7601", "7204"):
        assert not hs92.is_manufacture(crude), crude


def test_growth_lab_rankings_read_one_variant(tiny_raw):
    long, rows = growth_lab_eci.read_rankings(tiny_raw / growth_lab_eci.RELPATH,
                                               ["eci_hs92", "eci_rank_hs92"])
    value = long.set_index(["iso3", "year", "column"])["value"]
    assert value[("DEU", 2001, "eci_hs92")] == pytest.approx(2.05)
    assert value[("KEN", 2000, "eci_rank_hs92")] == 90
    assert ("KEN", 2002, "eci_hs92") not in value.index  # empty cell: no value
    assert rows == 8


def test_every_reader_keeps_namibia(tiny_raw):
    assert "NAM" in set(wdi.read_series(wdi.series_path(tiny_raw, "NV.IND.MANF.ZS"))["iso3"])
    eco = economies.read_economies(tiny_raw / economies.RELPATH).set_index("iso3")
    assert eco.loc["NAM", "iso2"] == "NA"
    assert "NAM" in set(owid_co2.read_owid_co2(tiny_raw / owid_co2.RELPATH, ["co2"])[0]["iso3"])
    cw, _ = climate_watch.read_climate_watch(tiny_raw / climate_watch.RELPATH, ["Industry"])
    assert "NAM" in set(cw["iso3"])
    assert "NAM" in set(trade.read_trade(tiny_raw / trade.relpath(2001))["exporter"])


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
    path = raw_copy / trade.relpath(2001)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"line {len(lines) + 1}: duplicate row for "
                                        r"exporter=NAM, product=2603, year=2001"):
        trade.read_trade(path)


def test_bad_product_code_names_the_line(raw_copy):
    path = raw_copy / trade.relpath(2001)
    _edit(path, "NAM,0102", "NAM,102")
    with pytest.raises(DataError, match=r"line 2: product should be a 4-digit HS 1992 code"):
        trade.read_trade(path)


def test_a_trade_file_holding_another_year_is_refused(raw_copy):
    path = raw_copy / trade.relpath(2001)
    _edit(path, "NAM,0102,2001", "NAM,0102,2000")
    with pytest.raises(DataError, match=r"line 2: year 2000 in a file named for 2001"):
        trade.read_trade(path)


def test_missing_raw_file_is_named(tmp_path):
    with pytest.raises(DataError, match="raw file missing"):
        wdi.read_series(tmp_path / "wdi" / "X.csv")


@pytest.mark.realdata
def test_official_short_names_replace_the_world_banks(shared_raw):
    names = economies.read_economies(shared_raw / economies.RELPATH).set_index("iso3")["name"]
    assert names["VNM"] == "Viet Nam" and names["TUR"] == "Türkiye"
    assert names["CIV"] == "Côte d'Ivoire" and names["KEN"] == "Kenya"
    assert names["XKX"] == "Kosovo"  # not listed by M49: the World Bank's name stays


def test_a_renamed_economy_in_the_world_bank_file_is_reported(tiny_raw):
    table = economies.read_economies(tiny_raw / economies.RELPATH)
    renamed = pd.DataFrame({"iso3": ["KEN"], "name": ["Kenya (official)"],
                            "world_bank_name": ["Kenia"]})
    with pytest.raises(DataError, match="the World Bank now calls KEN 'Kenya', not 'Kenia'"):
        economies.with_official_names(table, renamed)
    renamed["world_bank_name"] = ["Kenya"]
    applied = economies.with_official_names(table, renamed).set_index("iso3")["name"]
    assert applied["KEN"] == "Kenya (official)" and applied["NAM"] == "Namibia"
