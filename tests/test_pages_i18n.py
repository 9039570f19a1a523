"""The pages' own words in French and Spanish (issue 15): the front page, the PDF brief, the
page chrome and the "what changed" note, read with the real catalogues; each page's
``<html lang>`` is its language, a lesson page's from its notebook's ``language``
parameter."""

from __future__ import annotations

import json

import nbformat
import pytest
import yaml

from policylab.batch.brief import build_stamp, country_brief_html, headline_value, page_rules
from policylab.batch.export import notebook_language, render_page
from policylab.batch.index import CountryMeta, render_index
from policylab.batch.pages import LESSON_TEXTS, Provenance, lessons, page_title
from policylab.changes import what_changed
from policylab.i18n import using_language
from policylab.paths import project_root

NBSP = "\u00a0"
PROVENANCE = Provenance(workshop="Atelier", version="0.0", vintage="WDI test", built="today")


def _report() -> dict:
    jobs = [{"key": f"KEN/{nb}", "country": "KEN", "notebook": nb, "status": "ok",
             "error": None, "log": f"logs/KEN__{nb}.log"}
            for nb in ("00_industrial_profile", "01_greening")]
    return {"workshop": {"title": "Atelier"},
            "provenance": {"version": "0.1", "vintage": "WDI", "built": "now"},
            "summary": {"total": 2, "ok": 2, "skipped": 0, "failed": 0, "not_run": 0},
            "jobs": jobs}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "KEN").mkdir()
    for nb in ("00_industrial_profile", "01_greening"):
        (tmp_path / "KEN" / f"{nb}.html").write_text("page")
    (tmp_path / "KEN" / "00_industrial_profile.results.json").write_text(json.dumps({
        "headline": {"mva_share_gdp": {"value": 7.60393, "year": 2023}},
        "messages": ["La VAM du Kenya a reculé."]}))
    return tmp_path


def test_the_front_page_in_french(folder):
    with using_language("fr"):
        page = render_index(_report(), {"KEN": CountryMeta("Kenya")}, folder,
                            ["Une note."], facilitator=True)
    assert '<html lang="fr">' in page
    assert "<h2>Comment utiliser ces supports</h2>" in page
    assert "Où en est notre industrie ?" in page  # the lesson's title from lessons.yml
    assert f"<strong>7,60{NBSP}%" in page  # the headline figure, in French number format
    assert f"'Pays affichés{NBSP}: ' + shown + ' sur ' + cards.length" in page  # filter count
    assert f"État de la génération (2 notebooks){NBSP}: 2 générés" in page
    assert "Les appellations employées" in page
    assert "How to use" not in page and "countries shown" not in page


def test_the_front_page_in_spanish(folder):
    with using_language("es"):
        page = render_index(_report(), {"KEN": CountryMeta("Kenya")}, folder, None)
    assert '<html lang="es">' in page
    assert "<h2>Cómo usar este material</h2>" in page and "Mensajes clave" in page
    assert "Edición para participantes" in page


def test_the_brief_in_french(tmp_path):
    (tmp_path / "KEN").mkdir()
    (tmp_path / "KEN" / "00_industrial_profile.results.json").write_text(json.dumps({
        "headline": {"cip_rank": {"value": 101.0, "year": 2022}}}))
    with using_language("fr"):
        assert headline_value({"value": 101.0, "year": 2022}, "rank (1 = best)", 129) \
            == "101e sur 129 (2022)"
        page = country_brief_html(tmp_path, "KEN", "Kenya", ["00_industrial_profile"],
                                  PROVENANCE, "Atelier", countries={}, charts={})
        stamp = build_stamp(PROVENANCE)
    assert '<html lang="fr">' in page
    assert f"<h1>Kenya{NBSP}: note de politique industrielle</h1>" in page
    assert "<h2>Chiffres clés</h2>" in page and "Pays de comparaison et sources" in page
    assert stamp == f"policylab 0.0 · données{NBSP}: WDI test · généré le today"
    with using_language("fr"):
        assert '"Page " counter(page) " sur " counter(pages)' in page_rules(stamp)


def test_a_rank_in_french_reads_as_a_place_among_those_ranked():
    """The catalogue's units are translated: the brief and the cards read the English one."""
    from policylab.batch.brief import _headline_rows
    from policylab.batch.index import _figure
    from policylab.catalogue import load_catalogue

    catalogue = load_catalogue()
    results = {"nb": {"headline": {"cip_rank": {"value": 101.0, "year": 2022},
                                   "eci": {"value": -0.0504, "year": 2024}}}}
    with using_language("fr"):
        rows = dict(_headline_rows(results, catalogue, lambda indicator, year: 129))
        card = _figure(catalogue["eci"], -0.0504, 2024)
        rank, eci = rows[catalogue["cip_rank"].label], rows[catalogue["eci"].label]
    assert rank == "101e sur 129 (2022)"
    assert eci.startswith("−0,05")  # two decimals, as in English
    assert "<strong>−0,05</strong>" in card


def test_the_what_changed_note_in_spanish():
    manifest = {"coverage": {"co2_mt": {"last_year": 2024},
                             "eci": {"first_year": 1995, "last_year": 2024}},
                "product_panel": {"years": [2016]}}
    with using_language("es"):
        notes = what_changed(manifest)
    assert "Sustituya todas las copias distribuidas." in notes[0]
    assert "(1995–2024)" in notes[1] and "para 2016" in notes[1]
    assert "llegan hasta 2024" in notes[2]


def _notebook(language: str | None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Titre")])
    if language:
        nb.metadata["papermill"] = {"parameters": {"country": "KEN", "language": language}}
    return nb


def test_a_lesson_page_is_in_its_notebooks_language():
    french = render_page(_notebook("fr"), title="t", provenance=PROVENANCE, participant=True)
    assert '<html lang="fr">' in french
    assert "version participant" in french and f"données{NBSP}: WDI test" in french
    assert "Les appellations employées" in french
    english = render_page(_notebook(None), title="t", provenance=PROVENANCE,
                          participant=False)
    assert '<html lang="en">' in english and "facilitator version" in english
    assert notebook_language(_notebook("xx")) == "en"


def test_titles_and_lessons_in_each_language():
    assert page_title("01_greening", "forum", "es") == "Ecologización de la industria"
    assert lessons("fr")["02_digitalization"]["title"] == "Transformation numérique"
    assert lessons("en")["02_digitalization"]["title"] == "Digitalization"


def test_every_lesson_text_is_given_in_french_and_spanish():
    entries = yaml.safe_load((project_root() / "data" / "lessons.yml").read_text())["lessons"]
    for entry in entries:
        for language in ("fr", "es"):
            local = entry.get(language, {})
            for key in LESSON_TEXTS:
                if key in entry:
                    assert local.get(key) and local[key] != entry[key], (entry["notebook"],
                                                                         language, key)


def test_a_brief_that_runs_over_is_printed_again_with_shorter_charts(tmp_path):
    """French and Spanish briefs are longer: the print steps the charts' height down until
    the brief fits its pages; English fits at the first step, the pages' own height."""
    from policylab.batch import brief, brief_pages

    assert brief.PLOT_STEPS[0] == brief_pages.PLOT_MAX_PX
    assert list(brief.PLOT_STEPS) == sorted(brief.PLOT_STEPS, reverse=True)
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [3 0 R] /Count 5 >> endobj\n")
    assert brief.pdf_pages(pdf) == 5
