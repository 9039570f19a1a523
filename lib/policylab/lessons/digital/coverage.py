"""Section 4: how recent the data are, sparse data shown as sparse. "Recent" is the one
window from which the gaps and the index take their latest figures (``base.window_start``),
so an indicator called recent here is one the index can use."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.age_grid import age_grid
from policylab.i18n import _, pgettext
from policylab.i18n.labels import label_phrase
from policylab.lessons.context import Lesson
from policylab.lessons.digital import base
from policylab.lessons.digital.base import INDICATORS, WINDOW_YEARS, window_text
from policylab.metrics.data_age import years_behind
from policylab.metrics.digital import latest_years
from policylab.narrative import KeyMessage, fmt_quantity
from policylab.narrative.phrases import many_series_source


def coverage_table(lesson: Lesson) -> pd.DataFrame:
    """The latest year with a figure, per country (focus and peers) and indicator (NA when
    there is none at all)."""
    years = latest_years(lesson.ds, INDICATORS).reindex(lesson.codes)
    years.columns = [base.short(lesson, indicator) for indicator in INDICATORS]
    years.index = pd.Index(list(lesson.names.values()), name=pgettext("table header", "Country"))
    return years


def stale(lesson: Lesson) -> list[str]:
    """The indicators on which the focus country has no figure in the window."""
    latest = {i: lesson.ds.latest(i, lesson.country, max_year=lesson.end_year) for i in INDICATORS}
    return [i for i in INDICATORS if not base.is_recent(lesson, latest[i].year)]


def coverage_chart(lesson: Lesson) -> go.Figure:
    """A grid of the latest year per country and indicator, coloured by how many years it
    lags the newest figure any country has; blank where there is no figure."""
    table = coverage_table(lesson)
    lag = years_behind(latest_years(lesson.ds, INDICATORS), lesson.codes)
    lag.index, lag.columns = table.index, table.columns
    source = many_series_source(lesson.ds, INDICATORS, _(
        "Cells: latest year with a figure; colour: years behind the newest figure of any "
        "country."))
    return age_grid(lag, table.astype("object").where(table.notna(), np.nan),
                    title=_coverage_title(lesson), source=source, focus=table.index[0],
                    colorbar_title=_("Years behind the newest data"),
                    measure=(_("Latest figure against the newest of any country"),
                             _("years (negative: behind)")),
                    min_span=2.0 * WINDOW_YEARS)  # two windows


def _coverage_title(lesson: Lesson) -> str:
    old = stale(lesson)
    template = (_("{country} has no recent figure ({window}) on {old} of {n} digital indicators")
                if old else
                _("{country} has a recent figure ({window}) on all {n} digital indicators"))
    return template.format(country=lesson.name, window=window_text(lesson), old=len(old),
                           n=len(INDICATORS))


def old_data_notes(lesson: Lesson) -> list[KeyMessage]:
    """One warning per ``stale`` indicator: its latest figure with its year, or none."""
    return list(lesson.ds.cached(("digital.old_notes", lesson.country, lesson.end_year),
                                 lambda: tuple(_old_note(lesson, i) for i in stale(lesson))))


def _old_note(lesson: Lesson, indicator: str) -> KeyMessage:
    mine = lesson.ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    subject = label_phrase(indicator, base.short(lesson, indicator))
    if mine.year is None:
        text = _("{country} has no figure on {label} in the data pack, so it has no full "
                 "digital-readiness index.").format(country=lesson.name, label=subject)
        return KeyMessage(text, indicator, {"value": float("nan"), "year": None})
    text = _("For {country}, the latest figure on {label} is from {year} ({value}), before "
             "the recent window {window}: it is shown with its year, and without a recent "
             "figure {country} has no full digital-readiness index.").format(
        country=lesson.name, label=subject, year=mine.year, window=window_text(lesson),
        value=fmt_quantity(mine.value, lesson.ds.indicator(indicator).unit))
    return KeyMessage(text, indicator, {"value": mine.value, "year": mine.year,
                                        "window_start": base.window_start(lesson)})


def notes_markdown(lesson: Lesson) -> str:
    """The recency rule, then the old or missing figures, or that every figure is recent."""
    rule = _("A figure counts as recent when it is from {window} (the last {n} years of the "
             "lesson); the gaps and the index use only recent figures.").format(
        window=window_text(lesson), n=WINDOW_YEARS)
    notes = old_data_notes(lesson)
    if not notes:
        return _("{rule} Every digital indicator for {country} has a recent figure.").format(
            rule=rule, country=lesson.name)
    return rule + "\n\n" + "\n".join(f"- {m.text}" for m in notes)
