"""The live explorer: the country in its region's spread (``common.region``) on
exports and trade in % of GDP, the manufactures and high-tech shares, or FDI in % of GDP."""

from __future__ import annotations

from policylab.display import note
from policylab.i18n import N_, _
from policylab.lessons.common import Lesson
from policylab.lessons.common.region import region_band_chart, region_band_message
from policylab.lessons.value_chains.fdi import RATIOS
from policylab.lessons.value_chains.trends import panel

#: English label -> indicator id or ``fdi.RATIOS`` id. It starts on exports in % of GDP,
#: which no other chart of the notebook draws.
INDICATORS = {
    N_("Exports of goods and services (% of GDP)"): "exports_gnfs_share_gdp",
    N_("Manufactures share of merchandise exports"): "manuf_share_merch_exports",
    N_("High-technology share of manufactured exports"): "hightech_share_manuf_exports",
    N_("FDI net inflows (% of GDP)"): "fdi_share_gdp",
    N_("Trade openness: exports plus imports (% of GDP)"): "trade_openness",
}
START = "exports_gnfs_share_gdp"


def indicators(ds=None) -> dict[str, str]:
    """``INDICATORS`` labelled in the current language (the ``explorer_indicators``)."""
    return {_(label): indicator for label, indicator in INDICATORS.items()}


def series(lesson: Lesson, indicator: str):
    """The wide panel (every country), label, unit and source line of an offered id."""
    if indicator in RATIOS:
        label, sources, build = RATIOS[indicator]
        label, unit, wide, text = _(label), _("% of GDP"), build(lesson), _("Ratio computed here. ")
    else:
        ind = lesson.ds.indicator(indicator)
        label, unit, sources = ind.label, ind.unit, (indicator,)
        wide, text = panel(lesson, indicator), ""
    source = lesson.source(*sources, note=text + _(
        "Band: 25th–75th percentile of {region}; rank 1 = highest.").format(region=lesson.region))
    return wide, label, unit, source


def view(lesson: Lesson, indicator: str) -> None:
    """Draw one explorer state (a Lesson built by ``common.show_explorer``)."""
    wide, label, unit, source = series(lesson, indicator or START)
    lesson.show(region_band_chart(lesson, wide, label=label, unit=unit, source=source,
                                  indicator=indicator or START))
    message = region_band_message(lesson, wide, label, unit, label_id=indicator or START)
    if message is not None:
        note(_("**Key message.** {message}").format(message=message.text))
