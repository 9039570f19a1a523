"""The project's data pack as every notebook of a process sees it: loaded once, and loaded
again when the pack is rebuilt (a kept-alive batch kernel runs many notebooks; each must
see the current pack)."""

from __future__ import annotations

import functools

from policylab import paths
from policylab.pack.dataset import Dataset, load


@functools.lru_cache(maxsize=2)  # a rebuilt pack replaces the old one; keep no more alive
def _cached_load(pack: str, stamp: int) -> Dataset:
    return load(pack)


def dataset() -> Dataset:
    """The pack under ``paths.pack_dir()``, keyed by its manifest's modification time."""
    folder = paths.pack_dir()
    manifest = folder / "manifest.json"
    stamp = manifest.stat().st_mtime_ns if manifest.exists() else 0
    return _cached_load(str(folder), stamp)
