"""Sentences about where a country's figure stands: in the world and its income group
(percentiles, with "high"/"low" only from the world's quarters: ``evidence.percentiles``),
against its peers (how many it exceeds), and why a challenge is flagged (the rule, the
measures a lesson applies it to, and each challenge's figure against the world's quarter:
``results.challenges``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from policylab.cases import CHALLENGE_FLAGS
from policylab.evidence.percentiles import (
    MIN_LABEL_COUNT,
    MIN_QUARTILE_COUNT,
    QUARTILE_WINDOW,
    Standing,
    standing,
)
from policylab.i18n import _, pgettext
from policylab.i18n.groups import GroupName
from policylab.narrative.format import fmt_quantity, percentile_rank
from policylab.narrative.messages import subject
from policylab.results import Challenge, FlagRule
from policylab.text import in_sentence, join_list, sentence_start


def world_standing_sentence(ds, indicator: str, country: str, year: int | None = None) -> str:
    """Where ``country``'s latest value (up to ``year``, inside the recency window) stands
    in the world and in its income group, with the percentiles; "high"/"low" only from the
    world's quarters, never from the peers. "" without a world percentile."""
    world = standing(ds, indicator, country, "world", year)
    if math.isnan(world.percentile) or world.count < MIN_LABEL_COUNT:
        return ""
    group = standing(ds, indicator, country, "income_group", year)
    label = in_sentence(ds.indicator(indicator).label.split(" (")[0])
    subject = _("{country.Possessive} {indicator}").format(country=ds.name(country),
                                                          indicator=label)
    text = world_words(world).format(subject=subject, count=world.count,
                                     rank=percentile_rank(world.percentile))
    if not math.isnan(group.percentile) and group.count >= MIN_LABEL_COUNT:
        income_group = GroupName(ds.countries().loc[ds.resolve(country), "income_group"])
        text = _("{text}; it is at the {rank} percentile of the {count} countries of the "
                 "{group} group").format(text=text, rank=percentile_rank(group.percentile),
                                         count=group.count, group=income_group)
    return sentence_start(text + ".")


def world_words(world: Standing) -> str:
    """The template of a world standing (fields ``subject``, ``count``, ``rank``)."""
    if world.label == "high":
        return _("{subject} is high in the world: in the top quarter of {count} countries of "
                 "the world ({rank} percentile)")
    if world.label == "low":
        return _("{subject} is low in the world: in the bottom quarter of {count} countries "
                 "of the world ({rank} percentile)")
    return _("{subject} is at the {rank} percentile of {count} countries of the world, "
             "neither in the top nor in the bottom quarter")


def peer_comparison(above: int, count: int) -> str:
    """How a country's figure compares with its ``count`` peers with data, of which
    ``above`` have less: "more than 3 of its 5 peers with data"."""
    if count == 0:
        return _("no peer has a figure to compare")
    if above == count:
        return (_("more than all {n} of its peers with data").format(n=count) if above > 1
                else _("more than its one peer with data"))
    if above == 0:
        return (_("less than all its peers with data") if count > 1
                else _("less than its peers with data"))
    return _("more than {above} of its {n} peers with data").format(above=above, n=count)


def challenge_rule(ds, rules: Sequence[FlagRule]) -> str:
    """The challenge rule in words, and the measures it applies to on this page (``rules``:
    the lesson's, ``results.rules_for``), written from the rules so that the page cannot
    name a measure that raises no challenge, or miss one that does; "" without a rule."""
    rules = [rule for rule in rules if rule.indicator in ds.catalogue]
    words = {"low": _("{measures}, when low"), "high": _("{measures}, when high")}
    sides = [words[worse].format(measures=join_list(
        _measure(ds, rule.indicator) for rule in rules if rule.worse == worse))
        for worse in dict.fromkeys(rule.worse for rule in rules)]
    if not sides:
        return ""
    return _("**Why a challenge is flagged.** A figure counts as a challenge when it is in the "
             "world's worst quarter, among every country's latest figure in the {window} years "
             "up to its own year (at least {count} countries with data), not by comparison "
             "with the peers. Only these measures can raise one in this lesson: "
             "{measures}.").format(window=QUARTILE_WINDOW, count=MIN_QUARTILE_COUNT,
                                   measures=pgettext("list of long items", "; ").join(sides))


def challenge_line(ds, country: str, found: Challenge) -> str:
    """One challenge flagged, with its evidence: the figure and the year it was measured,
    its world percentile and where the world's worst quarter ends."""
    ind, own = ds.indicator(found.rule.indicator), found.figure
    figure = (_("{value} in {year}") if not own.carried else
              _("{value} in {year}, repeated by the publisher every year up to {through}"))
    template = (_("**{challenge}.** {country.Possessive} figure for {label} ({figure}) is at "
                  "the {rank} percentile of {count} countries with data; the world's lowest "
                  "quarter ends at {edge}.") if found.rule.worse == "low" else
                _("**{challenge}.** {country.Possessive} figure for {label} ({figure}) is at "
                  "the {rank} percentile of {count} countries with data; the world's highest "
                  "quarter starts at {edge}."))
    return template.format(
        challenge=CHALLENGE_FLAGS[found.rule.name].label, country=ds.name(country),
        label=subject(ind),
        figure=figure.format(value=fmt_quantity(own.value, ind.unit), year=own.year,
                             through=own.through),
        rank=percentile_rank(found.percentile), count=found.count,
        edge=fmt_quantity(found.edge, ind.unit))


def _measure(ds, indicator: str) -> str:
    """"manufacturing value added (% of GDP)": a measure named with its unit."""
    ind = ds.indicator(indicator)
    return f"{in_sentence(ind.label)} ({ind.unit})"
