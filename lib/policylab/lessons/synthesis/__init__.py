"""The forum synthesis (``notebooks/forum_synthesis.ipynb``): one brief for the whole
workshop, built from the countries' results files (DESIGN §9) or, without a workshop
folder, from the same figures computed on the spot.

The rules and analysis live below: ``policylab.forum`` (gathering, recency, scorecard,
priorities, pairs, agenda) and ``policylab.metrics.collaboration`` (product panel). The
sections here present them: ``start`` (the forum's entry), ``recency`` (what the brief is
built from, what was left out), ``scorecard`` (1), ``shared`` (shared priorities: 2, 5),
``collaboration`` (3, and the agenda note of 6), ``pairs`` (4), ``messages`` and
``sources``.
"""

from policylab.forum.agenda import STARTING_LIST, workshop_megatrends
from policylab.forum.gather import (
    HEADLINE_IDS,
    collect_results,
    gather,
    results_inventory,
    results_on_the_spot,
)
from policylab.forum.peer_learning import learning_pairs
from policylab.forum.recency import current_results
from policylab.forum.workshop import (
    agenda_collaboration,
    priorities,
    priority_cases,
    scorecard_table,
    shared_opportunities,
)
from policylab.lessons.common import LessonSpec
from policylab.lessons.synthesis.collaboration import (
    agenda_note,
    collaboration_figure,
    collaboration_intro,
    collaboration_table,
    complementarity_figure,
    groupings_table,
    trade_gaps,
)
from policylab.lessons.synthesis.messages import key_messages
from policylab.lessons.synthesis.pairs import best_pairs, pair_figure, pair_rule_text, pairs_table
from policylab.lessons.synthesis.recency import coverage_table, left_out_table, left_out_text
from policylab.lessons.synthesis.scorecard import (
    scorecard_display,
    scorecard_figure,
    strengths,
    strengths_text,
)
from policylab.lessons.synthesis.shared import (
    cases_markdown,
    evidence_figure,
    flag_matrix_figure,
    flag_rules_table,
    priorities_table,
)
from policylab.lessons.synthesis.sources import show_forum_sources
from policylab.lessons.synthesis.start import start_forum
from policylab.metrics.collaboration import export_shares as export_baskets
from policylab.metrics.collaboration import opportunity_lists, panel_year, product_coverage

SPEC = LessonSpec(notebook="forum_synthesis", sources=(
    *dict.fromkeys(i for ids in HEADLINE_IDS.values() for i in ids), "diversity"))

__all__ = [
    "HEADLINE_IDS", "SPEC", "STARTING_LIST", "agenda_collaboration", "agenda_note", "best_pairs",
    "cases_markdown", "collaboration_figure", "collaboration_intro", "collaboration_table",
    "collect_results", "complementarity_figure", "coverage_table", "current_results",
    "evidence_figure", "export_baskets", "flag_matrix_figure", "flag_rules_table", "gather",
    "groupings_table", "key_messages", "learning_pairs", "left_out_table", "left_out_text",
    "opportunity_lists", "pair_figure", "pair_rule_text", "pairs_table", "panel_year",
    "priorities", "priorities_table", "priority_cases", "product_coverage",
    "results_inventory", "results_on_the_spot", "scorecard_display", "scorecard_figure",
    "scorecard_table", "shared_opportunities", "show_forum_sources", "start_forum",
    "strengths", "strengths_text", "trade_gaps", "workshop_megatrends"]
