"""Static vs live: the environment switch and what each mode shows."""

from __future__ import annotations

import ipywidgets
import plotly.graph_objects as go
import pytest
from ipywidgets.widgets import widget as widget_module

from policylab import display as display_module
from policylab.errors import PolicylabError
from policylab.learning import exercises, widgets
from policylab.learning.exercises import Exercise
from policylab.learning.mode import is_static

COUNTRIES = {"Kenya": "KEN", "Uganda": "UGA", "Tanzania": "TZA", "Rwanda": "RWA"}


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple, dict]]:
    """Everything passed to IPython's display by the modules under test."""
    calls: list[tuple[tuple, dict]] = []

    def record(*args: object, **kwargs: object) -> None:
        calls.append((args, kwargs))

    for module in (display_module, exercises, widgets):
        monkeypatch.setattr(module, "display", record)
    return calls


@pytest.mark.parametrize("value", ["1", "true", "TRUE", " True "])
def test_static_when_env_says_so(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", value)
    assert is_static() is True


@pytest.mark.parametrize("value", ["0", "false"])
def test_live_when_env_is_false(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", value)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert is_static() is False


@pytest.mark.parametrize("value", [None, ""])
def test_unset_means_static_without_a_front_end(monkeypatch: pytest.MonkeyPatch,
                                                value: str | None) -> None:
    """A plain papermill or nbconvert run has no front end: no widget state in the file."""
    if value is None:
        monkeypatch.delenv("POLICYLAB_STATIC", raising=False)
    else:
        monkeypatch.setenv("POLICYLAB_STATIC", value)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert is_static() is True
    monkeypatch.setenv("JPY_SESSION_NAME", "notebooks/00_industrial_profile.ipynb")
    assert is_static() is False


def test_the_variable_overrides_the_front_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JPY_SESSION_NAME", "x.ipynb")
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    assert is_static() is True


def test_unclear_value_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "ture")
    with pytest.raises(PolicylabError, match="POLICYLAB_STATIC='ture'"):
        is_static()


def test_mode_follows_env_changes_without_reimport(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    assert is_static()
    monkeypatch.setenv("POLICYLAB_STATIC", "0")
    assert not is_static()


def _figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[2000, 2001], y=[1.5, 2.5], name="Kenya"))


def test_show_in_static_mode_emits_one_html_output_without_plotlyjs(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    display_module.show(_figure())
    assert len(shown) == 1
    (bundle,), kwargs = shown[0]
    assert kwargs == {"raw": True}
    assert list(bundle) == ["text/html"]
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html
    assert "<script" in html and 'class="plotly-graph-div"' in html
    # plotly.js itself is ~4.8 MB and starts with its licence banner; neither is embedded
    assert "plotly.js v" not in html and len(html) < 50_000
    assert '"displaylogo": false' in html


def _div_id(html: str) -> str:
    return html.split('id="')[1].split('"')[0]


def test_static_html_ids_are_stable_across_runs_and_unique_on_a_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(display_module, "_div_ids_seen", {})
    first = display_module.figure_html(_figure())
    second = display_module.figure_html(_figure())
    assert _div_id(first) != _div_id(second)
    assert first.replace(_div_id(first), "ID") == second.replace(_div_id(second), "ID")
    monkeypatch.setattr(display_module, "_div_ids_seen", {})  # as in a fresh kernel
    assert _div_id(display_module.figure_html(_figure())) == _div_id(first)


def test_show_in_live_mode_uses_plotly_own_output(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "0")
    seen: list[dict] = []
    monkeypatch.setattr(go.Figure, "show", lambda self, **kw: seen.append(kw))
    display_module.show(_figure())
    assert seen == [{"config": display_module.FIGURE_CONFIG}]
    assert shown == []


def _widget_count() -> int:
    return len(widget_module._instances)


def test_explorer_in_static_mode_renders_once_and_builds_no_widget(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    states: list[dict] = []
    before = _widget_count()
    widgets.explorer(states.append, COUNTRIES, "KEN", ["UGA", "TZA"], (2000, 2020),
                     indicators={"Manufacturing share": "mva_share_gdp",
                                 "CO2 per capita": "co2_per_capita"})
    assert states == [{"country": "KEN", "peers": ["UGA", "TZA"], "years": (2000, 2020),
                       "indicator": "mva_share_gdp"}]
    assert _widget_count() == before
    assert shown == []


def test_explorer_in_live_mode_rerenders_on_every_change(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "0")
    states: list[dict] = []
    widgets.explorer(states.append, COUNTRIES, "KEN", ["UGA"], (2000, 2020))
    assert len(shown) == 1
    box = shown[0][0][0]
    assert isinstance(box, ipywidgets.VBox)
    country, peers_row, period_row, _out = box.children
    period, period_text = period_row.children
    country.value = "RWA"
    peers_row.children[1].value = ["Uganda", "Tanzania"]
    period.value = (2005, 2015)
    assert period_text.value == "2005\u20132015"
    assert states[0] == {"country": "KEN", "peers": ["UGA"], "years": (2000, 2020),
                         "indicator": None}
    assert states[-1] == {"country": "RWA", "peers": ["UGA", "TZA"], "years": (2005, 2015),
                          "indicator": None}
    assert len(states) == 4


def test_explorer_rejects_unknown_starting_country(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    with pytest.raises(PolicylabError, match="XXX"):
        widgets.explorer(lambda state: None, COUNTRIES, "KEN", ["XXX"], (2000, 2020))


def test_exercise_static_is_markdown_only(monkeypatch: pytest.MonkeyPatch, shown: list) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "1")
    before = _widget_count()
    exercises.show_exercise(Exercise("What is Kenya's share?", 7.6, unit="% of GDP",
                                     tolerance=0.1))
    assert _widget_count() == before
    assert len(shown) == 1
    markdown = shown[0][0][0]
    assert "What is Kenya's share?" in markdown.data and "% of GDP" in markdown.data


def test_exercise_live_builds_widget_with_feedback(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "0")
    exercises.show_exercise(Exercise("Share?", 7.6, unit="% of GDP", tolerance=0.1,
                                     hint="Look at 2020."))
    assert len(shown) == 2
    box = shown[1][0][0]
    (answer, unit, button), feedback = box.children[0].children, box.children[1]
    assert unit.value == "% of GDP"
    answer.value = "9"
    button.click()
    assert len(feedback.outputs) == 1
    assert "Look at 2020." in feedback.outputs[0]["data"]["text/markdown"]
    answer.value = "7,6"
    button.click()
    assert len(feedback.outputs) == 1  # replaced in place, not appended
    assert "Correct" in feedback.outputs[0]["data"]["text/markdown"]


def test_multiple_choice_exercise_live_uses_radio_buttons(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "0")
    exercises.show_exercise(Exercise("Which?", "Ghana", choices=("Kenya", "Ghana")))
    (answer, button), feedback = shown[1][0][0].children[0].children, shown[1][0][0].children[1]
    assert isinstance(answer, ipywidgets.RadioButtons) and answer.value is None
    button.click()
    assert "answer first" in feedback.outputs[0]["data"]["text/markdown"]
    answer.value = "Ghana"
    button.click()
    assert "Correct" in feedback.outputs[0]["data"]["text/markdown"]


def test_unavailable_exercise_shows_no_widget_even_live(
    monkeypatch: pytest.MonkeyPatch, shown: list
) -> None:
    monkeypatch.setenv("POLICYLAB_STATIC", "0")
    exercises.show_exercise(Exercise("Share?", float("nan")))
    assert len(shown) == 1 and "missing" in shown[0][0][0].data
