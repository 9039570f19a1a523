"""Planning and running a fetch: one task per raw file, one progress bar over the files,
atomic replacement of each file once its content checks out, and ``fetch_manifest.json``
recording where each file came from (url, time, bytes, sha256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import wbgapi
from tqdm import tqdm

from policylab import __version__
from policylab.atomic import write_bytes, write_text
from policylab.errors import FetchError
from policylab.fetch import dataverse, downloads, worldbank
from policylab.fetch.sources import (
    ECI_DOI,
    ECI_FILE_NAMES,
    HS92_ATLAS_URL,
    OWID_CO2_CODEBOOK_URL,
    OWID_CO2_DATA_URL,
    TRADE_DOI,
    TRADE_FILE_NAMES,
    TRADE_RECENT_YEARS,
    WORLD_BANK_API_URL,
    Source,
    online_sources,
    source_named,
)
from policylab.fetch.transport import (
    HostUnreachable,
    download,
    download_to_file,
    host_of,
    with_retries,
)
from policylab.raw import trade

MANIFEST_NAME = "fetch_manifest.json"


@dataclass(frozen=True)
class Output:
    """One file a task produced: its path in the raw folder, content and the URL it came from."""

    path: str
    data: bytes
    url: str


@dataclass(frozen=True)
class _Task:
    path: str  # relative to the raw folder (a pattern such as trade/hs92_exports_<year>.csv)
    url: str  # the first URL the task asks for (its host decides reachability)
    source: Source
    produce: Callable[[], list[Output]]  # download and check; raises FetchError

    @property
    def host(self) -> str:
        return host_of(self.url)


@dataclass
class FetchReport:
    """What a run wrote, what failed (path -> reason), and which hosts were unreachable."""

    written: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    unreachable: set[str] = field(default_factory=set)

    @property
    def no_network(self) -> bool:
        """Nothing arrived and every failure was a connection that could not be made."""
        return bool(self.failed) and not self.written and all(
            "could not reach" in reason for reason in self.failed.values()
        )


def plan(
    names: Sequence[str] | None,
    *,
    series: Sequence[str] | None,
    client: Any,
    session: requests.Session,
    timeout: float,
    raw: Path | None = None,
    trade_years: int = TRADE_RECENT_YEARS,
) -> list[_Task]:
    """Tasks for the named sources (default: every online source). A WDI code among the
    names fetches that one series; asking for an offline-only source is an error.

    The WDI series are the catalogue's (``series`` replaces them) plus every series already
    in ``raw/wdi/``, so that a fetch refreshes the whole offline layout."""
    names = list(names) if names else None
    wanted: list[Source] = []
    extra_series: list[str] = []
    for name in names or [source.name for source in online_sources()]:
        source = source_named(name)
        if source is None and worldbank.is_wdi_code(name):
            extra_series.append(name)
        elif source is None:
            known = ", ".join(s.name for s in online_sources())
            raise FetchError(f"unknown source {name!r}; choose from {known} or a WDI code")
        elif not source.online:
            raise FetchError(f"{name} cannot be fetched: {source.note}")
        elif source not in wanted:
            wanted.append(source)
    wdi = source_named("wdi")
    if extra_series and wdi not in wanted:
        wanted.append(wdi)
    codes = list(extra_series)
    if names is None or "wdi" in names:
        codes += worldbank.catalogue_wdi_series() if series is None else list(series)
        codes += _series_present(raw)

    tasks: list[_Task] = []

    def by_url(source: Source, path: str, url: str, check: Callable[[bytes], bytes]) -> None:
        tasks.append(_Task(path, url, source, lambda: [
            Output(path, check(download(session, url, timeout=timeout)), url)]))

    for source in wanted:
        if source.name == "wdi":
            for code in dict.fromkeys(codes):
                tasks.append(_world_bank_task(
                    source, f"wdi/{code}.csv", f"/sources/2/series/{code}", f"WDI {code}",
                    lambda code=code: worldbank.wdi_series_csv(client, code), client))
        elif source.name == "wb_economies":
            tasks.append(_world_bank_task(
                source, source.paths[0], "/country", "World Bank economies",
                lambda: worldbank.economies_csv(client), client))
        elif source.name == "owid_co2":
            by_url(source, source.paths[0], OWID_CO2_DATA_URL, downloads.owid_co2_data)
            by_url(source, source.paths[1], OWID_CO2_CODEBOOK_URL, downloads.owid_co2_codebook)
        elif source.name == "hs92_names":
            by_url(source, source.paths[0], HS92_ATLAS_URL, downloads.hs92_atlas)
        elif source.name == "growth_lab_eci":
            tasks.append(_Task(source.paths[0], dataverse.dataset_url(ECI_DOI), source,
                               lambda source=source: _eci_rankings(source, session, timeout)))
        elif source.name == "trade":
            tasks.append(_Task(source.paths[0], dataverse.dataset_url(TRADE_DOI), source,
                               lambda: _trade_panel(session, timeout, raw, trade_years)))
    return tasks


def _series_present(raw: Path | None) -> list[str]:
    folder = raw / "wdi" if raw is not None else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.csv") if worldbank.is_wdi_code(p.stem))


def _eci_rankings(source: Source, session: requests.Session, timeout: float) -> list[Output]:
    listing = download(session, dataverse.dataset_url(ECI_DOI), timeout=timeout)
    found = dataverse.find_file(listing, ECI_DOI, ECI_FILE_NAMES)
    data = download(session, found.url, timeout=timeout)
    if found.md5 and hashlib.md5(data, usedforsecurity=False).hexdigest() != found.md5.lower():
        raise FetchError(f"{found.url}: MD5 differs from the publisher's checksum "
                         "(truncated or corrupted download)")
    return [Output(source.paths[0], downloads.eci_rankings(data), found.url)]


def _trade_panel(
    session: requests.Session, timeout: float, raw: Path | None, recent: int
) -> list[Output]:
    """Download the Growth Lab's country x product x year table into a temporary file
    beside the raw folder (it is large), and convert its most recent years."""
    listing = download(session, dataverse.dataset_url(TRADE_DOI), timeout=timeout)
    found = dataverse.find_file(listing, TRADE_DOI, TRADE_FILE_NAMES)
    folder = raw if raw is not None and raw.is_dir() else None
    fd, tmp = tempfile.mkstemp(prefix=".fetch-trade-", suffix=".csv.tmp", dir=folder)
    os.close(fd)
    try:
        download_to_file(session, found.url, Path(tmp), timeout=timeout, md5=found.md5)
        years = downloads.trade_years(
            Path(tmp), what=f"Growth Lab trade data ({found.name}, {TRADE_DOI})", recent=recent)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return [Output(trade.relpath(year), data, found.url) for year, data in years.items()]


def _world_bank_task(
    source: Source, path: str, endpoint: str, what: str, make: Callable[[], bytes], client: Any
) -> _Task:
    url = getattr(client, "endpoint", WORLD_BANK_API_URL) + endpoint
    return _Task(path, url, source,
                 lambda: [Output(path, with_retries(make, what=what, host=host_of(url)), url)])


def run_tasks(raw: Path, tasks: Sequence[_Task], *, progress: bool = True) -> FetchReport:
    """Fetch each task's files into ``raw``; a failure leaves that task's previous files as
    they were and the run goes on; tasks on a host already found unreachable are skipped.
    Every file is replaced atomically, and only once all of its task's files checked out."""
    _check_writable(raw)
    report = FetchReport()
    manifest_path = raw / MANIFEST_NAME
    manifest = _read_manifest(manifest_path)
    for task in tqdm(tasks, desc="fetch", unit="file", disable=not progress):
        if task.host in report.unreachable:
            report.failed[task.path] = f"could not reach {task.host}"
            continue
        try:
            outputs = task.produce()
        except HostUnreachable as exc:
            report.unreachable.add(exc.host)
            report.failed[task.path] = str(exc)
            continue
        except FetchError as exc:
            report.failed[task.path] = str(exc)
            continue
        for output in outputs:
            write_bytes(raw / output.path, output.data)
            report.written.append(output.path)
            manifest[output.path] = {
                "url": output.url,
                "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "bytes": len(output.data),
                "sha256": hashlib.sha256(output.data).hexdigest(),
                "publisher": task.source.publisher,
                "licence": task.source.licence,
            }
    if report.written:
        write_text(manifest_path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return report


def fetch_sources(
    raw: Path,
    names: Sequence[str] | None = None,
    *,
    series: Sequence[str] | None = None,
    client: Any = wbgapi,
    session: requests.Session | None = None,
    timeout: float = 60.0,
    progress: bool = True,
    trade_years: int = TRADE_RECENT_YEARS,
) -> FetchReport:
    """Download the named sources (default: all online ones) into the raw folder ``raw``.

    ``series`` replaces the catalogue's WDI list (series already in ``raw/wdi`` are
    refreshed too); ``trade_years`` is how many of the trade table's most recent years are
    written; ``client`` (wbgapi) and ``session`` (requests) can be replaced, e.g. by fakes
    in tests.
    """
    if timeout <= 0:
        raise FetchError(f"timeout must be a positive number of seconds, got {timeout}")
    own_session = session is None
    if own_session:
        session = requests.Session()
        session.headers["User-Agent"] = f"policylab/{__version__} (data fetch)"
    try:
        raw = Path(raw)
        tasks = plan(names, series=series, client=client, session=session, timeout=timeout,
                     raw=raw, trade_years=trade_years)
        with worldbank.request_timeout(client, timeout):
            return run_tasks(raw, tasks, progress=progress)
    finally:
        if own_session:
            session.close()


def _check_writable(raw: Path) -> None:
    try:
        raw.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"cannot create the raw folder {raw}: {exc.strerror}") from exc
    if not os.access(raw, os.W_OK):
        raise FetchError(f"cannot write to the raw folder {raw}")


def _read_manifest(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FetchError(f"{path}: unreadable fetch manifest ({exc}); move it aside") from exc
    if not isinstance(manifest, dict):
        raise FetchError(f"{path}: fetch manifest is not a JSON object; move it aside")
    return manifest
