"""The SDG 9 panel and the gender section of the industrial profile: on the tiny pack (the
figures, medians by the evidence rule, the words), then on real data every figure recomputed
for Kenya from the publishers' raw CSV files (not the pack), compared with the lesson's
panel and with the results file of a papermill run of the notebook."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from policylab import display
from policylab.display import table_bundle
from policylab.evidence import MIN_COUNT
from policylab.evidence.breaks import REPEAT_RUN
from policylab.lessons import context, profile
from policylab.lessons.common import sources_table, start
from policylab.lessons.profile import sdg9
from policylab.metrics import profile_sdg9
from policylab.paths import project_root
from policylab.results import read_results
from policylab.text import format_value

RAW = (project_root() / ".." / "shared" / "data" / "raw").resolve()
COUNTRY = "KEN"
#: Pack id -> how to recompute it from WDI series (the catalogue's recipes, written out).
RECIPES = {
    "mva_share_gdp": lambda s: s("NV.IND.MANF.ZS"),
    "mva_per_capita_const": lambda s: s("NV.IND.MANF.KD") / s("SP.POP.TOTL"),
    "co2_per_gdp": lambda s: s("EN.GHG.CO2.RT.GDP.PP.KD"),
    "co2_industry_per_mva": lambda s: (s("EN.GHG.CO2.IC.MT.CE.AR5")
                                       + s("EN.GHG.CO2.IP.MT.CE.AR5")) * 1e9
                                      / s("NV.IND.MANF.KD"),
    "rd_share_gdp": lambda s: s("GB.XPD.RSDV.GD.ZS"),
    "researchers_per_million": lambda s: s("SP.POP.SCIE.RD.P6"),
    "mht_share_mva": lambda s: s("NV.MNF.TECH.ZS.UN"),
    sdg9.EMPLOYMENT: lambda s: (s("SL.TLF.TOTL.FE.ZS") / 100 * s("SL.IND.EMPL.FE.ZS")
                                + (1 - s("SL.TLF.TOTL.FE.ZS") / 100) * s("SL.IND.EMPL.MA.ZS")),
}


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(context, "display", lambda *a, **k: None)
    monkeypatch.setattr(display, "display", lambda *a, **k: None)
    monkeypatch.setenv("POLICYLAB_STATIC", "1")


@cache
def raw_series(code: str) -> pd.Series:
    """One WDI file as a (iso3, year) -> value series, read as published."""
    if not RAW.is_dir():
        pytest.skip("shared raw data copy not present")
    frame = pd.read_csv(RAW / "wdi" / f"{code}.csv", keep_default_na=False)
    frame = frame[frame["Value"].astype(str) != ""]
    return frame.set_index(["Country Code", "Year"])["Value"].astype(float)


def raw_indicator(indicator: str) -> pd.Series:
    return RECIPES[indicator](raw_series).dropna()


def measured_year(series: pd.Series) -> int:
    """The year the last value of a year-indexed series was measured: the first of the
    ``REPEAT_RUN`` or more equal last values when they repeat a figure that is not a whole
    number (the publisher carries it forward), else its own year."""
    last, run = series.iloc[-1], 1
    while run < len(series) and series.iloc[-run - 1] == last:
        run += 1
    carried = run >= REPEAT_RUN and last != round(last)
    return int(series.index[-run] if carried else series.index[-1])


def raw_figure(indicator: str, country: str, peers: list[str], start: int, end: int) -> dict:
    """Latest value, the year it was measured, the first value from ``start`` on, and both
    medians, from the raw files with the panel's rules (each country's latest value measured
    in the window, at least three countries)."""
    values = raw_indicator(indicator)
    own = values.xs(country, level=0)
    own = own[own.index <= end].sort_index()
    year = measured_year(own)
    since = own[own.index >= start]
    economies = pd.read_csv(RAW / "classifications" / "wb_economies.csv",
                            keep_default_na=False).set_index("Country Code")
    group = economies.loc[country, "Income Group"]
    members = list(economies.index[economies["Income Group"] == group])

    def median(codes: list[str]) -> float:
        latest = []
        for code in set(codes) & set(values.index.get_level_values(0)):
            series = values.xs(code, level=0).sort_index()
            series = series[series.index <= year]
            if len(series) and measured_year(series) > year - profile_sdg9.WINDOW_YEARS:
                latest.append(series.iloc[-1])
        return float(pd.Series(latest).median()) if len(latest) >= MIN_COUNT else math.nan

    return {"value": float(own.iloc[-1]), "year": year, "start_value": float(since.iloc[0]),
            "start_year": int(since.index[0]), "peer_median": median(peers),
            "group_median": median(members)}


def _begin(country, peers, start_year, end, ds):
    return start(profile.SPEC, country, peers, start_year, end, ds=ds)


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9)


# --------------------------------------------------------------------- tiny pack
def _tiny(ds, peers=("NAM", "BRA", "DEU")):
    return _begin("KEN", list(peers), 2000, 0, ds)


def test_panel_figures_and_medians_on_the_tiny_pack(tiny_dataset):
    figures = {f.indicator: f for f in sdg9.panel(_tiny(tiny_dataset))}
    assert list(figures) == [*sdg9.HEADLINE_IDS, sdg9.EMPLOYMENT]
    mva = figures["mva_share_gdp"]
    assert (mva.value, mva.year, mva.start_year, mva.change) == (10.0, 2002, 2000, -1.0)
    peers = [tiny_dataset.latest("mva_share_gdp", c).value for c in ("NAM", "BRA", "DEU")]
    assert mva.peer_median == pytest.approx(sorted(peers)[1]) and mva.peer_n == 3
    parts = {p: tiny_dataset.latest(p, "KEN").value for p in profile_sdg9.EMPLOYMENT_PARTS}
    share = parts["female_share_labour_force"] / 100
    expected = share * parts["empl_industry_female"] + (1 - share) * parts["empl_industry_male"]
    assert figures[sdg9.EMPLOYMENT].value == pytest.approx(expected)


def test_two_peers_give_no_median_and_the_count_is_said(tiny_dataset):
    lesson = _tiny(tiny_dataset, ("NAM", "BRA"))
    figures = sdg9.panel(lesson)
    assert all(math.isnan(f.peer_median) and f.peer_n <= 2 for f in figures)
    text = sdg9.table(lesson, figures).to_string()
    assert "only 2 report" in text
    assert f"fewer than {MIN_COUNT} peers report" in sdg9.panel_text(lesson, figures)


def test_table_change_and_words_on_the_tiny_pack(tiny_dataset):
    lesson = _tiny(tiny_dataset)
    figures = sdg9.panel(lesson)
    table = sdg9.table(lesson, figures)
    row = table.loc["9.2.1 Manufacturing value added (% of GDP)"]
    assert row["Kenya"] == "10.0%" and row["Change"] == "\u22121.00 points since 2000"
    # the price basis said once (the label's "(constant prices)" repeated the unit's)
    assert list(table.index[:2]) == [
        "9.2.1 Manufacturing value added (% of GDP)",
        "9.2.1 Manufacturing value added per person (constant 2015 US$ per person)"]
    assert row["Peer median"].endswith("(n = 3)")
    words = sdg9.panel_text(lesson, figures)
    assert "not available offline" in words and "proxy for the UN definition" in words
    # the count is of the table's rows, and the one left out of the comparison is named
    compared = sum(not math.isnan(f.peer_median) for f in figures[:-1] if f.year is not None)
    assert len(table) == len(figures) == 8
    assert words.startswith(f"**Kenya on SDG 9.** Of the 8 figures in the table, {compared} "
                            "can be compared with the median of Kenya's peers")
    assert ("The nearest figure for 9.2.2 is not counted here: it only approximates the "
            "indicator (see below).") in words
    gender = sdg9.gender_text(lesson, sdg9.gender(lesson))
    assert "of employed women in Kenya worked in industry" in gender
    figures = sdg9.headline_figures(lesson)
    assert figures["mva_share_gdp"].value == 10.0 and set(figures) == set(sdg9.HEADLINE_IDS)


# --------------------------------------------------------------------- real data
@pytest.mark.realdata
def test_every_sdg9_figure_equals_a_recomputation_from_the_raw_files(real_dataset):
    lesson = _begin(COUNTRY, [], 2000, 0, ds=real_dataset)
    figures = {f.indicator: f for f in sdg9.panel(lesson)}
    assert list(figures) == [*sdg9.HEADLINE_IDS, sdg9.EMPLOYMENT]
    for indicator, fig in figures.items():
        expected = raw_figure(indicator, COUNTRY, lesson.peer_codes, lesson.start_year,
                              lesson.end_year)
        assert (fig.value, fig.year) == (pytest.approx(expected["value"], rel=1e-9),
                                         expected["year"]), indicator
        assert fig.start_year == expected["start_year"], indicator
        assert fig.change == pytest.approx(expected["value"] - expected["start_value"],
                                           rel=1e-9), indicator
        assert _same(fig.peer_median, expected["peer_median"]), indicator
        assert _same(fig.group_median, expected["group_median"]), indicator
    # Kenya's researchers: fewer than three peers report, so no median and the count said
    researchers = figures["researchers_per_million"]
    assert math.isnan(researchers.peer_median) and 0 < researchers.peer_n < 3
    text = table_bundle(sdg9.table(lesson, list(figures.values())), "t", "s")["text/plain"]
    assert f"only {researchers.peer_n} report" in text
    assert "nan" not in text and "None" not in text
    words = sdg9.panel_text(lesson, list(figures.values()))
    assert "not available offline" in words and "labour force" in words
    assert "proxy for the UN definition" in words
    sources = sources_table(lesson)  # lists the panel's and survey series
    assert "Enterprise Surveys" in " ".join(sources["Publisher"])
    assert "EN.GHG.CO2.IC.MT.CE.AR5" in " ".join(sources["Codes"])


@pytest.mark.realdata
def test_gender_section_states_shares_of_each_sexs_employment(real_dataset):
    lesson = _begin(COUNTRY, [], 2000, 0, ds=real_dataset)
    women, men, manager, owners = sdg9.gender(lesson)
    female = raw_series("SL.IND.EMPL.FE.ZS").xs(COUNTRY, level=0).sort_index()
    male = raw_series("SL.IND.EMPL.MA.ZS").xs(COUNTRY, level=0).sort_index()
    assert (women.value, women.year) == (female.iloc[-1], female.index[-1])
    assert (men.value, men.year) == (male.iloc[-1], male.index[-1])
    surveys = raw_series("IC.FRM.FEMM.ZS").xs(COUNTRY, level=0).sort_index()
    assert manager.years_with_data == tuple(int(y) for y in surveys.index)
    text = sdg9.gender_text(lesson, [women, men, manager, owners])
    assert f"{format_value(women.value, '%')} of employed women in Kenya worked in industry" in text
    assert f"against {format_value(men.value, '%')} of employed men" in text
    assert "not women's share of industry jobs" in text
    assert f"Enterprise Survey of {manager.year}" in text


@pytest.mark.realdata
def test_old_figures_and_missing_surveys_are_said(real_dataset):
    ds = real_dataset
    latest = ds.latest_values("rd_share_gdp")
    old = latest[latest["year"] < ds.recency_cutoff].index[0]
    lesson = _begin(old, [], 2000, 0, ds=ds)
    figures = sdg9.panel(lesson)
    rd = next(f for f in figures if f.indicator == "rd_share_gdp")
    assert f"R&D spending ({rd.year})" in sdg9.panel_text(lesson, figures)
    surveyed = set(ds.latest_values("firms_female_top_manager").index) | set(
        ds.latest_values("firms_female_ownership").index)
    never = next(c for c in ds.countries().index if c not in surveyed)
    lesson = _begin(never, [], 2000, 0, ds=ds)
    assert "No World Bank Enterprise Survey" in sdg9.gender_text(lesson, sdg9.gender(lesson))


@pytest.mark.realdata
@pytest.mark.slow
def test_notebook_results_file_carries_the_raw_sdg9_figures(real_pack, tmp_path):
    output, results_path = tmp_path / "profile.ipynb", tmp_path / "profile.json"
    env = {**os.environ, "POLICYLAB_STATIC": "1", "POLICYLAB_PACK": str(real_pack)}
    notebook = Path(project_root()) / "notebooks" / "00_industrial_profile.ipynb"
    subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(output), "-k",
                    "python3", "-p", "country", COUNTRY, "-p", "results_path",
                    str(results_path)], check=True, env=env, capture_output=True, timeout=600)
    results = read_results(results_path)
    for indicator in sdg9.HEADLINE_IDS:
        expected = raw_figure(indicator, COUNTRY, results["peers"], 2000, 10_000)
        figure = results["headline"][indicator]
        assert figure["value"] == pytest.approx(expected["value"], rel=1e-9), indicator
        assert figure["year"] == expected["year"], indicator
        median = math.nan if figure["peer_median"] is None else figure["peer_median"]
        assert _same(median, expected["peer_median"]), indicator
    text = "\n".join(json.dumps(cell.get("outputs", []))
                     for cell in nbformat.read(output, as_version=4).cells)
    assert "SDG 9 indicators" in text and "not available offline" in text
    assert "not women's share of industry jobs" in text


#: Countries with every kind of gap, and one of each income group.
SAMPLE = ("TUV", "SSD", "SOM", "PRK", "NRU", "LIE", "ETH", "VNM", "DEU", "BRA", "UGA")


@pytest.mark.realdata
def test_data_poor_countries_get_words_not_missing_markers(real_dataset):
    for code in SAMPLE:
        lesson = _begin(code, [], 2000, 0, ds=real_dataset)
        figures, gender = sdg9.panel(lesson), sdg9.gender(lesson)
        texts = [sdg9.panel_text(lesson, figures), sdg9.gender_text(lesson, gender),
                 *(table_bundle(sdg9.table(lesson, f), "t", "s")["text/plain"]
                   for f in (figures, gender))]
        assert not any(bad in t for t in texts for bad in ("nan", "None", "<NA>")), code
        for fig in figures:  # a median is there exactly when three or more report
            assert math.isnan(fig.peer_median) == (fig.peer_n < MIN_COUNT), code


@pytest.mark.realdata
def test_a_value_carried_forward_is_said_not_read_as_no_change(real_dataset):
    """Uganda's medium/high-tech share repeats one value for years in the raw file."""
    raw = raw_series("NV.MNF.TECH.ZS.UN").xs("UGA", level=0).sort_index()
    same = raw[raw == raw.iloc[-1]]
    first = int(same.index.min())
    assert (raw.loc[first:] == raw.iloc[-1]).all() and len(same) >= REPEAT_RUN
    lesson = _begin("UGA", [], 2000, 0, ds=real_dataset)
    figures = sdg9.panel(lesson)
    mht = next(f for f in figures if f.indicator == "mht_share_mva")
    assert mht.repeated_since == first
    assert f"same value every year since {first}" in sdg9.table(lesson, figures).to_string()
    assert f"medium and high-tech share of MVA (9.b.1) since {first}" in sdg9.panel_text(
        lesson, figures)
    kenya = sdg9.panel(_begin("KEN", [], 2000, 0, ds=real_dataset))
    assert all(f.repeated_since is None for f in kenya)


@pytest.mark.realdata
def test_no_change_is_read_across_a_series_break(real_dataset):
    """Uganda's MVA share breaks in 2009 (a rebasing: 7.3% in 2008, 20.1% in 2009): the
    panel states the level and says why no change is read; Kenya's change stays."""
    from policylab.evidence.breaks import series_flags

    assert 2009 in series_flags(real_dataset, "mva_share_gdp", "UGA").breaks
    uga = start(profile.SPEC, "UGA", [], 2000, 0, ds=real_dataset)
    table = sdg9.table(uga, sdg9.panel(uga))
    row = table.loc[table.index.str.contains("9.2.1 Manufacturing value added \\(% of GDP\\)")]
    assert row["Change"].iloc[0] == "not read since 2000 (the series likely breaks in 2009)"
    assert row[uga.name].iloc[0] == format_value(real_dataset.latest("mva_share_gdp",
                                                                     "UGA").value, "%")
    ken = start(profile.SPEC, "KEN", [], 2000, 0, ds=real_dataset)
    figure = sdg9.figure(ken, "mva_share_gdp", "9.2.1")
    assert sdg9.change_withheld(ken, figure) is None
    kept = sdg9.table(ken, [figure])["Change"].iloc[0]
    assert kept.endswith(" points since 2000") and "not read" not in kept
