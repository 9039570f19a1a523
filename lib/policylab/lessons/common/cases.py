"""The policy-cases block: the cases for the challenges flagged, or (when none is flagged)
cases on the lesson's megatrend in general, said as such. One version of four."""

from __future__ import annotations

from collections.abc import Sequence

from policylab.cases import CHALLENGE_FLAGS, MEGATRENDS, case_markdown, load_cases, select_cases
from policylab.display import note
from policylab.i18n import _
from policylab.lessons.context import Lesson
from policylab.text import in_sentence


def policy_cases_markdown(lesson: Lesson, flags: Sequence[str]) -> str:
    """Markdown: an intro sentence and the chosen cases (or why there is none)."""
    megatrend = lesson.spec.megatrend if lesson.spec is not None else None
    mine = [f for f in flags if f in CHALLENGE_FLAGS
            and (megatrend is None or CHALLENGE_FLAGS[f].megatrend == megatrend)]
    if mine:
        labels = "; ".join(in_sentence(CHALLENGE_FLAGS[f].label) for f in mine)
        intro = _("Challenges flagged for {country}: {labels}.").format(country=lesson.name,
                                                                       labels=labels)
        chosen = mine
    else:
        general = [f for f, flag in CHALLENGE_FLAGS.items()
                   if megatrend is None or flag.megatrend == megatrend]
        topic = (_("this lesson's topic") if megatrend is None
                 else in_sentence(_(MEGATRENDS[megatrend])))
        intro = _("No challenge on {topic} was flagged for {country} by the rules used "
                  "here; these cases show what other countries did on it in general.").format(
            topic=topic, country=lesson.name)
        chosen = general
    cases = select_cases(load_cases(), chosen, megatrend=megatrend,
                         exclude_country=lesson.country, k=3)
    if not cases:
        return _("{intro} The case library holds no case on these challenges yet.").format(
            intro=intro)
    return "\n\n".join([intro, *(case_markdown(case) for case in cases)])


def show_policy_cases(lesson: Lesson, flags: Sequence[str]) -> None:
    note(policy_cases_markdown(lesson, flags))
