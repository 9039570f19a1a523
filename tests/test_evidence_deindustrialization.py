"""``evidence.deindustrialization``: the verdict's outcomes and a country's distance from
the world pattern, said no more strongly than the scatter allows."""

from __future__ import annotations

from policylab.evidence.deindustrialization import PATTERN_CHOICES, choices, distance_words
from policylab.i18n import using_language
from policylab.metrics.world_pattern import WorldPattern

#: A flat line at 15% of GDP, countries typically 2 points from it.
FLAT = WorldPattern((0.0, 0.0, 15.0), n_countries=100, year=2020, scatter=2.0)


def test_distance_clear_or_within_the_scatter() -> None:
    assert distance_words(FLAT, 1000.0, 10.8) == \
        "4.20 percentage points below the world pattern at its income"
    assert distance_words(FLAT, 1000.0, 16.0) == (
        "1.00 percentage points above the world pattern at its income, within the typical "
        "scatter of 2.00 percentage points")


def test_choices_follow_the_verdict_order_and_translate() -> None:
    assert choices() == PATTERN_CHOICES
    assert PATTERN_CHOICES[0].startswith("Yes: ") and PATTERN_CHOICES[3].startswith("Inconclusive")
    with using_language("es"):
        assert choices()[3].startswith("No concluyente: ")
