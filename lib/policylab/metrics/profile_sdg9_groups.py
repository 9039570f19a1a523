"""The SDG 9 panel's figures sorted for its summary (``metrics.profile_sdg9.Figure``): which
can be compared with the peer median and on which side they fall, which lack a median or
data, which repeat a carried-forward value and which are dated."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from policylab.metrics.profile_sdg9 import EMPLOYMENT, Figure

GROUPS = ("all", "compared", "higher", "lower", "unmatched", "missing", "repeated", "old")


def sort_figures(figures: Sequence[Figure],
                 is_current: Callable[[int | None], bool]) -> dict[str, list[Figure]]:
    """``GROUPS`` of the SDG 9 figures (9.2.2's nearest figure left out), in panel order:
    ``compared`` have a value and a peer median, ``higher``/``lower`` lie above/below it,
    ``unmatched`` have a value but no median, ``missing`` no value, ``repeated`` a value
    carried forward, ``old`` a value that ``is_current`` finds dated."""
    sdg = [f for f in figures if f.indicator != EMPLOYMENT]
    dated = [f for f in sdg if f.year is not None]
    compared = [f for f in dated if not math.isnan(f.peer_median)]
    return {"all": sdg, "compared": compared,
            "higher": [f for f in compared if f.value > f.peer_median],
            "lower": [f for f in compared if f.value < f.peer_median],
            "unmatched": [f for f in dated if math.isnan(f.peer_median)],
            "missing": [f for f in sdg if f.year is None],
            "repeated": [f for f in sdg if f.repeated_since is not None],
            "old": [f for f in dated if not is_current(f.year)]}
