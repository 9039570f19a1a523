"""Section 5: gaps to the peers' median, indicator by indicator."""

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.gap_bars import capped_gap_bars
from policylab.evidence.peer_gap_words import SATURATED, status_words
from policylab.i18n import N_, _
from policylab.i18n.labels import label_phrase
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import INDICATORS, short, window_start, window_text
from policylab.metrics.digital import CAPS
from policylab.metrics.digital_gaps import peer_gaps
from policylab.narrative import KeyMessage, fmt_number, fmt_quantity
from policylab.narrative.phrases import many_series_source, short_figure
from policylab.text import format_value, in_sentence, signed

#: Relative gaps beyond this (in % of the peer median) are drawn at this length: a median
#: close to zero (ICT exports of a commodity exporter) would otherwise flatten every bar.
GAP_DISPLAY_CAP = 150.0
RELATIVE = N_("Gap (% of median, + = ahead)")
#: ``gap_table``'s columns (data keys, English) -> the header a reader sees.
HEADERS = {"Indicator": N_("Indicator"), "Unit": N_("Unit"), "Year": N_("Year"),
           "Peer median": N_("Peer median"), "Gap": N_("Gap"), RELATIVE: RELATIVE,
           "Verdict": N_("Verdict")}


def header(column: str) -> str:
    """A ``gap_table`` column's header in the current language (the country's: its name)."""
    return _(HEADERS[column]) if column in HEADERS else column


def gap_table(lesson: Lesson) -> pd.DataFrame:
    """``metrics.digital_gaps.peer_gaps`` with the indicators' labels and units, and its
    statuses as verdicts (``evidence.peer_gap_words``)."""
    gaps = peer_gaps(lesson.ds, lesson.country, tuple(lesson.peer_codes), INDICATORS,
                     lesson.end_year, window_start(lesson))
    return pd.DataFrame({
        "Indicator": [short(lesson, i) for i in INDICATORS],
        "Unit": [lesson.ds.indicator(i).unit for i in INDICATORS],
        lesson.name: gaps["value"], "Year": gaps["year"], "Peer median": gaps["peer_median"],
        "Gap": gaps["gap"], RELATIVE: gaps["relative"],
        "Verdict": status_words(gaps["status"], gaps["peer_count"], window_text(lesson)),
    }, index=gaps.index)


def gap_view(lesson: Lesson) -> pd.DataFrame:
    """``gap_table`` as the page shows it: without the gap in the indicator's unit, which the
    first exercise asks the reader to compute (the page does not state its answer)."""
    table = gap_table(lesson).drop(columns=["Gap"])
    return table.rename(columns=header).set_index(header("Indicator"))


def gap_formats(lesson: Lesson) -> dict:
    """Formats of ``gap_view``'s value columns (the text layer's rule), gaps signed."""
    return {lesson.name: format_value, header("Peer median"): format_value,
            header("Gap"): signed, header(RELATIVE): lambda value: signed(value, "%", decimals=0)}


def gap_chart(lesson: Lesson) -> go.Figure | None:
    """Bars of the gap to the peer median in % of the median, right = ahead of peers; the
    title counts the shortfalls and names the widest."""
    table = gap_table(lesson)
    gaps = table[RELATIVE].dropna().sort_values()
    if gaps.empty:
        lesson.skip(_("Gaps to peers"), _(
            "Neither {country} nor enough of its peers have comparable recent figures on these "
            "indicators.").format(country=lesson.name))
        return None
    return capped_gap_bars(
        gaps, [table.at[i, "Indicator"] for i in gaps.index],
        [_bar_text(table, i, v) for i, v in gaps.items()],
        [_bar_hover(table, i, v) for i, v in gaps.items()], title=_gap_title(lesson, table, gaps),
        source=many_series_source(lesson.ds, list(gaps.index),
                                  _("Peer median of latest figures.")),
        cap=GAP_DISPLAY_CAP, x_title=(_("Gap to the peer median"), _(
            "% of the median; right = ahead, bars capped at ±{cap}").format(
            cap=fmt_number(GAP_DISPLAY_CAP, "%", decimals=0))))


def _gap_title(lesson: Lesson, table: pd.DataFrame, gaps: pd.Series) -> str:
    behind = gaps[gaps < 0]
    fields = {"country": lesson.name, "behind": len(behind), "n": len(gaps)}
    if behind.empty:
        return _("{country} is behind its peers' median on {behind} of {n} digital indicators "
                 "with data").format(**fields)
    return _("{country} is behind its peers' median on {behind} of {n} digital indicators "
             "with data; furthest behind on {label}").format(
        label=in_sentence(table.at[behind.index[0], "Indicator"]), **fields)


def _bar_text(table: pd.DataFrame, indicator: str, gap: float) -> str:
    """What a bar says: the gap, or that both levels are saturated (its figures are in the
    hover and the table above the chart)."""
    if table.at[indicator, "Verdict"] == _(SATURATED):
        return _(SATURATED)
    return fmt_number(gap, "%")


def _bar_hover(table: pd.DataFrame, indicator: str, gap: float) -> str:
    """A bar's hover: the gap with the country's figure and the peer median."""
    row = table.loc[indicator]
    pair = _("{value} vs {median}").format(value=short_figure(row.iloc[2], row["Unit"]),
                                           median=short_figure(row["Peer median"], row["Unit"]))
    if row["Verdict"] == _(SATURATED):
        return _("level: both above {cap} ({pair})").format(
            cap=short_figure(CAPS[indicator], row["Unit"]), pair=pair)
    return f"{fmt_number(gap, '%')} ({pair})"


def widest_gap_message(lesson: Lesson) -> KeyMessage | None:
    """The indicator on which the country is furthest behind (in % of the peer median)."""
    table = gap_table(lesson)
    gaps = table[RELATIVE].dropna()
    if gaps.empty or gaps.min() >= 0:
        return None
    worst = gaps.idxmin()
    row, unit = table.loc[worst], table.at[worst, "Unit"]
    text = _("{country.Possessive} widest digital gap is on {label}: {value} in {year} against "
             "a peer median of {median}, {gap} behind.").format(
        country=lesson.name, label=label_phrase(worst, row["Indicator"]),
        value=fmt_quantity(row[lesson.name], unit), year=row["Year"],
        median=short_figure(row["Peer median"], unit), gap=fmt_number(abs(gaps[worst]), "%"))
    return KeyMessage(text, worst, {"value": float(row[lesson.name]), "year": int(row["Year"]),
                                    "peer_median": float(row["Peer median"]),
                                    "gap_percent": float(gaps[worst])})
