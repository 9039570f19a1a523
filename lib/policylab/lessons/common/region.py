"""The country in its World Bank region, year by year: where it ranks, the band of the
region's middle half and its median (``charts.band.region_band``), and the sentence saying
how its rank moved. The lessons' live explorers draw it (digital, value chains).

A rank compares each country's latest figure in the recency window up to the country's own
year (``metrics.digital.latest_in_panel``), so the words name the span of those figures
("each country's latest figure, 2021–2025") rather than one year (DESIGN §10)."""

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.band import region_band
from policylab.evidence import MIN_COUNT
from policylab.evidence.breaks import change_is_sound, series_flags, why_not
from policylab.evidence.medians import median_of
from policylab.i18n import _
from policylab.i18n.labels import label_phrase
from policylab.lessons.common.trend import skip_no_figure
from policylab.lessons.context import Lesson
from policylab.metrics.digital import RegionPosition, latest_in_panel
from policylab.metrics.digital import region_position as position_among
from policylab.narrative import KeyMessage, fmt_quantity
from policylab.narrative.format import ordinal
from policylab.narrative.phrases import short_figure
from policylab.text import year_range

#: The band of a region's middle half is drawn only for years in which at least this many
#: of its countries have a figure: quartiles of three or four values mean little.
MIN_BAND_COUNTRIES = 5


def region_members(lesson: Lesson) -> list[str]:
    """The non-aggregate countries of the focus country's World Bank region."""
    meta = lesson.ds.countries()
    return list(meta.index[meta["region"] == lesson.region])


def region_position(lesson: Lesson, panel: pd.DataFrame, year: int) -> RegionPosition | None:
    """The focus country's position in its region in ``year`` (``metrics.digital``)."""
    return position_among(panel, region_members(lesson), lesson.country, year)


def region_band_chart(lesson: Lesson, panel: pd.DataFrame, *, label: str, unit: str,
                      source: str, log_y: bool = False,
                      indicator: str | None = None) -> go.Figure | None:
    """The focus country and its peers inside the spread of their region, year by year:
    the shaded band is the middle half of the region's countries (25th to 75th
    percentile), the dashed line its median. ``panel`` is wide (index year, columns ISO3,
    every country, the lesson's years). The title says where the country stood in its
    latest year. Shared by the lessons' live explorers. ``indicator`` (its id, or the id
    of a ratio the lesson computes) gives the label its article in French and Spanish
    (``i18n.labels``)."""
    focus = panel.get(lesson.country, pd.Series(dtype=float)).dropna()
    if focus.empty:
        skip_no_figure(lesson, _("{label} in {region}").format(label=label,
                                                                 region=lesson.region), label,
                       indicator=indicator)
        return None
    last = region_position(lesson, panel, int(focus.index[-1]))
    title = _("{country} ranked {rank} of {count} in {region} on {label} ({figures})").format(
        country=lesson.name, rank=ordinal(last.rank), count=last.count, region=lesson.region,
        label=label_phrase(indicator, label),
        figures=ranked_figures(last, fmt_quantity(last.value, unit)))
    if last.quarter():
        title = _("{title}: {quarter}").format(title=title, quarter=last.quarter())
    return region_band(panel, lesson.country, lesson.peer_codes, region_members(lesson),
                       lesson.names, region=lesson.region, title=title, source=source,
                       label=label, unit=unit, log_y=log_y, min_band=MIN_BAND_COUNTRIES,
                       min_median=MIN_COUNT)


def region_band_message(lesson: Lesson, panel: pd.DataFrame, label: str,
                        unit: str, indicator: str | None = None,
                        label_id: str | None = None) -> KeyMessage | None:
    """Where the focus country stood in its region in its first and latest year shown,
    and its peers' median in the latest year; None without a figure. With ``indicator``,
    the move since the first year is not stated across a likely break in the country's
    series (``evidence.breaks``): the sentence says why instead. The label takes the
    article of ``label_id`` (default ``indicator``: the id of a ratio the lesson computes,
    which has no series flags) in French and Spanish (``i18n.labels``)."""
    focus = panel.get(lesson.country, pd.Series(dtype=float)).dropna()
    if focus.empty:
        return None
    first_year, last_year = int(focus.index[0]), int(focus.index[-1])
    last = region_position(lesson, panel, last_year)
    regional = last.count >= MIN_COUNT
    phrase = label_phrase(label_id or indicator, label)
    text = _standing_text(lesson, phrase, unit, last, regional)
    first = region_position(lesson, panel, first_year) if first_year != last_year else None
    flags = series_flags(lesson.ds, indicator, lesson.country) if indicator else None
    if first is not None and flags is not None and not change_is_sound(flags, first_year,
                                                                       last_year):
        text = _("{text}; its move since {year} is not stated: {why}").format(
            text=text, year=first_year, why=why_not(flags, first_year, last_year))
    elif first is not None:
        text = _move_text(text, first, last, unit)
    peers = latest_in_panel(panel, lesson.peer_codes, last_year)
    median = median_of(peers["value"], "peers", peers["year"])
    text += "."
    if median.ok:
        text += " " + _("The median of its {count} peers' latest figures ({years}) was "
                        "{value}.").format(years=year_range(*median.years), count=median.count,
                                           value=short_figure(median.value, unit))
    elif median.count:
        sentence = median.sentence()
        text += " " + _("In {years}, {sentence}").format(
            years=year_range(*median.years), sentence=sentence[0].lower() + sentence[1:])
    return KeyMessage(text, None, {"year": last.year, "value": last.value, "rank": last.rank,
                                   "count": last.count,
                                   "region_median": last.median if regional else float("nan")})


def ranked_figures(position: RegionPosition, value: str) -> str:
    """The country's ``value`` and which figures its rank compares: "98.2%; all figures
    from 2025", or "98.2% in 2025; each country's latest figure, 2022–2025" when some are
    older than the country's own."""
    if position.first_year == position.year:
        return _("{value}; all figures from {year}").format(value=value, year=position.year)
    return _("{value} in {year}; each country's latest figure, {years}").format(
        value=value, year=position.year, years=year_range(position.first_year, position.year))


def _standing_text(lesson: Lesson, label: str, unit: str, last: RegionPosition,
                   regional: bool) -> str:
    """"On <label>, <country> ranked 3rd of 40 countries in <region> ..." (no full stop);
    ``label`` is already the in-sentence phrase."""
    fields = {"label": label, "country": lesson.name, "rank": ordinal(last.rank),
              "count": last.count, "region": lesson.region,
              "figures": ranked_figures(last, fmt_quantity(last.value, unit))}
    if regional:
        return _("On {label}, {country} ranked {rank} of {count} countries in {region} "
                 "({figures}; regional median {median})").format(
            median=short_figure(last.median, unit), **fields)
    return _("On {label}, {country} ranked {rank} of {count} countries in {region} "
             "({figures})").format(**fields)


def _move_text(text: str, first: RegionPosition, last: RegionPosition, unit: str) -> str:
    """The sentence so far, then how the rank moved since the first year shown."""
    fields = {"text": text, "rank": ordinal(first.rank), "count": first.count,
              "year": first.year,
              "figures": ranked_figures(first, short_figure(first.value, unit))}
    if first.rank > last.rank:
        return _("{text}, up from {rank} of {count} in {year}, the first year shown "
                 "({figures})").format(**fields)
    if first.rank < last.rank:
        return _("{text}, down from {rank} of {count} in {year}, the first year shown "
                 "({figures})").format(**fields)
    return _("{text}, the same rank as {rank} of {count} in {year}, the first year shown "
             "({figures})").format(**fields)
