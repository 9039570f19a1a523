"""Section 4: how recent the data are, sparse data shown as sparse.

"Recent" means one thing in the whole lesson: a figure in the lesson's recency window
(``base.window_start`` to the last year; at the default last year the pack's
``recency_cutoff`` to its newest year), the window from which the gaps and the index take
their latest figures. So an indicator called recent here is one the index can use."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts import heatmap
from policylab.i18n import _, pgettext
from policylab.i18n.labels import label_phrase
from policylab.lessons.context import Lesson
from policylab.lessons.digital import base
from policylab.lessons.digital.base import INDICATORS, WINDOW_YEARS, window_text
from policylab.metrics.digital import latest_years
from policylab.narrative import KeyMessage, fmt_quantity

#: Colours of the coverage grid: dark for the oldest figures, white for current ones.
AGE_SCALE = [[0.0, "#B54A00"], [0.5, "#E8A273"], [1.0, "#F7F7F7"]]


def coverage_table(lesson: Lesson) -> pd.DataFrame:
    """The latest year with a figure, per country (focus and peers) and indicator (NA when
    there is none at all)."""
    years = latest_years(lesson.ds, INDICATORS).reindex(lesson.codes)
    years.columns = [base.short(lesson, indicator) for indicator in INDICATORS]
    years.index = pd.Index(list(lesson.names.values()), name=pgettext("table header", "Country"))
    return years


def stale(lesson: Lesson) -> list[str]:
    """The indicators on which the focus country has no figure in the lesson's recency
    window (``base.window_text``): missing, or older than its first year."""
    return [i for i in INDICATORS if not base.is_recent(lesson, base.own(lesson, i).year)]


def coverage_chart(lesson: Lesson) -> go.Figure:
    """A grid of the latest year per country and indicator, coloured by how many years it
    lags the newest figure any country has; blank where there is no figure."""
    table = coverage_table(lesson)
    every = latest_years(lesson.ds, INDICATORS)
    lag = (every.reindex(lesson.codes) - every.max()).astype(float)  # never positive
    lag.index, lag.columns = table.index, table.columns
    source = base.source_many(lesson, INDICATORS, _(
        "Cells: latest year with a figure; colour: years behind the newest figure of any "
        "country."))
    fig = heatmap(lag, title=_coverage_title(lesson), source=source,
                  text=table.astype("object").where(table.notna(), np.nan),
                  focus=table.index[0], colorbar_title=_("Years behind the newest data"),
                  measure=(_("Latest figure against the newest of any country"),
                           _("years (negative: behind)")))
    # one-sided scale from "current" (white) to "oldest" (dark), spanning at least two
    # windows, so a one-year lag never looks alarming
    oldest = float(np.nanmax(-lag.to_numpy())) if lag.notna().any().any() else 0.0
    fig.update_traces(colorscale=AGE_SCALE, zmin=-max(oldest, 2.0 * WINDOW_YEARS), zmax=0)
    return fig


def _coverage_title(lesson: Lesson) -> str:
    old = stale(lesson)
    template = (_("{country} has no recent figure ({window}) on {old} of {n} digital indicators")
                if old else
                _("{country} has a recent figure ({window}) on all {n} digital indicators"))
    return template.format(country=lesson.name, window=window_text(lesson), old=len(old),
                           n=len(INDICATORS))


def old_data_notes(lesson: Lesson) -> list[KeyMessage]:
    """One warning per indicator on which the focus country has no figure in the recency
    window (``stale``): its latest figure with its year, or that there is none; empty when
    every figure is recent."""
    return list(lesson.ds.cached(("digital.old_notes", lesson.country, lesson.end_year),
                                 lambda: tuple(_old_note(lesson, i) for i in stale(lesson))))


def _old_note(lesson: Lesson, indicator: str) -> KeyMessage:
    mine = base.own(lesson, indicator)
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
    """The recency rule, then the old or missing figures as a list, or that every figure is
    recent (the same window as the index)."""
    rule = _("A figure counts as recent when it is from {window} (the last {n} years of the "
             "lesson); the gaps and the index use only recent figures.").format(
        window=window_text(lesson), n=WINDOW_YEARS)
    notes = old_data_notes(lesson)
    if not notes:
        return _("{rule} Every digital indicator for {country} has a recent figure.").format(
            rule=rule, country=lesson.name)
    return rule + "\n\n" + "\n".join(f"- {m.text}" for m in notes)
