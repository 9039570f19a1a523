"""Greening industry (notebook ``01_greening``): CO2 and all greenhouse gases in total,
per person and per unit of GDP; industry's own CO2 with the power sector beside it; how
clean the energy is; whether emissions decoupled from output; and what a steady cut in
emission intensity would do from the latest year of data on.

One module per section (``emissions``, ``decoupling``, ``industry``, ``energy``,
``what_if``, ``explore``), with ``base`` (series, source lines, notes, the trend chart of
one indicator against peers and the income group) beside them; the analysis is in
:mod:`policylab.metrics.emissions`, :mod:`policylab.metrics.decoupling`,
:mod:`policylab.metrics.emissions_path` and :mod:`policylab.metrics.greening_figures`.
Every section takes the ``Lesson`` and returns a figure, a table or a message, or None
after a note saying why (``lesson.skip``). Here: the lesson's spec and its key messages
(``common.show_key_messages`` shows them), facilitator notes and flag explanations.
"""

from __future__ import annotations

from collections.abc import Sequence

from policylab.i18n import _
from policylab.lessons.common import LessonSpec
from policylab.lessons.context import Lesson
from policylab.lessons.greening import decoupling, emissions, energy, explore, industry, what_if
from policylab.lessons.greening.base import coverage_note
from policylab.metrics.emissions import INDICATORS
from policylab.metrics.emissions_path import WhatIf
from policylab.narrative import KeyMessage, level_vs_group_message
from policylab.results import FLAG_RULES

#: The figures the results file reports (DESIGN §9) and the forum synthesis compares.
HEADLINE_IDS = ("co2_per_gdp", "co2_per_capita", "renewable_share_electricity",
                "energy_intensity", "co2_industry_share")
#: The headline indicators that a challenge rule (``results.FLAG_RULES``) is about.
FLAG_INDICATORS = tuple(dict.fromkeys(r.indicator for r in FLAG_RULES
                                      if r.indicator in HEADLINE_IDS))

SPEC = LessonSpec(
    notebook="01_greening", headline=HEADLINE_IDS, flags=FLAG_INDICATORS, megatrend="green",
    sources=INDICATORS, explorer_indicators=explore.indicators,
    explorer_start="co2_per_capita", explorer_view=explore.view)

__all__ = ["FLAG_INDICATORS", "HEADLINE_IDS", "SPEC", "coverage_note", "decoupling",
           "emissions", "energy", "explore", "facilitator_notes", "flag_standings", "industry",
           "messages", "what_if"]


def messages(lesson: Lesson, scenario: WhatIf | None) -> list[KeyMessage]:
    """The key messages, most important first; "no data" sentences after the others."""
    ds, end = lesson.ds, lesson.end_year
    found = [emissions.intensity_message(lesson),
             level_vs_group_message(ds, "co2_per_capita", lesson.country, lesson.peers,
                                    year=end),
             decoupling.decoupling_message(lesson),
             industry.industry_message(lesson),
             level_vs_group_message(ds, "renewable_share_electricity", lesson.country,
                                    lesson.peers, year=end),
             what_if.what_if_message(lesson, scenario, flat=False)]
    return sorted((m for m in found if m is not None), key=lambda m: not m.values)


def facilitator_notes(lesson: Lesson, scenario: WhatIf | None) -> str:
    """Markdown for the facilitator only (a cell tagged ``facilitator``): the findings that
    answer the lesson's exercises (the decoupling status, the rate that holds emissions
    flat), which the participant's key messages leave out."""
    flat = what_if.what_if_message(lesson, scenario, flat=True)
    lines = [f"- {line}" for line in (decoupling.status_sentence(lesson), flat and flat.text)
             if line]
    if not lines:
        return _("**Answers behind the exercises.** None could be computed for this country.")
    return _("**Answers behind the exercises (facilitator only).**") + "\n\n" + "\n".join(lines)


def flag_standings(lesson: Lesson, flags: Sequence[str]) -> str:
    """Markdown: for each challenge flagged on this lesson's indicators, where the figure
    stands in the world and in the income group, with the percentiles (the flag's label,
    such as "high CO2 emissions per unit of output", comes from the world's quarters,
    never from the peers); "" when nothing is flagged."""
    rules = {rule.name: rule.indicator for rule in FLAG_RULES}
    lines = [emissions.world_standing_sentence(lesson, rules[f], lesson.end_year,
                                               with_value=True) for f in flags if f in rules]
    lines = [f"- {line}" for line in lines if line]
    if not lines:
        return ""
    return _("**Why these challenges are flagged.** A figure counts as a challenge when it is "
             "in the world's worst quarter of countries with data (not by comparison with the "
             "peers):") + "\n\n" + "\n".join(lines)
