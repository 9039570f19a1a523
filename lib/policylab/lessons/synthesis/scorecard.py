"""Section 1, the scorecard: each country against its own peers, gaps in spreads signed so
that positive is better."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import heatmap
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
from policylab.text import is_missing, signed

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
    shows the value and its year. The title names who trails on most indicators."""
    order = _indicator_order(table)
    codes = list(dict.fromkeys(table["country"]))
    gaps = (table.pivot(index="country", columns="indicator", values="better_gap")
            .reindex(index=codes, columns=order).clip(-SCORECARD_CLIP_SD, SCORECARD_CLIP_SD))
    text = table.assign(cell=[_cell(r) for r in table.itertuples(index=False)]).pivot(
        index="country", columns="indicator", values="cell").reindex(index=codes, columns=order)
    labels = table.drop_duplicates("indicator").set_index("indicator")
    row_names = {i: f"{labels.at[i, 'label']}<br><sub>{labels.at[i, 'unit']}</sub>"
                 for i in order}
    behind = (table["better_gap"] < 0).groupby(table["country"]).sum()
    known = table["better_gap"].notna().groupby(table["country"]).sum()
    most = behind.idxmax()
    tied = int((behind == behind[most]).sum())
    title = (f"{ds.name(most)} is behind its peer median on {int(behind[most])} of its "
             f"{int(known[most])} compared headline indicators, "
             + ("the most" if tied == 1 else "tied for the most")
             + f" among the {len(codes)} countries")
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
