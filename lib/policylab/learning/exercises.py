"""Exercises ("your turn") that check a learner's answer and explain why.

An :class:`Exercise` holds a question and its answer, computed by the notebook from the
data (never typed in), with a tolerance for numbers. :meth:`Exercise.check` accepts what
people actually type ("12,5 %", "1,234", "−3.2") and answers with :class:`Feedback`: right
or wrong, the reason ("why") either way, and the hint after a wrong try.

:func:`show_exercise` builds ipywidgets in a live session and plain Markdown in static mode
(no widget state in the batch's notebooks, no placeholders in its HTML);
:func:`show_solution` goes in a cell tagged ``solution``, which the participant page drops.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass, field

import ipywidgets as widgets
from IPython.display import display

from policylab.display import format_number, markdown
from policylab.errors import PolicylabError
from policylab.evidence.answers import ANSWER_KEY as ANSWER_KEY
from policylab.evidence.answers import CHOICES_KEY, FORMS_KEY
from policylab.i18n import _
from policylab.learning.mode import is_static
from policylab.text import with_unit as text_with_unit

MAX_RADIO_CHOICES = 6


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer; ``hint`` is given only after a wrong try."""

    correct: bool
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Exercise:
    """One question with its answer.

    ``answer`` is a number (checked within ``tolerance`` absolute or ``rel_tolerance``
    relative, whichever is wider), one of ``choices`` (multiple choice), or a text compared
    without regard to case, spacing and final punctuation (``also_accept`` lists other
    accepted spellings). ``explanation`` says why the answer is what it is; ``solution`` is
    the worked solution shown by :func:`show_solution`. ``answer_forms`` are other words
    that would state the answer on a page (the outcome of a check that decides it: "not
    clear" for "Inconclusive: ... too flat ..."), declared with it so that a build finds
    them too. A numeric answer that is NaN (the data are missing for this country) makes
    the exercise unavailable, not broken.
    """

    question: str
    answer: float | str
    choices: tuple[str, ...] = ()
    unit: str = ""
    tolerance: float = 0.0
    rel_tolerance: float = 0.0
    explanation: str = ""
    hint: str | None = None
    solution: str = ""
    also_accept: tuple[str, ...] = field(default=())
    answer_forms: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "choices", tuple(self.choices))
        object.__setattr__(self, "also_accept", tuple(self.also_accept))
        object.__setattr__(self, "answer_forms", tuple(self.answer_forms))
        if self.tolerance < 0 or self.rel_tolerance < 0:
            raise PolicylabError("Exercise tolerances cannot be negative.")
        if self.choices and self.answer not in self.choices:
            raise PolicylabError(
                f"Exercise answer {self.answer!r} is not one of its choices {list(self.choices)}."
            )
        if not self.choices and not isinstance(self.answer, numbers.Real | str):
            raise PolicylabError(f"Exercise answer must be a number or text, not {self.answer!r}.")

    @property
    def kind(self) -> str:
        """Which of "choice", "number" or "text": decides the widget and the comparison."""
        if self.choices:
            return "choice"
        return "number" if _is_number(self.answer) else "text"

    @property
    def available(self) -> bool:
        """False when the answer could not be computed (missing data for this country)."""
        return not (self.kind == "number" and math.isnan(float(self.answer)))

    def answer_text(self) -> str:
        """The answer as a reader should see it, with its unit."""
        if self.kind == "number":
            return with_unit(format_number(float(self.answer)), self.unit)
        return str(self.answer)

    def check(self, answer: object) -> Feedback:
        """Compare a learner's answer with the expected one and explain the result."""
        if not self.available:
            return Feedback(False, _("This exercise cannot be checked: the data it needs are "
                                     "missing for this country."))
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Feedback(False, _("Type or choose an answer first."))
        if self.kind == "number":
            return self._check_number(answer)
        expected = {_normalise_text(a) for a in (str(self.answer), *self.also_accept)}
        if _normalise_text(str(answer)) in expected:
            return self._right()
        return self._wrong(_("“{answer}” is not the answer.").format(answer=answer))

    def _check_number(self, answer: object) -> Feedback:
        try:
            value = float(answer) if _is_number(answer) else parse_number(str(answer))
        except ValueError as error:
            return Feedback(False, str(error))
        expected = float(self.answer)
        # the small factor keeps an answer exactly on the boundary (7.52 for 7.62 ± 0.1)
        # inside despite binary rounding
        allowed = max(self.tolerance, self.rel_tolerance * abs(expected)) * (1 + 1e-9)
        if math.isclose(value, expected, rel_tol=1e-9) or abs(value - expected) <= allowed:
            return self._right()
        given = with_unit(format_number(value), self.unit)
        if value > expected:
            return self._wrong(_("{answer} is too high.").format(answer=given))
        return self._wrong(_("{answer} is too low.").format(answer=given))

    def _right(self) -> Feedback:
        message = _("Correct: {answer}.").format(answer=self.answer_text())
        return Feedback(True, _with_why(message, self.explanation))

    def _wrong(self, what: str) -> Feedback:
        return Feedback(False, _with_why(_("Not quite: {what}").format(what=what),
                                         self.explanation), self.hint)


def _with_why(message: str, explanation: str) -> str:
    if not explanation:
        return message
    return _("{message} Why: {explanation}").format(message=message, explanation=explanation)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def with_unit(number_text: str, unit: str) -> str:
    """A number with its unit: "12.5% of GDP" (a percent sign attaches), "1,234 US$"."""
    return text_with_unit(number_text, unit)


def _normalise_text(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".!?")


_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+|['’\u00a0\u202f ]\d{3}(?!\d))*(?:[eE][-+]?\d+)?")
_GROUPED = {",": re.compile(r"\d{1,3}(,\d{3})+"), ".": re.compile(r"\d{1,3}(\.\d{3})+")}


def parse_number(text: str) -> float:
    """Read one number as people type it, ignoring units and symbols around it.

    Separators: with both "," and ".", the last one is the decimal mark ("1.234,5",
    "1,234.5"); a lone "," is a thousands separator only in groups of three ("1,234" ->
    1234), otherwise a decimal comma ("12,5" -> 12.5); spaces and apostrophes group
    thousands. Raises ``ValueError`` with a message meant for the learner.
    """
    cleaned = text.replace("\u2212", "-")
    found = [m.group().strip() for m in _NUMBER.finditer(cleaned)]
    if len(found) != 1:
        if not found:
            raise ValueError(_("I found no number in “{text}”: type one number, such as "
                               "12.5.").format(text=text))
        raise ValueError(_("I found more than one number in “{text}”: type one number, such "
                           "as 12.5.").format(text=text))
    token = re.sub(r"['’\u00a0\u202f ]", "", found[0])
    sign = "-" if token.startswith("-") else ""
    body = token.lstrip("+-")
    mantissa, exponent = (re.split(r"(?=[eE])", body, maxsplit=1) + [""])[:2]
    return float(sign + _decimal_point(mantissa, text) + exponent)


def _decimal_point(digits: str, original: str) -> str:
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return digits.replace(thousands, "").replace(decimal, ".")
    for mark in (",", "."):
        if mark in digits:
            if _GROUPED[mark].fullmatch(digits) and (mark == "," or digits.count(".") > 1):
                return digits.replace(mark, "")
            if digits.count(mark) == 1:
                return digits.replace(mark, ".")
            raise ValueError(_("I cannot read “{text}” as a number: type it like "
                               "1234.5.").format(text=original))
    return digits


def question_markdown(exercise: Exercise) -> str:
    """The question as Markdown: what static mode shows, and the header of the widget."""
    parts = [_("**Your turn.** {question}").format(question=exercise.question)]
    if exercise.choices:
        parts.append("\n".join(f"- {choice}" for choice in exercise.choices))
    if exercise.unit and exercise.kind == "number":
        parts.append(_("*Answer in {unit}.*").format(unit=exercise.unit))
    if not exercise.available:
        parts.append(_("> The data this exercise needs are missing for this country: "
                       "discuss the question instead."))
    return "\n\n".join(parts)


def feedback_markdown(feedback: Feedback) -> str:
    """Feedback as Markdown: a mark, the message, and the hint when there is one."""
    mark = "✅" if feedback.correct else "❌"
    text = f"{mark} {feedback.message}"
    if not feedback.hint:
        return text
    return _("{text}\n\n**Hint:** {hint}").format(text=text, hint=feedback.hint)


def solution_markdown(exercise: Exercise) -> str:
    """The worked solution: the answer, the working, and why."""
    answer = exercise.answer_text() if exercise.available \
        else _("not available (missing data)")
    parts = [_("**Solution.** {answer}").format(answer=answer)]
    if exercise.solution:
        parts.append(exercise.solution)
    if exercise.explanation:
        parts.append(_("*Why:* {explanation}").format(explanation=exercise.explanation))
    return "\n\n".join(parts)


def show_exercise(exercise: Exercise) -> None:
    """Show the question: with an answer box and a Check button when live, as plain
    Markdown in static mode (or when there is nothing to check)."""
    display(markdown(question_markdown(exercise)))
    if not is_static() and exercise.available:
        display(exercise_widget(exercise))


def exercise_widget(exercise: Exercise) -> widgets.VBox:
    """Answer input, Check button and a feedback area that is replaced on every check."""
    if exercise.choices:
        kind = widgets.RadioButtons if len(exercise.choices) <= MAX_RADIO_CHOICES \
            else widgets.Dropdown
        answer = kind(options=list(exercise.choices), value=None,
                      layout=widgets.Layout(width="auto"))
    else:
        answer = widgets.Text(placeholder=_("Your answer"))
    button = widgets.Button(description=_("Check"), button_style="primary")
    unit = [widgets.Label(exercise.unit)] if exercise.unit and exercise.kind == "number" else []
    feedback = widgets.Output()

    def on_check(_: widgets.Button) -> None:
        feedback.outputs = ()
        feedback.append_display_data(markdown(feedback_markdown(exercise.check(answer.value))))

    button.on_click(on_check)
    return widgets.VBox([widgets.HBox([answer, *unit, button]), feedback])


def declared_answer(exercise: Exercise) -> str:
    """The answer as a page would show it: the number with its unit when it has one
    ("11.9% a year", so that another figure that happens to be 11.9% of GDP is not taken
    for it), the bare number when it has none (an RCA of 17.1), or the text."""
    if exercise.kind == "number":
        return exercise.answer_text()
    return str(exercise.answer)


def answer_metadata(exercise: Exercise) -> dict[str, str | list[str]]:
    """The solution output's declaration (``policylab.evidence.answers``): the answer as
    shown (``ANSWER_KEY``), for multiple choice the choices the question offers
    (``CHOICES_KEY``: the page lists them, which gives nothing away), and the answer's other
    forms (``FORMS_KEY``); nothing when the exercise is unavailable."""
    if not exercise.available:
        return {}
    metadata: dict[str, str | list[str]] = {ANSWER_KEY: declared_answer(exercise)}
    if exercise.choices:
        metadata[CHOICES_KEY] = list(exercise.choices)
    if exercise.answer_forms:
        metadata[FORMS_KEY] = list(exercise.answer_forms)
    return metadata


def show_solution(exercise: Exercise) -> None:
    """Show the worked solution (put the call in a cell tagged ``solution``); the output
    declares the answer in its metadata (:func:`answer_metadata`), so that a build can
    check that no participant page holds it (DESIGN §10: no answer before its exercise)."""
    display(markdown(solution_markdown(exercise)), metadata=answer_metadata(exercise))
