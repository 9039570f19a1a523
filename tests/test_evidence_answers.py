"""The answer-leak rule (``policylab.evidence.answers``) on hand-made pages: an answer in
the text, in a table, in chart data (typed arrays included), and a choice answer that
appears only among the choices its question offers."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio

from policylab.evidence.answers import (
    ANSWER_KEY,
    CHOICES_KEY,
    FORMS_KEY,
    Answer,
    answers_shown,
    declared_answers,
    hover_labels,
)

CHOICES = ("absolute decoupling", "relative decoupling", "no decoupling")


def page(*parts: str) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"


def chart(fig: go.Figure) -> str:
    """The chart as nbconvert pages hold it: a ``Plotly.newPlot`` call in a script."""
    return pio.to_html(fig, include_plotlyjs=False, full_html=False)


def question() -> str:
    items = "".join(f"<li>{choice}</li>" for choice in CHOICES)
    return f"<p><strong>Your turn.</strong> Which kind of decoupling?</p><ul>{items}</ul>"


def test_an_answer_in_the_text_is_shown_as_declared():
    html = page("<p>Output grew by 11.9% a year since 2010.</p>")
    assert answers_shown(html, ["11.9% a year", "12.0% a year"]) == ["11.9% a year"]
    # a figure that only contains the digits is another figure
    assert answers_shown(page("<p>It reached 111.95 and 11.95.</p>"), ["11.9"]) == []
    assert answers_shown(page("<p>The index fell to −1.40.</p>"), ["1.40"]) == []


def test_an_answer_in_a_table_is_shown():
    table = ("<table><tr><th>Product</th><th>RCA, 2016</th></tr>"
             "<tr><td>Phosphates</td><td>47.4</td></tr></table>")
    assert answers_shown(page(table), ["47.4"]) == ["47.4"]
    # a median of 11.9 (% of GDP) in a table is not a growth rate of 11.9% a year
    medians = "<table><tr><th>Group median</th></tr><tr><td>11.9</td></tr></table>"
    assert answers_shown(page(medians), ["11.9% a year"]) == []


def test_an_answer_in_chart_data_is_shown():
    growth = go.Figure(go.Scatter(x=[2010, 2024], y=[11.86, 3.0],
                                  hovertemplate="%{y:.1f}% a year (%{x})<extra></extra>"))
    assert answers_shown(page(chart(growth)), ["11.9% a year", "3.00% a year"]) == \
        ["11.9% a year"]
    labelled = go.Figure(go.Bar(x=["Tea", "Cut flowers"], y=[22.8, 13.6],
                                text=["22.8% of exports", "13.6% of exports"]))
    assert answers_shown(page(chart(labelled)), ["13.6% of exports", "2.8% of exports"]) == \
        ["13.6% of exports"]
    titled = go.Figure(go.Scatter(x=[2000, 2024], y=[1.0, 2.0]))
    titled.add_annotation(text="Output grew by 11.9% a year", showarrow=False)
    assert answers_shown(page(chart(titled)), ["11.9% a year"]) == ["11.9% a year"]


def test_chart_numbers_are_read_from_typed_arrays_and_with_the_axis_unit():
    import numpy as np

    fig = go.Figure(go.Scatter(x=np.arange(2000, 2004), y=np.array([13.9, 14.2, 15.0, 47.4]),
                               hovertemplate="%{y:.1f} products (%{x})<extra></extra>"))
    html = chart(fig)
    assert '"bdata"' in html  # plotly writes numpy arrays as base64 typed arrays
    assert answers_shown(page(html), ["47.4 products"]) == ["47.4 products"]
    fig.update_traces(hovertemplate="%{y:.1f} (%{x})<extra></extra>")
    fig.update_layout(yaxis_title="Exports (% of GDP)")  # 47.4 is now a percentage
    assert answers_shown(page(chart(fig)), ["47.4%"]) == ["47.4%"]
    hidden = go.Figure(go.Scatter(x=[0.51, 0.2], y=[0.3, 0.4], hoverinfo="skip"))
    assert hover_labels(json.loads(hidden.to_json())["data"][0]) == []


def test_a_bare_number_among_a_charts_hover_labels_is_not_attributed():
    """An RCA of 0.55 is not given away by another economy's ECI of 0.55 on hover."""
    eci = go.Figure(go.Scatter(x=[1000, 5000, 9000], y=[0.29, 0.55, -1.2],
                               text=["Mauritius", "Viet Nam", "Malawi"],
                               hovertemplate="%{text}: %{y:.2f}<extra></extra>"))
    assert answers_shown(page(chart(eci)), ["0.55"]) == []
    bars = go.Figure(go.Bar(x=["Mauritius", "Viet Nam"], y=[0.29, 0.55], text=["0.29", "0.55"]))
    assert answers_shown(page(chart(bars)), ["0.29"]) == []


def test_the_notebooks_static_markdown_is_not_searched():
    static = ('<div class="jp-Cell jp-MarkdownCell"><p>Rule. Absolute decoupling: GDP grew, '
              "emissions fell; what would it take to reach absolute decoupling?</p></div>")
    answer = Answer("absolute decoupling", CHOICES)
    assert answers_shown(page(static, question()), [answer]) == []
    assert answers_shown(page(static.replace("jp-MarkdownCell", "jp-OutputArea")),
                         ["absolute decoupling"]) == ["absolute decoupling"]


def test_a_page_without_the_answer_shows_none():
    fig = go.Figure(go.Scatter(x=[2000, 2024], y=[5.1, 6.2],
                               hovertemplate="%{y:.2f}<extra></extra>"))
    html = page("<p>Manufacturing grew.</p>", question(), chart(fig))
    assert answers_shown(html, ["11.9% a year", "47.4", Answer("relative decoupling",
                                                                 CHOICES)]) == []


def test_a_choice_answer_among_the_offered_choices_only_is_no_leak():
    answer = Answer("relative decoupling", CHOICES)
    assert answers_shown(page(question()), [answer]) == []
    said = page("<p>Kenya shows relative decoupling since 2010.</p>", question())
    assert answers_shown(said, [answer]) == ["relative decoupling"]
    # without its choices the question's own list gives the answer away
    assert answers_shown(page(question()), ["relative decoupling"]) == ["relative decoupling"]
    other_list = page("<ul><li>relative decoupling</li><li>growth</li></ul>", question())
    assert answers_shown(other_list, [answer]) == ["relative decoupling"]


def test_a_rule_box_that_defines_every_choice_gives_none_away():
    answer = Answer("relative decoupling", CHOICES)
    rule = ("<blockquote><p>Rule. Absolute decoupling: GDP grew, emissions fell. Relative "
            "decoupling: both grew, emissions more slowly. No decoupling: emissions grew as "
            "fast as GDP or faster.</p></blockquote>")
    assert answers_shown(page(rule, question()), [answer]) == []
    stated = page(rule, question(), "<p>Key message: relative decoupling since 2010.</p>")
    assert answers_shown(stated, [answer]) == ["relative decoupling"]


def test_an_answer_stated_in_other_words_is_found_by_its_declared_forms():
    """A rule's verdict given away in other words than its choice's: the chart note "not
    clear: within the scatter" answered "Inconclusive: ... too flat to read a peak from"
    above the question, and no choice names "not clear". The answer's declared forms are
    looked for anywhere a participant reads, except inside the choices the question offers."""
    verdicts = ("Yes: the share fell below the peak of a clear world pattern",
                "Inconclusive: the share fell, but the world pattern is too flat to read a "
                "peak from")
    items = "".join(f"<li>{choice}</li>" for choice in verdicts)
    asked = f"<p><strong>Your turn.</strong> Apply the rule.</p><ul>{items}</ul>"
    note = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    note.add_annotation(x=1, y=3, text="fitted peak at US$ 4,250 (not clear: within the "
                                       "scatter)")
    plain = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    plain.add_annotation(x=1, y=3, text="fitted peak at US$ 4,250")
    without_forms = Answer(verdicts[1], verdicts)
    answer = Answer(verdicts[1], verdicts, ("not clear", "too flat"))
    assert answers_shown(page(chart(note), asked), [without_forms]) == []  # the old miss
    assert answers_shown(page(chart(note), asked), [answer]) == [verdicts[1]]
    # "too flat" only inside the offered choice, the peak without its outcome: no leak
    assert answers_shown(page(chart(plain), asked), [answer]) == []
    said = page(asked, "<p>The world pattern is too flat here.</p>")
    assert answers_shown(said, [answer]) == [verdicts[1]]
    # not in the notebook's static Markdown either
    static = '<div class="jp-MarkdownCell"><p>If the line is not clear, say so.</p></div>'
    assert answers_shown(page(static, asked), [answer]) == []


def test_declared_answers_are_read_from_the_solution_outputs():
    notebook = {"cells": [
        {"cell_type": "code", "outputs": [
            {"output_type": "display_data", "metadata": {ANSWER_KEY: "11.9% a year"}},
            {"output_type": "display_data",
             "metadata": {ANSWER_KEY: "relative decoupling", CHOICES_KEY: list(CHOICES)}},
            {"output_type": "display_data", "metadata": {}},
            {"output_type": "display_data",
             "metadata": {ANSWER_KEY: "no decoupling", CHOICES_KEY: list(CHOICES),
                          FORMS_KEY: ["emissions kept pace"]}}]},
        {"cell_type": "markdown", "source": "text"}]}
    assert declared_answers(notebook) == [
        Answer("11.9% a year"), Answer("relative decoupling", CHOICES),
        Answer("no decoupling", CHOICES, ("emissions kept pace",))]
    assert Answer("−28.6%").number == "−28.6" and Answer("no decoupling").number is None
