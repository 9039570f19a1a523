"""evidence.peer_gap_words (from the digitalization lesson's gaps table): every status of
``metrics.digital_gaps`` as its verdict, in English and French."""

from __future__ import annotations

from policylab.evidence.peer_gap_words import status_words
from policylab.i18n import using_language
from policylab.metrics.digital_gaps import STATUSES


def test_every_status_has_its_verdict() -> None:
    counts = [0, 0, 2, 5, 5, 5, 5]
    words = dict(zip(STATUSES, status_words(STATUSES, counts, "2020–2025"), strict=True))
    assert words == {"no data": "no data", "old": "no recent figure (2020–2025)",
                     "few peers": "too few peers report (2)",
                     "saturated": "level: both saturated", "behind": "behind peers",
                     "ahead": "ahead of peers", "level": "level"}


def test_verdicts_follow_the_language() -> None:
    with using_language("fr"):
        french = status_words(["behind", "few peers"], [5, 1], "2020–2025")
    assert french == ["en retard sur les pays de comparaison",
                      "trop peu de pays de comparaison publient des données (1)"]
