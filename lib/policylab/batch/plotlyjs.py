"""Which plotly.js the pages load: the smallest bundle that draws every chart of the folder.

The lessons draw cartesian charts only (scatter lines and markers, bars, heatmaps), which
the npm registry's ``plotly.js-cartesian-dist-min`` draws in ~1.5 MB instead of the full
bundle's ~4.8 MB. The project's set-up (``make install``, or ``python -m
policylab.batch.plotlyjs``) installs it with npm into ``.venv/npm``, at exactly the version
of the full bundle that the pinned plotly ships (``plotly.offline.get_plotlyjs_version()``):
figures are serialised by that plotly, so the two must agree. It is not committed.

The build copies the chosen bundle to ``<output>/assets/plotly.min.js`` (the name the pages
load, whatever the bundle). Each job's stamp records the trace types of its figures; the
bundle is the cartesian one when it is installed, at the right version, and registers every
trace type used by the pages in the folder, else plotly's own full bundle, with one line
saying why.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policylab.plotcalls import NEWPLOT, newplot_arguments

if TYPE_CHECKING:
    import nbformat

NPM_PACKAGE = "plotly.js-cartesian-dist-min"
NPM_BUNDLE_FILE = "plotly-cartesian.min.js"
ASSET_NAME = "plotly.min.js"
#: Where ``make install`` puts npm packages (``npm install --prefix``); tests point it elsewhere.
NPM_DIR_VARIABLE = "POLICYLAB_NPM_DIR"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: How a plotly.js bundle registers a trace module (the minified source keeps these literals).
_REGISTERED_TRACE = re.compile(rb'moduleType:\s*"trace",\s*name:\s*"([a-z0-9]+)"')


@dataclass(frozen=True)
class Bundle:
    """The chosen plotly.js file; ``note`` (one line) says why it is not the cartesian one."""

    kind: str  # cartesian | full
    path: Path
    version: str
    note: str | None = None

    def describe(self) -> dict:
        return {"bundle": self.kind, "version": self.version,
                "bytes": self.path.stat().st_size, "note": self.note}


def npm_dir() -> Path:
    return Path(os.environ.get(NPM_DIR_VARIABLE) or Path(sys.prefix) / "npm")


def plotlyjs_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def full_bundle() -> Bundle:
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / ASSET_NAME
    return Bundle("full", path, plotlyjs_version())


def registered_trace_types(path: Path) -> frozenset[str]:
    """The trace types a plotly.js bundle registers (read from its code)."""
    stat = path.stat()
    return _registered(path, stat.st_size, stat.st_mtime_ns)


@functools.cache
def _registered(path: Path, _size: int, _mtime: int) -> frozenset[str]:
    return frozenset(m.decode() for m in _REGISTERED_TRACE.findall(path.read_bytes()))


def choose_bundle(used: dict[str, str] | Iterable[str], folder: Path | None = None) -> Bundle:
    """The cartesian bundle from ``folder`` (default: ``npm_dir()``) when it is there, at
    plotly's version, and registers every trace type in ``used`` (type -> where it is used,
    or just the types); else the full bundle, with a one-line ``note`` saying why."""
    used = used if isinstance(used, dict) else {kind: "" for kind in used}
    full = full_bundle()
    package = (folder or npm_dir()) / "node_modules" / NPM_PACKAGE
    wanted = f"{NPM_PACKAGE}@{full.version}"
    fallback = f"plotly.js: the full bundle ({_mb(full.path)}) instead of {wanted}"
    try:
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        path = package / NPM_BUNDLE_FILE
        registered = registered_trace_types(path)
    except (OSError, ValueError, KeyError, TypeError):
        return _fallback(full, f"{fallback}: not installed in {package.parent.parent} "
                               "(make install puts it there with npm)")
    if version != full.version:
        return _fallback(full, f"{fallback}: {package} is version {version}")
    missing = sorted(set(used) - registered)
    if missing:
        where = used[missing[0]]
        return _fallback(full, f"{fallback}: trace type {missing[0]!r}"
                               + (f" (in {where})" if where else "")
                               + " is not in that bundle")
    return Bundle("cartesian", path, version)


def _fallback(full: Bundle, note: str) -> Bundle:
    return Bundle(full.kind, full.path, full.version, note)


def _mb(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def trace_types(nb: nbformat.NotebookNode | dict) -> set[str]:
    """The trace types of every plotly figure among a notebook's outputs: static figures
    (``Plotly.newPlot`` in an HTML output, see ``policylab.display``) and plotly's own
    output (the mime bundle JupyterLab renders)."""
    found: set[str] = set()
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            figure = data.get(PLOTLY_MIME)
            if isinstance(figure, dict):
                found.update(_types(figure.get("data", [])))
            html = data.get("text/html")
            html = "".join(html) if isinstance(html, list) else html
            if html and NEWPLOT in html:
                found.update(_html_trace_types(html))
    return found


def _types(traces) -> set[str]:
    return {str(t.get("type") or "scatter") for t in traces if isinstance(t, dict)}


def _html_trace_types(html: str) -> set[str]:
    """``Plotly.newPlot("id", [traces], ...)``: the traces' types, read as JSON."""
    found: set[str] = set()
    for values in newplot_arguments(html):
        if values is None:
            found.add("(unreadable figure)")  # not in any bundle: the full one is used
        elif isinstance(values[1], list):
            found.update(_types(values[1]))
    return found


def folder_trace_types(output: Path) -> dict[str, str]:
    """Trace type -> a page that uses it, over every page built in ``output`` (from the jobs'
    stamps, or the executed notebook beside a stamp that does not record them)."""
    used: dict[str, str] = {}
    for stamp in sorted(output.glob("*/.*.inputs.json")):
        notebook = stamp.name[1:-len(".inputs.json")]
        key = f"{stamp.parent.name}/{notebook}"
        try:
            kinds = json.loads(stamp.read_text(encoding="utf-8")).get("trace_types")
            if kinds is None:
                executed = stamp.with_name(f"{notebook}.ipynb")
                kinds = trace_types(json.loads(executed.read_text(encoding="utf-8")))
        except (OSError, ValueError, AttributeError):
            continue  # no pages to draw for this stamp
        for kind in kinds:
            used.setdefault(kind, key)
    return used


def write_plotly_js(output: Path, folder: Path | None = None) -> Bundle:
    """``<output>/assets/plotly.min.js``: the bundle that draws every page of the folder
    (rewritten only when it changes)."""
    bundle = choose_bundle(folder_trace_types(output), folder)
    target = output / "assets" / ASSET_NAME
    if not _same_file(target, bundle.path):
        from policylab import atomic

        with atomic.atomic_path(target) as tmp:
            shutil.copyfile(bundle.path, tmp)
    return bundle


def _same_file(target: Path, source: Path, head: int = 512) -> bool:
    try:
        if target.stat().st_size != source.stat().st_size:
            return False
        with open(target, "rb") as a, open(source, "rb") as b:
            return a.read(head) == b.read(head)
    except OSError:
        return False


def locale_file(language: str, folder: Path | None = None) -> Path:
    """Where ``make install`` keeps plotly.js's locale for ``language`` (its modebar's
    words, month names, and the decimal and thousands separators of axes and hover labels),
    at plotly's version."""
    return (folder or npm_dir()) / "locales" / plotlyjs_version() / f"plotly-locale-{language}.js"


def write_plotly_locale(output: Path, language: str, folder: Path | None = None) -> str | None:
    """``<output>/assets/plotly-locale-<lang>.js`` for a page in ``language``; the one-line
    reason when it is not installed (the charts then keep plotly's English words and
    separators; the titles, axes and hover texts are in the language either way)."""
    if language == "en":
        return None
    source = locale_file(language, folder)
    if not source.exists():
        return (f"plotly.js locale {language!r} not installed in {source.parent} (make install "
                "puts it there with npm): the charts' toolbar and separators stay English")
    target = output / "assets" / source.name
    if not _same_file(target, source):
        from policylab import atomic

        with atomic.atomic_path(target) as tmp:
            shutil.copyfile(source, tmp)
    return None


def install_locales(folder: Path | None = None, languages: Iterable[str] = ("fr", "es")) -> str:
    """plotly.js's locale files for ``languages``, taken from the plotly.js package of
    plotly's version (``npm pack``: the locales are not in the cartesian bundle's package).
    Returns one line saying what was done."""
    wanted = [code for code in languages if not locale_file(code, folder).exists()]
    if not wanted:
        return "plotly.js locales already installed"
    npm = shutil.which("npm")
    if npm is None:
        return "npm not found: plotly.js locales not installed; charts keep English toolbars"
    import tarfile
    import tempfile

    spec = f"plotly.js@{plotlyjs_version()}"
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run([npm, "pack", spec, "--silent", "--fetch-retries=1",
                               "--fetch-timeout=30000"], cwd=scratch, capture_output=True,
                              text=True)
        tarballs = list(Path(scratch).glob("*.tgz"))
        if done.returncode or not tarballs:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return f"npm could not fetch {spec} for its locales ({last[0]})"
        with tarfile.open(tarballs[0]) as tar:
            for code in wanted:
                member = tar.extractfile(f"package/dist/plotly-locale-{code}.js")
                if member is None:
                    return f"{spec} has no locale {code!r}"
                target = locale_file(code, folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(member.read())
    return f"installed plotly.js locales {', '.join(wanted)} from {spec}"


def install(folder: Path | None = None) -> int:
    """``npm install --prefix FOLDER plotly.js-cartesian-dist-min@<plotly's version>``.
    Without npm or the registry, one line says the pages will load the full bundle; that
    is not an error (exit 0)."""
    folder = folder or npm_dir()
    spec = f"{NPM_PACKAGE}@{plotlyjs_version()}"
    if choose_bundle({}, folder).kind == "cartesian":
        print(f"{spec} already in {folder}")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print(f"npm not found: {spec} not installed; pages will load plotly's full bundle")
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--no-save",
         "--fetch-retries=1", "--fetch-timeout=30000", spec],
        capture_output=True, text=True)
    if done.returncode or choose_bundle({}, folder).kind != "cartesian":
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        print(f"npm could not install {spec} ({last[0]}); pages will load plotly's full bundle")
        return 0
    print(f"installed {spec} in {folder}")
    return 0


def main() -> int:
    """``make install``: the cartesian bundle, then the locales (neither is an error)."""
    code = install()
    print(install_locales())
    return code


if __name__ == "__main__":
    sys.exit(main())
