"""Running a build's jobs in worker processes on this machine (the default engine).

Each worker process keeps one kernel alive (``engine``) and runs one country's notebooks
per task; each notebook's files come back to the main process as soon as it is done,
through a queue, and the main process publishes them (``publish``), as with Dask. A task's
return value would arrive only with the country's last notebook: the first page of a build
would wait for four notebooks, and an interrupted build would lose every finished notebook
of the countries in progress.
"""

from __future__ import annotations

import contextlib
import queue
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from policylab.batch.outcome import JobOutput, Place
from policylab.batch.pages import Provenance
from policylab.batch.plan import Job

# A task that has returned has put all its outputs; they may take a moment to cross the
# queue. Longer than this and they are lost (a worker killed from outside).
DRAIN_SECONDS = 30
_OUTPUTS = None  # in a worker process: the queue to the main process


class LocalEngine:
    """Worker processes, started on first need and kept for the rest of the build."""

    def __init__(self, workers: int, environment: dict[str, str], kernel_log: Path) -> None:
        self.workers = workers
        self.environment = environment
        self.kernel_log = kernel_log
        self.pool: ProcessPoolExecutor | None = None
        self.outputs = None  # the queue the workers send finished notebooks through

    def connect(self) -> None:
        """Nothing to reach before the build starts."""

    def run(self, groups: list[list[Job]], timeout: int,
            provenance: Provenance) -> Iterator[list[JobOutput]]:
        if self.pool is None:
            context = get_context("spawn")
            self.outputs = context.Queue()
            self.pool = ProcessPoolExecutor(
                max_workers=min(self.workers, len(groups)), mp_context=context,
                initializer=_init_worker,
                initargs=(self.environment, self.kernel_log, self.outputs),
            )
        pending = {self.pool.submit(_run_group, group, timeout, provenance)
                   for group in groups}
        expected, drained_since = sum(len(group) for group in groups), None
        while expected:
            try:
                output = self.outputs.get(timeout=0.2)
            except queue.Empty:
                pending = _check_finished(pending)  # a crashed worker raises here
                if pending:
                    continue
                drained_since = drained_since or time.monotonic()
                if time.monotonic() - drained_since > DRAIN_SECONDS:
                    raise RuntimeError(f"{expected} finished notebooks never reached the "
                                       "build (a worker was stopped from outside?)") from None
                continue
            expected -= 1
            yield [output]

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
        self.outputs.close()
        self.outputs.cancel_join_thread()
        self.pool = None


def _check_finished(pending: set[Future]) -> set[Future]:
    """The tasks still running; a finished task's exception (a worker that died) is raised."""
    for future in [f for f in pending if f.done()]:
        future.result()
    return {f for f in pending if not f.done()}


# The two functions below run in the worker processes. They import the executor (papermill,
# nbconvert, the kept kernel) there, not at the top of this module, so that the build's main
# process does not spend its start-up importing what only workers use.
def _init_worker(environment: dict[str, str], kernel_log: Path, outputs) -> None:
    from policylab.batch.engine import worker_init

    global _OUTPUTS
    _OUTPUTS = outputs
    worker_init(environment, kernel_log)  # launches the kernel, which boots meanwhile
    from policylab.batch.export import warm_up

    warm_up()


def _run_group(jobs: list[Job], timeout: int, provenance: Provenance) -> int:
    """One country's notebooks in a row (what lessons cache per process for a country is
    computed once); each one's output is sent as soon as it is done."""
    from policylab.batch.worker import run_job

    for job in jobs:
        _OUTPUTS.put(run_job(job, timeout, provenance, Place.local(job)))
    return len(jobs)
