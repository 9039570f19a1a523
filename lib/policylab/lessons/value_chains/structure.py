"""Section 1: export structure by the World Bank's product groups, over time and against
the peers and the income group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.country_breaks import mark_country_breaks
from policylab.charts.share_lines import share_lines
from policylab.display import Table
from policylab.evidence import group_median, peer_median
from policylab.evidence.breaks import withheld
from policylab.i18n import N_, _, pgettext
from policylab.lessons.common import Lesson
from policylab.metrics.country_panels import country_columns
from policylab.metrics.value_chains_trade import ends_by_column
from policylab.narrative import KeyMessage, fmt_number
from policylab.narrative.cells import change_span_cell, dated_cell, median_dated_cell, short_why
from policylab.text import MISSING, in_sentence, join_list

#: The World Bank's product groups of merchandise exports (% of merchandise exports); the
#: English labels key the lesson's frames and are translated where shown.
EXPORT_GROUPS = {
    "food_share_merch_exports": N_("Food"),
    "agri_raw_share_merch_exports": N_("Agricultural raw materials"),
    "fuel_share_merch_exports": N_("Fuels"),
    "ores_share_merch_exports": N_("Ores and metals"),
    "manuf_share_merch_exports": N_("Manufactures"),
}
GROUP_COLOURS = dict(zip(EXPORT_GROUPS, ("#DDCC77", "#117733", "#332288", "#888888",
                                         "#CC6677"), strict=True))


def export_groups(lesson: Lesson) -> pd.DataFrame:
    """The country's shares by product group (index year, columns group labels, %)."""
    return country_columns(lesson.ds, EXPORT_GROUPS, lesson.country, lesson.years)


def group_source(lesson: Lesson) -> str:
    return lesson.source(*EXPORT_GROUPS, note=_("Shares of merchandise exports; the groups "
                                                "need not sum to 100 (unclassified goods, "
                                                "source quirks)."))


def _withheld(lesson: Lesson, label: str, ends: tuple[int, float, int, float]) -> str:
    """Why the group's change since its first year is not stated ("" when it is or when
    there is only one year)."""
    if ends[0] == ends[2]:
        return ""
    indicator = next(i for i, name in EXPORT_GROUPS.items() if name == label)
    return withheld(lesson.ds, indicator, lesson.country, ends[0], ends[2])


def export_groups_chart(lesson: Lesson) -> go.Figure | None:
    """The five groups' shares each year; the title names the largest in its latest year."""
    shares = export_groups(lesson)
    if shares.empty:
        lesson.skip(_("Export structure"), _(
            "No WDI product-group shares for {country} in {years}.").format(
            country=lesson.name, years=f"{lesson.start_year}–{lesson.end_year}"))
        return None
    ends = ends_by_column(shares)
    top = max(ends, key=lambda k: ends[k][3])
    subtitle = (_(" Latest year by group: {groups}.").format(groups="; ".join(
        f"{in_sentence(_(k))} {v[2]}" for k, v in ends.items()))
        if len({v[2] for v in ends.values()}) > 1 else "")
    shown = [indicator for indicator, label in EXPORT_GROUPS.items() if label in shares]
    fig = share_lines(
        shares.rename(columns=_), {_(EXPORT_GROUPS[i]): GROUP_COLOURS[i] for i in shown},
        title=_("{group} made up {share} of {country.possessive} merchandise exports in "
                "{year}, the largest of the World Bank's product groups").format(
            country=lesson.name, group=_(top), share=fmt_number(ends[top][3], "%"),
            year=ends[top][2]),
        source=group_source(lesson) + subtitle, bold=_(top),
        y_title=_("% of merchandise exports"), hover=_("{group}: %{y:.1f}% (%{x})<extra></extra>"),
        measure=(_("Share of merchandise exports"), _("% of merchandise exports")))
    return mark_country_breaks(fig, lesson.ds, shown, lesson.country, lesson.name)


def export_groups_table(lesson: Lesson) -> Table | None:
    """Per group: the latest share, its change since ``start_year``, the peers' and the
    income group's medians."""
    ends = ends_by_column(export_groups(lesson))
    if not ends:
        return None
    change = _("Change since {year} (points)").format(year=lesson.start_year)
    group = _("{group} median").format(group=lesson.income_group)
    head, peers = pgettext("table header", "Product group"), _("Peer median")
    rows = []
    for indicator, label in EXPORT_GROUPS.items():
        if label not in ends:
            rows.append({head: _(label), lesson.name: pgettext("table cell", "no data"),
                         change: MISSING, peers: MISSING, group: MISSING})
            continue
        year = ends[label][2]
        peer = peer_median(lesson.ds, indicator, lesson.peer_codes, year)
        income = group_median(lesson.ds, indicator, "income_group", lesson.income_group, year)
        why = _withheld(lesson, label, ends[label])
        rows.append({head: _(label), lesson.name: dated_cell(ends[label][3], year),
                     change: change_span_cell(ends[label], why),
                     peers: median_dated_cell(peer, True),
                     group: median_dated_cell(income, False, year)})
    return Table(pd.DataFrame(rows), _(
        "{country}: merchandise exports by product group, % (year of each figure in "
        "brackets), against its peers and income group").format(country=lesson.name),
        group_source(lesson) + _(" Medians of the latest values up to the country's year, "
                                 "over at least three countries. No change is stated across "
                                 "a likely series break or outlier, or in an erratic series "
                                 "(method box on series breaks)."))


def structure_message(lesson: Lesson) -> KeyMessage | None:
    """The largest group in its latest year and how it changed since start_year."""
    ends = ends_by_column(export_groups(lesson))
    if not ends:
        return None
    top = max(ends, key=lambda k: ends[k][3])
    y0, v0, y1, v1 = ends[top]
    why = _withheld(lesson, top, ends[top])
    since = ""
    if why:
        since = _(" (the change since {year} is not stated: {why})").format(
            year=y0, why=short_why(why))
    elif y0 != y1:
        since = _(", against {share} in {year}").format(share=fmt_number(v0, "%"), year=y0)
    others = [f"{in_sentence(_(k))} {fmt_number(v[3], '%')} ({v[2]})"
              for k, v in ends.items() if k != top]
    fields = {"group": _(top), "share": fmt_number(v1, "%"), "year": y1, "since": since,
              "others": join_list(others)}
    text = (_("{group} made up {share} of {country.possessive} merchandise exports in "
              "{year}{since}; {others}.").format(country=lesson.name, **fields) if others else
            _("{group} made up {share} of {country.possessive} merchandise exports in "
              "{year}{since}.").format(country=lesson.name, **fields))
    indicator = next(i for i, label in EXPORT_GROUPS.items() if label == top)
    return KeyMessage(text, indicator, {"group": top, "value": v1, "year": y1,
                                        "start_value": v0, "start_year": y0,
                                        **({"change_withheld": why} if why else {})})
