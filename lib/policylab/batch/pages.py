"""What every page of a build shares, without the page renderer: where a page comes from
(``Provenance``), the disclaimer, which cells participants do not see, and the folder's
assets (plotly.js and the stylesheet, shipped once per folder).

Kept apart from ``export`` (nbconvert) so that the build's main process, which writes the
assets, the front pages and the report but renders no notebook, starts without importing
nbconvert.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jupyter_core.paths import jupyter_path

from policylab import atomic
from policylab.batch.plotlyjs import Bundle, write_plotly_js
from policylab.paths import PACKAGE_DIR

TEMPLATES = PACKAGE_DIR / "templates"
PARTICIPANT_DROP_TAGS = ("solution", "facilitator")
DISCLAIMER = (
    "The designations employed and the presentation of material, including the names and "
    "boundaries used, do not imply the expression of any opinion whatsoever concerning the "
    "legal status of any country, territory, city or area or of its authorities."
)

@dataclass(frozen=True)
class Provenance:
    """What every page states about where it comes from."""

    workshop: str
    version: str
    vintage: str
    built: str


def write_assets(output: Path) -> Bundle:
    """plotly.js and the stylesheet, once per output folder (rewritten only when changed).
    plotly.js is the smallest bundle that draws the folder's pages (see ``plotlyjs``); the
    stylesheet is nbconvert's lab template's, which the pages are rendered with, and ours."""
    bundle = write_plotly_js(output)
    lab_static = next(
        Path(folder)
        for folder in jupyter_path("nbconvert", "templates", "lab", "static")
        if (Path(folder) / "index.css").exists()
    )
    css = [(lab_static / "index.css").read_text(encoding="utf-8"),
           (lab_static / "theme-light.css").read_text(encoding="utf-8"),
           (TEMPLATES / "page.css").read_text(encoding="utf-8")]
    css_text = "\n".join(css)
    css_target = output / "assets" / "notebook.css"
    if not css_target.exists() or css_target.read_text(encoding="utf-8") != css_text:
        atomic.write_text(css_target, css_text)
    return bundle
