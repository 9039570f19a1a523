"""A learner's session in a real browser: JupyterLab in Debian's Chromium runs the
industrial profile notebook, then the country picker changes what the charts and the key
message say. Skipped where Chromium is not installed (``.ci/run`` installs it)."""

from __future__ import annotations

import pytest

from policylab.browser import (
    chromium_page,
    error_outputs,
    jupyter_lab,
    run_notebook_in_lab,
)
from policylab.paths import notebooks_dir

pytestmark = [
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.usefixtures("chromium"),
]

NOTEBOOK = "00_industrial_profile.ipynb"
def _title(chart) -> str:
    """The chart's title: the house template draws it as the annotation named "title"."""
    return chart.locator(".infolayer .annotation-text").first.text_content()


def _key_message(text: str) -> str:
    return text[text.index("Key message"):] if "Key message" in text else ""


def test_learner_changes_country_in_jupyterlab(real_pack, monkeypatch):
    monkeypatch.setenv("POLICYLAB_PACK", str(real_pack))
    with jupyter_lab(notebooks_dir()) as lab, chromium_page(1400, 1000) as page:
        run_notebook_in_lab(page, lab, NOTEBOOK)
        assert error_outputs(page) == []

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
        assert error_outputs(page) == []
