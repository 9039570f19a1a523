"""Offline HTML pages from one executed notebook: a participant and a facilitator version.

Both come from the same execution. The participant page drops cells tagged ``solution`` or
``facilitator``, and shows the code only of the cells the text asks the reader to read or
change (``pages.SHOWN_CODE_TAG``), folded under "Show the code". Export runs for every page
of every build, so it skips what nbconvert does for untrusted notebooks and buys nothing for
ours (see ``TrustedPageExporter``): measured here, that takes a page from ~0.25 s to
~0.05 s of CPU. Pages use our template
(``templates/policylab_page.html.j2``), which loads plotly.js and the stylesheet from the
output folder's ``assets/`` (shipped once per folder, not with every page; the
cartesian plotly.js bundle when it draws every chart, see ``plotlyjs``) and no script
from the internet (no require.js, MathJax, mermaid or widget CDN). Any remote
``<script src>`` a notebook output brings is removed as well.

A page is in its notebook's language (the ``language`` parameter papermill injected, English
without one): ``<html lang>``, the banner, the footer and the disclaimer.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
from jinja2 import pass_context
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from policylab import atomic
from policylab.batch.pages import (
    DISCLAIMER,
    PARTICIPANT_DROP_TAGS,
    TEMPLATES,
    Provenance,
    participant_sees_code,
)
from policylab.i18n import N_, _, using_language
from policylab.i18n.language import LANGUAGES, SOURCE_LANGUAGE

PAGE_TEMPLATE = "policylab_page.html.j2"
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
                           re.IGNORECASE)
FOCUSABLE_AREA = re.compile(
    r'<div class="(jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"')
IMAGE_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt\s*=)", re.IGNORECASE)
MISSING_ALT_TEXT = N_("No description has been provided for this image")
SHOW_THE_CODE = N_("Show the code")
RENDER_CACHE_SIZE = 4096


class TrustedPageExporter(HTMLExporter):
    """nbconvert's HTML exporter without the work that protects against untrusted notebooks.

    Our notebooks are our own and papermill has just written (and validated) them, so:
    - no schema validation after each of the ~13 registered preprocessors (most of them are
      disabled and change nothing), and only the enabled ones run;
    - the code cells are not passed through ``clean_html`` (bleach) after highlighting: the
      template's ``input`` block is overridden (``policylab_page.html.j2``);
    - no BeautifulSoup round trip of the whole page: it only adds ``tabindex="0"`` to input
      and output areas and an ``alt`` text to images lacking one, which two regular
      expressions do here on the output of our own template;
    - Markdown and highlighted code are rendered once per process and reused: a worker
      builds the same notebooks for many countries, whose Markdown cells and code cells
      (all but the injected parameters) are identical, and both pages share them.
    """

    @functools.cached_property
    def _rendered(self) -> functools.lru_cache:
        @functools.lru_cache(maxsize=RENDER_CACHE_SIZE)
        def render(kind: str, text: str, option: str) -> str:
            if kind == "markdown":
                return HTMLExporter.markdown2html(self, {"resources": {
                    "metadata": {"path": option}}}, text)
            language, magics = option.split("\0")
            metadata = {"magics_language": magics} if magics else None
            return Highlight2HTML(parent=self)(text, language, metadata)
        return render

    @pass_context
    def markdown2html(self, context, source):
        if context.get("cell", {}).get("attachments"):
            return HTMLExporter.markdown2html(self, context, source)
        path = context.get("resources", {}).get("metadata", {}).get("path", "")
        return self._rendered("markdown", source, path)

    def _highlight_code(self, source, language=None, metadata=None):
        magics = (metadata or {}).get("magics_language", "")
        return self._rendered("code", source, f"{language or self._lexer}\0{magics}")

    def _preprocess(self, nb, resources):
        for preprocessor in self._preprocessors:
            if preprocessor.enabled:
                nb, resources = preprocessor(nb, resources)
        return nb, resources

    def from_notebook_node(self, nb, resources=None, **kw):
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        resources = self._init_resources(resources)
        self._lexer = lexer or "ipython3"  # what Highlight2HTML falls back to
        self.register_filter("highlight_code", self._highlight_code)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        html = FOCUSABLE_AREA.sub(r'<div class="\1" tabindex="0"', html)
        return IMAGE_WITHOUT_ALT.sub('<img alt="' + _(MISSING_ALT_TEXT) + '"', html), resources

    def _init_resources(self, resources):
        """nbconvert sets ``<html lang>`` from a trait shared by every page of the process;
        a page gives its own language (``resources["policylab"]["language"]``)."""
        resources = super()._init_resources(resources)
        language = resources.get("policylab", {}).get("language")
        if language:
            resources["language_code"] = language
        return resources


class PlumbingInputRemover(Preprocessor):
    """Leaves out the input of every code cell a participant need not see (nbconvert's
    ``remove_source`` mark, as ``TagRemovePreprocessor`` sets it for a tag): all but the
    cells ``participant_sees_code`` keeps, which the page template folds."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and not participant_sees_code(cell):
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        return cell, resources


@functools.cache
def _exporter(participant: bool) -> HTMLExporter:
    """Participants read the lesson, not its plumbing: their page shows text, outputs and
    only the code the text asks them to read or change, folded (the executed notebook
    beside it keeps all the code); facilitators see all the code."""
    exporter = TrustedPageExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)])
    exporter.template_file = PAGE_TEMPLATE
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    if participant:
        exporter.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags=PARTICIPANT_DROP_TAGS), enabled=True
        )
        exporter.register_preprocessor(PlumbingInputRemover(), enabled=True)
    return exporter


def notebook_language(nb: nbformat.NotebookNode) -> str:
    """The language an executed notebook was run in: its ``language`` parameter as papermill
    recorded it, English for a notebook without one (or with a code we do not write in)."""
    parameters = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    language = str(parameters.get("language") or SOURCE_LANGUAGE)
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def render_page(nb: nbformat.NotebookNode, *, title: str, provenance: Provenance,
                participant: bool, depth: int = 1) -> str:
    """One HTML page in its notebook's language; ``depth`` is how many folders below the
    output root the page lives."""
    language = notebook_language(nb)
    with using_language(language):
        html = _render(nb, _chrome(title, provenance, participant, depth, language),
                       participant)
    return REMOTE_SCRIPT.sub("", html)


def _chrome(title: str, provenance: Provenance, participant: bool, depth: int,
            language: str) -> dict:
    """The template's resources: the page's links, banner and footer, in the current
    language."""
    up = "../" * depth
    return {
        "metadata": {"name": title},
        "policylab": {
            "language": language,
            "assets": f"{up}assets",
            "index": f"{up}index.html",
            "workshop": provenance.workshop,
            "edition": _("participant version") if participant else _("facilitator version"),
            "fold_code": _(SHOW_THE_CODE) if participant else "",
            "data": _("data: {vintage}").format(vintage=provenance.vintage),
            "built": _("built {built}").format(built=provenance.built),
            "version": provenance.version,
            "disclaimer": _(DISCLAIMER),
        },
    }


def _render(nb: nbformat.NotebookNode, resources: dict, participant: bool) -> str:
    html, _resources = _exporter(participant).from_notebook_node(nb, resources=resources)
    return html


def warm_up() -> None:
    """Render a one-cell page of each kind: nbconvert loads and compiles its templates on
    the first page (most of a second). A worker does this while its kernel starts, not
    on its first notebook."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm-up")])
    provenance = Provenance("", "", "", "")
    for participant in (True, False):
        render_page(nb, title="warm-up", provenance=provenance, participant=participant)


def write_pages(nb: nbformat.NotebookNode, participant_path: Path, facilitator_path: Path, *,
                title: str, provenance: Provenance) -> None:
    for path, participant in ((participant_path, True), (facilitator_path, False)):
        atomic.write_text(path, render_page(nb, title=title, provenance=provenance,
                                            participant=participant))
