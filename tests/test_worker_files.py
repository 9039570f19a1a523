"""The worker's file handling around a run: results paths in executed notebooks, and the
failed copy that the index links to (produced by the worker, written by ``publish``)."""

from __future__ import annotations

import io
from pathlib import Path

import nbformat
from papermill.translators import PythonTranslator

from policylab.batch import worker
from policylab.batch.plan import Job
from policylab.batch.publish import publish


def _notebook_with_injected(path: Path) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(
        f"country = \"KEN\"\nresults_path = {PythonTranslator.translate_str(str(path))}\n")
    cell.metadata["tags"] = ["injected-parameters"]
    return nbformat.v4.new_notebook(cells=[cell])


def test_results_path_is_repointed_for_non_ascii_and_quoted_folders(tmp_path):
    staged = tmp_path / "atelier-régional" / ".staging" / "KEN" / 'x"y.results.json'
    final = tmp_path / "atelier-régional" / "KEN" / 'x"y.results.json'
    nb = _notebook_with_injected(staged)
    assert worker._point_at(nb, {str(staged): str(final)})
    namespace: dict = {}
    exec(nb.cells[0].source, namespace)  # the cell still runs and names the final file
    assert namespace["results_path"] == str(final)


def _job(tmp_path: Path) -> Job:
    return Job(folder="KEN", notebook="00_x", source=tmp_path / "00_x.ipynb", parameters={},
               output=tmp_path / "out")


def test_a_truncated_failed_notebook_is_not_kept(tmp_path):
    staged = tmp_path / "staged.ipynb"
    staged.write_text('{"cells": [{"cell_type": "co')  # what a full disk leaves
    log = io.StringIO()
    assert worker._failed_notebook(staged, log) is None
    assert "could not be kept" in log.getvalue()


def test_a_whole_failed_notebook_is_kept(tmp_path):
    job = _job(tmp_path)
    staged = tmp_path / "staged.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), staged)
    kept = worker._failed_notebook(staged, io.StringIO())
    result = worker.JobResult(job.key, job.folder, job.notebook, "failed", 1.0, "boom", "")
    job.log.parent.mkdir(parents=True)
    job.log.write_text("the log")
    assert publish(job, worker.JobOutput(result, failed_notebook=kept)) == result
    assert nbformat.read(job.failed_copy, as_version=4).cells == []
    assert not job.out(".ipynb").exists() and job.log.read_text() == "the log"
