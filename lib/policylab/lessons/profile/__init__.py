"""The industrial profile lesson (``notebooks/00_industrial_profile``). Sections:
:mod:`trends` (1-3, the explorer), :mod:`performance` (4, CIP), :mod:`structure` (5),
:mod:`deindustrialization` (6), :mod:`sdg9` (7-8); their numbers from ``metrics.profile_*``.
"""

from __future__ import annotations

from policylab.display import show_table
from policylab.i18n import _, pgettext
from policylab.lessons.common import Lesson, LessonSpec
from policylab.lessons.profile import deindustrialization, performance, sdg9, structure, trends
from policylab.metrics.profile_structure import SHIFT_SHARE_INDICATORS
from policylab.results import FLAG_RULES

HEADLINE = trends.HEADLINE
#: Indicators whose challenge rules (``policylab.results.FLAG_RULES``) this notebook applies.
FLAG_INDICATORS = tuple(rule.indicator for rule in FLAG_RULES if rule.indicator in HEADLINE)
SOURCES = (*HEADLINE, "manuf_exports_per_capita", "mht_share_manuf_exports", "gdp_const_usd",
           "population", "gdp_usd", "merch_exports_usd", "cip_score", "cip_rank",
           *SHIFT_SHARE_INDICATORS, *sdg9.SOURCE_IDS)


def headline_ids(lesson: Lesson) -> list[str]:
    """``HEADLINE``, ``cip_rank`` when the country is ranked, and the SDG 9 figures."""
    ranked = performance.cip_year(lesson) is not None
    ids = [*HEADLINE, *(["cip_rank"] if ranked else [])]
    return [*ids, *(i for i in sdg9.HEADLINE_IDS if i not in ids)]


SPEC = LessonSpec(
    notebook="00_industrial_profile", headline=headline_ids, flags=FLAG_INDICATORS,
    megatrend="industrial_development", sources=SOURCES,
    explorer_indicators=trends.EXPLORER_INDICATORS, explorer_start=trends.EXPLORER_START,
    explorer_view=trends.explorer_view)


def show_peer_table(lesson: Lesson) -> None:
    """The peers and what they were compared on."""
    table = lesson.peers.table
    headers = {"name": pgettext("table header", "Name"),
               "similar_on": pgettext("table header", "Similar on"),
               "differs_on": pgettext("table header", "Differs on")}
    keep = [c for c in headers if c in table.columns]
    shown = table[keep].rename(columns=headers).rename_axis(pgettext("table header", "ISO3"))
    show_table(shown,
               _("{country} and its peers").format(country=lesson.name),
               _("policylab peer selection (see text above)."))


__all__ = ["FLAG_INDICATORS", "HEADLINE", "SPEC", "deindustrialization", "headline_ids",
           "performance", "sdg9", "show_peer_table", "structure", "trends"]
