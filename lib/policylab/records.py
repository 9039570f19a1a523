"""Shape checks shared by the YAML files written by hand (indicator catalogue, policy
cases): each entry is a mapping with its required fields and no unknown ones, and errors
name the entry so an author finds it at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policylab.errors import DataError


def check_record(entry: Any, where: str, required: Sequence[str],
                 optional: Sequence[str]) -> str:
    """Raise ``DataError`` unless ``entry`` is a mapping with every ``required`` field and
    nothing beyond ``required`` and ``optional``; return ``where`` with the entry's id."""
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping of fields, got {entry!r}")
    if isinstance(entry.get("id"), str):
        where = f"{where} ({entry['id']})"
    missing = [key for key in required if key not in entry]
    if missing:
        raise DataError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(entry) - set(required) - set(optional))
    if unknown:
        raise DataError(f"{where}: unknown field(s) {', '.join(unknown)}")
    return where
