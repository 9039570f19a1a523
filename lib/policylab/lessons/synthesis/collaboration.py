"""Section 3, areas of collaboration on the product panel (with its year): products several
countries are close to, complementary export baskets, regional and income groupings, and
why the agenda (section 6) holds no collaboration session on an old panel."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from policylab.charts.grid import pair_matrix
from policylab.charts.mark_grids import rank_grid
from policylab.charts.template import PEER_COLOURS
from policylab.i18n import _, ngettext, pgettext
from policylab.i18n.groups import group_name
from policylab.metrics.collaboration import panel_year, uncovered
from policylab.metrics.forum_brief import complementarity_matrix, groupings
from policylab.narrative import fmt_number
from policylab.narrative.cells import shortened
from policylab.pack.dataset import Dataset
from policylab.text import join_list


def collaboration_intro(ds: Dataset) -> str:
    """What the section rests on, with the panel's year; without a product panel, what it
    would show and how to enable it."""
    year = panel_year(ds)
    if year is None:
        return _("**No product-level data in this pack.** With a complete country × product "
                 "export panel this section lists the products several workshop countries are "
                 "close to exporting and how complementary their export baskets are. To enable "
                 "it, run `policylab data fetch` and then `policylab data build`.")
    if ds.is_current(year):
        use = _("It lies in the recency window, so the agenda may hold a collaboration session "
                "on it; it never feeds the scorecard, shared priorities or pairs.")
    else:
        use = _("It is older than the recency window ({cutoff} or later), so it feeds none of "
                "the scorecard, shared priorities, pairs or agenda: read it as background for "
                "discussion.").format(cutoff=ds.recency_cutoff)
    return _("**Product-level data: {year}.** The lists and the grid below rest on one year of "
             "complete exports by country and product: {source}. {use} Countries whose panel "
             "total or manufactures share does not match the World Bank's figures take no "
             "part (listed below, with the reason).").format(
        year=year, source=_trade_source(ds), use=use)


def _trade_source(ds: Dataset) -> str:
    """The product panel's publisher and year, for source lines."""
    return _("Growth Lab at Harvard University, International Trade Data (HS 1992), from "
             "UN Comtrade; exports by HS 1992 4-digit product, {year}").format(
        year=panel_year(ds))


def trade_gaps(ds: Dataset, countries: Iterable[str]) -> str:
    """The countries the product-level analysis cannot cover, and why; empty when all are
    covered."""
    missing = uncovered(ds, countries)
    if not missing:
        return ""
    return _("Not covered by the {year} product-level analysis: {countries}. Their products "
             "are absent from the collaboration lists below.").format(
        year=panel_year(ds),
        countries="; ".join(f"{ds.name(c)} ({reason})" for c, reason in missing.items()))


def collaboration_figure(ds: Dataset, areas: pd.DataFrame, limit: int = 15) -> go.Figure | None:
    """Products in several countries' closest-opportunity lists, each mark the product's
    rank in that country's list; None when there is none."""
    if areas.empty:
        return None
    top, first = areas.head(limit), areas.iloc[0]
    countries = sorted({c for cs in top["countries"] for c in cs}, key=ds.name)
    return rank_grid(
        [(f"{shortened(row.name, 42)} (PCI {fmt_number(row.pci, decimals=2)})",
          {ds.name(c): rank for c, rank in row.ranks.items()})
         for row in top.itertuples(index=False)], [ds.name(c) for c in countries],
        title=_("{year}: {n} products are among the closest opportunities of at least two "
                "countries; {product} is shared by {countries}").format(
            year=panel_year(ds), n=len(areas), product=shortened(first["name"], 42),
            countries=first["n_countries"]),
        source=_("Source: {source}; computed by policylab.").format(source=_trade_source(ds)),
        hover=_("%{y}<br>%{x}: rank %{text} in its list<extra></extra>"))


def collaboration_table(ds: Dataset, areas: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The collaboration areas: product, its complexity and the countries with their rank."""
    columns = [pgettext("table header", "HS 1992 code"), pgettext("table header", "Product"),
               pgettext("table header", "PCI ({year})").format(year=panel_year(ds)),
               pgettext("table header", "Countries"),
               pgettext("table header", "Countries (rank in their list)")]
    return pd.DataFrame([(row.product, row.name, row.pci, row.n_countries,
                          ", ".join(f"{ds.name(c)} ({r})" for c, r in row.ranks.items()))
                         for row in areas.head(limit).itertuples(index=False)], columns=columns)


def complementarity_figure(ds: Dataset, baskets: pd.DataFrame) -> go.Figure | None:
    """Pairwise complementarity of export baskets (``policylab.forum.complementarity``) as
    a country x country grid; None with fewer than two countries with trade data. The title
    names the most and the least complementary pair, or, where other pairs read the same
    with the grid's two decimals, how many share that value (a pair is not "the most" by a
    difference the reader cannot see)."""
    if len(baskets) < 2:
        return None
    pairs, matrix = complementarity_matrix(baskets)
    year = panel_year(ds)
    (most, high), (least, low) = _end_pair(ds, pairs, 0), _end_pair(ds, pairs, -1)
    if len(pairs) == 1:
        title = _("In {year}, the export baskets of {pair} had a complementarity of {value} "
                  "(0 = the same basket, 1 = no product in common)").format(
            year=year, pair=most, value=high)
    elif high == low:
        title = _("In {year}, the export baskets of all {n} pairs had a complementarity of "
                  "{value} (0 = the same basket, 1 = no product in common)").format(
            year=year, n=len(pairs), value=high)
    else:
        title = _("In {year}, the most complementary export baskets ({high}) were those of "
                  "{most}; the most similar ({low}), those of {least}").format(
            year=year, most=most, high=high, least=least, low=low)
    return pair_matrix(matrix, [ds.name(c) for c in baskets.index], title=title,
                       source=_("Source: {source}.").format(source=_trade_source(ds)),
                       colour=PEER_COLOURS[0], colorbar_title=_("Complementarity"))


def _end_pair(ds: Dataset, pairs: pd.DataFrame, end: int) -> tuple[str, str]:
    """The pair at one end of ``pairs`` (most complementary first; ``end`` 0 or -1) and its
    value with two decimals; with the count of pairs that share the value when others read
    the same ("6 pairs, among them Kenya and Ghana")."""
    row = pairs.iloc[end]
    value = fmt_number(row.complementarity, decimals=2)
    sharing = sum(fmt_number(v, decimals=2) == value for v in pairs["complementarity"])
    pair = join_list([ds.name(row.country_a), ds.name(row.country_b)])
    # Translators: {pair} is two countries ("Kenya and Ghana"); the plural says how many
    # pairs share the value, naming one of them.
    return ngettext("{pair}", "{n} pairs, among them {pair}", sharing).format(
        n=sharing, pair=pair), value


def groupings_table(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The workshop countries by World Bank region and income group, with the challenges
    that two members of a grouping share (a natural regional agenda)."""
    kinds = {"region": pgettext("grouping", "Region"),
             "income_group": pgettext("grouping", "Income group")}
    return pd.DataFrame([(
        kinds[row["kind"]], group_name(row["group"]), ", ".join(map(ds.name, row["members"])),
        "; ".join(f"{r.label} ({r.n_countries})" for r in row["shared"].itertuples())
        or pgettext("table cell", "none")) for row in groupings(ds, results)],
        columns=[pgettext("table header", "Grouping"), pgettext("table header", "Name"),
                 pgettext("table header", "Countries"),
                 pgettext("table header", "Challenges shared inside the grouping")])


def agenda_note(ds: Dataset, areas: pd.DataFrame) -> str:
    """Why the agenda has no collaboration session although the section found products (an
    old panel); empty otherwise."""
    year = panel_year(ds)
    if areas.empty or year is None or ds.is_current(year):
        return ""
    return _("The agenda holds no collaboration session: the shared products of section 3 "
             "come from the {year} product panel, older than the recency window ({cutoff} or "
             "later). Groups can use them as background.").format(
        year=year, cutoff=ds.recency_cutoff)
