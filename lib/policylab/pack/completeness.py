"""Is a product panel complete enough, country by country, to show its export mix?

A sample of trade flows looks like trade data but gives wrong export mixes (the 1998-2000
sample the project once used put aircraft at a third of Ghana's exports). So each
country-year of the panel is compared with what WDI publishes for the same year: the
panel's total with merchandise exports (``TX.VAL.MRCH.CD.WT``), and its manufactures share
with WDI's (``TX.VAL.MANF.ZS.UN``, where published). A country-year passes when the total
reaches ``MIN_TOTAL_RATIO`` of WDI's and the share is within ``MAX_SHARE_GAP`` points;
one that fails, or that WDI cannot check, gets no product-level analysis. The rows stay in
the pack, so world totals (and every other country's RCA) remain complete.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

MIN_TOTAL_RATIO = 0.8
MAX_SHARE_GAP = 10.0  # percentage points


def check_panel(trade: pd.DataFrame, manufacture: pd.Series, merch_exports: pd.Series,
                manuf_share: pd.Series) -> list[dict[str, Any]]:
    """One record per exporter-year of ``trade``: the figures compared and ``ok``.

    ``manufacture`` maps product code -> bool; ``merch_exports`` and ``manuf_share`` are WDI
    values indexed by (iso3, year).
    """
    if trade.empty:
        return []
    rows = trade.assign(manuf=trade["product"].astype(str).map(manufacture).fillna(False))
    rows["manuf_value"] = rows["value"].where(rows["manuf"], 0.0)
    totals = rows.groupby(["exporter", "year"], observed=True)[["value", "manuf_value"]].sum()
    records = []
    for (iso3, year), row in totals.iterrows():
        wdi_total = merch_exports.get((iso3, year))
        wdi_share = manuf_share.get((iso3, year))
        share = 100.0 * row["manuf_value"] / row["value"] if row["value"] > 0 else None
        record: dict[str, Any] = {
            "country": str(iso3), "year": int(year), "panel_total": float(row["value"]),
            "wdi_total": _number(wdi_total), "panel_manuf_share": _number(share),
            "wdi_manuf_share": _number(wdi_share),
        }
        record["reason"] = _failure(record)
        record["ok"] = record["reason"] == ""
        records.append(record)
    return records


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 4)


def _failure(record: dict[str, Any]) -> str:
    if record["wdi_total"] is None or record["wdi_total"] <= 0:
        return "WDI publishes no merchandise exports to check the panel against"
    ratio = record["panel_total"] / record["wdi_total"]
    if ratio < MIN_TOTAL_RATIO:
        return (f"panel total is {ratio:.0%} of WDI merchandise exports "
                f"(needs {MIN_TOTAL_RATIO:.0%})")
    if record["wdi_manuf_share"] is not None and record["panel_manuf_share"] is not None:
        gap = abs(record["panel_manuf_share"] - record["wdi_manuf_share"])
        if gap > MAX_SHARE_GAP:
            return (f"manufactures share {record['panel_manuf_share']:.1f}% in the panel "
                    f"against {record['wdi_manuf_share']:.1f}% in WDI "
                    f"(more than {MAX_SHARE_GAP:g} points apart)")
    return ""
