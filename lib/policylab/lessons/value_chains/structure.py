"""Section 1: export structure by the World Bank's product groups, over time and against
the peers and the income group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import describe, new_figure
from policylab.evidence import Median, group_median, peer_median
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains import trends
from policylab.lessons.value_chains.panel import Table
from policylab.metrics.value_chains_trade import ends_by_column
from policylab.narrative import KeyMessage, fmt_number
from policylab.text import MISSING, format_value, in_sentence, join_list, possessive, signed

#: The World Bank's product groups of merchandise exports (% of merchandise exports).
EXPORT_GROUPS = {
    "food_share_merch_exports": "Food",
    "agri_raw_share_merch_exports": "Agricultural raw materials",
    "fuel_share_merch_exports": "Fuels",
    "ores_share_merch_exports": "Ores and metals",
    "manuf_share_merch_exports": "Manufactures",
}
GROUP_COLOURS = dict(zip(EXPORT_GROUPS, ("#DDCC77", "#117733", "#332288", "#888888",
                                         "#CC6677"), strict=True))


def export_groups(lesson: Lesson) -> pd.DataFrame:
    """The country's shares by product group (index year, columns group labels, %)."""
    wide = {label: trends.panel(lesson, indicator) for indicator, label in EXPORT_GROUPS.items()}
    return pd.DataFrame({label: frame[lesson.country] for label, frame in wide.items()
                         if lesson.country in frame.columns}).dropna(how="all")


def _largest(ends: dict[str, tuple[int, float, int, float]]) -> str:
    """The group with the largest share in its latest year."""
    return max(ends, key=lambda k: ends[k][3])


def group_source(lesson: Lesson) -> str:
    return lesson.source(*EXPORT_GROUPS, note="Shares of merchandise exports; the groups "
                         "need not sum to 100 (unclassified goods, source quirks).")


def export_groups_chart(lesson: Lesson) -> go.Figure | None:
    """The five groups' shares each year; the title names the largest in its latest year."""
    shares = export_groups(lesson)
    if shares.empty:
        lesson.skip("Export structure", f"No WDI product-group shares for {lesson.name} in "
                                        f"{lesson.start_year}–{lesson.end_year}.")
        return None
    ends = ends_by_column(shares)
    top = _largest(ends)
    subtitle = (" Latest year by group: " + "; ".join(
        f"{in_sentence(k)} {v[2]}" for k, v in ends.items()) + "."
        if len({v[2] for v in ends.values()}) > 1 else "")
    fig = new_figure(f"{top} made up {fmt_number(ends[top][3], '%')} of "
                     f"{possessive(lesson.name)} merchandise exports in {ends[top][2]}, the "
                     "largest of the World Bank's product groups", group_source(lesson) + subtitle)
    shown = [indicator for indicator, label in EXPORT_GROUPS.items() if label in shares]
    for indicator in shown:
        label = EXPORT_GROUPS[indicator]
        series = shares[label].dropna()
        fig.add_trace(go.Scatter(
            x=series.index, y=series.to_numpy(), mode="lines+markers", name=label,
            line={"color": GROUP_COLOURS[indicator], "width": 3 if label == top else 2},
            marker={"size": 4}, hovertemplate=f"{label}: %{{y:.1f}}% (%{{x}})<extra></extra>"))
    fig.update_layout(yaxis_title="% of merchandise exports", hovermode="closest",
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top", "font": {"size": 13}}, margin={"r": 230})
    fig.update_xaxes(tickformat="d")
    describe(fig, y=("Share of merchandise exports", "% of merchandise exports"))
    trends.mark_country_breaks(fig, lesson, tuple(shown))
    return fig


def _dated(value: float, year: int | None) -> str:
    text = format_value(value)
    return MISSING if year is None or text == MISSING else f"{text} ({year})"


def _median_cell(median: Median, one: str, many: str, year: int | None = None) -> str:
    """The median with its year (default: the latest of the values behind it), or how many
    countries have data (fewer than three)."""
    if median.ok:
        return _dated(median.value, year or median.years[1])
    return f"{median.count} {one if median.count == 1 else many} with data"


def _change_cell(lesson: Lesson, indicator: str, ends: tuple[int, float, int, float]) -> str:
    """The change in points with its years, or why it is not stated (DESIGN §10)."""
    y0, v0, y1, v1 = ends
    if y0 == y1:
        return MISSING
    why = trends.withheld_change(lesson, (indicator,), y0, y1)
    return f"not stated: {trends.short_why(why)}" if why else f"{signed(v1 - v0)} ({y0}–{y1})"


def export_groups_table(lesson: Lesson) -> Table | None:
    """Per group: the latest share with its year, its change since ``start_year``, the
    peers' and the income group's medians (evidence layer: at least three countries)."""
    ends = ends_by_column(export_groups(lesson))
    if not ends:
        return None
    change, group = f"Change since {lesson.start_year} (points)", f"{lesson.income_group} median"
    rows = []
    for indicator, label in EXPORT_GROUPS.items():
        if label not in ends:
            rows.append({"Product group": label, lesson.name: "no data", change: MISSING,
                         "Peer median": MISSING, group: MISSING})
            continue
        year = ends[label][2]
        peers = peer_median(lesson.ds, indicator, lesson.peer_codes, year)
        income = group_median(lesson.ds, indicator, "income_group", lesson.income_group, year)
        rows.append({"Product group": label, lesson.name: _dated(ends[label][3], year),
                     change: _change_cell(lesson, indicator, ends[label]),
                     "Peer median": _median_cell(peers, "peer", "peers"),
                     group: _median_cell(income, "country", "countries", year)})
    return Table(pd.DataFrame(rows), f"{lesson.name}: merchandise exports by product group, % "
                 "(year of each figure in brackets), against its peers and income group",
                 group_source(lesson) + " Medians of the latest values up to the country's "
                 "year, over at least three countries. No change is stated across a likely "
                 "series break or outlier, or in an erratic series (method box on series "
                 "breaks).")


def structure_message(lesson: Lesson) -> KeyMessage | None:
    """The largest group in its latest year and how it changed since start_year."""
    ends = ends_by_column(export_groups(lesson))
    if not ends:
        return None
    top = _largest(ends)
    y0, v0, y1, v1 = ends[top]
    indicator = next(i for i, label in EXPORT_GROUPS.items() if label == top)
    why = "" if y0 == y1 else trends.withheld_change(lesson, (indicator,), y0, y1)
    since = ("" if y0 == y1 else
             f" (the change since {y0} is not stated: {trends.short_why(why)})" if why
             else f", against {fmt_number(v0, '%')} in {y0}")
    others = [f"{in_sentence(k)} {fmt_number(v[3], '%')} ({v[2]})"
              for k, v in ends.items() if k != top]
    text = (f"{top} made up {fmt_number(v1, '%')} of {possessive(lesson.name)} merchandise "
            f"exports in {y1}{since}" + (f"; {join_list(others, 'and')}." if others else "."))
    return KeyMessage(text, indicator, {"group": top, "value": v1, "year": y1,
                                        "start_value": v0, "start_year": y0,
                                        **({"change_withheld": why} if why else {})})
