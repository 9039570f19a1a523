"""Section 6: the explorer's choices and view (``common.show_explorer`` runs it)."""

from __future__ import annotations

from policylab.lessons.context import Lesson
from policylab.lessons.greening.base import trend_chart

#: Older series that EDGAR now covers (Climate Watch sectors, to 2018): not offered at all.
SUPERSEDED = ("ghg_industry_mt", "ghg_manuf_construction_mt")


def indicators(ds) -> dict[str, str]:
    """Greening indicators with data, label -> id."""
    return {ind.label: ind.id for ind in ds.catalogue.values()
            if ind.topic == "greening" and ind.id not in SUPERSEDED
            and not ds.series(ind.id).empty}


def view(lesson: Lesson, indicator: str) -> None:
    """One state of the explorer: the trend chart of ``indicator`` (a note without data)."""
    lesson.show(trend_chart(lesson, indicator))
