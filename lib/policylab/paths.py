"""The one place that knows where things live.

Every other module asks here for the project root, the raw folder and the data pack, so
that a user can redirect them (``--raw``, ``POLICYLAB_RAW``, ``POLICYLAB_PACK``) without
hunting for hard-coded paths.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The checkout that holds ``lib/policylab`` (or the working directory when installed
    elsewhere), because data, params and notebooks live beside the library."""
    candidate = PACKAGE_DIR.parents[1]
    if (candidate / "pyproject.toml").exists():
        return candidate
    return Path.cwd()


def raw_dir(override: str | os.PathLike | None = None) -> Path:
    """Raw publisher files: ``override`` (``--raw``), else ``POLICYLAB_RAW``, else ``data/raw``."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("POLICYLAB_RAW")
    if env:
        return Path(env).expanduser().resolve()
    return project_root() / "data" / "raw"


def pack_dir(override: str | os.PathLike | None = None) -> Path:
    """Built data pack: ``override``, else ``POLICYLAB_PACK``, else ``data/pack``."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("POLICYLAB_PACK")
    if env:
        return Path(env).expanduser().resolve()
    return project_root() / "data" / "pack"


def catalogue_path() -> Path:
    return project_root() / "data" / "indicators.yml"


def policy_cases_path() -> Path:
    return project_root() / "data" / "policy_cases.yml"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def workshops_dir() -> Path:
    return project_root() / "params" / "workshops"


def output_root() -> Path:
    return project_root() / "output"
