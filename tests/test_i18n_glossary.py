"""The glossary: every term in every language, unique ids, the field's own words."""

from __future__ import annotations

import csv

import pytest

from policylab.errors import DataError
from policylab.i18n import glossary, set_language, term, using_language
from policylab.i18n.terms import UnknownTermError
from policylab.paths import project_root


def test_every_row_is_complete_and_ids_are_unique():
    path = project_root() / "data" / "glossary.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["term_id", "en", "fr", "es", "note"]
        rows = list(reader)
    ids = [row["term_id"] for row in rows]
    assert len(ids) == len(set(ids)) and all(i.isidentifier() and i.islower() for i in ids)
    for row in rows:
        assert all(row[lang].strip() == row[lang] and row[lang] for lang in ("en", "fr", "es"))
    assert len(glossary()) == len(rows)


@pytest.mark.parametrize(("term_id", "en", "fr", "es"), [
    ("mva", "manufacturing value added (MVA)", "valeur ajoutée manufacturière (VAM)",
     "valor agregado manufacturero (VAM)"),
    ("cip", "Competitive Industrial Performance (CIP)", "performance industrielle compétitive",
     "desempeño industrial competitivo"),
    ("economic_complexity", "economic complexity", "complexité économique",
     "complejidad económica"),
])
def test_the_field_writes_these_terms(term_id, en, fr, es):
    assert [term(term_id, lang) for lang in ("en", "fr", "es")] == [en, fr, es]


def test_core_terms_of_the_lessons_are_there():
    wanted = {"global_value_chains", "decoupling", "rca", "structural_change", "shift_share",
              "digital_readiness", "percentage_point", "ppp", "gdp", "series_break"}
    assert wanted <= set(glossary())


def test_term_follows_the_current_language_and_names_unknown_ids():
    try:
        set_language("fr")
        assert term("decoupling") == "découplage"
        with using_language("es"):
            assert term("decoupling") == "desacoplamiento"
    finally:
        set_language("en")
    with pytest.raises(UnknownTermError, match="did you mean mva"):
        term("mvaa")


def test_a_broken_glossary_is_reported_with_its_line(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("term_id,en,fr,es,note\nmva,MVA,VAM,,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2: mva has no es term"):
        glossary(path)
    path.write_text("term_id,en,fr,es,note\na,x,y,z,\na,x,y,z,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 3: duplicate term id 'a'"):
        glossary(path)
    path.write_text("term_id,en,fr\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 1: columns should be"):
        glossary(path)
    path.write_text("term_id,en,fr,es,note\nb,x,y, z,w,a note, with a comma\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2: b has 2 field\(s\) too many"):
        glossary(path)
