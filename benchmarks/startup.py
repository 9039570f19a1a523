"""Where a build's start-up goes: each step before the first finished notebook, one at a time.

``policylab build`` overlaps some of these steps across processes, so the sum is an upper
bound on the wait for the first notebook; ``benchmarks/batch.py`` measures that wait itself.
Each step prints wall and CPU seconds (CPU of this process and of the processes it waited
for), so that a busy machine shows in the wall time but not in the CPU time:

1. the build's main-process imports (``policylab build`` in a fresh interpreter: the CLI and
   ``batch.run``, which imports neither papermill nor nbconvert);
2. a worker process's imports (papermill, nbconvert, the batch modules);
3. starting a kernel and running the engine's baseline code;
4. the lessons' imports and the data pack's load inside that kernel;
5. the first notebook (00_industrial_profile, KEN) through the kept-kernel engine: its
   first-use computations (cross-country tables cached per process) included;
6. the same notebook for a second country in the same kernel: the steady state;
7. its two HTML pages (participant and facilitator).

Run: ``.venv/bin/python benchmarks/startup.py`` (needs the data pack and the notebooks).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from policylab import paths
from policylab.batch.engine import ENGINE_NAME, KERNEL_NAME, worker_kernel
from policylab.batch.export import write_pages
from policylab.batch.pages import Provenance

NOTEBOOK = "00_industrial_profile"


class Step:
    """Wall and CPU seconds of a step: this process's CPU and its waited-for children's."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Step:
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu() - self.cpu
        print(f"{self.name:<52} {self.wall:6.2f} s wall {self.cpu:6.2f} s CPU", flush=True)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def fresh_import(module: str) -> None:
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)


def kernel_cpu(kernel) -> float:
    """CPU seconds the kernel process has used so far (it is not our waited-for child)."""
    pid = kernel.km.provisioner.process.pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_notebook(source: Path, out: Path, country: str) -> nbformat.NotebookNode:
    return papermill.execute_notebook(
        str(source), str(out), parameters={"country": country, "results_path": str(
            out.with_suffix(".results.json"))}, engine_name=ENGINE_NAME,
        kernel_name=KERNEL_NAME, progress_bar=False, cwd=str(source.parent),
        request_save_on_cell_execute=False)


def main() -> int:
    os.environ["POLICYLAB_STATIC"] = "1"
    source = paths.notebooks_dir() / f"{NOTEBOOK}.ipynb"
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with Step("1. build's main-process imports (fresh interpreter)"):
        fresh_import("policylab.cli, policylab.batch.run")
    with Step("2. worker imports (fresh interpreter)"):
        fresh_import("policylab.batch.worker")
    kernel = worker_kernel()
    with Step("3. kernel start and baseline code"):
        kernel.prepare(source.parent, start_timeout=60)
    print(f"{'':<52} (kernel process CPU so far: {kernel_cpu(kernel):.2f} s)")
    with tempfile.TemporaryDirectory(prefix="policylab-startup-") as tmp:
        before = kernel_cpu(kernel)
        with Step("4. lessons' imports and pack load in the kernel"):
            kernel._run("import policylab.lessons.profile, policylab.display\n"
                        "from policylab.pack.dataset import load\nload()")
        print(f"{'':<52} kernel CPU {kernel_cpu(kernel) - before:6.2f} s")
        for label, country in (("5. first notebook, KEN (first use)", "KEN"),
                               ("6. same notebook, UGA (steady state)", "UGA")):
            before = kernel_cpu(kernel)
            with Step(label):
                nb = run_notebook(source, Path(tmp) / f"{country}.ipynb", country)
            print(f"{'':<52} kernel CPU {kernel_cpu(kernel) - before:6.2f} s")
        with Step("7. participant and facilitator pages"):
            write_pages(nb, Path(tmp) / "p.html", Path(tmp) / "f.html", title=NOTEBOOK,
                        provenance=Provenance("benchmark", "-", "-", "-"))
    kernel.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
