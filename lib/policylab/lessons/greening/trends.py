"""One indicator over the lesson's years: the country, its peers and the median of its
income group (used by sections 1, 3 and 4 and by the explorer)."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.evidence import group_median_series
from policylab.lessons.context import Lesson
from policylab.lessons.greening import base
from policylab.lessons.greening.base import movement, precise, series
from policylab.narrative import fmt_number, fmt_quantity
from policylab.text import in_sentence, possessive, sentence_start

#: Older sources kept only where EDGAR has no equivalent; shown with their last year.
OLDER_SOURCES = ("cement_co2_mt",)
#: Titles for indicators whose label reads badly after a possessive ("Kenya's industry's").
TITLE_SUBJECTS = {
    "co2_industry_share": "Industry's share of {country} CO2 emissions",
    "co2_industry_per_mva": "Industry's CO2 per unit of {country} manufacturing value added",
}


def trend_chart(lesson: Lesson, indicator: str, from_to: bool = False) -> go.Figure | None:
    """The indicator over the lesson's years, with a title stating how the country's value
    moved (as "fell from a to b" with ``from_to``, which leaves the percentage change for
    an exercise to compute); None, with a note, without data."""
    ds = lesson.ds
    ind = ds.indicator(indicator)
    own = series(lesson, indicator)
    if own.empty:
        lesson.skip(ind.label, base.no_data_reason(lesson, indicator))
        return None
    subject = TITLE_SUBJECTS.get(indicator, "{country} " + in_sentence(ind.label)).format(
        country=possessive(lesson.name))
    if len(own) == 1:
        finding = f"{subject} was {fmt_quantity(own.iloc[0], ind.unit)} in {own.index[0]}"
    else:
        first, last = own.iloc[0], own.iloc[-1]
        y0, y1 = int(own.index[0]), int(own.index[-1])
        unit_rest = fmt_quantity(last, ind.unit)[len(fmt_number(last, ind.unit)):]
        moved = (movement(first, last, ind.unit) if not from_to else
                 f"{'rose' if last > first else 'fell'} from {precise(first, ind.unit)} to "
                 f"{precise(last, ind.unit)}{unit_rest}")
        reason = base.unsound(lesson, indicator, y0, y1)
        finding = (f"{subject} {moved} between {y0} and {y1}" if not reason else base.no_change(
            f"{subject} was {fmt_quantity(last, ind.unit)} in {y1}", reason))
    subtitle = f"{ind.label}: {lesson.name}, peers and the {base.group_label(lesson)}"
    if indicator in OLDER_SOURCES:
        subtitle += f"; {base.older_source_label(ds, indicator)}"
    median = group_median_series(ds, indicator, "income_group", lesson.income_group,
                                 lesson.years)
    fig = line_compare(base.panel(lesson, indicator), lesson.country, lesson.peer_codes,
                       median if len(median) else None,
                       title=title_with_subtitle(sentence_start(finding), subtitle),
                       unit=ind.unit, source=base.source(lesson, indicator), names=lesson.names,
                       group_label=base.group_label(lesson))
    return base.marked(lesson, fig, indicator)
