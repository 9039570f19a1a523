"""Section 5: what the country exports, product by product (the panel year only, and only
for countries passing the completeness check): the RCA table, specialisations, diversity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.reference_bars import reference_bars
from policylab.display import Table
from policylab.i18n import N_, _, pgettext
from policylab.i18n.language import SOURCE_LANGUAGE, using_language
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains import panel, trends
from policylab.metrics import product_level as pl
from policylab.metrics.country_panels import rank_in, year_values
from policylab.metrics.rca_shown import rca_shown
from policylab.metrics.value_chains_trade import strongest
from policylab.narrative import KeyMessage
from policylab.narrative.cells import shortened
from policylab.narrative.format import ordinal
from policylab.text import format_value, in_sentence, join_list
from policylab.text.figures import fixed, share_figures

#: Products listed in the top-exports table.
TOP_PRODUCTS = 10
#: A product must weigh at least this share of the country's exports to appear among its
#: top specialisations (``metrics.value_chains_trade.strongest``).
MIN_SHARE_FOR_SPECIALISATION = 0.005
#: Products drawn in the specialisation chart.
SPECIALISATIONS_SHOWN = 12
#: The exercise's product is one of the country's this many largest exports.
EXERCISE_POOL = 40
#: Nearby products listed in section 6 (``space.OPPORTUNITIES_SHOWN``).
OPPORTUNITIES_SHOWN = 15
#: What a table shows in place of the RCA an exercise asks for (top exports, worked example).
YOUR_TURN = N_("? (your turn)")


def exercise_product(lesson: Lesson) -> str | None:
    """The HS code whose RCA the learner computes: the largest export after the first (the
    by-hand cell prints its RCA) whose RCA the English page shows nowhere else, so that
    every language asks for the same product; None among the ``EXERCISE_POOL`` largest."""
    from policylab.lessons.value_chains import example as worked
    from policylab.lessons.value_chains.exercises import shown_elsewhere, top_rca_text

    if panel.section_year(lesson) is None:
        return None
    shown = rca_shown(lesson.ds, lesson.country, MIN_SHARE_FOR_SPECIALISATION,
                      SPECIALISATIONS_SHOWN, OPPORTUNITIES_SHOWN)
    pool = pl.top_products(lesson.ds, lesson.country, EXERCISE_POOL).iloc[1:]
    with using_language(SOURCE_LANGUAGE):
        tables = worked.steps_text(worked.worked_example(), lesson)
        return next((code for code, rca in zip(pool["product"].astype(str), pool["rca"],
                                               strict=True)
                     if code not in shown and not shown_elsewhere(
                         lesson, rca, tables + top_rca_text(lesson, leave_out=code))), None)


def top_exports_table(lesson: Lesson, n: int = TOP_PRODUCTS) -> Table | None:
    """The country's largest exports in the panel year with shares and RCA."""
    year = panel.section_year(lesson, _("Top exports"))
    top = pl.top_products(lesson.ds, lesson.country, n) if year else pd.DataFrame()
    if top.empty:
        return None
    asked = exercise_product(lesson)
    own = _("Share of {country.possessive} exports, {year}").format(country=lesson.name, year=year)
    world = _("Share of world exports, {year}").format(year=year)
    value = _("Exports, {year} (US$ million)").format(year=year)
    hs = pgettext("table header", "HS")
    frame = pd.DataFrame({
        hs: top["product"], pgettext("table header", "Product"): top["name"],
        pgettext("table header", "Section"): top["section"],
        value: top["value"] / 1e6, own: top["country_share"], world: top["world_share"],
        _("RCA, {year}").format(year=year): [
            _(YOUR_TURN) if str(code) == asked else format_value(rca)
            for code, rca in zip(top["product"], top["rca"], strict=True)],
    }).reset_index(drop=True)
    mask = (_(" The RCA of HS {code} is left for the exercise at the end of the "
              "lesson.").format(code=asked) if asked in set(frame[hs].astype(str)) else "")
    return Table(frame, _("{country}: its {n} largest exports in {year} (HS 1992 "
                          "4-digit), with revealed comparative advantage (RCA: no "
                          "unit, 1 = the world's share)").format(
                              country=lesson.name, n=len(frame), year=year),
                 panel.product_note(lesson.ds, year) + mask + unspecified_note(lesson, top)
                 + panel.section_note(),
                 {own: share_figures, world: share_figures,
                  value: lambda v: format_value(v, decimals=0)})


def unspecified_note(lesson: Lesson, top: pd.DataFrame) -> str:
    """Why unspecified goods (HS 99) are missing from the table when they weigh as much as
    a product it lists; "" otherwise."""
    share = pl.unspecified_share(lesson.ds, lesson.country)
    if top.empty or share < float(top["country_share"].min()):
        return ""
    return _(" Goods not specified according to kind (HS 9999), {share} of "
             "{country.possessive} exports, are not listed: they are a statistical "
             "residual, not a product. Shares are of all exports.").format(country=lesson.name,
               share=share_figures(share))


def top_exports_message(lesson: Lesson) -> KeyMessage | None:
    year = panel.section_year(lesson)
    top = pl.top_products(lesson.ds, lesson.country, 3) if year else pd.DataFrame()
    if top.empty:
        return None
    items = [f"{in_sentence(r['name'])} ({share_figures(r['country_share'])})"
             for _, r in top.iterrows()]
    text = _("In {year}, {country.possessive} largest exports were {products} of its "
             "exports (complete {year} product panel).").format(country=lesson.name,
               year=year, products=join_list(items))
    return KeyMessage(text, "diversity", {"year": year, "products": list(top["product"]),
                                          "shares": [float(s) for s in top["country_share"]]})


def specialisations(lesson: Lesson, n: int) -> pd.DataFrame:
    """``metrics.value_chains_trade.strongest`` of the country's products."""
    return strongest(pl.specialisation(lesson.ds, lesson.country),
                     MIN_SHARE_FOR_SPECIALISATION, n)


def specialisation_chart(lesson: Lesson, n: int = SPECIALISATIONS_SHOWN) -> go.Figure | None:
    """The products with the highest RCA (of those weighing at least 0.5% of exports)."""
    year = panel.section_year(lesson, _("Specialisation"))
    top = specialisations(lesson, n).iloc[::-1] if year else pd.DataFrame()
    if top.empty:
        return None
    first = top.iloc[-1]
    return reference_bars(
        [shortened(f"{name} ({code})", 45) for name, code in zip(top["name"], top["product"],
                                                           strict=True)],
        top["rca"], customdata=np.column_stack([top["section"], top["country_share"]]),
        title=_("In {year}, {country} exported {times} times the world share of "
                "{product}, its strongest specialisation").format(
            country=lesson.name, year=year, times=format_value(first["rca"], decimals=0),
            product=in_sentence(first["name"])),
        source=panel.product_note(lesson.ds, year) + _(
            " Products under {share} of the country's exports are left out.").format(
            share=fixed(100 * MIN_SHARE_FOR_SPECIALISATION, 1, "%")),
        hover=_("%{y}<br>RCA %{x:.1f}<br>%{customdata[0]}; %{customdata[1]:.2f}% of "
                "exports ({year})<extra></extra>").replace("{year}", str(year)),
        x_title=_("Revealed comparative advantage, {year} (1 = world average; log "
                  "scale)").format(year=year))


def diversity_chart(lesson: Lesson) -> go.Figure | None:
    """Export diversity (products with RCA >= 1, panel year): the region and the peers."""
    year = panel.section_year(lesson, _("Export diversity"))
    if year is None:
        return None
    values = year_values(lesson.ds, "diversity", year)
    if lesson.country not in values.index:
        lesson.skip(_("Export diversity"), _(
            "{country} was left out of the {year} complexity computation by the Atlas-style "
            "cleaning (too small an exporter or too few products).").format(
                country=lesson.name, year=year))
        return None
    return trends.region_bars(
        lesson, values, title=_("{country} exported {count} products with RCA ≥ 1 "
                                "in {year}, {rank} of {ranked} economies").format(
            country=lesson.name, count=format_value(values[lesson.country], decimals=0),
            year=year, rank=ordinal(rank_in(values, lesson.country)), ranked=len(values)),
        unit=pgettext("unit", "products"),
        source=(panel.product_note(lesson.ds, year) + _(" Economies passing the completeness "
                                                        "check, after Atlas-style cleaning.")),
        x_label=_("Products exported with RCA ≥ 1, {year}").format(year=year))
