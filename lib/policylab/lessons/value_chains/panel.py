"""What every product-level section shares: the panel's year and status for the country,
the intro saying what is (not) shown and why, and the source line."""

from __future__ import annotations

import pandas as pd

from policylab.i18n import _
from policylab.lessons.common import Lesson
from policylab.metrics.product_level import panel_year
from policylab.pack.dataset import Dataset

#: The commands that add a complete product panel to a pack.
PANEL_COMMAND = "`policylab data fetch` then `policylab data build`"
DEFAULT_PUBLISHER = "Growth Lab at Harvard University, Atlas of Economic Complexity"


def section_year(lesson: Lesson, section: str = "") -> int | None:
    """The panel's year when product-level results may be shown for the country; else None,
    and ``section`` (when given) is recorded as skipped (``product_intro`` said why)."""
    found = lesson.ds.product_status(lesson.country)
    if not found.ok and section:
        lesson.skipped.append(section)
    return found.year if found.ok else None


def product_note(ds: Dataset, year: int | None = None) -> str:
    """The source line under every product-level chart and table (publisher of the
    panel-derived ``diversity``)."""
    year = year or panel_year(ds)
    rows = ds.sources(["diversity"]) if "diversity" in ds.catalogue else pd.DataFrame()
    publisher = str(rows["publisher"].iloc[0]).split(";")[0] if len(rows) else DEFAULT_PUBLISHER
    return _("Source: {publisher}; complete exports by HS 1992 4-digit product, {year} "
             "(cleaned UN Comtrade data). World = every exporter in the panel.").format(
        publisher=publisher, year=year)


def section_note() -> str:
    """Said under a table with a section column: the groups are the publisher's, whole HS
    chapters (leather goods such as suitcases fall with animals, wood and paper)."""
    return _(" Sections: the Atlas of Economic Complexity's groups of HS chapters, as the "
             "Growth Lab publishes them.")


def product_intro(lesson: Lesson) -> str:
    """Why product-level sections are not shown (without a panel, for a failing country),
    or what they use."""
    found = lesson.ds.product_status(lesson.country)
    if found.year is None:
        return _("**Product-level sections not shown.** They show what a country exports "
                 "product by product (HS 1992 4-digit), the products in which it has a "
                 "revealed comparative advantage and its neighbourhood in the product space "
                 "with the nearby products it could move into. They need a complete country "
                 "× product trade panel, which this data pack does not have: run {command} "
                 "to add one.").format(command=PANEL_COMMAND)
    if not found.ok:
        return _("**Product-level sections not shown for {country}**: its exports "
                 "in the {year} product panel fail the completeness check "
                 "({reason}).").format(country=lesson.name, year=found.year, reason=found.reason)
    dated = ("" if lesson.ds.is_current(found.year) else
             _(" {year} is older than the recency window of this material ({cutoff} or "
               "later), so read them as the structure of {year}, not today's.").format(
                 year=found.year, cutoff=lesson.ds.recency_cutoff))
    return _("**Sections 5 and 6 use one year, {year}:** complete exports of every country by "
             "HS 1992 4-digit product in {year} (the Growth Lab's cleaned UN Comtrade data; "
             "the panel's totals match WDI merchandise exports). Every product-level figure "
             "below is for {year}.").format(year=found.year) + dated
