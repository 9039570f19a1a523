"""File names inside a data pack, its manifest and the checksums: what the build writes
and the loader (and ``policylab data status``) checks before trusting a pack."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from policylab.errors import DataError

OBSERVATIONS = "observations.parquet"
COUNTRIES = "countries.parquet"
TRADE = "trade.parquet"
PRODUCTS = "products.parquet"
MANIFEST = "manifest.json"
TABLES = (OBSERVATIONS, COUNTRIES, TRADE, PRODUCTS)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.exists():
        raise DataError(f"no data pack at {folder} (missing {MANIFEST}); "
                        "run `policylab data build`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"corrupt or partial pack at {folder}: unreadable manifest ({exc}); "
                        "run `policylab data build`") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise DataError(f"corrupt or partial pack at {folder}: manifest has no file list; "
                        "run `policylab data build`")
    return manifest


def verify_checksums(folder: Path, manifest: dict[str, Any]) -> None:
    """Every pack table exists and matches the sha256 the build recorded."""
    for name in TABLES:
        path = folder / name
        expected = manifest["files"].get(name, {}).get("sha256")
        if not path.exists():
            problem = f"{name} is missing"
        elif expected is None:
            problem = f"the manifest has no checksum for {name}"
        elif sha256_file(path) != expected:
            problem = f"{name} does not match its checksum"
        else:
            continue
        raise DataError(f"corrupt or partial pack at {folder}: {problem}; "
                        "run `policylab data build`")
