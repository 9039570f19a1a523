"""The lesson's key messages, computed (``common.show_key_messages`` shows them)."""

from __future__ import annotations

from collections.abc import Sequence

from policylab.lessons.context import Lesson
from policylab.lessons.greening.decoupling import decoupling_message, status_sentence
from policylab.lessons.greening.emissions import intensity_message, world_standing_sentence
from policylab.lessons.greening.industry import industry_message
from policylab.lessons.greening.what_if import what_if_message
from policylab.metrics.emissions_path import WhatIf
from policylab.narrative import KeyMessage, level_vs_group_message
from policylab.results import FLAG_RULES


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
             what_if_message(lesson, scenario, flat=False)]
    return sorted((m for m in found if m is not None), key=lambda m: not m.values)


def facilitator_notes(lesson: Lesson, scenario: WhatIf | None) -> str:
    """Markdown for the facilitator only (a cell tagged ``facilitator``): the findings that
    answer the lesson's exercises (the decoupling status, the rate that holds emissions
    flat), which the participant's key messages leave out."""
    lines = [status_sentence(lesson)]
    flat = what_if_message(lesson, scenario, flat=True)
    if flat is not None:
        lines.append(flat.text)
    lines = [f"- {line}" for line in lines if line]
    if not lines:
        return "**Answers behind the exercises.** None could be computed for this country."
    return "**Answers behind the exercises (facilitator only).**\n\n" + "\n".join(lines)


def flag_standings(lesson: Lesson, flags: Sequence[str]) -> str:
    """Markdown: for each challenge flagged on this lesson's indicators, where the figure
    stands in the world and in the income group, with the percentiles (the flag's label,
    such as "high CO2 emissions per unit of output", comes from the world's quarters,
    never from the peers); "" when nothing is flagged."""
    rules = {rule.name: rule.indicator for rule in FLAG_RULES}
    lines = [world_standing_sentence(lesson, rules[f], lesson.end_year, with_value=True)
             for f in flags if f in rules]
    lines = [f"- {line}" for line in lines if line]
    if not lines:
        return ""
    return ("**Why these challenges are flagged.** A figure counts as a challenge when it is "
            "in the world's worst quarter of countries with data (not by comparison with "
            "the peers):\n\n" + "\n".join(lines))
