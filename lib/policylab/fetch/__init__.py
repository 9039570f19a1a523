"""``policylab data fetch``: download the raw layout (see the data README) from the
publishers — WDI series and the economies list through ``wbgapi``, the OWID CO2 files and
the Growth Lab's HS 1992 names by URL, the Growth Lab's published ECI rankings and its
country x product trade table (converted to ``trade/hs92_exports_<year>.csv``) from
Harvard Dataverse — into the raw folder.

Modules: ``sources`` (what can be fetched, licences, offline-only files), ``transport``
(timeouts, retries, streaming, unreachable hosts), ``tables`` (CSV checks), ``worldbank``,
``dataverse`` and ``downloads`` (one function per file), ``run`` (planning, progress,
atomic writes, manifest).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from policylab import paths
from policylab.errors import FetchError
from policylab.fetch.run import FetchReport, fetch_sources
from policylab.fetch.sources import SOURCES, Source, offline_only_sources
from policylab.fetch.worldbank import catalogue_wdi_series

__all__ = [
    "SOURCES",
    "FetchError",
    "FetchReport",
    "Source",
    "catalogue_wdi_series",
    "fetch_command",
    "fetch_sources",
    "offline_only_sources",
]


def fetch_command(
    raw: str | os.PathLike | None = None,
    only: Sequence[str] | None = None,
    timeout: float = 60.0,
) -> int:
    """CLI entry: 0 when every file arrived, 1 when some failed (listed on stderr);
    ``FetchError`` (one message, exit 2) when there is no network at all."""
    dest = paths.raw_dir(raw)
    report = fetch_sources(dest, only, timeout=timeout)
    if report.no_network:
        hosts = ", ".join(sorted(report.unreachable))
        raise FetchError(
            f"no network: could not reach {hosts} — use an offline copy of the raw layout "
            "with --raw DIR / POLICYLAB_RAW"
        )
    print(f"fetched {len(report.written)} file(s) into {dest}")
    if only is None:
        for source in offline_only_sources():
            print(f"not fetched: {', '.join(source.paths)} — {source.note}")
    if report.failed:
        print(f"{len(report.failed)} file(s) failed; their previous copies are unchanged:",
              file=sys.stderr)
        for path, reason in sorted(report.failed.items()):
            print(f"  {path}: {reason}", file=sys.stderr)
        return 1
    return 0
