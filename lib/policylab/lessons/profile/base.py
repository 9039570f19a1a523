"""What the profile's sections share: source lines naming the publisher codes behind
derived indicators, indicator nouns, percentage points and short reasons for a change not
read (the lesson's rows of one indicator: ``Lesson.window`` and ``Lesson.panel``)."""

from __future__ import annotations

from policylab.evidence.breaks import why_not_short, withheld
from policylab.i18n import current_language, ngettext
from policylab.lessons.common import Lesson
from policylab.pack.dataset import Dataset
from policylab.text import format_value

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
    """``lesson.source`` naming the publisher codes behind derived indicators (the chart
    wraps it)."""
    base = [b for i in indicators for b in BASE_INDICATORS.get(i, (i,))]
    return lesson.source(*dict.fromkeys(b for b in base if b in lesson.ds.catalogue), note=note)


def points(value: float) -> str:
    """A difference of two percentages, in percentage points (no sign)."""
    text = format_value(abs(value))
    # French counts anything below two as one ("0,43 point de pourcentage")
    one = text == "1" or (current_language() == "fr" and abs(float(value)) < 2)
    return ngettext("{n} percentage point", "{n} percentage points",
                    1 if one else 2).format(n=text)


def withheld_short(ds: Dataset, indicator: str, country: str, first: int,
                   last: int) -> str | None:
    """``evidence.breaks.withheld`` in a few words (``why_not_short``), None when the change
    may be stated."""
    return withheld(ds, indicator, country, first, last, words=why_not_short) or None
