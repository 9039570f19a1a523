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
