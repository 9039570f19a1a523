"""The source layer (``Dataset.sources`` from the build's map) and the Dataset cache."""

from __future__ import annotations

from policylab.pack.dataset import dataset_cached


def test_sources_measured_and_derived(tiny_dataset):
    table = tiny_dataset.sources(["mva_share_gdp", "mva_per_capita", "eci"])
    measured = table[table["indicator"] == "mva_share_gdp"].iloc[0]
    assert measured["dataset"] == "wdi/NV.IND.MANF.ZS.csv"
    assert measured["source_code"] == "NV.IND.MANF.ZS"
    assert (measured["first_year"], measured["last_year"]) == (2000, 2002)
    assert measured["publisher"].startswith("World Bank")
    derived = table[table["indicator"] == "mva_per_capita"]
    assert set(derived["dataset"]) >= {"wdi/NV.IND.MANF.CD.csv", "wdi/SP.POP.TOTL.csv"}
    assert derived["dataset"].is_unique and (derived["via"] != "").all()
    eci = table[table["indicator"] == "eci"].iloc[0]
    assert eci["dataset"] == "complexity/growth_lab_eci_rankings.csv"


def test_manifest_map_names_every_pack_indicator(tiny_dataset):
    mapped = tiny_dataset.manifest["indicator_sources"]
    assert "mva_share_gdp" in mapped and "population" in mapped


def test_cache_is_per_dataset(tiny_dataset):
    calls = []

    @dataset_cached
    def expensive(ds, indicator):
        calls.append(indicator)
        return len(ds.series(indicator))

    first = expensive(tiny_dataset, "mva_share_gdp")
    assert expensive(tiny_dataset, "mva_share_gdp") == first and calls == ["mva_share_gdp"]
    assert tiny_dataset.cached(("k",), lambda: 1) == 1
    assert tiny_dataset.cached(("k",), lambda: 2) == 1
