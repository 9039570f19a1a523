"""One job in a worker process: execute, then put every output in place atomically.

papermill writes into a staging folder and the notebook writes its results file there too,
so that nothing in ``<ISO3>/`` changes until the job has succeeded. On success the executed
notebook, both HTML pages and the results file move into place, then the input stamp is
written (last, so a crash in between means "not done"). On failure the executed notebook
(with papermill's error cell) goes to ``failed/`` and the last good outputs stay untouched.
"""

from __future__ import annotations

import json
import logging
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError
from papermill.translators import PythonTranslator

from policylab import atomic
from policylab.batch.engine import ENGINE_NAME, KERNEL_NAME
from policylab.batch.export import Provenance, write_pages
from policylab.batch.plan import Job
from policylab.batch.plotlyjs import trace_types

PAPERMILL_LOGGER = "papermill"


@dataclass(frozen=True)
class JobResult:
    key: str
    folder: str
    notebook: str
    status: str  # ok | failed | skipped
    duration: float
    error: str | None
    input_hash: str
    worker_pid: int | None = None


def skipped(job: Job) -> JobResult:
    return JobResult(job.key, job.folder, job.notebook, "skipped", 0.0, None, job.input_hash)


def run_jobs(jobs: list[Job], timeout: int, provenance: Provenance) -> list[JobResult]:
    """Several jobs in a row in this worker (one country's notebooks: see ``run``)."""
    return [run_job(job, timeout, provenance) for job in jobs]


def run_job(job: Job, timeout: int, provenance: Provenance) -> JobResult:
    """Execute one notebook and export it; never raises for a notebook's own failure."""
    start = time.monotonic()
    job.staging.mkdir(parents=True, exist_ok=True)
    job.log.parent.mkdir(parents=True, exist_ok=True)
    staged_nb = job.staging / f"{job.notebook}.ipynb"
    staged_results = job.staging / f"{job.notebook}.results.json"
    for stale in (staged_nb, staged_results, *_chart_data(job.staging, job.notebook)):
        stale.unlink(missing_ok=True)
    parameters = dict(job.parameters)
    if "results_path" in parameters:
        parameters["results_path"] = str(staged_results)

    with open(job.log, "w", encoding="utf-8") as log, _papermill_log_to(log):
        log.write(f"{job.key}: {job.source} with {parameters}\n")
        log.flush()
        nb, error = _execute(job, parameters, staged_nb, log, timeout, start)
        if error is None:
            try:
                _publish(job, nb, staged_nb, staged_results, provenance)
            except Exception:  # an export bug must fail this job only, with its traceback
                error = "export failed: " + traceback.format_exc(limit=3).strip().splitlines()[-1]
                log.write(traceback.format_exc())
        if error is not None:
            log.write(f"FAILED: {error}\n")
            _keep_failed_copy(job, staged_nb, log)
            staged_results.unlink(missing_ok=True)
            for staged in _chart_data(job.staging, job.notebook):
                staged.unlink(missing_ok=True)
    status = "failed" if error else "ok"
    return JobResult(job.key, job.folder, job.notebook, status, round(time.monotonic() - start, 3),
                     error, job.input_hash, os.getpid())


def _keep_failed_copy(job: Job, staged_nb: Path, log) -> None:
    """Keep papermill's notebook of a failed run in ``failed/`` only when it is a whole
    notebook: on a full disk it can be cut short, and the index must not link a broken file."""
    if not staged_nb.exists():
        return
    try:
        nbformat.read(staged_nb, as_version=4)
        job.failed_copy.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged_nb, job.failed_copy)
    except (OSError, ValueError) as exc:
        log.write(f"the failed run's notebook could not be kept: {exc}\n")
        staged_nb.unlink(missing_ok=True)


def _execute(job: Job, parameters: dict, staged_nb: Path, log, timeout: int,
             start: float) -> tuple[nbformat.NotebookNode | None, str | None]:
    """The executed notebook (also written to ``staged_nb``) and the error, if any."""
    try:
        nb = papermill.execute_notebook(
            str(job.source), str(staged_nb), parameters=parameters, engine_name=ENGINE_NAME,
            kernel_name=KERNEL_NAME, progress_bar=False, request_save_on_cell_execute=False,
            stdout_file=log, stderr_file=log, execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        if exc.ename == "NotebookTimeout" or time.monotonic() - start >= timeout:
            return None, f"timed out after {timeout} s (in cell {exc.exec_count})"
        return None, f"{exc.ename}: {exc.evalue} (in cell {exc.exec_count})"
    except Exception as exc:  # kernel died, could not start, ...: this job fails, not the batch
        log.write(traceback.format_exc())
        return None, f"{type(exc).__name__}: {exc}"
    if nb.metadata.get("papermill", {}).get("exception"):
        return nb, "a cell failed (see the log)"
    if "results_path" in parameters and not Path(parameters["results_path"]).exists():
        return nb, "the notebook did not write its results file (results_path)"
    return nb, None


def _publish(job: Job, nb: nbformat.NotebookNode, staged_nb: Path, staged_results: Path,
             provenance: Provenance) -> None:
    """Moves the outputs into place. ``nb`` is papermill's in-memory result, already
    validated when papermill wrote it: it is not read back, and is re-written (without a
    second validation) only to point at the final results file."""
    if staged_results.exists():
        _point_results_path_at(nb, staged_results, job.out(".results.json"))
        atomic.write_text(staged_nb, nbformat.v4.writes(nb))
    title = f"{job.notebook} — {job.folder}"
    write_pages(nb, job.out(".html"), job.out(".facilitator.html"), title=title,
                provenance=provenance)
    if staged_results.exists():
        os.replace(staged_results, job.out(".results.json"))
    _publish_chart_data(job)
    os.replace(staged_nb, job.out(".ipynb"))
    job.failed_copy.unlink(missing_ok=True)
    # The figures' trace types decide which plotly.js bundle the folder ships (plotlyjs).
    atomic.write_text(job.stamp, json.dumps({"input_hash": job.input_hash,
                                             "trace_types": sorted(trace_types(nb))}) + "\n")


def _chart_data(folder: Path, notebook: str) -> list[Path]:
    """The CSVs behind one notebook's charts in ``folder``/data (``display.show`` writes
    them as ``<notebook>--<chart>.csv``)."""
    data = folder / "data"
    return sorted(data.glob(f"{notebook}--*.csv")) if data.is_dir() else []


def _publish_chart_data(job: Job) -> None:
    """The staged CSVs replace the notebook's previous ones (a chart renamed since leaves
    no stale file behind)."""
    target = job.output / job.folder / "data"
    for old in _chart_data(job.output / job.folder, job.notebook):
        old.unlink(missing_ok=True)
    staged = _chart_data(job.staging, job.notebook)
    if staged:
        target.mkdir(parents=True, exist_ok=True)
    for path in staged:
        os.replace(path, target / path.name)


def _point_results_path_at(nb: nbformat.NotebookNode, staged: Path, final: Path) -> None:
    """The executed notebook names the results file where it ends up, not the staging
    copy, so that re-running it by hand writes beside it."""
    staged_literal = PythonTranslator.translate_str(str(staged))  # as papermill wrote it
    final_literal = PythonTranslator.translate_str(str(final))
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(staged_literal, final_literal)


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
