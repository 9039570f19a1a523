"""Section 7: foreign direct investment (in % of GDP, computed here) and trade openness,
the trade-based proxy for value-chain participation."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.display import Table
from policylab.evidence import peer_median
from policylab.evidence.medians import median_of
from policylab.i18n import N_, _
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains.trends import panel, trend_chart
from policylab.metrics.country_panels import recent_latest
from policylab.metrics.value_chains_trade import latest_by_column, percent_of, sum_of
from policylab.narrative import KeyMessage, fmt_number


def fdi_share_panel(lesson: Lesson) -> pd.DataFrame:
    """FDI net inflows as % of GDP (fdi_inflows_usd / gdp_usd x 100), every country."""
    return percent_of(panel(lesson, "fdi_inflows_usd"), panel(lesson, "gdp_usd"))


def openness_panel(lesson: Lesson) -> pd.DataFrame:
    """Exports plus imports of goods and services, % of GDP (a value-chain proxy)."""
    return sum_of(panel(lesson, "exports_gnfs_share_gdp"), panel(lesson, "imports_gnfs_share_gdp"))


#: The ratios computed here, all in % of GDP: id -> (label, inputs, wide panel builder).
RATIOS = {
    "fdi_share_gdp": (N_("FDI net inflows"), ("fdi_inflows_usd", "gdp_usd"), fdi_share_panel),
    "trade_openness": (N_("Exports plus imports"), ("exports_gnfs_share_gdp",
                                                "imports_gnfs_share_gdp"), openness_panel),
}


def _ratio_chart(lesson: Lesson, ratio: str, section: str, label: str,
                 note: str) -> go.Figure | None:
    """The trend chart of a ratio of ``RATIOS``, its breaks judged on it and its inputs."""
    _label, inputs, build = RATIOS[ratio]
    return trend_chart(lesson, build(lesson), section=section, label=label,
                       unit=_("% of GDP"), source=lesson.source(*inputs, note=note),
                       indicators=inputs, computed=True)


def fdi_chart(lesson: Lesson) -> go.Figure | None:
    """FDI net inflows in % of GDP: size-free, so comparable across countries."""
    return _ratio_chart(lesson, "fdi_share_gdp", _("FDI inflows"), _("FDI net inflows"),
                        _("% of GDP computed here: inflows / GDP x 100."))


def openness_chart(lesson: Lesson) -> go.Figure | None:
    """Trade in goods and services relative to GDP: the proxy for value-chain exposure."""
    return _ratio_chart(lesson, "trade_openness", _("Trade openness"),
                        _("Exports plus imports of goods and services"),
                        _("Sum computed here; a proxy, not TiVA value-chain participation."))


def fdi_table(lesson: Lesson) -> Table | None:
    """Latest FDI inflows in US$ and % of GDP, the country and its peers."""
    usd = lesson.ds.latest_values("fdi_inflows_usd", lesson.codes,
                                  max_year=lesson.end_year).reindex(lesson.codes)
    if usd["value"].isna().all():
        return None
    shares = latest_by_column(fdi_share_panel(lesson)).reindex(lesson.codes)
    year_head, share_year = _("Year"), _("Year (% of GDP)")
    frame = pd.DataFrame({
        _("Country"): [lesson.ds.name(code) for code in lesson.codes],
        _("FDI net inflows (US$ million)"): usd["value"] / 1e6, year_head: usd["year"],
        _("FDI net inflows (% of GDP)"): shares["value"], share_year: shares["year"],
    }).reset_index(drop=True)
    return Table(frame, _("Foreign direct investment, net inflows: {country} and "
                          "peers, latest year").format(country=lesson.name),
                 lesson.source("fdi_inflows_usd", "gdp_usd"),
                 {year_head: lambda y: str(int(y)), share_year: lambda y: str(int(y))})


def fdi_message(lesson: Lesson) -> KeyMessage | None:
    shares = fdi_share_panel(lesson)
    usd = lesson.ds.latest("fdi_inflows_usd", lesson.country, max_year=lesson.end_year)
    own = latest_by_column(shares.reindex(columns=[lesson.country]))
    if usd.year is None or own.empty:
        return None
    share, share_year = own.at[lesson.country, "value"], int(own.at[lesson.country, "year"])
    median = peer_median(lesson.ds, "fdi_inflows_usd", lesson.peer_codes, usd.year)
    peer_share = median_of(recent_latest(shares, lesson.peer_codes, usd.year), "peers")
    fields = {"usd": fmt_number(usd.value, "US$"), "year": usd.year, "share_year": share_year,
              "share": fmt_number(share, "%"),
              "versus": _(", against a peer median of {median}").format(
                  median=fmt_number(peer_share.value, "%")) if peer_share.ok else ""}
    if share_year == usd.year:
        text = _("{country} received {usd} of net FDI inflows in {year}, {share} "
                 "of GDP{versus}.").format(country=lesson.name, **fields)
    else:
        text = _("{country} received {usd} of net FDI inflows in {year}; in "
                 "{share_year}, the latest year with GDP data too, inflows were "
                 "{share} of GDP{versus}.").format(country=lesson.name, **fields)
    return KeyMessage(text, "fdi_inflows_usd", {"value": usd.value, "year": usd.year,
                                                "share_gdp": float(share),
                                                "peer_median_usd": median.value})
