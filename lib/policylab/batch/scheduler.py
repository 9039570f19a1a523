"""What ``policylab build --scheduler`` names: a Dask scheduler's address, or ``local:N``.

Checked before anything runs or is written, and without importing Dask, so that a typo
gets a one-line error even where the ``dask`` extra is not installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policylab.errors import WorkshopError

LOCAL = re.compile(r"local(?::(.*))?", re.IGNORECASE)


@dataclass(frozen=True)
class Scheduler:
    """An existing cluster's scheduler (``address``) or a local cluster of ``workers``."""

    address: str | None = None
    workers: int = 0

    @property
    def is_local(self) -> bool:
        return self.address is None

    def describe(self) -> str:
        return f"local:{self.workers}" if self.is_local else str(self.address)


def parse_scheduler(text: str) -> Scheduler:
    """``local:N`` (N >= 1 worker processes on this machine) or a scheduler address such as
    ``tcp://10.0.0.5:8786``; ``WorkshopError`` for anything else."""
    text = text.strip()
    local = LOCAL.fullmatch(text)
    if local:
        count = (local.group(1) or "").strip()
        if not count.isdigit() or int(count) < 1:
            raise WorkshopError(
                f"--scheduler {text!r}: a local cluster needs its number of worker "
                "processes, a whole number of 1 or more (e.g. local:2)")
        return Scheduler(workers=int(count))
    if not text or any(ch.isspace() for ch in text):
        raise WorkshopError(f"--scheduler {text!r} is not a scheduler address; give one such "
                            "as tcp://10.0.0.5:8786, or local:N for N local worker processes")
    return Scheduler(address=text)
