"""Section 3: how much of the CO2 comes from industry (EDGAR's industrial combustion and
processes), with the power industry beside it; cement (an older source); industry's CO2
per unit of manufacturing value added."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from policylab.charts import line_compare, stacked_area, title_with_subtitle
from policylab.charts.template import OTHER_COLOUR
from policylab.lessons.context import Lesson
from policylab.lessons.greening import base
from policylab.lessons.greening.base import series, source, trend
from policylab.metrics import emissions
from policylab.metrics.greening_figures import cement_share_panel
from policylab.narrative import KeyMessage, fmt_number, missing_message
from policylab.text import possessive

#: The sources of CO2 in the stacked chart, in stacking order, and the rest of the total.
CO2_PARTS = {"co2_industry_processes_mt": "Industrial processes",
             "co2_industry_combustion_mt": "Fuel burnt in industry",
             "co2_power_mt": "Power industry (electricity and heat)",
             emissions.REST: "Rest of the economy (transport, buildings, other)"}
#: Industry's share of CO2 emissions over time, against peers and group.
industry_share_chart = trend("co2_industry_share")
#: Industry's own CO2 per unit of manufacturing value added (constant prices; a proxy for
#: SDG indicator 9.4.1), against peers and group.
mva_intensity_chart = trend("co2_industry_per_mva")


def industry_emissions_chart(lesson: Lesson) -> go.Figure | None:
    """Stacked CO2 by source, with industry's share of the total and the power sector's
    in the title."""
    frame = emissions.sector_split(lesson.ds, lesson.country, lesson.years)
    share = series(lesson, "co2_industry_share")
    if frame.empty or share.empty:
        base.skip_missing(lesson, "CO2 from industry", [*emissions.SECTOR_PARTS, "co2_mt"],
                     "Industry's and total CO2 emissions are never known in the same year.")
        return None
    y1 = int(share.index[-1])
    industry, power = emissions.sector_shares(lesson.ds, lesson.country, y1)
    finding = (f"Industry's own CO2 was {fmt_number(industry, '%')} of "
               f"{possessive(lesson.name)} CO2 emissions in {y1}")
    if len(share) > 1:
        reason = base.unsound(lesson, "co2_industry_share", int(share.index[0]), y1)
        finding += (f", against {fmt_number(share.iloc[0], '%')} in {int(share.index[0])}"
                    if not reason else f"; no change is stated: {reason}")
    if not math.isnan(power):
        finding += f"; power plants emitted another {fmt_number(power, '%')}"
    subtitle = ("CO2 by source, million tonnes; industry = fuel burnt in industry + "
                "industrial processes; the power industry is shown beside it")
    rest = CO2_PARTS[emissions.REST]
    fig = stacked_area(frame.rename(columns=CO2_PARTS),
                       title=title_with_subtitle(finding, subtitle), unit="million tonnes CO2",
                       indicator="CO2 emissions by sector",
                       source=source(lesson, *emissions.SECTOR_PARTS, "co2_mt",
                                     note="Rest of the economy = total CO2 minus the three "
                                          "parts."))
    fig.update_traces(selector={"name": rest}, fillcolor=OTHER_COLOUR,
                      line={"color": OTHER_COLOUR})
    fig.update_yaxes(tickformat=",~g")  # "12,000", not the SI "12k" of million tonnes
    return base.marked(lesson, fig, "co2_mt")


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
    text = (f"Industry (fuel burnt in industry and industrial processes) emitted "
            f"{fmt_number(industry, '%')} of {possessive(lesson.name)} CO2 in {year}"
            + (f", {base.tonnes(mt)}" if not math.isnan(mt) else ""))
    if not math.isnan(power):
        text += (f"; the power industry, whose electricity factories also use, emitted "
                 f"another {fmt_number(power, '%')}")
    return KeyMessage(text + ".", "co2_industry_share", values)


def cement_share_chart(lesson: Lesson) -> go.Figure | None:
    """Cement's share of CO2 emissions (%) for the country, its peers and its income
    group's median: process emissions that cleaner energy alone does not remove."""
    table = cement_share_panel(lesson.ds, lesson.codes, lesson.years)
    if lesson.country not in table:
        missing = "cement_co2_mt" if series(lesson, "cement_co2_mt").empty else "co2_mt"
        lesson.skip("CO2 from cement", base.no_data_reason(lesson, missing))
        return None
    own = table[lesson.country].dropna()
    median = emissions.cement_share_medians(lesson.ds, lesson.income_group).loc[
        lesson.start_year:lesson.end_year]
    finding = (f"Cement made up {fmt_number(own.iloc[-1], '%')} of "
               f"{possessive(lesson.name)} CO2 emissions in {int(own.index[-1])}")
    if len(own) > 1:
        y0, y1 = int(own.index[0]), int(own.index[-1])
        reason = (base.unsound(lesson, "cement_co2_mt", y0, y1)
                  or base.unsound(lesson, "co2_mt", y0, y1))
        finding += (f", against {fmt_number(own.iloc[0], '%')} in {y0}" if not reason
                    else f"; no change is stated: {reason}")
    subtitle = (f"CO2 from cement clinker as a share of all CO2 emissions; "
                f"{base.older_source_label(lesson.ds, 'cement_co2_mt')}, EDGAR has no "
                "cement series")
    return line_compare(table, lesson.country, lesson.peer_codes,
                        median if len(median) else None,
                        title=title_with_subtitle(finding, subtitle),
                        unit="% of CO2 emissions",
                        source=source(lesson, "cement_co2_mt", "co2_mt",
                                      note="Share = cement CO2 (OWID) / CO2 (EDGAR) x 100, "
                                           "same year."),
                        names=lesson.names, group_label=base.group_label(lesson),
                        indicator="CO2 from cement as a share of all CO2 emissions")
