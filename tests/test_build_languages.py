"""The material in a language: the workshop file's ``language`` key and ``--language``,
one tree per language, the notebooks' ``language`` parameter and their markdown swapped for
the catalogue's translation before they run."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from policylab.batch.notebooks import discover_notebooks
from policylab.batch.plan import country_jobs, default_pack_info
from policylab.batch.run import build, build_command, build_languages
from policylab.batch.workshop import load_workshop
from policylab.errors import WorkshopError

pytestmark = pytest.mark.slow

TOY = Path(__file__).parent / "fixtures" / "notebooks" / "00_toy_profile.ipynb"


@pytest.fixture(scope="module")
def pack(tiny_pack):
    return default_pack_info(tiny_pack)


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory) -> Path:
    """The toy profile with a ``language`` parameter that prints a figure and a word in it."""
    folder = tmp_path_factory.mktemp("notebooks")
    nb = nbformat.read(TOY, as_version=4)
    nb.cells[1].source += '\nlanguage: str = "en"'
    nb.cells.insert(2, nbformat.v4.new_code_cell(
        "from policylab.i18n import set_language, current_language\n"
        "from policylab.text import format_value\n"
        "set_language(language)\n"
        "print('LANGUAGE', current_language(), format_value(7.6, '%'))",
        id="toy-language"))
    nbformat.write(nb, folder / "00_toy_profile.ipynb")
    return folder


def _workshop(folder: Path, body: str) -> Path:
    path = folder / "toy.yml"
    path.write_text(f"title: Toy\noutput: {folder / 'out'}\ncountries: [KEN]\n"
                    f"notebooks: [00_toy_profile]\n{body}", encoding="utf-8")
    return path


def _load(path: Path, pack, notebooks: Path):
    return load_workshop(path, countries=pack.countries, notebooks=discover_notebooks(notebooks),
                         regions=pack.regions)


def _printed(page: Path) -> str:
    nb = nbformat.read(page, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))


@pytest.mark.parametrize(("value", "languages"), [
    ("", ("en",)), ("language: fr\n", ("fr",)), ("language: [en, ES]\n", ("en", "es")),
])
def test_the_workshop_file_names_its_languages(tmp_path, pack, notebooks, value, languages):
    workshop = _load(_workshop(tmp_path, value), pack, notebooks)
    assert workshop.languages == languages
    trees = [workshop.in_language(code).output for code in languages]
    if len(languages) == 1:
        assert trees == [workshop.output]
    else:
        assert trees == [workshop.output / code for code in languages]


@pytest.mark.parametrize(("value", "said"), [
    ("language: de\n", "unknown language 'de'"),
    ("language: [fr, fr]\n", "listed twice"),
    ("language: 3\n", "must be a language code"),
    ("parameters: {language: fr}\n", "write the workshop's own key instead: language: fr"),
])
def test_a_bad_language_is_named(tmp_path, pack, notebooks, value, said):
    with pytest.raises(WorkshopError, match=said):
        _load(_workshop(tmp_path, value), pack, notebooks)


def test_the_language_reaches_the_notebook_and_its_hash(tmp_path, pack, notebooks):
    workshop = _load(_workshop(tmp_path, "language: [en, fr]\n"), pack, notebooks)
    specs = discover_notebooks(notebooks)
    english, french = (country_jobs(workshop.in_language(code), specs, pack)[0]
                       for code in ("en", "fr"))
    assert (english.parameters["language"], french.parameters["language"]) == ("en", "fr")
    assert english.input_hash != french.input_hash
    assert french.parameters["results_path"].startswith(str(workshop.output / "fr"))


def test_a_french_build_writes_french_pages(tmp_path, pack, notebooks):
    outcome = build(_workshop(tmp_path, "language: fr\n"), notebooks_dir=notebooks, pack=pack,
                    progress=False, make_zip=False)
    assert outcome.failed == 0 and outcome.language == "fr"
    assert "LANGUAGE fr 7,60\u00a0%" in _printed(outcome.output / "KEN" /
                                                           "00_toy_profile.ipynb")


def test_several_languages_build_one_tree_each_and_resume(tmp_path, pack, notebooks, capsys,
                                                          monkeypatch):
    path = _workshop(tmp_path, "language: [en, fr]\n")
    outcomes = build_languages(path, notebooks_dir=notebooks, pack=pack, progress=False,
                               make_zip=False)
    out = tmp_path / "out"
    assert [o.output for o in outcomes] == [out / "en", out / "fr"]
    assert "LANGUAGE en 7.60%" in _printed(out / "en" / "KEN" / "00_toy_profile.ipynb")
    assert "LANGUAGE fr" in _printed(out / "fr" / "KEN" / "00_toy_profile.ipynb")
    for code in ("en", "fr"):
        assert json.loads((out / code / "report.json").read_text())["summary"]["ok"] == 1
    with pytest.raises(WorkshopError, match="several languages"):
        build(path, notebooks_dir=notebooks, pack=pack, progress=False, make_zip=False)
    # --language replaces the file's list; an unchanged tree is skipped.
    monkeypatch.setattr("policylab.paths.notebooks_dir", lambda: notebooks)
    monkeypatch.setenv("POLICYLAB_PACK", str(pack.path))
    assert build_command(path, languages=["fr"], make_zip=False) == 0
    assert capsys.readouterr().out.startswith("1 built, 0 up to date")  # fr alone: new tree


def test_a_french_tree_ships_plotly_s_french_locale(tmp_path, pack, notebooks, monkeypatch):
    from policylab.batch import plotlyjs

    locales = tmp_path / "npm"
    monkeypatch.setenv(plotlyjs.NPM_DIR_VARIABLE, str(locales))
    french = plotlyjs.locale_file("fr")
    french.parent.mkdir(parents=True)
    french.write_text('var locale={moduleType:"locale",name:"fr"};', encoding="utf-8")
    outcome = build(_workshop(tmp_path, "language: fr\n"), notebooks_dir=notebooks, pack=pack,
                    progress=False, make_zip=False)
    shipped = outcome.output / "assets" / "plotly-locale-fr.js"
    assert shipped.read_bytes() == french.read_bytes()
    assert plotlyjs.write_plotly_locale(outcome.output, "es") is not None  # not installed
    assert plotlyjs.write_plotly_locale(outcome.output, "en") is None


def _titled(folder: Path, title: str, extra: str = "") -> Path:
    path = folder / "titled.yml"
    path.write_text(f"title: {title}\ndate: 2027-03-15\noutput: {folder / 'out'}\n"
                    f"countries: [KEN]\nnotebooks: [00_toy_profile]\n{extra}", encoding="utf-8")
    return path


def test_the_title_and_organiser_can_be_given_per_language(tmp_path, pack, notebooks):
    path = _titled(tmp_path, "{en: Green industry, fr: Industrie verte, es: Industria verde}",
                   "organiser: {en: The forum, fr: Le forum, es: El foro}\n"
                   "language: [en, fr]\n")
    workshop = _load(path, pack, notebooks)
    assert (workshop.title, workshop.organiser) == ("Green industry", "The forum")
    french = workshop.in_language("fr")
    assert (french.title, french.organiser) == ("Industrie verte", "Le forum")
    # --language es (not in the file's list) takes the Spanish text; a language without a
    # text falls back to the English one.
    assert workshop.in_language("es").title == "Industria verde"
    plain = _load(_titled(tmp_path, "Toy", "language: fr\n"), pack, notebooks)
    assert plain.in_language("fr").title == "Toy"


@pytest.mark.parametrize(("title", "said"), [
    ("{en: Green, de: Grün}", "unknown languages: de"),
    ("{fr: Industrie verte}", "has no text in en"),
    ("{en: Green}\nlanguage: fr", "has no text in fr"),
])
def test_a_title_per_language_names_what_is_missing(tmp_path, pack, notebooks, title, said):
    with pytest.raises(WorkshopError, match=said):
        _load(_titled(tmp_path, title), pack, notebooks)


def test_a_french_front_page_has_the_french_title_and_date(tmp_path, pack, notebooks):
    path = _titled(tmp_path, "{en: Green industry, fr: Industrie verte}", "language: fr\n")
    outcome = build(path, notebooks_dir=notebooks, pack=pack, progress=False, make_zip=False)
    page = (outcome.output / "index.html").read_text(encoding="utf-8")
    assert "Industrie verte" in page and "Green industry" not in page
    assert "15 mars 2027" in page
