"""The hand-out zips beside a workshop's folder: ``<workshop>.zip`` for participants and
``<workshop>-facilitator.zip`` with everything (DESIGN §9).

Only files the build wrote go in (never what a user keeps in the folder), and only a zip
the build wrote is ever replaced (it carries ``ZIP_COMMENT``). The participant zip holds the
participant front page and pages, and the executed notebooks without the cells tagged as
solutions or facilitator notes, for self-paced work; no facilitator page, log or failed run.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat

from policylab import atomic
from policylab.batch.pages import PARTICIPANT_DROP_TAGS

ZIP_COMMENT = b"policylab build hand-out"
_PARTICIPANT_TOP = ("index.html",)
_FACILITATOR_TOP = ("index.html", "facilitator.html", "report.json")
_PARTICIPANT_SUFFIXES = (".html", ".ipynb")
_FACILITATOR_SUFFIXES = (".ipynb", ".html", ".facilitator.html", ".results.json")


def zip_paths(output: Path) -> dict[bool, Path]:
    """The two zips beside ``output``, keyed by ``facilitator``."""
    return {False: output.parent / f"{output.name}.zip",
            True: output.parent / f"{output.name}-facilitator.zip"}


def build_files(output: Path, report: dict, facilitator: bool = True) -> list[Path]:
    """The files of ``output`` that the build wrote and that this edition hands out."""
    files = [output / name for name in (_FACILITATOR_TOP if facilitator else _PARTICIPANT_TOP)]
    countries = dict.fromkeys(job["country"] for job in report["jobs"])
    files += [output / country / name for country in countries  # the PDF briefs, if built
              for name in ("brief.pdf", "forum_brief.pdf")]
    assets = output / "assets"
    files += sorted(p for p in assets.rglob("*") if p.is_file()) if assets.is_dir() else []
    suffixes = _FACILITATOR_SUFFIXES if facilitator else _PARTICIPANT_SUFFIXES
    for job in report["jobs"]:
        base = output / job["country"] / job["notebook"]
        files += [base.with_name(base.name + suffix) for suffix in suffixes]
        data = output / job["country"] / "data"
        if data.is_dir():  # the data behind the pages' charts, in both editions
            files += sorted(data.glob(f"{job['notebook']}--*.csv"))
        if facilitator and job.get("failed_notebook"):
            files.append(output / job["failed_notebook"])
        if facilitator and job.get("log"):
            files.append(output / job["log"])
    return [p for p in dict.fromkeys(files) if p.is_file()]


def participant_notebook(path: Path) -> str:
    """An executed notebook without its solution and facilitator cells."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [cell for cell in nb.cells
                if not set(cell.metadata.get("tags", [])) & set(PARTICIPANT_DROP_TAGS)]
    return nbformat.writes(nb)


def write_zip(output: Path, zip_path: Path, report: dict, facilitator: bool = True
              ) -> Path | None:
    """One edition of the hand-out. An existing zip of that name that a build did not write
    is left alone (said in one line)."""
    if zip_path.exists() and not is_our_zip(zip_path):
        print(f"policylab: not replacing {zip_path}: it was not written by policylab build")
        return None
    with atomic.atomic_path(zip_path) as tmp, zipfile.ZipFile(
        tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6
    ) as archive:
        archive.comment = ZIP_COMMENT
        for path in build_files(output, report, facilitator):
            name = str(Path(output.name) / path.relative_to(output))
            if path.suffix == ".ipynb" and not facilitator:
                archive.writestr(name, participant_notebook(path))
            else:
                archive.write(path, name)
    return zip_path


def is_our_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment == ZIP_COMMENT
    except (OSError, zipfile.BadZipFile):
        return False
