"""Sections 7-8: the SDG 9 panel and women and men in industry.

SDG 9 indicators held by the pack (``SDG9``; 9.4.1's industry figure is a proxy) and
9.2.2's nearest figure, industry's share of employment. Each figure (``metrics.profile_sdg9``):
the latest value with its year, its change since the start year (or the first year after it
with data), and the medians of peers and income group over the latest values in the recency
window up to the country's year, by the evidence layer's rule (``evidence.MIN_COUNT``
countries, DESIGN §10). This module words them.
"""

from __future__ import annotations

import math

import pandas as pd

from policylab.evidence import MIN_COUNT
from policylab.evidence.breaks import withheld
from policylab.lessons.common import Lesson
from policylab.metrics import profile_sdg9
from policylab.metrics.profile_sdg9 import EMPLOYMENT, EMPLOYMENT_PARTS, WINDOW_YEARS, Figure
from policylab.narrative import fmt_number, fmt_quantity
from policylab.results import Headline
from policylab.text import MINUS, join_list, sentence_start

#: The panel's rows: SDG indicator number and pack indicator id.
SDG9 = (("9.2.1", "mva_share_gdp"), ("9.2.1", "mva_per_capita_const"),
        ("9.4.1", "co2_per_gdp"), ("9.4.1", "co2_industry_per_mva"),
        ("9.5.1", "rd_share_gdp"), ("9.5.2", "researchers_per_million"),
        ("9.b.1", "mht_share_mva"))
#: Figures that go into the results file's headline (pack ids only, DESIGN §9).
HEADLINE_IDS = tuple(i for _, i in SDG9)
GENDER = ("empl_industry_female", "empl_industry_male", "firms_female_top_manager",
          "firms_female_ownership")
PROXY_NOTE = ("a proxy for the UN definition, which counts manufacturing's fuel combustion "
              "only; here fuel burnt in all industry plus industrial processes (EDGAR), per "
              "constant 2015 US$ of MVA")
#: Names inside sentences.
SHORT = {"mva_share_gdp": "MVA share of GDP", "mva_per_capita_const": "MVA per person",
         "co2_per_gdp": "CO2 per unit of GDP", "co2_industry_per_mva": "industry's CO2 per "
         "unit of MVA", "rd_share_gdp": "R&D spending", "researchers_per_million":
         "researchers per million people", "mht_share_mva": "medium and high-tech share of MVA"}
#: The publisher series behind the panel (source lines), and every id this module reads.
PANEL_SOURCES = ("mva_share_gdp", "mva_const_usd", "population", "co2_per_gdp",
                 "co2_industry_combustion_mt", "co2_industry_processes_mt", "rd_share_gdp",
                 "researchers_per_million", "mht_share_mva", *EMPLOYMENT_PARTS)
SOURCE_IDS = (*PANEL_SOURCES, *GENDER[2:])


# --------------------------------------------------------------------- data
def figure(lesson: Lesson, indicator: str, target: str = "") -> Figure:
    """The country's figure for ``indicator`` against its peers and income group."""
    return profile_sdg9.figure(lesson.ds, indicator, lesson.country, lesson.peer_codes,
                               lesson.years, target)


def panel(lesson: Lesson) -> list[Figure]:
    """The SDG 9 figures, with 9.2.2's nearest figure last."""
    return [*(figure(lesson, i, t) for t, i in SDG9), figure(lesson, EMPLOYMENT, "9.2.2")]


def gender(lesson: Lesson) -> list[Figure]:
    """Industry's share of employed women and of employed men; firms with a female top
    manager and with female ownership (Enterprise Surveys)."""
    return [figure(lesson, i) for i in GENDER]


# --------------------------------------------------------------------- words
def method_note() -> str:
    """The panel's method box, with the rules' parameters from the code."""
    return ("> **Method box — the SDG 9 panel.** Each row is the latest value up to the "
            "lesson's last year, with its year; the change runs from the first year with data "
            "from the start year on. A median is over the latest values in the "
            f"{WINDOW_YEARS} years up to the country's own year and is shown only when at "
            f"least {MIN_COUNT} countries report (n = how many); the income-group median "
            "includes the country itself. A median that reaches back before the recency "
            "window carries its years.")


def _median_cell(lesson: Lesson, fig: Figure, kind: str) -> str:
    """The ``kind`` ("peer" or "group") median with its count, and its years when dated."""
    median, n, first = (getattr(fig, f"{kind}_{part}") for part in ("median", "n", "first"))
    if n == 0:
        return "no data"
    if math.isnan(median):
        return f"only {n} report{'s' if n == 1 else ''}"
    count = f"n = {n}"
    if not lesson.ds.is_current(first):
        count += f", {first}\u2013{fig.year}" if first != fig.year else f", {first}"
    return f"{fmt_number(median, fig.unit)} ({count})"


def change_withheld(lesson: Lesson, fig: Figure) -> str | None:
    """Why ``fig``'s change may not be read (a likely series break, outlier or erratic
    series in it or, for 9.2.2's nearest figure, in one of its parts), or None."""
    if math.isnan(fig.change):
        return None
    parts = EMPLOYMENT_PARTS if fig.indicator == EMPLOYMENT else fig.indicator
    reason = withheld(lesson.ds, parts, lesson.country, fig.start_year, fig.year)
    reason = reason.split(" for a change to be read")[0]  # erratic: without the pointer
    return reason.replace(" (a new level from that year, e.g. a rebasing)", "") or None


def _change(fig: Figure, reason: str | None = None) -> str:
    if fig.repeated_since is not None:
        return f"same value every year since {fig.repeated_since}"
    if math.isnan(fig.change):
        return "–"
    if reason is not None:
        return f"not read since {fig.start_year} ({reason})"
    points = "%" in fig.unit
    text = fmt_number(abs(fig.change), "" if points else fig.unit)
    if text == "0" or text.endswith(" 0"):
        return f"no change since {fig.start_year}"
    sign = "+" if fig.change > 0 else MINUS
    return f"{sign}{text}{' points' if points else ''} since {fig.start_year}"


def table(lesson: Lesson, figures: list[Figure]) -> pd.DataFrame:
    """The figures as a table of words: latest with its year, change, and the medians."""
    out = []
    for fig in figures:
        label = f"{fig.target} {fig.label}".strip() + f" ({fig.unit})"
        if fig.indicator == "co2_industry_per_mva":
            label += " (proxy, see note)"
        latest = "no data" if fig.year is None else fmt_number(fig.value, fig.unit)
        if fig.indicator.startswith("firms_") and fig.years_with_data:
            latest += f"; surveys {', '.join(map(str, fig.years_with_data))}"
        out.append({"Indicator": label, lesson.name: latest, "Year": fig.year,
                    "Change": _change(fig, change_withheld(lesson, fig)),
                    "Peer median": _median_cell(lesson, fig, "peer"),
                    f"{lesson.income_group} median": _median_cell(lesson, fig, "group")})
    frame = pd.DataFrame(out)
    frame["Year"] = frame["Year"].astype("Int64")
    return frame.set_index("Indicator")


def panel_text(lesson: Lesson, figures: list[Figure]) -> str:
    """Which figures stand above and below the peer median, which lack a comparison, which
    are dated, and what 9.2.2 and the 9.4.1 proxy are."""
    sdg, name = [f for f in figures if f.indicator != EMPLOYMENT], lesson.name

    def names(items: list[Figure]) -> str:
        return join_list([f"{SHORT[f.indicator]} ({f.target})" for f in items])

    dated = [f for f in sdg if f.year is not None]
    compared = [f for f in dated if not math.isnan(f.peer_median)]
    unmatched = [f for f in dated if math.isnan(f.peer_median)]
    missing = [f for f in sdg if f.year is None]
    old = [f for f in dated if not lesson.ds.is_current(f.year)]
    sides = [f"{word} on {names(items)}" for word, items in (
        ("higher", [f for f in compared if f.value > f.peer_median]),
        ("lower", [f for f in compared if f.value < f.peer_median])) if items]
    parts = [f"**{name} on SDG 9.** Of {len(sdg)} figures, {len(compared)} can be compared "
             f"with the median of {name}'s peers" + (f": {'; '.join(sides)}." if sides else ".")
             + " Higher is better for output, R&D, researchers and technology content, worse "
               "for the CO2 intensities."]
    if unmatched:
        parts.append(f"No peer median (fewer than {MIN_COUNT} peers report) for "
                     f"{names(unmatched)}.")
    if missing:
        parts.append(f"No data for {name} on {names(missing)}.")
    repeated = [f for f in sdg if f.repeated_since is not None]
    if repeated:
        parts.append("The same value repeats every year for " + ", ".join(
            f"{SHORT[f.indicator]} ({f.target}) since {f.repeated_since}" for f in repeated)
            + ": most likely an old figure carried forward by the publisher, so neither the "
            "level nor a change measures recent years.")
    if old:
        parts.append(f"Dated before {lesson.ds.recency_cutoff}: "
                     + ", ".join(f"{SHORT[f.indicator]} ({f.year})" for f in old) + ".")
    emp = next(f for f in figures if f.indicator == EMPLOYMENT)
    parts.append("**9.2.2** (manufacturing employment as a share of total employment) is not "
                 "available offline: the data hold employment in *industry* (mining, "
                 "manufacturing, utilities, construction) by sex only. The nearest figure, "
                 "industry's share of employment, is built as f·F + (1 − f)·M, with F and M the "
                 "shares of employed women and men in industry and f women's share of the labour "
                 "force, which approximates employment with the labour force"
                 + (f": {fmt_quantity(emp.value, emp.unit)} in {emp.year}."
                    if emp.year is not None else f"; no data for {name}."))
    parts.append(f"**9.4.1**: industry's CO2 per unit of MVA is {PROXY_NOTE}.")
    return "\n\n".join(parts)


def gender_text(lesson: Lesson, figures: list[Figure]) -> str:
    """Industry's share of employed women against employed men, and the firms surveyed."""
    women, men, manager, owners = figures
    name = lesson.name
    if women.year is None or men.year is None:
        jobs = f"The data pack has no employment by sex in industry for {name}."
    else:
        ratio = women.value / men.value if men.value else float("nan")
        jobs = (f"In {women.year}, {fmt_number(women.value, '%')} of employed women in {name} "
                f"worked in industry, against {fmt_number(men.value, '%')} of employed men"
                + (f" in {men.year}" if men.year != women.year else "")
                + (f" (a ratio of {fmt_number(ratio, '', 2)})" if not math.isnan(ratio) else "")
                + ". These are shares of each sex's employment, not women's share of industry "
                  "jobs.")
    firms = []
    for fig, what in ((manager, "a female top manager"), (owners, "female participation in "
                                                                  "ownership")):
        if fig.year is not None:
            firms.append(f"{fmt_number(fig.value, '%')} of firms had {what} "
                         f"(Enterprise Survey of {fig.year})")
    survey = ("; ".join(firms) + "." if firms else
              f"No World Bank Enterprise Survey in the data reports on women in {name}'s firms.")
    return f"{jobs} {sentence_start(survey)}"


# --------------------------------------------------------------------- results file
def headline_figures(lesson: Lesson) -> dict[str, Headline]:
    """The SDG 9 figures of :func:`panel` for the results file (the same numbers as the
    panel, medians only with ``MIN_COUNT`` peers), for ``common.finish(lesson, figures)``."""
    return {f.indicator: Headline(f.value, f.year, f.peer_median, f.value - f.peer_median)
            for f in panel(lesson) if f.indicator in HEADLINE_IDS}
