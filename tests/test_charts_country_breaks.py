"""charts.country_breaks and metrics.complexity_step_tables, moved
out of the value-chains lesson."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from policylab.charts import breaks as chart_breaks
from policylab.charts.country_breaks import mark_country_breaks
from policylab.evidence.breaks import SeriesFlags
from policylab.metrics.complexity_step_tables import eci_ranking, with_margins
from policylab.metrics.complexity_steps import complexity_steps


def test_mark_country_breaks_names_marks_by_indicator_when_several(monkeypatch,
                                                                   tiny_dataset):
    flags = SeriesFlags(breaks=(2001,), outliers=())
    monkeypatch.setattr(chart_breaks, "series_flags", lambda ds, i, c: flags)
    fig = mark_country_breaks(go.Figure(), tiny_dataset, ["mva_share_gdp"], "KEN", "Kenya")
    assert [a.text for a in fig.layout.annotations] == ["Kenya: likely series break in 2001"]
    two = mark_country_breaks(go.Figure(), tiny_dataset, ["mva_share_gdp", "gdp_usd"], "KEN",
                              "Kenya")
    texts = [a.text for a in two.layout.annotations]
    label = tiny_dataset.indicator("mva_share_gdp").label
    assert len(texts) == 2 and texts[0].startswith(f"Kenya ({label[0].lower()}")


def test_step_tables_add_margins_and_rank_by_eci():
    exports = pd.DataFrame([[10, 0, 5], [0, 8, 1], [3, 3, 3]], index=["A", "B", "C"],
                           columns=["p", "q", "r"], dtype=float)
    steps = complexity_steps(exports)
    table = with_margins(steps, "k_c", "k_p")
    assert list(table["k_c"].iloc[:3]) == list(steps.diversity)
    assert list(table.loc["k_p"].iloc[:3]) == list(steps.ubiquity)
    assert np.isnan(table.at["k_p", "k_c"])
    ranks = eci_ranking(steps, "Diversity")
    assert list(ranks["ECI"]) == sorted(steps.eci.round(2), reverse=True)
    assert ranks["Diversity"].to_dict() == steps.diversity.to_dict()
    assert ranks["ECI"].iloc[0] == pytest.approx(steps.eci.max(), abs=0.005)


def test_marked_line_compare_marks_the_indicator_or_the_computed_ratio(monkeypatch,
                                                                       tiny_dataset):
    from policylab.charts.marked_lines import marked_line_compare

    flags = SeriesFlags(breaks=(2001,), outliers=())
    monkeypatch.setattr(chart_breaks, "series_flags", lambda ds, i, c: flags)
    panel = pd.DataFrame({"KEN": [1.0, 2.0, 3.0], "NAM": [2.0, 2.5, 2.0]},
                         index=[2000, 2001, 2002])
    median = pd.Series([1.5, 2.0, 2.5], index=[2000, 2001, 2002])
    names = {"KEN": "Kenya", "NAM": "Namibia"}
    fig = marked_line_compare(panel, "KEN", ["NAM"], median, ds=tiny_dataset,
                              indicators=["mva_share_gdp"], names=names, title="T",
                              unit="%", source="S", y_label="MVA", group_label="Median")
    assert [t.name for t in fig.data] == ["Median", "Namibia", "Kenya"]
    assert list(fig.data[2].y) == [1.0, 2.0, 3.0] and list(fig.data[0].y) == [1.5, 2.0, 2.5]
    assert [a.text for a in fig.layout.annotations if "break" in str(a.text)] == [
        "Kenya: likely series break in 2001"]
    ratio = marked_line_compare(panel, "KEN", ["NAM"], median, ds=tiny_dataset,
                                indicators=["mva_share_gdp"], names=names,
                                computed=panel["KEN"], title="T", unit="%", source="S")
    assert [s.x0 for s in ratio.layout.shapes] == [2001]
