"""``charts.lines.lines_chart``: a few named lines over the years."""

from __future__ import annotations

import pandas as pd

from policylab.charts import figure_title
from policylab.charts.lines import lines_chart


def test_lines_chart_draws_the_lines_with_data_only():
    co2 = pd.Series([1.0, 1.5, 2.25], index=[2000, 2001, 2002])
    fig = lines_chart("CO2 rose", "Million tonnes", "Source: X.", ("Emissions", "Mt"),
                      [(co2, "CO2", "#000000", 3.0, {}),
                       (pd.Series(dtype=float), "Empty", "#111111", 1.0, {}),
                       (co2 * 2, "Twice", "#222222", 1.0,
                        {"dash": "dash", "mode": "lines+markers"})],
                      hover="%{y:.1f} Mt", yaxis_rangemode="tozero")
    assert [t.name for t in fig.data] == ["CO2", "Twice"]
    assert list(fig.data[1].y) == [2.0, 3.0, 4.5] and fig.data[1].line.dash == "dash"
    assert fig.data[1].mode == "lines+markers" and fig.data[0].line.width == 3.0
    assert fig.data[0].hovertemplate == "CO2: %{y:.1f} Mt<extra></extra>"
    assert fig.layout.yaxis.rangemode == "tozero" and fig.layout.hovermode == "x unified"
    assert "CO2 rose" in figure_title(fig) and "Million tonnes" in figure_title(fig)
