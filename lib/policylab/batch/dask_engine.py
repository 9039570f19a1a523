"""Running a build's jobs on a Dask cluster (``policylab build --scheduler``).

The jobs, the kept kernels and the outputs are the local engine's: a worker plugin
(``PolicylabPlugin``) does on each Dask worker what ``engine.worker_init`` does in a local
worker process, and each task runs one country's notebooks with ``worker.run_job`` in that
worker's kept kernel, returning the produced files as bytes. The client (the build's main
process, which holds the output lock) publishes them exactly as for a local build
(``publish``), so resume, failure isolation, the index and the report do not depend on
the engine, and workers need no access to the output folder.

Nor to the data pack: the plugin carries the pack's files (a few MB) and the data files
the lessons read beside it (the indicator catalogue, the policy cases), and unpacks them
into a worker-local folder that the kernels' ``POLICYLAB_PACK`` points at. Notebooks run
from that folder, so an installed (not checked-out) policylab finds its ``data/`` there
(``paths.project_root`` is then the working directory). Each task carries its notebooks;
the forum's task also carries the countries' results files it reads.

One kernel per worker process: tasks of a worker with several threads run one at a time
(``_KERNEL_LOCK``); start workers with one thread and several processes instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from jupyter_core.utils import run_sync

from policylab import __version__, paths
from policylab.batch.engine import worker_init, worker_kernel
from policylab.batch.outcome import JobOutput, JobResult, Place
from policylab.batch.pages import Provenance
from policylab.batch.plan import Job, PackInfo
from policylab.batch.scheduler import Scheduler
from policylab.batch.worker import run_job
from policylab.errors import WorkshopError
from policylab.pack import layout

#: Seconds to wait for a scheduler before giving up (a wrong address fails in this time).
CONNECT_TIMEOUT = 15
#: Seconds a plugin's teardown waits for a running notebook before interrupting it.
TEARDOWN_WAIT = 2
_KERNEL_LOCK = threading.Lock()
_ACTIVE_PLUGIN: list[str] = []  # the plugin whose environment the kept kernel was started in
_KERNEL_LOG: list[Path] = []  # this worker process's kernel log (set by the first plugin)
_KERNEL_LOG_SENT = [0]  # how much of it has gone back to a client


def pack_files(pack: Path) -> dict[str, bytes]:
    """What jobs read from disk, by path in the worker's folder: the pack's tables and
    manifest, and the catalogue and policy cases the lessons load with it."""
    files = {f"pack/{name}": (pack / name).read_bytes()
             for name in (*layout.TABLES, layout.MANIFEST) if (pack / name).is_file()}
    for path in (paths.catalogue_path(), paths.policy_cases_path()):
        if path.is_file():
            files[f"data/{path.name}"] = path.read_bytes()
    return files


class PolicylabPlugin(WorkerPlugin):
    """Makes a Dask worker a policylab worker: unpacks the pack, sets the environment the
    kernels inherit, and stops the kept kernel when the worker (or the plugin) goes."""

    def __init__(self, name: str, files: dict[str, bytes], environment: dict[str, str]) -> None:
        self.name = name
        self.files = files
        self.environment = environment
        self.root: Path | None = None
        self.closed = False

    def setup(self, worker) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="policylab-", dir=worker.local_directory))
        for name, data in self.files.items():
            target = self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.files = {}  # unpacked: no need to keep a second copy in memory
        self.environment = {**self.environment, "POLICYLAB_PACK": str(self.root / "pack")}
        with _KERNEL_LOCK:
            if _KERNEL_LOG:  # another build's plugin set this process up: its tasks switch
                return
            _KERNEL_LOG.append(Path(worker.local_directory) / "policylab-kernels.log")
            try:  # the environment, signals, and the kernel launched early with this env
                worker_init(self.environment, _KERNEL_LOG[0])
            except ValueError:  # a threaded worker (not the main thread): no signals
                os.environ.update(self.environment)
            _ACTIVE_PLUGIN[:] = [self.name]

    def teardown(self, worker) -> None:
        """The build is over (or was interrupted): stop the kernel and remove the files.
        A notebook of this build still running (a cancelled task) is interrupted, which
        fails it and stops its kernel, rather than left to run on a shared cluster."""
        self.closed = True
        if _KERNEL_LOCK.acquire(timeout=TEARDOWN_WAIT):
            try:
                worker_kernel().shutdown()
                _ACTIVE_PLUGIN.clear()
            finally:
                _KERNEL_LOCK.release()
        elif _ACTIVE_PLUGIN == [self.name]:
            kernel = worker_kernel()
            with contextlib.suppress(Exception):
                if kernel.km is not None:
                    run_sync(kernel.km.interrupt_kernel)()
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def place(self, job: Job, source: bytes, results: dict[str, bytes]) -> Place:
        """Where ``job`` runs on this worker, with its notebook and the results it reads."""
        assert self.root is not None, "the plugin was not set up"
        notebook = self.root / f"{job.notebook}.ipynb"
        notebook.write_bytes(source)
        results_dir = None
        if "results_dir" in job.parameters:
            results_dir = self.root / "results"
            shutil.rmtree(results_dir, ignore_errors=True)
            results_dir.mkdir()
            for name, data in results.items():
                (results_dir / name).parent.mkdir(parents=True, exist_ok=True)
                (results_dir / name).write_bytes(data)
        return Place(self.root / "staging" / job.folder,
                     self.root / "logs" / job.log.name, notebook, results_dir)


def run_on_worker(plugin_name: str, jobs: list[Job], timeout: int, provenance: Provenance,
                  sources: dict[str, bytes], results: dict[str, bytes]) -> list[JobOutput]:
    """The task: one country's notebooks in this worker's kept kernel."""
    plugin = get_worker().plugins.get(plugin_name)
    if not isinstance(plugin, PolicylabPlugin):
        raise RuntimeError(f"this Dask worker has no {plugin_name} plugin")
    with _KERNEL_LOCK:
        if _ACTIVE_PLUGIN != [plugin_name]:  # another build's pack: a kernel with its env
            # (kernels inherit the process's environment when they start)
            os.environ.update(plugin.environment)
            worker_kernel().shutdown()
            _ACTIVE_PLUGIN[:] = [plugin_name]
        outputs = []
        for job in jobs:
            if plugin.closed:  # the build was stopped: the rest of the country is not run
                break
            place = plugin.place(job, sources[job.notebook], results)
            outputs.append(run_job(job, timeout, provenance, place))
        with contextlib.suppress(OSError, IndexError), open(_KERNEL_LOG[0], "rb") as log:
            log.seek(_KERNEL_LOG_SENT[0])
            outputs[-1] = dataclasses.replace(outputs[-1], kernel_log=log.read())
            _KERNEL_LOG_SENT[0] = log.tell()
        return outputs


def _worker_version() -> str:
    return __version__


class DaskEngine:
    """The build's jobs on a Dask cluster; results come back to this process."""

    def __init__(self, scheduler: Scheduler, pack: PackInfo) -> None:
        self.scheduler = scheduler
        self.pack = pack
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        # One plugin per build: its pack, and its files and kernel gone when it ends.
        self.plugin_name = f"policylab-{__version__}-{uuid.uuid4().hex[:12]}"
        self.registered = False
        self.futures: list = []

    def connect(self) -> None:
        """Reach an existing scheduler now (a wrong address fails before anything is
        written); a local cluster starts on first need, like the local engine's workers."""
        if not self.scheduler.is_local:
            self._client()

    def _client(self) -> Client:
        if self.client is not None:
            return self.client
        if self.scheduler.is_local:
            try:
                # A local cluster's workers write to this terminal: when a build stops,
                # a worker that loses its scheduler logs a heartbeat traceback at ERROR.
                # Jobs' own failures reach the report and their logs, not this stream.
                self.cluster = LocalCluster(
                    n_workers=self.scheduler.workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.CRITICAL)
            except (OSError, RuntimeError, TimeoutError) as exc:
                cause = exc.__cause__ or exc
                raise WorkshopError(
                    f"could not start a local Dask cluster ({self.scheduler.describe()}): "
                    f"{cause}; a script that calls policylab must start it under "
                    "`if __name__ == \"__main__\":` (worker processes re-import it)") from exc
            self.client = Client(self.cluster)
        else:
            address = self.scheduler.address
            try:
                self.client = Client(address, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise WorkshopError(
                    f"cannot reach the Dask scheduler at {address} within {CONNECT_TIMEOUT} s "
                    f"({type(exc).__name__}: {exc}); check the address (e.g. "
                    "tcp://host:8786) and that the scheduler runs; nothing was built") from exc
        self._check_workers()
        environment = {"POLICYLAB_STATIC": "1"}
        self.client.register_plugin(
            PolicylabPlugin(self.plugin_name, pack_files(self.pack.path), environment),
            name=self.plugin_name)
        self.registered = True
        return self.client

    def _check_workers(self) -> None:
        """Workers must run this policylab version: pages and stamps must agree."""
        versions = self.client.run(_worker_version)
        wrong = {address: v for address, v in versions.items() if v != __version__}
        if wrong:
            listed = ", ".join(f"{a} has {v}" for a, v in sorted(wrong.items()))
            self.close(interrupted=False)
            raise WorkshopError(f"Dask workers must run policylab {__version__} (the client's "
                                f"version): {listed}; install the same version on the workers")

    def run(self, groups: list[list[Job]], timeout: int,
            provenance: Provenance) -> Iterator[list[JobOutput]]:
        """Each group's outputs as soon as it is done; a task that fails outside its
        notebooks (a lost worker) fails its jobs, not the build."""
        client = self._client()
        by_future, futures = {}, []
        for group in groups:
            sources = {job.notebook: job.source.read_bytes() for job in group}
            results = {name: data for job in group for name, data in _results_view(job).items()}
            future = client.submit(run_on_worker, self.plugin_name, group, timeout, provenance,
                                   sources, results, pure=False)
            by_future[future.key] = group
            futures.append(future)
        self.futures += futures
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # reported as the jobs' error
                error = f"the Dask task failed: {type(exc).__name__}: {exc}"
                yield [JobOutput(JobResult(job.key, job.folder, job.notebook, "failed", 0.0,
                                           error, job.input_hash)) for job in
                       by_future[future.key]]

    def close(self, interrupted: bool) -> None:
        """Stop: on an interrupt, cancel what has not finished (a local cluster's workers
        and kernels stop with it; on an existing cluster, a notebook already running
        finishes there and its result is dropped: nothing is written)."""
        if self.client is not None:
            if interrupted and self.futures:
                with contextlib.suppress(Exception):
                    self.client.cancel(self.futures, force=True)
            if self.registered and self.cluster is None:  # an existing cluster: tidy up
                with contextlib.suppress(Exception):
                    self.client.unregister_worker_plugin(self.plugin_name)
            with contextlib.suppress(Exception):
                self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
        self.client, self.cluster, self.futures, self.registered = None, None, [], False


def _results_view(job: Job) -> dict[str, bytes]:
    """The part of the output folder the forum reads (``forum.gather``): each country's
    results files and the failed notebooks that mark a failed run, by relative path."""
    if "results_dir" not in job.parameters:
        return {}
    root = Path(job.parameters["results_dir"])
    countries = job.parameters.get("countries") or sorted(
        p.parent.name for p in root.glob("*/*.results.json"))
    files = {}
    for iso3 in countries:
        for path in [*sorted((root / iso3).glob("*.results.json")),
                     *sorted((root / "failed" / iso3).glob("*.ipynb"))]:
            files[str(path.relative_to(root))] = path.read_bytes()
    return files
