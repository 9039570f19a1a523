"""Section 1, the scorecard: each country against its own peers, gaps in spreads signed so
that positive is better; under it, where each country is strongest against the world
(``policylab.forum.workshop.strengths``) and the figures left out as older than the recency
window (``policylab.forum.recency``)."""

import pandas as pd
import plotly.graph_objects as go

from policylab.cases import flag_label
from policylab.charts import heatmap
from policylab.charts.grid import labels_on_top
from policylab.forum.recency import Current
from policylab.forum.workshop import STRENGTHS_PER_COUNTRY, indicator_facts, strengths
from policylab.lessons.synthesis import meta
from policylab.narrative import fmt_number, fmt_quantity
from policylab.pack.dataset import Dataset
from policylab.results import FLAG_RULES
from policylab.text import MISSING, in_sentence, is_missing, signed

#: The scorecard's rows: topics in this order, then the challenge rules' order.
TOPIC_ORDER = ("performance", "greening", "digital", "value_chains")
#: Scorecard colours stop at this many standard deviations, so that one outlier does not
#: wash out every other cell (the cell text always shows the true value).
SCORECARD_CLIP_SD = 2.0
#: The gap column is written with two decimals, so that the column lines up.
GAP_DECIMALS = 2


def scorecard_figure(ds: Dataset, table: pd.DataFrame) -> go.Figure:
    """Headline indicators x countries, coloured by the direction-aware gap to each
    country's own peer median (in spreads, clipped at ``SCORECARD_CLIP_SD``); each cell
    shows the value and its year. The title says what the chart compares; it ranks no
    country (no league table: see ``strengths_text`` for where each one is strong)."""
    first = table.drop_duplicates("indicator").set_index("indicator")
    topics, rules = list(TOPIC_ORDER), [rule.indicator for rule in FLAG_RULES]
    order = sorted(first.index, key=lambda i: (
        topics.index(t) if (t := first.at[i, "topic"]) in topics else len(topics),
        rules.index(i) if i in rules else len(rules), i))
    codes = list(dict.fromkeys(table["country"]))
    # the sign of the unit only, a US$ unit left out (the row label names the currency)
    cells = ["no data" if is_missing(r.value)
             else fmt_number(r.value, "" if "US$" in str(r.unit) else r.unit)
             + ("" if pd.isna(r.year) else f"<br>({int(r.year)})")
             for r in table.itertuples(index=False)]
    gaps, text = (table.assign(cell=cells).pivot(index="country", columns="indicator",
                                                 values=column).reindex(index=codes, columns=order)
                  for column in ("better_gap", "cell"))
    title = (f"{len(codes)} countries, {len(order)} headline indicators: each country against "
             "the median of its own peers (blue = ahead of its peers, orange = behind)")
    source = (f"Source: the countries' results files ({meta.span(table['year'])}); publishers in "
              "the sources section. Blue = better than peers.")
    fig = heatmap(gaps.clip(-SCORECARD_CLIP_SD, SCORECARD_CLIP_SD).T, title=title,
                  source=source, text=text.T, column_names={c: ds.name(c) for c in codes},
                  row_names={i: f"{first.at[i, 'label']}<br><sub>{first.at[i, 'unit']}</sub>"
                             for i in order},
                  colorbar_title="Gap to peer median (SD, + = better)")
    fig.update_layout(height=max(480, 50 * len(order) + 300))
    fig.update_xaxes(tickangle=0)
    fig.update_traces(textfont={"size": 12})
    labels_on_top(fig)
    return fig


def strengths_text(ds: Dataset, table: pd.DataFrame,
                   per_country: int = STRENGTHS_PER_COUNTRY) -> str:
    """Where each country is strong (``strengths``), one line per country in the
    scorecard's order, each figure with its year and its place in the world."""
    found = strengths(ds, table, per_country)
    if found.empty:
        return ""
    lines = ["**Where each country is strongest** (its headline figures that are better than "
             "those of the largest share of countries in the world, each country's latest "
             "value in the recency window):"]
    for code in dict.fromkeys(table["country"]):
        own = found[found["country"] == code]
        if not own.empty:
            lines.append(f"- {ds.name(code)}: " + "; ".join(
                f"{in_sentence(r.label)} {fmt_quantity(r.value, r.unit)} ({r.year}), better than "
                f"{r.better_than:.0f}% of {r.count} countries" for r in own.itertuples()))
    return "\n".join(lines)


def scorecard_display(ds: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a reader's table: one row per country and indicator, each number
    written with its own unit (indicators of very different sizes share the columns)."""
    rows = [{"Country": ds.name(row.country), "Indicator": row.label,
             "Value": meta.written(row.value, row.unit), "Year": meta.year_text(row.year),
             "Peer median": meta.written(row.peer_median, row.unit),
             "Gap (SD, + = better)": signed(row.better_gap, decimals=GAP_DECIMALS)}
            for row in table.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Country", "Indicator", "Value", "Year", "Peer median",
                                       "Gap (SD, + = better)"])


def left_out_text(ds: Dataset, current: Current) -> str:
    """The note under the scorecard: the recency window, and which figures were left out
    as older than it: how many, on how many indicators, their names, and per indicator the
    countries and years (or one year when all share it), with the flags that fell with
    them."""
    window = (f"**Recency window.** The scorecard, shared priorities, peer-learning pairs "
              f"and agenda use only figures from {current.cutoff} or later "
              f"({ds.newest_year - current.cutoff} years before {ds.newest_year}, the newest "
              "year of the core series).")
    table = current.left_out
    if table.empty:
        return window + " No headline figure of the workshop's countries is older."
    parts = []
    for indicator, rows in table.groupby("indicator", sort=False, dropna=False):
        label = (indicator_facts(ds, indicator)["label"] if isinstance(indicator, str) and indicator
                 else "a flag without a dated headline figure")
        years = {y for y in rows["year"] if not is_missing(y)}
        who = [ds.name(r.country) if is_missing(r.year) else f"{ds.name(r.country)} {int(r.year)}"
               for r in rows.drop_duplicates("country").itertuples(index=False)]
        if len(years) == 1 and len(who) > 2:
            detail = f"{len(who)} countries, {int(next(iter(years)))}"
        else:
            detail = ", ".join(who)
        if flags := sorted({f for fs in rows["flags"] for f in fs}):
            names = ", ".join(map(flag_label, flags)).lower()
            detail += f"; flag{'s' if len(flags) > 1 else ''} not counted: {names}"
        parts.append(f"{label} ({detail})")
    n = table["indicator"].nunique(dropna=False)
    return (f"{window} **Left out as too old:** {len(table)} figure"
            f"{'s' if len(table) != 1 else ''} on {n} indicator{'s' if n != 1 else ''}: "
            + "; ".join(parts) + ".")


def left_out_table(ds: Dataset, current: Current) -> pd.DataFrame:
    """The figures left out as too old, each with its year (a context table); a flag
    without a dated headline figure has no indicator and no value."""
    rows = [{"Country": ds.name(r.country),
             "Indicator": indicator_facts(ds, r.indicator)["label"] if r.indicator else MISSING,
             "Value": meta.written(r.value, indicator_facts(ds, r.indicator)["unit"])
             if r.indicator else "no data", "Year": meta.year_text(r.year),
             "Flags not counted": ", ".join(map(flag_label, r.flags)) or "none"}
            for r in current.left_out.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Country", "Indicator", "Value", "Year",
                                       "Flags not counted"])
