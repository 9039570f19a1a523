"""Sections 7-8: the SDG 9 panel (figures from ``metrics.profile_sdg9``; 9.4.1's industry
figure is a proxy, 9.2.2 has only a nearest figure) and women and men in industry."""

from __future__ import annotations

import math

import pandas as pd

from policylab.evidence import MIN_COUNT
from policylab.evidence.breaks import why_not_in_cell, withheld
from policylab.i18n import N_, _, pgettext
from policylab.lessons.common import Lesson
from policylab.metrics import profile_sdg9, profile_sdg9_summary
from policylab.metrics.profile_sdg9 import EMPLOYMENT, EMPLOYMENT_PARTS, Figure
from policylab.metrics.profile_sdg9_summary import sort_figures
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.cells import change_since_cell, median_count_cell
from policylab.results import Headline
from policylab.text import join_list, sentence_start

#: The panel's rows: SDG indicator number and pack indicator id.
SDG9 = (("9.2.1", "mva_share_gdp"), ("9.2.1", "mva_per_capita_const"),
        ("9.4.1", "co2_per_gdp"), ("9.4.1", "co2_industry_per_mva"),
        ("9.5.1", "rd_share_gdp"), ("9.5.2", "researchers_per_million"),
        ("9.b.1", "mht_share_mva"))
#: Figures that go into the results file's headline (pack ids only, DESIGN §9).
HEADLINE_IDS = tuple(i for _, i in SDG9)
GENDER = ("empl_industry_female", "empl_industry_male", "firms_female_top_manager",
          "firms_female_ownership")
PROXY_NOTE = N_("a proxy for the UN definition, which counts manufacturing's fuel combustion "
                "only; here fuel burnt in all industry plus industrial processes (EDGAR), per "
                "constant 2015 US$ of MVA")
#: Names inside sentences.
SHORT = {"mva_share_gdp": N_("MVA share of GDP"), "mva_per_capita_const": N_("MVA per person"),
         "co2_per_gdp": N_("CO2 per unit of GDP"),
         "co2_industry_per_mva": N_("industry's CO2 per unit of MVA"),
         "rd_share_gdp": N_("R&D spending"),
         "researchers_per_million": N_("researchers per million people"),
         "mht_share_mva": N_("medium and high-tech share of MVA")}
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
    """Industry's share of employed women and men; firms with female managers and owners."""
    return [figure(lesson, i) for i in GENDER]


# --------------------------------------------------------------------- words
#: The panel's method box, stated with its rules.
method_note = profile_sdg9_summary.method_note


def change_withheld(lesson: Lesson, fig: Figure) -> str | None:
    """Why ``fig``'s change (for 9.2.2's nearest figure, of any of its parts) may not be
    read, or None."""
    if math.isnan(fig.change):
        return None
    parts = EMPLOYMENT_PARTS if fig.indicator == EMPLOYMENT else fig.indicator
    return withheld(lesson.ds, parts, lesson.country, fig.start_year, fig.year,
                    words=why_not_in_cell) or None


def table(lesson: Lesson, figures: list[Figure]) -> pd.DataFrame:
    """The figures as a table of words: latest with its year, change, and the medians."""
    out = []
    head = {"indicator": pgettext("table header", "Indicator"),
            "year": pgettext("table header", "Year"), "change": pgettext("table header", "Change"),
            "peer": pgettext("table header", "Peer median"),
            "group": _("{group} median").format(group=lesson.income_group)}
    for fig in figures:
        label = f"{fig.target} {fig.label}".strip() + f" ({fig.unit})"
        if fig.indicator == "co2_industry_per_mva":
            label = _("{label} (proxy, see note)").format(label=label)
        latest = _("no data") if fig.year is None else fmt_number(fig.value, fig.unit)
        if fig.indicator.startswith("firms_") and fig.years_with_data:
            latest = _("{value}; surveys {years}").format(
                value=latest, years=", ".join(map(str, fig.years_with_data)))
        medians = {head[k]: median_count_cell(lesson.ds, getattr(fig, f"{k}_median"),
                                        getattr(fig, f"{k}_n"), getattr(fig, f"{k}_first"),
                                        fig.year, fig.unit) for k in ("peer", "group")}
        out.append({head["indicator"]: label, lesson.name: latest, head["year"]: fig.year,
                    head["change"]: change_since_cell(fig.change, fig.unit, fig.start_year,
                                                fig.repeated_since, change_withheld(lesson, fig)),
                    **medians})
    frame = pd.DataFrame(out)
    frame[head["year"]] = frame[head["year"]].astype("Int64")
    return frame.set_index(head["indicator"])


def panel_text(lesson: Lesson, figures: list[Figure]) -> str:
    """Which figures stand above and below the peer median, which lack a comparison, which
    are dated, and what 9.2.2 and the 9.4.1 proxy are."""
    group, name = sort_figures(figures, lesson.ds.is_current), lesson.name

    def names(items: list[Figure]) -> str:
        return join_list([f"{_(SHORT[f.indicator])} ({f.target})" for f in items])

    sides = [word.format(figures=names(group[side])) for word, side in (
        (_("higher on {figures}"), "higher"), (_("lower on {figures}"), "lower")) if group[side]]
    fields = {"country": name, "n": len(group["all"]), "compared": len(group["compared"])}
    parts = [(_("**{country} on SDG 9.** Of the {n} figures in the table, {compared} can be "
                "compared with the median of {country.possessive} peers: {sides}. Higher is "
                "better for output, R&D, researchers and technology content, worse for the CO2 "
                "intensities.") if sides
              else _("**{country} on SDG 9.** Of the {n} figures in the table, {compared} can "
                     "be compared with the median of {country.possessive} peers. Higher is "
                     "better for output, R&D, researchers and technology content, worse for the "
                     "CO2 intensities."))
             .format(sides=pgettext("between list items", "; ").join(sides), **fields)]
    if group["approximated"]:
        parts.append(_("The nearest figure for 9.2.2 is not counted here: it only "
                       "approximates the indicator (see below)."))
    if group["unmatched"]:
        parts.append(_("No peer median (fewer than {n} peers report) for {figures}.").format(
            n=MIN_COUNT, figures=names(group["unmatched"])))
    if group["missing"]:
        parts.append(_("No data for {country} on {figures}.").format(
            country=name, figures=names(group["missing"])))
    if group["repeated"]:
        parts.append(_("The same value repeats every year for {figures}: most likely an old "
                       "figure carried forward by the publisher, so neither the level nor a "
                       "change measures recent years. The table gives the year it was "
                       "measured, and its medians are of the figures up to that "
                       "year.").format(figures=", ".join(
            _("{figure} ({target}) since {year}").format(
                figure=_(SHORT[f.indicator]), target=f.target, year=f.repeated_since)
            for f in group["repeated"])))
    if group["old"]:
        parts.append(_("Dated before {year}: {figures}.").format(
            year=lesson.ds.recency_cutoff,
            figures=", ".join(f"{_(SHORT[f.indicator])} ({f.year})" for f in group["old"])))
    parts.append(_employment_text(lesson, next(f for f in figures if f.indicator == EMPLOYMENT)))
    parts.append(_("**9.4.1**: industry's CO2 per unit of MVA is {note}.").format(
        note=_(PROXY_NOTE)))
    return "\n\n".join(parts)


def _employment_text(lesson: Lesson, emp: Figure) -> str:
    """What 9.2.2 is, why it is approximated here, and the nearest figure."""
    if emp.year is None:
        return _("**9.2.2** (manufacturing employment as a share of total employment) is not "
                 "available offline: the data hold employment in *industry* (mining, "
                 "manufacturing, utilities, construction) by sex only. The nearest figure, "
                 "industry's share of employment, is built as f·F + (1 − f)·M, with F and M the "
                 "shares of employed women and men in industry and f women's share of the "
                 "labour force, which approximates employment with the labour force; no data "
                 "for {country}.").format(country=lesson.name)
    return _("**9.2.2** (manufacturing employment as a share of total employment) is not "
             "available offline: the data hold employment in *industry* (mining, "
             "manufacturing, utilities, construction) by sex only. The nearest figure, "
             "industry's share of employment, is built as f·F + (1 − f)·M, with F and M the "
             "shares of employed women and men in industry and f women's share of the labour "
             "force, which approximates employment with the labour force: {value} in "
             "{year}.").format(value=fmt_quantity(emp.value, emp.unit), year=emp.year)


def gender_text(lesson: Lesson, figures: list[Figure]) -> str:
    """Industry's share of employed women against employed men, and the firms surveyed."""
    women, men, manager, owners = figures
    name = lesson.name
    if women.year is None or men.year is None:
        jobs = _("The data pack has no employment by sex in industry for {country}.").format(
            country=name)
    else:
        ratio = women.value / men.value if men.value else float("nan")
        jobs = (_("In {year}, {women} of employed women in {country} worked in industry, "
                  "against {men} of employed men") if men.year == women.year else
                _("In {year}, {women} of employed women in {country} worked in industry, "
                  "against {men} of employed men in {men_year}")).format(
            year=women.year, women=fmt_number(women.value, "%"), country=name,
            men=fmt_number(men.value, "%"), men_year=men.year)
        if not math.isnan(ratio):
            jobs = _("{sentence} (a ratio of {ratio})").format(
                sentence=jobs, ratio=fmt_number(ratio, "", 2))
        jobs = _("{sentence}. These are shares of each sex's employment, not women's share of "
                 "industry jobs.").format(sentence=jobs)
    firms = []
    for fig, template in (
            (manager, _("{share} of firms had a female top manager (Enterprise Survey of "
                        "{year})")),
            (owners, _("{share} of firms had female participation in ownership (Enterprise "
                       "Survey of {year})"))):
        if fig.year is not None:
            firms.append(template.format(share=fmt_number(fig.value, "%"), year=fig.year))
    survey = (pgettext("between list items", "; ").join(firms) + "." if firms else
              _("No World Bank Enterprise Survey in the data reports on women in "
                "{country.possessive} firms.").format(country=name))
    return f"{jobs} {sentence_start(survey)}"


# --------------------------------------------------------------------- results file
def headline_figures(lesson: Lesson) -> dict[str, Headline]:
    """The SDG 9 figures of :func:`panel` for the results file (``common.finish``)."""
    return {f.indicator: Headline(f.value, f.year, f.peer_median, f.value - f.peer_median)
            for f in panel(lesson) if f.indicator in HEADLINE_IDS}
