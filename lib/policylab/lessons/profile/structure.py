"""Section 5: sector shares of GDP and the shift-share split of productivity growth."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import stacked_area, title_with_subtitle
from policylab.charts.decomposition import decomposition_bars
from policylab.display import show_table
from policylab.evidence.breaks import withheld_in
from policylab.i18n import N_, _, pgettext
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import source_text
from policylab.metrics import profile_structure, shiftshare
from policylab.metrics.profile_chart_data import largest_change, shift_share_terms
from policylab.metrics.profile_structure import SECTOR_SERIES, SHIFT_SHARE_SERIES
from policylab.narrative import KeyMessage
from policylab.narrative.changes import moved
from policylab.text import format_value, join_list, sentence_start, signed, year_range

SECTOR_LABELS = {
    "agriculture": N_("Agriculture"),
    "industry_other": N_("Industry other than manufacturing"),
    "manufacturing": N_("Manufacturing"),
    "services": N_("Services (residual)"),
}
SHIFT_SHARE_TERMS = {"within": N_("Within sectors"), "static": N_("Static reallocation"),
                     "dynamic": N_("Dynamic reallocation")}
#: The shift-share term as the largest source of change, in a chart title.
SHIFT_SHARE_LEADS = {"within": N_("growth within sectors"),
                     "static": N_("workers moving to more productive sectors"),
                     "dynamic": N_("workers moving to sectors whose productivity grew")}
#: The rows of the by-sector table (``metrics.profile_structure.by_sector_percent``).
SECTOR_ROWS = {"agriculture": N_("Agriculture"), "industry": N_("Industry"),
               "services": N_("Services"), "all sectors": N_("All sectors")}


def _subject(sector: str) -> str:
    """The sector as the subject of a sentence (French and Spanish take an article)."""
    return {"agriculture": pgettext("sector as subject", "agriculture"),
            "industry_other": pgettext("sector as subject",
                                       "industry other than manufacturing"),
            "manufacturing": pgettext("sector as subject", "manufacturing"),
            "services": pgettext("sector as subject", "services (residual)")}[sector]


def term_labels() -> dict[str, str]:
    """``SHIFT_SHARE_TERMS`` in the current language."""
    return {t: _(label) for t, label in SHIFT_SHARE_TERMS.items()}


def structure_chart(lesson: Lesson) -> go.Figure | None:
    """Stacked shares of GDP by sector, titled with the sector that moved most."""
    panel = profile_structure.structure_panel(lesson.ds, lesson.country, lesson.years)
    if len(panel) < 2:
        lesson.skip(_("Structure of the economy"),
                    _("The data pack has fewer than two years with agriculture, industry, "
                      "manufacturing and services shares of GDP for {country} in "
                      "{years}.").format(country=lesson.name, years=year_range(*lesson.years)))
        return None
    y0, y1 = int(panel.index[0]), int(panel.index[-1])
    # sectors whose change may not be read (a likely series break in between: DESIGN §10)
    reasons = {s: withheld_in(lesson.ds, SECTOR_SERIES[s], lesson.country, y0, y1)
               for s in panel}
    unread = [s for s in panel if reasons[s] is not None]
    title = _structure_title(lesson, panel, largest_change(panel, unread),
                             [(s, reasons[s]) for s in unread])
    return stacked_area(
        panel, title=title_with_subtitle(title, _("Value added by sector (% of GDP); "
                                                  "years with all four shares")),
        unit=_("% of GDP"), labels={s: _(label) for s, label in SECTOR_LABELS.items()},
        y_label=_("Share of GDP"),
        source=source_text(lesson, "agriculture_share_gdp", "industry_share_gdp",
                           "mva_share_gdp",
                           note=_("Services are the residual, including net taxes on "
                                  "products.")),
    )


def _structure_title(lesson: Lesson, panel: pd.DataFrame, mover: str | None,
                     unread: list[tuple[str, str | None]]) -> str:
    """The sector that moved most (of those whose change may be read), and those not read."""
    y0, y1 = int(panel.index[0]), int(panel.index[-1])
    if mover is None:
        return _("Value added by sector in {country}, {years}; changes are not read "
                 "({reason})").format(country=lesson.name, years=year_range(y0, y1),
                                      reason=unread[0][1])
    title = (_("In {country}, {sector} grew most: from {first} to {last}, {years}")
             if panel[mover].iloc[-1] > panel[mover].iloc[0] else
             _("In {country}, {sector} shrank most: from {first} to {last}, {years}")).format(
        country=lesson.name, sector=_subject(mover),
        first=format_value(panel[mover].iloc[0], "%"),
        last=format_value(panel[mover].iloc[-1], _("% of GDP")), years=year_range(y0, y1))
    if unread:
        title = _("{title}; {sectors} not read ({reason})").format(
            title=title, sectors=join_list([_subject(s) for s, _r in unread]),
            reason=unread[0][1])
    return sentence_start(title)


def _unread(lesson: Lesson, code: str, result: shiftshare.ShiftShare) -> str | None:
    return withheld_in(lesson.ds, SHIFT_SHARE_SERIES, code, result.start_year, result.end_year)


def _mine(lesson: Lesson) -> tuple[shiftshare.ShiftShare | None, str | None]:
    """The country's decomposition and why its change may not be read (None: it may)."""
    result = profile_structure.shift_share_for(lesson.ds, lesson.country, lesson.years)
    return result, None if result is None else _unread(lesson, lesson.country, result)


def _unread_text(lesson: Lesson, result: shiftshare.ShiftShare, reason: str) -> str:
    return _("The change in {country.possessive} output per worker over {years} is not read: "
             "{reason} (see the method box on series breaks).").format(
        country=lesson.name, years=year_range(result.start_year, result.end_year),
        reason=reason)


def shift_share_chart(lesson: Lesson) -> go.Figure | None:
    """Productivity growth split into its sources, for the country and its peers."""
    mine, reason = _mine(lesson)
    if mine is None:
        lesson.skip(_("Sources of productivity growth"),
                    _("The data pack lacks, for {country}, two years in {years} with GDP at "
                      "constant prices, sector shares of GDP and sector employment shares by "
                      "sex.").format(country=lesson.name, years=year_range(*lesson.years)))
        return None
    if reason is not None:
        lesson.skip(_("Sources of productivity growth"), _unread_text(lesson, mine, reason))
        return None
    results = {c: profile_structure.shift_share_for(lesson.ds, c, lesson.years)
               for c in lesson.codes}
    # peers whose inputs break within their years are left out (their change is not read)
    shown = {c: r for c, r in results.items()
             if r is not None and (c == lesson.country or _unread(lesson, c, r) is None)}
    lead = max(SHIFT_SHARE_TERMS, key=lambda t: abs(getattr(mine, t)))
    title = _("{country.Possessive} output per worker {moved}, {years}; the largest source: {lead} "
              "({points})").format(
        country=lesson.name, moved=moved(mine.total),
        years=year_range(mine.start_year, mine.end_year), lead=_(SHIFT_SHARE_LEADS[lead]),
        points=signed(getattr(mine, lead), _("points")))
    return decomposition_bars(
        shift_share_terms(shown), term_labels(), lesson.country,
        names=lesson.names, note="years",
        title=title_with_subtitle(title, _("Change in output per worker (% of its first-year "
                                           "level), split into its sources; each country over "
                                           "its own years with data")),
        source=source_text(lesson, "gdp_const_usd", *(f"{s}_share_gdp" for s in
                                                      shiftshare.SECTORS[:2]),
                           "labour_force", "female_share_labour_force",
                           note=_("Employment by sector and sex: SL.AGR/IND/SRV.EMPL.FE/MA.ZS;"
                                  " employment approximated with the labour force.")),
        x_label=_("Change in output per worker"), x_unit=_("% of first-year level"))


def shift_share_table(lesson: Lesson) -> pd.DataFrame | None:
    """The country's decomposition by sector, in % of first-year output per worker."""
    result, reason = _mine(lesson)
    if result is None or reason is not None:
        return None
    table = profile_structure.by_sector_percent(result)
    table = table.rename(columns={**term_labels(), "total": pgettext("table header", "Total")})
    table.index = pd.Index(
        [_(SECTOR_ROWS[s]) if s in SECTOR_ROWS else s.capitalize() for s in table.index],
        name=_("Sector ({years})").format(years=year_range(result.start_year, result.end_year)))
    return table


def show_shift_share_table(lesson: Lesson) -> None:
    """:func:`shift_share_table` with one decimal and a sign; nothing without data."""
    table = shift_share_table(lesson)
    if table is None:
        return
    show_table(table, _("{country}: sources of the change in output per worker, by sector "
                        "(percentage points of the first-year level; rows and columns add "
                        "up)").format(country=lesson.name),
               _("policylab shift-share from World Bank WDI; employment approximated with the "
                 "labour force."),
               dict.fromkeys(table.columns, lambda v: signed(float(v), None, 1)))


def shift_share_message(lesson: Lesson) -> KeyMessage | None:
    """Which source drove the country's productivity change; None without data."""
    result, reason = _mine(lesson)
    if result is None:
        return None
    if reason is not None:
        return KeyMessage(_unread_text(lesson, result, reason), None, {"change_withheld": reason})
    parts = ", ".join(f"{label.lower()} {signed(getattr(result, t))}"
                      for t, label in term_labels().items())
    text = _("{country.Possessive} output per worker {moved} between {start} and {end}; in "
             "percentage points of its first-year level, {parts} (employment approximated with the "
             "labour force).").format(country=lesson.name,
                                      moved=moved(result.total), start=result.start_year,
                                      end=result.end_year, parts=parts)
    values = {t: getattr(result, t) for t in ("total", *SHIFT_SHARE_TERMS)}
    return KeyMessage(text, None, {**values, "start_year": result.start_year,
                                   "end_year": result.end_year})


def employment_note() -> str:
    """The approximations behind the shift-share (``metrics.shiftshare``)."""
    return _("**How employment is measured here.** {note}").format(
        note=_(shiftshare.EMPLOYMENT_NOTE))
