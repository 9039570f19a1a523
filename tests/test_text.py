"""The text layer: one decimal rule everywhere, signs, units, possessives, labels, lists."""

from __future__ import annotations

import pandas as pd
import pytest

from policylab.charts.template import value_format
from policylab.display import format_number, table_bundle
from policylab.narrative.format import fmt_number
from policylab.text import (
    MINUS,
    format_value,
    in_sentence,
    join_list,
    possessive,
    signed,
    with_unit,
)


@pytest.mark.parametrize(("value", "expected"), [
    (5.678, "5.68"), (56.78, "56.8"), (567.8, "567.8"), (5678.4, "5,678"), (1234, "1,234"),
    (0.456, "0.46"), (0.0034, "0.0034"), (9.996, "10.0"), (-2.5, f"{MINUS}2.50"),
    (-0.0001, f"{MINUS}0.00010"), (0.0, "0"), (float("nan"), "\u2013"), (None, "\u2013"),
])
def test_format_value_rule(value, expected):
    assert format_value(value) == expected


@pytest.mark.parametrize("value", [5.678, -12.345, 0.0456, 567.8, 12345.6])
def test_table_chart_and_sentence_agree(value):
    table = table_bundle(pd.DataFrame({"x": [value]}), "c", "s")["text/plain"].splitlines()[2]
    chart = f"{{:{value_format([value])}}}".format(value).replace("-", MINUS)
    sentence = fmt_number(value)
    assert table.strip() == chart == sentence == format_value(value) == format_number(value)


def test_units_signs_and_words():
    assert format_value(12.34, "% of GDP") == "12.3% of GDP"
    assert format_value(3.2, "t") == "3.20 t"
    assert with_unit("5", None) == "5"
    assert format_value(48.46e6, words=True) == "48.5 million"
    assert signed(2.4, "%") == "+2.40%"
    assert signed(-0.8, "points") == f"{MINUS}0.80 points"
    assert signed(0.0001, decimals=1) == "0.0"


def test_words():
    assert possessive("Kenya") == "Kenya's"
    assert possessive("Philippines") == "the Philippines'"
    assert possessive("Philippines", start=True) == "The Philippines'"
    assert in_sentence("CO2 emissions per capita") == "CO2 emissions per capita"
    assert in_sentence("R&D expenditure") == "R&D expenditure"
    assert in_sentence("ICT goods exports") == "ICT goods exports"
    assert in_sentence("Manufacturing value added (% of GDP)") == \
        "manufacturing value added (% of GDP)"
    assert join_list(["A", "B", "C"]) == "A, B and C"
    assert join_list(["A"]) == "A" and join_list([]) == ""
    assert join_list(["A", "B"], "or") == "A or B"


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (62.5, 0, "63%"), (37.5, 0, "38%"), (2.675, 2, "2.68"), (0.125, 2, "0.13"),
    (-0.5, 0, "−1"), (234.45, 1, "234.5")])
def test_a_half_is_rounded_away_from_zero_everywhere(value, decimals, expected):
    """5 of 8 countries is 63%, as 3 of 8 is 38% (Python alone writes 62% and 38%); a
    table's fixed decimals and a chart's bar label round the same way."""
    from policylab.charts.compare import _bar_text
    from policylab.text.figures import fixed

    unit = "%" if expected.endswith("%") else None
    assert format_value(value, unit, decimals=decimals) == expected
    assert fixed(value, decimals, unit) == expected.replace("−", "-")
    assert _bar_text(value, decimals, unit or "") == expected
