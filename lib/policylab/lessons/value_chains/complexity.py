"""Section 3: the Growth Lab's PUBLISHED Economic Complexity Index and rank, over time,
against the region and peers, and against what income predicts (never recomputed here;
the figures come from ``metrics.value_chains_eci``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import scatter_compare
from policylab.charts.median_line import add_median_line
from policylab.charts.template import describe
from policylab.evidence import peer_median
from policylab.evidence.breaks import withheld
from policylab.evidence.medians import median_of
from policylab.evidence.verdicts import scatter_definition
from policylab.i18n import N_, _, pgettext
from policylab.lessons.common import Lesson
from policylab.lessons.common.region import region_members
from policylab.lessons.value_chains import trends
from policylab.metrics.country_panels import year_values
from policylab.metrics.eci_income import eci_income_fit, eci_years
from policylab.metrics.value_chains_eci import eci_standing, income_evidence
from policylab.narrative import KeyMessage
from policylab.narrative.cells import short_why
from policylab.narrative.format import ordinal
from policylab.text import format_value, signed

#: The axis label of the published index.
Y_LABEL = N_("Economic Complexity Index (published)")

#: The rule behind "more (or less) complex than its income predicts", for the method box.
FIT_RULE = N_(
    "**When is a country more or less complex than its income predicts?** The line is a "
    "least-squares fit of the published ECI on the logarithm of GDP per capita over every "
    "ranked economy in the ECI's latest year. The *typical scatter* is {scatter} (in ECI "
    "points): a robust measure that a few far-off economies do not inflate, as the standard "
    "deviation would. A verdict is given only when both are clear: the line rises (or "
    "falls) across the middle 90% of "
    "incomes by more than the typical scatter, and the country lies farther from the line "
    "than the typical scatter. Otherwise the page says the evidence is inconclusive, and "
    "why.")


def fit_rule_text() -> str:
    """The method box's rule (``FIT_RULE``) in the current language."""
    return _(FIT_RULE).format(scatter=scatter_definition())


def _eci(value: float) -> str:
    return format_value(value, decimals=2)


def published_eci(lesson: Lesson) -> tuple[dict | None, str]:
    """The country's published ECI (``eci_standing``) and why its change since the first
    year may not be stated ("" when it may, or with a single year); (None, "") without one."""
    found = eci_standing(lesson.ds, lesson.country, lesson.end_year)
    if found is None:
        return None, ""
    if found["first_year"] == found["year"]:
        return found, ""
    return found, withheld(lesson.ds, "eci", lesson.country, found["first_year"], found["year"])


def eci_source(lesson: Lesson, *more: str) -> str:
    return lesson.source("eci", "eci_rank", *more,
                         note=_("Published HS 1992 ECI and rank, not recomputed here."))


def _no_eci(lesson: Lesson, section: str) -> None:
    lesson.skip(section, _(
        "The Growth Lab does not rank {country} (it ranks about 145 economies with reliable "
        "trade data, population of at least 1 million and exports of at least US$ 1 "
        "billion).").format(country=lesson.name))


#: The ECI over the years, by what may be said of its change (:func:`_change_state`).
TREND_TITLES = {
    "moved": N_("{country.Possessive} Economic Complexity Index went from {first} in "
                "{first_year} to {eci} in {year}{ranked}"),
    "one": N_("{country.Possessive} Economic Complexity Index was {eci} in {year}{ranked}"),
    "withheld": N_("{country.Possessive} Economic Complexity Index was {eci} in "
                   "{year}{ranked}; the change since {first_year} is not stated: {why}")}
MESSAGES = {
    "moved": N_("{country.Possessive} Economic Complexity Index (the Growth Lab's published "
                "HS 1992 ECI) was {eci} in {year}{rank}{peers}; it was {first} in "
                "{first_year}."),
    "one": N_("{country.Possessive} Economic Complexity Index (the Growth Lab's published "
              "HS 1992 ECI) was {eci} in {year}{rank}{peers}."),
    "withheld": N_("{country.Possessive} Economic Complexity Index (the Growth Lab's "
                   "published HS 1992 ECI) was {eci} in {year}{rank}{peers}; the change "
                   "since {first_year} is not stated: {why}.")}
#: By :func:`income_verdict`: "more", "less", None when inconclusive.
INCOME_TITLES = {
    "more": N_("{country.Possessive} exports were more complex than its income predicts in "
               "{year} (ECI {eci} against {expected} expected)"),
    "less": N_("{country.Possessive} exports were less complex than its income predicts in "
               "{year} (ECI {eci} against {expected} expected)"),
    None: N_("Whether {country.possessive} exports are more or less complex than its income "
             "predicts is inconclusive in {year} (ECI {eci} against {expected} expected): "
             "{why}")}


def _change_state(found: dict, why: str) -> str:
    """"one" (a single year), "withheld" (``published_eci``'s ``why``) or "moved"."""
    return "one" if found["first_year"] == found["year"] else "withheld" if why else "moved"


def _verdict(lesson: Lesson, templates: dict, key, **fields: object) -> str:
    """``templates[key]`` in the language, filled with the country and ``fields``."""
    return _(templates[key]).format(country=lesson.name, **fields)


def eci_trend_chart(lesson: Lesson) -> go.Figure | None:
    """The published ECI from its first year: the country, peers and income group."""
    (found, why), span = published_eci(lesson), eci_years(lesson.ds)
    if found is None or span is None:
        _no_eci(lesson, _("Economic complexity over time"))
        return None
    ranked = (_(", ranked {rank} of {ranked} in {year}").format(
        rank=ordinal(found["rank"]), ranked=found["ranked"], year=found["year"])
        if found["rank"] else "")
    title = _verdict(lesson, TREND_TITLES, _change_state(found, why),
                     first=_eci(found["first_eci"]), first_year=found["first_year"],
                     eci=_eci(found["eci"]), year=found["year"], ranked=ranked,
                     why=short_why(why))
    return trends.trend_chart(lesson, trends.panel(lesson, "eci", (span[0], lesson.end_year)),
                              section=_("Economic complexity over time"), label=_(Y_LABEL),
                              unit=pgettext("unit", "index"), source=eci_source(lesson),
                              indicators=("eci",), title=title)


def eci_ranking_chart(lesson: Lesson) -> go.Figure | None:
    """The latest published ECI of the region's countries and the peers."""
    found = published_eci(lesson)[0]
    if found is None:
        _no_eci(lesson, _("Economic Complexity Index"))
        return None
    values = year_values(lesson.ds, "eci", found["year"])
    fields = {"country": lesson.name, "rank": ordinal(found["rank"]) if found["rank"] else "",
              "ranked": found["ranked"], "year": found["year"], "eci": _eci(found["eci"])}
    title = (_("{country} ranked {rank} of {ranked} economies on economic "
               "complexity in {year} (ECI {eci})") if found["rank"] else
             _("{country} one of {ranked} economies ranked on economic complexity "
               "in {year} (ECI {eci})")).format(**fields)
    fig = trends.region_bars(lesson, values, title=title,
                             unit=pgettext("unit", "index"), source=eci_source(lesson),
                             x_label=_(Y_LABEL))
    median = median_of(values.reindex(region_members(lesson)), lesson.region)
    if median.ok:
        add_median_line(fig, median.value, _("Median of {region}").format(region=lesson.region))
    return fig


def income_verdict(frame: pd.DataFrame, country: str) -> tuple[str | None, str]:
    """("more" / "less", "") when the country is clearly more or less complex than its
    income predicts (``FIT_RULE``), else (None, why the evidence is inconclusive)."""
    evidence = income_evidence(frame, country)
    if not evidence.pattern_clear:
        return None, _("the fitted line changes by only {movement} ECI points across the "
                       "middle 90% of incomes, no more than the typical scatter of {scatter} "
                       "points around it").format(movement=_eci(abs(evidence.movement)),
                                                  scatter=_eci(evidence.scatter))
    if not evidence.distance_clear:
        return None, _("its distance from the line ({distance} ECI points) is within the "
                       "typical scatter of ±{scatter} points").format(
            distance=signed(evidence.distance, decimals=2), scatter=_eci(evidence.scatter))
    return ("more" if evidence.distance > 0 else "less"), ""


def eci_income_chart(lesson: Lesson) -> go.Figure | None:
    """Published ECI against GDP per capita, with the verdict of :func:`income_verdict`."""
    frame = eci_income_fit(lesson.ds, lesson.end_year)
    if lesson.country not in frame.index or "expected" not in frame:
        _no_eci(lesson, _("ECI and income"))
        return None
    side, why = income_verdict(frame, lesson.country)
    title = _verdict(lesson, INCOME_TITLES, side, year=frame.attrs.get("eci_year"),
                     eci=_eci(frame.at[lesson.country, "eci"]),
                     expected=_eci(frame.at[lesson.country, "expected"]), why=why)
    fig = scatter_compare(frame, "gdp_per_capita", "eci", lesson.country, lesson.peer_codes,
                          title=title,
                          x_label=_("GDP per capita"),
                          x_unit=_("current US$, log scale"),
                          y_label=_(Y_LABEL),
                          source=eci_source(lesson, "gdp_per_capita"),
                          names=lesson.names_of(frame.index), log_x=True,
                          trend="linear")
    return describe(fig, y=(_(Y_LABEL), lesson.ds.indicator("eci").unit))


def eci_message(lesson: Lesson) -> KeyMessage | None:
    found, why = published_eci(lesson)
    if found is None:
        return None
    median = peer_median(lesson.ds, "eci", lesson.peer_codes, found["year"])
    rank = (_(", {rank} of {ranked} economies ranked").format(
        rank=ordinal(found["rank"]), ranked=found["ranked"]) if found["rank"] else "")
    peers = (_(", against a peer median of {median}").format(median=_eci(median.value))
             if median.ok else "")
    text = _verdict(lesson, MESSAGES, _change_state(found, why), eci=_eci(found["eci"]),
                    year=found["year"], first=_eci(found["first_eci"]),
                    first_year=found["first_year"], why=why, rank=rank, peers=peers)
    return KeyMessage(text, "eci",
                      {"eci": found["eci"], "year": found["year"],
                       "rank": found["rank"], "peer_median": median.value,
                       "first_eci": found["first_eci"],
                       "first_year": found["first_year"]})
