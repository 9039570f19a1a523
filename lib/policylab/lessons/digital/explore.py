"""The explorer: the country and its peers inside the spread of their World Bank region,
year by year (the band and its message: ``common.region``)."""

from policylab.charts.breaks import mark_breaks
from policylab.display import note
from policylab.i18n import N_, _
from policylab.lessons.common.region import region_band_chart, region_band_message
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import short
from policylab.metrics.digital import world_panel

#: What the live explorer offers (label -> indicator id). It starts on secure servers,
#: which the notebook otherwise shows only as latest-year bars, and draws a view no other
#: chart draws: the country inside its region's spread, year by year.
EXPLORER_INDICATORS = {
    N_("Secure internet servers (per million people)"): "secure_servers_per_million",
    N_("Internet users (% of the population)"): "internet_users_share",
    N_("Fixed broadband subscriptions (per 100 people)"): "fixed_broadband_per100",
    N_("Mobile subscriptions (per 100 people)"): "mobile_per100",
    N_("R&D expenditure (% of GDP)"): "rd_share_gdp",
    N_("Researchers in R&D (per million people)"): "researchers_per_million",
}
EXPLORER_START = "secure_servers_per_million"
#: Indicators drawn on a log scale in the explorer: their values span several orders of
#: magnitude within a region, so a linear axis flattens every country but the leader.
LOG_SCALE = frozenset({"secure_servers_per_million"})


def explorer_indicators(ds=None) -> dict[str, str]:
    """``EXPLORER_INDICATORS`` with its labels in the current language."""
    return {_(label): indicator for label, indicator in EXPLORER_INDICATORS.items()}


def view(lesson: Lesson, indicator: str) -> None:
    """The explorer's chart and key message for one state (``common.show_explorer``)."""
    ind, label = lesson.ds.indicator(indicator), short(lesson, indicator)
    panel = world_panel(lesson.ds, indicator).loc[lesson.start_year:lesson.end_year]
    source = lesson.source(indicator, note=_("Band: 25th–75th percentile of {region}; rank 1 = "
                                             "highest.").format(region=lesson.region))
    fig = region_band_chart(lesson, panel, label=label, unit=ind.unit, source=source,
                            log_y=indicator in LOG_SCALE, indicator=indicator)
    lesson.show(fig if fig is None else mark_breaks(fig, lesson.ds, indicator,
                                                    lesson.country, lesson.name))
    message = region_band_message(lesson, panel, label, ind.unit, indicator)
    if message is not None:
        note(_("**Key message.** {message}").format(message=message.text))
