"""``narrative.coverage`` (moved from the greening lesson): how old each indicator's data
are in the pack, and an older source's last year, on a synthetic pack."""

import pandas as pd
from conftest import synthetic_countries

from policylab.narrative.coverage import coverage_note, older_source_label
from policylab.pack.dataset import Dataset


def _pack() -> Dataset:
    """CO2 to 2015 for all; C00's own CO2 stops in 2012; cement CO2 to 2010 for C01 only."""
    countries = synthetic_countries(4)
    rows = [(code, year, "co2_mt", 1.0) for code in countries["iso3"]
            for year in range(2005, 2016) if not (code == "C00" and year > 2012)]
    rows += [("C01", year, "cement_co2_mt", 0.1) for year in range(2005, 2011)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


def test_coverage_note_gives_the_packs_end_and_the_countrys_latest_year():
    ds = _pack()
    co2, cement = ds.indicator("co2_mt").label, ds.indicator("cement_co2_mt").label
    note = coverage_note(ds, ["co2_mt", "cement_co2_mt", "not_an_indicator"], "C00")
    assert note.splitlines() == [
        "**Data coverage in this pack.**", "",
        f"- *{co2}*: data in this pack end in 2015; Country C00's latest figure is from 2012.",
        f"- *{cement}*: data in this pack end in 2010; no figure for Country C00."]
    assert "latest figure is from 2010" in coverage_note(ds, ["cement_co2_mt"], "C01")


def test_coverage_note_says_when_the_pack_has_no_figure_at_all():
    ds = _pack()
    label = ds.indicator("co2_per_capita").label
    assert f"- *{label}*: not in this data pack." in coverage_note(ds, ["co2_per_capita"], "C00")


def test_older_source_label_names_the_publisher_and_last_year():
    ds = _pack()
    publisher = ds.indicator("cement_co2_mt").source.split(",")[0]
    label = older_source_label(ds, "cement_co2_mt")
    assert label.endswith(f"({publisher}) end in 2010")
    assert label.startswith("CO2 emissions from cement")
    assert older_source_label(ds, "co2_per_capita").startswith("no ")
