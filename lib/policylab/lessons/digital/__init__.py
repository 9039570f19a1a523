"""Digitalization (notebook ``02_digitalization``): is the country ready for a digital
industrial economy?

Indicators: access (internet use, fixed broadband, mobile subscriptions, secure servers),
technology in trade (ICT goods and high-technology exports) and knowledge (R&D spending and
researchers), all World Bank WDI. A digital-readiness index summarises them with stated
weights (``metrics.digital.COMPONENTS``; method: OECD/JRC *Handbook on Constructing
Composite Indicators*, 2008). One module per section: ``trends`` and ``income`` (sections
1-3), ``coverage`` (4), ``gaps`` (5), ``index`` (6), ``exercises`` (7), ``messages`` (8),
``explore`` (the explorer). A section without data calls ``lesson.skip`` and returns None.
"""

from policylab.evidence.breaks import METHOD_TEXT as BREAKS_METHOD
from policylab.lessons.common import LessonSpec
from policylab.lessons.digital import coverage, exercises, explore, gaps, income, index, trends
from policylab.lessons.digital.base import (
    ACCESS,
    FLAG_INDICATORS,
    HEADLINE_IDS,
    INCOME_INDICATOR,
    INDICATORS,
    KNOWLEDGE,
    MEGATREND,
    NOTEBOOK,
    TECH_TRADE,
    WINDOW_YEARS,
    headline,
)
from policylab.lessons.digital.coverage import coverage_chart, coverage_table, old_data_notes
from policylab.lessons.digital.exercises import exercise_internet_gap, exercise_normalise
from policylab.lessons.digital.explore import (
    EXPLORER_INDICATORS,
    EXPLORER_START,
    region_band_chart,
    region_band_message,
)
from policylab.lessons.digital.gaps import gap_chart, gap_formats, gap_table, gap_view
from policylab.lessons.digital.income import income_scatter
from policylab.lessons.digital.index import (
    composite_chart,
    composite_message,
    composite_table,
    weights_table,
)
from policylab.lessons.digital.messages import messages
from policylab.lessons.digital.trends import latest_bars, trend_chart

SPEC = LessonSpec(
    notebook=NOTEBOOK, headline=HEADLINE_IDS, flags=FLAG_INDICATORS, megatrend=MEGATREND,
    sources=(*INDICATORS, INCOME_INDICATOR), explorer_indicators=EXPLORER_INDICATORS,
    explorer_start=EXPLORER_START, explorer_view=explore.view)

__all__ = ["ACCESS", "BREAKS_METHOD", "EXPLORER_INDICATORS", "EXPLORER_START", "FLAG_INDICATORS",
           "HEADLINE_IDS", "INDICATORS", "KNOWLEDGE", "SPEC", "TECH_TRADE", "WINDOW_YEARS",
           "composite_chart", "composite_message", "composite_table", "coverage",
           "coverage_chart", "coverage_table", "exercise_internet_gap", "exercise_normalise",
           "exercises", "explore", "gap_chart", "gap_formats", "gap_table", "gap_view",
           "gaps", "headline",
           "income", "income_scatter", "index", "latest_bars", "messages", "old_data_notes",
           "region_band_chart", "region_band_message", "trend_chart", "trends",
           "weights_table"]
