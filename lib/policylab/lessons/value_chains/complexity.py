"""Section 3: the Growth Lab's PUBLISHED Economic Complexity Index and rank, over time,
against the region and peers, and against what income predicts (never recomputed here)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare, line_compare, scatter_compare
from policylab.evidence import peer_median
from policylab.evidence.medians import median_of
from policylab.evidence.verdicts import FitEvidence, typical_scatter
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains.trends import (
    income_median,
    mark_country_breaks,
    members,
    panel,
    short_why,
    withheld_change,
)
from policylab.metrics.eci_income import eci_income_fit, eci_years
from policylab.narrative import KeyMessage
from policylab.narrative.format import ordinal
from policylab.text import format_value, possessive

#: Bars drawn in the cross-country rankings besides the focus country and its peers.
RANKING_LIMIT = 15
#: The income range over which the fitted line's rise is measured: between these
#: percentiles of the economies' GDP per capita (so that a few extremes do not stretch it).
INCOME_RANGE = (0.05, 0.95)

#: The rule behind "more (or less) complex than its income predicts", for the method box.
FIT_RULE_TEXT = (
    "**When is a country more or less complex than its income predicts?** The line is a "
    "least-squares fit of the published ECI on the logarithm of GDP per capita over every "
    "ranked economy in the ECI's latest year. The *typical scatter* is the standard "
    "deviation of the economies' distances from the line (in ECI points). A verdict is "
    "given only when both are clear: the line rises (or falls) across the middle 90% of "
    "incomes by more than the typical scatter, and the country lies farther from the line "
    "than the typical scatter. Otherwise the page says the evidence is inconclusive, and "
    "why.")


def _eci_change_why(lesson: Lesson, standing: dict) -> str:
    """"" when the ECI's change since its first year may be stated, else why not."""
    if standing["first_year"] == standing["year"]:
        return "only one year"
    return withheld_change(lesson, ("eci",), standing["first_year"], standing["year"])


def eci_source(lesson: Lesson, *more: str) -> str:
    return lesson.source("eci", "eci_rank", *more,
                         note="Published HS 1992 ECI and rank, not recomputed here.")


def eci_standing(lesson: Lesson) -> dict | None:
    """The latest published ECI and rank: ``eci, year, rank, ranked`` (economies ranked
    that year), ``first_year, first_eci``; None without."""
    own = lesson.ds.latest("eci", lesson.country, max_year=lesson.end_year)
    if own.year is None:
        return None
    rank = lesson.ds.series("eci_rank", lesson.country, [own.year]).dropna(subset=["value"])
    same_year = lesson.ds.series("eci", None, [own.year]).dropna(subset=["value"])
    history = lesson.ds.series("eci", lesson.country).dropna(subset=["value"])
    return {"eci": float(own.value), "year": int(own.year),
            "rank": int(rank["value"].iloc[0]) if len(rank) else None,
            "ranked": int(same_year["iso3"].nunique()),
            "first_year": int(history["year"].iloc[0]),
            "first_eci": float(history["value"].iloc[0])}


def _no_eci(lesson: Lesson, section: str) -> None:
    lesson.skip(section, f"The Growth Lab does not rank {lesson.name} (it ranks about 145 "
                         "economies with reliable trade data, population of at least 1 "
                         "million and exports of at least US$ 1 billion).")


def _eci(value: float) -> str:
    return format_value(value, decimals=2)


def eci_trend_chart(lesson: Lesson) -> go.Figure | None:
    """The published ECI from its first year: the country, peers and income group."""
    standing, span = eci_standing(lesson), eci_years(lesson.ds)
    if standing is None or span is None:
        _no_eci(lesson, "Economic complexity over time")
        return None
    wide = panel(lesson, "eci", (span[0], lesson.end_year))
    rank = (f", ranked {ordinal(standing['rank'])} of {standing['ranked']} in "
            f"{standing['year']}" if standing["rank"] else "")
    why = _eci_change_why(lesson, standing)
    if why:
        title = (f"{possessive(lesson.name, start=True)} Economic Complexity Index was "
                 f"{_eci(standing['eci'])} in {standing['year']}{rank}"
                 + ("" if why == "only one year" else
                    f"; the change since {standing['first_year']} is not stated: "
                    f"{short_why(why)}"))
    else:
        title = (f"{possessive(lesson.name, start=True)} Economic Complexity Index went from "
                 f"{_eci(standing['first_eci'])} in {standing['first_year']} "
                 f"to {_eci(standing['eci'])} in {standing['year']}{rank}")
    shown = wide.reindex(columns=[c for c in lesson.codes if c in wide.columns])
    fig = line_compare(shown, lesson.country, lesson.peer_codes, income_median(lesson, wide),
                       title=title, unit="index", source=eci_source(lesson),
                       names=lesson.names, y_label="Economic Complexity Index (published)",
                       group_label=f"Median of {lesson.income_group} countries")
    mark_country_breaks(fig, lesson, ("eci",))
    return fig


def eci_ranking_chart(lesson: Lesson) -> go.Figure | None:
    """The latest published ECI of the region's countries and the peers."""
    standing = eci_standing(lesson)
    if standing is None:
        _no_eci(lesson, "Economic Complexity Index")
        return None
    values = lesson.ds.series("eci", None, [standing["year"]]).dropna(subset=["value"])
    values = values.set_index("iso3")["value"]
    region = members(lesson, "region")
    shown = values.reindex(list(dict.fromkeys([*region, *lesson.codes]))).dropna()
    rank = (f"ranked {ordinal(standing['rank'])} of {standing['ranked']} economies"
            if standing["rank"] else f"one of {standing['ranked']} economies ranked")
    title = (f"{lesson.name} {rank} on economic complexity in {standing['year']} "
             f"(ECI {_eci(standing['eci'])})")
    fig = bar_compare(shown, lesson.country, lesson.peer_codes, title=title, unit="index",
                      source=eci_source(lesson),
                      names={c: lesson.ds.name(c) for c in shown.index},
                      x_label="Economic Complexity Index (published)", limit=RANKING_LIMIT)
    median = median_of(values.reindex(region), lesson.region)
    if median.ok:
        fig.add_vline(x=median.value, line_dash="dash", line_color="#333333",
                      annotation_text=f"Median of {lesson.region}",
                      annotation_position="bottom right")
    return fig


def income_fit_quality(frame: pd.DataFrame) -> dict[str, float]:
    """How clear the fitted pattern of ECI on income is: ``rise`` (the fitted ECI at the
    95th percentile of income minus that at the 5th, ``INCOME_RANGE``) and ``scatter`` (the
    typical scatter of the economies' distances from the line, ``evidence.verdicts``)."""
    residuals = frame["eci"] - frame["expected"]
    ends = frame["gdp_per_capita"].quantile(list(INCOME_RANGE))
    slope = np.polyfit(np.log10(frame["gdp_per_capita"]), frame["expected"], 1)[0]
    rise = float(slope * (np.log10(ends.iloc[1]) - np.log10(ends.iloc[0])))
    return {"rise": rise, "scatter": typical_scatter(residuals.tolist())}


def income_verdict(frame: pd.DataFrame, country: str) -> tuple[str | None, str]:
    """("more" / "less", "") when the country is clearly more or less complex than its
    income predicts (``FIT_RULE_TEXT``), else (None, why the evidence is inconclusive)."""
    quality = income_fit_quality(frame)
    own, expected = frame.at[country, "eci"], frame.at[country, "expected"]
    distance, scatter = float(own - expected), quality["scatter"]
    evidence = FitEvidence(quality["rise"], scatter, distance)
    if not evidence.pattern_clear:
        return None, (f"the fitted line changes by only {_eci(abs(quality['rise']))} ECI "
                      "points across the middle 90% of incomes, no more than the typical "
                      f"scatter of {_eci(scatter)} points around it")
    if not evidence.distance_clear:
        return None, (f"its distance from the line ({_signed_eci(distance)} ECI points) is "
                      f"within the typical scatter of ±{_eci(scatter)} points")
    return ("more" if distance > 0 else "less"), ""


def _signed_eci(value: float) -> str:
    text = _eci(abs(value))
    return f"+{text}" if value >= 0 else f"−{text}"


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
    if side:
        title = (f"{possessive(lesson.name, start=True)} exports were {side} complex than its "
                 f"income predicts in {year} (ECI {_eci(own)} against {_eci(expected)} "
                 "expected)")
    else:
        title = (f"Whether {possessive(lesson.name)} exports are more or less complex than its "
                 f"income predicts is inconclusive in {year} (ECI {_eci(own)} against "
                 f"{_eci(expected)} expected): {why}")
    return scatter_compare(frame, "gdp_per_capita", "eci", lesson.country, lesson.peer_codes,
                           title=title, x_label="GDP per capita",
                           x_unit="current US$, log scale",
                           y_label="Economic Complexity Index (published)",
                           source=eci_source(lesson, "gdp_per_capita"),
                           names={c: lesson.ds.name(c) for c in frame.index}, log_x=True,
                           trend="linear")


def eci_message(lesson: Lesson) -> KeyMessage | None:
    standing = eci_standing(lesson)
    if standing is None:
        return None
    median = peer_median(lesson.ds, "eci", lesson.peer_codes, standing["year"])
    peers = f", against a peer median of {_eci(median.value)}" if median.ok else ""
    rank = (f", {ordinal(standing['rank'])} of {standing['ranked']} economies ranked"
            if standing["rank"] else "")
    why = _eci_change_why(lesson, standing)
    before = ("." if why == "only one year" else
              f"; the change since {standing['first_year']} is not stated: {why}." if why
              else f"; it was {_eci(standing['first_eci'])} in {standing['first_year']}.")
    text = (f"{possessive(lesson.name, start=True)} Economic Complexity Index (the Growth "
            f"Lab's published HS 1992 ECI) was {_eci(standing['eci'])} in {standing['year']}"
            f"{rank}{peers}{before}")
    return KeyMessage(text, "eci", {"eci": standing["eci"], "year": standing["year"],
                                    "rank": standing["rank"], "peer_median": median.value,
                                    "first_eci": standing["first_eci"],
                                    "first_year": standing["first_year"]})
