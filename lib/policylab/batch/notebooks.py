"""The notebooks a workshop can run, and the parameters each one declares.

A notebook declares its parameters in the cell tagged ``parameters`` (papermill's
convention) as annotated assignments, ``country: str = "KEN"``. We read that cell with
``ast`` rather than running it, so that the batch can check every parameter's name and
type before any kernel starts.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policylab import paths
from policylab.errors import WorkshopError

FORUM_NOTEBOOK = "forum_synthesis"
# Types a parameter may be annotated with; anything else is reported as undeclarable.
ANNOTATION_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (float, int),
    "bool": (bool,),
    "list": (list,),
    "dict": (dict,),
}


@dataclass(frozen=True)
class Parameter:
    name: str
    annotation: str
    default: Any

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` has the annotated type (a bool is not an int here)."""
        allowed = ANNOTATION_TYPES.get(self.annotation)
        if allowed is None:
            return True
        if isinstance(value, bool) and bool not in allowed:
            return False
        return isinstance(value, allowed)


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    path: Path
    parameters: dict[str, Parameter] = field(default_factory=dict)

    @property
    def per_country(self) -> bool:
        """Per-country notebooks are run once per country; the others once per workshop."""
        return "country" in self.parameters


def read_parameters(path: Path) -> dict[str, Parameter]:
    """The annotated assignments of the cell tagged ``parameters``, in order."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkshopError(f"cannot read notebook {path}: {exc}") from exc
    cells = [c for c in nb.get("cells", [])
             if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise WorkshopError(f"notebook {path.name} has no cell tagged 'parameters'")
    source = cells[0]["source"]
    source = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise WorkshopError(f"parameters cell of {path.name} is not valid Python: {exc}") from exc
    found: dict[str, Parameter] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            try:
                default = ast.literal_eval(node.value) if node.value is not None else None
            except ValueError:
                default = None
            found[node.target.id] = Parameter(node.target.id, ast.unparse(node.annotation), default)
    return found


def discover_notebooks(folder: Path | None = None) -> dict[str, NotebookSpec]:
    """Every notebook in ``folder`` (default: the project's ``notebooks/``), by file stem."""
    folder = folder or paths.notebooks_dir()
    specs = {}
    for path in sorted(folder.glob("*.ipynb")):
        specs[path.stem] = NotebookSpec(path.stem, path, read_parameters(path))
    return specs


def list_notebooks_command(folder: Path | None = None) -> int:
    """``policylab list notebooks``: each notebook, its kind and its parameters."""
    specs = discover_notebooks(folder)
    if not specs:
        print(f"no notebooks in {folder or paths.notebooks_dir()}")
        return 1
    width = max(len(name) for name in specs)
    for spec in specs.values():
        kind = "per country" if spec.per_country else "per workshop"
        declared = ", ".join(
            f"{p.name}: {p.annotation} = {p.default!r}" for p in spec.parameters.values()
        )
        print(f"{spec.name:<{width}}  {kind:<12}  {declared}")
    return 0
