"""The output folder of a build: which folders a build may write into, and its lock.

A folder is ours when it carries the marker file ``.policylab-output`` (DESIGN §9), or,
for trees built before the marker existed, when its ``report.json`` is a build report.
Anything else that is not empty is refused, and so are system folders and the places a
mistyped ``output:`` would hit hardest (the file system root, the home folder, the
project itself). The build lock is an exclusive ``flock`` on the marker, held for the
life of the process: the OS releases it when the process dies, even by ``kill -9``.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from policylab import atomic
from policylab.errors import WorkshopError
from policylab.paths import project_root

MARKER = ".policylab-output"
#: Top-level system folders: never an output folder, nor anything directly inside them
#: except under /tmp and /home.
_SYSTEM = {"/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/opt", "/proc", "/root",
           "/run", "/sbin", "/srv", "/sys", "/usr", "/var", "/tmp", "/home", "/mnt", "/media"}


class OutputLock:
    """The claimed output folder; keeps the lock's file open until ``release``."""

    def __init__(self, folder: Path, handle: int) -> None:
        self.folder = folder
        self._handle = handle

    def release(self) -> None:
        if self._handle >= 0:
            os.close(self._handle)
            self._handle = -1


def claim_output(folder: Path) -> OutputLock:
    """Check that ``folder`` may be written by a build, create it with its marker, and
    take the build lock; raise ``WorkshopError`` with the reason otherwise."""
    resolved = Path(os.path.abspath(folder.expanduser()))
    _refuse_dangerous(folder, resolved)
    if resolved.exists() and not resolved.is_dir():
        raise WorkshopError(f"output {folder} is a file, not a folder")
    if resolved.is_dir() and not is_ours(resolved) and any(resolved.iterdir()):
        raise WorkshopError(
            f"output folder {folder} is not empty and was not made by policylab build "
            f"(no {MARKER} file); choose an empty or new folder in the workshop file's "
            "'output:'")
    try:
        resolved.mkdir(parents=True, exist_ok=True)
        marker = resolved / MARKER
        if not marker.exists():
            atomic.write_text(marker, "This folder is written by `policylab build`.\n")
        handle = os.open(marker, os.O_RDWR)
    except OSError as exc:
        raise WorkshopError(f"cannot write the output folder {folder}: "
                            f"{exc.strerror or exc}") from exc
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(handle)
        raise WorkshopError(f"another build is writing to {folder}; wait for it to finish "
                            "(the lock goes when that process ends)") from exc
    return OutputLock(resolved, handle)


def is_ours(folder: Path) -> bool:
    if (folder / MARKER).is_file():
        return True
    try:
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(report, dict) and {"workshop", "provenance", "jobs"} <= set(report)


def _refuse_dangerous(folder: Path, resolved: Path) -> None:
    real = Path(os.path.realpath(resolved))
    home = Path(os.path.realpath(Path.home()))
    root = Path(os.path.realpath(project_root()))
    why = None
    if str(real) in _SYSTEM or (real.parent == Path("/") and str(real) not in ("/tmp",)):
        why = "a system folder"
    elif real == home:
        why = "your home folder"
    elif real == root or real in root.parents:
        why = "the project folder or one of its parents"
    elif any(str(p) in _SYSTEM - {"/", "/tmp", "/home", "/root", "/mnt", "/media", "/srv",
                                   "/opt"} for p in [real, *real.parents]):
        why = "inside a system folder"
    if why:
        raise WorkshopError(f"refusing to write the build into {folder} ({real}): it is {why}; "
                            "set 'output:' in the workshop file to a folder of its own")
