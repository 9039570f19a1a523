"""Stopping a build: Ctrl-C and SIGTERM end it within seconds with one line and an index
true to what is on disk; killing the main process (even -9) leaves no worker or kernel
running and writing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
#: Runs the CLI entry on the toy notebooks (the real CLI reads the project's notebooks).
RUNNER = """
import sys
from pathlib import Path
from policylab import paths
paths.notebooks_dir = lambda: Path(sys.argv[2])
from policylab.cli import main
sys.exit(main(["build", sys.argv[1], "--jobs", "2", "--no-zip"]))
"""


def _start(tmp_path: Path, tiny_pack: Path) -> tuple[subprocess.Popen, Path]:
    workshop = tmp_path / "toy.yml"
    workshop.write_text(f"title: Toy\noutput: {tmp_path / 'out'}\ncountries: [KEN, NAM]\n"
                        "notebooks: [00_toy_profile, 04_toy_slow]\n", encoding="utf-8")
    env = {**os.environ, "POLICYLAB_PACK": str(tiny_pack)}
    process = subprocess.Popen([sys.executable, "-c", RUNNER, str(workshop), str(FIXTURES)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, start_new_session=True)
    return process, tmp_path / "out"


def _wait_for_slow_cells(process: subprocess.Popen, deadline: float = 120) -> list:
    """The descendants once both workers run the slow notebook (its kernels are up)."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        family = psutil.Process(process.pid).children(recursive=True)
        kernels = [p for p in family if "ipykernel" in " ".join(_cmdline(p))]
        if len(kernels) >= 2:
            time.sleep(2)
            return psutil.Process(process.pid).children(recursive=True)
        time.sleep(0.3)
    raise AssertionError("the build never reached its kernels")


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:  # ended (or a zombie) while we looked
        return []


def _gone(processes: list, within: float) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=within)
    return not alive


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_stops_quickly_with_one_line(tmp_path, tiny_pack, sig):
    process, out = _start(tmp_path, tiny_pack)
    family = _wait_for_slow_cells(process)
    stopped_at = time.monotonic()
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - stopped_at < 8
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "policylab: interrupted" in err
    assert _gone(family, within=10)
    report = json.loads((out / "report.json").read_text())
    for job in report["jobs"]:  # a job said to be built has its page; the slow ones did not run
        if job["status"] in {"ok", "skipped"}:
            assert (out / job["country"] / f"{job['notebook']}.html").exists(), job
        if job["notebook"] == "04_toy_slow":
            assert job["status"] == "not run", job
    assert "not run" in (out / "index.html").read_text()


def test_killing_the_main_process_leaves_nothing_running(tmp_path, tiny_pack):
    process, _ = _start(tmp_path, tiny_pack)
    family = _wait_for_slow_cells(process)
    process.kill()
    process.wait(timeout=10)
    assert _gone(family, within=15)


def test_notebooks_finished_before_an_interrupt_are_kept(tmp_path, tiny_pack):
    """Each notebook is published when it finishes, not when its country's last one does:
    stopped while both countries run their slow notebook, the build keeps the first."""
    process, out = _start(tmp_path, tiny_pack)
    # The input stamp is the last file a job's publishing writes (the results file comes
    # first: an interrupt between the two rightly leaves the job "not run").
    first = [out / iso3 / ".00_toy_profile.inputs.json" for iso3 in ("KEN", "NAM")]
    deadline = time.monotonic() + 120
    while not all(path.exists() for path in first) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(path.exists() for path in first), "the first notebooks were never published"
    time.sleep(1)  # the build records a job just after its stamp; the slow ones take 30 s
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert process.returncode == 130
    status = {job["key"]: job["status"]
              for job in json.loads((out / "report.json").read_text())["jobs"]}
    assert status["KEN/00_toy_profile"] == status["NAM/00_toy_profile"] == "ok"
    assert status["KEN/04_toy_slow"] == status["NAM/04_toy_slow"] == "not run"
    assert (out / "KEN" / "00_toy_profile.html").exists()
