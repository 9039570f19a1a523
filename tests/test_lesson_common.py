"""The common lesson module on the tiny pack: start, sources, cases, explorer, results."""

from __future__ import annotations

import json

from policylab.lessons.common import (
    LessonSpec,
    explorer_render,
    explorer_settings,
    finish,
    key_messages_markdown,
    policy_cases_markdown,
    sources_table,
    start,
)

SPEC = LessonSpec(notebook="99_test", headline=("mva_share_gdp",), flags=("mva_share_gdp",),
                  megatrend=None, sources=("mva_share_gdp", "eci"),
                  explorer_indicators={"MVA": "mva_share_gdp"}, explorer_start="mva_share_gdp",
                  explorer_view=lambda lesson, ind: SEEN.append((lesson.country,
                                                                 lesson.peer_codes, ind)))
SEEN: list = []


def _lesson(ds, tmp_path=None):
    path = str(tmp_path / "r.json") if tmp_path else ""
    return start(SPEC, "Kenya", ["NAM", "BRA", "DEU"], 2000, 0, path, ds=ds)


def test_start_resolves_parameters(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    assert lesson.country == "KEN" and lesson.peer_codes == ["NAM", "BRA", "DEU"]
    assert lesson.years == (2000, 2002) and lesson.spec is SPEC


def test_sources_table_per_publisher(tiny_dataset):
    table = sources_table(_lesson(tiny_dataset))
    wb = table[table["Publisher"].str.startswith("World Bank")].iloc[0]
    assert wb["Codes"] == "NV.IND.MANF.ZS" and wb["Years"] == "2000\u20132002"
    assert len(table) == 2


def test_sources_table_credits_the_classification_without_repeating_the_panel(tiny_dataset):
    """The pack's map for a panel-derived indicator, as the build writes it: the panel's row
    gives its code and year, the classification's row its own code and no years (it
    repeated the panel's "HS 1992 4-digit exports (complete product panel)", 2016)."""
    import pandas as pd

    from policylab.pack.dataset import Dataset
    from policylab.pack.source_map import indicator_files, indicator_sources

    ds = tiny_dataset
    panel = pd.DataFrame({"exporter": ["KEN"], "product": ["0901"], "year": [2016],
                          "value": [1.0]})
    obs = pd.DataFrame({"iso3": ["KEN"], "year": [2016], "indicator": ["diversity"],
                        "value": [12.0]})
    measured = ds.obs.assign(file="wdi/x.csv").head(0)
    files = {s["file"]: s for s in ds.manifest["sources"]}
    mapped = indicator_sources(obs, ds.catalogue, indicator_files(measured, panel),
                               [files["classifications/hs92_atlas.csv"],
                                {"file": "trade/hs92_exports_2016.csv", "publisher": "Panel",
                                 "licence": "Dataverse terms"}])
    manifest = {**ds.manifest, "indicator_sources": {**ds.manifest["indicator_sources"],
                                                     **mapped}}
    with_panel = Dataset.from_frames(pd.concat([ds.obs, obs]), ds.countries(
        include_aggregates=True).reset_index(), ds.trade, ds.products, manifest, ds.catalogue)
    table = sources_table(_lesson(with_panel), ["diversity"]).set_index("Publisher")
    assert table.loc["Panel", "Codes"] == "HS 1992 4-digit exports (complete product panel)"
    assert table.loc["Panel", "Years"] == "2016"
    classification = table.loc[table.index.str.contains("classifications")].iloc[0]
    assert (classification["Codes"], classification["Years"]) == ("hs92_atlas", "\u2013")
    assert classification["Licence"] == "BSD-3-Clause"


def test_finish_writes_results(tiny_dataset, tmp_path):
    lesson = _lesson(tiny_dataset, tmp_path)
    results = finish(lesson)
    written = json.loads((tmp_path / "r.json").read_text())
    assert written["notebook"] == "99_test" and written["country"] == "KEN"
    assert results["headline"]["mva_share_gdp"]["value"] == 10.0
    assert "No key messages" in key_messages_markdown(lesson)


def test_cases_and_explorer(tiny_dataset):
    lesson = _lesson(tiny_dataset)
    assert policy_cases_markdown(lesson, []).startswith("No challenge on this lesson's topic")
    settings = explorer_settings(lesson)
    assert settings["indicator"] == "mva_share_gdp" and settings["country"] == "KEN"
    explorer_render(lesson)({"country": "NAM", "peers": ["KEN", "BRA", "DEU"],
                             "years": (2000, 2002), "indicator": "mva_share_gdp"})
    assert SEEN[-1] == ("NAM", ["KEN", "BRA", "DEU"], "mva_share_gdp")


def test_cases_name_the_megatrend_in_the_reader_language(tiny_dataset):
    """With no challenge flagged, the block names the lesson's megatrend in the page's
    language (a French page once read "(thème : greening of industry)")."""
    from dataclasses import replace

    from policylab.i18n import using_language

    lesson = _lesson(tiny_dataset)
    lesson.spec = replace(SPEC, megatrend="green")
    assert "greening of industry" in policy_cases_markdown(lesson, [])
    with using_language("fr"):
        french = policy_cases_markdown(lesson, [])
    assert "écologisation de l'industrie" in french and "greening" not in french


def test_every_lesson_names_the_measures_its_challenge_rules_read(tiny_dataset):
    """The cases block of each lesson says which measures can raise a challenge there, from
    the lesson's own rules (``results.rules_for(spec.flags)``), and states the rule."""
    from dataclasses import replace

    from policylab.lessons import digital, greening, profile, value_chains
    from policylab.results import rules_for

    lesson = _lesson(tiny_dataset)
    for spec in (profile.SPEC, greening.SPEC, digital.SPEC, value_chains.SPEC):
        lesson.spec = replace(spec)
        block = policy_cases_markdown(lesson, [])
        rules = rules_for(spec.flags)
        assert rules and "**Why a challenge is flagged.** A figure counts as a challenge when it " \
            "is in the world's worst quarter" in block, spec.notebook
        measures = block.split("Only these measures can raise one in this lesson: ")[1]
        measures = measures.split("\n")[0]
        named = [tiny_dataset.indicator(r.indicator).label.lower() for r in rules]
        assert all(label in measures.lower() for label in named), spec.notebook
        others = {r.indicator for r in rules_for(None)} - {r.indicator for r in rules}
        assert not any(f"{tiny_dataset.indicator(i).label.lower()} (" in measures.lower()
                       for i in others), spec.notebook


def test_the_cases_block_shows_every_challenge_the_lesson_raised_with_its_evidence():
    """A lesson's rule of another megatrend (the profile's manufactured exports, a value-chains
    challenge) is shown with the others: the block lists what the results file flags, each
    with its figure, year, world percentile and the edge of the worst quarter."""
    import pandas as pd
    from conftest import synthetic_countries

    from policylab.pack.dataset import Dataset
    from policylab.results import diagnose_flags

    countries = synthetic_countries(12)
    obs = pd.DataFrame([(code, year, indicator, k + 1 + 0.1 * (year - 2015))
                        for k, code in enumerate(countries["iso3"]) for year in range(2015, 2020)
                        for indicator in ("mva_share_gdp", "manuf_share_merch_exports")],
                       columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())
    spec = LessonSpec(notebook="99_test", flags=("mva_share_gdp", "manuf_share_merch_exports"),
                      megatrend="industrial_development")
    lesson = start(spec, "C00", ["C01", "C02", "C03"], 2015, 2019, ds=ds)
    flags = diagnose_flags(ds, "C00", spec.flags, 2019)
    assert flags == ["low_mva_share", "low_manuf_exports"]
    block = policy_cases_markdown(lesson, flags)
    assert block.startswith("Challenges flagged for Country C00: low manufacturing share of GDP; "
                            "low manufactured exports.")
    # 0.5 of 12 below (ties half): the 4th percentile; the 25th percentile of 1.4..12.4 is 4.15
    assert ("- **Low manufacturing share of GDP.** Country C00's figure for manufacturing value "
            "added (1.40% of GDP in 2019) is at the 4th percentile of 12 countries with data; "
            "the world's lowest quarter ends at 4.15% of GDP.") in block
    assert ("- **Low manufactured exports.** Country C00's figure for manufactures share of "
            "merchandise exports (1.40% of merchandise exports in 2019) is at the 4th "
            "percentile") in block
