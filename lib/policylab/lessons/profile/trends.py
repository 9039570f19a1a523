"""Sections 1-3: manufacturing's size, exports and technology content over time against
peers and the region, the standing table (``metrics.profile_standing``), the CAGR
exercise, and the explorer's view (one indicator's trend chart and key message)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.charts.breaks import mark_breaks
from policylab.display import note
from policylab.evidence.breaks import judged_series, why_not_short, withheld
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson, trend
from policylab.lessons.common.trend import TrendWords
from policylab.lessons.profile import base
from policylab.lessons.profile.base import noun
from policylab.metrics.profile_growth import sound_cagr
from policylab.metrics.profile_standing import standing
from policylab.narrative import KeyMessage, change_message, fmt_number, fmt_quantity
from policylab.narrative import level_vs_group_message as peer_level_message
from policylab.text import possessive, sentence_start, year_range

#: Headline figures of this notebook in the results file.
HEADLINE = ("mva_share_gdp", "mva_per_capita", "mht_share_mva", "manuf_share_merch_exports")
STANDING = (*HEADLINE, "manuf_exports_per_capita", "mht_share_manuf_exports")
#: What the explorer offers: label -> indicator id.
EXPLORER_INDICATORS = {
    "Industry (with mining, utilities, construction), share of GDP": "industry_share_gdp",
    "Investment (gross capital formation), share of GDP": "investment_share_gdp",
    "Manufacturing share of GDP": "mva_share_gdp",
    "Manufacturing value added per person": "mva_per_capita",
    "Manufactures share of merchandise exports": "manuf_share_merch_exports",
    "Medium/high-tech share of manufacturing": "mht_share_mva",
}
#: The explorer starts on a measure that no other chart of the notebook shows, so that its
#: static (printed) rendering adds a view instead of repeating section 1.
EXPLORER_START = "industry_share_gdp"


#: The profile's trend titles ("Kenya's manufacturing value added fell from 12.3% to 7.6% of
#: GDP, 2000–2024").
WORDS = TrendWords(
    one="{who} {was} {level} in {y1}, the only year with data",
    withheld="{who} {was} {level} in {y1}; the change since {y0} is not read ({why})",
    same="{who} stayed at {level}, {years}", moved="{who} {verb} from {first} to {level}, {years}")


def trend_title(lesson: Lesson, indicator: str) -> str:
    """A title stating what happened to ``indicator`` over the lesson's years
    (``common.trend``); no change is read across a likely break (DESIGN §10), in the
    series or in one it is computed from (``evidence.breaks.judged_series``)."""
    ds, values = lesson.ds, lesson.window(indicator)
    if values.empty:
        return f"No data on {noun(ds, indicator)} for {lesson.name}, {year_range(*lesson.years)}"
    subject = noun(ds, indicator)
    return trend.trend_title(
        WORDS, f"{possessive(lesson.name, start=True)} {subject}", values,
        ds.indicator(indicator).unit,
        lambda y0, y1: withheld(ds, judged_series(ds, indicator), lesson.country, y0, y1,
                                words=why_not_short),
        was="were" if subject.endswith(("exports", "emissions")) else "was")


def no_data_reason(lesson: Lesson, indicator: str) -> str:
    missing = f"The data pack has no figure on {noun(lesson.ds, indicator)} for {lesson.name}"
    return trend.no_figure_reason(lesson, indicator, f"{missing} in {year_range(*lesson.years)}",
                                  f"{missing}. {base.source_text(lesson, indicator)}")


def trend_chart(lesson: Lesson, indicator: str) -> go.Figure | None:
    """``indicator`` over the lesson's years: the country, its peers and the median of its
    region, with a title that states the country's own change."""
    ind = lesson.ds.indicator(indicator)
    if lesson.window(indicator).empty:
        lesson.skip(ind.label, no_data_reason(lesson, indicator))
        return None
    count, label = len(lesson.peer_codes), f"{lesson.region} median"
    kind = "structural peers" if lesson.peers.method != "user" else "chosen peers"
    peers = f"{count} {kind}" if count != 1 else f"1 {kind[:-1]}"
    subtitle = f"{ind.label} ({ind.unit}): {lesson.name}, {peers} and the {label}"
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
    """The country's change over the lesson's years against its region's median in the last
    year (``narrative.change_message``)."""
    last, comparison = lesson.window(indicator), None
    if not last.empty:  # the region's median in the country's last year, or the one before
        near = trend.group_series(lesson, indicator, "region").loc[:last.index[-1]]
        value, year = ((float(near.iloc[-1]), int(near.index[-1])) if not near.empty
                       else (float("nan"), None))
        comparison = (f"regional median ({lesson.region})", value, year)
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year, comparison=comparison)


def peer_message(lesson: Lesson, indicator: str) -> KeyMessage:
    """The country's latest level against the median of its peers."""
    return peer_level_message(lesson.ds, indicator, lesson.country, lesson.peers,
                              year=lesson.end_year)


def explorer_view(lesson: Lesson, indicator: str) -> None:
    """Draw the comparison chart and key message for one explorer state."""
    lesson.show(trend_chart(lesson, indicator))
    note(f"**Key message.** {trend_message(lesson, indicator).text} "
         f"{peer_message(lesson, indicator).text}")


def standing_table(lesson: Lesson, indicators: tuple[str, ...] = STANDING) -> pd.DataFrame:
    """``metrics.profile_standing.standing`` with the indicators' labels and units, and the
    columns named for the page ("peers with data": how many peers the median is over)."""
    ds = lesson.ds
    table = standing(ds, indicators, lesson.country, lesson.peer_codes, lesson.end_year)
    table.index = pd.Index([f"{ds.indicator(i).label} ({ds.indicator(i).unit})"
                            for i in table.index], name="indicator")
    return table.rename(columns={
        "value": lesson.name, "peer_n": "peers with data", "peer_median": "peer median",
        "region": f"{lesson.region} median", "income_group": f"{lesson.income_group} median"})


def price_basis(unit: str) -> str:
    """The price basis of a US$ unit as a reader needs it ("current US$", "constant 2015
    US$"); "" for a unit without one. Growth in current US$ mixes prices and volume, so a
    figure in it must say so wherever it is shown."""
    head = unit.partition(" per ")[0].strip()
    return head if "US$" in head and head != "US$" else ""


def cagr_exercise(lesson: Lesson, indicator: str = "mva_per_capita") -> Exercise:
    """"Compute the CAGR of <indicator> between the first and last year shown", read only
    over years without a likely break in between (DESIGN §10)."""
    ds, unit = lesson.ds, lesson.ds.indicator(indicator).unit
    growth, shown_from, first = sound_cagr(ds, indicator, lesson.country, lesson.years)
    why = ""
    if first is not None and shown_from is not None and first > shown_from:
        reason = withheld(ds, indicator, lesson.country, shown_from, first, words=why_not_short)
        why = f" (Growth is read from {first} on only: {reason}.)"
    if math.isnan(growth.rate):
        return Exercise(f"Compute the average annual growth of {noun(ds, indicator)} for "
                        f"{lesson.name}.", float("nan"), unit="% a year")
    years, basis = growth.end_year - growth.start_year, price_basis(unit)
    current = basis.startswith("current")
    in_basis = f", both in {basis}{' (each year’s prices)' if current else ''}" if basis else ""
    prices = (" (in current US$, so part of it is price and exchange-rate change rather "
              "than more production)" if current else "")
    return Exercise(
        question=(f"{possessive(lesson.name, start=True)} {noun(ds, indicator)} was "
                  f"{fmt_quantity(growth.start_value, unit)} in {growth.start_year} and "
                  f"{fmt_quantity(growth.end_value, unit)} in {growth.end_year}{in_basis}. "
                  f"What was its compound annual growth rate (CAGR), in % a year?{why}"),
        answer=round(growth.rate * 100, 2), unit="% a year", tolerance=0.2,
        hint=f"CAGR = (last / first)^(1 / number of years) − 1; here {years} years.",
        explanation=("the CAGR is the constant yearly rate that takes the first value to the "
                     f"last{prices}."),
        solution=(f"`({fmt_number(growth.end_value, '')} / {fmt_number(growth.start_value, '')})"
                  f" ^ (1 / {years}) − 1 = {fmt_number(growth.rate * 100, '%', 2)}` a year"
                  f"{f' (values in {basis})' if basis else ''}."),
    )
