"""``extract``: what there is to translate, into templates, then into each language's file.

Two catalogues:

- ``policylab``: the ``_()``, ``ngettext()``, ``pgettext()``, ``N_()`` calls in lib/policylab,
  found by Babel's Python extractor (a ``# Translators:`` comment above a call is kept for
  the translator);
- ``notebooks``: every markdown cell of notebooks/*.ipynb as one entry whose context is
  "<notebook stem>:<cell id>", so a translation follows its cell, not its position.

Each language's ``.po`` is then updated with Babel's ``update_po`` semantics: new entries
empty, entries whose English changed marked fuzzy with the old English kept as
``#| msgid`` for the translator, removed entries kept as obsolete (``#~``). For the
notebooks the old translation is found by cell id (the context), not by Babel's guess from
similar English, which could hand a cell another cell's translation.

Files are written only when an entry changed (not for a new date in the header), and
without line numbers, so that moving code does not churn the catalogues.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policylab import paths
from policylab.atomic import write_bytes
from policylab.i18n.catalogues import (
    DATA_DOMAIN,
    LIBRARY_DOMAIN,
    LOCALE_DIR,
    NOTEBOOK_DOMAIN,
    po_path,
    read_catalogue,
    reload,
    template_path,
)
from policylab.i18n.language import LANGUAGES, SOURCE_LANGUAGE

#: Comments above a ``_()`` call that reach the translator.
COMMENT_TAGS = ("Translators:",)
_BRACE_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*(?:[.!:][^{}]*)?\}(?!\})")
_LANGUAGE_NAMES = {"fr": "French", "es": "Spanish"}
_DESCRIPTIONS = {
    LIBRARY_DOMAIN: "the library's strings (the _() calls in lib/policylab)",
    NOTEBOOK_DOMAIN: "the notebooks' markdown cells, one entry per cell "
                     '(msgctxt "<notebook stem>:<cell id>")',
    DATA_DOMAIN: "the data files' texts a reader sees (indicators, policy cases, "
                 'publishers; msgctxt "<file stem>:<id>:<field>")',
}
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DATE_LINE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


@dataclass(frozen=True)
class Sources:
    """Where extraction reads and writes (the project's folders unless told otherwise,
    which the tests do with a fixture tree)."""

    package_dir: Path = field(default_factory=lambda: paths.PACKAGE_DIR)
    notebooks_dir: Path = field(default_factory=lambda: paths.project_root() / "notebooks")
    locale_dir: Path = LOCALE_DIR
    #: The project folder whose data/*.yml are read for the ``data`` catalogue (None: none).
    data_root: Path | None = field(default_factory=paths.project_root)


@dataclass
class ExtractReport:
    """What ``extract`` found and wrote."""

    entries: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"{domain}: {count} entries" for domain, count in self.entries.items()]
        out += [f"wrote {path}" for path in self.written]
        out += [f"problem: {problem}" for problem in self.problems]
        return out


def extract_library(package_dir: Path, notebooks_dir: Path | None = None):  # -> Catalog
    """The template of the library's strings: Babel's extractor over ``package_dir``, and
    over the notebooks' code cells (a cell's ``gettext("...")``, such as a chart title
    written in the notebook, belongs to the library's catalogue: it is a string of code, not
    prose). Notebooks call ``gettext``, never ``_``: IPython rebinds ``_`` to the last
    output."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    catalog = _template(LIBRARY_DOMAIN)
    found = extract_from_dir(str(package_dir), method_map=[("**.py", "python")],
                             keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS,
                             strip_comment_tags=True)
    prefix = package_dir.name
    found = [(f"{prefix}/{filename}", *rest) for filename, *rest in found]
    if notebooks_dir is not None:
        found += _notebook_code_strings(notebooks_dir)
    for filename, lineno, message, comments, context in found:
        flags = ["python-brace-format"] if _has_brace_fields(message) else []
        catalog.add(message, None, [(filename, lineno)],
                    auto_comments=comments, context=context, flags=flags)
    return catalog


def _notebook_code_strings(notebooks_dir: Path) -> list[tuple]:
    """Babel's Python extractor over each notebook's code cells, located by cell index."""
    import nbformat
    from babel.messages.extract import DEFAULT_KEYWORDS, extract

    found = []
    for notebook in sorted(notebooks_dir.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code = io.BytesIO(cell_source(cell).encode("utf-8"))
            for _line, message, comments, context in extract(
                    "python", code, keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS,
                    strip_comment_tags=True):
                found.append((f"notebooks/{notebook.name}", index, message, comments, context))
    return found


def extract_notebooks(notebooks_dir: Path):  # -> (babel Catalog, problems)
    """The template of the notebooks' markdown, one entry per cell; a markdown cell
    without an id cannot be keyed and is reported (the notebooks are not edited here)."""
    import nbformat

    catalog = _template(NOTEBOOK_DOMAIN)
    problems: list[str] = []
    for notebook in sorted(notebooks_dir.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        if (nb.nbformat, nb.nbformat_minor) < (4, 5):
            problems.append(f"{notebook.name}: nbformat {nb.nbformat}.{nb.nbformat_minor} "
                            "has no cell ids (4.5 or later is needed)")
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "markdown" or not cell_source(cell).strip():
                continue
            if not cell.get("id"):
                problems.append(f"{notebook.name}: markdown cell {index} has no id")
                continue
            catalog.add(cell_source(cell), None, [(f"notebooks/{notebook.name}", index)],
                        context=f"{notebook.stem}:{cell.id}")
    return catalog, problems


def cell_source(cell) -> str:
    """A cell's text, whether stored as one string or as a list of lines."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def update_catalogue(template, path: Path, language: str, by_context: bool = False) -> bool:
    """Bring one language's ``.po`` up to date with ``template`` (created if missing);
    True when the file was written."""
    from babel.messages.catalog import Catalog

    if path.exists():
        catalog = read_catalogue(path, language)
        _restore_previous(catalog, path)
    else:
        catalog = Catalog(locale=language, domain=template.domain, project="policylab",
                          charset="utf-8", fuzzy=False)
        catalog.header_comment = (f"# {_LANGUAGE_NAMES.get(language, language)} "
                                  f"translations of {_DESCRIPTIONS[template.domain]}.\n"
                                  "# Kept up to date by `python -m policylab.i18n extract`; "
                                  "translators fill in the msgstr lines.")
    previous = {m.context: m for m in catalog if m.id and m.context and m.string}
    old_english = {(m.context, _first(m.id)): m.previous_id for m in catalog
                   if m.id and m.previous_id}
    catalog.update(template, no_fuzzy_matching=by_context)
    for message in catalog:  # Babel's update keeps the old English only when it sets it
        if message.fuzzy and not message.previous_id:
            message.previous_id = old_english.get((message.context, _first(message.id)), [])
    if by_context:
        _carry_by_context(catalog, previous)
    return write_catalogue(catalog, path)


def _carry_by_context(catalog, previous: dict) -> None:
    """A cell (or a data file's field) whose English changed keeps its old translation,
    marked fuzzy. A context that several entries share (``"sources:publisher"``) does not
    identify one text: its entries are left to Babel's own matching."""
    shared = {context for context, count in Counter(m.context for m in catalog if m.id).items()
              if count > 1}
    for message in catalog:
        old = previous.get(message.context) if message.context not in shared else None
        if message.id and not message.string and old is not None and old.id != message.id:
            message.string = old.string
            message.flags.add("fuzzy")
            message.previous_id = old.previous_id or [old.id]  # what it was translated from
            catalog.obsolete.pop((old.id, old.context), None)


def _restore_previous(catalog, path: Path) -> None:
    """Put back the ``#| msgid`` lines (the English a fuzzy entry was translated from),
    which Babel writes but does not read, so the next update does not drop them."""
    from babel.messages.pofile import read_po, unescape

    for message in catalog:  # Babel reads "#| msgid" as a translator's comment "| msgid"
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.splitlines()
        previous = _previous_msgid([line[3:] for line in lines if line.startswith("#| ")])
        if not previous:
            continue
        old_id = "".join(unescape(f'"{text}"') for text in _QUOTED.findall(" ".join(previous)))
        current = [line for line in lines if not line.startswith("#")]
        new = [m for m in read_po(io.StringIO("\n".join(current))) if m.id]
        if new and old_id:
            message = catalog.get(new[0].id, context=new[0].context)
            if message is not None and message.fuzzy and not message.previous_id:
                message.previous_id = [old_id]


def _previous_msgid(lines: list[str]) -> list[str]:
    """The ``msgid`` part of an entry's ``#|`` lines (after any ``msgctxt``, before any
    ``msgid_plural``), whether Babel wrote it on one line or several."""
    kept: list[str] = []
    for text in lines:
        if text.startswith("msgid_plural"):
            break
        if text.startswith("msgid ") or (kept and text.startswith('"')):
            kept.append(text[len("msgid "):] if text.startswith("msgid ") else text)
    return kept


def write_catalogue(catalog, path: Path) -> bool:
    """Write a template or catalogue unless only its dates would change."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, include_lineno=False, include_previous=True, width=76)
    data = buffer.getvalue()
    if path.exists() and _DATE_LINE.sub(b"", path.read_bytes()) == _DATE_LINE.sub(b"", data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, data)
    return True


def extract(sources: Sources | None = None,
            languages: tuple[str, ...] | None = None) -> ExtractReport:
    """Extract both templates and update every language's catalogues from them."""
    sources = sources or Sources()
    languages = languages or tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)
    report = ExtractReport()
    notebooks, report.problems = extract_notebooks(sources.notebooks_dir)
    templates = templates_of(sources, notebooks)
    for domain, template in templates.items():
        report.entries[domain] = len(template)
        path = template_path(domain, sources.locale_dir)
        if write_catalogue(template, path):
            report.written.append(path)
        for language in languages:
            path = po_path(language, domain, sources.locale_dir)
            if update_catalogue(template, path, language,
                                by_context=domain in (NOTEBOOK_DOMAIN, DATA_DOMAIN)):
                report.written.append(path)
    reload()
    return report


def templates_of(sources: Sources, notebooks) -> dict:
    """domain -> template: the library's strings, the notebooks' cells (``notebooks``,
    already extracted) and, when ``sources.data_root`` is set, the data files' texts."""
    templates = {LIBRARY_DOMAIN: extract_library(sources.package_dir, sources.notebooks_dir),
                 NOTEBOOK_DOMAIN: notebooks}
    if sources.data_root is not None:
        from policylab.i18n.data import extract_data

        templates[DATA_DOMAIN] = extract_data(sources.data_root)
    return templates


def _template(domain: str):
    from babel.messages.catalog import Catalog

    catalog = Catalog(domain=domain, project="policylab", charset="utf-8", fuzzy=False)
    catalog.header_comment = (f"# What there is to translate: {_DESCRIPTIONS[domain]}.\n"
                              "# Written by `python -m policylab.i18n extract`; "
                              "do not edit by hand.")
    return catalog


def _first(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _has_brace_fields(message) -> bool:
    texts = [message] if isinstance(message, str) else list(message)
    return any(_BRACE_FIELD.search(text) for text in texts)
