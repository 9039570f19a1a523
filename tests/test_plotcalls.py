"""Reading a page's figures back from its Plotly.newPlot calls (policylab.plotcalls)."""

from __future__ import annotations

from policylab.plotcalls import newplot_arguments


def test_each_call_gives_its_json_arguments_or_none():
    page = ('<script>Plotly.newPlot(\n "a", [{"type": "bar", "y": [1]}], {"height": 300},\n'
            ' {"responsive": true})</script>'
            '<script>Plotly.newPlot("b", [{"x": [2]}])</script>'
            '<script>Plotly.newPlot(document.getElementById("c"), data)</script>')
    first, second, third = newplot_arguments(page)
    assert first == ["a", [{"type": "bar", "y": [1]}], {"height": 300}, {"responsive": True}]
    assert second == ["b", [{"x": [2]}]]
    assert third is None  # not JSON: not a figure the library wrote
    assert list(newplot_arguments("<p>no chart</p>")) == []
