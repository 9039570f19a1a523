"""How the SDG 9 panel (``metrics.profile_sdg9``) is read: its method box, with the rules'
parameters from the code, and its figures sorted for the summary (which can be compared
with the peer median and on which side they fall, which lack a median or data, which repeat
a carried-forward value and which are dated)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from policylab.evidence import MIN_COUNT
from policylab.i18n import _
from policylab.metrics.profile_sdg9 import EMPLOYMENT, WINDOW_YEARS, Figure


def method_note() -> str:
    """The panel's method box (Markdown)."""
    return _("> **Method box — the SDG 9 panel.** Each row is the latest value up to the "
             "lesson's last year, with its year; the change runs from the first year with data "
             "from the start year on. A median is over the latest values in the {window} years "
             "up to the country's own year and is shown only when at least {min_count} "
             "countries report (n = how many); the income-group median includes the country "
             "itself. A median that reaches back before the recency window carries its "
             "years.").format(window=WINDOW_YEARS, min_count=MIN_COUNT)


def sort_figures(figures: Sequence[Figure],
                 is_current: Callable[[int | None], bool]) -> dict[str, list[Figure]]:
    """The SDG 9 figures sorted for the summary, in panel order: ``all`` are the table's rows,
    ``approximated`` 9.2.2's nearest figure (not read against the peers: it is described on
    its own); of the others, ``compared`` have a value and a peer median,
    ``higher``/``lower`` lie above/below it, ``unmatched`` have a value but no median,
    ``missing`` no value, ``repeated`` a value carried forward, ``old`` a value that
    ``is_current`` finds dated (a carried value by the year it was measured)."""
    sdg = [f for f in figures if f.indicator != EMPLOYMENT]
    dated = [f for f in sdg if f.year is not None]
    compared = [f for f in dated if not math.isnan(f.peer_median)]
    return {"all": list(figures), "approximated": [f for f in figures if f.indicator == EMPLOYMENT],
            "compared": compared,
            "higher": [f for f in compared if f.value > f.peer_median],
            "lower": [f for f in compared if f.value < f.peer_median],
            "unmatched": [f for f in dated if math.isnan(f.peer_median)],
            "missing": [f for f in sdg if f.year is None],
            "repeated": [f for f in sdg if f.repeated_since is not None],
            "old": [f for f in dated if not is_current(f.year)]}
