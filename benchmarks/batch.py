"""Batch speed: a naive papermill + nbconvert loop against ``policylab build``.

In one session, on the same subset (5 countries x the 4 per-country notebooks), it runs
1. the naive baseline: per notebook, the ``papermill`` CLI then ``jupyter nbconvert --to html``;
2. ``policylab build`` of the same subset into an empty folder;
checks that both produced the same headline values (the results files), and prints both
times and their ratio (target: 10x or more). Then it times the full all-countries build and
a re-run with nothing changed (``--skip-full`` leaves those out).

Run: ``.venv/bin/python benchmarks/batch.py`` (needs the data pack and the real notebooks).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policylab import paths

BIN = Path(sys.executable).parent
SUBSET = ["KEN", "ETH", "TZA", "UGA", "RWA"]


def per_country_notebooks() -> list[Path]:
    from policylab.batch.notebooks import discover_notebooks

    return [spec.path for spec in discover_notebooks().values() if spec.per_country]


def naive(countries: list[str], notebooks: list[Path], folder: Path) -> float:
    start = time.perf_counter()
    for iso3 in countries:
        for source in notebooks:
            out = folder / iso3 / source.name
            out.parent.mkdir(parents=True, exist_ok=True)
            results = out.with_suffix(".results.json")
            subprocess.run(
                [BIN / "papermill", source, out, "-k", "python3", "--cwd", source.parent,
                 "-p", "country", iso3, "-p", "results_path", results, "--no-progress-bar"],
                check=True, capture_output=True, env=_static_env(),
            )
            subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", out], check=True,
                           capture_output=True)
    return time.perf_counter() - start


def policylab_build(workshop: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([BIN / "policylab", "build", workshop, *extra], check=True)
    return time.perf_counter() - start


def headlines(folder: Path, countries: list[str], notebooks: list[Path]) -> dict:
    found = {}
    for iso3 in countries:
        for source in notebooks:
            path = folder / iso3 / f"{source.stem}.results.json"
            found[f"{iso3}/{source.stem}"] = json.loads(path.read_text())["headline"]
    return found


def same_values(a: dict, b: dict) -> list[str]:
    """Keys whose headline values differ (NaN equals NaN)."""
    differ = []
    for key in a:
        for indicator, entry in a[key].items():
            other = b.get(key, {}).get(indicator, {})
            x, y = entry.get("value"), other.get("value")
            both_nan = isinstance(x, float) and isinstance(y, float) and math.isnan(x) and \
                math.isnan(y)
            if x != y and not both_nan:
                differ.append(f"{key} {indicator}: {x} vs {y}")
    return differ


def _static_env() -> dict:
    return {**os.environ, "POLICYLAB_STATIC": "1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-full", action="store_true", help="skip the all-countries build")
    args = parser.parse_args()
    notebooks = per_country_notebooks()
    if not notebooks:
        print(f"no per-country notebooks in {paths.notebooks_dir()}: nothing to measure")
        return 1

    with tempfile.TemporaryDirectory(prefix="policylab-bench-") as tmp:
        tmp = Path(tmp)
        baseline_s = naive(SUBSET, notebooks, tmp / "naive")
        workshop = tmp / "bench.yml"
        workshop.write_text(
            "title: Benchmark subset\n"
            f"countries: [{', '.join(SUBSET)}]\n"
            f"notebooks: [{', '.join(nb.stem for nb in notebooks)}]\n"
            f"output: {tmp / 'built'}\n", encoding="utf-8")
        build_s = policylab_build(workshop, "--no-zip")
        differ = same_values(headlines(tmp / "naive", SUBSET, notebooks),
                             headlines(tmp / "built", SUBSET, notebooks))
    jobs = len(SUBSET) * len(notebooks)
    print(f"subset: {len(SUBSET)} countries x {len(notebooks)} notebooks = {jobs} notebooks")
    print(f"naive papermill + nbconvert loop: {baseline_s:8.1f} s ({baseline_s / jobs:.2f} s/nb)")
    print(f"policylab build:                  {build_s:8.1f} s ({build_s / jobs:.2f} s/nb)")
    print(f"speed-up: {baseline_s / build_s:.1f}x (target >= 10x)")
    print("headline values: " + ("identical" if not differ else f"{len(differ)} differ"))
    for line in differ[:20]:
        print(f"  {line}")

    if not args.skip_full:
        full = paths.workshops_dir() / "all-countries.yml"
        print(f"full build ({full.name}, --force): {policylab_build(full, '--force'):.1f} s")
        print(f"re-run with nothing changed:        {policylab_build(full):.1f} s")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
