"""A plain papermill CLI run (as README users do) has no front end: the notebook gets
static output and no widget state, with no environment variable set."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest

CELLS = [
    "from policylab.learning.exercises import Exercise, show_exercise\n"
    "from policylab.learning.mode import is_static\n"
    "print('static:', is_static())\n"
    "show_exercise(Exercise(question='Two plus two?', answer=4.0))",
]


@pytest.mark.slow
def test_papermill_cli_run_stores_no_widget_state(tmp_path):
    source = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    source.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
    nbformat.write(source, tmp_path / "in.ipynb")
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLICYLAB_STATIC", "JPY_SESSION_NAME")}
    subprocess.run([sys.executable, "-m", "papermill", str(tmp_path / "in.ipynb"),
                    str(tmp_path / "out.ipynb"), "-k", "python3", "--no-progress-bar"],
                   check=True, env=env, capture_output=True, timeout=300)
    out = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))
    text = json.dumps(out["cells"][0]["outputs"])
    assert "static: True" in text
    assert "application/vnd.jupyter.widget-view+json" not in text
    assert "widgets" not in out["metadata"]
