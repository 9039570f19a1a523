"""The evidence layer on a small synthetic Dataset: medians with counts, recency,
percentile labels."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policylab.evidence import (
    MIN_COUNT,
    group_median,
    group_median_series,
    group_medians,
    peer_median,
    standing,
    with_year,
)
from policylab.evidence.percentiles import percentile_of
from policylab.evidence.standing_words import world_words
from policylab.pack.dataset import Dataset

GROUP = "Lower middle income"


def _dataset() -> Dataset:
    codes = [f"C{k:02d}" for k in range(12)]
    countries = pd.DataFrame({
        "iso3": codes, "iso2": codes, "name": [f"Country {c}" for c in codes],
        "region": ["R"] * 12,
        "income_group": [GROUP] * 4 + ["High income"] * 8, "is_aggregate": [False] * 12})
    rows = []
    for k, code in enumerate(codes):
        for year in range(2015, 2026):
            if code == "C03" and year > 2012:
                continue  # C03 never reports in the window
            value = float(k + 1) if not (code == "C02" and year == 2025) else float("nan")
            rows.append((code, year, "mva_share_gdp", value))
        rows.append((code, 2025, "gdp_usd", 1e9))
    rows.append(("C00", 2008, "co2_mt", 3.0))  # old figure only
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    return Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())


@pytest.fixture(scope="module")
def ds():
    return _dataset()


def test_peer_median_needs_three(ds):
    enough = peer_median(ds, "mva_share_gdp", ["C00", "C01", "C04"])
    assert enough.value == 2.0 and enough.count == 3 and enough.ok
    short = peer_median(ds, "mva_share_gdp", ["C00", "C03", "C04"])
    assert math.isnan(short.value) and short.count == 2
    assert short.sentence().startswith("Only 2 peers report")
    assert f"at least {MIN_COUNT}" in short.sentence()


def test_group_median_uses_latest_in_window(ds):
    # C02's 2025 value is missing: its 2024 value (3) counts; C03 has nothing
    median = group_median(ds, "mva_share_gdp", "income_group", GROUP)
    assert median.count == 3 and median.value == 2.0 and median.years == (2024, 2025)


def test_yearly_group_medians_have_counts_and_are_cached(ds):
    table = group_medians(ds, "mva_share_gdp", "income_group")
    assert table is group_medians(ds, "mva_share_gdp", "income_group")
    mine = group_median_series(ds, "mva_share_gdp", "income_group", GROUP, (2024, 2025))
    assert list(mine.index) == [2024]  # 2025: only 2 members report
    row = table[(table["group"] == GROUP) & (table["year"] == 2024)].iloc[0]
    assert row["count"] == 3 and row["value"] == 2.0


def test_recency_labels_old_figures(ds):
    assert ds.recency_cutoff == 2020
    assert with_year(ds, "3.00 Mt", 2008) == "3.00 Mt (2008)"
    assert with_year(ds, "2.00%", 2024) == "2.00%"


def test_percentiles_and_labels(ds):
    assert percentile_of(3.0, pd.Series([1.0, 2.0, 3.0, 4.0])) == 62.5
    top = standing(ds, "mva_share_gdp", "C11")
    assert top.count == 11 and top.label == "high"
    assert "top quarter of 11 countries" in world_words(top).format(subject="C11", count=top.count,
                                                                    rank="99th")
    bottom = standing(ds, "mva_share_gdp", "C00")
    assert bottom.label == "low" and round(bottom.percentile, 1) == 4.5
    in_group = standing(ds, "mva_share_gdp", "C00", within="income_group")
    assert in_group.count == 3 and in_group.label is None  # too few for a label


def test_every_verdict_method_box_describes_the_robust_scatter_the_code_uses():
    """The typical scatter is ``MAD_TO_SD`` x the median absolute deviation of the residuals
    around their median (``verdicts.typical_scatter``), not the standard deviation the
    digital and value-chains method boxes once named (one far-off country moves the one and
    not the other), nor the median distance from the line the boxes then named (it differs
    when more countries lie on one side of the line). Every box states it in the same words,
    and those words, followed, give the code's figure."""
    from policylab.evidence.income_pattern import verdict_rule
    from policylab.evidence.verdicts import scatter_definition, typical_scatter
    from policylab.lessons.value_chains.complexity import fit_rule_text
    from policylab.metrics.world_pattern import method_note

    residuals = [-1.0, -0.5, 0.0, 0.5, 1.0, 40.0]
    assert typical_scatter(residuals) == pytest.approx(1.4826 * 0.75)
    assert typical_scatter(residuals) < pd.Series(residuals).std() / 10
    words = ("1.4826 × the median of how far each distance from the line, counted positive "
             "above it and negative below, lies from the median distance")
    assert scatter_definition() == words
    one_sided = [-3.0, 1.0, 1.5, 2.0, 2.5]  # median 1.5: how far each lies from it
    assert typical_scatter(one_sided) == pytest.approx(1.4826 * 0.5)  # 4.5, .5, 0, .5, 1
    assert typical_scatter(one_sided) != pytest.approx(1.4826 * 2.0)  # median |distance|
    for text in (verdict_rule(), fit_rule_text(), method_note(1)):  # as the pages show them
        assert words in text
        assert "median distance from the line" not in text
        assert "median absolute distance" not in text
        assert "standard deviation of the" not in text
        assert "is the standard deviation" not in text


def test_a_computed_panel_s_group_median_takes_each_member_s_latest_value_in_the_window(
        tiny_dataset):
    from policylab.evidence.medians import panel_group_median

    # Upper middle income in the tiny pack: NAM, BRA, ROU, XKX (KEN is lower middle)
    panel = pd.DataFrame({"NAM": [1.0, 2.0, None], "BRA": [5.0, None, None],
                          "ROU": [None, None, 9.0], "KEN": [100.0, 100.0, 100.0]},
                         index=[1990, 1999, 2002])
    median = panel_group_median(tiny_dataset, panel, "income_group", "Upper middle income", 2002)
    # the window is 1997-2002: BRA's 1990 figure is too old, NAM gives 2.0 (1999), ROU 9.0
    assert (median.count, median.years) == (2, (1999, 2002)) and math.isnan(median.value)
    wider = panel_group_median(tiny_dataset, panel.assign(XKX=[None, 4.0, None]),
                               "income_group", "Upper middle income", 2002)
    assert (wider.value, wider.count) == (4.0, 3)
