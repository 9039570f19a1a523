"""Notebook execution: a papermill engine that keeps one kernel alive per worker process.

A fresh kernel per notebook spends most of a small notebook's run time starting Python and
importing pandas, plotly and the library (DESIGN §7). Each worker process therefore starts
one kernel and reuses it: before every notebook the user namespace is wiped (``%reset -f``)
and the working directory, environment, ``sys.path`` and warning filters go back to what
they were when the kernel started, so that a run cannot see what the previous one defined.
After any failure or timeout the kernel is shut down and the next job gets a fresh one.
Modules already imported stay imported: that is the saving, and they hold no user data.

``%reset -f`` ends with a full garbage collection, which walks every object the imported
modules hold (pandas, plotly, the data pack): measured at ~0.25-0.5 s per reset here. After
each reset the survivors are moved to the collector's permanent generation
(``gc.freeze()``), so the next reset's collection, and the automatic ones while a notebook
runs, only walk what that notebook allocated (measured: ~0.5 s -> a few ms per reset).
The previous notebook's garbage is still collected, by the reset itself, before the freeze.

papermill remains the executor (parameter injection, error cells, metadata); we only swap
its engine, which is how papermill is meant to be extended (``papermill_engines.register``).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import math
import multiprocessing.util
import os
import queue
import signal
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines

from policylab.batch import SLOW_OPTIONAL_MODULES

ENGINE_NAME = "policylab-kept-kernel"
KERNEL_NAME = "python3"
RESET_TIMEOUT = 60
# A kernel can die while starting for reasons outside the notebook: two processes picking
# the same free port at once (jupyter_client chooses ports by probing, and parallel workers
# race), or a machine briefly out of processes. Such a start is retried on new ports; a
# kernel that dies this many times in a row is a real failure and the job fails.
START_ATTEMPTS = 3

_BASELINE_CODE = f"""
import os, sys, warnings
for _name in {SLOW_OPTIONAL_MODULES!r}:
    sys.modules.setdefault(_name, None)
get_ipython()._policylab_baseline = (dict(os.environ), list(sys.path), list(warnings.filters))
del os, sys, warnings, _name
"""

# Sent with the baseline as soon as the kernel is launched, so that the kernel imports the
# lessons and loads the data pack while its worker is still importing papermill and
# nbconvert and waiting for its first job: what the first notebook would do first anyway.
# A failure here is left to that notebook, which reports it in its own words.
_WARM_CODE = """
try:
    import policylab.pack.current as _current
    import policylab.lessons.digital, policylab.lessons.greening
    import policylab.lessons.profile, policylab.lessons.value_chains
    _current.dataset()
    del _current
except Exception:
    pass
"""

_RESET_CODE = """
get_ipython().run_line_magic("reset", "-f")
import os as _os, sys as _sys, warnings as _warnings
_env, _path, _filters = get_ipython()._policylab_baseline
_os.environ.clear()
_os.environ.update(_env)
_sys.path[:] = _path
_warnings.filters[:] = _filters
_os.chdir({cwd!r})
_display = _sys.modules.get("policylab.display")
if _display is not None:
    _display.set_chart_data(None)
del _display
get_ipython().execution_count = 1
del _os, _sys, _warnings, _env, _path, _filters
import gc as _gc
_gc.freeze()
del _gc
"""


class KernelResetError(RuntimeError):
    """The kept kernel did not accept the reset code; the job runs on a fresh kernel."""


class KeptKernel:
    """One kernel owned by this worker process, started on first use."""

    def __init__(self, kernel_name: str = KERNEL_NAME) -> None:
        self.kernel_name = kernel_name
        self.km: AsyncKernelManager | None = None
        self.kc = None
        self.pending = ""  # the start-up code's request, sent at launch
        self.starts = 0
        self.ready = False

    @property
    def alive(self) -> bool:
        return self.ready and self.km is not None and self.km.has_kernel

    def start(self, cwd: Path, start_timeout: float) -> None:
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                self._start_once(cwd, start_timeout)
                return
            except Exception as exc:
                self.shutdown()
                _log_to_kernel_log(f"kernel start {attempt}/{START_ATTEMPTS} failed: {exc}")
                if attempt == START_ATTEMPTS:
                    raise

    def launch(self, cwd: Path) -> None:
        """Start the kernel's process without waiting for it: a worker calls this as it
        starts, so that the kernel boots while the worker is still importing papermill and
        nbconvert and receiving its first job. A kernel already launched is kept (a second
        call would orphan it)."""
        if self.km is not None:
            return
        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        if _KERNEL_LOG is not None:
            _KERNEL_LOG.parent.mkdir(parents=True, exist_ok=True)
        # The kernel's own console output (start-up warnings) goes to the kernel log, not
        # to the terminal where it would break the progress bar.
        # No command history: parallel kernels share IPython's history database, and a
        # clash prints "ERROR! Session/line number was not unique" into a page.
        with open(_KERNEL_LOG or os.devnull, "a", encoding="utf-8") as sink:
            run_sync(self.km.start_kernel)(cwd=str(cwd), stdout=sink, stderr=sink,
                                           extra_arguments=["--HistoryManager.enabled=False"])
        self.kc = self.km.client()
        self.kc.start_channels()
        # Queued until the kernel listens; its reply is the sign that the kernel is ready.
        self.pending = self.kc.execute(_BASELINE_CODE + _WARM_CODE, silent=True,
                                       store_history=False)

    def _start_once(self, cwd: Path, start_timeout: float) -> None:
        if self.km is None:
            self.launch(cwd)
        reply = self._reply_to(self.pending, start_timeout)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise KernelResetError(f"{content.get('ename')}: {content.get('evalue')}")
        self.starts += 1
        self.ready = True

    def _reply_to(self, msg_id: str, timeout: float) -> dict:
        """The shell reply to ``msg_id``; a kernel that dies meanwhile fails at once."""
        deadline = time.monotonic() + timeout
        while True:
            if not run_sync(self.km.is_alive)():
                raise RuntimeError("Kernel died before replying to its start-up code")
            try:
                reply = run_sync(self.kc.get_shell_msg)(timeout=1)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the kernel did not start within {timeout:.0f} s") from None
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def prepare(self, cwd: Path, start_timeout: float) -> None:
        """A clean kernel for the next notebook: reset the kept one or start a new one."""
        if not self.alive:
            self.start(cwd, start_timeout)
        try:
            self._run(_RESET_CODE.format(cwd=str(cwd)))
        except Exception:  # a kernel that cannot reset is replaced, never reused
            self.shutdown()
            self.start(cwd, start_timeout)
            self._run(_RESET_CODE.format(cwd=str(cwd)))

    def _run(self, code: str) -> None:
        reply = run_sync(self.kc.execute_interactive)(
            code, silent=True, store_history=False, timeout=RESET_TIMEOUT,
            output_hook=lambda msg: None,
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise KernelResetError(f"{content.get('ename')}: {content.get('evalue')}")

    def shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None and self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)
        self.km, self.kc, self.ready = None, None, False


def _log_to_kernel_log(line: str) -> None:
    """A line in the kernel log, where the dead kernel's own last words already are."""
    if _KERNEL_LOG is not None:
        with open(_KERNEL_LOG, "a", encoding="utf-8") as sink:
            sink.write(f"[policylab] {line}\n")


_KERNEL: KeptKernel | None = None
_KERNEL_LOG: Path | None = None


def worker_kernel() -> KeptKernel:
    """This process's kept kernel; shut down when the worker process exits."""
    global _KERNEL
    if _KERNEL is None:
        _KERNEL = KeptKernel()
        multiprocessing.util.Finalize(None, _KERNEL.shutdown, exitpriority=100)
    return _KERNEL


class KeptKernelEngine(Engine):
    """papermill engine running each notebook in this process's kept, freshly reset kernel.

    ``execution_timeout`` is a budget for the whole notebook (not per cell): each cell gets
    what is left of it. On timeout the kernel is interrupted, the cell fails with a
    ``NotebookTimeout`` error, papermill records it as usual, and the kernel is replaced.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None,
                                 input_path=None, notebook_dir=None, **kwargs):
        kernel = worker_kernel()
        # A translated notebook is handed over in memory: its folder comes separately.
        folder = notebook_dir or (input_path if isinstance(input_path, str | Path) else None)
        cwd = Path(folder).resolve() if notebook_dir else (
            Path(folder).resolve().parent if folder else Path.cwd())
        kernel.prepare(cwd, start_timeout)
        deadline = time.monotonic() + execution_timeout if execution_timeout else None

        def remaining(_cell) -> int | None:
            # rounded up, so that no cell is stopped before the notebook's budget is spent
            return None if deadline is None else max(1, math.ceil(deadline - time.monotonic()))

        client = PapermillNotebookClient(
            nb_man,
            km=kernel.km,
            kernel_name=kernel_name,
            timeout_func=remaining,
            interrupt_on_timeout=True,
            error_on_timeout={
                "ename": "NotebookTimeout",
                "evalue": f"the notebook ran longer than its {execution_timeout} s budget",
                "traceback": [],
            },
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client.kc = kernel.kc
        try:
            client.execute()
        except BaseException:
            kernel.shutdown()
            raise
        if nb_man.nb.metadata.papermill.get("exception"):
            kernel.shutdown()  # whatever failed may have left the kernel in a bad state
        return nb_man.nb


papermill_engines.register(ENGINE_NAME, KeptKernelEngine)


def worker_init(environment: dict[str, str], kernel_log: Path | None = None) -> None:
    """Runs once in each worker process: the environment its kernel will inherit, the file
    that receives the kernel's console output, and how the worker ends.

    Ctrl-C reaches every process of the terminal's group: workers ignore it and let the
    main process stop them (no traceback from each). A worker stops on SIGTERM at once,
    taking its kernel with it, and asks the OS for that SIGTERM when the main process dies,
    even by ``kill -9``, so that nothing keeps running and writing after the build."""
    global _KERNEL_LOG
    os.environ.update(environment)
    _KERNEL_LOG = kernel_log
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    _die_with_parent()
    try:
        worker_kernel().launch(Path.cwd())
    except Exception as exc:  # the first job starts one, with retries and its own error
        worker_kernel().shutdown()
        _log_to_kernel_log(f"early kernel launch failed: {exc}")


def _stop_worker(_signum, _frame) -> None:
    if _KERNEL is not None and _KERNEL.km is not None and _KERNEL.km.has_kernel:
        with contextlib.suppress(Exception):
            _KERNEL.km.provisioner.process.kill()
    os._exit(143)


def _die_with_parent() -> None:
    """Linux's parent-death signal (prctl PR_SET_PDEATHSIG = 1); elsewhere a no-op."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before the request was made
            os._exit(143)

