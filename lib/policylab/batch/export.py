"""Offline HTML pages from one executed notebook: a participant and a facilitator version.

Both come from the same execution. The participant page drops cells tagged ``solution`` or
``facilitator``. Pages use our template (``templates/policylab_page.html.j2``), which loads
plotly.js and the stylesheet from the output folder's ``assets/`` (shipped once per folder,
not ~4.8 MB per page) and no script from the internet (no require.js, MathJax, mermaid or
widget CDN). Any remote ``<script src>`` a notebook output brings is removed as well.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from policylab import atomic
from policylab.paths import PACKAGE_DIR

TEMPLATES = PACKAGE_DIR / "templates"
PAGE_TEMPLATE = "policylab_page.html.j2"
PARTICIPANT_DROP_TAGS = ("solution", "facilitator")
DISCLAIMER = (
    "The designations employed and the presentation of material, including the names and "
    "boundaries used, do not imply the expression of any opinion whatsoever concerning the "
    "legal status of any country, territory, city or area or of its authorities."
)
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Provenance:
    """What every page states about where it comes from."""

    workshop: str
    version: str
    vintage: str
    built: str


@functools.cache
def _exporter(participant: bool) -> HTMLExporter:
    """Participants read the lesson, not the code: their page shows outputs and text only
    (the executed notebook beside it keeps the code); facilitators see the code too."""
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)])
    exporter.template_file = PAGE_TEMPLATE
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    if participant:
        exporter.exclude_input = True
        exporter.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags=PARTICIPANT_DROP_TAGS), enabled=True
        )
    return exporter


def render_page(nb: nbformat.NotebookNode, *, title: str, provenance: Provenance,
                participant: bool, depth: int = 1) -> str:
    """One HTML page; ``depth`` is how many folders below the output root the page lives."""
    up = "../" * depth
    resources = {
        "metadata": {"name": title},
        "policylab": {
            "assets": f"{up}assets",
            "index": f"{up}index.html",
            "workshop": provenance.workshop,
            "edition": "participant version" if participant else "facilitator version",
            "version": provenance.version,
            "vintage": provenance.vintage,
            "built": provenance.built,
            "disclaimer": DISCLAIMER,
        },
    }
    html, _ = _exporter(participant).from_notebook_node(nb, resources=resources)
    return REMOTE_SCRIPT.sub("", html)


def write_pages(nb: nbformat.NotebookNode, participant_path: Path, facilitator_path: Path, *,
                title: str, provenance: Provenance) -> None:
    for path, participant in ((participant_path, True), (facilitator_path, False)):
        atomic.write_text(path, render_page(nb, title=title, provenance=provenance,
                                            participant=participant))


def write_assets(output: Path) -> None:
    """plotly.js and the stylesheet, once per output folder (rewritten only when changed)."""
    import plotly

    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target = output / "assets" / "plotly.min.js"
    if not target.exists() or target.stat().st_size != plotly_js.stat().st_size:
        with atomic.atomic_path(target) as tmp:
            shutil.copyfile(plotly_js, tmp)
    lab_static = next(
        Path(folder) / "static"
        for folder in _exporter(False).template_paths
        if (Path(folder) / "static" / "index.css").exists()
    )
    css = [_lab_css(lab_static, "index.css"), _lab_css(lab_static, "theme-light.css"),
           (TEMPLATES / "page.css").read_text(encoding="utf-8")]
    css_text = "\n".join(css)
    css_target = output / "assets" / "notebook.css"
    if not css_target.exists() or css_target.read_text(encoding="utf-8") != css_text:
        atomic.write_text(css_target, css_text)


def _lab_css(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")
