"""Validate our ECI against the published ECI (OEC and Atlas, 2016 editions) for 2000.

The offline trade table is one cross-section, the 1998-2000 average stored as year 1999;
the published series are compared for 2000. Both are Spearman rank correlations over the
countries present in both. Run: ``.venv/bin/python benchmarks/validate_complexity.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from policylab.countries import names_to_iso3
from policylab.metrics.complexity import compute_complexity
from policylab.paths import project_root, raw_dir

SHARED = project_root().parent / "shared" / "data"
_TRADE = Path("trade") / "sitc4_exports.csv"
#: The configured raw folder (``POLICYLAB_RAW`` / ``data/raw``) first, else the shared copy.
TRADE_FILE = raw_dir() / _TRADE if (raw_dir() / _TRADE).exists() else SHARED / "raw" / _TRADE
REFERENCE_FILE = SHARED / "reference" / "eci_published.csv"
REFERENCE_YEAR = 2000
SERIES = {
    "oec": "Economic Complexity Index (ECI) (Observatory of Economic Complexity (2016))",
    "atlas": "Economic Complexity Index (ECI) (Atlas of Economic Complexity (2016))",
}
#: The pack maps the source's legacy exporter codes; reading the raw file directly, the one
#: that matters for this comparison is Romania's.
LEGACY_CODES = {"ROM": "ROU"}


def read_trade(path: Path = TRADE_FILE) -> pd.DataFrame:
    trade = pd.read_csv(path, dtype={"product": str}, keep_default_na=False)
    trade["exporter"] = trade["exporter"].replace(LEGACY_CODES)
    return trade


def published_eci(path: Path = REFERENCE_FILE, year: int = REFERENCE_YEAR) -> pd.DataFrame:
    """Published ECI for ``year`` indexed by ISO3 (names resolved by country_converter;
    unmatched or ambiguous names are left out), one column per series in ``SERIES``."""
    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    table = table[table["Year"] == year]
    codes = names_to_iso3(table["Entity"])
    table = table.assign(iso3=table["Entity"].map(
        lambda name: codes[name][0] if len(codes[name]) == 1 else None))
    table = table.dropna(subset=["iso3"]).set_index("iso3")
    return table[list(SERIES.values())].rename(columns={v: k for k, v in SERIES.items()})


def validation() -> dict[str, float | int]:
    """Spearman correlations of our ECI (default cleaning) with each published series."""
    result = compute_complexity(read_trade())
    reference = published_eci()
    figures: dict[str, float | int] = {"exporters_kept": len(result.eci)}
    for name in SERIES:
        both = pd.concat([result.eci, reference[name]], axis=1, join="inner").dropna()
        figures[f"{name}_spearman"] = float(both.corr(method="spearman").iloc[0, 1])
        figures[f"{name}_countries"] = len(both)
    return figures


def main() -> None:
    started = time.perf_counter()
    figures = validation()
    elapsed = time.perf_counter() - started
    print(f"ECI from {TRADE_FILE.name} (1998-2000 average) vs published ECI {REFERENCE_YEAR}")
    print(f"exporters after cleaning: {figures['exporters_kept']}")
    for name in SERIES:
        print(f"{name:>6}: Spearman {figures[f'{name}_spearman']:.3f} "
              f"over {figures[f'{name}_countries']} countries")
    print(f"elapsed (read + compute + compare): {elapsed:.2f} s")


if __name__ == "__main__":
    main()
