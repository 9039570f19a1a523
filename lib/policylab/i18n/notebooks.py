"""A notebook in another language: its markdown cells from the notebooks catalogue.

The notebooks stay English (the one source); the build calls :func:`translate_notebook`
on the copy it is about to execute. A cell is replaced only when the catalogue has a
finished translation of exactly its current English under its cell id, so a cell whose
English changed since it was translated stays English (and ``check`` reports it fuzzy)
rather than showing a translation of words it no longer has. Code cells are untouched: the
library writes their output in the language set by the notebook's ``language`` parameter.
"""

from __future__ import annotations

import copy
from pathlib import Path

from policylab.i18n.catalogues import NOTEBOOK_DOMAIN, finished_entries
from policylab.i18n.extraction import cell_source
from policylab.i18n.language import SOURCE_LANGUAGE, check_language


def translate_notebook(nb, language: str, stem: str | None = None,
                       locale_dir: Path | None = None):  # -> nbformat.NotebookNode
    """A copy of ``nb`` with its markdown cells in ``language`` (untranslated cells left in
    English; the original is not changed).

    ``stem`` is the notebook's file name without ".ipynb", the first half of the entries'
    context "<stem>:<cell id>". Without it a cell is matched by its id and English text
    alone, which is unambiguous unless two notebooks share both.
    """
    import nbformat

    translated = nbformat.from_dict(copy.deepcopy(dict(nb)))
    code = check_language(language)
    if code == SOURCE_LANGUAGE:
        return translated
    table = _by_cell(code, locale_dir)
    for cell in translated.cells:
        cell_id = cell.get("id")
        if cell.cell_type != "markdown" or not cell_id:
            continue
        found = table.get((cell_id, cell_source(cell)), {})
        if stem is not None:
            text = found.get(stem)
        else:
            choices = set(found.values())
            text = choices.pop() if len(choices) == 1 else None
        if text:
            cell.source = text
    return translated


def _by_cell(language: str, locale_dir: Path | None) -> dict[tuple[str, str], dict[str, str]]:
    """(cell id, English) -> {notebook stem: translation}."""
    table: dict[tuple[str, str], dict[str, str]] = {}
    for (context, msgid), string in finished_entries(language, NOTEBOOK_DOMAIN,
                                                     locale_dir).items():
        if not context or ":" not in context or not isinstance(string, str):
            continue
        stem, _, cell_id = context.rpartition(":")
        table.setdefault((cell_id, str(msgid)), {})[stem] = string
    return table
