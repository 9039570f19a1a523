"""``metrics.profile_sdg9_summary``: the SDG 9 figures sorted for the panel's summary."""

from __future__ import annotations

import math

from policylab.evidence import MIN_COUNT
from policylab.metrics.profile_sdg9 import EMPLOYMENT, WINDOW_YEARS, Figure
from policylab.metrics.profile_sdg9_summary import method_note, sort_figures


def _figure(indicator: str, value: float, year: int | None, peer: float,
            repeated: int | None = None) -> Figure:
    return Figure("9.x", indicator, indicator, "%", value, year, value, year, peer, 5,
                  math.nan, 0, repeated_since=repeated)


def test_sort_figures_by_side_comparison_data_and_date() -> None:
    figures = [_figure("above", 5.0, 2022, 3.0), _figure("below", 1.0, 2010, 3.0),
               _figure("equal", 3.0, 2022, 3.0), _figure("alone", 2.0, 2022, math.nan, 2015),
               _figure("none", math.nan, None, 3.0), _figure(EMPLOYMENT, 9.0, 2022, 1.0)]
    group = sort_figures(figures, lambda year: year is not None and year >= 2019)

    def ids(key: str) -> list[str]:
        return [f.indicator for f in group[key]]

    # every row of the table, 9.2.2's nearest figure set apart and not compared
    assert ids("all") == ["above", "below", "equal", "alone", "none", EMPLOYMENT]
    assert ids("approximated") == [EMPLOYMENT]
    assert ids("compared") == ["above", "below", "equal"]
    assert (ids("higher"), ids("lower")) == (["above"], ["below"])
    assert ids("unmatched") == ["alone"]
    assert ids("missing") == ["none"]
    assert ids("repeated") == ["alone"]
    assert ids("old") == ["below"]


def test_method_note_states_the_rules_parameters() -> None:
    note = method_note()
    assert note.startswith("> **Method box — the SDG 9 panel.**")
    assert f"in the {WINDOW_YEARS} years up to the country's own year" in note
    assert f"only when at least {MIN_COUNT} countries report" in note
