"""What the digitalization lesson's sections share: its indicators, labels and its one
recency window."""

import pandas as pd

from policylab.lessons.context import Lesson
from policylab.metrics.digital import COMPONENTS, WINDOW_YEARS
from policylab.results import FLAG_RULES
from policylab.text import year_range

NOTEBOOK = "02_digitalization"
MEGATREND = "digital"
#: Access, technology in trade, knowledge: the index's eight components, in section order.
INDICATORS = tuple(c.indicator for c in COMPONENTS)
KNOWLEDGE = ("rd_share_gdp", "researchers_per_million")
HEADLINE_IDS = ("internet_users_share", "fixed_broadband_per100", "mobile_per100",
                "rd_share_gdp", "hightech_share_manuf_exports")
#: The indicators of this lesson that a challenge rule in ``FLAG_RULES`` is about.
FLAG_INDICATORS = tuple(dict.fromkeys(r.indicator for r in FLAG_RULES if r.indicator in INDICATORS))


def window_start(lesson: Lesson) -> int:
    """The first year of the lesson's one recency window (at the default last year, the
    pack's ``recency_cutoff``)."""
    return lesson.end_year - WINDOW_YEARS + 1


def window_text(lesson: Lesson, year: int | None = None) -> str:
    """The window up to ``year`` (default: the lesson's last) in words: "2020–2025"."""
    year = lesson.end_year if year is None else year
    return year_range(year - WINDOW_YEARS + 1, year)


def is_recent(lesson: Lesson, year) -> bool:
    """Is a figure of ``year`` in the window (one test for coverage, gaps and index)?"""
    return year is not None and not pd.isna(year) and int(year) >= window_start(lesson)


def short(lesson: Lesson, indicator: str) -> str:
    """The label without its unit: "Internet users" for "Internet users (% of the population)"."""
    return lesson.ds.indicator(indicator).label.split(" (")[0]
