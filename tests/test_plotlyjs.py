"""The plotly.js a folder ships: npm's cartesian bundle when it draws every chart of the
folder, else plotly's full bundle with one line saying why; and, in Debian's Chromium, every
chart type the lessons use drawn by the smaller bundle on a built page, fully offline."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from policylab.batch import plotlyjs
from policylab.batch.plan import default_pack_info
from policylab.batch.plotlyjs import (
    ASSET_NAME,
    NPM_BUNDLE_FILE,
    NPM_PACKAGE,
    choose_bundle,
    folder_trace_types,
    full_bundle,
    registered_trace_types,
    trace_types,
    write_plotly_js,
)
from policylab.batch.run import build
from policylab.browser import chromium_page

CARTESIAN = ("bar", "box", "contour", "heatmap", "histogram", "pie", "scatter", "violin")


def fake_npm(folder: Path, version: str | None = None, kinds=CARTESIAN) -> Path:
    """An npm prefix holding a stand-in cartesian bundle that registers ``kinds``."""
    package = folder / "node_modules" / NPM_PACKAGE
    package.mkdir(parents=True)
    version = version or full_bundle().version
    (package / "package.json").write_text(json.dumps({"name": NPM_PACKAGE, "version": version}))
    code = ",".join(f'{{moduleType:"trace",name:"{kind}",basePlotModule:x}}' for kind in kinds)
    (package / NPM_BUNDLE_FILE).write_text(f"/* plotly.js (cartesian) v{version} */{code}")
    return folder


def _figure_output(traces: list[dict], div: str = "policylab-x") -> nbformat.NotebookNode:
    html = (f'<div id="{div}"></div><script type="text/javascript">window.PLOTLYENV={{}};'
            f'if (document.getElementById("{div}")) {{ Plotly.newPlot(\n  "{div}",\n  '
            f'{json.dumps(traces)},\n  {{"xaxis": {{"type": "date"}}, "shapes": '
            '[{"type": "line"}]}, {"responsive": true}) };</script>')
    return nbformat.v4.new_output("display_data", data={"text/html": html})


def _write_stamp(output: Path, key: str, kinds: list[str] | None) -> None:
    folder, notebook = key.split("/")
    stamp = output / folder / f".{notebook}.inputs.json"
    stamp.parent.mkdir(parents=True, exist_ok=True)
    body = {"input_hash": "h"} | ({} if kinds is None else {"trace_types": kinds})
    stamp.write_text(json.dumps(body))


def test_the_bundles_registered_trace_types_are_read_from_its_code(tmp_path):
    assert set(CARTESIAN) == registered_trace_types(
        fake_npm(tmp_path) / "node_modules" / NPM_PACKAGE / NPM_BUNDLE_FILE)
    assert {"scatter", "bar", "heatmap", "scattergeo", "choropleth"} <= registered_trace_types(
        full_bundle().path)


def test_the_cartesian_bundle_is_chosen_when_installed_and_it_covers_every_trace(tmp_path):
    bundle = choose_bundle({"scatter": "KEN/a", "bar": "KEN/a", "heatmap": "ETH/b"},
                           fake_npm(tmp_path))
    assert bundle.kind == "cartesian" and bundle.note is None
    assert bundle.path == tmp_path / "node_modules" / NPM_PACKAGE / NPM_BUNDLE_FILE
    assert bundle.version == full_bundle().version


@pytest.mark.parametrize(("case", "expected"), [
    ("missing", "not installed in"),
    ("old version", "is version 0.0.1"),
    ("uncovered", "trace type 'scattergeo' (in KEN/01_greening) is not in that bundle"),
])
def test_the_full_bundle_is_the_fallback_said_in_one_line(tmp_path, case, expected):
    used = {"scatter": "KEN/00_profile", "scattergeo": "KEN/01_greening"} if \
        case == "uncovered" else {"scatter": "KEN/00_profile"}
    folder = tmp_path if case == "missing" else fake_npm(
        tmp_path, "0.0.1" if case == "old version" else None)
    bundle = choose_bundle(used, folder)
    assert bundle.kind == "full" and bundle.path == full_bundle().path
    assert expected in bundle.note and "\n" not in bundle.note
    assert bundle.note.startswith("plotly.js: the full bundle (4.8 MB) instead of "
                                  f"{NPM_PACKAGE}@{full_bundle().version}")


def test_trace_types_of_static_and_live_figures():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        _figure_output([{"type": "scatter", "mode": "lines"}, {"type": "bar"}]),
        _figure_output([{"type": "heatmap", "z": [[1]]}, {"y": [1, 2]}], "policylab-y"),
        nbformat.v4.new_output("display_data", data={
            plotlyjs.PLOTLY_MIME: {"data": [{"type": "scattergeo"}], "layout": {}}}),
        nbformat.v4.new_output("stream", text="Plotly.newPlot( is only text here"),
    ]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("no figures")]
    # Axis types ("date") and shape types ("line") are not trace types; no type means scatter.
    assert trace_types(nb) == {"scatter", "bar", "heatmap", "scattergeo"}


def test_the_folder_bundle_covers_every_page_built_there(tmp_path):
    npm, output = fake_npm(tmp_path / "npm"), tmp_path / "out"
    _write_stamp(output, "KEN/00_profile", ["bar", "scatter"])
    _write_stamp(output, "forum/forum_synthesis", ["heatmap"])
    assert folder_trace_types(output) == {
        "bar": "KEN/00_profile", "scatter": "KEN/00_profile", "heatmap": "forum/forum_synthesis"}
    bundle = write_plotly_js(output, npm)
    target = output / "assets" / ASSET_NAME
    assert bundle.kind == "cartesian" and target.read_bytes() == bundle.path.read_bytes()

    # A stamp written before stamps recorded trace types: its executed notebook is read.
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [_figure_output([{"type": "scattergeo"}])]
    nb.cells = [cell]
    (output / "ETH").mkdir()
    nbformat.write(nb, output / "ETH" / "01_greening.ipynb")
    _write_stamp(output, "ETH/01_greening", None)
    bundle = write_plotly_js(output, npm)
    assert bundle.kind == "full" and "'scattergeo' (in ETH/01_greening)" in bundle.note
    assert target.read_bytes() == full_bundle().path.read_bytes()


# --- a real build: stamps, report and console, then the page in Chromium -------------------

CHARTS = """
import plotly.graph_objects as go
from policylab.display import show
years = list(range(2000, 2011))
show(go.Figure(go.Scatter(x=years, y=[y % 7 for y in years], mode="lines", name="lines")))
show(go.Figure(go.Scatter(x=years, y=[y % 5 for y in years], mode="markers", name="markers")))
show(go.Figure(go.Bar(x=["KEN", "ETH", "TZA"], y=[3, 1, 2], name="bars")))
show(go.Figure(go.Heatmap(z=[[1, 2, 3], [3, 1, 2]], x=["a", "b", "c"], y=["r1", "r2"])))
"""
#: What each chart draws when plotly.js has the trace module: selector -> elements expected.
DRAWN = {
    "lines": ".scatterlayer .trace path.js-line",
    "markers": ".scatterlayer .trace .points path.point",
    "bars": ".barlayer .trace .points .point path",
    "heatmap": ".heatmaplayer image",
}


def _installed_cartesian() -> plotlyjs.Bundle:
    bundle = choose_bundle({"scatter": "", "bar": "", "heatmap": ""})
    if bundle.kind != "cartesian":
        pytest.skip(f"the cartesian bundle is not installed (make install): {bundle.note}")
    return bundle


@pytest.fixture(scope="module")
def chart_build(tmp_path_factory, tiny_pack):
    """One country x a notebook drawing every chart type the lessons use."""
    folder = tmp_path_factory.mktemp("charts")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell('country: str = "KEN"',
                                          metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(CHARTS)]
    nbformat.write(nb, notebooks / "00_charts.ipynb")
    workshop = folder / "charts.yml"
    workshop.write_text(f"title: Charts\ncountries: [KEN]\noutput: {folder / 'out'}\n",
                        encoding="utf-8")
    outcome = build(workshop, notebooks_dir=notebooks, pack=default_pack_info(tiny_pack),
                    progress=False, make_zip=False, jobs=1)
    assert outcome.failed == 0, outcome.report["jobs"]
    return workshop, notebooks, tiny_pack, outcome


@pytest.mark.slow
def test_a_build_records_trace_types_and_ships_the_bundle_that_draws_them(
        chart_build, tmp_path, monkeypatch, capsys):
    workshop, notebooks, tiny_pack, outcome = chart_build
    out = outcome.output
    stamp = json.loads((out / "KEN" / ".00_charts.inputs.json").read_text())
    assert stamp["trace_types"] == ["bar", "heatmap", "scatter"]
    expected = choose_bundle(stamp["trace_types"])
    assert outcome.report["plotly_js"]["bundle"] == expected.kind
    assert (out / "assets" / ASSET_NAME).read_bytes() == expected.path.read_bytes()

    # Without the cartesian bundle, a re-run (nothing to execute) ships the full one and
    # says so in one line; with it back, the cartesian bundle returns.
    pack = default_pack_info(tiny_pack)
    capsys.readouterr()
    monkeypatch.setenv(plotlyjs.NPM_DIR_VARIABLE, str(tmp_path / "empty"))
    again = build(workshop, notebooks_dir=notebooks, pack=pack, progress=False, make_zip=False)
    lines = [line for line in capsys.readouterr().out.splitlines() if "plotly.js" in line]
    assert again.report["summary"]["skipped"] == 1 and again.report["plotly_js"]["bundle"] == "full"
    assert len(lines) == 1 and "full bundle" in lines[0] and "not installed" in lines[0]
    assert (out / "assets" / ASSET_NAME).stat().st_size == full_bundle().path.stat().st_size

    monkeypatch.setenv(plotlyjs.NPM_DIR_VARIABLE, str(fake_npm(tmp_path / "npm")))
    third = build(workshop, notebooks_dir=notebooks, pack=pack, progress=False, make_zip=False)
    assert third.report["plotly_js"]["bundle"] == "cartesian"
    assert not [line for line in capsys.readouterr().out.splitlines() if "plotly.js" in line]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.usefixtures("chromium")
def test_every_chart_type_draws_with_the_cartesian_bundle_offline(chart_build):
    bundle = _installed_cartesian()
    workshop, notebooks, tiny_pack, outcome = chart_build
    out = outcome.output
    build(workshop, notebooks_dir=notebooks, pack=default_pack_info(tiny_pack), progress=False,
          make_zip=False)  # the real bundle again, whatever an earlier test left
    shipped = (out / "assets" / ASSET_NAME).read_bytes()
    assert shipped == bundle.path.read_bytes() and len(shipped) < 1_600_000
    for name in ("00_charts.html", "00_charts.facilitator.html"):
        with chromium_page(1200, 900, offline=True) as page:
            errors = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.goto((out / "KEN" / name).as_uri())
            page.wait_for_function("() => window.Plotly && document.querySelectorAll("
                                   "'.js-plotly-plot .main-svg').length >= 4", timeout=30_000)
            assert page.evaluate("() => Plotly.version") == bundle.version
            charts = page.locator(".js-plotly-plot")
            assert charts.count() == 4
            for index, (kind, selector) in enumerate(DRAWN.items()):
                drawn = charts.nth(index).locator(selector)
                assert drawn.count() > 0, f"{kind} not drawn in {name}"
            assert charts.nth(0).locator("path.js-line").first.get_attribute("d")
            assert errors == [] and page.blocked_requests == []
