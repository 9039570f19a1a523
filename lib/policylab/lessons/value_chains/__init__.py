"""The value-chains lesson (notebook ``03_value_chains``): what a country exports, how
complex its export basket is (the Growth Lab's PUBLISHED ECI, never recomputed for real
countries), how complexity is computed (a worked example with made-up numbers), its
product-level specialisations and nearby products (the complete HS 1992 panel, only for
countries passing the completeness check, labelled with the panel's year), FDI and trade
openness. The notebook calls the sections as ``vc.<module>.<function>``.
"""

from __future__ import annotations

from policylab.i18n import _
from policylab.lessons.common import Lesson, LessonSpec
from policylab.lessons.value_chains import (
    complexity,
    example,
    exercises,
    explore,
    fdi,
    panel,
    products,
    space,
    structure,
    trends,
)
from policylab.narrative import KeyMessage, missing_message

#: Headline figures of the results file (never a product-level figure of the panel's year).
HEADLINE_IDS = ("eci", "manuf_share_merch_exports", "mht_share_manuf_exports",
                "hightech_share_manuf_exports", "fdi_inflows_usd")
#: Indicators whose flag rules apply (low_eci, low_manuf_exports).
FLAG_INDICATORS = ("eci", "manuf_share_merch_exports")
#: Fewer key messages than this are completed with honest "no data" sentences.
MIN_MESSAGES = 3
#: Every indicator the lesson reads (the product panel's ``diversity`` only where shown).
SOURCE_IDS = ("eci", "eci_rank", "fdi_inflows_usd", "gdp_usd", "gdp_per_capita",
              *structure.EXPORT_GROUPS, "mht_share_manuf_exports", "hightech_share_manuf_exports",
              "service_exports_usd", "ict_services_share_service_exports",
              "exports_gnfs_share_gdp", "imports_gnfs_share_gdp")

SPEC = LessonSpec(
    notebook="03_value_chains", headline=HEADLINE_IDS, flags=FLAG_INDICATORS,
    megatrend="value_chains", sources=SOURCE_IDS,
    explorer_indicators=explore.indicators, explorer_start=explore.START,
    explorer_view=explore.view)


def messages(lesson: Lesson) -> list[KeyMessage]:
    """The key messages with data in reading order, then "no data" ones up to
    ``MIN_MESSAGES``."""
    found = [structure.structure_message(lesson), complexity.eci_message(lesson),
             products.top_exports_message(lesson), space.opportunity_message(lesson),
             trends.trend_message(lesson, "mht_share_manuf_exports"), fdi.fdi_message(lesson),
             trends.trend_message(lesson, "ict_services_share_service_exports")]
    kept = [m for m in found if m is not None]
    missing = [missing_message(lesson.ds, ind, lesson.country) for ind in HEADLINE_IDS
               if lesson.ds.latest(ind, lesson.country, max_year=lesson.end_year).year is None]
    return kept + missing[:max(0, MIN_MESSAGES - len(kept))]


def source_ids(lesson: Lesson) -> list[str]:
    """The sources table's indicators (the panel's when product-level results are shown)."""
    return [*SOURCE_IDS, *(["diversity"] if panel.section_year(lesson) else [])]


def computed_note(lesson: Lesson) -> str:
    """What this lesson computes itself, and what it takes as published."""
    year = panel.section_year(lesson)
    published = _("The Economic Complexity Index and rank are the Growth Lab's published "
                  "values (credit: Growth Lab at Harvard University, Atlas of Economic "
                  "Complexity), not recomputed here.")
    if not year:
        return published
    return published + _(" RCA, proximity, density, distance and PCI of the {year} product "
                         "panel are computed here.").format(year=year)


__all__ = ["FLAG_INDICATORS", "HEADLINE_IDS", "SPEC", "complexity", "computed_note", "example",
           "exercises", "explore", "fdi", "messages", "panel", "products", "source_ids", "space",
           "structure", "trends"]
