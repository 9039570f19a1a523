"""How long ``policylab.load()`` takes, against reading the raw WDI files it replaces.

Builds nothing: run ``policylab data build`` first. Prints the median and best of several
loads in this process (imports already paid), then the time to read the raw WDI CSVs
directly, so the figures are comparable on any machine.

    .venv/bin/python benchmarks/load_pack.py [--runs 7] [--pack DIR] [--raw DIR]
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd

import policylab
from policylab import paths


def _timed(action, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def _read_raw_wdi(raw_dir) -> int:
    rows = 0
    for path in sorted((raw_dir / "wdi").glob("*.csv")):
        rows += len(pd.read_csv(path, keep_default_na=False, na_values=[""]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pack")
    parser.add_argument("--raw")
    args = parser.parse_args()

    started = time.perf_counter()
    dataset = policylab.load(args.pack)
    first = time.perf_counter() - started
    loads = _timed(lambda: policylab.load(args.pack), args.runs)
    print(f"pack: {paths.pack_dir(args.pack)} ({len(dataset.obs):,} observations)")
    print(f"policylab.load() first call (incl. catalogue, checksums): {first:.3f} s")
    print(f"policylab.load() over {args.runs} runs: median {statistics.median(loads):.3f} s, "
          f"best {min(loads):.3f} s")
    lookups = _timed(lambda: dataset.series("mva_share_gdp", ["KEN", "NAM", "VNM"]), 50)
    print(f"ds.series(one indicator, 3 countries): median {statistics.median(lookups)*1e3:.2f} ms")

    raw_dir = paths.raw_dir(args.raw)
    if (raw_dir / "wdi").is_dir():
        rows = 0

        def read() -> None:
            nonlocal rows
            rows = _read_raw_wdi(raw_dir)

        baseline = _timed(read, 3)
        print(f"baseline: reading the raw WDI CSVs ({rows:,} rows): median "
              f"{statistics.median(baseline):.3f} s "
              f"({statistics.median(baseline) / statistics.median(loads):.0f}x the load)")
    else:
        print(f"baseline skipped: no raw WDI folder at {raw_dir}")


if __name__ == "__main__":
    main()
