"""Section 1: internet use (or another indicator) against income, with the world pattern
and its verdict (``metrics.digital_pattern``, worded by ``evidence.income_pattern``)."""

import plotly.graph_objects as go

from policylab.charts import scatter_compare
from policylab.evidence.income_pattern import verdict_rule, verdict_title
from policylab.i18n import _
from policylab.i18n.labels import label_phrase
from policylab.lessons.context import Lesson
from policylab.lessons.digital.base import short, window_text
from policylab.metrics.digital import INCOME_INDICATOR, world_with_income
from policylab.metrics.digital_pattern import pattern_verdict
from policylab.text import in_sentence

#: Fewer countries than this make no world pattern.
MIN_COUNTRIES = 10
#: ``verdict_rule`` is also read here: the notebook's method box calls it.
__all__ = ["MIN_COUNTRIES", "cross_section", "income_scatter", "verdict_rule"]


def cross_section(lesson: Lesson, indicator: str):
    """Every country's latest ``indicator`` and income, in the window ending at the focus
    country's own latest year (``year, value, income`` indexed by ``iso3``)."""
    own = lesson.ds.latest(indicator, lesson.country, max_year=lesson.end_year)
    return world_with_income(lesson.ds, indicator, own.year or lesson.end_year)


def income_scatter(lesson: Lesson, indicator: str = "internet_users_share") -> go.Figure | None:
    """All countries' latest ``indicator`` against income (log scale) with the fitted world
    pattern; the title gives a verdict only when the rule (``verdict_rule``) allows one."""
    section = short(lesson, indicator)
    data = cross_section(lesson, indicator)
    if lesson.country not in data.index or len(data) < MIN_COUNTRIES:
        lesson.skip(_("{label} and income").format(label=section), _(
            "{country} lacks a recent figure on {label} or on income per person to place it "
            "in the world pattern.").format(country=lesson.name,
                                            label=label_phrase(indicator, section)))
        return None
    unit = lesson.ds.indicator(indicator).unit
    title = verdict_title(pattern_verdict(data, lesson.country), in_sentence(section),
                          lesson.name, unit)
    source = lesson.source(indicator, INCOME_INDICATOR, note=_(
        "Latest year per country, {window}; line: least-squares fit on log income (rule in "
        "the method box).").format(window=window_text(lesson, int(data.at[lesson.country,
                                                                          "year"]))))
    return scatter_compare(data, "income", "value", lesson.country, lesson.peer_codes,
                           title=title, x_label=short(lesson, INCOME_INDICATOR), y_label=section,
                           source=source, x_unit=lesson.ds.indicator(INCOME_INDICATOR).unit,
                           y_unit=unit, names=lesson.names_of(data.index), log_x=True,
                           trend="linear")
