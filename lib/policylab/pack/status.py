"""``policylab data status``: what the pack holds, from which sources, and what was left out."""

from __future__ import annotations

import sys

from policylab import paths
from policylab.errors import DataError
from policylab.fetch.sources import offline_only_sources
from policylab.pack import layout
from policylab.pack.layout import read_manifest, verify_checksums

SHOWN_EXCLUSIONS = 10


def status_command(pack: str | None = None, raw: str | None = None) -> int:
    folder = paths.pack_dir(pack)
    manifest = read_manifest(folder)
    try:
        verify_checksums(folder, manifest)
        integrity, healthy = "all files match their checksums", True
    except DataError as exc:
        integrity, healthy = f"PROBLEM: {exc}", False
    print(f"data pack: {folder}")
    print(f"  built {manifest.get('built')} by policylab {manifest.get('library_version')}; "
          f"{integrity}")
    print(f"  vintage: {manifest.get('vintage', '')}")
    counts = manifest.get("counts", {})
    print(f"  {counts.get('observations', 0):,} observations, {counts.get('indicators', 0)} "
          f"indicators, {counts.get('countries', 0)} countries, "
          f"{counts.get('trade_rows', 0):,} trade rows")
    print(_raw_line(raw))
    for line in _panel_lines(manifest.get("product_panel", {})):
        print(line)
    print("sources:")
    for line in _source_lines(manifest.get("sources", [])):
        print(f"  {line}")
    coverage = manifest.get("coverage", {})
    short = {k: v for k, v in coverage.items() if v.get("short")}
    print(f"coverage: {len(coverage) - len(short)} of {len(coverage)} catalogue indicators "
          "reach 150 countries")
    for ind_id, entry in short.items():
        print(f"  {ind_id}: {entry['countries']} countries; {entry['reason']}")
    exclusions = manifest.get("exclusions", [])
    print(f"excluded values and codes: {len(exclusions)}")
    for record in exclusions[:SHOWN_EXCLUSIONS]:
        value = "" if record.get("value") is None else f" = {record['value']:g}"
        rows = f" ({record['rows']} rows)" if "rows" in record else ""
        print(f"  {record['file']}: {record['country']} {record['year']}{value}{rows}: "
              f"{record['rule']}")
    if len(exclusions) > SHOWN_EXCLUSIONS:
        print(f"  ... {len(exclusions) - SHOWN_EXCLUSIONS} more in {folder / layout.MANIFEST}")
    if healthy:
        for line in _break_lines(folder):
            print(line)
    unresolved = manifest.get("unresolved_names", [])
    print(f"unresolved names: {'; '.join(unresolved) if unresolved else 'none'}")
    for note in manifest.get("analysis_notes", []):
        print(f"note: {note}")
    print("offline-only sources (`policylab data fetch` cannot download them yet):")
    for source in offline_only_sources():
        print(f"  {source.name}: {', '.join(source.paths)} ({source.publisher}). {source.note}")
    if not healthy:
        print(f"policylab: error: the data pack at {folder} is corrupt or partial; run "
              "`policylab data build`", file=sys.stderr)
        return 1
    return 0


#: The breaks rule is reported on the years the lessons read (their start year is 2000
#: by default; the earliest sensible start is 1990).
BREAKS_FROM = 1990


def _break_lines(folder) -> list[str]:
    """How many country-indicator series carry a break, outlier or erratic flag: a rule
    that flagged a large share would state nothing, so the share is shown."""
    from policylab.evidence.breaks import scan
    from policylab.pack.dataset import load

    ds = load(folder)
    obs = ds.obs[ds.obs["iso3"].isin(set(ds.countries().index))
                 & (ds.obs["year"] >= BREAKS_FROM)]
    table = scan(obs, {i.id: i.in_english("unit") for i in ds.catalogue.values()})
    if table.empty:
        return []
    share = table.groupby("indicator")["flagged"].mean().sort_values(ascending=False)
    worst = ", ".join(f"{i} {v:.0%}" for i, v in share.head(5).items())
    return [f"series breaks and outliers (since {BREAKS_FROM}): {int(table['flagged'].sum()):,} "
            f"of {len(table):,} country-indicator series carry a flag "
            f"({table['flagged'].mean():.0%}: {int((table['breaks'] > 0).sum()):,} with a "
            f"break, {int((table['outliers'] > 0).sum()):,} with an outlier year, "
            f"{int(table['erratic'].sum()):,} erratic); most often: {worst}"]


def _panel_lines(panel: dict) -> list[str]:
    """The product panel and the countries its completeness check keeps out."""
    if not panel.get("years"):
        return ["product panel: none (RCA, product space and nearby products are off; "
                "`policylab data fetch` then `policylab data build` enable them)"]
    excluded = panel.get("excluded", [])
    lines = [f"product panel: {', '.join(str(y) for y in panel['years'])}; "
             f"{panel.get('passed', 0)} of {panel.get('checked', 0)} country-years pass the "
             f"completeness check ({panel.get('rule', '')})",
             f"  no product-level analysis for {len(excluded)} country-years:"]
    lines += [f"  {r['country']} {r['year']}: {r['reason']}" for r in excluded]
    return lines


def _raw_line(raw: str | None) -> str:
    folder = paths.raw_dir(raw)
    if folder.is_dir():
        return f"  raw files: {folder}"
    return (f"  raw files: none at {folder} (the pack can be used; rebuilding needs "
            "--raw DIR, POLICYLAB_RAW or `policylab data fetch`)")


def _source_lines(sources: list[dict]) -> list[str]:
    """One line per publisher folder (70 WDI series make one line, not 70)."""
    folders: dict[str, list[dict]] = {}
    for source in sources:
        folders.setdefault(source["file"].split("/")[0], []).append(source)
    lines = []
    for folder, items in folders.items():
        for publisher in dict.fromkeys(s["publisher"] for s in items):
            group = [s for s in items if s["publisher"] == publisher]
            firsts = [s["first_year"] for s in group if "first_year" in s]
            lasts = [s["last_year"] for s in group if "last_year" in s]
            years = f", {min(firsts)}-{max(lasts)}" if firsts else ""
            files = group[0]["file"] if len(group) == 1 else f"{folder}/ ({len(group)} files)"
            lines.append(f"{files}: {publisher} ({group[0]['licence']}), "
                         f"{sum(s['rows'] for s in group):,} rows{years}; "
                         f"copy: {group[0]['provenance']}")
    return lines
