"""Section 5: what a steady yearly cut in CO2 per unit of GDP would do, from the latest
year of emissions data, with the country's own recent growth (the identity is in
:mod:`policylab.metrics.emissions_path`)."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.charts import template as tpl
from policylab.learning.exercises import Exercise
from policylab.lessons.context import Lesson
from policylab.lessons.greening.base import line_chart, rate, series, source, tonnes
from policylab.metrics.emissions_path import WhatIf
from policylab.metrics.greening_figures import projection
from policylab.narrative import KeyMessage, missing_message
from policylab.text import format_value, possessive, signed

#: The what-if's GDP growth is the average real growth of this many latest years ...
GROWTH_WINDOW_YEARS = 10
#: ... from at least this many yearly figures.
MIN_GROWTH_YEARS = 5
DEFAULT_IMPROVEMENT = 0.03
DEFAULT_UNTIL_YEAR = 2035
SECTION = "What-if: emissions under a yearly cut in intensity"


def what_if(lesson: Lesson, improvement: float = DEFAULT_IMPROVEMENT,
            until_year: int = DEFAULT_UNTIL_YEAR) -> WhatIf | None:
    """The what-if from the latest year with CO2 data (up to the lesson's end year) and
    the country's recent growth (:func:`policylab.metrics.greening_figures.projection`);
    None (with a note) when either is missing. ``improvement`` is a fraction (0.03 = 3%
    less CO2 per unit of GDP each year); bad choices raise ``PolicylabError``."""
    found = projection(lesson.ds, lesson.country, lesson.end_year, improvement, until_year,
                       GROWTH_WINDOW_YEARS, MIN_GROWTH_YEARS)
    if found == "co2_mt":
        lesson.skip(SECTION, missing_message(lesson.ds, "co2_mt", lesson.country).text)
    elif found == "gdp_growth":
        lesson.skip(SECTION, f"The pack has too few recent figures on real GDP growth for "
                    f"{lesson.name} to set the growth assumption.")
    return found if isinstance(found, WhatIf) else None


def what_if_chart(lesson: Lesson, scenario: WhatIf | None) -> go.Figure | None:
    """Emissions so far and two paths from the base year: constant intensity, and
    intensity falling at the chosen rate."""
    if scenario is None:
        return None
    history = series(lesson, "co2_mt").loc[:scenario.base_year]
    verb = "rise" if scenario.change > 0 else "fall"
    finding = (f"With {rate(scenario.improvement)} less CO2 per unit of GDP each year, "
               f"{possessive(lesson.name)} emissions would {verb} by "
               f"{format_value(abs(scenario.change), '%')} between {scenario.base_year} and "
               f"{scenario.until_year}")
    g0, g1 = scenario.growth_years
    subtitle = (f"Million tonnes CO2; GDP assumed to grow {rate(scenario.growth)} a "
                f"year (its average {g0}–{g1}); solid: data to {scenario.base_year}; dashed: "
                f"projections from {scenario.first_projected_year}")
    cut = signed(-100 * scenario.improvement, "%")
    return line_chart(finding, subtitle, source(
        lesson, "co2_mt", "gdp_growth", note="Projection: emissions = GDP path x intensity path."),
        ("CO2 emissions", "million tonnes"),
        [(history, "Emissions so far", tpl.FOCUS_COLOUR, tpl.FOCUS_WIDTH, {}),
         (scenario.path(0.0), "Projection, intensity unchanged", tpl.GROUP_COLOUR,
          tpl.GROUP_WIDTH, {"dash": "dash"}),
         (scenario.path(), f"Projection, intensity {cut} a year", tpl.FOCUS_COLOUR,
          tpl.FOCUS_WIDTH - 1, {"dash": "dash"})], yaxis_tickformat=",~g")


def what_if_message(lesson: Lesson, scenario: WhatIf | None,
                    flat: bool = True) -> KeyMessage | None:
    """The what-if as a sentence, with (``flat``) the improvement that would keep emissions
    flat; without it before the exercise that asks for that rate."""
    if scenario is None:
        return None
    g0, g1 = scenario.growth_years
    text = (f"If {possessive(lesson.name)} GDP keeps growing {rate(scenario.growth)} a "
            f"year (its average {g0}–{g1}) and its CO2 per unit of GDP falls "
            f"{rate(scenario.improvement)} a year, emissions would go from "
            f"{tonnes(scenario.base_emissions)} in {scenario.base_year} (the latest year "
            f"with data) to {tonnes(scenario.end_emissions)} in {scenario.until_year}")
    text += (f"; holding them flat needs intensity to fall "
             f"{rate(scenario.flat_improvement)} a year." if flat else ".")
    return KeyMessage(text, "co2_mt", {"base_emissions": scenario.base_emissions,
                                       "end_emissions": scenario.end_emissions,
                                       "growth": scenario.growth,
                                       "flat_improvement": scenario.flat_improvement})


def flat_emissions_exercise(lesson: Lesson, scenario: WhatIf | None) -> Exercise:
    """"How fast must intensity fall to keep emissions flat, given this GDP growth?"."""
    if scenario is None:
        return Exercise(f"How fast would {possessive(lesson.name)} CO2 per unit of GDP have "
                        "to fall each year to keep emissions flat?", float("nan"), unit="%")
    answer = 100.0 * scenario.flat_improvement
    return Exercise(
        question=(f"Suppose {possessive(lesson.name)} GDP grows {rate(scenario.growth)} a "
                  "year. By how many percent must CO2 per unit of GDP fall each year to keep "
                  "emissions flat? (Two decimals.)"),
        answer=answer, unit="%", tolerance=0.05,
        hint=("Emissions = GDP × intensity, so flat emissions need (1 + g) × (1 − r) = 1. "
              "It is close to the growth rate, but not equal."),
        explanation=("a growing economy must cut its intensity a little less than its growth "
                     "rate each year, r = 1 − 1/(1 + g), just to stand still."),
        solution=(f"`r = 1 − 1 / (1 + {scenario.growth:.4f}) = "
                  f"{format_value(answer, '%', decimals=2)}`."),
    )
