"""Time the analysis methods on real data: complexity on the trade table, CIP for all years.

Uses the data pack when ``policylab.load()`` works; otherwise builds the same inputs from the
raw publisher files (``POLICYLAB_RAW`` / ``data/raw``, else the shared copy). Prints figures;
asserts nothing. Run: ``.venv/bin/python benchmarks/analysis.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import policylab
from policylab.errors import PolicylabError
from policylab.metrics.cip import (
    COMPONENTS,
    cip_components,
    cip_indicators,
    cip_scores,
    cip_sensitivity,
)
from policylab.metrics.complexity import complexity_indicators, compute_complexity, opportunities
from policylab.paths import project_root, raw_dir

SHARED_RAW = project_root().parent / "shared" / "data" / "raw"
#: WDI series behind the CIP inputs when no pack is available (pack ids -> WDI codes).
WDI_SERIES = {
    "gdp_usd": "NY.GDP.MKTP.CD", "population": "SP.POP.TOTL",
    "mva_share_gdp": "NV.IND.MANF.ZS", "mva_usd_published": "NV.IND.MANF.CD",
    "mht_share_mva": "NV.MNF.TECH.ZS.UN", "mht_share_manuf_exports": "TX.MNF.TECH.ZS.UN",
    "manuf_share_merch_exports": "TX.VAL.MANF.ZS.UN", "merch_exports_usd": "TX.VAL.MRCH.CD.WT",
}
PERCENT_SHARES = ("mva_share_gdp", "mht_share_mva", "mht_share_manuf_exports",
                  "manuf_share_merch_exports")
REPEATS = 5


def timed(label: str, action: Callable[[], Any]) -> Any:
    """Run ``action`` REPEATS times and print the best wall time; return its last result."""
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    print(f"{label:<52} {best * 1000:8.1f} ms (best of {REPEATS})")
    return result


def raw_folder() -> Path:
    return raw_dir() if (raw_dir() / "wdi").exists() else SHARED_RAW


def inputs_from_raw(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """CIP observations (non-aggregate countries) and the trade table from raw files, the way
    the pack derives them: MVA in US$ as published else share x GDP, manufactured exports =
    share x merchandise exports, world shares over countries only. Shares above 100% are
    dropped (the pack excludes them as implausible)."""
    economies = pd.read_csv(folder / "classifications" / "wb_economies.csv",
                            keep_default_na=False)
    countries = set(economies.loc[economies["Region"] != "Aggregates", "Country Code"])
    frames = {}
    for name, code in WDI_SERIES.items():
        table = pd.read_csv(folder / "wdi" / f"{code}.csv", keep_default_na=False,
                            na_values=[""])
        table = table[table["Country Code"].isin(countries)]
        frames[name] = table.set_index(["Country Code", "Year"])["Value"].rename(name)
    wide = pd.concat(frames.values(), axis=1)
    wide.index.names = ["iso3", "year"]
    for name in PERCENT_SHARES:
        wide[name] = wide[name].where(wide[name] <= 100)
    wide["mva_usd"] = wide["mva_usd_published"].fillna(
        wide["mva_share_gdp"] / 100 * wide["gdp_usd"])
    wide["manuf_exports_usd"] = wide["manuf_share_merch_exports"] / 100 \
        * wide["merch_exports_usd"]
    wide["mva_per_capita"] = wide["mva_usd"] / wide["population"]
    wide["manuf_exports_per_capita"] = wide["manuf_exports_usd"] / wide["population"]
    by_year = wide.groupby(level="year")
    wide["world_mva_share"] = 100 * wide["mva_usd"] / by_year["mva_usd"].transform("sum")
    wide["world_manuf_exports_share"] = 100 * wide["manuf_exports_usd"] \
        / by_year["manuf_exports_usd"].transform("sum")
    obs = wide.reset_index().melt(id_vars=["iso3", "year"], var_name="indicator").dropna()
    trade = pd.read_csv(folder / "trade" / "sitc4_exports.csv", dtype={"product": str},
                        keep_default_na=False)
    return obs, trade


def load_inputs() -> tuple[pd.DataFrame, pd.DataFrame, str]:
    try:
        dataset = policylab.load()
    except PolicylabError as error:
        folder = raw_folder()
        print(f"no data pack ({error}); building inputs from raw files in {folder}")
        obs, trade = inputs_from_raw(folder)
        return obs, trade, f"raw files in {folder}"
    countries = set(dataset.countries(include_aggregates=False).index)
    return dataset.obs[dataset.obs["iso3"].isin(countries)], dataset.trade, "data pack"


def main() -> None:
    obs, trade, source = load_inputs()
    print(f"inputs: {source}; {len(obs):,} observations, {len(trade):,} trade rows")

    result = timed("complexity: compute_complexity (full table)",
                   lambda: compute_complexity(trade))
    print(f"  {result.M.shape[0]} exporters x {result.M.shape[1]} products kept; "
          f"{len(result.dropped_exporters)} exporters and {len(result.dropped_products)} "
          f"products dropped by cleaning")
    timed("complexity: complexity_indicators (pack build)", lambda: complexity_indicators(trade))
    top = result.eci.idxmax()
    timed(f"complexity: opportunities({top!r})", lambda: opportunities(top, result))

    needed = sorted({"mva_per_capita", "manuf_exports_per_capita", "mht_share_mva",
                     "mva_share_gdp", "mht_share_manuf_exports", "manuf_share_merch_exports",
                     "world_mva_share", "world_manuf_exports_share"})
    wide = obs[obs["indicator"].isin(needed)].pivot_table(
        index=["iso3", "year"], columns="indicator", values="value").reset_index()
    components = cip_components(wide)
    scores = timed("CIP: cip_scores (all countries and years)", lambda: cip_scores(components))
    ranked = scores.dropna(subset=["cip_rank"])
    print(f"  {len(ranked):,} ranked country-years in {ranked['year'].nunique()} years "
          f"({ranked['year'].min()}-{ranked['year'].max()}); "
          f"{int((scores['missing_reason'] != '').sum()):,} unranked")
    timed("CIP: cip_indicators (pack build, from long obs)", lambda: cip_indicators(obs))
    complete = components.dropna(subset=list(COMPONENTS))
    year = int(complete.groupby("year").size().idxmax())
    sensitivity = timed(f"CIP: cip_sensitivity({year}, n_draws=1000)",
                        lambda: cip_sensitivity(components, year, n_draws=1000, seed=0))
    widths = sensitivity["rank_high"] - sensitivity["rank_low"]
    print(f"  {len(sensitivity)} countries ranked in {year}; median 5-95% rank interval "
          f"width {widths.median():.0f}, widest {widths.max()}")


if __name__ == "__main__":
    main()
