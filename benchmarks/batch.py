"""Batch speed: a naive papermill + nbconvert loop against ``policylab build``.

In one session, on the same subset (5 countries x the 4 per-country notebooks), it runs
1. ``policylab build`` of the subset into an empty folder (nothing to skip), printing its
   start-up (from the command to the first finished notebook, target <= 5 s) and its steady
   state (seconds per notebook from then on, all workers together);
2. the naive baseline: per notebook, the ``papermill`` CLI then ``jupyter nbconvert --to html``
   (with ``POLICYLAB_STATIC=1`` so that figures render);
checks that both produced the same headline values (the results files), and prints both
times and their ratio (target: 15x or more). Then it builds ``all-countries.yml`` into an
empty folder (target: under 240 s on a 2-core machine) and prints its failures (target:
none), the sections skipped for lack of data and the time of a re-run with nothing changed
(target: < 5 s). ``benchmarks/startup.py`` breaks the start-up down step by step.
For both builds it prints the hand-out sizes: the largest HTML page (target:
<= 400 KB), the plotly.js the pages load and which bundle it is (target: <= 1.5 MB), the
assets folder and the zips (the subset's zips are written by an untimed second build); KB and
MB are 1024 and 1024^2 bytes, as before. ``--skip-all`` leaves the all-countries build out;
``--skip-naive`` leaves the baseline out.

Run: ``.venv/bin/python benchmarks/batch.py`` (needs the data pack and the real notebooks).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from policylab import paths

BIN = Path(sys.executable).parent
SUBSET = ["KEN", "ETH", "TZA", "UGA", "RWA"]
# The speed issue's targets (2 cores, English, no PDFs).
STARTUP_S = 5
SPEED_UP = 15
ALL_COUNTRIES_S = 240


class Clock:
    """Wall time and CPU time of the child processes (all of them: builds, workers, kernels,
    CLI runs are waited for), so that a machine busy with other work shows in the wall time
    but not in the CPU time."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), _children_cpu()

    def stop(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, _children_cpu() - self.cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _seconds(timing: tuple[float, float], count: int = 0) -> str:
    wall, cpu = timing
    per = f" ({wall / count:.2f} s/nb wall)" if count else ""
    return f"{wall:8.1f} s wall, {cpu:8.1f} s CPU{per}"


def per_country_notebooks() -> list[Path]:
    from policylab.batch.notebooks import discover_notebooks

    return [spec.path for spec in discover_notebooks().values() if spec.per_country]


def naive(countries: list[str], notebooks: list[Path],
          folder: Path) -> tuple[tuple[float, float], list[str]]:
    """Wall and CPU seconds of the loop, and the notebooks that failed (the loop carries on)."""
    failed = []
    clock = Clock()
    for iso3 in countries:
        for source in notebooks:
            out = folder / iso3 / source.name
            out.parent.mkdir(parents=True, exist_ok=True)
            results = out.with_suffix(".results.json")
            executed = subprocess.run(
                [BIN / "papermill", source, out, "-k", "python3", "--cwd", source.parent,
                 "-p", "country", iso3, "-p", "results_path", results, "--no-progress-bar"],
                capture_output=True, env=_static_env(),
            )
            exported = subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", out],
                                      capture_output=True, env=_static_env())
            if executed.returncode or exported.returncode:
                failed.append(f"{iso3}/{source.stem}")
    return clock.stop(), failed


def policylab_build(workshop: Path, *extra: str) -> tuple[float, float]:
    """Wall and CPU seconds of the build (failed jobs are counted from its report)."""
    return timed_build(workshop, *extra)[0]


def timed_build(workshop: Path, *extra: str) -> tuple[tuple[float, float], float | None]:
    """Wall and CPU seconds of the build, and when (wall seconds after the command) its
    first notebook was finished: a results file appears in the output folder only when a
    job has succeeded (workers publish atomically), so polling for it times the start-up."""
    output = Path(yaml.safe_load(workshop.read_text(encoding="utf-8"))["output"])
    clock = Clock()
    process = subprocess.Popen([BIN / "policylab", "build", workshop, *extra])
    first = None
    while process.poll() is None:
        if first is None and next(output.glob("*/*.results.json"), None) is not None:
            first = time.perf_counter() - clock.wall
        time.sleep(0.02)
    return clock.stop(), first


def headlines(folder: Path, countries: list[str], notebooks: list[Path]) -> dict:
    found = {}
    for iso3 in countries:
        for source in notebooks:
            path = folder / iso3 / f"{source.stem}.results.json"
            if path.exists():
                found[f"{iso3}/{source.stem}"] = json.loads(path.read_text())["headline"]
    return found


def same_values(a: dict, b: dict) -> list[str]:
    """Keys whose headline values differ (NaN equals NaN), or that only one side has."""
    differ = [f"{key}: only in one run" for key in a.keys() ^ b.keys()]
    for key in a.keys() & b.keys():
        differ += [f"{key} {name}: missing in one run" for name in a[key].keys() ^ b[key].keys()]
        for indicator, entry in a[key].items():
            other = b.get(key, {}).get(indicator, {})
            x, y = entry.get("value"), other.get("value")
            both_nan = isinstance(x, float) and isinstance(y, float) and math.isnan(x) and \
                math.isnan(y)
            if x != y and not both_nan:
                differ.append(f"{key} {indicator}: {x} vs {y}")
    return differ


def full_build(folder: Path) -> tuple[tuple[float, float], tuple[float, float], dict]:
    """all-countries.yml built into ``folder`` (empty), then re-run with nothing changed."""
    spec = yaml.safe_load((paths.workshops_dir() / "all-countries.yml").read_text())
    workshop = folder.parent / "all-countries.yml"
    workshop.write_text(yaml.safe_dump({**spec, "output": str(folder)}), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    build_s = policylab_build(workshop)
    rerun_s = policylab_build(workshop)
    return build_s, rerun_s, json.loads((folder / "report.json").read_text())


def print_full_build(folder: Path, build_s: tuple[float, float], rerun_s: tuple[float, float],
                     report: dict) -> bool:
    """Prints the all-countries figures; whether every target is met."""
    summary = report["summary"]
    skipped = sum(len(json.loads(p.read_text()).get("skipped_sections", []))
                  for p in folder.glob("*/*.results.json"))
    print(f"full build (all-countries.yml, empty folder): {_seconds(build_s)} for "
          f"{summary['total']} notebooks (target <= {ALL_COUNTRIES_S} s wall)")
    print(f"  failed: {summary['failed']}, not run: {summary.get('not_run', 0)} (target 0)")
    for job in report["jobs"]:
        if job["status"] == "failed":
            print(f"    FAILED {job['key']}: {job['error']}")
    print(f"  sections skipped for lack of data: {skipped} "
          f"(in {len(list(folder.glob('*/*.results.json')))} results files)")
    print(f"re-run with nothing changed: {_seconds(rerun_s)} (target < 5 s)")
    sizes_met = print_handout_sizes(folder, report)
    return (build_s[0] <= ALL_COUNTRIES_S and not summary["failed"] and not summary.get("not_run")
            and sizes_met and rerun_s[0] < 5)


KB, MB = 1024, 1024**2
LARGEST_PAGE_KB = 400
PLOTLY_JS_MB = 1.5


def print_handout_sizes(folder: Path, report: dict) -> bool:
    """The largest page, the plotly.js the pages load, the assets folder and the zips
    beside the folder; whether the page and plotly.js targets are met."""
    pages = list(folder.glob("*/*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    largest_kb = largest.stat().st_size / KB
    plotly_bytes = (folder / "assets" / "plotly.min.js").stat().st_size
    plotly_mb = plotly_bytes / MB
    bundle = report.get("plotly_js", {})
    assets_mb = sum(p.stat().st_size for p in (folder / "assets").rglob("*") if p.is_file()) / MB
    zips = sorted(folder.parent.glob(f"{folder.name}*.zip"))
    print(f"  largest HTML page: {largest_kb:.0f} KB ({largest.relative_to(folder)}; "
          f"target <= {LARGEST_PAGE_KB} KB)")
    print(f"  plotly.js: {plotly_mb:.2f} MB ({plotly_bytes:,} bytes), the "
          f"{bundle.get('bundle', '?')} bundle {bundle.get('version', '')} "
          f"(target <= {PLOTLY_JS_MB} MB)"
          + (f"; {bundle['note']}" if bundle.get("note") else ""))
    files = [p for p in folder.rglob("*") if p.is_file()]
    folder_mb = sum(p.stat().st_size for p in files) / MB
    print(f"  hand-out: the folder {folder_mb:.1f} MB in {len(files)} files, assets/ "
          f"{assets_mb:.2f} MB, "
          + (", ".join(f"{z.name} {z.stat().st_size / MB:.1f} MB" for z in zips)
             or "no zip"))
    return largest_kb <= LARGEST_PAGE_KB and plotly_mb <= PLOTLY_JS_MB


def _static_env() -> dict:
    return {**os.environ, "POLICYLAB_STATIC": "1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-all", action="store_true", help="skip the all-countries build")
    parser.add_argument("--skip-naive", action="store_true", help="skip the naive baseline")
    args = parser.parse_args()
    notebooks = per_country_notebooks()
    if not notebooks:
        print(f"no per-country notebooks in {paths.notebooks_dir()}: nothing to measure")
        return 1

    jobs = len(SUBSET) * len(notebooks)
    print(f"subset: {len(SUBSET)} countries x {len(notebooks)} notebooks = {jobs} notebooks, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="policylab-bench-") as tmp:
        tmp = Path(tmp)
        workshop = tmp / "bench.yml"
        workshop.write_text(
            "title: Benchmark subset\n"
            f"countries: [{', '.join(SUBSET)}]\n"
            f"notebooks: [{', '.join(nb.stem for nb in notebooks)}]\n"
            f"output: {tmp / 'built'}\n", encoding="utf-8")
        build_s, first = timed_build(workshop, "--no-zip")
        print(f"policylab build:                  {_seconds(build_s, jobs)}")
        report = json.loads((tmp / "built" / "report.json").read_text())
        subset_failed = report["summary"]["failed"]
        print(f"  failed: {subset_failed}")
        if first is None:
            print("  start-up: no notebook finished")
            met = False
        else:
            steady = (build_s[0] - first) / max(jobs - 1, 1)
            print(f"  start-up to the first finished notebook: {first:.1f} s (target <= "
                  f"{STARTUP_S} s); then {steady:.2f} s per notebook (steady state, all "
                  "workers together)")
            met = first <= STARTUP_S
        policylab_build(workshop)  # nothing to run: writes the zips, for their sizes
        met = print_handout_sizes(tmp / "built", report) and not subset_failed and met
        if not args.skip_naive:
            baseline_s, naive_failed = naive(SUBSET, notebooks, tmp / "naive")
            print(f"naive papermill + nbconvert loop: {_seconds(baseline_s, jobs)}")
            print(f"  failed: {len(naive_failed)} {' '.join(naive_failed)}")
            speedup = baseline_s[0] / build_s[0]
            print(f"speed-up: {speedup:.1f}x wall, {baseline_s[1] / build_s[1]:.1f}x CPU "
                  f"(target >= {SPEED_UP}x)")
            differ = same_values(headlines(tmp / "naive", SUBSET, notebooks),
                                 headlines(tmp / "built", SUBSET, notebooks))
            print("headline values: " + ("identical" if not differ else f"{len(differ)} differ"))
            for line in differ[:20]:
                print(f"  {line}")
            met = met and not differ and speedup >= SPEED_UP
        if not args.skip_all:
            met = print_full_build(tmp / "all", *full_build(tmp / "all")) and met
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
