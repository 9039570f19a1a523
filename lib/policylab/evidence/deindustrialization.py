"""The premature de-industrialization verdict in words (DESIGN §10: verdicts only as strong
as the evidence): its four outcomes, in the order ``metrics.profile_deindustrialization.
verdict`` numbers them, and a country's distance from the world pattern, said to lie within
the typical scatter when it is not larger (``metrics.world_pattern``)."""

from __future__ import annotations

from policylab.i18n import N_, _
from policylab.metrics.world_pattern import WorldPattern
from policylab.narrative.changes import points

#: The rule's outcomes (an exercise's choices), in the order of the verdict's index.
PATTERN_CHOICES = (
    N_("Yes: the share fell by more than the threshold while income is below the peak of a "
       "clear world pattern"),
    N_("No: the share fell, but income is already above the peak"),
    N_("No: the share did not fall by more than the threshold"),
    N_("Inconclusive: the share fell, but the world pattern is too flat to read a peak from"),
)


#: Each outcome's other forms (``learning.exercises.Exercise.answer_forms``): the words in
#: which a page would state the outcome of the check that decides it, as a chart note "not
#: clear: within the scatter" gave away "Inconclusive". The participant page states none of
#: them (DESIGN §10: the facts the exercise gives, not the checks' outcomes).
PATTERN_FORMS = (
    (N_("income is below the peak"), N_("the world pattern is clear")),
    (N_("income is above the peak"), N_("the world pattern is clear")),
    (N_("did not fall by more than the threshold"),),
    (N_("not clear"), N_("too flat")),
)


def choices() -> tuple[str, ...]:
    """``PATTERN_CHOICES`` in the current language."""
    return tuple(_(c) for c in PATTERN_CHOICES)


def forms(outcome: int) -> tuple[str, ...]:
    """``PATTERN_FORMS`` of one outcome (the verdict's index) in the current language."""
    return tuple(_(form) for form in PATTERN_FORMS[outcome])


def distance_words(pattern: WorldPattern, income: float, share: float) -> str:
    """"4.2 percentage points below the world pattern at its income", with "within the
    typical scatter of 7.0 points" when the distance is not clear."""
    gap = share - pattern.predict(income)
    text = (_("{gap} above the world pattern at its income") if gap > 0 else
            _("{gap} below the world pattern at its income")).format(gap=points(gap))
    if not pattern.distance_is_clear(income, share):
        text = _("{distance}, within the typical scatter of {scatter}").format(
            distance=text, scatter=points(pattern.scatter))
    return text
