"""Running a build's jobs in worker processes on this machine (the default engine).

Each worker process keeps one kernel alive (``engine``) and runs one country's notebooks
per task; the produced files come back to the main process, which publishes them
(``publish``), as with Dask.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path

from policylab.batch.engine import worker_init
from policylab.batch.export import Provenance
from policylab.batch.plan import Job
from policylab.batch.worker import JobOutput, run_jobs


class LocalEngine:
    """Worker processes, started on first need and kept for the rest of the build."""

    def __init__(self, workers: int, environment: dict[str, str], kernel_log: Path) -> None:
        self.workers = workers
        self.environment = environment
        self.kernel_log = kernel_log
        self.pool: ProcessPoolExecutor | None = None

    def connect(self) -> None:
        """Nothing to reach before the build starts."""

    def run(self, groups: list[list[Job]], timeout: int,
            provenance: Provenance) -> Iterator[list[JobOutput]]:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=min(self.workers, sum(len(group) for group in groups)),
                mp_context=get_context("spawn"), initializer=worker_init,
                initargs=(self.environment, self.kernel_log),
            )
        pending = {self.pool.submit(run_jobs, group, timeout, provenance) for group in groups}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def close(self, interrupted: bool) -> None:
        if self.pool is None:
            return
        if interrupted:  # stop the workers (and kernels) now
            for process in list(getattr(self.pool, "_processes", {}).values()):
                with contextlib.suppress(OSError):
                    process.terminate()
            self.pool.shutdown(wait=False, cancel_futures=True)
        else:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None
