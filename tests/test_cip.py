"""CIP composite: a hand-computed 3-country example, missing data, sensitivity, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from policylab.errors import DataError
from policylab.metrics.cip import (
    COMPONENT_SOURCES,
    COMPONENTS,
    EPSILON,
    ZSCORE_FLOOR,
    cip_components,
    cip_indicators,
    cip_scores,
    cip_sensitivity,
    normalise,
)

LOW, HIGH = 1.0, 9.0


def components_frame(rows: dict[str, list[float]], year: int = 2020) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(COMPONENTS))
    return frame.rename_axis("iso3").reset_index().assign(year=year)


def three_countries() -> pd.DataFrame:
    return components_frame({
        "AAA": [HIGH] * 6,                        # best on everything -> 1
        "BBB": [LOW] * 6,                         # worst on everything -> EPSILON
        "CCC": [HIGH] * 3 + [LOW] * 3,            # (1^3 * EPSILON^3)^(1/6) = sqrt(EPSILON)
        "DDD": [5.0] * 5 + [np.nan],              # incomplete: unranked, ignored in min/max
    })


def test_three_country_scores_match_hand_computation():
    scores = cip_scores(three_countries()).set_index("iso3")
    assert scores.loc["AAA", "cip_score"] == pytest.approx(1.0)
    assert scores.loc["BBB", "cip_score"] == pytest.approx(EPSILON)
    assert scores.loc["CCC", "cip_score"] == pytest.approx(np.sqrt(EPSILON))
    assert scores.loc[["AAA", "CCC", "BBB"], "cip_rank"].tolist() == [1, 2, 3]
    assert (scores.loc[["AAA", "BBB", "CCC"], "n_ranked"] == 3).all()


def test_a_country_with_a_missing_component_is_unranked_with_the_reason():
    scores = cip_scores(three_countries()).set_index("iso3")
    assert pd.isna(scores.loc["DDD", "cip_score"]) and pd.isna(scores.loc["DDD", "cip_rank"])
    assert scores.loc["DDD", "missing_reason"] == "missing world_manuf_exports_share"
    assert scores.loc["AAA", "missing_reason"] == ""


def test_each_year_is_normalised_separately():
    both = pd.concat([three_countries(), three_countries().assign(year=2021)])
    both.loc[both["year"] == 2021, list(COMPONENTS)] *= 10
    scores = cip_scores(both)
    by_year = scores.pivot(index="iso3", columns="year", values="cip_score")
    np.testing.assert_allclose(by_year[2020], by_year[2021])


def test_components_average_their_two_parts_and_never_impute():
    wide = pd.DataFrame({
        "iso3": ["AAA", "BBB"], "year": [2020, 2020],
        "mva_per_capita": [100.0, 50.0], "manuf_exports_per_capita": [80.0, 10.0],
        "mht_share_mva": [40.0, np.nan], "mva_share_gdp": [20.0, 10.0],
        "mht_share_manuf_exports": [60.0, 30.0], "manuf_share_merch_exports": [80.0, 50.0],
        "world_mva_share": [1.0, 0.1], "world_manuf_exports_share": [2.0, 0.2],
    })
    comp = cip_components(wide).set_index("iso3")
    assert comp.loc["AAA", "industrialization_intensity"] == pytest.approx(30.0)
    assert comp.loc["AAA", "export_quality"] == pytest.approx(70.0)
    assert pd.isna(comp.loc["BBB", "industrialization_intensity"])


def test_components_report_missing_inputs():
    with pytest.raises(DataError, match="mva_share_gdp"):
        cip_components(pd.DataFrame({"iso3": ["A"], "year": [2020]}))


def test_zscore_normalisation_puts_the_minimum_one_sd_above_zero():
    values = np.array([[1.0], [2.0], [3.0]])
    z = normalise(values, "zscore")[:, 0]
    assert z[0] == pytest.approx(ZSCORE_FLOOR)
    assert z[2] - z[1] == pytest.approx(1 / values.std())
    minmax = normalise(values, "minmax")[:, 0]
    np.testing.assert_allclose(minmax, [EPSILON, EPSILON + (1 - EPSILON) / 2, 1.0])


def spread_countries(n: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    values = rng.lognormal(size=(n, len(COMPONENTS)))
    return components_frame({f"C{i:02d}": list(row) for i, row in enumerate(values)})


def test_sensitivity_gives_reproducible_rank_intervals():
    comp = spread_countries()
    first = cip_sensitivity(comp, 2020, n_draws=300, seed=3)
    again = cip_sensitivity(comp, 2020, n_draws=300, seed=3)
    pd.testing.assert_frame_equal(first, again)
    assert list(first.columns) == ["iso3", "rank", "rank_low", "rank_high", "rank_zscore"]
    assert (first["rank_low"] <= first["rank_high"]).all()
    assert (first["rank_high"] - first["rank_low"]).max() > 0  # weights do matter here
    baseline = cip_scores(comp).set_index("iso3")["cip_rank"]
    assert (first.set_index("iso3")["rank"] == baseline.loc[first["iso3"]]).all()


def test_sensitivity_keeps_a_dominant_country_first():
    result = cip_sensitivity(three_countries(), 2020, n_draws=200).set_index("iso3")
    assert result.loc["AAA", ["rank", "rank_low", "rank_high", "rank_zscore"]].tolist() == [1] * 4
    assert "DDD" not in result.index


def test_sensitivity_for_a_year_without_complete_data_says_which_years_have_it():
    with pytest.raises(DataError, match="complete data: 2020"):
        cip_sensitivity(three_countries(), 1990)


def test_cip_indicators_from_long_observations():
    rows = []
    for iso3, level in {"AAA": 3.0, "BBB": 1.0, "CCC": 2.0}.items():
        for parts in COMPONENT_SOURCES.values():
            for indicator in parts:
                rows.append((iso3, 2020, indicator, level))
    rows.append(("DDD", 2020, "mva_per_capita", 5.0))  # incomplete: no rows out
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    out = cip_indicators(obs)
    assert list(out.columns) == ["iso3", "year", "indicator", "value"]
    ranks = out[out["indicator"] == "cip_rank"].set_index("iso3")["value"]
    assert ranks.to_dict() == {"AAA": 1.0, "BBB": 3.0, "CCC": 2.0}
    assert "DDD" not in set(out["iso3"])


matrices = arrays(np.float64, st.tuples(st.integers(2, 7), st.just(len(COMPONENTS))),
                  elements=st.floats(0.0, 1e4))


@settings(max_examples=100, deadline=None)
@given(matrices, st.data())
def test_score_and_rank_never_worsen_when_one_component_improves(values, data):
    country = data.draw(st.integers(0, values.shape[0] - 1))
    component = data.draw(st.integers(0, len(COMPONENTS) - 1))
    increase = data.draw(st.floats(0.1, 1e4))
    before = cip_scores(components_frame({f"C{i}": list(r) for i, r in enumerate(values)}))
    improved = values.copy()
    improved[country, component] += increase
    after = cip_scores(components_frame({f"C{i}": list(r) for i, r in enumerate(improved)}))
    assert after.loc[country, "cip_score"] >= before.loc[country, "cip_score"] - 1e-12
    assert after.loc[country, "cip_rank"] <= before.loc[country, "cip_rank"]
