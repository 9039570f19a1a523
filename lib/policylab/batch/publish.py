"""Put what a job produced into the output tree: the one place that writes a job's outputs.

Runs in the build's main process for every engine (local worker processes and Dask alike),
from the bytes a worker returned (``worker.JobOutput``), so that the output folder is
written by the one process that holds its lock, and a worker needs no access to it.

Every file is written atomically. On success the pages and the results file come first,
then the notebook's chart CSVs (replacing its previous ones: a chart renamed since leaves
no stale file behind), then the executed notebook; the input stamp is written last, so an
interruption in between means "not done" and the next build runs the job again. On failure
only the executed notebook goes to ``failed/``: the last good outputs stay untouched.
"""

from __future__ import annotations

import contextlib
import dataclasses

from policylab import atomic
from policylab.batch.outcome import JobOutput, JobResult, Produced
from policylab.batch.plan import Job

KERNEL_LOG = "logs/kernels.log"  # where the local engine's kernels write their console


def publish(job: Job, output: JobOutput) -> JobResult:
    """Write ``output`` for ``job``; the job's result, failed if its files cannot be written
    (a full disk fails the job, not the build: the others may still fit)."""
    try:
        if output.log is not None:
            atomic.write_bytes(job.log, output.log)
        if output.kernel_log is not None:  # a remote worker's kernels: one log, as locally
            with open(job.output / KERNEL_LOG, "ab") as kernels:
                kernels.write(output.kernel_log)
        if output.produced is not None:
            _publish_success(job, output.produced)
        elif output.failed_notebook is not None:
            atomic.write_bytes(job.failed_copy, output.failed_notebook)
    except OSError as exc:
        error = f"could not write its outputs: {exc.strerror or exc}"
        with contextlib.suppress(OSError), open(job.log, "a", encoding="utf-8") as log:
            log.write(f"FAILED: {error}\n")
        return dataclasses.replace(output.result, status="failed", error=error)
    return output.result


def _publish_success(job: Job, produced: Produced) -> None:
    folder = job.output / job.folder
    charts_replaced = False
    for name, data in produced.files.items():
        if name.startswith("data/") or name == f"{job.notebook}.ipynb":
            if not charts_replaced:  # the previous run's CSVs go just before the new ones
                for old in sorted((folder / "data").glob(f"{job.notebook}--*.csv")):
                    old.unlink(missing_ok=True)
                charts_replaced = True
        atomic.write_bytes(folder / name, data)
    job.failed_copy.unlink(missing_ok=True)
    atomic.write_bytes(job.stamp, produced.stamp)
