"""The policy-cases block of every lesson: the challenges flagged, why (the rule, the measures
it applies to in this lesson, and each challenge's figure against the world's quarter), and
the cases for them; or, when none is flagged, cases on the lesson's megatrend in general,
said as such."""

from __future__ import annotations

from collections.abc import Sequence

from policylab.cases import CHALLENGE_FLAGS, MEGATRENDS, case_markdown, load_cases, select_cases
from policylab.display import note
from policylab.evidence.standing_words import challenge_line, challenge_rule
from policylab.i18n import _
from policylab.lessons.context import Lesson
from policylab.results import challenges, rules_for
from policylab.text import in_sentence


def policy_cases_markdown(lesson: Lesson, flags: Sequence[str]) -> str:
    """Markdown: the challenges among ``flags`` that this lesson's rules raise (its results
    file's flags), why each is flagged, and the chosen cases (or why there is none)."""
    spec = lesson.spec
    megatrend = spec.megatrend if spec is not None else None
    rules = rules_for(spec.flags if spec is not None else None)
    mine = [f for f in flags if f in {rule.name for rule in rules}]
    why = challenge_rule(lesson.ds, rules)
    if mine:
        labels = "; ".join(in_sentence(CHALLENGE_FLAGS[f].label) for f in mine)
        intro = _("Challenges flagged for {country}: {labels}.").format(country=lesson.name,
                                                                       labels=labels)
        found = challenges(lesson.ds, lesson.country, None, lesson.end_year, rules)
        lines = [f"- {challenge_line(lesson.ds, lesson.country, c)}" for c in found
                 if c.rule.name in mine]
        why = "\n\n".join(part for part in (why, "\n".join(lines)) if part)
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
        intro = _("{intro} The case library holds no case on these challenges yet.").format(
            intro=intro)
    return "\n\n".join(part for part in (intro, why, *map(case_markdown, cases)) if part)


def show_policy_cases(lesson: Lesson, flags: Sequence[str]) -> None:
    note(policy_cases_markdown(lesson, flags))
