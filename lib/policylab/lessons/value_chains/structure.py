"""Section 1: export structure by the World Bank's product groups, over time and against
the peers and the income group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import new_figure
from policylab.evidence import group_median, peer_median
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains.panel import Table
from policylab.lessons.value_chains.trends import (
    first_last,
    mark_country_breaks,
    panel,
    short_why,
    withheld_change,
)
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
    columns = {}
    for indicator, label in EXPORT_GROUPS.items():
        wide = panel(lesson, indicator)
        if lesson.country in wide.columns:
            columns[label] = wide[lesson.country]
    return pd.DataFrame(columns).dropna(how="all")


def group_source(lesson: Lesson) -> str:
    return lesson.source(*EXPORT_GROUPS, note="Shares of merchandise exports; the groups "
                         "need not sum to 100 (unclassified goods, source quirks).")


def _ends(shares: pd.DataFrame) -> dict[str, tuple[int, float, int, float]]:
    found = {label: first_last(shares[label]) for label in shares.columns}
    return {k: v for k, v in found.items() if v is not None}


def export_groups_chart(lesson: Lesson) -> go.Figure | None:
    """The five groups' shares each year; the title names the largest in its latest year."""
    shares = export_groups(lesson)
    if shares.empty:
        lesson.skip("Export structure", f"No WDI product-group shares for {lesson.name} in "
                                        f"{lesson.start_year}–{lesson.end_year}.")
        return None
    latest = _ends(shares)
    top = max(latest, key=lambda k: latest[k][3])
    year, value = latest[top][2], latest[top][3]
    subtitle = (" Latest year by group: " + "; ".join(
        f"{in_sentence(k)} {v[2]}" for k, v in latest.items()) + "."
        if len({v[2] for v in latest.values()}) > 1 else "")
    title = (f"{top} made up {fmt_number(value, '%')} of {possessive(lesson.name)} "
             f"merchandise exports in {year}, the largest of the World Bank's product groups")
    fig = new_figure(title, group_source(lesson) + subtitle)
    for indicator, label in EXPORT_GROUPS.items():
        if label not in shares.columns:
            continue
        series = shares[label].dropna()
        fig.add_trace(go.Scatter(
            x=series.index, y=series.to_numpy(), mode="lines+markers", name=label,
            line={"color": GROUP_COLOURS[indicator], "width": 3 if label == top else 2},
            marker={"size": 4}, hovertemplate=f"{label}: %{{y:.1f}}% (%{{x}})<extra></extra>"))
    fig.update_layout(yaxis_title="% of merchandise exports", hovermode="closest",
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1,
                              "yanchor": "top", "font": {"size": 13}}, margin={"r": 230})
    fig.update_xaxes(tickformat="d")
    mark_country_breaks(fig, lesson, tuple(i for i, label in EXPORT_GROUPS.items()
                                           if label in shares.columns))
    return fig


def _dated(value: float, year: int | None) -> str:
    text = format_value(value)
    return MISSING if year is None or text == MISSING else f"{text} ({year})"


def export_groups_table(lesson: Lesson) -> Table | None:
    """Per group: the latest share with its year, its change since ``start_year``, the
    peers' and the income group's medians (evidence layer: at least three countries)."""
    rows = []
    change_col = f"Change since {lesson.start_year} (points)"
    group_col = f"{lesson.income_group} median"
    for indicator, label in EXPORT_GROUPS.items():
        series = lesson.ds.series(indicator, lesson.country, lesson.years)
        ends = first_last(series.dropna(subset=["value"]).set_index("year")["value"])
        if ends is None:
            rows.append({"Product group": label, lesson.name: "no data", change_col: MISSING,
                         "Peer median": MISSING, group_col: MISSING})
            continue
        y0, v0, y1, v1 = ends
        peers = peer_median(lesson.ds, indicator, lesson.peer_codes, y1)
        group = group_median(lesson.ds, indicator, "income_group", lesson.income_group, y1)
        rows.append({
            "Product group": label, lesson.name: _dated(v1, y1),
            change_col: _change_cell(lesson, indicator, y0, v0, y1, v1),
            "Peer median": (_dated(peers.value, peers.years[1]) if peers.ok
                            else _count_text(peers.count, "peer", "peers")),
            group_col: (_dated(group.value, y1) if group.ok
                        else _count_text(group.count, "country", "countries"))})
    frame = pd.DataFrame(rows)
    if (frame[lesson.name] == "no data").all():
        return None
    return Table(frame, f"{lesson.name}: merchandise exports by product group, % (year of "
                 "each figure in brackets), against its peers and income group",
                 group_source(lesson) + " Medians of the latest values up to the country's "
                 "year, over at least three countries. No change is stated across a likely "
                 "series break or outlier, or in an erratic series (method box on series "
                 "breaks).")


def _change_cell(lesson: Lesson, indicator: str, y0: int, v0: float, y1: int,
                 v1: float) -> str:
    """The change in points with its years, or why it is not stated (DESIGN §10)."""
    if y0 == y1:
        return MISSING
    why = withheld_change(lesson, (indicator,), y0, y1)
    if why:
        return f"not stated: {short_why(why)}"
    return f"{signed(v1 - v0)} ({y0}–{y1})"


def _count_text(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many} with data"


def structure_message(lesson: Lesson) -> KeyMessage | None:
    """The largest group in its latest year and how it changed since start_year."""
    shares = export_groups(lesson)
    if shares.empty:
        return None
    ends = _ends(shares)
    top = max(ends, key=lambda k: ends[k][3])
    y0, v0, y1, v1 = ends[top]
    indicator = next(i for i, label in EXPORT_GROUPS.items() if label == top)
    why = "" if y0 == y1 else withheld_change(lesson, (indicator,), y0, y1)
    since = ("" if y0 == y1 else
             f" (the change since {y0} is not stated: {short_why(why)})" if why
             else f", against {fmt_number(v0, '%')} in {y0}")
    others = [f"{in_sentence(k)} {fmt_number(v[3], '%')} ({v[2]})"
              for k, v in ends.items() if k != top]
    text = (f"{top} made up {fmt_number(v1, '%')} of {possessive(lesson.name)} merchandise "
            f"exports in {y1}{since}" + (f"; {join_list(others, 'and')}." if others else "."))
    return KeyMessage(text, indicator, {"group": top, "value": v1, "year": y1,
                                        "start_value": v0, "start_year": y0,
                                        **({"change_withheld": why} if why else {})})
