"""Section 8: the lesson's key messages, computed (``common.show_key_messages`` shows them)."""

from __future__ import annotations

from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import KNOWLEDGE, headline
from policylab.lessons.digital.coverage import old_data_notes
from policylab.lessons.digital.gaps import widest_gap_message
from policylab.lessons.digital.index import composite_message
from policylab.narrative import KeyMessage, change_message, level_vs_group_message

LIMIT = 6


def messages(lesson: Lesson) -> list[KeyMessage]:
    """Up to six computed sentences: internet use over time and against peers, broadband
    against peers, the index, the widest gap and a warning on old R&D data."""
    ds, country = lesson.ds, lesson.country
    internet = headline(lesson, "internet_users_share")
    found = [
        change_message(ds, "internet_users_share", country, lesson.start_year, lesson.end_year,
                       comparison=("peer median", internet.peer_median, internet.year)),
        level_vs_group_message(ds, "fixed_broadband_per100", country, lesson.peer_codes,
                               year=lesson.end_year),
        composite_message(lesson),
        widest_gap_message(lesson),
        *[n for n in old_data_notes(lesson) if n.indicator in KNOWLEDGE][:1],
    ]
    return [m for m in found if m is not None][:LIMIT]
