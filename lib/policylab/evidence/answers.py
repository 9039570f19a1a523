"""No exercise's answer on a participant page (DESIGN §10): the rule a build checks.

Every exercise declares its answer as a page would show it (``declared_answer`` in
``policylab.learning.exercises``: "11.9% a year", an RCA of "17.1", "relative decoupling"),
in the metadata of its solution's output (``ANSWER_KEY``, with the offered choices under
``CHOICES_KEY``). :func:`answers_shown` reads a page's HTML and says which of those answers
the page shows anywhere a participant can read it:

- in its text and tables, the answer as declared ("11.9% a year"); the notebook's own
  Markdown cells (``jp-MarkdownCell``: the same static text for every country, which by
  design holds no figure, such as a rule box that defines every choice) are left out;
- in its charts, whose data sit in ``<script>`` blocks (``Plotly.newPlot``): the answer as
  declared in a chart's strings (titles, annotations, axis and trace names); and an answer
  with a unit ("11.9% a year", "8.00 products") in the label of any plotted point: its
  text label, or its hover label written by the trace's hover template and its number
  formats as the reader would see it on hover (``hover_labels``; a value on a percent axis
  carries its "%").

A rule's verdict may also be given away in other words: a chart note "not clear: within
the scatter" states the outcome of the check that makes the answer "Inconclusive: ... the
world pattern is too flat ...". An exercise declares such words as its answer's forms
(``FORMS_KEY``: short phrases that state the outcome of a check deciding it); no question
lists them and no rule box needs them, so a page that writes one outside the choices it
offers shows the answer.

A bare number (an RCA of "0.55") is not looked for in point labels: a chart of 137
economies' ECI or of a hundred products' RCA holds most two-digit numbers, and the figure
would be another economy's or product's, not the answer. A choice answer ("relative
decoupling") is also one of the choices the question offers: the page shows it only when it
names it more often than some other choice (a key message "Kenya shows relative decoupling"
on top of the question's list).

What the rule cannot see is an answer given by position: a worked example's matrix that
shows M = 1 in the cell of a "does it reach 1?" question holds a "1.00" among many. An
exercise therefore asks only for what it declares (the worked example's RCA, checked
against that matrix, not whether it reaches 1).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from policylab.plotcalls import newplot_arguments
from policylab.text import format_value

#: Output metadata key under which a solution declares its answer as shown, so that a build
#: can check that no participant page holds it.
ANSWER_KEY = "policylab_answer"
#: ... and the choices its question offers (multiple choice only).
CHOICES_KEY = "policylab_answer_choices"
#: ... and its forms: other words that state it (the outcome of a check that decides it).
FORMS_KEY = "policylab_answer_forms"
#: Trace keys that hold plotted values (the rest are styles: sizes, widths, opacities).
DATA_KEYS = frozenset({"x", "y", "z", "customdata", "text", "hovertext", "values", "r",
                       "open", "high", "low", "close", "lat", "lon"})

_LEADING_NUMBER = re.compile(r"[−+-]?\d[\d,]*(?:\.\d+)?")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Answer:
    """One exercise's declared answer: ``shown`` as a page would write it, the
    ``choices`` its question offers (empty unless multiple choice) and its ``forms``,
    other words that state it ("not clear" for "Inconclusive: ... too flat ...")."""

    shown: str
    choices: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()

    @property
    def number(self) -> str | None:
        """The number a numeric answer starts with ("−28.6" of "−28.6%"), else None."""
        found = _LEADING_NUMBER.match(self.shown)
        return found.group() if found else None


def declared_answers(notebook: Mapping[str, Any]) -> list[Answer]:
    """The answers an executed notebook's solutions declare (its JSON as a dict)."""
    return [Answer(str(metadata[ANSWER_KEY]), tuple(metadata.get(CHOICES_KEY, ())),
                   tuple(metadata.get(FORMS_KEY, ())))
            for cell in notebook.get("cells", []) for output in cell.get("outputs", [])
            if ANSWER_KEY in (metadata := output.get("metadata", {}))]


def answers_shown(html: str, answers: Iterable[Answer | str]) -> list[str]:
    """The declared ``answers`` (as shown) that the page ``html`` shows in its text, its
    tables or its charts' data, in the order given."""
    page = _Page(html)
    wanted = [a if isinstance(a, Answer) else Answer(str(a)) for a in answers]
    return [answer.shown for answer in wanted if page.shows(answer)]


class _Page:
    """What a reader can see on a page: its computed text (tables included), its charts'
    strings and their hover labels."""

    def __init__(self, html: str) -> None:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, "html.parser")
        scripts = [script.get_text() for script in soup("script")]
        for element in soup(["script", "style"]):
            element.decompose()
        for static in soup.find_all(class_="jp-MarkdownCell"):
            static.decompose()
        self.text = _words(soup.get_text(" "))
        strings: list[str] = []
        hovers: list[str] = []
        for traces, layout in _charts(scripts):
            points = [trace for trace in traces if isinstance(trace, Mapping)]
            strings += list(_strings([layout, *({key: value for key, value in trace.items()
                                                 if key not in DATA_KEYS}
                                                for trace in points)]))
            hovers += [label for trace in points for label in hover_labels(trace, layout)]
            hovers += [label for trace in points for key in ("text", "hovertext")
                       for label in _strings(trace.get(key))]
        self.chart_text = _joined(strings)
        self.hover_text = _joined(hovers)

    def shows(self, answer: Answer) -> bool:
        if any(self._writes_outside_choices(form, answer.choices) for form in answer.forms):
            return True
        if answer.choices:
            return self._names_more_than_the_other_choices(answer)
        pattern = _as_written(answer)
        with_unit = answer.number not in (None, _words(answer.shown))
        return bool(pattern.search(self.text) or pattern.search(self.chart_text)
                    or (with_unit and pattern.search(self.hover_text)))

    def _names_more_than_the_other_choices(self, answer: Answer) -> bool:
        """A question lists every choice, and a rule box may define each: what gives a
        choice away is naming it more often than some other choice."""
        def times(choice: str) -> int:
            pattern = _as_written(Answer(choice))
            return len(pattern.findall(self.text)) + len(pattern.findall(self.chart_text))

        others = [times(choice) for choice in answer.choices
                  if _words(choice).casefold() != _words(answer.shown).casefold()]
        return times(answer.shown) > min(others, default=0)

    def _writes_outside_choices(self, form: str, choices: Iterable[str]) -> bool:
        """Does the page write ``form`` other than inside one of the offered ``choices``
        (the choice "... too flat to read a peak from" holds the form "too flat")?"""
        pattern = _as_written(Answer(form))
        return any(pattern.search(_without(text, choices))
                   for text in (self.text, self.chart_text))


def _as_written(answer: Answer) -> re.Pattern[str]:
    """The answer as a whole figure or phrase: "11.9" does not match inside "111.95", and
    a bare number (no unit) not inside "11.9%", a percentage."""
    shown = _words(answer.shown)
    after = r"(?!\d|[.,]\d|\s?%)" if answer.number == shown else r"(?!\d|[.,]\d)"
    return re.compile(rf"(?<![\w.,\u2212+-]){re.escape(shown)}{after}", re.IGNORECASE)


def _without(text: str, phrases: Iterable[str]) -> str:
    """``text`` with every occurrence of ``phrases`` cut out (as a separator)."""
    for phrase in phrases:
        text = _as_written(Answer(phrase)).sub(" | ", text)
    return text


def _words(text: str) -> str:
    return " ".join(str(text).split())


def _joined(texts: Iterable[str]) -> str:
    """Chart texts as one searchable string (tags such as ``<br>`` as spaces)."""
    return " | ".join(_words(_TAG.sub(" ", text)) for text in texts)


def _charts(scripts: Iterable[str]) -> Iterator[tuple[Any, Any]]:
    """(traces, layout) of every ``Plotly.newPlot(id, traces, layout, ...)`` call."""
    for script in scripts:
        for values in newplot_arguments(script):
            if values is not None:
                yield values[1], values[2] if len(values) > 2 else {}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


_PLACEHOLDER = re.compile(r"%\{([a-z]+)(?:\[(\d+)\])?(?::([^}]*))?\}")


def hover_labels(trace: Mapping[str, Any], layout: Mapping[str, Any] | None = None
                 ) -> list[str]:
    """The hover label of each point of a plotly trace, as the reader reads it: the
    ``hovertemplate`` with its ``%{y:.1f}``-style placeholders filled in (d3 number
    formats, with the minus sign d3 writes), or, without a template, the point's values
    written by the text layer's number rule. A value on an axis whose title is in percent
    ("% of GDP") carries its percent sign, as the reader takes it from the axis. A trace
    that shows no hover (``hoverinfo`` "skip" or "none": layout lines, fitted curves) has
    no labels."""
    if trace.get("hoverinfo") in ("skip", "none"):
        return []
    columns = {key: _column(trace[key]) for key in DATA_KEYS & set(trace)}
    percent = {axis for axis in ("x", "y") if "%" in _axis_title(layout or {}, trace, axis)}
    points = max((len(column) for column in columns.values()), default=0)
    template = trace.get("hovertemplate")
    labels = []
    for i in range(points):
        own = template[i] if isinstance(template, list) and i < len(template) else template
        if isinstance(own, str):
            labels.append(_PLACEHOLDER.sub(partial(_filled, columns=columns, point=i,
                                                   percent=percent, template=own), own))
        else:
            labels.append(" ".join(_shown(column[i]) + ("%" if key in percent else "")
                                   for key, column in columns.items() if i < len(column)))
    return labels


def _axis_title(layout: Mapping[str, Any], trace: Mapping[str, Any], axis: str) -> str:
    name = str(trace.get(f"{axis}axis", axis))  # "y2" -> layout "yaxis2"
    title = layout.get(f"{axis}axis{name[1:]}", {}).get("title", {})
    return str(title.get("text", "") if isinstance(title, Mapping) else title)


def _filled(found: re.Match[str], columns: Mapping[str, list[Any]], point: int,
            percent: set[str], template: str) -> str:
    name, index, spec = found.groups()
    column = columns.get(name)
    if column is None or point >= len(column):
        return found.group()
    value = column[point]
    if index is not None:
        value = value[int(index)] if isinstance(value, list) and int(index) < len(value) \
            else None
    sign = "%" if name in percent and not template[found.end():].startswith("%") else ""
    return _shown(value, spec) + sign


def _shown(value: Any, spec: str | None = None) -> str:
    """A value as plotly shows it: a d3 format where the template gives one (Python's
    format mini-language reads the common ones: ".1f", ",.2f", ".0%"), else the text
    layer's rule."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if spec:
        try:
            text = format(int(round(value)) if spec.endswith("d") else value,
                          spec.lstrip("$~"))
        except ValueError:
            text = format_value(value)
        return text.replace("-", "\u2212")
    return format_value(value)


def _column(value: Any) -> list[Any]:
    """A trace's data array as a list: typed arrays (``{"dtype", "bdata"}``, base64, with
    an optional ``shape``) decoded; a scalar as one value."""
    if isinstance(value, Mapping) and {"dtype", "bdata"} <= set(value):
        import numpy as np

        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = tuple(int(part) for part in shape.split(","))
        return (array.reshape(shape) if shape else array).tolist()
    if isinstance(value, list):
        return [_column(item) if isinstance(item, Mapping) else item for item in value]
    return [value]
