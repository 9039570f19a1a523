"""``policylab build --scheduler``: the same jobs on a Dask LocalCluster give the same
folder as the local engine (results files, report, pages once plotly's random element ids
and the build time are normalised), with a failing notebook kept apart and a resumed build
that runs only what failed; the pack reaches the workers without a shared folder; a bad
``--scheduler`` stops before anything is written. Dask is in the ``dev`` extra: no skips."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import distributed
import psutil
import pytest

from policylab import paths
from policylab.batch import dask_engine
from policylab.batch.plan import default_pack_info
from policylab.batch.run import build
from policylab.batch.scheduler import parse_scheduler
from policylab.cli import main
from policylab.errors import WorkshopError

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
WORKSHOP = """title: Toy workshop
countries: [KEN, Namibia]
notebooks: [00_toy_profile, 01_toy_switch, forum_synthesis]
overrides:
  NAM: {fail: true}
  KEN: {peers: [Brazil]}
"""
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
BUILT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")
INJECTED_CELL_ID = re.compile(r'cell-id=[0-9a-f-]+(?=" class="[^"]*celltag_injected-parameters)')


@pytest.fixture(scope="module")
def pack(tiny_pack):
    return default_pack_info(tiny_pack)


def _workshop(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "toy.yml"
    path.write_text(WORKSHOP + f"output: {folder / 'out'}\n", encoding="utf-8")
    return path


def _build(path: Path, pack, **options):
    return build(path, notebooks_dir=FIXTURES, pack=pack, progress=False, make_zip=False,
                 **options)


def _statuses(report: dict) -> dict[str, str]:
    return {job["key"]: job["status"] for job in report["jobs"]}


@pytest.fixture(scope="module")
def both(tmp_path_factory, pack):
    """The same workshop built by the local engine and through a 2-worker LocalCluster."""
    root = tmp_path_factory.mktemp("engines")
    local = _build(_workshop(root / "local"), pack, jobs=2)
    dask = _build(_workshop(root / "dask"), pack, scheduler="local:2")
    return local, dask


def _normalised(path: Path, out: Path) -> str:
    """A file's text with what differs between any two builds made the same: the output
    folder, plotly's random element ids, the build time and the kernel's process id."""
    text = path.read_text(encoding="utf-8").replace(str(out), "OUT")
    text = BUILT.sub("BUILT", UUID.sub("UUID", text))
    text = INJECTED_CELL_ID.sub("cell-id=INJECTED", text)  # papermill's random id
    return re.sub(r'"kernel_pid": \d+', '"kernel_pid": 0', text)


def _report(outcome) -> dict:
    report = json.loads(_normalised(outcome.output / "report.json", outcome.output))
    report["workshop"]["source"] = "WORKSHOP"
    report["summary"]["duration_s"] = 0
    for job in report["jobs"]:
        job["duration_s"] = 0
        if job["key"] == "forum/forum_synthesis":  # its hash covers the countries' results
            job["input_hash"] = "FORUM"            # files, which hold the toy's kernel_pid
    return report


def _files(out: Path, pattern: str) -> list[Path]:
    return sorted(p.relative_to(out) for p in out.glob(pattern))


def test_dask_build_equals_the_local_build(both):
    local, dask = both
    assert _report(dask) == _report(local)
    assert _statuses(dask.report) == {
        "KEN/00_toy_profile": "ok", "KEN/01_toy_switch": "ok", "NAM/00_toy_profile": "ok",
        "NAM/01_toy_switch": "failed", "forum/forum_synthesis": "ok"}
    for pattern in ("*/*.results.json", "*/*.html", "*.html", "logs/*.log", "failed/*/*"):
        names = _files(local.output, pattern)
        assert names == _files(dask.output, pattern) and names, pattern
        if pattern.endswith("html") or pattern.endswith("json"):
            for name in names:
                assert _normalised(dask.output / name, dask.output) == \
                    _normalised(local.output / name, local.output), name
    forum = (dask.output / "forum" / "forum_synthesis.html").read_text()
    assert "FORUM over 2 countries and 3 results" in forum  # read on a worker, shipped there
    assert list(dask.output.glob(".staging/**/*.*")) == []


def test_executed_notebooks_name_the_published_files(both):
    _, dask = both
    out = dask.output
    profile = (out / "KEN" / "00_toy_profile.ipynb").read_text()
    assert json.dumps(str(out / "KEN" / "00_toy_profile.results.json"))[1:-1] in profile
    forum = json.loads((out / "forum" / "forum_synthesis.ipynb").read_text())
    injected = next(c for c in forum["cells"] if "injected-parameters" in c["metadata"]["tags"])
    assert f'results_dir = "{out}"' in "".join(injected["source"])
    assert "dask-scratch-space" not in profile  # papermill's record names the final files too
    record = json.loads(profile)["metadata"]["papermill"]
    assert record["input_path"] == str(FIXTURES / "00_toy_profile.ipynb")
    assert record["output_path"] == str(out / "KEN" / "00_toy_profile.ipynb")
    assert record["parameters"]["results_path"] == str(out / "KEN" / "00_toy_profile.results.json")


def test_a_failing_notebook_fails_alone_on_dask(both):
    _, dask = both
    out = dask.output
    failed = next(j for j in dask.report["jobs"] if j["key"] == "NAM/01_toy_switch")
    assert "deliberate failure for NAM" in failed["error"]
    assert failed["failed_notebook"] == "failed/NAM/01_toy_switch.ipynb"
    assert (out / "failed" / "NAM" / "01_toy_switch.ipynb").exists()
    assert not (out / "NAM" / "01_toy_switch.ipynb").exists()
    assert "deliberate failure" in (out / failed["log"]).read_text()
    assert "FAILED" in (out / "facilitator.html").read_text()


def test_a_resumed_dask_build_runs_only_what_failed(both, pack):
    _, dask = both
    out = dask.output
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/*.html")}
    again = _build(out.parent / "toy.yml", pack, scheduler="local:2")
    statuses = _statuses(again.report)
    assert statuses.pop("NAM/01_toy_switch") == "failed"
    assert set(statuses.values()) == {"skipped"}
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/*.html")} == before


def test_a_build_on_an_existing_cluster_leaves_it_as_it_was(tmp_path, pack):
    """Through a scheduler's address: the build registers its worker plugin, and removes it
    (files and kernel) when it ends; a second build on the same cluster resumes."""
    path = tmp_path / "one.yml"
    path.write_text(f"title: Toy\noutput: {tmp_path / 'out'}\ncountries: [KEN]\n"
                    "notebooks: [00_toy_profile, forum_synthesis]\n", encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        first = _build(path, pack, scheduler=cluster.scheduler_address)
        assert _statuses(first.report) == {"KEN/00_toy_profile": "ok",
                                           "forum/forum_synthesis": "ok"}
        assert "FORUM over 1 countries and 1 results" in \
            (tmp_path / "out" / "forum" / "forum_synthesis.html").read_text()

        def policylab_plugins(dask_worker) -> list[str]:
            return [name for name in dask_worker.plugins if name.startswith("policylab")]

        assert list(client.run(policylab_plugins).values()) == [[]]
        (tmp_path / "out" / "KEN" / ".00_toy_profile.inputs.json").unlink()
        second = _build(path, pack, scheduler=cluster.scheduler_address)
        assert _statuses(second.report) == {"KEN/00_toy_profile": "ok",
                                            "forum/forum_synthesis": "ok"}
        assert list(client.run(policylab_plugins).values()) == [[]]


def test_the_pack_reaches_workers_without_a_shared_folder(pack):
    """Each worker unpacks the shipped pack into its own folder, and loads it from there."""
    engine = dask_engine.DaskEngine(parse_scheduler("local:1"), pack)
    try:
        client = engine._client()

        def where() -> dict:
            import os

            import policylab

            folder = Path(os.environ["POLICYLAB_PACK"])
            return {"folder": str(folder), "vintage": str(policylab.load().vintage),
                    "static": os.environ["POLICYLAB_STATIC"],
                    "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                              for p in folder.iterdir()}}

        (seen,) = client.run(where).values()
    finally:
        engine.close(interrupted=False)
    assert not seen["folder"].startswith(str(pack.path))
    assert seen["vintage"] == pack.vintage and seen["static"] == "1"
    assert seen["files"] == {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                             for p in pack.path.iterdir() if p.is_file()}
    assert not Path(seen["folder"]).exists()  # removed with the worker


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_one_error_and_writes_nothing(tmp_path, pack, monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 2)
    path = _workshop(tmp_path)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with pytest.raises(WorkshopError, match="cannot reach the Dask scheduler at " + address):
        _build(path, pack, scheduler=address)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["local:0", "local:x", "local", "local:-1", "tcp://a b"])
def test_bad_scheduler_values_are_refused_before_anything_runs(tmp_path, pack, text, capsys,
                                                               monkeypatch):
    path = _workshop(tmp_path)
    with pytest.raises(WorkshopError, match="--scheduler"):
        _build(path, pack, scheduler=text)
    monkeypatch.setattr(paths, "notebooks_dir", lambda: FIXTURES)
    monkeypatch.setenv("POLICYLAB_PACK", str(pack.path))
    assert main(["build", str(path), "--scheduler", text]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policylab: error: --scheduler") and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_jobs_and_scheduler_together_are_refused(tmp_path, pack):
    with pytest.raises(WorkshopError, match="--jobs is for the local engine"):
        _build(_workshop(tmp_path), pack, jobs=2, scheduler="local:2")
    assert not (tmp_path / "out").exists()


def test_dask_is_installed_for_the_tests():
    assert distributed.__version__ == "2026.8.0"


RUNNER = """
import sys
from pathlib import Path
from policylab import paths
paths.notebooks_dir = lambda: Path(sys.argv[2])
from policylab.cli import main
sys.exit(main(["build", sys.argv[1], "--scheduler", sys.argv[3], "--no-zip"]))
"""


def _start_slow_build(tmp_path: Path, pack, scheduler: str = "local:2",
                      notebooks: str = "00_toy_profile, 04_toy_slow"
                      ) -> tuple[subprocess.Popen, Path]:
    workshop = tmp_path / "slow.yml"
    workshop.write_text(f"title: Toy\noutput: {tmp_path / 'out'}\ncountries: [KEN, NAM]\n"
                        f"notebooks: [{notebooks}]\n", encoding="utf-8")
    env = {**os.environ, "POLICYLAB_PACK": str(pack.path)}
    process = subprocess.Popen([sys.executable, "-c", RUNNER, str(workshop), str(FIXTURES),
                                scheduler],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, start_new_session=True)
    return process, tmp_path / "out"


def _family_once_kernels_run(process: subprocess.Popen, deadline: float = 120) -> list:
    """The build's descendants once both Dask workers run the slow notebook's kernels."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        family = psutil.Process(process.pid).children(recursive=True)
        if sum("ipykernel" in " ".join(_cmdline(p)) for p in family) >= 2:
            time.sleep(2)
            return psutil.Process(process.pid).children(recursive=True)
        time.sleep(0.3)
    raise AssertionError("the build never reached its kernels")


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_dask_build_stops_with_one_line(tmp_path, pack, sig):
    process, out = _start_slow_build(tmp_path, pack)
    family = _family_once_kernels_run(process)
    stopped_at = time.monotonic()
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - stopped_at < 15
    assert process.returncode == 130
    assert "Traceback" not in err and "policylab: interrupted" in err
    _, alive = psutil.wait_procs(family, timeout=15)
    assert alive == []  # workers and kernels stopped with the cluster
    report = json.loads((out / "report.json").read_text())
    for job in report["jobs"]:
        if job["status"] in {"ok", "skipped"}:
            assert (out / job["country"] / f"{job['notebook']}.html").exists(), job
        if job["notebook"] == "04_toy_slow":
            assert job["status"] == "not run", job


def test_killing_the_dask_client_leaves_nothing_running(tmp_path, pack):
    process, _ = _start_slow_build(tmp_path, pack)
    family = _family_once_kernels_run(process)
    process.kill()
    process.wait(timeout=10)
    _, alive = psutil.wait_procs(family, timeout=20)
    assert alive == []


def test_an_interrupted_build_stops_its_notebooks_on_an_existing_cluster(tmp_path, pack):
    """The cluster outlives the build: Ctrl-C cancels the queued country, interrupts the
    running notebook and removes the build's plugin (files and kernel) from the worker."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        (worker_pid,) = client.run(os.getpid).values()
        worker = psutil.Process(worker_pid)
        process, out = _start_slow_build(tmp_path, pack, cluster.scheduler_address,
                                         notebooks="04_toy_slow")
        deadline = time.monotonic() + 120
        while not any("ipykernel" in " ".join(_cmdline(p)) for p in worker.children()):
            assert time.monotonic() < deadline, "the worker never started a kernel"
            time.sleep(0.3)
        time.sleep(4)  # the first country's slow cell is running
        stopped_at = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert time.monotonic() - stopped_at < 15
        assert process.returncode == 130 and "Traceback" not in err
        _, alive = psutil.wait_procs(worker.children(), timeout=15)
        assert alive == []  # the kernel stopped; the worker itself goes on
        assert worker.is_running()
        assert list(client.run(lambda dask_worker: [
            n for n in dask_worker.plugins if n.startswith("policylab")]).values()) == [[]]
        report = json.loads((out / "report.json").read_text())
        assert {job["status"] for job in report["jobs"]} == {"not run"}
