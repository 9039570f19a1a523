"""One job: execute a notebook and export it, returning what it produced (not writing it).

papermill writes into a staging folder and the notebook writes its results file (and the
CSVs behind its charts) there too; the job then reads back everything it produced as bytes
in a ``JobOutput``: both HTML pages, the results file, the chart CSVs, the executed notebook
and the input stamp, or, on failure, the executed notebook with papermill's error cell.
``publish`` writes that into the output tree, in the build's main process (the Dask
client with ``--scheduler``), so that the same code runs a job on a local worker process
or on a Dask worker without a shared file system, and one process writes the outputs.

Where a job runs (staging folder, log file, notebook file, and for the forum the folder of
results it reads) is a ``Place``: the output folder's own ``.staging``, ``logs/`` and the
notebook in place for the local engine; a worker-local folder on a Dask worker.
"""

from __future__ import annotations

import json
import logging
import os
import time
import traceback
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError
from papermill.translators import PythonTranslator

from policylab.batch.engine import ENGINE_NAME, KERNEL_NAME
from policylab.batch.export import render_page
from policylab.batch.outcome import JobOutput, JobResult, Place, Produced
from policylab.batch.pages import Provenance, page_title
from policylab.batch.plan import Job
from policylab.batch.plotlyjs import trace_types
from policylab.i18n.language import SOURCE_LANGUAGE
from policylab.i18n.notebooks import translate_notebook

PAPERMILL_LOGGER = "papermill"


def run_job(job: Job, timeout: int, provenance: Provenance, place: Place) -> JobOutput:
    """Execute one notebook and export it; never raises for a notebook's own failure."""
    start = time.monotonic()
    place.staging.mkdir(parents=True, exist_ok=True)
    place.log.parent.mkdir(parents=True, exist_ok=True)
    staged_nb = place.staging / f"{job.notebook}.ipynb"
    staged_results = place.staging / f"{job.notebook}.results.json"
    _clear_staging(place, job, staged_nb, staged_results)
    parameters = dict(job.parameters)
    # The notebook names the files where they end up, not where this run wrote or read them.
    moved: dict[str, str] = {}
    if "results_path" in parameters:
        parameters["results_path"] = str(staged_results)
        moved[str(staged_results)] = str(job.out(".results.json"))
    if place.results_dir is not None and "results_dir" in parameters:
        parameters["results_dir"] = str(place.results_dir)
        moved[str(place.results_dir)] = str(job.output)

    produced, failed_nb = None, None
    with open(place.log, "w", encoding="utf-8") as log, _papermill_log_to(log):
        log.write(f"{job.key}: {job.source} with {parameters}\n")
        log.flush()
        nb, error = _execute(job, place.source, parameters, staged_nb, log, timeout, start)
        if error is None:
            try:
                produced = _produced(job, nb, staged_results, place, moved, provenance)
            except Exception:  # an export bug must fail this job only, with its traceback
                error = "export failed: " + traceback.format_exc(limit=3).strip().splitlines()[-1]
                log.write(traceback.format_exc())
        if error is not None:
            log.write(f"FAILED: {error}\n")
            failed_nb = _failed_notebook(staged_nb, log)
    _clear_staging(place, job, staged_nb, staged_results)
    status = "failed" if error else "ok"
    result = JobResult(job.key, job.folder, job.notebook, status,
                       round(time.monotonic() - start, 3), error, job.input_hash, os.getpid())
    log_bytes = None if place.log == job.log else place.log.read_bytes()
    return JobOutput(result, produced, failed_nb, log_bytes)


def _clear_staging(place: Place, job: Job, staged_nb: Path, staged_results: Path) -> None:
    for stale in (staged_nb, staged_results, *_chart_data(place.staging, job.notebook)):
        stale.unlink(missing_ok=True)


def _failed_notebook(staged_nb: Path, log) -> bytes | None:
    """papermill's notebook of a failed run, kept in ``failed/`` only when it is a whole
    notebook: on a full disk it can be cut short, and the index must not link a broken file."""
    if not staged_nb.exists():
        return None
    try:
        data = staged_nb.read_bytes()
        nbformat.reads(data.decode("utf-8"), as_version=4)
    except (OSError, ValueError) as exc:
        log.write(f"the failed run's notebook could not be kept: {exc}\n")
        return None
    return data


def _execute(job: Job, source: Path, parameters: dict, staged_nb: Path, log, timeout: int,
             start: float) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The executed notebook (also written to ``staged_nb``) and the error, if any. In
    another language than English the notebook's markdown is swapped for its translation
    (by cell id) before it runs."""
    try:
        nb = papermill.execute_notebook(
            _in_language(source, job.notebook, parameters), str(staged_nb),
            parameters=parameters, engine_name=ENGINE_NAME, kernel_name=KERNEL_NAME,
            progress_bar=False, request_save_on_cell_execute=False,
            stdout_file=log, stderr_file=log, execution_timeout=timeout,
            notebook_dir=str(source.parent),
        )
    except PapermillExecutionError as exc:
        where = _cell_named(source, exc)
        if exc.ename == "NotebookTimeout" or time.monotonic() - start >= timeout:
            return None, f"timed out after {timeout} s ({where})"
        return None, f"{exc.ename}: {exc.evalue} ({where})"
    except Exception as exc:  # kernel died, could not start, ...: this job fails, not the batch
        log.write(traceback.format_exc())
        return None, f"{type(exc).__name__}: {exc}"
    if nb.metadata.get("papermill", {}).get("exception"):
        return nb, "a cell failed (see the log)"
    if "results_path" in parameters and not Path(parameters["results_path"]).exists():
        return nb, "the notebook did not write its results file (results_path)"
    return nb, None


def _in_language(source: Path, stem: str, parameters: dict) -> str | nbformat.NotebookNode:
    language = parameters.get("language", SOURCE_LANGUAGE)
    if language == SOURCE_LANGUAGE:
        return str(source)
    return translate_notebook(nbformat.read(source, as_version=4), language, stem=stem)


def _cell_named(source: Path, exc: PapermillExecutionError) -> str:
    """The failing cell as the notebook's author sees it: its number among the notebook's
    own code cells (papermill's injected-parameters cell, which shifts execution counts,
    left out) and its first line."""
    first = next((line.strip() for line in exc.source.splitlines() if line.strip()), "")
    shown = f" `{first[:60]}{'…' if len(first) > 60 else ''}`" if first else ""
    try:
        cells = nbformat.read(source, as_version=4).cells
    except (OSError, ValueError):
        return f"in the cell{shown}"
    tags = [set(cell.metadata.get("tags", [])) for cell in cells]
    if not any("injected-parameters" in t for t in tags):  # papermill inserts one
        after = next((n + 1 for n, t in enumerate(tags) if "parameters" in t), 0)
        if exc.cell_index >= after:
            cells = cells[:after] + [None] + cells[after:]
    code = [c for c in cells[:exc.cell_index + 1] if c is not None and c.cell_type == "code"]
    return f"in code cell {len(code)}{shown}"


def _produced(job: Job, nb: nbformat.NotebookNode, staged_results: Path, place: Place,
              moved: dict[str, str], provenance: Provenance) -> Produced:
    """The files a successful job publishes. ``nb`` is papermill's in-memory result, already
    validated when papermill wrote it: it is not read back, but re-serialised (without a
    second validation) once it names the final files instead of the staging copies."""
    _point_at(nb, moved)
    _record_paths(nb, job, moved)
    notebook = nbformat.v4.writes(nb).encode("utf-8")
    title = page_title(job.notebook, job.folder, job.parameters.get("language"))
    files = {f"{job.notebook}{suffix}": render_page(nb, title=title, provenance=provenance,
                                                    participant=participant).encode("utf-8")
             for suffix, participant in ((".html", True), (".facilitator.html", False))}
    if staged_results.exists():
        files[f"{job.notebook}.results.json"] = staged_results.read_bytes()
    for path in _chart_data(place.staging, job.notebook):
        files[f"data/{path.name}"] = path.read_bytes()
    files[f"{job.notebook}.ipynb"] = notebook
    # The figures' trace types decide which plotly.js bundle the folder ships (plotlyjs).
    stamp = json.dumps({"input_hash": job.input_hash,
                        "trace_types": sorted(trace_types(nb))}) + "\n"
    return Produced(files, stamp.encode("utf-8"))


def _chart_data(folder: Path, notebook: str) -> list[Path]:
    """The CSVs behind one notebook's charts in ``folder``/data (``display.show`` writes
    them as ``<notebook>--<chart>.csv``)."""
    data = folder / "data"
    return sorted(data.glob(f"{notebook}--*.csv")) if data.is_dir() else []


def _point_at(nb: nbformat.NotebookNode, moved: dict[str, str]) -> bool:
    """Make the injected parameters name each file or folder where it ends up (``moved``:
    where the run used it -> where it is published), so that re-running the notebook by
    hand writes and reads beside it. Whether anything changed."""
    changed = False
    for cell in nb.cells:
        if "injected-parameters" not in cell.metadata.get("tags", []):
            continue
        for used, final in moved.items():
            used_literal = PythonTranslator.translate_str(used)  # as papermill wrote it
            if used_literal in cell.source:
                cell.source = cell.source.replace(used_literal,
                                                  PythonTranslator.translate_str(final))
                changed = True
    return changed


def _record_paths(nb: nbformat.NotebookNode, job: Job, moved: dict[str, str]) -> None:
    """papermill's record of the run (``metadata.papermill``) names the notebook the job
    read and the files where they end up, not the staging or worker copies."""
    record = nb.metadata.get("papermill")
    if record is None:
        return
    record["input_path"] = str(job.source)
    record["output_path"] = str(job.out(".ipynb"))
    parameters = record.get("parameters") or {}
    for name, value in parameters.items():
        if isinstance(value, str) and value in moved:
            parameters[name] = moved[value]


class _papermill_log_to:
    """Send papermill's own log lines (kernel start, errors) to the job's log file."""

    def __init__(self, stream) -> None:
        self.handler = logging.StreamHandler(stream)
        self.handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))

    def __enter__(self):
        logger = logging.getLogger(PAPERMILL_LOGGER)
        logger.addHandler(self.handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        return self

    def __exit__(self, *exc):
        logging.getLogger(PAPERMILL_LOGGER).removeHandler(self.handler)
        return False
