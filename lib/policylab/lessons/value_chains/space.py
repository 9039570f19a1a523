"""Section 6: the country's neighbourhood in the product space of the panel year and the
nearby products more complex than its exports (computed in ``metrics.product_level``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.neighbourhood import neighbourhood_map
from policylab.display import Table
from policylab.i18n import N_, _, pgettext
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains import panel
from policylab.lessons.value_chains.products import OPPORTUNITIES_SHOWN
from policylab.metrics import product_level as pl
from policylab.metrics.complexity import dropped_reason
from policylab.narrative import KeyMessage
from policylab.text import format_value, in_sentence
from policylab.text.figures import fixed


def why_no_complexity(lesson: Lesson) -> str:
    result, reason = pl.complexity_or_reason(lesson.ds)
    year = lesson.ds.product_status(lesson.country).year
    if result is None:
        return _("the {year} panel is too small for the product-space method after cleaning "
                 "({reason}).").format(year=year, reason=_(reason))
    why = result.dropped_exporters.get(lesson.country, N_("no exports in the panel"))
    return _("its {year} exports were left out by the Atlas-style cleaning ({why}).").format(
        year=year, why=dropped_reason(why))


def product_space_chart(lesson: Lesson) -> go.Figure | None:
    """The country's largest RCA >= 1 products and the nearest products it does not yet
    export competitively, linked by proximity."""
    year = panel.section_year(lesson, _("Product space"))
    if year is None:
        return None
    found = pl.neighbourhood(lesson.ds, lesson.country)
    if found is None:
        lesson.skip(_("Product space"), _("No product-space neighbourhood: {why}").format(
            why=why_no_complexity(lesson)))
        return None
    nodes, edges = found
    roles = nodes["role"].value_counts()
    total = int(pl.product_complexity(lesson.ds).M.loc[lesson.country].sum())
    title = _("{country.Possessive} neighbourhood in the product space, {year}: {held} of "
              "its {total} products with RCA ≥ 1 and the {near} nearest it does not "
              "yet export competitively").format(country=lesson.name, year=year,
                held=roles.get("held", 0), total=total, near=roles.get("candidate", 0))
    return neighbourhood_map(
        nodes, edges, title=title, source=panel.product_note(lesson.ds, year) + _(
            " Links: proximity (how often countries export both products with RCA ≥ 1), "
            "maximum spanning tree plus each product's two strongest links. Node size: the "
            "country's exports."),
        held_name=_("Exported with RCA ≥ 1 in {year}").format(year=year),
        near_name=_("Nearest products not yet exported with RCA ≥ 1 ({year})").format(year=year),
        hover=_("HS %{customdata[0]} %{customdata[1]}<br>RCA %{customdata[2]:.2f}; "
                "density %{customdata[3]:.3f} ({year})<extra></extra>").replace(
            "{year}", str(year)))


def opportunities_table(lesson: Lesson, n: int = OPPORTUNITIES_SHOWN) -> Table | None:
    """The nearest products more complex than the current basket, with their measures."""
    year = panel.section_year(lesson, _("Nearby products"))
    if year is None:
        return None
    best = pl.nearby_complex_products(lesson.ds, lesson.country, n)
    if best is None:
        lesson.skip(_("Nearby products"), _("No nearby products: {why}").format(
            why=why_no_complexity(lesson)))
        return None
    pci, distance, rca = (_("PCI, {year}").format(year=year),
                          _("Distance, {year}").format(year=year),
                          _("Current RCA, {year}").format(year=year))
    frame = pd.DataFrame({
        pgettext("table header", "Rank"): best["rank"],
        pgettext("table header", "HS"): best["product"],
        pgettext("table header", "Product"): best["name"],
        pgettext("table header", "Section"): best["product"].map(
            lesson.ds.products.set_index("code")["section_name"]),
        pci: best["pci"], distance: best["distance"], rca: best["rca"]})
    return Table(frame, _("{country}: the nearest products more complex than its "
                          "{year} exports, not yet exported with RCA ≥ 1 ({year})").format(
                              country=lesson.name, year=year),
                 panel.product_note(lesson.ds, year) + _(
                     " PCI, distance and RCA computed here from the {year} panel (Atlas of "
                     "Economic Complexity method).").format(year=year) + panel.section_note(),
                 {distance: lambda v: fixed(v, 3), pci: lambda v: fixed(v, 2),
                  rca: lambda v: fixed(v, 2)})


def opportunity_message(lesson: Lesson) -> KeyMessage | None:
    if (year := panel.section_year(lesson)) is None:
        return None
    best = pl.nearby_complex_products(lesson.ds, lesson.country, OPPORTUNITIES_SHOWN)
    if best is None or best.empty:
        return None
    first = best.iloc[0]
    text = _("In the {year} product space, the nearest product more complex than "
             "{country.possessive} exports was {product} (HS {code}, PCI {pci}, "
             "distance {distance}).").format(country=lesson.name,
               year=year, product=in_sentence(first["name"]), code=first["product"],
               pci=format_value(first["pci"], decimals=2),
               distance=format_value(first["distance"], decimals=2))
    return KeyMessage(text, "diversity", {"product": str(first["product"]), "year": year,
                                          "pci": float(first["pci"]),
                                          "distance": float(first["distance"])})
