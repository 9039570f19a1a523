"""Building the pack: derived values as computed by hand, exclusions reported, failures
that leave the previous pack untouched."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from policylab.catalogue import load_catalogue
from policylab.cli import main
from policylab.errors import DataError
from policylab.pack import layout
from policylab.pack.build import build_command, build_pack
from policylab.pack.dataset import load
from policylab.pack.derived import compute_derived


def _value(dataset, indicator, iso3, year):
    rows = dataset.series(indicator, iso3, (year, year))
    assert len(rows) == 1, (indicator, iso3, year)
    return rows["value"].iloc[0]


def test_mva_usd_prefers_the_published_value_and_flags_estimates(tiny_dataset):
    assert _value(tiny_dataset, "mva_usd", "NAM", 2000) == pytest.approx(0.5e9)
    assert _value(tiny_dataset, "mva_usd_estimated", "NAM", 2000) == 0
    # NV.IND.MANF.CD has no NAM 2002: 10% of GDP 6e9.
    assert _value(tiny_dataset, "mva_usd", "NAM", 2002) == pytest.approx(0.6e9)
    assert _value(tiny_dataset, "mva_usd_estimated", "NAM", 2002) == 1


def test_ratio_product_and_residual_recipes(tiny_dataset):
    assert _value(tiny_dataset, "mva_per_capita", "NAM", 2000) == pytest.approx(0.5e9 / 1.9e6)
    assert _value(tiny_dataset, "manuf_exports_usd", "NAM", 2001) == pytest.approx(0.42 * 1.2e9)
    assert _value(tiny_dataset, "services_share_gdp", "KEN", 2002) == pytest.approx(
        100 - 28.0 - 18.5)
    co2 = _value(tiny_dataset, "co2_mt", "NAM", 2000)  # Mt
    assert _value(tiny_dataset, "co2_per_mva", "NAM", 2000) == pytest.approx(co2 * 1e9 / 0.5e9)
    combustion = _value(tiny_dataset, "co2_industry_combustion_mt", "KEN", 2001)
    processes = _value(tiny_dataset, "co2_industry_processes_mt", "KEN", 2001)
    assert _value(tiny_dataset, "co2_industry_mt", "KEN", 2001) == pytest.approx(
        combustion + processes)
    assert _value(tiny_dataset, "co2_industry_share", "KEN", 2001) == pytest.approx(
        100 * (combustion + processes) / _value(tiny_dataset, "co2_mt", "KEN", 2001))


def test_world_share_sums_countries_not_groups(tiny_dataset):
    countries_2000 = 0.5e9 + 1.3e9 + 90e9 + 430e9 + 7.4e9  # WLD left out
    assert _value(tiny_dataset, "world_mva_share", "DEU", 2000) == pytest.approx(
        430e9 / countries_2000 * 100)
    assert tiny_dataset.series("world_mva_share", "WLD").empty
    shares = tiny_dataset.series("world_mva_share", years=(2001, 2001))["value"]
    assert shares.sum() == pytest.approx(100)


def test_excluded_values_leave_gaps_that_recipes_respect(tiny_dataset):
    assert tiny_dataset.series("mva_share_gdp", "BRA", (2000, 2000)).empty
    assert tiny_dataset.series("manuf_exports_usd", "KEN", (2001, 2001)).empty


def test_exclusions_and_unresolved_names_are_reported(tiny_dataset):
    records = {(r["file"], r["country"], r["year"]): r
               for r in tiny_dataset.manifest["exclusions"]}
    assert records[("wdi/NV.IND.MANF.ZS.csv", "BRA", 2000)]["rule"].startswith("zero")
    assert records[("wdi/TX.VAL.MANF.ZS.UN.csv", "KEN", 2001)]["value"] == 372.9
    assert ("wdi/NY.GDP.MKTP.CD.csv", "ZZZ", 2000) in records
    assert ("owid/owid-co2-data.csv", "GLP", 2001) in records
    assert ("trade/hs92_exports_2001.csv", "SCG", 2001) in records
    assert ("trade/hs92_exports_2001.csv", "AIA", 2001) in records
    assert tiny_dataset.manifest["unresolved_names"] == ["owid/ghg-emissions-by-sector.csv: World"]


def test_codes_are_harmonised(tiny_dataset):
    assert set(tiny_dataset.series("cement_co2_mt")["iso3"]) == {"NAM", "KEN", "XKX"}
    assert "ROU" in set(tiny_dataset.trade["exporter"].astype(str))
    assert not {"SCG", "AIA"} & set(tiny_dataset.trade["exporter"].astype(str))


def test_pack_and_catalogue_agree(tiny_dataset):
    """The tiny product panel is too small for the complexity method: diversity is left out
    with a note in the manifest, and the build goes on."""
    catalogue = load_catalogue()
    in_pack = set(tiny_dataset.obs["indicator"])
    assert in_pack <= set(catalogue)
    missing = {i.id for i in catalogue.values() if i.available} - in_pack
    assert "diversity" in missing and "eci" not in missing
    assert any("diversity not computed" in n for n in tiny_dataset.manifest["analysis_notes"])


@pytest.mark.realdata
def test_real_pack_holds_every_available_catalogue_indicator(real_dataset):
    catalogue = load_catalogue()
    in_pack = set(real_dataset.obs["indicator"])
    assert {i.id for i in catalogue.values() if i.available} == in_pack
    assert real_dataset.manifest["analysis_notes"] == []
    ranked = real_dataset.series("cip_rank", years=(2015, 2015))
    assert sorted(ranked["value"]) == list(range(1, len(ranked) + 1))
    assert len(real_dataset.series("eci")) >= 100


def test_manifest_records_sources_checksums_and_coverage(tiny_pack):
    manifest = json.loads((tiny_pack / layout.MANIFEST).read_text())
    assert set(manifest["files"]) == set(layout.TABLES)
    sources = {s["file"]: s for s in manifest["sources"]}
    assert len(sources["wdi/SP.POP.TOTL.csv"]["sha256"]) == 64
    assert "Growth Lab" in sources["trade/hs92_exports_2001.csv"]["publisher"]
    assert "complexity/growth_lab_eci_rankings.csv" in sources
    coverage = manifest["coverage"]["mva_share_gdp"]
    assert coverage["countries"] == 5 and coverage["first_year"] == 2000
    assert coverage["short"] and "5 countries" in coverage["reason"]
    assert "analysis layer could not compute it" in manifest["coverage"]["diversity"]["reason"]


def test_compute_derived_matches_hand_values():
    obs = pd.DataFrame({"iso3": ["AAA", "AAA", "BBB"], "year": [2000] * 3,
                        "indicator": ["agriculture_share_gdp", "industry_share_gdp",
                                      "agriculture_share_gdp"],
                        "value": [10.0, 30.0, 5.0]})
    out = compute_derived(obs, load_catalogue(), aggregates=set())
    services = out[out["indicator"] == "services_share_gdp"]
    assert services[["iso3", "value"]].values.tolist() == [["AAA", 60.0]]


def test_build_command_prints_coverage(tiny_raw, tmp_path, capsys):
    assert build_command(str(tiny_raw), str(tmp_path / "pack")) == 0
    out = capsys.readouterr().out
    assert "mva_share_gdp" in out and "below 150 countries" in out
    assert "diversity: not in the pack" in out
    assert "product panel: 2001; 2 of 5 country-years pass" in out


@pytest.fixture
def built(tiny_raw, tmp_path):
    raw = shutil.copytree(tiny_raw, tmp_path / "raw")
    pack = tmp_path / "pack"
    build_pack(raw, pack)
    return raw, pack


def _untouched(pack, before):
    assert (pack / layout.MANIFEST).read_bytes() == before
    assert [p.name for p in pack.parent.iterdir() if p.name.startswith(".pack")] == []


def test_malformed_raw_file_fails_and_keeps_the_previous_pack(built):
    raw, pack = built
    before = (pack / layout.MANIFEST).read_bytes()
    path = raw / "wdi" / "SP.POP.TOTL.csv"
    path.write_text(path.read_text().replace("Namibia,NAM,2001,1950000.0",
                                             "Namibia,NAM,2001,n/a"))
    with pytest.raises(DataError, match=r"SP\.POP\.TOTL\.csv, line \d+: column 'Value'"):
        build_pack(raw, pack)
    _untouched(pack, before)


def test_missing_series_file_names_the_indicator(built):
    raw, pack = built
    before = (pack / layout.MANIFEST).read_bytes()
    (raw / "wdi" / "IT.NET.USER.ZS.csv").unlink()
    with pytest.raises(DataError, match=r"IT\.NET\.USER\.ZS\.csv \(needed by indicator "
                                        r"internet_users_share\)"):
        build_pack(raw, pack)
    _untouched(pack, before)


def test_missing_raw_folder_explains_the_options(tmp_path):
    with pytest.raises(DataError, match=r"--raw DIR or POLICYLAB_RAW.*make data"):
        build_pack(tmp_path / "nowhere", tmp_path / "pack")
    assert not (tmp_path / "pack").exists()


@pytest.mark.realdata
def test_real_pack_covers_the_world(real_dataset):
    ds = real_dataset
    with_gdp = set(ds.series("gdp_usd")["iso3"]) & set(ds.countries().index)
    assert len(with_gdp) >= 180
    assert ds.latest("mva_share_gdp", "NAM").year >= 2020
    brazil = ds.series("mva_share_gdp", "BRA", (1960, 1978))
    assert (brazil["value"] > 0).all()
    assert ds.series("manuf_share_merch_exports", "JOR", (2005, 2005)).empty
    rules = {(r["file"], r["country"], r["year"]) for r in ds.manifest["exclusions"]}
    assert ("wdi/TX.VAL.MANF.ZS.UN.csv", "JOR", 2005) in rules
    assert ("wdi/NV.IND.MANF.ZS.csv", "BRA", 1960) in rules


def test_implausible_levels_and_years_are_excluded_and_reported(built):
    """A population of 1e308 or a year -3000 parses, but no publisher means it."""
    raw, pack = built
    path = raw / "wdi" / "SP.POP.TOTL.csv"
    text = path.read_text()
    text = text.replace("Kenya,KEN,2001,32000000.0", "Kenya,KEN,2001,1e308")
    path.write_text(text + "Kenya,KEN,-3000,31000000.0\n")
    report = build_pack(raw, pack)
    rules = {(r["file"], r["country"], r["year"]): r["rule"]
             for r in report.manifest["exclusions"]}
    assert rules[("wdi/SP.POP.TOTL.csv", "KEN", 2001)].startswith("above the plausible maximum")
    assert rules[("wdi/SP.POP.TOTL.csv", "KEN", -3000)].startswith("year outside 1750-")
    ds = load(pack)
    assert ds.series("population", "KEN", (2001, 2001)).empty
    assert ds.series("mva_per_capita", "KEN", (2001, 2001)).empty  # no 1e-299 per capita


def test_a_folder_that_is_not_a_pack_is_never_replaced(tiny_raw, tmp_path, monkeypatch):
    """`data build --pack DIR` once deleted DIR with everything in it."""
    folder = tmp_path / "thesis"
    (folder / "sub").mkdir(parents=True)
    (folder / "thesis.docx").write_text("keep")
    with pytest.raises(DataError, match="not a data pack"):
        build_pack(tiny_raw, folder)
    assert (folder / "thesis.docx").read_text() == "keep" and (folder / "sub").is_dir()
    monkeypatch.setenv("POLICYLAB_PACK", str(folder))
    assert main(["data", "build", "--raw", str(tiny_raw)]) == 2
    assert (folder / "thesis.docx").read_text() == "keep"
    build_pack(tiny_raw, tmp_path / "empty")  # an empty or new folder is fine
    build_pack(tiny_raw, tmp_path / "empty")  # and so is a pack, again


def test_data_status_on_a_corrupt_pack_says_so_and_exits_non_zero(built, capsys):
    raw, pack = built
    (pack / layout.OBSERVATIONS).write_bytes(b"not parquet")
    assert main(["data", "status", "--pack", str(pack), "--raw", str(raw)]) == 1
    captured = capsys.readouterr()
    assert "PROBLEM" in captured.out and "corrupt or partial" in captured.err


def test_data_status_lists_the_panel_and_its_exclusions(built, capsys):
    raw, pack = built
    assert main(["data", "status", "--pack", str(pack), "--raw", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "product panel: 2001; 2 of 5 country-years pass the completeness check" in out
    assert "DEU 2001: WDI publishes no merchandise exports" in out


@pytest.mark.realdata
def test_pack_eci_is_the_growth_lab_file_for_every_country_and_year(real_dataset, shared_raw):
    published = pd.read_csv(shared_raw / "complexity" / "growth_lab_eci_rankings.csv",
                            keep_default_na=False, na_values=[""])
    for indicator, column in (("eci", "eci_hs92"), ("eci_rank", "eci_rank_hs92")):
        expected = published.dropna(subset=[column]).set_index(
            ["country_iso3_code", "year"])[column].sort_index()
        ours = real_dataset.series(indicator).set_index(["iso3", "year"])["value"].sort_index()
        assert ours.index.equals(expected.index), indicator
        assert (ours.to_numpy() == expected.to_numpy()).all(), indicator
