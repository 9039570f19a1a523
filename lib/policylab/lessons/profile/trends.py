"""Sections 1-3: manufacturing's size, exports and technology content over time against
peers and the region, the standing table, and the CAGR exercise."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.evidence import group_median_series, peer_median
from policylab.learning.exercises import Exercise
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import (
    DEFAULT_GROUP,
    comparison_label,
    focus_window,
    group_label,
    group_series,
    mark_country_breaks,
    noun,
    panel,
    sound_start,
    source_text,
    withheld_short,
)
from policylab.metrics.growth import cagr
from policylab.narrative import (
    KeyMessage,
    change_message,
    fmt_number,
    fmt_quantity,
    level_vs_group_message,
)
from policylab.text import possessive, sentence_start, year_range

#: Headline figures of this notebook in the results file.
HEADLINE = ("mva_share_gdp", "mva_per_capita", "mht_share_mva", "manuf_share_merch_exports")
STANDING = (*HEADLINE, "manuf_exports_per_capita", "mht_share_manuf_exports")


def peer_words(lesson: Lesson) -> str:
    count = len(lesson.peer_codes)
    kind = "structural peers" if lesson.peers.method != "user" else "chosen peers"
    return f"{count} {kind}" if count != 1 else f"1 {kind[:-1]}"


def trend_title(lesson: Lesson, indicator: str) -> str:
    """A title stating what happened to ``indicator`` over the lesson's years, e.g.
    "Kenya's manufacturing value added fell from 12.3% to 7.6% of GDP, 2000–2024"."""
    ds, unit = lesson.ds, lesson.ds.indicator(indicator).unit
    values = focus_window(lesson, indicator)
    who = f"{possessive(lesson.name, start=True)} {noun(ds, indicator)}"
    if values.empty:
        return f"No data on {noun(ds, indicator)} for {lesson.name}, {year_range(*lesson.years)}"
    (y0, v0), (y1, v1) = (values.index[0], values.iloc[0]), (values.index[-1], values.iloc[-1])
    if y0 == y1:
        return f"{who} was {fmt_quantity(v1, unit)} in {y1}, the only year with data"
    reason = withheld_short(ds, indicator, lesson.country, int(y0), int(y1))
    if reason is not None:  # no change across a likely break (DESIGN §10)
        return (f"{who} was {fmt_quantity(v1, unit)} in {y1}; the change since {y0} is not "
                f"read ({reason})")
    if fmt_number(v0, unit) == fmt_number(v1, unit):
        return f"{who} stayed at {fmt_quantity(v1, unit)}, {year_range(y0, y1)}"
    verb = "rose" if v1 > v0 else "fell"
    return f"{who} {verb} from {fmt_number(v0, unit)} to {fmt_quantity(v1, unit)}, " \
           f"{year_range(y0, y1)}"


def no_data_reason(lesson: Lesson, indicator: str) -> str:
    ds = lesson.ds
    latest = ds.latest(indicator, lesson.country)
    if latest.year is None:
        return (f"The data pack has no figure on {noun(ds, indicator)} for {lesson.name}. "
                f"{source_text(lesson, indicator).replace('<br>', ' ')}")
    return (f"The data pack has no figure on {noun(ds, indicator)} for {lesson.name} in "
            f"{year_range(*lesson.years)}; the latest is "
            f"{fmt_quantity(latest.value, ds.indicator(indicator).unit)} from {latest.year}.")


def trend_chart(lesson: Lesson, indicator: str, group: str = DEFAULT_GROUP) -> go.Figure | None:
    """``indicator`` over the lesson's years: the country, its peers and the median of its
    region (or income group), with a title that states the country's own change."""
    ind = lesson.ds.indicator(indicator)
    if focus_window(lesson, indicator).empty:
        lesson.skip(ind.label, no_data_reason(lesson, indicator))
        return None
    subtitle = (f"{ind.label} ({ind.unit}): {lesson.name}, {peer_words(lesson)} and the "
                f"{group_label(lesson, group)}")
    fig = line_compare(
        panel(lesson, indicator), lesson.country, lesson.peer_codes,
        group_series(lesson, indicator, group),
        title=title_with_subtitle(trend_title(lesson, indicator), subtitle),
        unit=ind.unit, source=source_text(lesson, indicator), names=lesson.names,
        y_label=sentence_start(ind.unit), group_label=sentence_start(group_label(lesson, group)),
    )
    return mark_country_breaks(fig, lesson, indicator)


def trend_message(lesson: Lesson, indicator: str, group: str = DEFAULT_GROUP) -> KeyMessage:
    """The country's change over the lesson's years against its group median in the last
    year (``narrative.change_message``)."""
    medians = group_series(lesson, indicator, group)
    last = focus_window(lesson, indicator)
    comparison = None
    if not last.empty:
        near = medians[medians.index <= last.index[-1]]
        value, year = ((float(near.iloc[-1]), int(near.index[-1])) if not near.empty
                       else (float("nan"), None))
        comparison = (comparison_label(lesson, group), value, year)
    return change_message(lesson.ds, indicator, lesson.country, lesson.start_year,
                          lesson.end_year, comparison=comparison)


def peer_message(lesson: Lesson, indicator: str) -> KeyMessage:
    """The country's latest level against the median of its peers."""
    return level_vs_group_message(lesson.ds, indicator, lesson.country, lesson.peers,
                                  year=lesson.end_year)


def standing_table(lesson: Lesson, indicators: tuple[str, ...] = STANDING) -> pd.DataFrame:
    """Latest value of each indicator against the peer median (``evidence.peer_median``,
    NaN when fewer than ``evidence.MIN_COUNT`` peers report: the count is in "peers with
    data") and the region and income-group medians in the country's own year."""
    ds, rows = lesson.ds, []
    for indicator in indicators:
        ind = ds.indicator(indicator)
        own = ds.latest(indicator, lesson.country, max_year=lesson.end_year)
        reference = own.year if own.year is not None else lesson.end_year
        peers = peer_median(ds, indicator, lesson.peer_codes, reference)
        row = {"indicator": f"{ind.label} ({ind.unit})", "year": own.year,
               lesson.name: own.value, "peers with data": peers.count,
               "peer median": peers.value}
        for group, label in (("region", lesson.region), ("income_group", lesson.income_group)):
            yearly = group_median_series(ds, indicator, group, label, (reference, reference))
            row[f"{label} median"] = float(yearly.iloc[0]) if len(yearly) else math.nan
        rows.append(row)
    table = pd.DataFrame(rows).set_index("indicator")
    table["year"] = table["year"].astype(float)  # missing years print as a dash
    return table


def cagr_exercise(lesson: Lesson, indicator: str = "mva_per_capita") -> Exercise:
    """"Compute the CAGR of <indicator> between the first and last year shown"."""
    ds = lesson.ds
    values = focus_window(lesson, indicator)
    first = sound_start(ds, indicator, lesson.country, [int(y) for y in values.index])
    # growth is computed only over years without a likely break in between (DESIGN §10)
    shown_from = int(values.index[0]) if len(values) else None
    values = values[values.index >= first] if first is not None else values.iloc[:0]
    growth = cagr(values)
    why = ""
    if first is not None and shown_from is not None and first > shown_from:
        reason = withheld_short(ds, indicator, lesson.country, shown_from, first)
        why = f" (Growth is read from {first} on only: {reason}.)"
    unit = ds.indicator(indicator).unit
    if math.isnan(growth.rate):
        return Exercise(f"Compute the average annual growth of {noun(ds, indicator)} for "
                        f"{lesson.name}.", float("nan"), unit="% a year")
    years = growth.end_year - growth.start_year
    return Exercise(
        question=(f"{possessive(lesson.name, start=True)} {noun(ds, indicator)} was "
                  f"{fmt_quantity(growth.start_value, unit)} in {growth.start_year} and "
                  f"{fmt_quantity(growth.end_value, unit)} in {growth.end_year}. What was its "
                  f"compound annual growth rate (CAGR), in % a year?{why}"),
        answer=round(growth.rate * 100, 2), unit="% a year", tolerance=0.2,
        hint=f"CAGR = (last / first)^(1 / number of years) − 1; here {years} years.",
        explanation=("the CAGR is the constant yearly rate that takes the first value to the "
                     "last; it is in current US$, so part of it is price and exchange-rate "
                     "change rather than more production."),
        solution=(f"`({fmt_number(growth.end_value, '')} / {fmt_number(growth.start_value, '')})"
                  f" ^ (1 / {years}) − 1 = {fmt_number(growth.rate * 100, '%', 2)}` a year."),
    )
