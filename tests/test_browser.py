"""A learner's session in a real browser: JupyterLab in Debian's Chromium runs the
industrial profile notebook, then the country picker changes what the charts and the key
message say. Skipped where Chromium is not installed (``.ci/run`` installs it)."""

from __future__ import annotations

import pytest

from policylab.browser import chromium_page, chromium_path, jupyter_lab
from policylab.paths import notebooks_dir

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed"),
]

NOTEBOOK = "00_industrial_profile.ipynb"
RUN_TIMEOUT_MS = 240_000

# JavaScript run in the page through the exposed JupyterLab application object.
ALL_CELLS_RAN = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext.session) return false;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => c.model.executionCount !== null)
    && panel.sessionContext.session.kernel.status === 'idle';
}"""
ERROR_OUTPUTS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const errors = [];
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code') continue;
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
    }
  }
  return errors;
}"""


def _title(chart) -> str:
    """The chart's title: the house template draws it as the annotation named "title"."""
    return chart.locator(".infolayer .annotation-text").first.text_content()


def _key_message(text: str) -> str:
    return text[text.index("Key message"):] if "Key message" in text else ""


def test_learner_changes_country_in_jupyterlab(real_pack, monkeypatch):
    monkeypatch.setenv("POLICYLAB_PACK", str(real_pack))
    with jupyter_lab(notebooks_dir()) as lab, chromium_page(1400, 1000) as page:
        page.goto(lab.notebook_url(NOTEBOOK))
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.sessionContext"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.isReady",
                               timeout=120_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(ALL_CELLS_RAN, timeout=RUN_TIMEOUT_MS, polling=1000)
        assert page.evaluate(ERROR_OUTPUTS) == []

        explorer = page.locator(".widget-vbox", has=page.locator(".widget-dropdown",
                                                                 has_text="Country")).first
        explorer.scroll_into_view_if_needed()
        picker = explorer.locator(".widget-dropdown", has_text="Country").locator("select")
        output = explorer.locator(".widget-output").first
        chart = output.locator(".js-plotly-plot").first
        chart.wait_for(timeout=60_000)
        before, before_title = output.text_content(), _title(chart)
        assert "Kenya" in before and "Kenya" in before_title
        picker.select_option(label="Germany")
        page.wait_for_function(
            "el => { const t = el.querySelector('.js-plotly-plot .infolayer .annotation-text');"
            " const text = el.textContent; const k = text.indexOf('Key message');"
            " return t && t.textContent.includes('Germany')"
            " && k >= 0 && text.slice(k).includes('Germany'); }",
            arg=output.element_handle(), timeout=60_000)
        after, after_title = output.text_content(), _title(output.locator(".js-plotly-plot").first)
        assert "Germany" in after_title and after_title != before_title
        assert _key_message(after) != _key_message(before) and "Germany" in _key_message(after)
        assert page.evaluate(ERROR_OUTPUTS) == []
