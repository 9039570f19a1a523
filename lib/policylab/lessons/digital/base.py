"""What the digitalization lesson's sections share: its indicators, labels, source lines
and the country's latest figure against its peers (medians through the evidence layer)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from policylab.evidence.medians import Median, median_of
from policylab.lessons.context import Lesson
from policylab.metrics.digital import CAPS, INCOME_INDICATOR, WINDOW_YEARS
from policylab.narrative import fmt_number, fmt_quantity
from policylab.results import FLAG_RULES, Headline
from policylab.text import year_range

NOTEBOOK = "02_digitalization"
MEGATREND = "digital"

ACCESS = ("internet_users_share", "fixed_broadband_per100", "mobile_per100",
          "secure_servers_per_million")
TECH_TRADE = ("ict_goods_share_exports", "hightech_share_manuf_exports")
KNOWLEDGE = ("rd_share_gdp", "researchers_per_million")
INDICATORS = ACCESS + TECH_TRADE + KNOWLEDGE

HEADLINE_IDS = ("internet_users_share", "fixed_broadband_per100", "mobile_per100",
                "rd_share_gdp", "hightech_share_manuf_exports")
#: The indicators of this lesson that a challenge rule in ``FLAG_RULES`` is about.
FLAG_INDICATORS = tuple(dict.fromkeys(r.indicator for r in FLAG_RULES if r.indicator in INDICATORS))

__all__ = ["ACCESS", "CAPS", "FLAG_INDICATORS", "HEADLINE_IDS", "INCOME_INDICATOR",
           "INDICATORS", "KNOWLEDGE", "MEGATREND", "NOTEBOOK", "TECH_TRADE", "WINDOW_YEARS",
           "Headline", "figure", "headline", "is_recent", "label", "peer_median", "short",
           "source_many", "window_start", "window_text"]


def figure(value: float, unit: str) -> str:
    """A number with its unit, short where the sign says it: "35.0%" for a share (the
    sentence names the share), "53.8 per million people" otherwise; never a bare "(53.8)"."""
    return fmt_number(value, unit) if unit.startswith("%") else fmt_quantity(value, unit)


def window_start(lesson: Lesson) -> int:
    """The first year of the lesson's one recency window: ``WINDOW_YEARS`` up to the
    lesson's last year, which at the default last year is the pack's ``recency_cutoff``."""
    return lesson.end_year - WINDOW_YEARS + 1


def window_text(lesson: Lesson) -> str:
    """The window in words: "2020–2025"."""
    return year_range(window_start(lesson), lesson.end_year)


def is_recent(lesson: Lesson, year) -> bool:
    """Does a figure of ``year`` lie in the lesson's recency window (the same test for the
    coverage grid, the gaps and the index)?"""
    return year is not None and not pd.isna(year) and int(year) >= window_start(lesson)


def label(lesson: Lesson, indicator: str) -> str:
    return lesson.ds.indicator(indicator).label


def short(lesson: Lesson, indicator: str) -> str:
    """The label without its unit: "Internet users" for "Internet users (% of the population)"."""
    return label(lesson, indicator).split(" (")[0]


def source_many(lesson: Lesson, indicators: Sequence[str], note: str) -> str:
    """A source line short enough to fit under a chart when it draws many series: the
    publishers, the number of series, and a pointer to the sources table."""
    publishers = list(dict.fromkeys(lesson.ds.indicator(i).source for i in indicators))
    return (f"Source: {'; '.join(publishers)} ({len(indicators)} series, codes in the "
            f"sources table). {note}")


def peer_median(lesson: Lesson, indicator: str, year: int | None) -> Median:
    """The median of the peers' latest figures in the ``WINDOW_YEARS`` up to ``year`` (the
    country's own latest year), with its count: NaN when fewer than three peers report."""
    if year is None:
        return Median(float("nan"), 0, "peers")
    values = lesson.ds.latest_values(indicator, lesson.peer_codes, max_year=year,
                                     window=WINDOW_YEARS)
    return median_of(values["value"], "peers", values["year"])


def headline(lesson: Lesson, indicator: str) -> Headline:
    """The country's latest value against its peers' median (``peer_median``), as the
    results file's ``headline_for`` states it where at least three peers report."""
    own = lesson.ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    if own.year is None:
        return Headline(float("nan"), None, float("nan"), float("nan"))
    median = peer_median(lesson, indicator, own.year).value
    return Headline(own.value, own.year, median, own.value - median)
