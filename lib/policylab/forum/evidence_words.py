"""One country's evidence for a shared priority, worded once for the forum page: the
priorities table (section 2) and the agenda (section 6) quote the same figures, and read
alike only if they are written by the same rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policylab.forum.workshop import rule_worse
from policylab.i18n import _
from policylab.narrative import fmt_quantity
from policylab.text import is_missing


def by_side(flag: str, lowest: str, highest: str) -> str:
    """The wording of the two that fits the side of the world a flag's rule looks at."""
    return lowest if rule_worse(flag) == "low" else highest


def evidence_words(name: str, item: Mapping[str, Any], unit: str, flag: str,
                   edge: float | None) -> str:
    """"Ghana US$ 243.7 per person (2024), peers US$ 352.6 per person, world's lowest
    quarter up to US$ 253.6 per person": ``item`` is one entry of a priority's evidence,
    ``edge`` the world-quarter threshold of ``flag``'s rule (None or NaN: not said)."""
    if item["indicator"] is None or is_missing(item["value"]):
        return _("{country}: no headline figure").format(country=name)
    text = f"{name} {fmt_quantity(item['value'], unit)}"
    if item["year"] is not None:
        text += f" ({item['year']})"
    if not is_missing(item["peer_median"]):
        text += ", " + _("peers {median}").format(median=fmt_quantity(item["peer_median"], unit))
    if edge is not None and not is_missing(edge):
        text += ", " + by_side(flag, _("world's lowest quarter up to {edge}"),
                               _("world's highest quarter up to {edge}")).format(
            edge=fmt_quantity(edge, unit))
    return text
