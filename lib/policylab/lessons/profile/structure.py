"""Section 5: the structure of the economy (sector shares of GDP) and the shift-share
split of labour-productivity growth (``metrics.shiftshare``), once per Dataset."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import stacked_area, title_with_subtitle
from policylab.charts.decomposition import decomposition_bars
from policylab.display import show_table
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import source_text, withheld_short
from policylab.metrics import profile_structure, shiftshare
from policylab.metrics.profile_structure import SECTOR_SERIES, SHIFT_SHARE_SERIES
from policylab.narrative import KeyMessage
from policylab.text import format_value, in_sentence, join_list, possessive, signed, year_range

SECTOR_LABELS = {
    "agriculture": "Agriculture",
    "industry_other": "Industry other than manufacturing",
    "manufacturing": "Manufacturing",
    "services": "Services (residual)",
}
SHIFT_SHARE_TERMS = {"within": "Within sectors", "static": "Static reallocation",
                     "dynamic": "Dynamic reallocation"}
#: The shift-share term as the largest source of change, in a chart title.
SHIFT_SHARE_LEADS = {"within": "growth within sectors",
                     "static": "workers moving to more productive sectors",
                     "dynamic": "workers moving to sectors whose productivity grew"}


def _withheld(lesson: Lesson, country: str, series: tuple[str, ...], first: int,
              last: int) -> str | None:
    """The first reason (``base.withheld_short``) why a change over ``first``-``last`` of any
    of ``series`` may not be read, or None."""
    for indicator in series:
        reason = withheld_short(lesson.ds, indicator, country, first, last)
        if reason is not None:
            label = lesson.ds.indicator(indicator).label.split(" (")[0]
            return f"{reason} in {in_sentence(label)}"
    return None


def structure_chart(lesson: Lesson) -> go.Figure | None:
    """Stacked shares of GDP by sector, titled with the sector that moved most."""
    panel = profile_structure.structure_panel(lesson.ds, lesson.country, lesson.years)
    if len(panel) < 2:
        lesson.skip("Structure of the economy",
                    f"The data pack has fewer than two years with agriculture, industry, "
                    f"manufacturing and services shares of GDP for {lesson.name} in "
                    f"{year_range(*lesson.years)}.")
        return None
    y0, y1 = int(panel.index[0]), int(panel.index[-1])
    # sectors whose change may not be read (a likely series break in between: DESIGN §10)
    reasons = {s: _withheld(lesson, lesson.country, SECTOR_SERIES[s], y0, y1) for s in panel}
    unread = [s for s in panel if reasons[s] is not None]
    sound = (panel.iloc[-1] - panel.iloc[0]).drop(unread)
    if sound.empty:
        title = (f"Value added by sector in {lesson.name}, {year_range(y0, y1)}; changes are "
                 f"not read ({reasons[unread[0]]})")
    else:
        mover = sound.abs().idxmax()
        title = (f"In {lesson.name}, {SECTOR_LABELS[mover].lower()} "
                 f"{'grew' if sound[mover] > 0 else 'shrank'} most: from "
                 f"{format_value(panel[mover].iloc[0], '%')} to "
                 f"{format_value(panel[mover].iloc[-1], '% of GDP')}, {year_range(y0, y1)}")
        if unread:
            title += (f"; {join_list([SECTOR_LABELS[s].lower() for s in unread])} not read "
                      f"({reasons[unread[0]]})")
    return stacked_area(
        panel, title=title_with_subtitle(title, "Value added by sector (% of GDP); "
                                         "years with all four shares"),
        unit="% of GDP", labels=SECTOR_LABELS, y_label="Share of GDP",
        source=source_text(lesson, "agriculture_share_gdp", "industry_share_gdp",
                           "mva_share_gdp",
                           note="Services are the residual, including net taxes on products."),
    )


def shift_share_for(lesson: Lesson, country: str) -> shiftshare.ShiftShare | None:
    """The decomposition for one country over the lesson's years, or None; once per
    Dataset, country and years (chart, table and message share it)."""
    return profile_structure.shift_share_for(lesson.ds, country, lesson.years)


def _unread(lesson: Lesson, code: str, result: shiftshare.ShiftShare) -> str | None:
    """Why ``result``'s change may not be read (a likely break in one of its inputs), or None."""
    return _withheld(lesson, code, SHIFT_SHARE_SERIES, result.start_year, result.end_year)


def _unread_text(lesson: Lesson, result: shiftshare.ShiftShare, reason: str) -> str:
    return (f"The change in {possessive(lesson.name)} output per worker over "
            f"{year_range(result.start_year, result.end_year)} is not read: {reason} "
            "(see the method box on series breaks).")


def moved(change: float) -> str:
    """"rose by 36.7%" / "fell by 4.2%" / "did not change" for a % change."""
    size = format_value(abs(change), "%")
    if size == "0%":
        return "did not change"
    return f"{'rose' if change > 0 else 'fell'} by {size}"


def shift_share_chart(lesson: Lesson) -> go.Figure | None:
    """Labour-productivity growth split into within-sector growth and reallocation, for the
    country and each peer with data (stacked bars, total marked)."""
    results = {code: shift_share_for(lesson, code) for code in lesson.codes}
    mine = results[lesson.country]
    if mine is None:
        lesson.skip("Sources of productivity growth",
                    f"The data pack lacks, for {lesson.name}, two years in "
                    f"{year_range(*lesson.years)} with GDP at constant prices, sector "
                    "shares of GDP and sector employment shares by sex.")
        return None
    reason = _unread(lesson, lesson.country, mine)
    if reason is not None:
        lesson.skip("Sources of productivity growth", _unread_text(lesson, mine, reason))
        return None
    # peers whose inputs break within their years are left out (their change is not read)
    shown = [c for c in lesson.codes if results[c] is not None
             and (c == lesson.country or _unread(lesson, c, results[c]) is None)]
    lead = max(SHIFT_SHARE_TERMS, key=lambda t: abs(getattr(mine, t)))
    title = (f"{possessive(lesson.name, start=True)} output per worker {moved(mine.total)}, "
             f"{year_range(mine.start_year, mine.end_year)}; the largest source: "
             f"{SHIFT_SHARE_LEADS[lead]} ({signed(getattr(mine, lead), 'points')})")
    parts = pd.DataFrame([{**{t: getattr(results[c], t) for t in (*SHIFT_SHARE_TERMS, "total")},
                           "years": year_range(results[c].start_year, results[c].end_year)}
                          for c in shown], index=shown)
    return decomposition_bars(
        parts, SHIFT_SHARE_TERMS, lesson.country, names=lesson.names, note="years",
        title=title_with_subtitle(title, "Change in output per worker (% of its first-year "
                                         "level), split into its sources; each country over "
                                         "its own years with data"),
        source=source_text(lesson, "gdp_const_usd", *(f"{s}_share_gdp" for s in
                                                      shiftshare.SECTORS[:2]),
                           "labour_force", "female_share_labour_force",
                           note="Employment by sector and sex: SL.AGR/IND/SRV.EMPL.FE/MA.ZS;"
                                " employment approximated with the labour force."),
        x_label="Change in output per worker", x_unit="% of first-year level")


def shift_share_table(lesson: Lesson) -> pd.DataFrame | None:
    """The country's decomposition by sector, in % of first-year output per worker."""
    result = shift_share_for(lesson, lesson.country)
    if result is None or _unread(lesson, lesson.country, result) is not None:
        return None
    table = profile_structure.by_sector_percent(result)
    table = table.rename(columns={**SHIFT_SHARE_TERMS, "total": "Total"})
    table.index = pd.Index([s.capitalize() for s in table.index],
                           name=f"Sector ({year_range(result.start_year, result.end_year)})")
    return table


def show_shift_share_table(lesson: Lesson) -> None:
    """:func:`shift_share_table` with one decimal and a sign throughout; nothing without data."""
    table = shift_share_table(lesson)
    if table is None:
        return
    show_table(table, f"{lesson.name}: sources of the change in output per worker, by sector "
               "(percentage points of the first-year level; rows and columns add up)",
               "policylab shift-share from World Bank WDI; employment approximated with the "
               "labour force.", dict.fromkeys(table.columns, lambda v: signed(float(v), None, 1)))


def shift_share_message(lesson: Lesson) -> KeyMessage | None:
    """Which source drove the country's productivity change; None without data."""
    result = shift_share_for(lesson, lesson.country)
    if result is None:
        return None
    reason = _unread(lesson, lesson.country, result)
    if reason is not None:
        return KeyMessage(_unread_text(lesson, result, reason), None, {"change_withheld": reason})
    parts = ", ".join(f"{SHIFT_SHARE_TERMS[t].lower()} {signed(getattr(result, t))}"
                      for t in SHIFT_SHARE_TERMS)
    text = (f"{possessive(lesson.name, start=True)} output per worker {moved(result.total)} "
            f"between {result.start_year} and {result.end_year}; in percentage points of its "
            f"first-year level, {parts} (employment approximated with the labour force).")
    values = {t: getattr(result, t) for t in ("total", *SHIFT_SHARE_TERMS)}
    return KeyMessage(text, None, {**values, "start_year": result.start_year,
                                   "end_year": result.end_year})


def employment_note() -> str:
    """The approximations behind the shift-share, as stated by ``metrics.shiftshare``."""
    return f"**How employment is measured here.** {shiftshare.EMPLOYMENT_NOTE}"
