"""What a job comes back with: its result and the files it produced, as plain data.

Kept apart from ``worker`` (which imports papermill and nbconvert) so that the build's main
process, which only reads and publishes these, starts without importing the executor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policylab.batch.plan import Job


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


@dataclass(frozen=True)
class Place:
    """Where a job runs. ``results_dir``, when set, is a copy of the workshop folder's
    results that the job reads instead of the folder itself (the forum on a Dask worker)."""

    staging: Path
    log: Path
    source: Path
    results_dir: Path | None = None

    @classmethod
    def local(cls, job: Job) -> Place:
        """In the output folder itself: the local engine's workers share its file system."""
        return cls(job.staging, job.log, job.source)


@dataclass(frozen=True)
class Produced:
    """A successful job's files: ``files`` maps a path inside the country's folder to its
    bytes, in the order they are published (pages and results file, chart CSVs under
    ``data/``, the executed notebook); the stamp goes last."""

    files: dict[str, bytes]
    stamp: bytes


@dataclass(frozen=True)
class JobOutput:
    result: JobResult
    produced: Produced | None = None  # on success
    failed_notebook: bytes | None = None  # on failure, when papermill wrote a whole notebook
    log: bytes | None = None  # the job's log, when it was not written to ``job.log`` itself
    kernel_log: bytes | None = None  # kernel console output to add to ``logs/kernels.log``


def skipped(job: Job) -> JobResult:
    return JobResult(job.key, job.folder, job.notebook, "skipped", 0.0, None, job.input_hash)
