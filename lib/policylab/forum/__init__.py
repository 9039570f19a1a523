"""Cross-country rules for the forum synthesis: what the workshop's countries share, who
could learn from whom, where they could work together, and an agenda built from that.

Each rule is stated in its function's docstring so that the forum notebook can quote it:
- ``priorities``: ``scorecard`` and ``shared_priorities`` from the per-country results files;
- ``collaboration``: ``collaboration_areas`` (products in several countries' opportunity
  lists) and ``complementarity`` (how different the export baskets are);
- ``peer_learning``: ``peer_learning_pairs`` (a peer started where the learner is now and
  improved strongly since);
- ``agenda``: ``forum_agenda`` turns the above and the case library into sessions.
"""

from policylab.forum.agenda import (
    STARTING_LIST,
    AgendaItem,
    agenda_markdown,
    forum_agenda,
    workshop_megatrends,
)
from policylab.forum.collaboration import collaboration_areas, complementarity
from policylab.forum.peer_learning import peer_learning_pairs
from policylab.forum.priorities import scorecard, shared_priorities

__all__ = [
    "STARTING_LIST",
    "AgendaItem",
    "agenda_markdown",
    "collaboration_areas",
    "complementarity",
    "forum_agenda",
    "peer_learning_pairs",
    "scorecard",
    "shared_priorities",
    "workshop_megatrends",
]
