"""Digitalization (notebook ``02_digitalization``): is the country ready for a digital
industrial economy? Access, technology in trade and knowledge (World Bank WDI), summarised
by a digital-readiness index with stated weights (``metrics.digital.COMPONENTS``). One
module per section: ``trends`` and ``income`` (1-3), ``coverage`` (4), ``gaps`` (5),
``index`` (6), ``exercises`` (7), ``explore``; ``messages`` here (8). A section without data
calls ``lesson.skip`` and returns None."""

from policylab.evidence.breaks import METHOD_TEXT as BREAKS_METHOD
from policylab.i18n import pgettext
from policylab.lessons.common import Lesson, LessonSpec
from policylab.lessons.common.messages import LIMIT
from policylab.lessons.digital import base, coverage, exercises, explore, gaps, income, index
from policylab.lessons.digital.base import INDICATORS, KNOWLEDGE
from policylab.lessons.digital.coverage import coverage_chart
from policylab.lessons.digital.exercises import exercise_internet_gap, exercise_normalise
from policylab.lessons.digital.gaps import gap_chart, gap_formats, gap_view
from policylab.lessons.digital.income import income_scatter
from policylab.lessons.digital.index import composite_chart, composite_message, composite_table
from policylab.lessons.digital.trends import latest_bars, trend_chart
from policylab.metrics.digital import INCOME_INDICATOR
from policylab.narrative import KeyMessage, change_message, level_vs_group_message
from policylab.results import headline_for

SPEC = LessonSpec(
    notebook=base.NOTEBOOK, headline=base.HEADLINE_IDS, flags=base.FLAG_INDICATORS,
    megatrend=base.MEGATREND, sources=(*INDICATORS, INCOME_INDICATOR),
    explorer_indicators=explore.explorer_indicators, explorer_start=explore.EXPLORER_START,
    explorer_view=explore.view)
weights_table = index.weights_table


def messages(lesson: Lesson) -> list[KeyMessage]:
    """Internet use over time and against peers, broadband against peers, the index, the
    widest gap and a warning on old R&D data."""
    internet = headline_for(lesson.ds, "internet_users_share", lesson.country,
                            lesson.peer_codes, year=lesson.end_year)
    found = [
        change_message(lesson.ds, "internet_users_share", lesson.country, lesson.start_year,
                       lesson.end_year,
                       comparison=(pgettext("comparison", "peer median"),
                                   internet.peer_median, internet.year)),
        level_vs_group_message(lesson.ds, "fixed_broadband_per100", lesson.country,
                               lesson.peer_codes, year=lesson.end_year),
        composite_message(lesson),
        gaps.widest_gap_message(lesson),
        *[n for n in coverage.old_data_notes(lesson) if n.indicator in KNOWLEDGE][:1],
    ]
    return [m for m in found if m is not None][:LIMIT]


__all__ = ["BREAKS_METHOD", "INDICATORS", "SPEC", "composite_chart", "composite_message",
           "composite_table", "coverage", "coverage_chart", "exercise_internet_gap",
           "exercise_normalise", "exercises", "gap_chart", "gap_formats", "gap_view", "gaps",
           "income", "income_scatter", "index", "latest_bars", "messages", "trend_chart",
           "weights_table"]
