"""Live explorers: pick a country, peers, years and an indicator, and watch charts update.

A notebook writes one ``render(state)`` function that draws everything for a state, and
hands it to :func:`explorer`. In JupyterLab the learner gets controls and ``render`` runs
again, in place, on every change; in static mode ``render`` runs once with the notebook's
parameters and no widget is built, so the batch's output holds plain charts only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from policylab.display import markdown
from policylab.errors import PolicylabError
from policylab.i18n import _
from policylab.learning.mode import is_static

State = dict[str, Any]
Render = Callable[[State], None]


def explorer(
    render: Render,
    countries: Mapping[str, str],
    country: str,
    peers: Sequence[str] = (),
    years: tuple[int, int] = (2000, 2023),
    indicators: Mapping[str, str] | None = None,
    indicator: str | None = None,
) -> None:
    """Show an explorer, or in static mode just ``render`` the initial state once.

    ``countries`` maps display names to ISO3 codes; ``country`` and ``peers`` are ISO3;
    ``indicators`` (optional) maps labels to indicator ids. ``render`` receives a dict
    with ``country``, ``peers`` (list), ``years`` ((first, last)) and ``indicator``.
    """
    state = initial_state(countries, country, peers, years, indicators, indicator)
    if is_static():
        render(state)
        return
    display(build_explorer(render, countries, state, years, indicators))


def initial_state(
    countries: Mapping[str, str],
    country: str,
    peers: Sequence[str],
    years: tuple[int, int],
    indicators: Mapping[str, str] | None,
    indicator: str | None,
) -> State:
    """Check the starting choices (they come from notebook parameters) and build the state."""
    known = set(countries.values())
    unknown = [code for code in [country, *peers] if code not in known]
    if unknown:
        raise PolicylabError(f"Explorer: {', '.join(unknown)} not among the countries offered.")
    first, last = years
    if first > last:
        raise PolicylabError(f"Explorer: year range {first}–{last} runs backwards.")
    if indicators:
        indicator = indicator or next(iter(indicators.values()))
        if indicator not in indicators.values():
            raise PolicylabError(f"Explorer: indicator {indicator!r} is not offered.")
    return {"country": country, "peers": [p for p in peers if p != country],
            "years": (first, last), "indicator": indicator if indicators else None}


def build_explorer(
    render: Render,
    countries: Mapping[str, str],
    state: State,
    years: tuple[int, int],
    indicators: Mapping[str, str] | None = None,
) -> widgets.VBox:
    """The live controls and output area, already rendered once for ``state``."""
    name_of = {code: name for name, code in countries.items()}
    names = sorted(countries)
    country = widgets.Dropdown(options=[(n, countries[n]) for n in names],
                               value=state["country"], description=_("Country"))
    peers = widgets.TagsInput(value=[name_of[p] for p in state["peers"]], allowed_tags=names,
                              allow_duplicates=False, placeholder=_("add a peer"))
    period = widgets.IntRangeSlider(value=state["years"], min=years[0], max=years[1], step=1,
                                    description=_("Years"), continuous_update=False,
                                    readout=False, layout=widgets.Layout(width="420px"))
    # The slider's own readout is too narrow for "2000 – 2025"; a label shows the range.
    period_text = widgets.Label(_range_text(period.value))
    period.observe(lambda change: setattr(period_text, "value", _range_text(change["new"])),
                   names="value")
    controls: list[widgets.Widget] = [country, widgets.HBox([widgets.Label(_("Peers")), peers]),
                                      widgets.HBox([period, period_text])]
    indicator = None
    if indicators:
        indicator = widgets.Dropdown(options=list(indicators.items()),
                                     value=state["indicator"], description=_("Indicator"))
        controls.append(indicator)
    out = widgets.Output()

    def refresh(_: object = None) -> None:
        current = {
            "country": country.value,
            "peers": [countries[n] for n in peers.value if countries[n] != country.value],
            "years": tuple(period.value),
            "indicator": indicator.value if indicator is not None else None,
        }
        out.clear_output(wait=True)
        with out:
            try:
                render(current)
            except PolicylabError as error:
                display(markdown(_("**Cannot show this choice:** {error}").format(error=error)))

    for control in [country, peers, period, *([indicator] if indicator else [])]:
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([*controls, out])


def _range_text(years: tuple[int, int]) -> str:
    return f"{years[0]}\u2013{years[1]}"
