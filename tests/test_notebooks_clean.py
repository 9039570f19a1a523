"""Notebook hygiene: committed clean, runnable defaults declared, names imported explicitly.

These are the checks a content author trips first when adding or editing a notebook.
"""

import ast

import nbformat
import pytest

from policylab.paths import notebooks_dir

NOTEBOOKS = sorted(notebooks_dir().glob("*.ipynb"))
PER_COUNTRY = [p for p in NOTEBOOKS if p.stem[:2].isdigit()]
COUNTRY_PARAMETERS = {
    "country": "str",
    "peers": "list",
    "peer_pool": "list",
    "start_year": "int",
    "end_year": "int",
    "results_path": "str",
    "language": "str",
}


def _parameters(nb) -> dict[str, str]:
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell tagged 'parameters'"
    found = {}
    for node in ast.parse(cells[0].source).body:
        assert isinstance(node, ast.AnnAssign), "parameters are annotated assignments only"
        found[node.target.id] = ast.unparse(node.annotation)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: outputs committed"
            assert cell.execution_count is None, f"{path.name}: execution count committed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_imports_explicit_names(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import *" not in code
    assert "sys.path" not in code
    assert "POLICYLAB_STATIC" not in code, "notebooks never branch on the mode themselves"


@pytest.mark.parametrize("path", PER_COUNTRY, ids=lambda p: p.stem)
def test_per_country_parameters_follow_the_contract(path):
    nb = nbformat.read(path, as_version=4)
    assert _parameters(nb) == COUNTRY_PARAMETERS


def test_the_four_per_country_notebooks_exist():
    names = {p.stem for p in PER_COUNTRY}
    assert {"00_industrial_profile", "01_greening", "02_digitalization", "03_value_chains"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_dollar_signs_are_currency_not_mathematics(path):
    """Two "$" in a paragraph are inline mathematics to JupyterLab and nbconvert: the words
    between them became a formula and the Markdown around them stayed raw (the value-chains
    method box on services once showed `BX.GSR.NFSV.CD` and *Caveats.* as typed). Every
    currency sign in the notebooks' prose, English and translated, is escaped."""
    from policylab.display import literal_dollars
    from policylab.i18n.catalogues import po_path, read_catalogue

    nb = nbformat.read(path, as_version=4)
    bare = [c.id for c in nb.cells
            if c.cell_type == "markdown" and literal_dollars(c.source) != c.source]
    for language in ("fr", "es"):
        bare += [m.context for m in read_catalogue(po_path(language, "notebooks"), language)
                 if isinstance(m.string, str) and m.context and
                 m.context.startswith(f"{path.stem}:") and literal_dollars(m.string) != m.string]
    assert bare == []


def test_literal_dollars_keeps_code_and_escapes_prose():
    from nbconvert.filters.markdown import markdown2html

    from policylab.display import literal_dollars

    text = "*A.* in US$ (`X.Y`); b.\n*B.* in US$ and `US$ / GDP`, already \\$."
    escaped = literal_dollars(text)
    assert escaped == "*A.* in US\\$ (`X.Y`); b.\n*B.* in US\\$ and `US$ / GDP`, already \\$."
    assert "<code>X.Y</code>" in markdown2html(escaped)
    assert "<em>B.</em>" in markdown2html(escaped)
    assert "<em>B.</em>" not in markdown2html(text)  # the bug this guards against


#: How every lesson ends, unnumbered and in this order: what the data say, what others did
#: about it (the cases chosen for the flagged challenges, or on the lesson's topic in general
#: when none is flagged, so the heading names no challenge), and where the data come from.
CLOSING_SECTIONS = ["Key messages", "Policies others used", "Sources and licences"]


@pytest.mark.parametrize("path", PER_COUNTRY, ids=lambda p: p.stem)
def test_lessons_close_with_the_same_sections_in_the_same_order(path):
    nb = nbformat.read(path, as_version=4)
    shown = [cell for cell in nb.cells if cell.cell_type == "markdown"
             and "facilitator" not in cell.metadata.get("tags", [])]
    headings = [line.removeprefix("## ") for cell in shown
                for line in cell.source.splitlines() if line.startswith("## ")]
    assert headings[-len(CLOSING_SECTIONS):] == CLOSING_SECTIONS
