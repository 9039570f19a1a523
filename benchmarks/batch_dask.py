"""The benchmark subset through Dask (``--scheduler local:2``) against the local engine.

In one session, on the subset of ``benchmarks/batch.py`` (5 countries x the 4 per-country
notebooks), each into an empty folder: ``policylab build --jobs 2`` (the local engine's two
worker processes), then ``policylab build --scheduler local:2`` (a Dask LocalCluster of two
worker processes, started and stopped by the build, its time included). Prints both wall
and CPU times, their ratio, the failures, and whether both produced the same headline
values (the results files). Timings only: nothing here is a test.

Run: ``.venv/bin/python benchmarks/batch_dask.py`` (needs the data pack, the real notebooks
and the ``dask`` extra).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from batch import SUBSET, _seconds, headlines, per_country_notebooks, policylab_build, same_values

WORKERS = 2


def main() -> int:
    notebooks = per_country_notebooks()
    if not notebooks:
        print("no per-country notebooks: nothing to measure")
        return 1
    jobs = len(SUBSET) * len(notebooks)
    print(f"subset: {len(SUBSET)} countries x {len(notebooks)} notebooks = {jobs} notebooks, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    timings, failed = {}, {}
    with tempfile.TemporaryDirectory(prefix="policylab-bench-dask-") as tmp:
        tmp = Path(tmp)
        for name, options in (("local", ["--jobs", str(WORKERS)]),
                              ("dask", ["--scheduler", f"local:{WORKERS}"])):
            workshop = tmp / f"{name}.yml"
            workshop.write_text(
                f"title: Benchmark subset ({name})\n"
                f"countries: [{', '.join(SUBSET)}]\n"
                f"notebooks: [{', '.join(nb.stem for nb in notebooks)}]\n"
                f"output: {tmp / name}\n", encoding="utf-8")
            timings[name] = policylab_build(workshop, "--no-zip", *options)
            report = json.loads((tmp / name / "report.json").read_text())
            failed[name] = [j["key"] for j in report["jobs"] if j["status"] == "failed"]
        print(f"local engine (--jobs {WORKERS}):          {_seconds(timings['local'], jobs)}")
        print(f"  failed: {len(failed['local'])} {' '.join(failed['local'])}")
        print(f"Dask (--scheduler local:{WORKERS}):   {_seconds(timings['dask'], jobs)}")
        print(f"  failed: {len(failed['dask'])} {' '.join(failed['dask'])}")
        ratio = timings["dask"][0] / timings["local"][0]
        print(f"Dask / local: {ratio:.2f}x wall, "
              f"{timings['dask'][1] / timings['local'][1]:.2f}x CPU")
        differ = same_values(headlines(tmp / "local", SUBSET, notebooks),
                             headlines(tmp / "dask", SUBSET, notebooks))
        print("headline values: " + ("identical" if not differ else f"{len(differ)} differ"))
        for line in differ[:20]:
            print(f"  {line}")
    return 0 if not differ and not failed["local"] and not failed["dask"] else 1


if __name__ == "__main__":
    sys.exit(main())
