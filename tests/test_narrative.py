"""Number formatting and key messages, on a tiny invented dataset."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policylab.catalogue import Indicator
from policylab.errors import DataError
from policylab.evidence.breaks import judged_series
from policylab.narrative import (
    KeyMessage,
    change_message,
    fmt_number,
    fmt_quantity,
    fmt_year_range,
    level_vs_group_message,
    missing_message,
    old_data_message,
    rank_message,
)
from policylab.narrative.format import ordinal
from policylab.pack.dataset import Dataset


# --------------------------------------------------------------------- formatting
@pytest.mark.parametrize(("value", "unit", "expected"), [
    (1234, "", "1,234"),
    (1234567.0, "", "1.2 million"),
    (12.34, "", "12.3"),
    (0.454, "", "0.45"),
    (0.003456, "", "0.0035"),
    (999.96, "", "1,000"),
    (0, "", "0"),
    (0.0, "% of GDP", "0%"),
    (-0.0001, "", "\u22120.00010"),
    (-0.04, "", "\u22120.040"),
    (-1234.4, "", "\u22121,234"),
    (12.34, "% of GDP", "12.3%"),
    (-2.56, "%", "\u22122.56%"),
    (1.2e9, "current US$", "US$ 1.2 billion"),
    (-3.4e12, "US$", "\u2212US$ 3.4 trillion"),
    (250e9, "US$", "US$ 250 billion"),
    (4567.8, "current international $", "$ 4,568"),
])
def test_fmt_number(value, unit, expected):
    assert fmt_number(value, unit) == expected


def test_fmt_number_never_shows_negative_zero():
    assert fmt_number(-0.04, decimals=1) == "0"
    assert fmt_number(-0.0) == "0"


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (10.2, "% of GDP", "10.2% of GDP"),
    (48.46e6, "people", "48.5 million people"),
    (12.34, "per 100 people", "12.3 per 100 people"),
    (1234.4, "US$ per person", "US$ 1,234 per person"),
    (2.5e9, "constant 2015 US$", "US$ 2.5 billion (constant 2015 US$)"),
    (2.5e9, "current US$", "US$ 2.5 billion"),
    (0.31, "t per 1,000 US$", "0.31 t per 1,000 US$"),
    (3.12, "index", "3.12"),
    (3.12, "score (1 = low, 5 = high)", "3.12"),
    (12.0, "rank (1 = best)", "12"),
    (4567.8, "current international $ (PPP)", "$ 4,568 (current international $, PPP)"),
    (0.31, "kg CO2 per 2011 PPP $", "0.31 kg CO2 per 2011 PPP $"),
    (-2.6, "% per year", "\u22122.60% per year"),
])
def test_fmt_quantity(value, unit, expected):
    assert fmt_quantity(value, unit) == expected


@pytest.mark.parametrize("missing", [float("nan"), None, pd.NA])
def test_missing_values_are_never_formatted(missing):
    with pytest.raises(DataError, match="missing"):
        fmt_number(missing, "%")


def test_infinite_and_non_numbers_are_refused():
    with pytest.raises(DataError):
        fmt_number(float("inf"))
    with pytest.raises(DataError):
        fmt_number("12")  # type: ignore[arg-type]


def test_year_range_and_ordinals():
    assert fmt_year_range(2000, 2023) == "2000\u20132023"
    assert fmt_year_range(2023, 2023) == "2023"
    with pytest.raises(DataError):
        fmt_year_range(None, 2023)
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


# --------------------------------------------------------------------- messages
CATALOGUE = {
    "mva_share_gdp": Indicator(
        id="mva_share_gdp", label="Manufacturing value added", unit="% of GDP",
        topic="performance", source="World Bank WDI", source_code="NV.IND.MANF.ZS",
        definition="MVA share", higher_is_better=True, dataset="wdi"),
    "co2_per_gdp": Indicator(
        id="co2_per_gdp", label="CO2 emissions per unit of GDP", unit="kg per PPP $",
        topic="greening", source="OWID", source_code="co2_per_gdp",
        definition="CO2 intensity", higher_is_better=False, dataset="owid_co2"),
    "gdp_usd": Indicator(
        id="gdp_usd", label="GDP", unit="current US$", topic="performance",
        source="World Bank WDI", source_code="NY.GDP.MKTP.CD", definition="GDP",
        higher_is_better=None, dataset="wdi"),
    "eci": Indicator(
        id="eci", label="Economic Complexity Index", unit="index", topic="value_chains",
        source="policylab", source_code="derived", definition="ECI", higher_is_better=True,
        recipe={"method": "complexity"}, available=False,
        note="computed by the analysis layer from trade data"),
}
COUNTRIES = pd.DataFrame(
    [("KEN", "KE", "Kenya", "Sub-Saharan Africa", "Lower middle income", False),
     ("UGA", "UG", "Uganda", "Sub-Saharan Africa", "Low income", False),
     ("TZA", "TZ", "Tanzania", "Sub-Saharan Africa", "Lower middle income", False),
     ("PHL", "PH", "Philippines", "East Asia & Pacific", "Lower middle income", False),
     ("SOM", "SO", "Somalia", "Sub-Saharan Africa", "Low income", False),
     ("WLD", "1W", "World", "", "", True)],
    columns=["iso3", "iso2", "name", "region", "income_group", "is_aggregate"])
OBSERVATIONS = [
    ("KEN", 2000, "mva_share_gdp", 10.2), ("KEN", 2010, "mva_share_gdp", 9.0),
    ("KEN", 2023, "mva_share_gdp", 7.6),
    ("TZA", 2000, "mva_share_gdp", 9.0), ("TZA", 2023, "mva_share_gdp", 8.4),
    ("PHL", 2005, "mva_share_gdp", 24.0), ("PHL", 2023, "mva_share_gdp", 17.6),
    ("WLD", 2023, "mva_share_gdp", 16.0),
    ("SOM", 1995, "mva_share_gdp", 2.5),
    ("KEN", 2012, "co2_per_gdp", 0.31), ("TZA", 2016, "co2_per_gdp", 0.2),
    ("PHL", 2020, "co2_per_gdp", 0.25),
    ("KEN", 2023, "gdp_usd", 107.4e9),
]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    obs = pd.DataFrame(OBSERVATIONS, columns=["iso3", "year", "indicator", "value"])
    trade = pd.DataFrame(columns=["exporter", "product", "year", "value"])
    products = pd.DataFrame(columns=["code", "name", "name_short", "section"])
    return Dataset.from_frames(obs, COUNTRIES, trade, products, {}, CATALOGUE)


def test_change_message_reads_like_the_design(ds):
    message = change_message(ds, "mva_share_gdp", "KEN", 2000, 2023,
                             comparison=("peer median", 12.1, 2023))
    assert message.text == ("Kenya's manufacturing value added went from 10.2% of GDP in 2000 "
                            "to 7.60% in 2023, against the peer median of 12.1% of GDP "
                            "(2023).")
    assert str(message) == message.text
    assert message.indicator == "mva_share_gdp"
    assert message.values["start_value"] == 10.2 and message.values["end_year"] == 2023


def test_change_message_names_the_years_actually_found(ds):
    message = change_message(ds, "mva_share_gdp", "Philippines", 2000)
    assert message.text == ("The Philippines' manufacturing value added went from 24.0% of GDP "
                            "in 2005 to 17.6% in 2023.")
    assert message.values["start_year"] == 2005


def test_change_message_with_one_figure(ds):
    message = change_message(ds, "mva_share_gdp", "KEN", 2015, 2023)
    assert message.text == ("Kenya's manufacturing value added stood at 7.60% of GDP in 2023, "
                            "the only figure for 2015\u20132023.")


def test_change_message_with_only_older_data(ds):
    message = change_message(ds, "mva_share_gdp", "SOM", 2000, 2023)
    assert "No data on manufacturing value added for Somalia for 2000\u20132023" in message.text
    assert "the latest figure is 2.50% of GDP from 1995" in message.text


def test_change_message_with_a_missing_comparison(ds):
    message = change_message(ds, "mva_share_gdp", "KEN", 2000, 2023,
                             comparison=("peer median", float("nan"), None))
    assert message.text.endswith("; no peer median is available for comparison.")


def test_missing_message(ds):
    message = missing_message(ds, "mva_share_gdp", "UGA")
    assert message.text == ("No data on manufacturing value added for Uganda in this data "
                            "pack (source: World Bank WDI, NV.IND.MANF.ZS).")
    assert change_message(ds, "mva_share_gdp", "UGA", 2000).text == message.text
    assert level_vs_group_message(ds, "mva_share_gdp", "UGA").text == message.text


def test_missing_message_for_an_indicator_outside_the_pack(ds):
    assert missing_message(ds, "eci", "KEN").text == (
        "No data on Economic Complexity Index for Kenya in this data pack (source: policylab, "
        "derived). Computed by the analysis layer from trade data.")


def test_level_against_region_median_needs_three_countries(ds):
    message = level_vs_group_message(ds, "mva_share_gdp", "KEN", "region")
    # Sub-Saharan Africa reports 2 recent figures (Kenya 7.6, Tanzania 8.4; the World is not
    # a member, Somalia's 1995 is too old): no median is judged on two countries.
    assert math.isnan(message.values["group_median"]) and message.values["group_count"] == 2
    assert message.text == ("Kenya's manufacturing value added stood at 7.60% of GDP in 2023. "
                            "Only 2 countries of the Sub-Saharan Africa group report this "
                            "figure; a median needs at least 3, so no median is shown.")


def test_level_against_peers_with_one_and_two_peers_judges_nothing(ds):
    for peers, count in ((["TZA", "PHL"], 2), (["TZA"], 1)):
        message = level_vs_group_message(ds, "mva_share_gdp", "KEN", peers)
        assert math.isnan(message.values["group_median"]), peers
        assert f"nly {count} peer" in message.text and "below" not in message.text


def test_a_median_is_stated_with_its_unit():
    """A median is a figure like any other: "(0.16, 2024)" alone is not one."""
    rows = [("KEN", 2023, "co2_per_gdp", 0.30), ("TZA", 2022, "co2_per_gdp", 0.20),
            ("PHL", 2021, "co2_per_gdp", 0.16), ("UGA", 2023, "co2_per_gdp", 0.12)]
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, COUNTRIES, pd.DataFrame(columns=["exporter", "product",
                                                                   "year", "value"]),
                             pd.DataFrame(columns=["code", "name", "name_short", "section"]),
                             {}, CATALOGUE)
    message = level_vs_group_message(ds, "co2_per_gdp", "KEN", ["TZA", "PHL", "UGA"])
    assert message.text.endswith("above the median of its 3 peers with data "
                                 "(0.16 kg per PPP $, 2021–2023).")
    compared = change_message(ds, "co2_per_gdp", "KEN", 2000, 2023,
                              comparison=("peer median", 0.16, 2023))
    assert compared.text.endswith("against the peer median of 0.16 kg per PPP $ (2023).")


def test_level_with_no_group_figure(ds):
    message = level_vs_group_message(ds, "mva_share_gdp", "KEN", ["UGA"])
    assert "No peers report this figure" in message.text


def test_a_change_across_a_likely_break_is_not_stated():
    years = list(range(2000, 2012))
    values = [7.0 + 0.05 * i for i in range(9)] + [20.0, 20.1, 20.2]
    obs = pd.DataFrame({"iso3": "UGA", "year": years, "indicator": "mva_share_gdp",
                        "value": values})
    ds = Dataset.from_frames(obs, COUNTRIES, pd.DataFrame(
        columns=["exporter", "product", "year", "value"]), pd.DataFrame(
        columns=["code", "name", "name_short", "section"]), {}, CATALOGUE)
    message = change_message(ds, "mva_share_gdp", "UGA", 2000)
    assert "went from" not in message.text
    assert "the change since 2000 is not stated" in message.text
    assert "likely breaks in 2009" in message.values["change_withheld"]
    assert change_message(ds, "mva_share_gdp", "UGA", 2009).text.startswith(
        "Uganda's manufacturing value added went from 20.0% of GDP in 2009")


def test_rank_message(ds):
    message = rank_message(ds, "mva_share_gdp", "KEN")
    assert message.values == {"rank": 3, "count": 3, "value": 7.6, "year": 2023}
    assert message.text == ("Kenya ranked 3rd of 3 countries with data on manufacturing value "
                            "added in 2023 (7.60% of GDP; 1st = highest).")
    among = rank_message(ds, "mva_share_gdp", "KEN", among=["TZA"])
    assert among.values["rank"] == 2 and among.values["count"] == 2


def test_old_data_message(ds):
    message = old_data_message(ds, "co2_per_gdp", "KEN")
    assert "the latest figure on CO2 emissions per unit of GDP is from 2012" in message.text
    assert message.values["newest_year"] == 2020
    assert old_data_message(ds, "co2_per_gdp", "TZA") is None
    assert old_data_message(ds, "co2_per_gdp", "UGA").text.startswith("No data on")


def test_no_message_ever_shows_nan_or_none(ds):
    texts = []
    for indicator in CATALOGUE:
        for country in COUNTRIES.loc[~COUNTRIES["is_aggregate"], "iso3"]:
            texts += [
                change_message(ds, indicator, country, 2000, 0,
                               comparison=("peer median", math.nan, None)).text,
                change_message(ds, indicator, country, 2000, 2023).text,
                level_vs_group_message(ds, indicator, country, "income_group").text,
                level_vs_group_message(ds, indicator, country, ["UGA", "SOM"]).text,
                rank_message(ds, indicator, country).text,
                missing_message(ds, indicator, country).text,
                str(old_data_message(ds, indicator, country, max_age=0) or ""),
            ]
    assert texts
    for text in texts:
        assert "nan" not in text.lower().split() and "nan%" not in text.lower()
        assert "None" not in text and "<NA>" not in text


def test_key_message_keeps_the_numbers():
    message = KeyMessage("x", "mva_share_gdp", {"value": 1.0})
    assert message._repr_markdown_() == "x"
    assert message.values == {"value": 1.0}


@pytest.mark.realdata
def test_real_messages_never_show_nan_or_none(real_dataset):
    indicators = ["mva_share_gdp", "co2_per_gdp", "gdp_usd", "fixed_broadband_per100",
                  "mva_per_capita", "rd_share_gdp", "eci"]
    for country in ["KEN", "NAM", "SOM", "BGR", "TWN", "VNM"]:
        if country not in real_dataset.countries().index:
            continue
        for indicator in indicators:
            texts = [change_message(real_dataset, indicator, country, 2000).text,
                     level_vs_group_message(real_dataset, indicator, country).text,
                     rank_message(real_dataset, indicator, country).text,
                     str(old_data_message(real_dataset, indicator, country) or "")]
            for text in texts:
                assert "nan" not in text.lower().replace("-", " ").split()
                assert "None" not in text and "<NA>" not in text


def test_user_text_is_shown_as_typed_inside_markdown():
    from policylab.display import plain_text

    shown = plain_text('<script>alert("x")</script> *T* [link](http://x) A & B')
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "\\*T\\*" in shown and "\\[link\\]\\(http://x\\)" in shown and "A &amp; B" in shown


def test_a_computed_series_inherits_the_breaks_of_its_inputs():
    """Uganda's manufactured exports per person rose smoothly while the manufactures share
    behind them jumped to a new level: no change of the product is stated either."""
    years = list(range(2000, 2012))
    share = [10.0] * 6 + [30.0] * 6  # a level shift in 2006 (e.g. a reclassification)
    total = [100.0 * 1.05 ** k / s for k, s in enumerate(share)]  # the product grows 5% a year
    product = [s * t / 100 for s, t in zip(share, total, strict=True)]
    rows = [("KEN", y, i, v) for i, values in (("share", share), ("total", total),
                                              ("product", product))
            for y, v in zip(years, values, strict=True)]
    catalogue = {
        "share": Indicator(id="share", label="Manufactures share", unit="%", topic="t",
                           source="s", source_code="S", definition="d", higher_is_better=None,
                           dataset="wdi"),
        "total": Indicator(id="total", label="Exports", unit="current US$", topic="t",
                           source="s", source_code="T", definition="d", higher_is_better=None,
                           dataset="wdi"),
        "product": Indicator(id="product", label="Manufactured exports", unit="current US$",
                             topic="t", source="s", source_code="P", definition="d",
                             higher_is_better=None, dataset="derived",
                             recipe={"method": "product", "factors": ["share", "total"],
                                     "scale": 0.01}),
    }
    obs = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, COUNTRIES, pd.DataFrame(columns=["exporter", "product",
                                                                   "year", "value"]),
                             pd.DataFrame(columns=["code", "name", "name_short", "section"]),
                             {}, catalogue)
    assert judged_series(ds, "product") == ("product", "share", "total")
    assert judged_series(ds, "share") == ("share",)
    message = change_message(ds, "product", "KEN", 2000, 2011)
    assert "went from" not in message.text and "is not stated" in message.text
    assert "change_withheld" in message.values


def test_income_group_median_is_named_in_the_reader_language(ds):
    """The income group was lowered as English text ("lower middle income") on French pages."""
    from policylab.i18n import using_language

    with using_language("fr"):
        text = level_vs_group_message(ds, "mva_share_gdp", "KEN", "income_group").text
    assert "revenu intermédiaire, tranche inférieure" in text and "income" not in text
    english = level_vs_group_message(ds, "mva_share_gdp", "KEN", "income_group").text
    assert "the median of lower middle income countries" in english
