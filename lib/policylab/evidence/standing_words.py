"""Sentences about where a country's figure stands: in the world and its income group
(percentiles, with "high"/"low" only from the world's quarters: ``evidence.percentiles``),
against its peers (how many it exceeds), and why a challenge is flagged."""

from __future__ import annotations

import math
from collections.abc import Sequence

from policylab.evidence.percentiles import MIN_LABEL_COUNT, Standing, standing
from policylab.i18n import _
from policylab.i18n.groups import GroupName
from policylab.narrative.format import fmt_quantity, percentile_rank
from policylab.results import FLAG_RULES
from policylab.text import in_sentence, sentence_start


def world_standing_sentence(ds, indicator: str, country: str, year: int | None = None,
                            with_value: bool = False) -> str:
    """Where ``country``'s latest value (up to ``year``, inside the recency window) stands
    in the world and in its income group, with the percentiles; "high"/"low" only from the
    world's quarters, never from the peers. ``with_value`` names the figure and its year.
    "" without a world percentile."""
    world = standing(ds, indicator, country, "world", year)
    if math.isnan(world.percentile) or world.count < MIN_LABEL_COUNT:
        return ""
    group = standing(ds, indicator, country, "income_group", year)
    ind = ds.indicator(indicator)
    label, name = in_sentence(ind.label.split(" (")[0]), ds.name(country)
    if with_value:
        own = ds.latest(indicator, country, max_year=year)
        subject = _("{country.Possessive} {indicator} ({value} in {year})").format(
            country=name, indicator=label, value=fmt_quantity(own.value, ind.unit),
            year=own.year)
    else:
        subject = _("{country.Possessive} {indicator}").format(country=name, indicator=label)
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


def flag_standings(ds, country: str, flags: Sequence[str], year: int | None = None) -> str:
    """Markdown: for each challenge flagged (``results.FLAG_RULES``), where the figure stands
    in the world and the income group, with the percentiles (the flag's label comes from the
    world's quarters, never from the peers); "" when nothing is flagged."""
    rules = {rule.name: rule.indicator for rule in FLAG_RULES}
    lines = [world_standing_sentence(ds, rules[f], country, year, with_value=True)
             for f in flags if f in rules]
    lines = [f"- {line}" for line in lines if line]
    if not lines:
        return ""
    return _("**Why these challenges are flagged.** A figure counts as a challenge when it is "
             "in the world's worst quarter of countries with data (not by comparison with the "
             "peers):") + "\n\n" + "\n".join(lines)
