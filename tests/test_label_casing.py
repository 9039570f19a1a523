"""A label inside a sentence (``policylab.text.in_sentence``) and the forum chart titles
built on it: a title-case name keeps its capitals, sentence labels lose the first one."""

from __future__ import annotations

import pandas as pd

from policylab.catalogue import load_catalogue
from policylab.charts.template import figure_title
from policylab.lessons.synthesis.shared import evidence_figure
from policylab.pack.dataset import Dataset
from policylab.text import in_sentence


def test_a_title_case_name_keeps_its_capitals_inside_a_sentence():
    assert in_sentence("Economic Complexity Index") == "Economic Complexity Index"
    assert in_sentence("Competitive Industrial Performance score") == \
        "Competitive Industrial Performance score"
    assert in_sentence("Industry's CO2 emissions") == "industry's CO2 emissions"
    assert in_sentence("Manufacturing value added (% of GDP)") == \
        "manufacturing value added (% of GDP)"
    assert in_sentence("Internet users") == "internet users"
    assert in_sentence("CO2 emissions") == "CO2 emissions"


def test_no_catalogue_label_reads_with_a_lower_case_first_word_and_capitals_after():
    for key, indicator in load_catalogue().items():
        words = in_sentence(indicator.label).split(" ")
        if len(words) > 1 and words[0][:1].islower():
            assert not (words[1][:1].isupper() and words[1].isalpha()), (key, words)


def test_forum_priority_chart_title_writes_the_economic_complexity_index_as_a_name():
    codes = ["KEN", "UGA", "TZA"]
    countries = pd.DataFrame({"iso3": codes, "iso2": ["KE", "UG", "TZ"],
                              "name": ["Kenya", "Uganda", "Tanzania"], "region": ["R"] * 3,
                              "income_group": ["Low income"] * 3, "is_aggregate": [False] * 3})
    obs = pd.DataFrame([(c, 2024, "eci", v) for c, v in zip(codes, (-1.14, -0.9, -0.7),
                                                            strict=True)],
                       columns=["iso3", "year", "indicator", "value"])
    ds = Dataset.from_frames(obs, countries, pd.DataFrame(), pd.DataFrame())
    evidence = [{"country": c, "indicator": "eci", "value": v, "year": 2024,
                 "peer_median": -0.5, "world_edge": -0.6}
                for c, v in zip(codes, (-1.14, -0.9, -0.7), strict=True)]
    figure = evidence_figure(ds, {"label": "Low economic complexity", "flag": "low_eci",
                                  "evidence": evidence})
    title = figure_title(figure).replace("<br>", " ")
    assert "Economic Complexity Index from" in title
    assert "economic Complexity" not in title
