"""Messages of failures name what the user sees: the notebook's own cells, one line for a
bad argument."""

from __future__ import annotations

import nbformat
import pytest
from papermill.exceptions import PapermillExecutionError

from policylab.batch.worker import _cell_named
from policylab.cli import main


def _notebook(path, sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson")]
    for n, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        if n == 0:
            cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


def test_a_failing_cell_is_counted_among_the_notebooks_own_code_cells(tmp_path):
    """Executed, the notebook has papermill's injected-parameters cell after the parameters
    one (index 2): the slow cell is at index 5, execution count 4 (the empty cell is not
    run), but it is the author's 4th code cell."""
    source = _notebook(tmp_path / "n.ipynb", ["country = 'KEN'", "a = 1", "",
                                              "import time\ntime.sleep(3)"])
    error = PapermillExecutionError(cell_index=5, exec_count=4, source="import time\n"
                                    "time.sleep(3)", ename="NotebookTimeout", evalue="",
                                    traceback=[])
    assert _cell_named(source, error) == "in code cell 4 `import time`"
    before = PapermillExecutionError(cell_index=1, exec_count=1, source="country = 'KEN'",
                                     ename="E", evalue="", traceback=[])
    assert _cell_named(source, before) == "in code cell 1 `country = 'KEN'`"


@pytest.mark.parametrize("arguments", [["--timeout", "0"], ["--jobs", "x"]])
def test_a_bad_argument_is_one_line_pointing_to_help(arguments, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["build", "params/workshops/demo.yml", *arguments])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"policylab: error: argument {arguments[0]}")
    assert err.rstrip().endswith("(see policylab build --help)")
