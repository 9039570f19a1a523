"""Section 4: how recent the data are, sparse data shown as sparse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts import heatmap
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import INDICATORS, WINDOW_YEARS, short, source_many
from policylab.metrics.digital import latest_years
from policylab.narrative import KeyMessage, old_data_message
from policylab.narrative.messages import OLD_DATA_YEARS

#: Colours of the coverage grid: dark for the oldest figures, white for current ones.
AGE_SCALE = [[0.0, "#B54A00"], [0.5, "#E8A273"], [1.0, "#F7F7F7"]]


def coverage_table(lesson: Lesson) -> pd.DataFrame:
    """The latest year with a figure, per country (focus and peers) and indicator (NA when
    there is none at all)."""
    years = latest_years(lesson.ds, INDICATORS).reindex(lesson.codes)
    years.columns = [short(lesson, indicator) for indicator in INDICATORS]
    years.index = pd.Index(list(lesson.names.values()), name="Country")
    return years


def newest_years(lesson: Lesson) -> dict[str, int]:
    """The latest year any country has for each indicator (the benchmark for "old")."""
    newest = latest_years(lesson.ds, INDICATORS).max()
    return {indicator: int(year) for indicator, year in newest.items() if pd.notna(year)}


def stale(lesson: Lesson) -> list[str]:
    """The indicators whose figure for the focus country is missing or more than
    ``WINDOW_YEARS`` behind the newest any country has."""
    own = latest_years(lesson.ds, INDICATORS).loc[lesson.country]
    newest = newest_years(lesson)
    return [i for i in INDICATORS
            if pd.isna(own[i]) or newest.get(i, 0) - own[i] > WINDOW_YEARS]


def coverage_chart(lesson: Lesson) -> go.Figure:
    """A grid of the latest year per country and indicator, coloured by how many years it
    lags the newest figure any country has; blank where there is no figure."""
    table = coverage_table(lesson)
    newest = newest_years(lesson)
    columns = dict(zip(table.columns, INDICATORS, strict=True))
    lag = pd.DataFrame({col: [-(newest[ind] - y) if ind in newest and pd.notna(y) else np.nan
                              for y in table[col]] for col, ind in columns.items()},
                       index=table.index)
    text = table.astype("object").where(table.notna(), np.nan)
    old = stale(lesson)
    title = (f"{len(old)} of {len(INDICATORS)} digital indicators are missing or more than "
             f"{WINDOW_YEARS} years old for {lesson.name}")
    if not old:
        title = f"All {len(INDICATORS)} digital indicators are recent for {lesson.name}"
    source = source_many(lesson, INDICATORS, "Cells: latest year with a figure; colour: years "
                                             "behind the newest figure of any country.")
    fig = heatmap(lag, title=title, source=source, text=text, focus=table.index[0],
                  colorbar_title="Years behind the newest data")
    # a lag is never positive: one-sided scale from "current" (white) to "oldest" (dark)
    oldest = float(np.nanmax(-lag.to_numpy())) if lag.notna().any().any() else 0.0
    # the scale spans at least two windows, so a one-year lag never looks alarming
    fig.update_traces(colorscale=AGE_SCALE, zmin=-max(oldest, 2.0 * WINDOW_YEARS), zmax=0)
    return fig


def old_data_notes(lesson: Lesson) -> list[KeyMessage]:
    """One warning per indicator whose latest figure for the focus country is old or
    missing (``old_data_message``); empty when everything is recent."""
    return list(lesson.ds.cached(("digital.old_notes", lesson.country),
                                 lambda: _old_notes(lesson)))


def _old_notes(lesson: Lesson) -> tuple[KeyMessage, ...]:
    years = latest_years(lesson.ds, INDICATORS)
    own, newest = years.loc[lesson.country], years.max()
    # only indicators that can be old or missing are checked (old_data_message is the rule)
    suspects = [i for i in INDICATORS
                if pd.isna(own[i]) or pd.isna(newest[i]) or newest[i] - own[i] > OLD_DATA_YEARS]
    notes = (old_data_message(lesson.ds, indicator, lesson.country) for indicator in suspects)
    return tuple(note for note in notes if note is not None)


def notes_markdown(lesson: Lesson) -> str:
    """The old-data warnings as a list, or that every figure is recent."""
    notes = old_data_notes(lesson)
    if not notes:
        return f"Every digital indicator for {lesson.name} is recent."
    return "\n".join(f"- {m.text}" for m in notes)
