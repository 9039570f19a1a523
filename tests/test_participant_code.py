"""Participant pages show the code their text refers to, folded, and no other code."""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from policylab.batch.export import render_page
from policylab.batch.pages import (
    PARTICIPANT_DROP_TAGS,
    SHOWN_CODE_TAG,
    Provenance,
    participant_sees_code,
)
from policylab.paths import notebooks_dir

PROVENANCE = Provenance("Toy workshop", "0", "2025-01", "now")
NOTEBOOKS = sorted(notebooks_dir().glob("*.ipynb"))
#: A Markdown cell that points at a notebook cell and asks the reader to change or run it
#: ("The cell below ... Change `pair`", "edit the cell's first line", "the next cell").
POINTS_AT_A_CELL = re.compile(r"\b(?:the|this|next) cell\b|\bcell below\b", re.IGNORECASE)
ASKS_TO_CHANGE_OR_RUN = re.compile(r"\b(?:change|edit|re-?run|run)\b", re.IGNORECASE)
FOLDED = re.compile(r'<details class="policylab-code"><summary>([^<]*)</summary>(.*?)</details>',
                    re.DOTALL)


def _folded_code(page: str) -> list[tuple[str, str]]:
    """(summary, code as text) of each folded code block of a page."""
    return [(summary, html.unescape(re.sub(r"<[^>]+>", "", body)).strip())
            for summary, body in FOLDED.findall(page)]


def _toy(language: str | None = None) -> nbformat.NotebookNode:
    shown = nbformat.v4.new_code_cell("editable = 3  # change me")
    shown.metadata["tags"] = [SHOWN_CODE_TAG]
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("plumbing = 1"),
        nbformat.v4.new_markdown_cell("Change the number in the cell below and run it again."),
        shown,
    ])
    if language:
        nb.metadata["papermill"] = {"parameters": {"language": language}}
    return nb


def test_participants_see_only_the_tagged_code_folded_facilitators_all_of_it():
    participant = render_page(_toy(), title="toy", provenance=PROVENANCE, participant=True)
    assert _folded_code(participant) == [("Show the code", "editable = 3  # change me")]
    assert "plumbing" not in participant
    facilitator = render_page(_toy(), title="toy", provenance=PROVENANCE, participant=False)
    assert "policylab-code" not in facilitator
    assert "plumbing" in facilitator and "editable" in facilitator
    french = render_page(_toy("fr"), title="toy", provenance=PROVENANCE, participant=True)
    assert [summary for summary, _code in _folded_code(french)] == ["Afficher le code"]


def test_a_solution_s_code_stays_off_the_participant_page_even_when_tagged():
    solution = nbformat.v4.new_code_cell("answer = 42")
    solution.metadata["tags"] = [SHOWN_CODE_TAG, "solution"]
    assert not participant_sees_code(solution)
    page = render_page(nbformat.v4.new_notebook(cells=[solution]), title="toy",
                       provenance=PROVENANCE, participant=True)
    assert "answer" not in page


def _asks_to_change_a_cell(cell) -> bool:
    return (cell.cell_type == "markdown"
            and not set(cell.metadata.get("tags", ())) & set(PARTICIPANT_DROP_TAGS)
            and bool(POINTS_AT_A_CELL.search(cell.source))
            and bool(ASKS_TO_CHANGE_OR_RUN.search(cell.source)))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_the_text_asks_to_change_is_on_the_participant_page_and_no_other(path):
    """Every Markdown cell that asks the reader to change, edit or run "the cell below" /
    "the next cell" is followed by a code cell whose code the participant page shows; every
    code cell it shows is one that such a Markdown cell refers to (the rest is plumbing)."""
    cells = nbformat.read(path, as_version=4).cells
    referred = []
    for before, cell in zip(cells, cells[1:], strict=False):
        if _asks_to_change_a_cell(before):
            assert participant_sees_code(cell), (path.stem, before.source[:80])
            referred.append(cell)
    shown = [cell for cell in cells if participant_sees_code(cell)]
    assert shown == referred, path.stem
    page = render_page(nbformat.v4.new_notebook(cells=cells), title="t",
                       provenance=PROVENANCE, participant=True)
    folded = _folded_code(page)
    assert len(folded) == len(shown)
    for (_summary, code), cell in zip(folded, shown, strict=True):
        assert code == cell.source.strip()
