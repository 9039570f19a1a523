"""Section 5: what a steady yearly cut in CO2 per unit of GDP would do from the latest year
of emissions data, with the country's own recent growth (``metrics.emissions_path``)."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.charts.projection import projection_chart
from policylab.i18n import N_, _
from policylab.i18n.numbers import localise_digits, number_style
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.greening.base import series, source
from policylab.metrics.emissions_path import WhatIf
from policylab.metrics.greening_figures import projection
from policylab.narrative import KeyMessage, missing_message
from policylab.narrative.changes import rate, tonnes
from policylab.text import format_value, signed

#: The what-if's GDP growth is the average real growth of this many latest years ...
GROWTH_WINDOW_YEARS = 10
#: ... from at least this many yearly figures.
MIN_GROWTH_YEARS = 5
DEFAULT_IMPROVEMENT = 0.03
DEFAULT_UNTIL_YEAR = 2035
SECTION = N_("What-if: emissions under a yearly cut in intensity")


def what_if(lesson: Lesson, improvement: float = DEFAULT_IMPROVEMENT,
            until_year: int = DEFAULT_UNTIL_YEAR) -> WhatIf | None:
    """``metrics.greening_figures.projection`` for the lesson (bad choices raise
    ``PolicylabError``); None, with a note, without CO2 data or recent growth."""
    found = projection(lesson.ds, lesson.country, lesson.end_year, improvement, until_year,
                       GROWTH_WINDOW_YEARS, MIN_GROWTH_YEARS)
    if found == "co2_mt":
        lesson.skip(_(SECTION), missing_message(lesson.ds, "co2_mt", lesson.country).text)
    elif found == "gdp_growth":
        lesson.skip(_(SECTION), _("The pack has too few recent figures on real GDP growth for "
                                  "{country} to set the growth assumption.").format(
                                      country=lesson.name))
    return found if isinstance(found, WhatIf) else None


def what_if_chart(lesson: Lesson, scenario: WhatIf | None) -> go.Figure | None:
    """Emissions so far, and paths from the base year at constant and at falling intensity."""
    if scenario is None:
        return None
    history = series(lesson, "co2_mt").loc[:scenario.base_year]
    finding = (_("With {rate} less CO2 per unit of GDP each year, {country.possessive} emissions "
                 "would rise by {change} between {y0} and {y1}") if scenario.change > 0 else
               _("With {rate} less CO2 per unit of GDP each year, {country.possessive} emissions "
                 "would fall by {change} between {y0} and {y1}")).format(
        rate=rate(scenario.improvement), country=lesson.name,
        change=format_value(abs(scenario.change), "%"), y0=scenario.base_year,
        y1=scenario.until_year)
    g0, g1 = scenario.growth_years
    subtitle = _("Million tonnes CO2; GDP assumed to grow {rate} a year (its average {years}); "
                 "solid: data to {base_year}; dashed: projections from {first_year}").format(
        rate=rate(scenario.growth), years=f"{g0}–{g1}", base_year=scenario.base_year,
        first_year=scenario.first_projected_year)
    cut = signed(-100 * scenario.improvement, "%")
    return projection_chart(
        finding, subtitle, source(lesson, "co2_mt", "gdp_growth",
                                  note=_("Projection: emissions = GDP path x intensity path.")),
        (_("CO2 emissions"), _("million tonnes")), (history, _("Emissions so far")),
        (scenario.path(0.0), _("Projection, intensity unchanged")),
        (scenario.path(), _("Projection, intensity {cut} a year").format(cut=cut)),
        hover="%{y:,.3~g} Mt", yaxis_tickformat=",~g")


def what_if_message(lesson: Lesson, scenario: WhatIf | None,
                    flat: bool = True) -> KeyMessage | None:
    """The what-if as a sentence; with ``flat``, the cut that would hold emissions flat (the
    answer of an exercise)."""
    if scenario is None:
        return None
    g0, g1 = scenario.growth_years
    text = _("If {country.possessive} GDP keeps growing {growth} a year (its average {years}) and "
             "its CO2 per unit of GDP falls {rate} a year, emissions would go from {first} in "
             "{base_year} (the latest year with data) to {last} in {until_year}").format(
        country=lesson.name, growth=rate(scenario.growth), years=f"{g0}–{g1}",
        rate=rate(scenario.improvement), first=tonnes(scenario.base_emissions),
        base_year=scenario.base_year, last=tonnes(scenario.end_emissions),
        until_year=scenario.until_year)
    text = (_("{text}; holding them flat needs intensity to fall {rate} a year.").format(
        text=text, rate=rate(scenario.flat_improvement)) if flat else text + ".")
    return KeyMessage(text, "co2_mt", {"base_emissions": scenario.base_emissions,
                                       "end_emissions": scenario.end_emissions,
                                       "growth": scenario.growth,
                                       "flat_improvement": scenario.flat_improvement})


def flat_emissions_exercise(lesson: Lesson, scenario: WhatIf | None) -> Exercise:
    """"How fast must intensity fall to keep emissions flat, given this GDP growth?"."""
    if scenario is None:
        return Exercise(_("How fast would {country.possessive} CO2 per unit of GDP have to fall "
                          "each year to keep emissions flat?").format(country=lesson.name),
                        float("nan"), unit="%")
    answer = 100.0 * scenario.flat_improvement
    growth = localise_digits(f"{scenario.growth:.4f}", number_style())  # "0,0458" in French
    return Exercise(
        question=_("Suppose {country.possessive} GDP grows {growth} a year. By how many percent "
                   "must CO2 per unit of GDP fall each year to keep emissions flat? (Two "
                   "decimals.)").format(country=lesson.name, growth=rate(scenario.growth)),
        answer=answer, unit="%", tolerance=0.05,
        hint=_("Emissions = GDP × intensity, so flat emissions need (1 + g) × (1 − r) = 1. "
               "It is close to the growth rate, but not equal."),
        explanation=_("a growing economy must cut its intensity a little less than its growth "
                      "rate each year, r = 1 − 1/(1 + g), just to stand still."),
        solution=f"`r = 1 − 1 / (1 + {growth}) = {format_value(answer, '%', decimals=2)}`.",
    )
