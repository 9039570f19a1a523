"""``narrative.changes``: points, "rose by", title verbs and the price basis."""

from __future__ import annotations

from policylab.catalogue import load_catalogue
from policylab.i18n import using_language
from policylab.narrative.changes import moved, points, price_basis, title_verb, title_was, usd
from policylab.text import format_value


def test_points_counts_one_and_french_below_two() -> None:
    assert points(1) == "1 percentage point"
    assert points(-2.5) == "2.50 percentage points"
    with using_language("fr"):
        assert points(4.2) == f"{format_value(4.2)} points de pourcentage"
        assert points(1.5).endswith("point de pourcentage")
    with using_language("es"):
        assert points(4.2) == "4,20 puntos porcentuales"


def test_moved_states_the_size_and_direction() -> None:
    assert moved(36.7) == "rose by 36.7%"
    assert moved(-4.2) == "fell by 4.20%"
    assert moved(0.0) == "did not change"
    with using_language("es"):
        assert moved(-4.2) == "disminuyó un 4,20\u00a0%"


def test_usd_and_price_basis() -> None:
    assert usd(12345.6) == "US$ 12,346"
    assert price_basis("constant 2015 US$ per person") == "constant 2015 US$"
    assert price_basis("current US$") == "current US$"
    assert price_basis("US$ per person") == ""
    assert price_basis("% of GDP") == ""


def test_title_words() -> None:
    catalogue = load_catalogue()
    assert title_was(catalogue["manuf_exports_usd"]) == "were"
    assert title_was(catalogue["manuf_share_merch_exports"]) == "was"
    assert [title_verb(1.0, 2.0), title_verb(2.0, 1.0), title_verb(1.0, 1.0)] == \
        ["rose", "fell", "stayed"]
    with using_language("fr"):
        assert title_verb(2.0, 1.0) == "en baisse"
