"""A forum agenda computed from the shared priorities, peer-learning pairs, collaboration
areas and the policy case library: every session says why it is on the agenda (its
evidence, with numbers and years) and what the groups should discuss."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from policylab.cases import CHALLENGE_FLAGS, MEGATRENDS, PolicyCase, country_name, select_cases
from policylab.catalogue import Indicator, load_catalogue
from policylab.forum.evidence_words import evidence_words
from policylab.forum.priorities import evidence_indicators
from policylab.i18n import N_, _
from policylab.i18n.names import CountryName, inflectable
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.format import is_missing
from policylab.text import in_sentence, join_list, sentence_start

#: Sessions on a priority shared by at least this many countries (or half the workshop)
#: get the long slot.
LONG_SESSION_COUNTRIES = 3
LONG_SESSION_MINUTES = 45
SHORT_SESSION_MINUTES = 30
#: Words in a workshop title that name a megatrend, and the country notebooks (results
#: ``notebook`` names) that cover one.
MEGATREND_WORDS = {
    "green": ("green", "climate", "low-carbon", "low carbon", "energy", "emission"),
    "digital": ("digital", "ict", "internet", "broadband", "technolog"),
    "value_chains": ("value chain", "gvc", "trade", "export"),
    "industrial_development": ("industrial development", "industrialisation",
                               "industrialization", "manufactur"),
}
MEGATREND_NOTEBOOKS = {"green": ("greening",), "digital": ("digital",),
                       "value_chains": ("value_chains",),
                       "industrial_development": ("industrial_profile", "profile")}
#: The note shown with every computed list (collaboration areas, pairs, the agenda).
STARTING_LIST = N_("**A starting list, not a recommendation.** It is computed from the "
                 "figures above by fixed rules; the groups decide what is worth pursuing.")


def workshop_megatrends(title: str = "", notebooks: Iterable[str] = ()) -> list[str]:
    """The megatrends a workshop covers, in the case library's order: those named in its
    ``title`` (e.g. "green and digital transition": green, digital) and those of the country
    notebooks whose results it gathers (greening, digitalization, value chains, industrial
    profile)."""
    lowered = title.lower()
    names = [str(n).lower() for n in notebooks]
    return [m for m in MEGATRENDS
            if any(w in lowered for w in MEGATREND_WORDS[m])
            or any(k in n for n in names for k in MEGATREND_NOTEBOOKS[m])]


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
                 catalogue: Mapping[str, Indicator] | None = None,
                 megatrends: Sequence[str] | None = None) -> list[AgendaItem]:
    """The agenda, in this order:

    With ``megatrends`` (the workshop's, ``workshop_megatrends``), step 1 is one session
    per megatrend instead (``megatrend_sessions``): every megatrend of the workshop, and
    every megatrend of a shared priority, gets exactly one session, with all shared
    priorities of that megatrend merged into it and their policy cases together.

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
    if megatrends is not None:
        items = megatrend_sessions(priorities, cases, megatrends, cases_per_item, catalogue)
    else:
        items = [_priority_item(row, cases, cases_per_item, catalogue)
                 for row in priorities.head(max_priorities).to_dict("records")]
    if not pairs.empty:
        items.append(_peer_learning_item(pairs, cases, cases_per_item, max_examples, catalogue))
    if not collaboration.empty:
        items.append(_collaboration_item(collaboration, cases, cases_per_item, max_examples))
    return items


def agenda_markdown(items: Iterable[AgendaItem], cases: Sequence[PolicyCase] = ()) -> str:
    """The agenda as Markdown: one heading per session with its evidence and questions."""
    titles = {case.id: _case_title(case) for case in cases}
    blocks = []
    items = list(items)
    for number, item in enumerate(items, start=1):
        lines = [_("### {number}. {title} ({minutes} minutes)").format(
                     number=number, title=item.title, minutes=item.duration_minutes), "",
                 _("*Countries:* {countries}").format(
                     countries=", ".join(country_name(c) for c in item.countries)), "",
                 _("*Evidence:* {evidence}").format(evidence=item.evidence), "",
                 _("*Questions for the groups:*")]
        lines += [f"- {question}" for question in item.questions]
        if item.related_cases:
            lines += ["", _("*Related cases:* {cases}").format(cases="; ".join(
                titles.get(case_id, case_id) for case_id in item.related_cases))]
        elif item.kind in ("priority", "megatrend") and item.countries:
            lines += ["", _("*Related cases:* no case in the library yet")]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _case_title(case: PolicyCase) -> str:
    """A case as the agenda cites it: "title (country, period)"."""
    return _("{case} ({country}, {period})").format(case=case.title, country=case.country_name,
                                                    period=case.period)


def megatrend_name(megatrend: str) -> str:
    """A megatrend's name in the current language (the key itself when unknown)."""
    return _(MEGATRENDS[megatrend]) if megatrend in MEGATRENDS else megatrend


def priority_case_list(row: Mapping, cases: Sequence[PolicyCase],
                       k: int) -> list[PolicyCase]:
    """The ``k`` library cases for one shared priority (``select_cases`` on its flag and
    megatrend, leaving out the countries concerned); none for a flag outside the library's
    vocabulary."""
    if row["flag"] not in CHALLENGE_FLAGS:
        return []
    return select_cases(cases, [row["flag"]], megatrend=row["megatrend"],
                        exclude_country=tuple(row["countries"]), k=k)


def megatrend_sessions(priorities: pd.DataFrame, cases: Sequence[PolicyCase],
                       megatrends: Sequence[str], k: int = 2,
                       catalogue: Mapping[str, Indicator] | None = None) -> list[AgendaItem]:
    """One session per megatrend: those in ``megatrends`` and those of any shared
    priority. A session merges every shared priority of its megatrend (evidence of each,
    and the union of their ``priority_case_list`` cases); a megatrend of the workshop
    without a shared priority still gets a short session, saying so. Long slot when a
    priority in it is shared by ``LONG_SESSION_COUNTRIES`` countries or half the
    workshop; sessions with the most widely shared priority first."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    rows = priorities.to_dict("records")
    wanted = list(dict.fromkeys([*megatrends, *(r["megatrend"] for r in rows
                                                if r["megatrend"] is not None)]))
    items = []
    for megatrend in wanted:
        own = [r for r in rows if r["megatrend"] == megatrend]
        items.append((-max((r["n_countries"] for r in own), default=0), len(items),
                      _megatrend_item(megatrend, own, cases, k, catalogue)))
    others = [r for r in rows if r["megatrend"] is None]
    items += [(-r["n_countries"], len(items) + i, _priority_item(r, list(cases), k, catalogue))
              for i, r in enumerate(others)]
    return [item for *_, item in sorted(items, key=lambda t: t[:2])]


def _megatrend_item(megatrend: str, rows: list[Mapping], cases: Sequence[PolicyCase], k: int,
                    catalogue: Mapping[str, Indicator]) -> AgendaItem:
    name = megatrend_name(megatrend)
    if not rows:
        return AgendaItem(
            kind="megatrend", title=_("{Megatrend}: no shared challenge").format(
                Megatrend=sentence_start(name)),
            duration_minutes=SHORT_SESSION_MINUTES, countries=(),
            evidence=_("No challenge of {megatrend} is flagged for two of the workshop's "
                       "countries or more (see the scorecard for each country's figures).").format(
                megatrend=name),
            questions=(_("Which of your country's figures on {megatrend} would you most like to "
                         "improve, and which country here would you ask first?").format(
                           megatrend=name),
                       _("What could the countries do together on {megatrend} before a gap "
                         "opens (common standards, shared training, joint investment "
                         "promotion)?").format(megatrend=name)),
            related_cases=())
    countries = tuple(sorted({c for r in rows for c in r["countries"]}))
    related = list(dict.fromkeys(case for r in rows for case in priority_case_list(r, cases, k)))
    labels = _names_plain([r["label"] for r in rows])
    long_slot = any(r["n_countries"] >= LONG_SESSION_COUNTRIES or r["share"] >= 0.5
                    for r in rows)
    evidence = " ".join(_("**{challenge}** ({countries}): {evidence}.").format(
        challenge=r["label"], countries=_names(r["countries"]),
        evidence=_evidence(r, catalogue))
        for r in rows)
    opening = (_(SHARED_BY).format(challenge=labels, countries=_names(countries))
               if len(rows) == 1 else
               _("{challenges} are each shared by the countries named with it above: which of "
                 "them has already tried to tackle them, and with what result?").format(
                   challenges=labels))
    questions = _questions(opening, related)
    return AgendaItem(
        kind="megatrend", title=_("{Megatrend}: {challenges}").format(
            Megatrend=sentence_start(name), challenges=labels),
        duration_minutes=LONG_SESSION_MINUTES if long_slot else SHORT_SESSION_MINUTES,
        countries=countries, evidence=evidence, questions=questions,
        related_cases=tuple(case.id for case in related))


def _questions(opening: str, related: Sequence[PolicyCase]) -> tuple[str, ...]:
    """A session's questions for the groups: who tried, what to do together, and what of
    the first related case would transfer."""
    questions = [opening, _("What could the countries do together that none can do alone "
                            "(shared training, common standards, joint investment promotion "
                            "or research)?")]
    if related:
        first = related[0]
        questions.append(_("What in \"{case}\" ({country}, {period}) would transfer to your "
                           "country, and what would not?").format(
            case=first.title, country=first.country_name, period=first.period))
    return tuple(questions)


def _names_plain(items: Sequence[str]) -> str:
    """Labels joined into one phrase, the first as written, the others inside it."""
    return join_list([items[0], *(in_sentence(item) for item in items[1:])])


def _priority_item(row: Mapping, cases: list[PolicyCase], k: int,
                   catalogue: Mapping[str, Indicator]) -> AgendaItem:
    countries = tuple(row["countries"])
    names = _names(countries)
    long_slot = row["n_countries"] >= LONG_SESSION_COUNTRIES or row["share"] >= 0.5
    related = (select_cases(cases, [row["flag"]], megatrend=row["megatrend"], k=k)
               if row["flag"] in CHALLENGE_FLAGS else [])
    label = row["label"]
    questions = _questions(_(SHARED_BY).format(challenge=label, countries=names), related)
    return AgendaItem(
        kind="priority",
        title=_("Shared priority: {challenge}").format(challenge=label),
        duration_minutes=LONG_SESSION_MINUTES if long_slot else SHORT_SESSION_MINUTES,
        countries=countries,
        evidence=_evidence(row, catalogue),
        questions=questions,
        related_cases=tuple(case.id for case in related),
    )


def _evidence(row: Mapping, catalogue: Mapping[str, Indicator]) -> str:
    """A priority's evidence, country by country, as the priorities table words it."""
    return "; ".join(evidence_words(
        _country(item["country"]), item,
        catalogue[item["indicator"]].unit if item["indicator"] in catalogue else "",
        row["flag"], item.get("world_edge")) for item in row["evidence"])


def _peer_learning_item(pairs: pd.DataFrame, cases: list[PolicyCase], k: int, n: int,
                        catalogue: Mapping[str, Indicator]) -> AgendaItem:
    top = (pairs.sort_values("change_in_spreads", ascending=False)
           .drop_duplicates(["learner", "indicator"]).head(n))
    lines = []
    for row in top.itertuples(index=False):
        unit = catalogue[row.indicator].unit if row.indicator in catalogue else ""
        lines.append(_(
            "{learner} could learn from {teacher} on {indicator}: {teacher} went from {start} "
            "({start_year}) to {end} ({end_year}); {learner} is at {now} ({year})").format(
            learner=_country(row.learner), teacher=_country(row.teacher),
            indicator=_label(row.indicator, catalogue),
            start=fmt_quantity(row.teacher_start_value, unit), start_year=row.teacher_start_year,
            end=fmt_quantity(row.teacher_end_value, unit), end_year=row.teacher_end_year,
            now=fmt_quantity(row.learner_value, unit), year=row.learner_year))
    countries = tuple(dict.fromkeys(list(top["learner"]) + list(top["teacher"])))
    return AgendaItem(
        kind="peer_learning",
        title=_("Peer learning: who improved from a similar starting point"),
        duration_minutes=SHORT_SESSION_MINUTES,
        countries=countries,
        evidence="; ".join(lines),
        questions=_pair_questions(top.iloc[0], catalogue),
        related_cases=_teacher_cases(top, cases, k),
    )


def _pair_questions(best: pd.Series, catalogue: Mapping[str, Indicator]) -> tuple[str, ...]:
    """The peer-learning session's questions, on its strongest pair."""
    unit = catalogue[best["indicator"]].unit if best["indicator"] in catalogue else ""
    return (
        _("What did {teacher} do between {start_year} and {end_year} to make its progress on "
          "{indicator} (from {start} to {end})?").format(
            teacher=_country(best["teacher"]), start_year=best["teacher_start_year"],
            end_year=best["teacher_end_year"], indicator=_label(best["indicator"], catalogue),
            start=fmt_quantity(best["teacher_start_value"], unit),
            end=fmt_quantity(best["teacher_end_value"], unit)),
        _("Which of the conditions behind that improvement also hold in {learner}, and which "
          "do not?").format(learner=_country(best["learner"])),
        _("What would each learner ask its teacher in a bilateral exchange?"),
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
    lines = [_collaboration_line(row, "year" in top.columns)
             for row in top.itertuples(index=False)]
    countries = tuple(sorted({c for row in top.itertuples(index=False) for c in row.countries}))
    related = select_cases(cases, ["low_eci", "narrow_export_basket"], megatrend="value_chains",
                           k=k)
    return AgendaItem(
        kind="collaboration",
        title=_("Collaboration: products several countries could develop"),
        duration_minutes=SHORT_SESSION_MINUTES,
        countries=countries,
        evidence="; ".join(lines),
        questions=(
            _("Could the countries pool investment promotion, quality infrastructure (testing, "
              "certification) or skills for these products?"),
            _("Will they compete for the same investors, or could each specialise in different "
              "stages of the value chain?"),
        ),
        related_cases=tuple(case.id for case in related),
    )


def _collaboration_line(row, has_year: bool) -> str:
    """One collaboration product: name, HS code, complexity (with its year) and countries."""
    fields = {"product": row.name, "code": row.product, "countries": _names(row.countries),
              "pci": fmt_number(row.pci, decimals=2)}
    if has_year and not is_missing(row.year):
        return _("{product} (HS {code}, {year} product complexity {pci}): {countries}").format(
            year=int(row.year), **fields)
    return _("{product} (HS {code}, product complexity {pci}): {countries}").format(**fields)


def _country(iso3: str) -> CountryName:
    """The case library's name of a country, with the forms a French template inflects."""
    name = country_name(iso3)
    return name if isinstance(name, CountryName) else inflectable(iso3, name)


def _label(indicator: str, catalogue: Mapping[str, Indicator]) -> str:
    return catalogue[indicator].label if indicator in catalogue else indicator.replace("_", " ")


#: The opening question on a challenge one group of countries shares.
SHARED_BY = N_("{challenge} is shared by {countries}: which of these countries has already "
               "tried to tackle it, and with what result?")


def _names(codes: Iterable[str]) -> str:
    return join_list(country_name(code) for code in codes)
