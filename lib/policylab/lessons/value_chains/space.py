"""Section 6: the country's neighbourhood in the product space of the panel year and the
nearby products more complex than its exports (computed in ``metrics.product_level``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import FOCUS_COLOUR, new_figure, peer_colour
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains import products
from policylab.lessons.value_chains.panel import Table, allowed, product_note, short, status
from policylab.metrics.product_level import (
    complexity_or_reason,
    nearby_complex_products,
    neighbourhood,
    product_complexity,
)
from policylab.narrative import KeyMessage
from policylab.text import format_value, in_sentence, possessive

#: How many nearby products the opportunities table lists (one number with ``products``).
OPPORTUNITIES_SHOWN = products.OPPORTUNITIES_SHOWN


def why_no_complexity(lesson: Lesson) -> str:
    result, reason = complexity_or_reason(lesson.ds)
    year = status(lesson).year
    if result is None:
        return (f"the {year} panel is too small for the product-space method after cleaning"
                f" ({reason}).")
    why = result.dropped_exporters.get(lesson.country, "no exports in the panel")
    return f"its {year} exports were left out by the Atlas-style cleaning ({why})."


def product_space_chart(lesson: Lesson) -> go.Figure | None:
    """The country's largest RCA >= 1 products and the nearest products it does not yet
    export competitively, linked by proximity, every node labelled."""
    if not allowed(lesson, "Product space"):
        return None
    year = status(lesson).year
    found = neighbourhood(lesson.ds, lesson.country)
    if found is None:
        lesson.skip("Product space", f"No product-space neighbourhood: "
                                     f"{why_no_complexity(lesson)}")
        return None
    nodes, edges = found
    held, near = nodes[nodes["role"] == "held"], nodes[nodes["role"] == "candidate"]
    total = int(product_complexity(lesson.ds).M.loc[lesson.country].sum())
    title = (f"{possessive(lesson.name, start=True)} neighbourhood in the product space, "
             f"{year}: {len(held)} of its {total} products with RCA ≥ 1 and the {len(near)} "
             "nearest it does not yet export competitively")
    fig = new_figure(title, product_note(lesson.ds, year) + " Links: proximity (how often "
                     "countries export both products with RCA ≥ 1), maximum spanning tree "
                     "plus each product's two strongest links. Node size: the country's "
                     "exports.", height=720)
    xs, ys = [], []
    for s, t in zip(edges["source"], edges["target"], strict=True):
        xs += [nodes.at[s, "x"], nodes.at[t, "x"], None]
        ys += [nodes.at[s, "y"], nodes.at[t, "y"], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": "#BBBBBB", "width": 1}))
    biggest = max(float(held["value"].max()) if len(held) else 1.0, 1.0)
    for part, name, colour in [(held, f"Exported with RCA ≥ 1 in {year}", FOCUS_COLOUR),
                               (near, f"Nearest products not yet exported with RCA ≥ 1 "
                                      f"({year})", peer_colour(1))]:
        sizes = (10 + 30 * np.sqrt(part["value"] / biggest)).clip(upper=40)
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=name,
            text=[short(n, 22) for n in part["name"]], textposition="top center",
            textfont={"size": 10},
            customdata=np.column_stack([part.index, part["name"], part["rca"],
                                        part["density"]]),
            marker={"color": colour, "size": sizes if name.startswith("Exported") else 12,
                    "line": {"color": "white", "width": 0.8}},
            hovertemplate="HS %{customdata[0]} %{customdata[1]}<br>RCA %{customdata[2]:.2f};"
                          f" density %{{customdata[3]:.3f}} ({year})<extra></extra>"))
    hidden = {"visible": False, "showgrid": False}
    fig.update_layout(hovermode="closest", xaxis=hidden,
                      yaxis={**hidden, "scaleanchor": "x", "scaleratio": 1})
    return fig


def opportunities_table(lesson: Lesson, n: int = OPPORTUNITIES_SHOWN) -> Table | None:
    """The nearest products more complex than the current basket, with their measures."""
    if not allowed(lesson, "Nearby products"):
        return None
    year = status(lesson).year
    best = nearby_complex_products(lesson.ds, lesson.country, n)
    if best is None:
        lesson.skip("Nearby products", f"No nearby products: {why_no_complexity(lesson)}")
        return None
    sections = best["product"].map(lesson.ds.products.set_index("code")["section_name"])
    frame = pd.DataFrame({
        "Rank": best["rank"], "HS": best["product"], "Product": best["name"],
        "Section": sections, f"PCI, {year}": best["pci"],
        f"Distance, {year}": best["distance"], f"Current RCA, {year}": best["rca"]})
    formats = {f"Distance, {year}": "{:.3f}", f"PCI, {year}": "{:.2f}",
               f"Current RCA, {year}": "{:.2f}"}
    return Table(frame, f"{lesson.name}: the nearest products more complex than its {year} "
                 f"exports, not yet exported with RCA ≥ 1 ({year})",
                 product_note(lesson.ds, year) + " PCI, distance and RCA computed here from "
                 f"the {year} panel (Atlas of Economic Complexity method).", formats)


def opportunity_message(lesson: Lesson) -> KeyMessage | None:
    if not status(lesson).ok:
        return None
    year = status(lesson).year
    best = nearby_complex_products(lesson.ds, lesson.country, OPPORTUNITIES_SHOWN)
    if best is None or best.empty:
        return None
    first = best.iloc[0]
    text = (f"In the {year} product space, the nearest product more complex than "
            f"{possessive(lesson.name)} exports was {in_sentence(first['name'])} "
            f"(HS {first['product']}, PCI {format_value(first['pci'], decimals=2)}, "
            f"distance {format_value(first['distance'], decimals=2)}).")
    return KeyMessage(text, "diversity", {"product": str(first["product"]), "year": year,
                                          "pci": float(first["pci"]),
                                          "distance": float(first["distance"])})
