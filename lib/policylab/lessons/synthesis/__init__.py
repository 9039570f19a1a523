"""The forum synthesis (``notebooks/forum_synthesis.ipynb``): one brief for the whole
workshop, from the countries' results files (DESIGN §9) or the same figures computed on the
spot. The rules are in ``policylab.forum``, the cross-country tables in
``policylab.metrics.forum_brief``; the sections here word them: ``frame`` (entry, key
messages, sources), ``scorecard`` (1), ``shared`` (2, 5), ``collaboration`` (3, the agenda
note of 6) and ``pairs`` (4).
"""

from policylab.forum.gather import HEADLINE_IDS
from policylab.lessons.common import LessonSpec
from policylab.lessons.synthesis import collaboration, frame, pairs, scorecard, shared

SPEC = LessonSpec(notebook="forum_synthesis", sources=(
    *dict.fromkeys(i for ids in HEADLINE_IDS.values() for i in ids), "diversity"))

__all__ = ["SPEC", "collaboration", "frame", "pairs", "scorecard", "shared"]
