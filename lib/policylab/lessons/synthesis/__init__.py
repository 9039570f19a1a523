"""The forum synthesis (``notebooks/forum_synthesis.ipynb``): one brief for the whole
workshop, built from the countries' results files (DESIGN §9) or, without a workshop
folder, from the same figures computed on the spot.

The rules and analysis live below: ``policylab.forum`` (gathering, recency, scorecard,
strengths, priorities, pairs, agenda) and ``policylab.metrics.collaboration`` (product
panel). The sections here present them: ``frame`` (the forum's entry and what the brief is
built from; key messages and sources), ``scorecard`` (1, with the figures left out as too
old), ``shared`` (shared priorities: 2, 5), ``collaboration`` (3, and the agenda note of 6)
and ``pairs`` (4); ``meta`` holds what they share.
"""

from policylab.forum.gather import HEADLINE_IDS
from policylab.lessons.common import LessonSpec
from policylab.lessons.synthesis import collaboration, frame, meta, pairs, scorecard, shared
from policylab.lessons.synthesis.collaboration import agenda_note  # for test_metrics_collaboration

SPEC = LessonSpec(notebook="forum_synthesis", sources=(
    *dict.fromkeys(i for ids in HEADLINE_IDS.values() for i in ids), "diversity"))

__all__ = ["SPEC", "agenda_note", "collaboration", "frame", "meta", "pairs", "scorecard",
           "shared"]
