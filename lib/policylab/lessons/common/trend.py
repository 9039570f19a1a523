"""What every lesson's trend chart shares: the title stating how the country's value moved
over the lesson's years (only its level, and why, across a likely series break:
``evidence.breaks.withheld``), a group's yearly median and the reason a chart is skipped
(:func:`skip_no_figure`, :func:`no_figure_reason`).
Each lesson words its titles with a :class:`TrendWords` (the pages' wordings differ) and
draws the chart with ``charts.line_compare`` and ``charts.breaks.mark_breaks``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass
from typing import Any

import pandas as pd

from policylab.evidence import group_median_series
from policylab.i18n import _, pgettext
from policylab.i18n.labels import label_phrase
from policylab.lessons.context import Lesson
from policylab.narrative import fmt_number, fmt_quantity
from policylab.text import year_range
from policylab.text.movement import which_way


@dataclass(frozen=True)
class TrendWords:
    """A lesson's trend titles, as format strings over the fields of :func:`trend_title`.
    ``one``: a single year with data; ``withheld``: the change may not be stated; ``same``:
    first and last value read alike ("": ``moved``); ``moved``: the change."""

    one: str
    withheld: str
    moved: str
    same: str = ""

    def translated(self) -> TrendWords:
        """The words in the current language (templates marked with ``N_``); an empty
        ``same`` stays empty (gettext would give the catalogue's header for "")."""
        return TrendWords(*(_(words) if words else "" for words in astuple(self)))


def trend_title(words: TrendWords, who: str, values: pd.Series, unit: str,
                reason: Callable[[int, int], str], **fields: Any) -> str:
    """The title for ``values`` (the country's, index year, not empty). Fields: ``who``,
    ``level`` (last value with its unit), ``first`` (first value, number only), ``verb``
    ("rose", "fell", "stayed"), ``y0``, ``y1``, ``years`` ("y0–y1"), ``v0``, ``v1``,
    ``unit``, ``why`` (``reason(y0, y1)``: "" when the change may be stated) and
    ``fields``."""
    values = values.dropna().sort_index()
    (y0, v0), (y1, v1) = (int(values.index[0]), float(values.iloc[0])), \
        (int(values.index[-1]), float(values.iloc[-1]))
    data = {"who": who, "level": fmt_quantity(v1, unit), "first": fmt_number(v0, unit),
            "verb": which_way(values, pgettext("trend title verb", "rose"),
                              pgettext("trend title verb", "fell"),
                              pgettext("trend title verb", "stayed")), "y0": y0,
            "y1": y1, "years": year_range(y0, y1), "v0": v0, "v1": v1, "unit": unit,
            "why": "" if y0 == y1 else reason(y0, y1), **fields}
    if y0 == y1:
        chosen = words.one
    elif data["why"]:
        chosen = words.withheld
    elif words.same and fmt_number(v0, unit) == fmt_number(v1, unit):
        chosen = words.same
    else:
        chosen = words.moved
    return chosen.format(**data)


def group_series(lesson: Lesson, indicator: str, group: str = "income_group") -> pd.Series:
    """The yearly median of the country's income group (or ``"region"``) over the lesson's
    years, by the evidence layer's rule (empty when no year qualifies)."""
    name = lesson.income_group if group == "income_group" else lesson.region
    return group_median_series(lesson.ds, indicator, group, name, lesson.years)


def skip_no_figure(lesson: Lesson, section: str, label: str = "", years: bool = True,
                   indicator: str | None = None) -> None:
    """``lesson.skip(section)``: "<country> has no figure on <label, else section> [between
    <the lesson's years>] in the data pack"; ``indicator`` gives the label its article in
    French and Spanish (``i18n.labels``)."""
    fields = {"country": lesson.name,
              "label": label_phrase(indicator, label or section),
              "first": lesson.start_year, "last": lesson.end_year}
    if years:
        reason = _("{country} has no figure on {label} between {first} and {last} in the "
                    "data pack.").format(**fields)
    else:
        reason = _("{country} has no figure on {label} in the data pack.").format(**fields)
    lesson.skip(section, reason)


def no_figure_reason(lesson: Lesson, indicator: str, in_years: str, none: str) -> str:
    """Why a chart of ``indicator`` is skipped: ``none`` when the pack has no figure for the
    country at all, else ``in_years`` (no figure in the lesson's years) followed by "; the
    latest is <value> from <year>."."""
    latest = lesson.ds.latest(indicator, lesson.country)
    if latest.year is None:
        return none
    unit = lesson.ds.indicator(indicator).unit
    return _("{reason}; the latest is {value} from {year}.").format(
        reason=in_years, value=fmt_quantity(latest.value, unit), year=latest.year)
