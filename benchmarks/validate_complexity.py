"""Validate the library's ECI against published ECI values, on two inputs.

1. The reference trade *sample* (``../shared/data/reference/trade_sample_1998_2000.csv``,
   SITC rev. 2, the 1998-2000 average stored as 1999) against the OEC and Atlas ECI of 2000
   (2016 editions). The sample's export mixes are wrong; it is good only for checking that
   the algorithm ranks countries as the published index does.
2. The complete 2016 HS 1992 panel of the raw layer (``trade/hs92_exports_2016.csv``)
   against the Growth Lab's published HS92 ECI for 2016.

Both are Spearman rank correlations over the countries present in both, with the library's
default cleaning. Run: ``.venv/bin/python benchmarks/validate_complexity.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from policylab.countries import names_to_iso3
from policylab.metrics.complexity import compute_complexity
from policylab.paths import project_root, raw_dir
from policylab.raw import growth_lab_eci, trade

SHARED = project_root().parent / "shared" / "data"
SAMPLE_FILE = SHARED / "reference" / "trade_sample_1998_2000.csv"
REFERENCE_FILE = SHARED / "reference" / "eci_published.csv"
REFERENCE_YEAR = 2000
SERIES = {
    "oec": "Economic Complexity Index (ECI) (Observatory of Economic Complexity (2016))",
    "atlas": "Economic Complexity Index (ECI) (Atlas of Economic Complexity (2016))",
}
PANEL_YEAR = 2016


def _raw(relpath: str) -> Path:
    """The configured raw folder (``POLICYLAB_RAW`` / ``data/raw``) first, else the shared copy."""
    configured = raw_dir() / relpath
    return configured if configured.exists() else SHARED / "raw" / relpath


PANEL_FILE = _raw(trade.relpath(PANEL_YEAR))
RANKINGS_FILE = _raw(growth_lab_eci.RELPATH)
#: The sample keeps one legacy exporter code that matters for this comparison: Romania's.
LEGACY_CODES = {"ROM": "ROU"}


def read_sample(path: Path = SAMPLE_FILE) -> pd.DataFrame:
    table = pd.read_csv(path, dtype={"product": str}, keep_default_na=False)
    table["exporter"] = table["exporter"].replace(LEGACY_CODES)
    return table


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


def _spearman(ours: pd.Series, published: pd.Series) -> tuple[float, int]:
    both = pd.concat([ours, published], axis=1, join="inner").dropna()
    return float(both.corr(method="spearman").iloc[0, 1]), len(both)


def validation() -> dict[str, float | int]:
    """Spearman correlations of our ECI on the sample with each published 2000 series."""
    result = compute_complexity(read_sample())
    reference = published_eci()
    figures: dict[str, float | int] = {"exporters_kept": len(result.eci)}
    for name in SERIES:
        rho, count = _spearman(result.eci, reference[name])
        figures[f"{name}_spearman"], figures[f"{name}_countries"] = rho, count
    return figures


def panel_validation() -> dict[str, float | int]:
    """Spearman correlation of our ECI on the complete 2016 panel with the Growth Lab's."""
    result = compute_complexity(trade.read_trade(PANEL_FILE), year=PANEL_YEAR)
    long, _ = growth_lab_eci.read_rankings(RANKINGS_FILE, ["eci_hs92"])
    published = long[long["year"] == PANEL_YEAR].set_index("iso3")["value"]
    rho, count = _spearman(result.eci, published)
    return {"exporters_kept": len(result.eci), "growth_lab_spearman": rho,
            "growth_lab_countries": count}


def main() -> None:
    started = time.perf_counter()
    figures = validation()
    print(f"ECI from the reference sample {SAMPLE_FILE.name} (1998-2000 average) "
          f"vs published ECI {REFERENCE_YEAR}")
    print(f"  exporters after cleaning: {figures['exporters_kept']}")
    for name in SERIES:
        print(f"  {name:>6}: Spearman {figures[f'{name}_spearman']:.3f} "
              f"over {figures[f'{name}_countries']} countries")
    panel = panel_validation()
    print(f"ECI from the complete {PANEL_YEAR} HS92 panel vs the Growth Lab's published "
          f"{PANEL_YEAR} HS92 ECI")
    print(f"  exporters after cleaning: {panel['exporters_kept']}")
    print(f"  Spearman {panel['growth_lab_spearman']:.3f} over "
          f"{panel['growth_lab_countries']} countries")
    print(f"elapsed (read + compute + compare, both): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
