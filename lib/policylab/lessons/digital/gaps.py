"""Section 5: gaps to the peers' median, indicator by indicator."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import FOCUS_COLOUR, PEER_COLOURS, axis_title, new_figure
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import (
    CAPS,
    INDICATORS,
    Headline,
    figure,
    headline,
    is_recent,
    peer_median,
    short,
    source_many,
    window_text,
)
from policylab.metrics.digital import relative_gap
from policylab.narrative import KeyMessage, fmt_number, fmt_quantity
from policylab.text import format_value, in_sentence, possessive, signed

#: Relative gaps beyond this (in % of the peer median) are drawn at this length: a median
#: close to zero (ICT exports of a commodity exporter) would otherwise flatten every bar.
GAP_DISPLAY_CAP = 150.0
RELATIVE = "Gap (% of median, + = ahead)"


def oriented_gap(lesson: Lesson, indicator: str, figure: Headline) -> float:
    """Gap to the peer median in % of that median, signed so that positive means ahead
    (``higher_is_better`` decides the sign); 0 when both are beyond a component's cap."""
    return relative_gap(figure.value, figure.peer_median,
                        lesson.ds.indicator(indicator).higher_is_better,
                        CAPS.get(indicator, math.inf))


def _saturated(indicator: str, figure: Headline) -> bool:
    cap = CAPS.get(indicator, math.inf)
    return figure.value >= cap and figure.peer_median >= cap


def gap_table(lesson: Lesson) -> pd.DataFrame:
    """Per indicator: the focus country's latest value and year, its peers' median (three
    peers reporting at least), the gap in the indicator's unit and in % of the median
    (positive = ahead), and a verdict. A figure outside the recency window is shown with its
    year and not compared."""
    return lesson.ds.cached(("digital.gap_table", lesson.country, tuple(lesson.peer_codes),
                             lesson.end_year), lambda: _gap_table(lesson))


def _gap_table(lesson: Lesson) -> pd.DataFrame:
    rows = []
    for indicator in INDICATORS:
        ind = lesson.ds.indicator(indicator)
        figure = headline(lesson, indicator)
        if figure.year is not None and not is_recent(lesson, figure.year):
            # the lesson's one recency window: an old figure is shown with its year, not
            # compared (the index leaves it out too)
            figure = dataclasses.replace(figure, peer_median=float("nan"), gap=float("nan"))
        behind = figure.behind_peers(ind.higher_is_better)
        if figure.year is None:
            verdict = "no data"
        elif not is_recent(lesson, figure.year):
            verdict = f"no recent figure ({window_text(lesson)})"
        elif behind is None:
            count = peer_median(lesson, indicator, figure.year).count
            verdict = f"too few peers report ({count})"
        elif _saturated(indicator, figure):
            verdict = "level: both saturated"
        else:
            verdict = "behind peers" if behind else "ahead of peers" if figure.gap else "level"
        rows.append({"Indicator": short(lesson, indicator), "Unit": ind.unit,
                     lesson.name: figure.value, "Year": figure.year,
                     "Peer median": figure.peer_median, "Gap": figure.gap,
                     RELATIVE: oriented_gap(lesson, indicator, figure), "Verdict": verdict})
    frame = pd.DataFrame(rows, index=pd.Index(INDICATORS, name="id"))
    return frame.astype({"Year": "Int64"})


def gap_view(lesson: Lesson) -> pd.DataFrame:
    """``gap_table`` as the page shows it: one row per indicator (by its name), without the
    gap in the indicator's unit, which the first exercise asks the reader to compute from
    the two figures shown (so the page does not state its answer)."""
    return gap_table(lesson).drop(columns=["Gap"]).set_index("Indicator")


def gap_formats(lesson: Lesson) -> dict:
    """Formats for ``gap_table``'s value columns (the text layer's rule), gaps signed."""
    return {lesson.name: format_value, "Peer median": format_value, "Gap": signed,
            RELATIVE: lambda value: signed(value, "%", decimals=0)}


def gap_chart(lesson: Lesson) -> go.Figure | None:
    """Bars of the gap to the peer median in % of the median, one per indicator, oriented
    so that right is ahead of peers; the title counts the shortfalls and names the widest."""
    table = gap_table(lesson)
    gaps = table[RELATIVE].dropna()
    if gaps.empty:
        lesson.skip("Gaps to peers", f"Neither {lesson.name} nor enough of its peers have "
                                     "comparable recent figures on these indicators.")
        return None
    gaps = gaps.sort_values()
    behind = gaps[gaps < 0]
    title = (f"{lesson.name} is behind its peers' median on {len(behind)} of {len(gaps)} "
             "digital indicators with data")
    if not behind.empty:
        title += f"; furthest behind on {in_sentence(table.at[behind.index[0], 'Indicator'])}"
    labels = [table.at[i, "Indicator"] for i in gaps.index]
    texts = [f"{fmt_number(v, '%')} ({_value_text(table, i)})"
             if table.at[i, "Verdict"] != "level: both saturated"
             else (f"level: both above {figure(CAPS[i], table.at[i, 'Unit'])} "
                   f"({_value_text(table, i)})")
             for i, v in gaps.items()]
    shown = gaps.clip(-GAP_DISPLAY_CAP, GAP_DISPLAY_CAP)
    source = source_many(lesson, list(gaps.index), "Peer median of latest figures.")
    fig = new_figure(title, source, legend=False, height=max(420, 56 * len(gaps) + 220))
    fig.add_trace(go.Bar(
        y=labels, x=shown.to_numpy(), orientation="h",
        marker_color=[FOCUS_COLOUR if v < 0 else PEER_COLOURS[0] for v in gaps],
        text=texts, cliponaxis=False,
        textposition=["inside" if abs(v) > GAP_DISPLAY_CAP / 2 else "outside" for v in shown],
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.add_vline(x=0, line={"color": "#333333", "width": 1.5})
    fig.update_layout(
        xaxis={"title": axis_title("Gap to the peer median", "% of the median; right = ahead, "
                                   f"bars capped at ±{GAP_DISPLAY_CAP:.0f}%"),
               "showgrid": True, "gridcolor": "#E5E5E5", "ticksuffix": "%",
               "range": [-GAP_DISPLAY_CAP * 1.05, GAP_DISPLAY_CAP * 1.05]},
        yaxis={"showgrid": False, "ticks": ""},
    )
    return fig


def _value_text(table: pd.DataFrame, indicator: str) -> str:
    row = table.loc[indicator]
    return (f"{figure(row.iloc[2], row['Unit'])} vs "
            f"{figure(row['Peer median'], row['Unit'])}")


def widest_gap_message(lesson: Lesson) -> KeyMessage | None:
    """The indicator on which the focus country is furthest behind its peers (in % of the
    peer median), or None when it is behind on none."""
    table = gap_table(lesson)
    gaps = table[RELATIVE].dropna()
    if gaps.empty or gaps.min() >= 0:
        return None
    worst = gaps.idxmin()
    row = table.loc[worst]
    unit = row["Unit"]
    text = (f"{possessive(lesson.name, start=True)} widest digital gap is on "
            f"{in_sentence(row['Indicator'])}: {fmt_quantity(row[lesson.name], unit)} in "
            f"{row['Year']} against a peer median of {figure(row['Peer median'], unit)}, "
            f"{fmt_number(abs(gaps[worst]), '%')} behind.")
    return KeyMessage(text, worst, {"value": float(row[lesson.name]), "year": int(row["Year"]),
                                    "peer_median": float(row["Peer median"]),
                                    "gap_percent": float(gaps[worst])})
