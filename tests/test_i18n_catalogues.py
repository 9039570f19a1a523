"""The catalogue round trip on a tiny fixture tree: extract -> update -> translate -> check.

Nothing here reads the lessons or the real notebooks: a fixture package and notebook stand
in for them, so the tests hold whatever their text becomes.
"""

from __future__ import annotations

import importlib.util
import textwrap

import nbformat
import pytest

from policylab.i18n import catalogues, set_language, translate_notebook, using_language
from policylab.i18n.__main__ import main
from policylab.i18n.catalogues import read_catalogue
from policylab.i18n.checks import check
from policylab.i18n.extraction import Sources, extract, write_catalogue

MODULE = '''
from policylab.i18n import N_, _, ngettext, pgettext

TITLE = N_("Industrial profile")


def sentence(country, rate):
    # Translators: rate is a written percentage such as "2,4 %".
    return _("{country}'s manufacturing grew by {rate} a year").format(
        country=country, rate=rate)


def countries(n):
    return ngettext("{n} country", "{n} countries", n).format(n=n)


def axis():
    return pgettext("chart axis", "Share")


def title():
    return _(TITLE)


def unit():
    return _("CO2")
'''

FRENCH = {
    "Industrial profile": "Profil industriel",
    "{country}'s manufacturing grew by {rate} a year":
        "L'industrie manufacturière de {country} a crû de {rate} par an",
    "{n} country": ("{n} pays", "{n} pays", "{n} pays"),
    "Share": "Part",
    "CO2": "CO2",
}


def _notebook(intro: str = "# Profile\n\nWhat you will learn."):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(intro, id="intro"),
                nbformat.v4.new_code_cell("x = 1", id="code-1"),
                nbformat.v4.new_markdown_cell("## Method\n\nThe median of peers.",
                                              id="method"),
                nbformat.v4.new_markdown_cell("   ", id="blank")]
    return nb


@pytest.fixture
def tree(tmp_path, monkeypatch):
    package = tmp_path / "demo"
    package.mkdir()
    (package / "mod.py").write_text(textwrap.dedent(MODULE), encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(_notebook(), notebooks / "00_demo.ipynb")
    locale = tmp_path / "locale"
    monkeypatch.setattr(catalogues, "LOCALE_DIR", locale)
    catalogues.reload()
    spec = importlib.util.spec_from_file_location("demo_mod", package / "mod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield Sources(package_dir=package, notebooks_dir=notebooks, locale_dir=locale,
                  data_root=None), module
    set_language("en")
    catalogues.reload()


def _translate(sources, language, domain, table):
    path = catalogues.po_path(language, domain, sources.locale_dir)
    catalog = read_catalogue(path, language)
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in table:
            message.string = table[key]
            message.flags.discard("fuzzy")
    write_catalogue(catalog, path)
    catalogues.reload()


def test_extract_writes_templates_and_empty_catalogues(tree):
    sources, _module = tree
    report = extract(sources)
    assert report.entries == {"policylab": 5, "notebooks": 2} and not report.problems
    template = read_catalogue(sources.locale_dir / "policylab.pot")
    sentence = template.get("{country}'s manufacturing grew by {rate} a year")
    assert "python-brace-format" in sentence.flags
    assert sentence.auto_comments == ["rate is a written percentage such as \"2,4 %\"."]
    assert template.get("Share", context="chart axis") is not None
    cells = read_catalogue(sources.locale_dir / "notebooks.pot")
    assert {m.context for m in cells if m.id} == {"00_demo:intro", "00_demo:method"}
    for lang in ("fr", "es"):
        po = read_catalogue(catalogues.po_path(lang, "policylab", sources.locale_dir))
        strings = [m.string if isinstance(m.string, str) else "".join(m.string)
                   for m in po if m.id]
        assert len(strings) == 5 and not any(strings)
    assert extract(sources).written == []  # nothing changed: nothing rewritten


def test_untranslated_text_falls_back_to_english(tree):
    sources, module = tree
    extract(sources)
    with using_language("fr"):
        assert module.sentence("Kenya", "2,4 %") == "Kenya's manufacturing grew by 2,4 % a year"
        assert module.countries(1) == "1 country" and module.axis() == "Share"


def test_round_trip_translate_then_check(tree):
    sources, module = tree
    extract(sources)
    report = check(sources, languages=("fr",))
    assert report.count("fr", "policylab", "untranslated") == 5
    assert report.count("fr", "notebooks", "untranslated") == 2
    assert not report.ok

    _translate(sources, "fr", "policylab", FRENCH)
    _translate(sources, "fr", "notebooks", {
        "# Profile\n\nWhat you will learn.": "# Profil\n\nCe que vous apprendrez.",
        "## Method\n\nThe median of peers.": "## Méthode\n\nLa médiane des pairs."})
    report = check(sources, languages=("fr",))
    assert [p.kind for p in report.problems] == ["identical"]  # "CO2" is not allow-listed
    (sources.locale_dir / "identical_ok.txt").write_text("# units\n[fr] CO2\n",
                                                         encoding="utf-8")
    assert check(sources, languages=("fr",)).ok

    with using_language("fr"):
        assert module.sentence("Kenya", "2,4 %") == \
            "L'industrie manufacturière de Kenya a crû de 2,4 % par an"
        assert module.countries(1) == "1 pays" and module.countries(3) == "3 pays"
        assert module.axis() == "Part" and module.title() == "Profil industriel"
    assert module.title() == "Industrial profile"
    nb = translate_notebook(_notebook(), "fr")
    assert nb.cells[0].source == "# Profil\n\nCe que vous apprendrez."


def test_changed_english_becomes_fuzzy_and_shows_in_english(tree):
    sources, _module = tree
    extract(sources)
    _translate(sources, "fr", "notebooks", {
        "# Profile\n\nWhat you will learn.": "# Profil\n\nCe que vous apprendrez.",
        "## Method\n\nThe median of peers.": "## Méthode\n\nLa médiane des pairs."})
    changed = "# Profile\n\nWhat you will learn today."
    nbformat.write(_notebook(changed), sources.notebooks_dir / "00_demo.ipynb")

    assert check(sources, languages=("fr",)).count("fr", "notebooks", "stale") == 1
    extract(sources, languages=("fr",))
    po = read_catalogue(catalogues.po_path("fr", "notebooks", sources.locale_dir))
    entry = po.get(changed, context="00_demo:intro")
    assert entry.fuzzy and entry.string == "# Profil\n\nCe que vous apprendrez."
    assert not po.obsolete  # carried over by cell id, not left behind
    text = catalogues.po_path("fr", "notebooks", sources.locale_dir).read_text()
    previous = [line for line in text.splitlines() if line.startswith("#| msgid")]
    assert previous == ['#| msgid "" "# Profile\\n" "\\n" "What you will learn."']
    extract(sources, languages=("fr",))  # a later run keeps it
    assert catalogues.po_path("fr", "notebooks", sources.locale_dir).read_text() == text
    report = check(sources, languages=("fr",))
    assert report.count("fr", "notebooks", "fuzzy") == 1
    nb = translate_notebook(_notebook(changed), "fr")
    assert nb.cells[0].source == changed  # a fuzzy entry is not shown
    assert nb.cells[2].source == "## Méthode\n\nLa médiane des pairs."


def test_fields_that_differ_from_the_english_are_reported(tree):
    sources, _module = tree
    extract(sources)
    broken = dict(FRENCH)
    broken["{country}'s manufacturing grew by {rate} a year"] = "{pays} a crû de {rate}"
    _translate(sources, "fr", "policylab", broken)
    kinds = {(p.kind, p.msgid[:9]) for p in check(sources, languages=("fr",)).problems
             if p.domain == "policylab"}
    assert ("fields", "{country}") in kinds


def test_module_entry_point_exit_codes(tree, monkeypatch, capsys):
    sources, _module = tree
    monkeypatch.setattr("policylab.i18n.extraction.Sources", lambda: sources)
    monkeypatch.setattr("policylab.i18n.checks.Sources", lambda: sources)
    assert main(["extract", "--language", "fr"]) == 0
    assert main(["check", "--language", "fr", "--summary"]) == 1
    out = capsys.readouterr().out
    assert "fr policylab: 5 entries, 5 untranslated" in out
    assert main(["check", "--language", "de"]) == 2
    assert "unknown language 'de'" in capsys.readouterr().err


def test_a_changed_library_string_keeps_its_translation_as_fuzzy(tree):
    sources, _module = tree
    extract(sources)
    _translate(sources, "fr", "policylab", FRENCH)
    source = sources.package_dir / "mod.py"
    source.write_text(source.read_text().replace("a year", "each year"), encoding="utf-8")
    extract(sources, languages=("fr",))
    po = read_catalogue(catalogues.po_path("fr", "policylab", sources.locale_dir))
    entry = po.get("{country}'s manufacturing grew by {rate} each year")
    assert entry.fuzzy and entry.string.startswith("L'industrie manufacturière")
    assert check(sources, languages=("fr",)).count("fr", "policylab", "fuzzy") == 1


def test_cells_without_ids_are_reported_not_guessed(tmp_path):
    import json

    from policylab.i18n.extraction import extract_notebooks

    old = {"nbformat": 4, "nbformat_minor": 4, "metadata": {},
           "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Old"]}]}
    (tmp_path / "old.ipynb").write_text(json.dumps(old), encoding="utf-8")
    catalog, problems = extract_notebooks(tmp_path)
    assert len([m for m in catalog if m.id]) == 0
    assert problems == ["old.ipynb: nbformat 4.4 has no cell ids (4.5 or later is needed)",
                        "old.ipynb: markdown cell 0 has no id"]


def test_previous_english_written_over_several_lines_is_read_back():
    from policylab.i18n.extraction import _previous_msgid

    lines = ['msgctxt "nb:1"', 'msgid ""', '"# Old\\n"', '"text"']
    assert _previous_msgid(lines) == ['""', '"# Old\\n"', '"text"']
    assert _previous_msgid(['msgid "a"', 'msgid_plural "b"']) == ['"a"']


def test_policylab_i18n_subcommand_runs_the_same_checks(tree, monkeypatch, capsys):
    from policylab.cli import main as policylab

    sources, _module = tree
    monkeypatch.setattr("policylab.i18n.extraction.Sources", lambda: sources)
    monkeypatch.setattr("policylab.i18n.checks.Sources", lambda: sources)
    assert policylab(["i18n", "extract", "--language", "fr"]) == 0
    assert policylab(["i18n", "check", "--language", "fr", "--summary"]) == 1
    assert "fr policylab: 5 entries, 5 untranslated" in capsys.readouterr().out
    assert policylab(["i18n", "check", "--language", "de"]) == 2


def test_the_project_is_translated_into_every_language():
    """Every catalogue (the library's strings, the notebooks' markdown by cell, the data
    files' texts) has a finished French and Spanish translation of its current English
    (issue 15): a changed or new text fails here until `policylab i18n extract` is run and
    its translation written; a translation identical to its English must be allowed by name
    in identical_ok.txt."""
    from policylab.i18n.checks import check

    report = check()
    assert [p.line() for p in report.problems] == []
    big = {(language, domain) for language, domain, total in report.checked if total > 100}
    assert big == {(language, domain) for language in ("fr", "es")
                   for domain in ("policylab", "notebooks", "data")}


#: Code spans that are formulas in symbols a learner reads as code, kept as written.
SYMBOLIC_CODE = ("Σ",)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_formulas_are_written_in_the_language(language):
    """A method box's formula in `code` is translated, not left in English with a gloss
    after it ("`MVA share = MVA / GDP × 100` (part de la VAM = …)"): a participant reads
    the formula once, in the page's language. Names a learner types (`peers`, `pair`) are
    single words and stay."""
    import re

    from policylab.i18n.catalogues import po_path

    english_left = []
    messages = [m for domain in ("notebooks", "policylab")
                for m in read_catalogue(po_path(language, domain), language)]
    for message in messages:
        if not message.id or not isinstance(message.string, str):
            continue
        for span in re.findall(r"`([^`]+)`", message.string):
            words = re.sub(r"\{[^}]*\}|^policylab .*", "", span)  # fields, commands
            if (span in message.id and " " in span and re.search(r"[a-z]{4,}", words)
                    and not any(symbol in span for symbol in SYMBOLIC_CODE)):
                english_left.append((message.context, span))
    assert english_left == []
