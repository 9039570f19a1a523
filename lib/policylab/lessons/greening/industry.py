"""Section 3: how much of the CO2 comes from industry (EDGAR's industrial combustion and
processes), with the power industry beside it; cement (an older source); industry's CO2
per unit of manufacturing value added."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from policylab.charts import line_compare, title_with_subtitle
from policylab.charts.parts_area import parts_area
from policylab.i18n import N_, _
from policylab.lessons.context import Lesson
from policylab.lessons.greening import base
from policylab.lessons.greening.base import series, source, trend
from policylab.metrics import emissions
from policylab.metrics.greening_figures import cement_share_panel
from policylab.narrative import KeyMessage, fmt_number, missing_message
from policylab.narrative.changes import against_first, tonnes
from policylab.narrative.coverage import older_source_label

#: The sources of CO2 in the stacked chart, in stacking order, and the rest of the total.
CO2_PARTS = {"co2_industry_processes_mt": N_("Industrial processes"),
             "co2_industry_combustion_mt": N_("Fuel burnt in industry"),
             "co2_power_mt": N_("Power industry (electricity and heat)"),
             emissions.REST: N_("Rest of the economy (transport, buildings, other)")}
#: Industry's share of CO2 emissions over time, against peers and group.
industry_share_chart = trend("co2_industry_share")
#: Industry's own CO2 per unit of manufacturing value added (constant prices; a proxy for
#: SDG indicator 9.4.1), against peers and group.
mva_intensity_chart = trend("co2_industry_per_mva")


def industry_emissions_chart(lesson: Lesson) -> go.Figure | None:
    """Stacked CO2 by source; industry's and the power sector's shares in the title."""
    frame = emissions.sector_split(lesson.ds, lesson.country, lesson.years)
    share = series(lesson, "co2_industry_share")
    if frame.empty or share.empty:
        base.skip_missing(lesson, _("CO2 from industry"), [*emissions.SECTOR_PARTS, "co2_mt"],
                          _("Industry's and total CO2 emissions are never known in the same "
                            "year."))
        return None
    subtitle = _("CO2 by source, million tonnes; industry = fuel burnt in industry + "
                 "industrial processes; the power industry is shown beside it")
    parts = {key: _(label) for key, label in CO2_PARTS.items()}
    fig = parts_area(frame.rename(columns=parts), _(CO2_PARTS[emissions.REST]),
                     tickformat=",~g",
                     title=title_with_subtitle(industry_finding(lesson, share), subtitle),
                     unit=_("million tonnes CO2"), indicator=_("CO2 emissions by sector"),
                     source=source(lesson, *emissions.SECTOR_PARTS, "co2_mt",
                                   note=_("Rest of the economy = total CO2 minus the three "
                                          "parts.")))
    return base.marked(lesson, fig, "co2_mt")


def industry_finding(lesson: Lesson, share) -> str:
    """The stacked chart's title: industry's share of CO2, then and now, and power's."""
    y1 = int(share.index[-1])
    industry, power = emissions.sector_shares(lesson.ds, lesson.country, y1)
    finding = _("Industry's own CO2 was {share} of {country.possessive} CO2 emissions in "
                "{year}").format(share=fmt_number(industry, "%"), country=lesson.name, year=y1)
    finding = against_first(lesson.ds, lesson.country, finding, share, ("co2_industry_share",))
    if not math.isnan(power):
        finding = _("{finding}; power plants emitted another {share}").format(
            finding=finding, share=fmt_number(power, "%"))
    return finding


def industry_message(lesson: Lesson) -> KeyMessage:
    """Industry's share of CO2 in the latest year, its tonnes, and the power industry's
    share beside it."""
    share = series(lesson, "co2_industry_share")
    if share.empty:
        return missing_message(lesson.ds, "co2_industry_share", lesson.country)
    year = int(share.index[-1])
    industry, power = emissions.sector_shares(lesson.ds, lesson.country, year)
    mt = float(series(lesson, "co2_industry_mt").get(year, float("nan")))
    values = {"share": industry, "year": year, "industry_mt": mt, "power_share": power}
    fields = {"share": fmt_number(industry, "%"), "country": lesson.name, "year": year}
    if math.isnan(mt):
        text = _("Industry (fuel burnt in industry and industrial processes) emitted {share} of "
                 "{country.possessive} CO2 in {year}").format(**fields)
    else:
        text = _("Industry (fuel burnt in industry and industrial processes) emitted {share} of "
                 "{country.possessive} CO2 in {year}, {tonnes}").format(tonnes=tonnes(mt),
                                                                       **fields)
    if not math.isnan(power):
        text = _("{text}; the power industry, whose electricity factories also use, emitted "
                 "another {share}").format(text=text, share=fmt_number(power, "%"))
    return KeyMessage(text + ".", "co2_industry_share", values)


def cement_share_chart(lesson: Lesson) -> go.Figure | None:
    """Cement's share of CO2 emissions (%) for the country, its peers and its income
    group's median: process emissions that cleaner energy alone does not remove."""
    table = cement_share_panel(lesson.ds, lesson.codes, lesson.years)
    if lesson.country not in table:
        missing = "cement_co2_mt" if series(lesson, "cement_co2_mt").empty else "co2_mt"
        lesson.skip(_("CO2 from cement"), base.no_data_reason(lesson, missing))
        return None
    own = table[lesson.country].dropna()
    median = emissions.cement_share_medians(lesson.ds, lesson.income_group).loc[
        lesson.start_year:lesson.end_year]
    finding = _("Cement made up {share} of {country.possessive} CO2 emissions in {year}").format(
        share=fmt_number(own.iloc[-1], "%"), country=lesson.name,
        year=int(own.index[-1]))
    finding = against_first(lesson.ds, lesson.country, finding, own, ("cement_co2_mt", "co2_mt"))
    subtitle = _("CO2 from cement clinker as a share of all CO2 emissions; {older_source}, "
                 "EDGAR has no cement series").format(
        older_source=older_source_label(lesson.ds, "cement_co2_mt"))
    return line_compare(table, lesson.country, lesson.peer_codes,
                        median if len(median) else None,
                        title=title_with_subtitle(finding, subtitle),
                        unit=_("% of CO2 emissions"),
                        source=source(lesson, "cement_co2_mt", "co2_mt",
                                      note=_("Share = cement CO2 (OWID) / CO2 (EDGAR) x 100, "
                                             "same year.")),
                        names=lesson.names, group_label=base.group_label(lesson),
                        indicator=_("CO2 from cement as a share of all CO2 emissions"))
