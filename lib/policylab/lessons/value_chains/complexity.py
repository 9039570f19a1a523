"""Section 3: the Growth Lab's PUBLISHED Economic Complexity Index and rank, over time,
against the region and peers, and against what income predicts (never recomputed here;
the figures come from ``metrics.value_chains_eci``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import scatter_compare
from policylab.charts.template import describe
from policylab.evidence import peer_median
from policylab.evidence.medians import median_of
from policylab.evidence.verdicts import MAD_TO_SD
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains import trends
from policylab.metrics.eci_income import eci_income_fit, eci_years
from policylab.metrics.value_chains_eci import eci_standing, income_evidence
from policylab.narrative import KeyMessage
from policylab.narrative.format import ordinal
from policylab.text import format_value, possessive, signed

#: The axis label of the published index.
Y_LABEL = "Economic Complexity Index (published)"

#: The rule behind "more (or less) complex than its income predicts", for the method box.
FIT_RULE_TEXT = (
    "**When is a country more or less complex than its income predicts?** The line is a "
    "least-squares fit of the published ECI on the logarithm of GDP per capita over every "
    "ranked economy in the ECI's latest year. The *typical scatter* is "
    f"{MAD_TO_SD} × the median distance of the economies from the line (in ECI points): a "
    "robust measure that a few far-off economies do not inflate, as the standard deviation "
    "would. A verdict is "
    "given only when both are clear: the line rises (or falls) across the middle 90% of "
    "incomes by more than the typical scatter, and the country lies farther from the line "
    "than the typical scatter. Otherwise the page says the evidence is inconclusive, and "
    "why.")


def _eci(value: float) -> str:
    return format_value(value, decimals=2)


def published_eci(lesson: Lesson) -> tuple[dict | None, str]:
    """The country's published ECI (``metrics.value_chains_eci.eci_standing``) and "" when
    its change since the first year may be stated, else why not ("only one year" or the
    breaks rule's reason); (None, "") without an ECI."""
    found = eci_standing(lesson.ds, lesson.country, lesson.end_year)
    if found is None:
        return None, ""
    if found["first_year"] == found["year"]:
        return found, "only one year"
    return found, trends.withheld_change(lesson, ("eci",), found["first_year"], found["year"])


def eci_source(lesson: Lesson, *more: str) -> str:
    return lesson.source("eci", "eci_rank", *more,
                         note="Published HS 1992 ECI and rank, not recomputed here.")


def _no_eci(lesson: Lesson, section: str) -> None:
    lesson.skip(section, f"The Growth Lab does not rank {lesson.name} (it ranks about 145 "
                         "economies with reliable trade data, population of at least 1 "
                         "million and exports of at least US$ 1 billion).")


def eci_trend_chart(lesson: Lesson) -> go.Figure | None:
    """The published ECI from its first year: the country, peers and income group."""
    (found, why), span = published_eci(lesson), eci_years(lesson.ds)
    if found is None or span is None:
        _no_eci(lesson, "Economic complexity over time")
        return None
    rank = (f", ranked {ordinal(found['rank'])} of {found['ranked']} in {found['year']}"
            if found["rank"] else "")
    own = possessive(lesson.name, start=True)
    if not why:
        title = (f"{own} Economic Complexity Index went from {_eci(found['first_eci'])} in "
                 f"{found['first_year']} to {_eci(found['eci'])} in {found['year']}{rank}")
    else:
        title = (f"{own} Economic Complexity Index was {_eci(found['eci'])} in "
                 f"{found['year']}{rank}" + ("" if why == "only one year" else
                 f"; the change since {found['first_year']} is not stated: "
                 f"{trends.short_why(why)}"))
    return trends.trend_chart(lesson, trends.panel(lesson, "eci", (span[0], lesson.end_year)),
                              section="Economic complexity over time", label=Y_LABEL,
                              unit="index", source=eci_source(lesson), indicators=("eci",),
                              title=title)


def eci_ranking_chart(lesson: Lesson) -> go.Figure | None:
    """The latest published ECI of the region's countries and the peers."""
    found = published_eci(lesson)[0]
    if found is None:
        _no_eci(lesson, "Economic Complexity Index")
        return None
    values = trends.year_values(lesson, "eci", found["year"])
    rank = (f"ranked {ordinal(found['rank'])} of {found['ranked']} economies"
            if found["rank"] else f"one of {found['ranked']} economies ranked")
    fig = trends.region_bars(lesson, values, title=(
        f"{lesson.name} {rank} on economic complexity in {found['year']} (ECI "
        f"{_eci(found['eci'])})"), unit="index", source=eci_source(lesson), x_label=Y_LABEL)
    median = median_of(values.reindex(trends.members(lesson, "region")), lesson.region)
    if median.ok:
        fig.add_vline(x=median.value, line_dash="dash", line_color="#333333",
                      annotation_text=f"Median of {lesson.region}",
                      annotation_position="bottom right")
    return fig


def income_verdict(frame: pd.DataFrame, country: str) -> tuple[str | None, str]:
    """("more" / "less", "") when the country is clearly more or less complex than its
    income predicts (``FIT_RULE_TEXT``), else (None, why the evidence is inconclusive)."""
    evidence = income_evidence(frame, country)
    if not evidence.pattern_clear:
        return None, (f"the fitted line changes by only {_eci(abs(evidence.movement))} ECI "
                      "points across the middle 90% of incomes, no more than the typical "
                      f"scatter of {_eci(evidence.scatter)} points around it")
    if not evidence.distance_clear:
        return None, (f"its distance from the line ({signed(evidence.distance, decimals=2)} "
                      f"ECI points) is within the typical scatter of ±{_eci(evidence.scatter)}"
                      " points")
    return ("more" if evidence.distance > 0 else "less"), ""


def eci_income_chart(lesson: Lesson) -> go.Figure | None:
    """Published ECI against GDP per capita: more complex than income predicts? A verdict
    only when the fitted pattern and the country's distance from it are clear."""
    frame = eci_income_fit(lesson.ds, lesson.end_year)
    if lesson.country not in frame.index or "expected" not in frame:
        _no_eci(lesson, "ECI and income")
        return None
    year = frame.attrs.get("eci_year")
    own, expected = frame.at[lesson.country, "eci"], frame.at[lesson.country, "expected"]
    side, why = income_verdict(frame, lesson.country)
    versus = f"(ECI {_eci(own)} against {_eci(expected)} expected)"
    title = (f"{possessive(lesson.name, start=True)} exports were {side} complex than its "
             f"income predicts in {year} {versus}" if side else
             f"Whether {possessive(lesson.name)} exports are more or less complex than its "
             f"income predicts is inconclusive in {year} {versus}: {why}")
    fig = scatter_compare(frame, "gdp_per_capita", "eci", lesson.country, lesson.peer_codes,
                          title=title, x_label="GDP per capita",
                          x_unit="current US$, log scale",
                          y_label=Y_LABEL,
                          source=eci_source(lesson, "gdp_per_capita"),
                          names={c: lesson.ds.name(c) for c in frame.index}, log_x=True,
                          trend="linear")
    return describe(fig, y=(Y_LABEL, lesson.ds.indicator("eci").unit))


def eci_message(lesson: Lesson) -> KeyMessage | None:
    found, why = published_eci(lesson)
    if found is None:
        return None
    median = peer_median(lesson.ds, "eci", lesson.peer_codes, found["year"])
    peers = f", against a peer median of {_eci(median.value)}" if median.ok else ""
    rank = (f", {ordinal(found['rank'])} of {found['ranked']} economies ranked"
            if found["rank"] else "")
    before = ("." if why == "only one year" else
              f"; the change since {found['first_year']} is not stated: {why}." if why
              else f"; it was {_eci(found['first_eci'])} in {found['first_year']}.")
    text = (f"{possessive(lesson.name, start=True)} Economic Complexity Index (the Growth "
            f"Lab's published HS 1992 ECI) was {_eci(found['eci'])} in {found['year']}"
            f"{rank}{peers}{before}")
    return KeyMessage(text, "eci", {"eci": found["eci"], "year": found["year"],
                                    "rank": found["rank"], "peer_median": median.value,
                                    "first_eci": found["first_eci"],
                                    "first_year": found["first_year"]})
