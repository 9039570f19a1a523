"""Greening industry (notebook ``01_greening``): CO2 and all greenhouse gases, per person
and per unit of GDP; industry's own CO2 beside the power sector's; how clean the energy is;
whether emissions decoupled from output; and what a steady cut in emission intensity would
do. One module per section, ``base`` beside them; here the spec, the key messages,
facilitator notes."""

from __future__ import annotations

from collections.abc import Iterable

from policylab.i18n import _
from policylab.lessons.common import LessonSpec
from policylab.lessons.context import Lesson
from policylab.lessons.greening import decoupling, emissions, energy, explore, industry, what_if
from policylab.metrics.emissions import INDICATORS
from policylab.metrics.emissions_path import WhatIf
from policylab.narrative import KeyMessage, coverage, level_vs_group_message
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
           "emissions", "energy", "explore", "facilitator_notes", "industry",
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
    """Markdown for the facilitator only: the findings that answer the exercises (the
    decoupling status, the rate that holds emissions flat)."""
    flat = what_if.what_if_message(lesson, scenario, flat=True)
    lines = [f"- {line}" for line in (decoupling.status_sentence(lesson), flat and flat.text)
             if line]
    if not lines:
        return _("**Answers behind the exercises.** None could be computed for this country.")
    return _("**Answers behind the exercises (facilitator only).**") + "\n\n" + "\n".join(lines)


def coverage_note(lesson: Lesson, indicators: Iterable[str]) -> str:
    """``narrative.coverage.coverage_note`` for the focus country."""
    return coverage.coverage_note(lesson.ds, indicators, lesson.country)
