"""Section 1, the scorecard: each country against its own peers, gaps in spreads signed so
that positive is better."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import heatmap
from policylab.evidence.percentiles import standing
from policylab.lessons.synthesis.meta import (
    COUNT_UNITS,
    labels_on_top,
    quantity,
    span,
    year_text,
)
from policylab.narrative import fmt_number
from policylab.pack.dataset import Dataset
from policylab.results import FLAG_RULES
from policylab.text import in_sentence, is_missing, signed

TOPIC_LABELS = {"performance": "Industrial performance", "greening": "Greening",
                "digital": "Digitalization", "value_chains": "Value chains"}
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
    order = _indicator_order(table)
    codes = list(dict.fromkeys(table["country"]))
    gaps = (table.pivot(index="country", columns="indicator", values="better_gap")
            .reindex(index=codes, columns=order).clip(-SCORECARD_CLIP_SD, SCORECARD_CLIP_SD))
    text = table.assign(cell=[_cell(r) for r in table.itertuples(index=False)]).pivot(
        index="country", columns="indicator", values="cell").reindex(index=codes, columns=order)
    labels = table.drop_duplicates("indicator").set_index("indicator")
    row_names = {i: f"{labels.at[i, 'label']}<br><sub>{labels.at[i, 'unit']}</sub>"
                 for i in order}
    title = (f"{len(codes)} countries, {len(order)} headline indicators: each country against "
             "the median of its own peers (blue = ahead of its peers, orange = behind)")
    years = table["year"].dropna()
    source = (f"Source: the countries' results files ({span(years)}); publishers in the "
              "sources section. Blue = better than peers.")
    fig = heatmap(gaps.T, title=title, source=source, text=text.T, row_names=row_names,
                  column_names={c: ds.name(c) for c in codes},
                  colorbar_title="Gap to peer median (SD, + = better)")
    fig.update_layout(height=max(480, 50 * len(order) + 300))
    fig.update_xaxes(tickangle=0)
    fig.update_traces(textfont={"size": 12})
    labels_on_top(fig, 30)
    return fig


#: How many of each country's strongest figures the strengths note names.
STRENGTHS_PER_COUNTRY = 2


def strengths(ds: Dataset, table: pd.DataFrame,
              per_country: int = STRENGTHS_PER_COUNTRY) -> pd.DataFrame:
    """Each country's strongest headline figures relative to the world distribution:
    its world percentile (``policylab.evidence.percentiles.standing``, in the figure's
    year), turned so that a higher share is better (for indicators where lower is better,
    the share of countries with a higher value); the ``per_country`` best per country.
    Columns: country, indicator, label, unit, value, year, better_than (percent), count."""
    rows = []
    for row in table.itertuples(index=False):
        if (is_missing(row.value) or row.indicator not in ds.catalogue
                or row.higher_is_better is None or pd.isna(row.year)):
            continue
        place = standing(ds, row.indicator, row.country, "world", int(row.year))
        if is_missing(place.percentile):
            continue
        better = place.percentile if row.higher_is_better else 100.0 - place.percentile
        rows.append({"country": row.country, "indicator": row.indicator, "label": row.label,
                     "unit": row.unit, "value": row.value, "year": int(row.year),
                     "better_than": better, "count": place.count})
    found = pd.DataFrame(rows, columns=["country", "indicator", "label", "unit", "value",
                                        "year", "better_than", "count"])
    return (found.sort_values(["country", "better_than"], ascending=[True, False])
            .groupby("country", sort=False).head(per_country).reset_index(drop=True))


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
        if own.empty:
            continue
        parts = [f"{in_sentence(r.label)} {quantity(r.value, r.unit)} ({r.year}), better than "
                 f"{r.better_than:.0f}% of {r.count} countries" for r in own.itertuples()]
        lines.append(f"- {ds.name(code)}: " + "; ".join(parts))
    return "\n".join(lines)


def scorecard_display(ds: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a reader's table: one row per country and indicator, each number
    written with its own unit (indicators of very different sizes share the columns)."""
    def written(value: float, unit: str) -> str:
        return "no data" if is_missing(value) else quantity(value, unit)

    rows = [{"Country": ds.name(row.country), "Indicator": row.label,
             "Value": written(row.value, row.unit), "Year": year_text(row.year),
             "Peer median": written(row.peer_median, row.unit),
             "Gap (SD, + = better)": signed(row.better_gap, decimals=GAP_DECIMALS)}
            for row in table.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["Country", "Indicator", "Value", "Year", "Peer median",
                                       "Gap (SD, + = better)"])


def _indicator_order(table: pd.DataFrame) -> list[str]:
    topics = list(TOPIC_LABELS)
    rules = [rule.indicator for rule in FLAG_RULES]
    first = table.drop_duplicates("indicator")
    return sorted(first["indicator"], key=lambda i: (
        topics.index(t) if (t := first.set_index("indicator").at[i, "topic"]) in topics
        else len(topics), rules.index(i) if i in rules else len(rules), i))


def _cell(row) -> str:
    if is_missing(row.value):
        return "no data"
    year = "" if pd.isna(row.year) else f"<br>({int(row.year)})"
    unit = "" if "US$" in str(row.unit) else row.unit  # the row label names the currency
    whole = str(row.unit).split(" ", 1)[0] in COUNT_UNITS
    return f"{fmt_number(row.value, unit, decimals=0 if whole else None)}{year}"
