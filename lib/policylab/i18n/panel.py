"""Why a country is left out of the product-level analysis, in the reader's language.

The pack build records each excluded country-year of the product panel in the manifest with
its figures and an English reason (``pack.completeness``); a page shows the reason in the
current language, written again from the same figures and the same thresholds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policylab.i18n.language import is_source_language
from policylab.i18n.messages import _


def panel_reason(record: Mapping[str, Any]) -> str:
    """The manifest's English reason in English; else the same statement in the current
    language (the English one when the record lacks the figures it needs)."""
    reason = str(record.get("reason", ""))
    if is_source_language():
        return reason
    from policylab.pack.completeness import MAX_SHARE_GAP, MIN_TOTAL_RATIO
    from policylab.text import format_value

    wdi_total, panel_total = record.get("wdi_total"), record.get("panel_total")
    if wdi_total is None or wdi_total <= 0:
        return _("WDI publishes no merchandise exports to check the panel against")
    if panel_total is not None and panel_total / wdi_total < MIN_TOTAL_RATIO:
        return _("panel total is {ratio} of WDI merchandise exports (needs {needed})").format(
            ratio=format_value(100 * panel_total / wdi_total, "%", decimals=0),
            needed=format_value(100 * MIN_TOTAL_RATIO, "%", decimals=0))
    panel, wdi = record.get("panel_manuf_share"), record.get("wdi_manuf_share")
    if panel is not None and wdi is not None and abs(panel - wdi) > MAX_SHARE_GAP:
        return _("manufactures share {panel} in the panel against {wdi} in WDI (more than "
                 "{gap} points apart)").format(
            panel=format_value(panel, "%", decimals=1), wdi=format_value(wdi, "%", decimals=1),
            gap=format_value(int(MAX_SHARE_GAP) if float(MAX_SHARE_GAP).is_integer()
                             else MAX_SHARE_GAP))
    return reason
