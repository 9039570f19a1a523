"""Section 5: what the country exports, product by product (the panel year only, and only
for countries passing the completeness check): the RCA table, specialisations, diversity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts import bar_compare
from policylab.charts.template import FOCUS_COLOUR, new_figure
from policylab.lessons.common import Lesson
from policylab.lessons.value_chains.panel import (
    Table,
    allowed,
    product_note,
    share_text,
    short,
    status,
)
from policylab.lessons.value_chains.trends import members
from policylab.metrics.product_level import (
    nearby_complex_products,
    neighbourhood,
    specialisation,
    top_products,
)
from policylab.narrative import KeyMessage
from policylab.narrative.format import ordinal
from policylab.text import format_value, in_sentence, join_list, possessive

#: Products listed in the top-exports table.
TOP_PRODUCTS = 10
#: A product must weigh at least this share of the country's exports to appear among its
#: top specialisations: RCA divides by the world share, so a sliver of exports in a rarely
#: traded product can show a huge RCA without being a real strength.
MIN_SHARE_FOR_SPECIALISATION = 0.005
#: Bars drawn in the diversity ranking besides the focus country and its peers.
RANKING_LIMIT = 15
#: Products drawn in the specialisation chart.
SPECIALISATIONS_SHOWN = 12
#: The exercise's product is one of the country's this many largest exports.
EXERCISE_POOL = 40
#: Nearby products listed in section 6 (``space.OPPORTUNITIES_SHOWN``).
OPPORTUNITIES_SHOWN = 15
#: HS 9999, "commodities not specified according to kind": never the exercise's product.
UNSPECIFIED = "9999"
#: What the top-exports table shows in place of the RCA the exercise asks for.
YOUR_TURN = "? (your turn)"


def exercise_product(lesson: Lesson) -> str | None:
    """The HS code of the product whose RCA the learner computes from its two shares: the
    largest export after the first (whose RCA the by-hand cell prints) whose RCA the page
    shows nowhere else (not in the specialisation chart, the product-space neighbourhood
    or the nearby-products table), and not HS 9999 (unspecified); None when there is none
    among the ``EXERCISE_POOL`` largest or no product-level results."""
    if not status(lesson).ok:
        return None
    ds, iso3 = lesson.ds, lesson.country
    shown = set(specialisations(lesson, SPECIALISATIONS_SHOWN)["product"].astype(str))
    found = neighbourhood(ds, iso3)
    if found is not None:
        shown |= {str(code) for code in found[0].index}
    nearby = nearby_complex_products(ds, iso3, OPPORTUNITIES_SHOWN)
    if nearby is not None:
        shown |= set(nearby["product"].astype(str))
    from policylab.lessons.value_chains import example as worked
    from policylab.lessons.value_chains.exercises import shown_elsewhere, top_rca_text

    tables = worked.steps_text(worked.worked_example(), lesson)
    pool = top_products(ds, iso3, EXERCISE_POOL).iloc[1:]
    for code, rca in zip(pool["product"].astype(str), pool["rca"], strict=True):
        more = tables + top_rca_text(lesson, leave_out=code)
        if code not in shown and code != UNSPECIFIED and not shown_elsewhere(lesson, rca, more):
            return code
    return None


def top_exports_table(lesson: Lesson, n: int = TOP_PRODUCTS) -> Table | None:
    """The country's largest exports in the panel year with shares and RCA."""
    if not allowed(lesson, "Top exports"):
        return None
    year = status(lesson).year
    top = top_products(lesson.ds, lesson.country, n)
    if top.empty:
        return None
    own = f"Share of {possessive(lesson.name)} exports, {year}"
    world = f"Share of world exports, {year}"
    frame = pd.DataFrame({
        "HS": top["product"], "Product": top["name"], "Section": top["section"],
        f"Exports, {year} (US$ million)": top["value"] / 1e6, own: top["country_share"],
        world: top["world_share"], f"RCA, {year}": top["rca"]}).reset_index(drop=True)
    asked = exercise_product(lesson)
    rca = f"RCA, {year}"
    frame[rca] = [YOUR_TURN if str(code) == asked else rca_text(value)
                  for code, value in zip(frame["HS"], frame[rca], strict=True)]
    formats = {own: share_text, world: share_text, f"Exports, {year} (US$ million)": "{:,.0f}"}
    mask = (f" The RCA of HS {asked} is left for the exercise at the end of the lesson."
            if asked in set(frame["HS"].astype(str)) else "")
    return Table(frame, f"{lesson.name}: its {len(frame)} largest exports in {year} "
                 "(HS 1992 4-digit), with revealed comparative advantage (RCA: no unit, 1 = "
                 "the world's share)", product_note(lesson.ds, year) + mask, formats)


def rca_text(value: float) -> str:
    """An RCA as the page writes it (the one decimal rule of ``policylab.text``)."""
    return format_value(value)


def top_exports_message(lesson: Lesson) -> KeyMessage | None:
    if not status(lesson).ok:
        return None
    year = status(lesson).year
    top = top_products(lesson.ds, lesson.country, 3)
    if top.empty:
        return None
    items = [f"{in_sentence(r['name'])} ({share_text(r['country_share'])})"
             for _, r in top.iterrows()]
    text = (f"In {year}, {possessive(lesson.name)} largest exports were {join_list(items)} "
            f"of its exports (complete {year} product panel).")
    return KeyMessage(text, "diversity", {"year": year, "products": list(top["product"]),
                                          "shares": [float(s) for s in top["country_share"]]})


def specialisations(lesson: Lesson, n: int) -> pd.DataFrame:
    """The highest-RCA products of at least ``MIN_SHARE_FOR_SPECIALISATION`` of exports
    (all products when fewer than three pass)."""
    table = specialisation(lesson.ds, lesson.country)
    strong = table[table["country_share"] >= MIN_SHARE_FOR_SPECIALISATION * 100]
    return (strong if len(strong) >= 3 else table).head(n)


def specialisation_chart(lesson: Lesson, n: int = SPECIALISATIONS_SHOWN) -> go.Figure | None:
    """The products with the highest RCA (of those weighing at least 0.5% of exports)."""
    if not allowed(lesson, "Specialisation"):
        return None
    year = status(lesson).year
    top = specialisations(lesson, n).iloc[::-1]
    if top.empty:
        return None
    first = top.iloc[-1]
    title = (f"In {year}, {lesson.name} exported {format_value(first['rca'], decimals=0)} "
             f"times the world share of {in_sentence(first['name'])}, its strongest "
             "specialisation")
    fig = new_figure(title, product_note(lesson.ds, year) + " Products under "
                     f"{MIN_SHARE_FOR_SPECIALISATION:.1%} of the country's exports are left out.",
                     height=max(440, 34 * len(top) + 240), legend=False)
    fig.add_trace(go.Bar(
        y=[short(f"{name} ({code})") for name, code in zip(top["name"], top["product"],
                                                           strict=True)],
        x=top["rca"], orientation="h", marker_color=FOCUS_COLOUR,
        text=[rca_text(v) for v in top["rca"]], textposition="outside", cliponaxis=False,
        customdata=np.column_stack([top["section"], top["country_share"]]),
        hovertemplate="%{y}<br>RCA %{x:.1f}<br>%{customdata[0]}; %{customdata[1]:.2f}% "
                      f"of exports ({year})<extra></extra>"))
    fig.update_layout(xaxis_title=f"Revealed comparative advantage, {year} (1 = world "
                      "average; log scale)", xaxis_type="log", yaxis={"showgrid": False})
    fig.add_vline(x=1, line_dash="dot", line_color="#333333")
    return fig


def diversity_chart(lesson: Lesson) -> go.Figure | None:
    """Export diversity (products with RCA >= 1 in the panel year, from the pack), the
    region and the peers."""
    if not allowed(lesson, "Export diversity"):
        return None
    year = status(lesson).year
    values = lesson.ds.series("diversity", None, [year]).dropna(subset=["value"])
    values = values.set_index("iso3")["value"]
    if lesson.country not in values.index:
        lesson.skip("Export diversity", f"{lesson.name} was left out of the {year} "
                    "complexity computation by the Atlas-style cleaning (too small an "
                    "exporter or too few products).")
        return None
    own = float(values[lesson.country])
    rank = int((values > own).sum()) + 1
    title = (f"{lesson.name} exported {format_value(own, decimals=0)} products with RCA ≥ 1 "
             f"in {year}, {ordinal(rank)} of {len(values)} economies")
    pool = list(dict.fromkeys([*members(lesson, "region"), *lesson.codes]))
    shown = values.reindex(pool).dropna()
    return bar_compare(shown, lesson.country, lesson.peer_codes, title=title,
                       unit="products", source=product_note(lesson.ds, year) + " Economies "
                       "passing the completeness check, after Atlas-style cleaning.",
                       names={c: lesson.ds.name(c) for c in shown.index},
                       x_label=f"Products exported with RCA ≥ 1, {year}", limit=RANKING_LIMIT)
