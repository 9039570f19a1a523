"""translate_notebook: markdown cells replaced by cell id, everything else as it was."""

from __future__ import annotations

import nbformat
import pytest
from babel.messages.catalog import Catalog

from policylab.i18n import catalogues, translate_notebook
from policylab.i18n.extraction import write_catalogue


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Greening", id="title"),
                nbformat.v4.new_code_cell("show(lesson)", id="c1"),
                nbformat.v4.new_markdown_cell("Not yet translated.", id="later"),
                nbformat.v4.new_markdown_cell("Shared text", id="same")]
    return nb


@pytest.fixture
def locale(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    catalogues.reload()
    for language, title in (("fr", "# Écologisation"), ("es", "# Ecologización")):
        catalog = Catalog(locale=language, domain="notebooks")
        catalog.add("# Greening", title, context="01_greening:title")
        catalog.add("Not yet translated.", "", context="01_greening:later")
        catalog.add("Shared text", "Texte A", context="01_greening:same")
        catalog.add("Shared text", "Texte B", context="02_digital:same")
        write_catalogue(catalog, catalogues.po_path(language, "notebooks", tmp_path))
    yield tmp_path
    catalogues.reload()


def test_markdown_cells_are_replaced_by_cell_id(locale):
    original = _notebook()
    french = translate_notebook(original, "fr", stem="01_greening")
    assert [c.source for c in french.cells] == [
        "# Écologisation", "show(lesson)", "Not yet translated.", "Texte A"]
    assert [c.id for c in french.cells] == ["title", "c1", "later", "same"]
    assert original.cells[0].source == "# Greening"  # the original is not changed
    assert translate_notebook(original, "es").cells[0].source == "# Ecologización"


def test_ambiguous_or_changed_cells_stay_english(locale):
    nb = translate_notebook(_notebook(), "fr")  # no stem: "same" matches two notebooks
    assert nb.cells[3].source == "Shared text"
    edited = _notebook()
    edited.cells[0].source = "# Greening industry"  # English changed since translation
    assert translate_notebook(edited, "fr", stem="01_greening").cells[0].source == \
        "# Greening industry"


def test_english_is_a_plain_copy_and_other_codes_are_refused(locale):
    nb = _notebook()
    copy = translate_notebook(nb, "en")
    assert copy == nb and copy is not nb
    with pytest.raises(Exception, match="unknown language"):
        translate_notebook(nb, "de")


def test_a_cell_stored_as_a_list_of_lines_is_matched(locale):
    raw = nbformat.v4.new_notebook()
    raw.cells = [nbformat.v4.new_markdown_cell("", id="title")]
    raw.cells[0]["source"] = ["# Green", "ing"]
    assert translate_notebook(raw, "fr", stem="01_greening").cells[0].source == \
        "# Écologisation"
