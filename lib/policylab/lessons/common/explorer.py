"""The explorer, called one way: the lesson's spec names the indicators offered and a
``view(lesson, indicator)`` that draws one state; each state becomes a real ``Lesson``
(peers chosen by the usual rule when the learner picks none), never a fake selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policylab.learning.widgets import explorer
from policylab.lessons.common.start import lesson_for
from policylab.lessons.context import Lesson


def explorer_settings(lesson: Lesson) -> dict[str, Any]:
    """Arguments for ``learning.widgets.explorer``: every country by name, this country,
    its peers when the user chose them (empty: automatic peers for whichever country is
    picked), the lesson's years and the spec's indicators (label -> id) and first one."""
    spec = lesson.spec
    indicators = spec.explorer_indicators
    if callable(indicators):
        indicators = indicators(lesson.ds)
    countries = lesson.ds.countries()
    return {"countries": dict(zip(countries["name"], countries.index, strict=True)),
            "country": lesson.country,
            "peers": lesson.peer_codes if lesson.peers.method == "user" else [],
            "years": lesson.years, "indicators": dict(indicators),
            "indicator": spec.explorer_start}


def explorer_render(lesson: Lesson) -> Callable[[dict[str, Any]], None]:
    """``render(state)``: a Lesson for the state, then the spec's ``explorer_view``."""
    spec = lesson.spec

    def render(state: dict[str, Any]) -> None:
        first, last = (int(y) for y in state["years"])
        peers = [p for p in state.get("peers") or [] if p != state["country"]]
        view = lesson_for(spec, state["country"], peers, first, last, ds=lesson.ds)
        spec.explorer_view(view, state.get("indicator") or spec.explorer_start)

    return render


def show_explorer(lesson: Lesson) -> None:
    """The explorer for this lesson (static mode: its first state drawn once)."""
    explorer(explorer_render(lesson), **explorer_settings(lesson))
