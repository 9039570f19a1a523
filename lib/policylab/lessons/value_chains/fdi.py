"""Section 7: foreign direct investment (in % of GDP, computed here) and trade openness,
the trade-based proxy for value-chain participation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.evidence import peer_median
from policylab.evidence.medians import median_of
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains.panel import Table
from policylab.lessons.value_chains.trends import panel, trend_chart
from policylab.narrative import KeyMessage, fmt_number


def fdi_share_panel(lesson: Lesson) -> pd.DataFrame:
    """FDI net inflows as % of GDP (fdi_inflows_usd / gdp_usd x 100), every country."""
    fdi, gdp = panel(lesson, "fdi_inflows_usd"), panel(lesson, "gdp_usd")
    gdp = gdp.where(gdp > 0)
    return (fdi / gdp.reindex_like(fdi) * 100).dropna(how="all").dropna(axis=1, how="all")


def openness_panel(lesson: Lesson) -> pd.DataFrame:
    """Exports plus imports of goods and services, % of GDP (a value-chain proxy)."""
    exports = panel(lesson, "exports_gnfs_share_gdp")
    imports = panel(lesson, "imports_gnfs_share_gdp")
    return (exports + imports.reindex_like(exports)).dropna(how="all").dropna(axis=1, how="all")


def fdi_chart(lesson: Lesson) -> go.Figure | None:
    """FDI net inflows in % of GDP: size-free, so comparable across countries."""
    return trend_chart(
        lesson, fdi_share_panel(lesson), section="FDI inflows",
        label="FDI net inflows", unit="% of GDP",
        source=lesson.source("fdi_inflows_usd", "gdp_usd",
                             note="% of GDP computed here: inflows / GDP x 100."),
        indicators=("fdi_inflows_usd", "gdp_usd"), computed=True)


def openness_chart(lesson: Lesson) -> go.Figure | None:
    """Trade in goods and services relative to GDP: the proxy for value-chain exposure."""
    return trend_chart(
        lesson, openness_panel(lesson), section="Trade openness",
        label="Exports plus imports of goods and services", unit="% of GDP",
        source=lesson.source("exports_gnfs_share_gdp", "imports_gnfs_share_gdp",
                             note="Sum computed here; a proxy, not TiVA value-chain "
                                  "participation."),
        indicators=("exports_gnfs_share_gdp", "imports_gnfs_share_gdp"), computed=True)


def fdi_table(lesson: Lesson) -> Table | None:
    """Latest FDI inflows in US$ and % of GDP, the country and its peers."""
    rows = []
    shares = fdi_share_panel(lesson)
    for code in lesson.codes:
        usd = lesson.ds.latest("fdi_inflows_usd", code, max_year=lesson.end_year)
        share = shares[code].dropna() if code in shares.columns else pd.Series(dtype=float)
        rows.append({"Country": lesson.ds.name(code),
                     "FDI net inflows (US$ million)": usd.value / 1e6, "Year": usd.year,
                     "FDI net inflows (% of GDP)": share.iloc[-1] if len(share) else np.nan,
                     "Year (% of GDP)": int(share.index[-1]) if len(share) else None})
    frame = pd.DataFrame(rows)
    if frame["FDI net inflows (US$ million)"].isna().all():
        return None
    return Table(frame, f"Foreign direct investment, net inflows: {lesson.name} and peers, "
                 "latest year", lesson.source("fdi_inflows_usd", "gdp_usd"),
                 {"Year": lambda y: str(int(y)), "Year (% of GDP)": lambda y: str(int(y))})


def fdi_message(lesson: Lesson) -> KeyMessage | None:
    shares = fdi_share_panel(lesson)
    usd = lesson.ds.latest("fdi_inflows_usd", lesson.country, max_year=lesson.end_year)
    if usd.year is None or lesson.country not in shares.columns:
        return None
    share = shares[lesson.country].dropna()
    if share.empty:
        return None
    median = peer_median(lesson.ds, "fdi_inflows_usd", lesson.peer_codes, usd.year)
    recent = shares.reindex(columns=lesson.peer_codes).loc[:usd.year].tail(5)
    peer_share = (median_of(recent.ffill().iloc[-1], "peers") if len(recent)
                  else median_of(pd.Series(dtype=float), "peers"))
    versus = (f", against a peer median of {fmt_number(peer_share.value, '%')}"
              if peer_share.ok else "")
    share_year = int(share.index[-1])
    if share_year == usd.year:
        share_text = f", {fmt_number(share.iloc[-1], '%')} of GDP{versus}."
    else:
        share_text = (f"; in {share_year}, the latest year with GDP data too, inflows were "
                      f"{fmt_number(share.iloc[-1], '%')} of GDP{versus}.")
    text = (f"{lesson.name} received {fmt_number(usd.value, 'US$')} of net FDI inflows in "
            f"{usd.year}{share_text}")
    return KeyMessage(text, "fdi_inflows_usd", {"value": usd.value, "year": usd.year,
                                                "share_gdp": float(share.iloc[-1]),
                                                "peer_median_usd": median.value})
