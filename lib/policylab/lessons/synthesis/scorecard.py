"""Section 1, the scorecard: each country against its own peers, gaps in spreads signed so
that positive is better; under it, where each country is strongest against the world and
the figures left out as older than the recency window."""

import pandas as pd
import plotly.graph_objects as go

from policylab.cases import flag_label
from policylab.charts.gap_grid import gap_grid
from policylab.forum.recency import Current
from policylab.forum.workshop import STRENGTHS_PER_COUNTRY, indicator_facts, strengths
from policylab.i18n import _, ngettext, pgettext
from policylab.metrics.forum_brief import left_out_groups, scorecard_grid
from policylab.narrative import fmt_number, fmt_quantity
from policylab.narrative.cells import written, year_cell, year_span
from policylab.pack.dataset import Dataset
from policylab.text import MISSING, format_value, in_sentence, is_missing, signed

#: Scorecard colours stop at this many standard deviations, so that one outlier does not
#: wash out every other cell (the cell text always shows the true value).
SCORECARD_CLIP_SD = 2.0
#: The gap column is written with two decimals, so that the column lines up.
GAP_DECIMALS = 2


def scorecard_figure(ds: Dataset, table: pd.DataFrame) -> go.Figure:
    """Headline indicators x countries, coloured by the gap to each country's own peer
    median, each cell showing the value and its year. It ranks no country (no league
    table: ``strengths_text`` says where each one is strong)."""
    # the sign of the unit only, a US$ unit left out (the row label names the currency)
    cells = [_("no data") if is_missing(r.value)
             else fmt_number(r.value, "" if "US$" in str(r.unit) else r.unit)
             + ("" if pd.isna(r.year) else f"<br>({int(r.year)})")
             for r in table.itertuples(index=False)]
    gaps = scorecard_grid(table, "better_gap")
    about = table.drop_duplicates("indicator").set_index("indicator")
    return gap_grid(
        gaps, scorecard_grid(table.assign(cell=cells), "cell"), clip=SCORECARD_CLIP_SD,
        title=_("{countries} countries, {indicators} headline indicators: each country against "
                "the median of its own peers (blue = ahead of its peers, orange = "
                "behind)").format(countries=len(gaps.columns), indicators=len(gaps)),
        source=_("Source: the countries' results files ({years}); publishers in the sources "
                 "section. Blue = better than peers.").format(years=year_span(table["year"])),
        row_names={i: f"{about.at[i, 'label']}<br><sub>{about.at[i, 'unit']}</sub>"
                   for i in gaps.index},
        column_names={c: ds.name(c) for c in gaps.columns},
        colorbar_title=_("Gap to peer median (SD, + = better)"))


def strengths_text(ds: Dataset, table: pd.DataFrame,
                   per_country: int = STRENGTHS_PER_COUNTRY) -> str:
    """Where each country is strong (``strengths``), one line per country, each figure with
    its year and its place in the world."""
    found = strengths(ds, table, per_country)
    if found.empty:
        return ""
    lines = [_("**Where each country is strongest** (its headline figures that are better "
               "than those of the largest share of countries in the world, each country's "
               "latest value in the recency window):")]
    for code in dict.fromkeys(table["country"]):
        own = found[found["country"] == code]
        if not own.empty:
            figures = "; ".join(map(_strength, own.itertuples()))
            lines.append("- " + _("{country}: {figures}").format(country=ds.name(code),
                                                                 figures=figures))
    return "\n".join(lines)


def _strength(r) -> str:
    return _("{indicator} {value} ({year}), better than {share} of {count} countries").format(
        indicator=in_sentence(r.label), value=fmt_quantity(r.value, r.unit), year=r.year,
        share=format_value(r.better_than, "%", decimals=0), count=r.count)


def _headers() -> dict[str, str]:
    """The scorecard tables' column headers, by key."""
    return {"country": pgettext("table header", "Country"),
            "indicator": pgettext("table header", "Indicator"),
            "value": pgettext("table header", "Value"), "year": pgettext("table header", "Year"),
            "median": pgettext("table header", "Peer median"),
            "gap": pgettext("table header", "Gap (SD, + = better)"),
            "flags": pgettext("table header", "Flags not counted")}


def scorecard_display(ds: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """One row per country and indicator, each number with its own unit (indicators of
    very different sizes share the columns)."""
    h = _headers()
    return pd.DataFrame([(ds.name(r.country), r.label, written(r.value, r.unit),
                          year_cell(r.year), written(r.peer_median, r.unit),
                          signed(r.better_gap, decimals=GAP_DECIMALS))
                         for r in table.itertuples(index=False)],
                        columns=[h[k] for k in ("country", "indicator", "value", "year",
                                                "median", "gap")])


def left_out_text(ds: Dataset, current: Current) -> str:
    """The note under the scorecard: the recency window, and the figures left out as older
    than it, per indicator."""
    window = _("**Recency window.** The scorecard, shared priorities, peer-learning pairs and "
               "agenda use only figures from {cutoff} or later ({years} years before {newest}, "
               "the newest year of the core series).").format(
        cutoff=current.cutoff, years=ds.newest_year - current.cutoff, newest=ds.newest_year)
    table = current.left_out
    if table.empty:
        return window + " " + _("No headline figure of the workshop's countries is older.")
    groups = left_out_groups(table)
    figures = ngettext("{n} figure", "{n} figures", len(table)).format(n=len(table))
    figures = ngettext("{figures} on {n} indicator", "{figures} on {n} indicators",
                       len(groups)).format(figures=figures, n=len(groups))
    return _("{window} **Left out as too old:** {figures}: {parts}.").format(
        window=window, figures=figures, parts="; ".join(_left_out_part(ds, g) for g in groups))


def _left_out_part(ds: Dataset, group: dict) -> str:
    """An indicator left out: the countries and years (or one year when all share it), and
    the flags that fell with them."""
    label = (indicator_facts(ds, group["indicator"])["label"] if group["indicator"]
             else _("a flag without a dated headline figure"))
    who = [ds.name(c) if y is None else f"{ds.name(c)} {y}" for c, y in group["countries"]]
    if group["year"] is not None and len(who) > 2:
        detail = ngettext("{n} country, {year}", "{n} countries, {year}", len(who)).format(
            n=len(who), year=group["year"])
    else:
        detail = ", ".join(who)
    if flags := group["flags"]:
        names = ", ".join(map(flag_label, flags)).lower()
        detail += "; " + ngettext("flag not counted: {names}", "flags not counted: {names}",
                                  len(flags)).format(names=names)
    return f"{label} ({detail})"


def left_out_table(ds: Dataset, current: Current) -> pd.DataFrame:
    """The figures left out as too old, each with its year; a flag without a dated
    headline figure has no indicator and no value."""
    h, rows = _headers(), []
    for r in current.left_out.itertuples(index=False):
        about = indicator_facts(ds, r.indicator) if r.indicator else None
        rows.append((ds.name(r.country), about["label"] if about else MISSING,
                     written(r.value, about["unit"]) if about else _("no data"),
                     year_cell(r.year),
                     ", ".join(map(flag_label, r.flags)) or pgettext("table cell", "none")))
    return pd.DataFrame(rows, columns=[h[k] for k in ("country", "indicator", "value", "year",
                                                      "flags")])
