"""The lesson's key messages, computed (``common.show_key_messages`` shows them)."""

from __future__ import annotations

from policylab.lessons.context import Lesson
from policylab.lessons.greening.decoupling import decoupling_message
from policylab.lessons.greening.emissions import intensity_message
from policylab.lessons.greening.industry import industry_message
from policylab.lessons.greening.what_if import what_if_message
from policylab.metrics.emissions_path import WhatIf
from policylab.narrative import KeyMessage, level_vs_group_message


def messages(lesson: Lesson, scenario: WhatIf | None) -> list[KeyMessage]:
    """The key messages, most important first; "no data" sentences after the others."""
    ds, end = lesson.ds, lesson.end_year
    found = [intensity_message(lesson),
             level_vs_group_message(ds, "co2_per_capita", lesson.country, lesson.peers,
                                    year=end),
             decoupling_message(lesson),
             industry_message(lesson),
             level_vs_group_message(ds, "renewable_share_electricity", lesson.country,
                                    lesson.peers, year=end),
             what_if_message(lesson, scenario)]
    return sorted((m for m in found if m is not None), key=lambda m: not m.values)
