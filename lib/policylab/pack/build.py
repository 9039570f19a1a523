"""``policylab data build``: raw publisher files -> a validated data pack.

Steps: read the World Bank economies (the list of countries and groups); read every
measured catalogue indicator from its publisher file; exclude codes that name no economy
and values that break the catalogue's ``valid`` rules (both reported, neither fatal);
compute the derived indicators; read the optional product panel (complete trade by HS 1992
product), check each of its country-years against WDI (``pack.completeness``); write the
pack into a temporary folder beside the target and swap it in, so that a failed build
leaves the previous pack untouched. Only a folder that is recognisably a pack (or empty)
is ever replaced.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from policylab import __version__, paths
from policylab.catalogue import Indicator, load_catalogue
from policylab.errors import DataError
from policylab.pack import completeness, layout
from policylab.pack.derived import ANALYSIS, compute_analysis, compute_derived, recipe_inputs
from policylab.pack.source_map import indicator_files, indicator_sources
from policylab.pack.validate import Exclusion, implausible_values, unknown_codes
from policylab.raw import climate_watch, economies, growth_lab_eci, hs92, owid_co2, trade, wdi
from policylab.text import in_sentence, join_list

COVERAGE_TARGET = 150  # countries; indicators below it are listed with the reason
_FILE_READERS = {"owid_co2": (owid_co2, owid_co2.read_owid_co2),
                 "climate_watch": (climate_watch, climate_watch.read_climate_watch),
                 "growth_lab_eci": (growth_lab_eci, growth_lab_eci.read_rankings)}


@dataclass
class BuildReport:
    """What a build produced: the pack folder and its manifest (coverage, exclusions...)."""

    pack_dir: Path
    manifest: dict[str, Any]
    seconds: float

    def summary(self) -> str:
        m = self.manifest
        lines = [
            f"data pack written to {self.pack_dir} in {self.seconds:.1f} s",
            f"  {m['counts']['observations']:,} observations of {m['counts']['indicators']} "
            f"indicators for {m['counts']['countries']} countries "
            f"(+{m['counts']['aggregates']} groups); {m['counts']['trade_rows']:,} trade rows",
            f"  product panel: {_panel_summary(m['product_panel'])}",
            f"  vintage: {m['vintage']}",
            f"  excluded: {len(m['exclusions'])} values or codes (see `policylab data status`)",
        ]
        if m["unresolved_names"]:
            lines.append(f"  unresolved names: {'; '.join(m['unresolved_names'])}")
        lines.append("coverage (countries, years):")
        for ind_id, cov in m["coverage"].items():
            years = f"{cov['first_year']}-{cov['last_year']}" if cov["countries"] else "-"
            flag = "  <" if cov["short"] else ""
            lines.append(f"  {ind_id:<30} {cov['countries']:>4}  {years:<10}{flag}")
        short = {k: v for k, v in m["coverage"].items() if v["short"]}
        if short:
            lines.append(f"below {COVERAGE_TARGET} countries ({len(short)}):")
            lines += [f"  {k}: {v['reason']}" for k, v in short.items()]
        return "\n".join(lines)


def build_command(raw: str | None = None, pack: str | None = None) -> int:
    report = build_pack(paths.raw_dir(raw), paths.pack_dir(pack))
    print(report.summary())
    return 0


def build_pack(raw_dir: Path, pack_dir: Path) -> BuildReport:
    started = time.perf_counter()
    raw_dir, pack_dir = Path(raw_dir), Path(pack_dir)
    check_raw_dir(raw_dir)
    check_pack_target(pack_dir)
    catalogue = load_catalogue()
    provenance = raw_provenance(raw_dir)
    sources: list[dict[str, Any]] = []
    exclusions: list[Exclusion] = []

    countries = economies.read_economies(raw_dir / economies.RELPATH)
    sources.append(_source(raw_dir, economies.RELPATH, economies, len(countries), provenance))
    known = set(countries["iso3"])
    aggregates = set(countries.loc[countries["is_aggregate"], "iso3"])

    measured, unresolved = _read_measured(raw_dir, catalogue, provenance, sources)
    kept = []
    for file, rows in measured.groupby("file", sort=False):
        rows, dropped = unknown_codes(rows, "iso3", known, str(file))
        kept.append(rows)
        exclusions += dropped
    measured = pd.concat(kept, ignore_index=True)
    measured, dropped = implausible_values(measured, catalogue)
    exclusions += dropped
    derived = compute_derived(measured.drop(columns="file"), catalogue, aggregates)
    computed = pd.concat([measured.drop(columns="file"), derived])

    trade_table, dropped = _read_trade(raw_dir, known, provenance, sources)
    exclusions += dropped
    products = _read_products(raw_dir, trade_table, provenance, sources)
    trade_table, dropped = _unknown_products(trade_table, products)
    exclusions += dropped
    panel_checks = _check_panel(trade_table, products, computed)
    complete = {(r["country"], r["year"]) for r in panel_checks if r["ok"]}
    analysis, analysis_notes = compute_analysis(computed, trade_table, catalogue, aggregates,
                                                complete)
    obs = _observation_table(pd.concat([computed, analysis]))
    files = indicator_files(measured, trade_table)

    manifest = {
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "library_version": __version__,
        "raw_dir": str(raw_dir),
        "vintage": _vintage(sources, catalogue),
        "sources": sources,
        "counts": {
            "observations": len(obs),
            "indicators": int(obs["indicator"].nunique()),
            "countries": int((~countries["is_aggregate"]).sum()),
            "aggregates": len(aggregates),
            "trade_rows": len(trade_table),
            "products": len(products),
        },
        "coverage": _coverage(obs, catalogue, known - aggregates, exclusions),
        "indicator_sources": indicator_sources(obs, catalogue, files, sources),
        "exclusions": exclusions,
        "unresolved_names": unresolved,
        "analysis_notes": analysis_notes,
        "product_panel": {
            "years": sorted({int(y) for y in trade_table["year"].unique()}),
            "rule": (f"a country-year is used for product-level analysis when its panel total "
                     f"reaches {completeness.MIN_TOTAL_RATIO:.0%} of WDI merchandise exports "
                     f"and its manufactures share is within {completeness.MAX_SHARE_GAP:g} "
                     "points of WDI's"),
            "checked": len(panel_checks),
            "passed": len(complete),
            "excluded": [r for r in panel_checks if not r["ok"]],
        },
    }
    tables = {layout.OBSERVATIONS: obs, layout.COUNTRIES: countries,
              layout.TRADE: trade_table, layout.PRODUCTS: products}
    _write_pack(pack_dir, tables, manifest)
    return BuildReport(pack_dir, manifest, time.perf_counter() - started)


def check_raw_dir(raw_dir: Path) -> None:
    if not raw_dir.is_dir():
        raise DataError(
            f"raw data folder not found: {raw_dir}. Point to a copy of the publishers' files "
            "with --raw DIR or POLICYLAB_RAW, run `make data` (links data/raw to "
            "../shared/data/raw when that copy exists), or download them with "
            "`policylab data fetch`"
        )


def raw_provenance(raw_dir: Path) -> dict[str, dict[str, Any]]:
    """Per-file provenance (publisher, licence, where the copy came from) from a
    ``manifest.json`` in the raw folder or beside it, keyed by path inside the raw folder.
    A linked raw folder (``data/raw -> ../shared/data/raw``) is followed to find it."""
    raw_dir = raw_dir.resolve()
    for candidate, prefix in ((raw_dir / "manifest.json", ""),
                              (raw_dir.parent / "manifest.json", f"{raw_dir.name}/")):
        if not candidate.is_file():
            continue
        try:
            entries = json.loads(candidate.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"{candidate}: unreadable raw manifest: {exc}") from exc
        files = entries.get("files", entries) if isinstance(entries, dict) else {}
        return {key[len(prefix):]: value for key, value in files.items()
                if key.startswith(prefix) and isinstance(value, dict)}
    return {}


def _source(raw_dir: Path, relpath: str, reader: Any, rows: int,
            provenance: dict[str, dict[str, Any]], years: pd.Series | None = None
            ) -> dict[str, Any]:
    known = provenance.get(relpath, {})
    entry = {
        "file": relpath,
        "publisher": known.get("publisher", reader.PUBLISHER),
        "licence": known.get("licence", reader.LICENCE),
        "provenance": known.get("copied_from", "not recorded"),
        "rows": int(rows),
        "sha256": layout.sha256_file(raw_dir / relpath),
    }
    if years is not None and len(years):
        entry["first_year"], entry["last_year"] = int(years.min()), int(years.max())
    return entry


def _read_measured(raw_dir: Path, catalogue: dict[str, Indicator],
                   provenance: dict[str, dict[str, Any]], sources: list[dict[str, Any]]
                   ) -> tuple[pd.DataFrame, list[str]]:
    """Long ``iso3, year, indicator, value, file`` of every available measured indicator."""
    wanted = [i for i in catalogue.values() if i.available and not i.derived]
    frames: list[pd.DataFrame] = []
    unresolved: list[str] = []
    for ind in (i for i in wanted if i.dataset == "wdi"):
        path = wdi.series_path(raw_dir, ind.source_code)
        if not path.exists():
            raise DataError(f"raw file missing: {path} (needed by indicator {ind.id})")
        rows = wdi.read_series(path)
        relpath = path.relative_to(raw_dir).as_posix()
        sources.append(_source(raw_dir, relpath, wdi, len(rows), provenance, rows["year"]))
        frames.append(rows.assign(indicator=ind.id, file=relpath))
    for dataset, (module, reader) in _FILE_READERS.items():
        by_column = {i.source_code: i.id for i in wanted if i.dataset == dataset}
        if not by_column:
            continue
        rows, extra = reader(raw_dir / module.RELPATH, list(by_column))
        if dataset == "climate_watch":
            unresolved += [f"{module.RELPATH}: {name}" for name in extra]
        sources.append(_source(raw_dir, module.RELPATH, module, len(rows), provenance,
                               rows["year"]))
        frames.append(rows.assign(indicator=rows["column"].map(by_column),
                                  file=module.RELPATH).drop(columns="column"))
    return pd.concat(frames, ignore_index=True), unresolved


def _read_trade(raw_dir: Path, known: set[str], provenance: dict[str, dict[str, Any]],
                sources: list[dict[str, Any]]) -> tuple[pd.DataFrame, list[Exclusion]]:
    """Every yearly product-panel file, exporters limited to World Bank economies (others,
    such as territories the Bank does not list, are reported)."""
    frames, exclusions = [], []
    for path in trade.panel_files(raw_dir):
        relpath = path.relative_to(raw_dir).as_posix()
        table = trade.read_trade(path)
        sources.append(_source(raw_dir, relpath, trade, len(table), provenance, table["year"]))
        table, dropped = unknown_codes(table, "exporter", known, relpath)
        frames.append(table)
        exclusions += dropped
    if not frames:
        table = pd.DataFrame({"exporter": pd.Series(dtype=str), "product": pd.Series(dtype=str),
                              "year": pd.Series(dtype="int16"),
                              "value": pd.Series(dtype="float64")})
    else:
        table = pd.concat(frames, ignore_index=True)
    table = table.astype({"exporter": "category", "year": "int16", "value": "float64"})
    return table, exclusions


def _read_products(raw_dir: Path, trade_table: pd.DataFrame,
                   provenance: dict[str, dict[str, Any]], sources: list[dict[str, Any]]
                   ) -> pd.DataFrame:
    """HS 1992 product names; required with a product panel, optional without one."""
    path = raw_dir / hs92.RELPATH
    if not path.exists() and trade_table.empty:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in
                             ("code", "name", "name_short", "section", "section_name")}
                            ).assign(manufacture=pd.Series(dtype=bool))
    products = hs92.read_products(path)
    sources.append(_source(raw_dir, hs92.RELPATH, hs92, len(products), provenance))
    return products


def _unknown_products(trade_table: pd.DataFrame, products: pd.DataFrame
                      ) -> tuple[pd.DataFrame, list[Exclusion]]:
    """Drop panel rows whose product code the HS 1992 classification does not list (a
    panel in another classification, or a code the publisher retired); one record per year
    with the codes, their rows and value, so that the loss is visible."""
    unknown = ~trade_table["product"].astype(str).isin(set(products["code"]))
    records = []
    for year, rows in trade_table[unknown].groupby("year", observed=True):
        codes = sorted(rows["product"].astype(str).unique())
        records.append({
            "file": trade.relpath(int(year)), "country": "all", "year": int(year),
            "value": float(rows["value"].sum()), "rows": int(len(rows)),
            "rule": (f"{len(codes)} product code(s) not in the HS 1992 classification "
                     f"(e.g. {', '.join(codes[:5])})"),
        })
    return trade_table[~unknown].reset_index(drop=True), records


def _check_panel(trade_table: pd.DataFrame, products: pd.DataFrame,
                 obs: pd.DataFrame) -> list[dict[str, Any]]:
    def wdi_values(indicator: str) -> pd.Series:
        rows = obs[obs["indicator"] == indicator]
        return rows.set_index(["iso3", "year"])["value"]

    return completeness.check_panel(
        trade_table, products.set_index("code")["manufacture"],
        wdi_values("merch_exports_usd"), wdi_values("manuf_share_merch_exports"))


def _panel_summary(panel: dict[str, Any]) -> str:
    if not panel["years"]:
        return "none (product-level sections are off; see `policylab data status`)"
    years = ", ".join(str(y) for y in panel["years"])
    return (f"{years}; {panel['passed']} of {panel['checked']} country-years pass the "
            f"completeness check")


def _observation_table(obs: pd.DataFrame) -> pd.DataFrame:
    obs = obs.sort_values(["indicator", "iso3", "year"], ignore_index=True)
    return pd.DataFrame({
        "iso3": obs["iso3"].astype("category"),
        "year": obs["year"].astype("int16"),
        "indicator": obs["indicator"].astype("category"),
        "value": obs["value"].astype("float64"),
    })


def _coverage(obs: pd.DataFrame, catalogue: dict[str, Indicator], countries: set[str],
              exclusions: list[Exclusion]) -> dict[str, dict[str, Any]]:
    real = obs[obs["iso3"].isin(countries)]
    stats = real.groupby("indicator", observed=True).agg(
        countries=("iso3", "nunique"), first_year=("year", "min"), last_year=("year", "max"),
        rows=("value", "size"))
    excluded: dict[str, int] = {}
    for record in exclusions:
        excluded[record["file"]] = excluded.get(record["file"], 0) + 1
    coverage: dict[str, dict[str, Any]] = {}
    for ind in catalogue.values():
        row = stats.loc[ind.id] if ind.id in stats.index else None
        entry = {
            "countries": int(row["countries"]) if row is not None else 0,
            "first_year": int(row["first_year"]) if row is not None else None,
            "last_year": int(row["last_year"]) if row is not None else None,
            "rows": int(row["rows"]) if row is not None else 0,
        }
        entry["short"] = entry["countries"] < COVERAGE_TARGET
        entry["reason"] = _shortfall_reason(ind, entry, stats, excluded) if entry["short"] else ""
        coverage[ind.id] = entry
    return coverage


def _shortfall_reason(ind: Indicator, entry: dict[str, Any], stats: pd.DataFrame,
                      excluded: dict[str, int]) -> str:
    if not ind.available:
        return f"not in the pack: {ind.note}"
    if ind.derived and ind.recipe["method"] == ANALYSIS:
        if entry["countries"] == 0:
            return "not in the pack: the analysis layer could not compute it (see analysis notes)"
        if ind.recipe.get("function") == "complexity":
            return ("computed from the product panel for the country-years that pass its "
                    "completeness check, after dropping the smallest exporters and rarely "
                    "traded products (see policylab.metrics.complexity)")
        return ("ranked only where all six components exist in the same year "
                "(see policylab.metrics.cip)")
    if ind.derived:
        inputs = recipe_inputs(ind.recipe)
        counts = {i: int(stats.loc[i, "countries"]) if i in stats.index else 0 for i in inputs}
        scarcest = min(counts, key=counts.get)
        return (f"derived from {', '.join(inputs)}; needs all of them in the same year, and "
                f"{scarcest} covers {counts[scarcest]} countries")
    reason = f"{ind.source} ({ind.source_code}) has it for {entry['countries']} countries"
    dropped = sum(n for f, n in excluded.items() if ind.source_code in f)
    if dropped and ind.dataset == "wdi":
        reason += f"; {dropped} implausible values or unknown codes excluded from its file"
    return reason


def _vintage(sources: list[dict[str, Any]], catalogue: Mapping[str, Indicator]) -> str:
    """Short text such as "WDI 2026-07 (data to 2025; EDGAR emissions to 2024); OWID CO2
    data to 2018, only for CO2 emissions from cement; ...": the emissions the lessons show
    come from EDGAR through WDI, so their own last year is named, and the two older files
    say what they are still used for (a bare "OWID CO2 data to 2018" beside emissions that
    reach 2024 reads as a contradiction)."""
    def last(files: Iterable[str]) -> int | None:
        wanted = tuple(files)
        years = [s["last_year"] for s in sources
                 if s["file"].startswith(wanted) and "last_year" in s]
        return max(years) if years else None

    parts = []
    wdi_sources = [s for s in sources if s["file"].startswith(f"{wdi.FOLDER}/")]
    if wdi_sources:
        snapshots = sorted({m.group(1) for s in wdi_sources
                            if (m := re.search(r"snapshot of (\d{4}-\d{2})", s["provenance"]))})
        edition = f" {snapshots[-1]}" if snapshots else ""
        edgar = last(f"{wdi.FOLDER}/{ind.source_code}.csv" for ind in catalogue.values()
                     if ind.dataset == "wdi" and "EDGAR" in ind.source)
        emissions = f"; EDGAR emissions to {edgar}" if edgar else ""
        parts.append(f"WDI{edition} (data to {last([wdi.FOLDER + '/'])}{emissions})")
    for relpath, label, dataset in ((owid_co2.RELPATH, "OWID CO2", "owid_co2"),
                                    (climate_watch.RELPATH, "Climate Watch", "climate_watch")):
        if last([relpath]):
            uses = [in_sentence(ind.label) for ind in catalogue.values()
                    if ind.dataset == dataset and ind.available]
            used = f", only for {join_list(uses)}" if uses else ""
            parts.append(f"{label} data to {last([relpath])}{used}")
    eci_last = last([growth_lab_eci.RELPATH])
    if eci_last:
        parts.append(f"Growth Lab ECI to {eci_last}")
    panel_years = sorted({s["first_year"] for s in sources
                          if s["file"].startswith(f"{trade.FOLDER}/") and "first_year" in s})
    if panel_years:
        parts.append("product trade (HS 1992) " + ", ".join(str(y) for y in panel_years))
    return "; ".join(parts)


def check_pack_target(pack_dir: Path) -> None:
    """Refuse to replace a folder that is not a data pack: the swap removes what was there."""
    if pack_dir.is_file():
        raise DataError(f"cannot write the data pack to {pack_dir}: it is a file")
    if not pack_dir.is_dir() or not any(pack_dir.iterdir()):
        return
    names = {p.name for p in pack_dir.iterdir()}
    if layout.MANIFEST not in names or not names <= {layout.MANIFEST, *layout.TABLES}:
        raise DataError(
            f"refusing to write the data pack to {pack_dir}: the folder holds files that are "
            "not a data pack's; choose an empty or new folder (--pack DIR or POLICYLAB_PACK)")


def _write_pack(pack_dir: Path, tables: dict[str, pd.DataFrame],
                manifest: dict[str, Any]) -> None:
    """Write into a temporary folder beside ``pack_dir`` and swap it in."""
    pack_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{pack_dir.name}.building-", dir=pack_dir.parent))
    try:
        files = {}
        for name, table in tables.items():
            table.to_parquet(staging / name, index=False)
            files[name] = {"rows": len(table), "sha256": layout.sha256_file(staging / name)}
        manifest = {**manifest, "files": files}
        (staging / layout.MANIFEST).write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.chmod(staging, 0o755)
        retired = None
        if pack_dir.exists():
            retired = pack_dir.with_name(f".{pack_dir.name}.old-{os.getpid()}")
            os.replace(pack_dir, retired)
        os.replace(staging, pack_dir)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
