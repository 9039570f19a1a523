"""Phrases several lessons write around a figure: a number with its unit kept short where
the sign says it, the country's indicator as a chart title's subject, and a source line
short enough for a chart that draws many series."""

from __future__ import annotations

from collections.abc import Sequence

from policylab.i18n import _, ngettext, pgettext
from policylab.narrative.format import fmt_number, fmt_quantity
from policylab.text import in_sentence, sentence_start


def short_figure(value: float, unit: str) -> str:
    """"35.0%" for a share (the sentence names the share), "53.8 per million people"
    otherwise; never a bare "(53.8)"."""
    return fmt_number(value, unit) if unit.startswith("%") else fmt_quantity(value, unit)


def chart_subject(country, label: str) -> str:
    """The country's indicator as a chart title's subject: "Kenya's internet users"
    (``country``: the lesson's name, which writes its own possessive)."""
    return sentence_start(pgettext("chart subject", "{country.Possessive} {label}").format(
        country=country, label=in_sentence(label)))


def many_series_source(ds, indicators: Sequence[str], note: str) -> str:
    """The publishers, the number of series and a pointer to the sources table, then
    ``note``."""
    publishers = list(dict.fromkeys(ds.indicator(i).source for i in indicators))
    count = len(indicators)
    return ngettext("Source: {publishers} ({n} series, codes in the sources table). {note}",
                    "Source: {publishers} ({n} series, codes in the sources table). {note}",
                    count).format(publishers="; ".join(publishers), n=count, note=note)


def peer_level_title(who: str, value: str, year: int, median: str | None, gap: float,
                     reporting: int, peers: int) -> str:
    """"Kenya's researchers stood at 53.8 per million people in 2022, below the peer median
    of 120.4 per million people" (``gap``: value − median), or how many of the ``peers``
    report when there is no median (``median`` None). Figures that read alike are equal,
    whatever their unrounded gap."""
    fields = {"who": who, "value": value, "year": year, "median": median}
    if median is None:
        return _("{who} stood at {value} in {year} ({count} of {n} peers report: no "
                 "median)").format(count=reporting, n=peers, **fields)
    if value != median and gap > 0:
        return _("{who} stood at {value} in {year}, above the peer median of "
                 "{median}").format(**fields)
    if value != median and gap < 0:
        return _("{who} stood at {value} in {year}, below the peer median of "
                 "{median}").format(**fields)
    return _("{who} stood at {value} in {year}, equal to the peer median of "
             "{median}").format(**fields)
