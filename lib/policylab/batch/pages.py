"""What every page of a build shares, without the page renderer: where a page comes from
(``Provenance``), the disclaimer, its browser-tab title (the lesson's title and the country's
name), which cells and which code participants see, and the folder's assets (plotly.js and
the stylesheet, shipped once per folder). Titles, what a lesson teaches and the disclaimer are
in the current language (``policylab.i18n``): ``data/lessons.yml`` holds each lesson's texts
in French and Spanish under ``fr``/``es``.

Kept apart from ``export`` (nbconvert) so that the build's main process, which writes the
assets, the front pages and the report but renders no notebook, starts without importing
nbconvert.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from jupyter_core.paths import jupyter_path

from policylab import atomic, paths
from policylab.batch.plan import FORUM_FOLDER
from policylab.batch.plotlyjs import Bundle, write_plotly_js
from policylab.i18n import N_, current_language
from policylab.i18n.language import SOURCE_LANGUAGE
from policylab.paths import PACKAGE_DIR
from policylab.text import format_value

TEMPLATES = PACKAGE_DIR / "templates"
PARTICIPANT_DROP_TAGS = ("solution", "facilitator")
#: A code cell the page's text asks the reader to read, change or run (a method run by
#: hand, a what-if's settings): the only code participants see, folded under "Show the
#: code". Every other code cell is plumbing; its input is left out of their page.
SHOWN_CODE_TAG = "show-code"
#: The UN disclaimer, in English; pages show ``_(DISCLAIMER)``, in their language.
DISCLAIMER = N_(
    "The designations employed and the presentation of material, including the names and "
    "boundaries used, do not imply the expression of any opinion whatsoever concerning the "
    "legal status of any country, territory, city or area or of its authorities."
)


def participant_sees_code(cell: dict) -> bool:
    """Whether a participant's page shows this cell's code (folded): a code cell tagged
    ``SHOWN_CODE_TAG`` and not dropped from their page."""
    tags = set(cell.get("metadata", {}).get("tags", ()))
    return (cell.get("cell_type") == "code" and SHOWN_CODE_TAG in tags
            and not tags & set(PARTICIPANT_DROP_TAGS))


@dataclass(frozen=True)
class Provenance:
    """What every page states about where it comes from."""

    workshop: str
    version: str
    vintage: str
    built: str


#: Units the pages write with a fixed number of decimals, whatever the value's size: a
#: standardised index is read to two decimals (the value-chains page writes Morocco's ECI
#: as "−0.05", where the one rule alone gives "−0.050").
FIXED_DECIMALS = {"index (standardised)": 2}


def headline_number(value: float, unit: str, shown_unit: str | None = None,
                    english_unit: str | None = None) -> str:
    """A headline figure as the lesson pages write it (the front page's cards and the PDF
    briefs both show them): ``shown_unit`` (default ``unit``) after the number.
    ``english_unit``: the catalogue's English unit, which decides the decimals when ``unit``
    is in another language."""
    return format_value(value, unit if shown_unit is None else shown_unit,
                        decimals=FIXED_DECIMALS.get(english_unit or unit), words=True)


def english_unit(indicator: object) -> str:
    """An indicator's unit as the catalogue writes it in English: what the pages' rules
    read ("rank ...", "index ..."), whatever the language shown."""
    in_english = getattr(indicator, "in_english", None)
    return in_english("unit") if in_english else indicator.unit


def results_of(output: Path, iso3: str, notebook: str) -> dict:
    """A job's results file in a build folder, or {} when it is missing or unreadable."""
    try:
        return json.loads((output / iso3 / f"{notebook}.results.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}


#: The texts ``data/lessons.yml`` gives in each language (under ``fr``/``es``).
LESSON_TEXTS = ("title", "learns", "contents")


def lessons(language: str | None = None) -> dict[str, dict]:
    """``data/lessons.yml``: title, what a participant learns and duration per notebook, the
    texts in ``language`` (default: the current one; English where a text is not given)."""
    return _lessons(language or current_language())


@functools.cache
def _lessons(language: str) -> dict[str, dict]:
    doc = yaml.safe_load((paths.project_root() / "data" / "lessons.yml").read_text("utf-8"))
    found = {}
    for entry in doc["lessons"]:
        local = entry.get(language, {}) if language != SOURCE_LANGUAGE else {}
        found[entry["notebook"]] = {**entry, **{k: v for k, v in local.items()
                                                if k in LESSON_TEXTS and v}}
    return found


def page_title(notebook: str, folder: str, language: str | None = None) -> str:
    """A page's browser-tab title in words a reader knows: "Greening industry — Ghana" (the
    lesson's title and the country's official short name, in ``language``, default the
    current one), the forum's title alone."""
    from policylab.i18n.names import country_name

    title = lessons(language).get(notebook, {}).get("title", notebook)
    if folder == FORUM_FOLDER:
        return title
    english = _pack_names(paths.pack_dir()).get(folder)
    name = country_name(folder, language, english) if english else folder
    return f"{title} — {name}"


@functools.cache
def _pack_names(pack: Path) -> dict[str, str]:
    """ISO3 -> name in the data pack (the official short names, DESIGN §10), the pack the
    worker's kernels read. Only the two columns are read, with pyarrow alone (a few ms):
    the worker process imports no pandas. No readable pack: no names (codes are shown)."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(pack / "countries.parquet").read(columns=["iso3", "name"])
    except (OSError, ValueError, KeyError):
        return {}
    return dict(zip(table.column("iso3").to_pylist(), table.column("name").to_pylist(),
                    strict=True))


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
