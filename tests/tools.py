"""The outside programs some tests drive (Debian's Chromium, poppler's pdftotext, pdfinfo,
pdffonts): without one a test is skipped on a workstation but fails under CI, where
``.ci/run`` installs them, so a missing tool never lets CI pass silently."""

from __future__ import annotations

import os
import shutil

import pytest

from policylab.browser import chromium_path


def under_ci() -> bool:
    """``CI`` set to a true value ("true", "1", ...), not to "", "0", "false", "no", "off"."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def required(label: str, found: str | None) -> str:
    """``found`` (a tool's path), or skip (workstation) / fail (CI) naming ``label``."""
    if found is None:
        if under_ci():
            pytest.fail(f"{label} is missing; .ci/run installs it")
        pytest.skip(f"{label} is not installed")
    return str(found)


def tool(name: str) -> str:
    """The path of ``name``: "chromium" (Debian's, which prints the PDFs and runs the browser
    tests) or a command on PATH such as pdftotext."""
    if name == "chromium":
        return required("Debian's chromium", chromium_path())
    return required(f"{name} (poppler-utils)", shutil.which(name))
