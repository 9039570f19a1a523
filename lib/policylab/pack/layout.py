"""File names inside a data pack and the checksum both the build and the loader use."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
