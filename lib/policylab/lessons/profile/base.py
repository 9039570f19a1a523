"""Source lines naming the publisher codes behind the profile's derived indicators."""

from __future__ import annotations

from policylab.lessons.common import Lesson

#: The publisher series behind derived indicators, for source lines that name real codes.
BASE_INDICATORS = {
    "mva_per_capita": ("mva_usd_reported", "mva_share_gdp", "gdp_usd", "population"),
    "manuf_exports_per_capita": ("manuf_share_merch_exports", "merch_exports_usd",
                                 "population"),
    "world_mva_share": ("mva_usd_reported", "mva_share_gdp", "gdp_usd"),
    "world_manuf_exports_share": ("manuf_share_merch_exports", "merch_exports_usd"),
    "services_share_gdp": ("agriculture_share_gdp", "industry_share_gdp"),
}


def source_text(lesson: Lesson, *indicators: str, note: str = "") -> str:
    """``lesson.source`` naming the publisher codes behind derived indicators."""
    base = [b for i in indicators for b in BASE_INDICATORS.get(i, (i,))]
    return lesson.source(*dict.fromkeys(b for b in base if b in lesson.ds.catalogue), note=note)
