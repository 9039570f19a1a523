"""Planning and running a fetch: one task per raw file, one progress bar over the files,
atomic replacement of each file once its content checks out, and ``fetch_manifest.json``
recording where each file came from (url, time, bytes, sha256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
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
from policylab.fetch import downloads, worldbank
from policylab.fetch.sources import (
    OWID_CO2_CODEBOOK_URL,
    OWID_CO2_DATA_URL,
    SITC_REV2_URL,
    WORLD_BANK_API_URL,
    Source,
    online_sources,
    source_named,
)
from policylab.fetch.transport import HostUnreachable, download, host_of, with_retries

MANIFEST_NAME = "fetch_manifest.json"


@dataclass(frozen=True)
class _Task:
    path: str  # relative to the raw folder
    url: str
    source: Source
    produce: Callable[[], bytes]  # download and check; raises FetchError

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
) -> list[_Task]:
    """Tasks for the named sources (default: every online source). A WDI code among the
    names fetches that one series; asking for an offline-only source is an error."""
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

    def get(url: str, check: Callable[[bytes], bytes]) -> Callable[[], bytes]:
        return lambda: check(download(session, url, timeout=timeout))

    tasks: list[_Task] = []
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
            tasks.append(_Task(source.paths[0], OWID_CO2_DATA_URL, source,
                               get(OWID_CO2_DATA_URL, downloads.owid_co2_data)))
            tasks.append(_Task(source.paths[1], OWID_CO2_CODEBOOK_URL, source,
                               get(OWID_CO2_CODEBOOK_URL, downloads.owid_co2_codebook)))
        elif source.name == "sitc_names":
            tasks.append(_Task(source.paths[0], SITC_REV2_URL, source,
                               get(SITC_REV2_URL, downloads.sitc_rev2_names)))
    return tasks


def _world_bank_task(
    source: Source, path: str, endpoint: str, what: str, make: Callable[[], bytes], client: Any
) -> _Task:
    url = getattr(client, "endpoint", WORLD_BANK_API_URL) + endpoint
    return _Task(path, url, source, lambda: with_retries(make, what=what, host=host_of(url)))


def run_tasks(raw: Path, tasks: Sequence[_Task], *, progress: bool = True) -> FetchReport:
    """Fetch each task's file into ``raw``; a failure leaves that file's previous copy as
    it was and the run goes on; files on a host already found unreachable are skipped."""
    _check_writable(raw)
    report = FetchReport()
    manifest_path = raw / MANIFEST_NAME
    manifest = _read_manifest(manifest_path)
    for task in tqdm(tasks, desc="fetch", unit="file", disable=not progress):
        if task.host in report.unreachable:
            report.failed[task.path] = f"could not reach {task.host}"
            continue
        try:
            data = task.produce()
        except HostUnreachable as exc:
            report.unreachable.add(exc.host)
            report.failed[task.path] = str(exc)
            continue
        except FetchError as exc:
            report.failed[task.path] = str(exc)
            continue
        write_bytes(raw / task.path, data)
        report.written.append(task.path)
        manifest[task.path] = {
            "url": task.url,
            "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
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
) -> FetchReport:
    """Download the named sources (default: all online ones) into the raw folder ``raw``.

    ``series`` replaces the catalogue's WDI list; ``client`` (wbgapi) and ``session``
    (requests) can be replaced, e.g. by fakes in tests.
    """
    if timeout <= 0:
        raise FetchError(f"timeout must be a positive number of seconds, got {timeout}")
    own_session = session is None
    if own_session:
        session = requests.Session()
        session.headers["User-Agent"] = f"policylab/{__version__} (data fetch)"
    try:
        tasks = plan(names, series=series, client=client, session=session, timeout=timeout)
        with worldbank.request_timeout(client, timeout):
            return run_tasks(Path(raw), tasks, progress=progress)
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
