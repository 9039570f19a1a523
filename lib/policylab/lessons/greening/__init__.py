"""Greening industry (notebook ``01_greening``): CO2 and all greenhouse gases in total,
per person and per unit of GDP; industry's own CO2 with the power sector beside it; how
clean the energy is; whether emissions decoupled from output; and what a steady cut in
emission intensity would do from the latest year of data on.

One module per section (``emissions``, ``decoupling``, ``industry``, ``energy``,
``what_if``, ``explore``), with ``trends`` (one indicator against peers and the income
group) and ``base`` (series, source lines, notes) beside them; the analysis is in
:mod:`policylab.metrics.emissions`, :mod:`policylab.metrics.decoupling` and
:mod:`policylab.metrics.emissions_path`. Every section takes the ``Lesson`` and returns a
figure, a table or a message, or None after a note saying why (``lesson.skip``).
"""

from policylab.lessons.common import LessonSpec
from policylab.lessons.greening import decoupling, emissions, energy, explore, industry, what_if
from policylab.lessons.greening.base import coverage_note
from policylab.lessons.greening.messages import facilitator_notes, flag_standings, messages
from policylab.metrics.emissions import INDICATORS
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
