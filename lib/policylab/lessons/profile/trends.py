"""Sections 1-3: manufacturing's size, exports and technology content against peers and the
region, the standing table, the CAGR exercise, and the explorer's view."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.charts.breaks import mark_breaks
from policylab.display import note
from policylab.evidence import group_median
from policylab.evidence.breaks import judged_series, why_not_short, withheld
from policylab.i18n import N_, _, ngettext, pgettext, using_language
from policylab.learning import forms
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson, trend
from policylab.lessons.common.trend import TrendWords
from policylab.lessons.profile import base
from policylab.metrics.profile_growth import sound_cagr
from policylab.metrics.profile_standing import standing
from policylab.narrative import KeyMessage, change_message
from policylab.narrative import level_vs_group_message as peer_level_message
from policylab.narrative.changes import price_basis, title_verb, title_was
from policylab.narrative.messages import subject
from policylab.text import sentence_start, year_range

#: Headline figures of this notebook in the results file.
HEADLINE = ("mva_share_gdp", "mva_per_capita", "mht_share_mva", "manuf_share_merch_exports")
STANDING = (*HEADLINE, "manuf_exports_per_capita", "mht_share_manuf_exports")
#: What the explorer offers: label -> indicator id.
EXPLORER_INDICATORS = {
    N_("Industry (with mining, utilities, construction), share of GDP"): "industry_share_gdp",
    N_("Investment (gross capital formation), share of GDP"): "investment_share_gdp",
    N_("Manufacturing share of GDP"): "mva_share_gdp",
    N_("Manufacturing value added per person"): "mva_per_capita",
    N_("Manufactures share of merchandise exports"): "manuf_share_merch_exports",
    N_("Medium/high-tech share of manufacturing"): "mht_share_mva",
}
#: The explorer starts on a measure that no other chart of the notebook shows, so that its
#: static (printed) rendering adds a view instead of repeating section 1.
EXPLORER_START = "industry_share_gdp"


#: The profile's trend titles ("Kenya's manufacturing value added fell from 12.3% to 7.6% of
#: GDP, 2000–2024").
WORDS = TrendWords(
    one=N_("{who} {was} {level} in {y1}, the only year with data"),
    withheld=N_("{who} {was} {level} in {y1}; the change since {y0} is not read ({why})"),
    same=N_("{who} stayed at {level}, {years}"),
    moved=N_("{who} {verb} from {first} to {level}, {years}"))


def trend_title(lesson: Lesson, indicator: str) -> str:
    """A title stating how ``indicator`` moved; no change is read across a likely break in
    it or in a series it is computed from (DESIGN §10)."""
    ds, values, ind = lesson.ds, lesson.window(indicator), lesson.ds.indicator(indicator)
    named = subject(ind)
    if values.empty:
        return _("No data on {indicator} for {country}, {years}").format(
            indicator=named, country=lesson.name, years=year_range(*lesson.years))
    who = _("{country.Possessive} {indicator}").format(country=lesson.name, indicator=named)
    shown = values.dropna().sort_index()
    return trend.trend_title(
        WORDS.translated(), sentence_start(who), values,
        ind.unit,
        lambda y0, y1: withheld(ds, judged_series(ds, indicator), lesson.country, y0, y1,
                                words=why_not_short),
        was=title_was(ind), verb=title_verb(float(shown.iloc[0]), float(shown.iloc[-1])))


def no_data_reason(lesson: Lesson, indicator: str) -> str:
    """Why ``indicator``'s chart is skipped, with the latest figure when there is one."""
    fields = {"indicator": subject(lesson.ds.indicator(indicator)), "country": lesson.name}
    return trend.no_figure_reason(
        lesson, indicator,
        _("The data pack has no figure on {indicator} for {country} in {years}").format(
            years=year_range(*lesson.years), **fields),
        _("The data pack has no figure on {indicator} for {country}. {source}").format(
            source=base.source_text(lesson, indicator), **fields))


def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """``indicator`` for the country, its peers and its region, titled with its change."""
    ind = lesson.ds.indicator(indicator)
    if lesson.window(indicator).empty:
        lesson.skip(ind.label, no_data_reason(lesson, indicator))
        return None
    count, label = len(lesson.peer_codes), _("{region} median").format(region=lesson.region)
    peers = (ngettext("{n} structural peer", "{n} structural peers", count)
             if lesson.peers.method != "user" else
             ngettext("{n} chosen peer", "{n} chosen peers", count)).format(n=count)
    subtitle = _("{indicator} ({unit}): {country}, {peers} and the {group}").format(
        indicator=ind.label_beside_unit, unit=ind.unit, country=lesson.name, peers=peers,
        group=label)
    fig = line_compare(
        lesson.panel(indicator), lesson.country, lesson.peer_codes,
        trend.group_series(lesson, indicator, "region"),
        title=title_with_subtitle(trend_title(lesson, indicator), subtitle),
        unit=ind.unit, source=base.source_text(lesson, indicator), names=lesson.names,
        y_label=sentence_start(ind.unit), group_label=sentence_start(label), indicator=ind.label,
    )
    shown = lesson.window(indicator).index  # marks only inside the country's years with data
    return mark_breaks(fig, lesson.ds, indicator, lesson.country, lesson.name,
                       (int(shown.min()), int(shown.max())), fit=True)


def trend_message(lesson: Lesson, indicator: str) -> KeyMessage:
    """The country's change against its region's median in its last year: a stated median,
    so by ``evidence.group_median``'s rule, as the standing table beside it (the chart's
    yearly line is each year's reporters)."""
    last, comparison = lesson.window(indicator), None
    if not last.empty:
        year = int(last.index[-1])
        median = group_median(lesson.ds, indicator, "region", lesson.region, year)
        comparison = (_("regional median ({region})").format(region=lesson.region),
                      median.value, year if median.ok else None)
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year, comparison=comparison)


def peer_message(lesson: Lesson, indicator: str) -> KeyMessage:
    """The country's latest level against the median of its peers."""
    return peer_level_message(lesson.ds, indicator, lesson.country, lesson.peers,
                              year=lesson.end_year)


def explorer_view(lesson: Lesson, indicator: str) -> None:
    """Draw the comparison chart and key message for one explorer state."""
    lesson.show(trend_chart(lesson, indicator))
    note(_("**Key message.** {change} {against_peers}").format(
        change=trend_message(lesson, indicator).text,
        against_peers=peer_message(lesson, indicator).text))


def standing_table(lesson: Lesson, indicators: tuple[str, ...] = STANDING) -> pd.DataFrame:
    """``metrics.profile_standing.standing`` labelled for the page."""
    ds = lesson.ds
    table = standing(ds, indicators, lesson.country, lesson.peer_codes, lesson.end_year)
    table["year"] = table["year"].astype("Int64")  # a year column under any header's name
    table.index = pd.Index([ds.indicator(i).label_with_unit for i in table.index],
                           name=pgettext("table header", "Indicator"))
    return table.rename(columns={
        "value": lesson.name, "year": pgettext("table header", "Year"),
        "peer_n": pgettext("table header", "Peers with data"),
        "peer_median": pgettext("table header", "Peer median"),
        "region": sentence_start(_("{region} median").format(region=lesson.region)),
        "income_group": sentence_start(_("{group} median").format(group=lesson.income_group))})


def cagr_exercise(lesson: Lesson, indicator: str = "mva_per_capita") -> Exercise:
    """The CAGR of ``indicator`` (``learning.forms``), read only over years without
    a likely break in between (DESIGN §10)."""
    ds, ind = lesson.ds, lesson.ds.indicator(indicator)
    growth, shown_from, first = sound_cagr(ds, indicator, lesson.country, lesson.years)
    why = ""
    if first is not None and shown_from is not None and first > shown_from:
        reason = withheld(ds, indicator, lesson.country, shown_from, first, words=why_not_short)
        why = " " + _("(Growth is read from {year} on only: {reason}.)").format(year=first,
                                                                              reason=reason)
    with using_language("en"):
        basis = price_basis(ds.indicator(indicator).unit)
    return forms.cagr_exercise(lesson.name, subject(ind), ind.unit, growth, basis, why)
