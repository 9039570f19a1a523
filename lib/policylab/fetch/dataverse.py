"""Files on Harvard Dataverse (the Growth Lab's published datasets), found by name in the
latest version of a dataset through the native API:

- listing: ``/api/datasets/:persistentId/?persistentId=<doi>`` (JSON; ``data.latestVersion
  .files[].dataFile`` with ``id``, ``filename``, ``originalFileName`` for ingested tables,
  ``checksum``);
- file: ``/api/access/datafile/<id>`` (``?format=original`` for a table that Dataverse
  ingested, so that the CSV comes back as published rather than as tab-separated text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from policylab.errors import FetchError
from policylab.fetch.sources import DATAVERSE_URL


@dataclass(frozen=True)
class DataverseFile:
    name: str
    url: str
    md5: str | None = None


def dataset_url(doi: str) -> str:
    return f"{DATAVERSE_URL}/api/datasets/:persistentId/?persistentId={quote(doi, safe=':/')}"


def file_url(file_id: int | str, *, original: bool = False) -> str:
    url = f"{DATAVERSE_URL}/api/access/datafile/{file_id}"
    return url + "?format=original" if original else url


def find_file(listing: bytes, doi: str, names: Sequence[str]) -> DataverseFile:
    """The first of ``names`` present in the dataset's latest version; ``FetchError`` (with
    the files that are there) when none is, or when the file is restricted."""
    what = f"Dataverse {doi}"
    try:
        payload = json.loads(listing.decode("utf-8"))
        files: list[dict[str, Any]] = payload["data"]["latestVersion"]["files"]
    except (UnicodeDecodeError, ValueError) as exc:
        raise FetchError(f"{what}: the dataset listing is not JSON ({exc})") from exc
    except (KeyError, TypeError) as exc:
        status = payload.get("status") if isinstance(payload, dict) else None
        message = payload.get("message", "") if isinstance(payload, dict) else ""
        raise FetchError(f"{what}: unexpected dataset listing (status {status!r}"
                         f"{', ' + message if message else ''}; no data.latestVersion.files)"
                         ) from exc
    by_name: dict[str, tuple[dict[str, Any], bool]] = {}
    for entry in files:
        data_file = entry.get("dataFile") or {}
        if "id" not in data_file:
            continue
        stored, original = data_file.get("filename"), data_file.get("originalFileName")
        if original and original != stored:
            by_name.setdefault(original, (entry, True))
        if stored:
            by_name.setdefault(stored, (entry, False))
    for name in names:
        if name not in by_name:
            continue
        entry, original = by_name[name]
        if entry.get("restricted"):
            raise FetchError(f"{what}: {name} is restricted (needs an account); "
                             "download it by hand into the raw folder")
        data_file = entry["dataFile"]
        checksum = data_file.get("checksum") or {}
        # Dataverse checksums the stored file; an ingested table's original differs from it.
        md5 = checksum.get("value") if checksum.get("type") == "MD5" and not original else None
        return DataverseFile(name, file_url(data_file["id"], original=original), md5)
    present = sorted(by_name)
    raise FetchError(
        f"{what}: none of {', '.join(names)} in the latest version of the dataset "
        f"(files: {', '.join(present[:12])}{', ...' if len(present) > 12 else ''})"
    )
