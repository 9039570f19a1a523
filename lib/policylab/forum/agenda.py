"""A forum agenda computed from the shared priorities, peer-learning pairs, collaboration
areas and the policy case library: every session says why it is on the agenda (its
evidence, with numbers and years) and what the groups should discuss."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from policylab.cases import CHALLENGE_FLAGS, PolicyCase, country_name, select_cases
from policylab.catalogue import Indicator, load_catalogue
from policylab.forum.priorities import evidence_indicators
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.format import is_missing

#: Sessions on a priority shared by at least this many countries (or half the workshop)
#: get the long slot.
LONG_SESSION_COUNTRIES = 3
LONG_SESSION_MINUTES = 45
SHORT_SESSION_MINUTES = 30


@dataclass(frozen=True)
class AgendaItem:
    """One session: ``kind`` is ``priority``, ``peer_learning`` or ``collaboration``;
    ``related_cases`` holds case ids from the case library."""

    kind: str
    title: str
    duration_minutes: int
    countries: tuple[str, ...]
    evidence: str
    questions: tuple[str, ...]
    related_cases: tuple[str, ...]


def forum_agenda(priorities: pd.DataFrame, pairs: pd.DataFrame, collaboration: pd.DataFrame,
                 cases: Sequence[PolicyCase], max_priorities: int = 4, cases_per_item: int = 2,
                 max_examples: int = 5,
                 catalogue: Mapping[str, Indicator] | None = None) -> list[AgendaItem]:
    """The agenda, in this order:

    1. one session per shared priority (the first ``max_priorities`` rows of
       ``shared_priorities``, i.e. those shared by most countries): 45 minutes when at
       least three countries (or half the workshop) share it, else 30; evidence = each
       country's headline figure against its peer median; related cases =
       ``select_cases`` for the flag and its megatrend;
    2. one peer-learning session (30 minutes) when ``peer_learning_pairs`` found pairs,
       showing each learner's best teacher per indicator (largest improvement first, at
       most ``max_examples``); related cases = library cases from those teacher countries
       on a challenge linked to the indicator;
    3. one collaboration session (30 minutes) when ``collaboration_areas`` found products
       shared by several countries' opportunity lists (HS codes; with a ``year`` column,
       the product complexity is labelled with its year). The caller passes only areas
       it may use: the forum synthesis passes none when the product panel is older than
       the recency window.
    Labels and units come from the indicator catalogue.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    cases = list(cases)
    items = [_priority_item(row, cases, cases_per_item, catalogue)
             for row in priorities.head(max_priorities).to_dict("records")]
    if not pairs.empty:
        items.append(_peer_learning_item(pairs, cases, cases_per_item, max_examples, catalogue))
    if not collaboration.empty:
        items.append(_collaboration_item(collaboration, cases, cases_per_item, max_examples))
    return items


def agenda_markdown(items: Iterable[AgendaItem], cases: Sequence[PolicyCase] = ()) -> str:
    """The agenda as Markdown: one heading per session with its evidence and questions."""
    titles = {case.id: f"{case.title} ({case.country_name}, {case.period})" for case in cases}
    blocks = []
    for number, item in enumerate(items, start=1):
        lines = [f"### {number}. {item.title} ({item.duration_minutes} minutes)", "",
                 f"*Countries:* {', '.join(country_name(c) for c in item.countries)}", "",
                 f"*Evidence:* {item.evidence}", "", "*Questions for the groups:*"]
        lines += [f"- {question}" for question in item.questions]
        if item.related_cases:
            lines += ["", "*Related cases:* "
                      + "; ".join(titles.get(case_id, case_id) for case_id in item.related_cases)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _priority_item(row: Mapping, cases: list[PolicyCase], k: int,
                   catalogue: Mapping[str, Indicator]) -> AgendaItem:
    countries = tuple(row["countries"])
    names = _names(countries)
    long_slot = row["n_countries"] >= LONG_SESSION_COUNTRIES or row["share"] >= 0.5
    related = (select_cases(cases, [row["flag"]], megatrend=row["megatrend"], k=k)
               if row["flag"] in CHALLENGE_FLAGS else [])
    label = row["label"]
    questions = [
        f"{label} is shared by {names}: which of these countries has already tried to "
        "tackle it, and with what result?",
        "What could the countries do together that none can do alone (shared training, "
        "common standards, joint investment promotion or research)?",
    ]
    if related:
        first = related[0]
        questions.append(f"What in \"{first.title}\" ({first.country_name}, {first.period}) "
                         "would transfer to your country, and what would not?")
    return AgendaItem(
        kind="priority",
        title=f"Shared priority: {label}",
        duration_minutes=LONG_SESSION_MINUTES if long_slot else SHORT_SESSION_MINUTES,
        countries=countries,
        evidence="; ".join(_evidence_text(item, catalogue) for item in row["evidence"]),
        questions=tuple(questions),
        related_cases=tuple(case.id for case in related),
    )


def _evidence_text(item: Mapping, catalogue: Mapping[str, Indicator]) -> str:
    name = country_name(item["country"])
    if item["indicator"] is None or is_missing(item["value"]):
        return f"{name}: no headline figure in its results"
    indicator = item["indicator"]
    unit = catalogue[indicator].unit if indicator in catalogue else ""
    text = f"{name}: {_label(indicator, catalogue)} {fmt_quantity(item['value'], unit)}"
    if item["year"] is not None:
        text += f" ({item['year']})"
    if not is_missing(item["peer_median"]):
        text += f" against a peer median of {fmt_quantity(item['peer_median'], unit)}"
    edge = item.get("world_edge")
    if edge is not None and not is_missing(edge):
        text += (f"; the world's worst quarter (the rule that raised it) reaches "
                 f"{fmt_quantity(edge, unit)}")
    return text


def _peer_learning_item(pairs: pd.DataFrame, cases: list[PolicyCase], k: int, n: int,
                        catalogue: Mapping[str, Indicator]) -> AgendaItem:
    top = (pairs.sort_values("change_in_spreads", ascending=False)
           .drop_duplicates(["learner", "indicator"]).head(n))
    lines = []
    for row in top.itertuples(index=False):
        unit = catalogue[row.indicator].unit if row.indicator in catalogue else ""
        lines.append(
            f"{country_name(row.learner)} could learn from {country_name(row.teacher)} on "
            f"{_label(row.indicator, catalogue)}: {country_name(row.teacher)} went from "
            f"{fmt_quantity(row.teacher_start_value, unit)} ({row.teacher_start_year}) to "
            f"{fmt_quantity(row.teacher_end_value, unit)} ({row.teacher_end_year}); "
            f"{country_name(row.learner)} is at {fmt_quantity(row.learner_value, unit)} "
            f"({row.learner_year})")
    best = top.iloc[0]
    teacher, learner = country_name(best["teacher"]), country_name(best["learner"])
    unit = catalogue[best["indicator"]].unit if best["indicator"] in catalogue else ""
    questions = (
        f"What did {teacher} do between {best['teacher_start_year']} and "
        f"{best['teacher_end_year']} to make its progress on "
        f"{_label(best['indicator'], catalogue)} (from "
        f"{fmt_quantity(best['teacher_start_value'], unit)} to "
        f"{fmt_quantity(best['teacher_end_value'], unit)})?",
        f"Which of the conditions behind that improvement also hold in {learner}, and "
        "which do not?",
        "What would each learner ask its teacher in a bilateral exchange?",
    )
    countries = tuple(dict.fromkeys(list(top["learner"]) + list(top["teacher"])))
    return AgendaItem(
        kind="peer_learning",
        title="Peer learning: who improved from a similar starting point",
        duration_minutes=SHORT_SESSION_MINUTES,
        countries=countries,
        evidence="; ".join(lines),
        questions=questions,
        related_cases=_teacher_cases(top, cases, k),
    )


def _teacher_cases(top: pd.DataFrame, cases: list[PolicyCase], k: int) -> tuple[str, ...]:
    chosen: list[str] = []
    for row in top.itertuples(index=False):
        flags = {flag for flag in CHALLENGE_FLAGS if row.indicator in evidence_indicators(flag)}
        chosen += [case.id for case in cases
                   if case.country == row.teacher and flags & set(case.addresses)]
    return tuple(dict.fromkeys(chosen))[:k]


def _collaboration_item(collaboration: pd.DataFrame, cases: list[PolicyCase], k: int,
                        n: int) -> AgendaItem:
    top = collaboration.head(n)
    lines = [f"{row.name} (HS {row.product}, "
             + (f"{int(row.year)} " if "year" in top.columns and not is_missing(row.year)
                else "")
             + f"product complexity {fmt_number(row.pci, decimals=2)}): {_names(row.countries)}"
             for row in top.itertuples(index=False)]
    countries = tuple(sorted({c for row in top.itertuples(index=False) for c in row.countries}))
    related = select_cases(cases, ["low_eci", "narrow_export_basket"], megatrend="value_chains",
                           k=k)
    return AgendaItem(
        kind="collaboration",
        title="Collaboration: products several countries could develop",
        duration_minutes=SHORT_SESSION_MINUTES,
        countries=countries,
        evidence="; ".join(lines),
        questions=(
            "Could the countries pool investment promotion, quality infrastructure (testing, "
            "certification) or skills for these products?",
            "Will they compete for the same investors, or could each specialise in different "
            "stages of the value chain?",
        ),
        related_cases=tuple(case.id for case in related),
    )


def _label(indicator: str, catalogue: Mapping[str, Indicator]) -> str:
    return catalogue[indicator].label if indicator in catalogue else indicator.replace("_", " ")


def _names(codes: Iterable[str]) -> str:
    names = [country_name(code) for code in codes]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
