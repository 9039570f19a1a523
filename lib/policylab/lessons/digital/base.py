"""What the digitalization lesson's sections share: its indicators, labels, source lines,
its one recency window and the country's latest figure against its peers (medians through
the evidence layer)."""

import pandas as pd

from policylab.i18n import ngettext, pgettext
from policylab.lessons.common.trend import skip_no_figure
from policylab.lessons.context import Lesson
from policylab.metrics.digital import COMPONENTS, WINDOW_YEARS
from policylab.narrative import fmt_number, fmt_quantity
from policylab.pack.dataset import Observation
from policylab.results import FLAG_RULES, Headline, headline_for
from policylab.text import in_sentence, sentence_start, year_range

NOTEBOOK = "02_digitalization"
MEGATREND = "digital"
#: Access, technology in trade, knowledge: the index's eight components, in section order.
INDICATORS = tuple(c.indicator for c in COMPONENTS)
KNOWLEDGE = ("rd_share_gdp", "researchers_per_million")
HEADLINE_IDS = ("internet_users_share", "fixed_broadband_per100", "mobile_per100",
                "rd_share_gdp", "hightech_share_manuf_exports")
#: The indicators of this lesson that a challenge rule in ``FLAG_RULES`` is about.
FLAG_INDICATORS = tuple(dict.fromkeys(r.indicator for r in FLAG_RULES if r.indicator in INDICATORS))


def figure(value: float, unit: str) -> str:
    """A number with its unit, short where the sign says it: "35.0%" for a share (the
    sentence names the share), "53.8 per million people" otherwise; never a bare "(53.8)"."""
    return fmt_number(value, unit) if unit.startswith("%") else fmt_quantity(value, unit)


def window_start(lesson: Lesson) -> int:
    """The first year of the lesson's one recency window: ``WINDOW_YEARS`` up to the
    lesson's last year, which at the default last year is the pack's ``recency_cutoff``."""
    return lesson.end_year - WINDOW_YEARS + 1


def window_text(lesson: Lesson, year: int | None = None) -> str:
    """The window of ``WINDOW_YEARS`` up to ``year`` (default: the lesson's) in words:
    "2020–2025"."""
    year = lesson.end_year if year is None else year
    return year_range(year - WINDOW_YEARS + 1, year)


def is_recent(lesson: Lesson, year) -> bool:
    """Does a figure of ``year`` lie in the lesson's recency window (the same test for the
    coverage grid, the gaps and the index)?"""
    return year is not None and not pd.isna(year) and int(year) >= window_start(lesson)


def whose(lesson: Lesson, indicator: str) -> str:
    """The country's indicator as a chart title's subject: "Kenya's internet users"."""
    return sentence_start(pgettext("chart subject", "{country.Possessive} {label}").format(
        country=lesson.name, label=in_sentence(short(lesson, indicator))))


def short(lesson: Lesson, indicator: str) -> str:
    """The label without its unit: "Internet users" for "Internet users (% of the population)"."""
    return lesson.ds.indicator(indicator).label.split(" (")[0]


def own(lesson: Lesson, indicator: str) -> Observation:
    """The focus country's latest figure up to the lesson's last year."""
    return lesson.ds.latest(indicator, lesson.country, max_year=lesson.end_year)


def skip_unless(lesson: Lesson, found: bool, section: str, label: str = "",
                years: bool = True, indicator: str | None = None) -> bool:
    """``found``; else ``common.trend.skip_no_figure``: "<country> has no figure on <label,
    else section> [between <the lesson's years>] in the data pack"."""
    if not found:
        skip_no_figure(lesson, section, label, years, indicator=indicator)
    return found


def source_many(lesson: Lesson, indicators, note: str) -> str:
    """A source line short enough to fit under a chart when it draws many series: the
    publishers, the number of series, and a pointer to the sources table."""
    publishers = list(dict.fromkeys(lesson.ds.indicator(i).source for i in indicators))
    count = len(indicators)
    return ngettext("Source: {publishers} ({n} series, codes in the sources table). {note}",
                    "Source: {publishers} ({n} series, codes in the sources table). {note}",
                    count).format(publishers="; ".join(publishers), n=count, note=note)


def headline(lesson: Lesson, indicator: str) -> Headline:
    """``results.headline_for``: the country's latest value against the median of its peers'
    latest figures up to the country's year (NaN where fewer than three peers report)."""
    return headline_for(lesson.ds, indicator, lesson.country, lesson.peer_codes,
                        year=lesson.end_year)
