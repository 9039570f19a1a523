"""Section 1: internet use (or another indicator) against income, with the world pattern
(``metrics.digital.world_with_income`` and its log-income fit)."""

from __future__ import annotations

import plotly.graph_objects as go

from policylab.charts import scatter_compare
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import INCOME_INDICATOR, WINDOW_YEARS, short
from policylab.metrics.digital import predicted_by_income, world_with_income
from policylab.narrative import fmt_number
from policylab.text import in_sentence

#: Fewer countries than this make no world pattern.
MIN_COUNTRIES = 10


def cross_section(lesson: Lesson, indicator: str):
    """Every country's latest ``indicator`` and income, in the window ending at the focus
    country's own latest year (``year, value, income`` indexed by ``iso3``)."""
    own = lesson.ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    year = own.year if own.year is not None else lesson.end_year
    return world_with_income(lesson.ds, indicator, year)


def income_scatter(lesson: Lesson, indicator: str = "internet_users_share") -> go.Figure | None:
    """All countries' latest ``indicator`` against income (GDP per capita, PPP, log scale)
    with the fitted world pattern; the title says how far the focus country is from what
    its income predicts (the residual of that same fit)."""
    ds = lesson.ds
    ind, income = ds.indicator(indicator), ds.indicator(INCOME_INDICATOR)
    section = short(lesson, indicator)
    data = cross_section(lesson, indicator)
    if lesson.country not in data.index or len(data) < MIN_COUNTRIES:
        lesson.skip(f"{section} and income", f"{lesson.name} lacks a recent figure on "
                    f"{in_sentence(section)} or on income per person to place it in the "
                    "world pattern.")
        return None
    predicted = predicted_by_income(data, lesson.country)
    own = float(data.at[lesson.country, "value"])
    gap = own - predicted
    side = "above" if gap > 0 else "below"
    title = (f"On {in_sentence(section)}, {lesson.name} sits {fmt_number(abs(gap))} points "
             f"{side} what its income predicts ({fmt_number(own, ind.unit)} against "
             f"{fmt_number(predicted, ind.unit)})")
    year = int(data.at[lesson.country, "year"])
    source = lesson.source(indicator, INCOME_INDICATOR,
                           note=f"Latest year per country, {year - WINDOW_YEARS + 1}–{year}; "
                                "line: least-squares fit on log income.")
    return scatter_compare(data, "income", "value", lesson.country, lesson.peer_codes,
                           title=title, x_label=income.label.split(" (")[0],
                           y_label=section, source=source, x_unit=income.unit, y_unit=ind.unit,
                           names=lesson.names, log_x=True, trend="linear")
