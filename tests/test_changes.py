"""The "what changed" note: years from the pack, shown on the front page."""

from __future__ import annotations

from policylab.batch.index import render_index
from policylab.changes import what_changed


def test_the_note_names_the_data_years_from_the_manifest(tiny_dataset):
    notes = " ".join(what_changed(tiny_dataset.manifest))
    assert "not complete trade" in notes
    assert "Economic Complexity Index (2000–2002)" in notes  # the tiny rankings' span
    assert "complete trade by product for 2001" in notes
    assert "reach 2002" in notes  # tiny EDGAR series end in 2002


def test_without_a_product_panel_the_note_says_so():
    notes = " ".join(what_changed({"coverage": {}, "product_panel": {"years": []}}))
    assert "no product-level results" in notes


def test_the_front_page_shows_the_note_escaped(tmp_path):
    report = {"workshop": {"title": "T"}, "provenance": {"version": "0", "vintage": "v",
                                                         "built": "now"},
              "summary": {"total": 0, "ok": 0, "skipped": 0, "failed": 0, "not_run": 0},
              "jobs": []}
    page = render_index(report, {}, tmp_path, ["Trade <b>was</b> a sample."], facilitator=True)
    assert "<h2>What changed</h2>" in page
    assert "Trade &lt;b&gt;was&lt;/b&gt; a sample." in page
