"""Issue 11 on a real page: Uganda's share of manufacturing in GDP jumps from 2008 to 2009
(a rebasing), so its industrial profile never states a change of that share from a year
before 2009 to one after it, and says why (the likely break in 2009)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from policylab.paths import project_root

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

BREAK_YEAR = 2009
#: A sentence about the share of manufacturing value added in GDP.
MVA_SHARE = re.compile(r"manufacturing value added\b(?:[^.]|\.\d)*% of GDP|MVA share|"
                       r"manufacturing share", re.IGNORECASE)
#: Words that state a change.
CHANGE = re.compile(r"\b(rose|fell|grew|shrank|increased|decreased|went from|changed|up by|"
                    r"down by|from [^.;]*\bto\b)", re.IGNORECASE)
#: Words that say a change is not read.
WITHHELD = re.compile(r"not read|not stated|no change is stated|break", re.IGNORECASE)


@pytest.fixture(scope="module")
def uganda_profile(real_pack, tmp_path_factory) -> list[str]:
    """The texts of Uganda's executed industrial profile: Markdown, HTML outputs without
    scripts, and the chart titles (they live in the charts' scripts)."""
    output = tmp_path_factory.mktemp("uganda") / "profile.ipynb"
    env = {**os.environ, "POLICYLAB_STATIC": "1", "POLICYLAB_PACK": str(real_pack)}
    notebook = Path(project_root()) / "notebooks" / "00_industrial_profile.ipynb"
    subprocess.run([sys.executable, "-m", "papermill", str(notebook), str(output), "-k",
                    "python3", "-p", "country", "UGA"], check=True, env=env,
                   capture_output=True, timeout=600)
    texts = []
    for cell in nbformat.read(output, as_version=4).cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            texts += [data["text/markdown"]] if "text/markdown" in data else []
            if "text/html" in data:
                texts += _html_texts(data["text/html"])
    return [" ".join(text.split()) for text in texts]


def _html_texts(html: str) -> list[str]:
    """The visible text of an HTML output and the titles of the charts in its scripts."""
    soup = BeautifulSoup(html, "html.parser")
    titles = []
    for script in soup(["script", "style"]):
        titles += [BeautifulSoup(t, "html.parser").get_text(" ") for t in
                   re.findall(r'"name":"title"[^{}]*?"text":"((?:[^"\\]|\\.)*)"',
                              script.get_text())]
        script.decompose()
    return [soup.get_text(" "), *(json.loads(f'"{t}"') for t in titles)]


def _sentences(texts: list[str]) -> list[str]:
    return [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s]


def test_uganda_mva_share_change_is_never_read_across_the_2009_break(uganda_profile):
    sentences = [s for s in _sentences(uganda_profile) if MVA_SHARE.search(s)]
    assert sentences, "no sentence on Uganda's share of manufacturing in GDP"
    across = []
    for sentence in sentences:
        years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", sentence)]
        spans_break = any(y < BREAK_YEAR for y in years) and any(y >= BREAK_YEAR for y in years)
        if spans_break and CHANGE.search(sentence) and not WITHHELD.search(sentence):
            across.append(sentence)
    assert across == []


def test_uganda_profile_names_the_2009_break(uganda_profile):
    text = " ".join(uganda_profile)
    assert re.search(rf"series break in {BREAK_YEAR}|breaks in {BREAK_YEAR}", text), \
        "the likely break in 2009 is not named"
