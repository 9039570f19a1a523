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
