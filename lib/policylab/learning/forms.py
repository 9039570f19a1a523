"""Standard exercise forms that several lessons ask in the same words: "by what percentage
did it change?" between two values the question states; the compound annual growth rate
(CAGR) from a series' first and last values, saying when values in current US$ mix prices
and exchange rates with production; and the min-max step of a composite index by hand (a
country's 0–100 score on one component from the lowest and highest values)."""

from __future__ import annotations

import math

from policylab.i18n import N_, _
from policylab.learning.exercises import Exercise
from policylab.metrics.growth import Cagr
from policylab.metrics.minmax import MinMax
from policylab.narrative import fmt_number, fmt_quantity
from policylab.text import format_value, sentence_start


def percent_change_exercise(question: str, first: str = "", last: str = "",
                            answer: float = float("nan"), explanation: str = "",
                            tolerance: float = 1.0) -> Exercise:
    """The % change from ``first`` to ``last`` (numbers as the question writes them, so the
    worked solution recomputes from what the reader sees), with the standard hint; without
    ``answer``, an exercise that is not asked (``question`` says why)."""
    if math.isnan(answer):
        return Exercise(question, float("nan"), unit="%")
    return Exercise(
        question=question, answer=answer, unit="%", tolerance=tolerance,
        hint=_("Divide the last value by the first, subtract 1 and multiply by 100."),
        explanation=explanation,
        solution=f"`({last} / {first} − 1) × 100 ≈ {format_value(answer, '%')}`.")


def cagr_question(country: object, indicator: str, unit: str, growth: Cagr, basis: str) -> str:
    """The question: the two values, in their price basis (``basis``, English, "" for none)."""
    fields = {"country": country, "indicator": indicator,
              "first": fmt_quantity(growth.start_value, unit), "y0": growth.start_year,
              "last": fmt_quantity(growth.end_value, unit), "y1": growth.end_year,
              "basis": _(basis) if basis else ""}
    if not basis:
        template = _("{country.Possessive} {indicator} was {first} in {y0} and {last} in {y1}. "
                     "What was its compound annual growth rate (CAGR), in % a year?")
    elif basis.startswith("current"):
        template = _("{country.Possessive} {indicator} was {first} in {y0} and {last} in {y1}, "
                     "both in {basis} (each year’s prices). What was its compound annual growth "
                     "rate (CAGR), in % a year?")
    else:
        template = _("{country.Possessive} {indicator} was {first} in {y0} and {last} in {y1}, "
                     "both in {basis}. What was its compound annual growth rate (CAGR), in % a "
                     "year?")
    return sentence_start(template.format(**fields))


def cagr_exercise(country: object, indicator: str, unit: str, growth: Cagr, basis: str = "",
                  note: str = "") -> Exercise:
    """"What was the CAGR of ``country``'s ``indicator`` (a noun phrase; ``unit`` in the
    current language)?", answered in % a year to 0.2 points; ``note`` follows the question
    (why the growth is read over fewer years). Unavailable when the rate is NaN."""
    if math.isnan(growth.rate):
        return Exercise(_("Compute the average annual growth of {indicator} for {country}.")
                        .format(indicator=indicator, country=country),
                        float("nan"), unit=_("% a year"))
    years = growth.end_year - growth.start_year
    formula = {"end": fmt_number(growth.end_value, ""),
               "start": fmt_number(growth.start_value, ""), "years": years,
               "rate": fmt_number(growth.rate * 100, "%", 2),
               "basis": _(basis) if basis else ""}
    return Exercise(
        question=cagr_question(country, indicator, unit, growth, basis) + note,
        answer=round(growth.rate * 100, 2), unit=_("% a year"), tolerance=0.2,
        hint=_("CAGR = (last / first)^(1 / number of years) − 1; here {years} years.").format(
            years=years),
        explanation=(_("the CAGR is the constant yearly rate that takes the first value to the "
                       "last (in current US$, so part of it is price and exchange-rate change "
                       "rather than more production).") if basis.startswith("current") else
                     _("the CAGR is the constant yearly rate that takes the first value to the "
                       "last.")),
        solution=(_("`({end} / {start}) ^ (1 / {years}) − 1 = {rate}` a year (values in "
                    "{basis}).") if basis else
                  _("`({end} / {start}) ^ (1 / {years}) − 1 = {rate}` a year.")).format(
            **formula),
    )


#: The min-max formula as the exercise writes it.
MINMAX_FORMULA = N_("(value − lowest) / (highest − lowest) × 100")
#: Points (0–100) within which a normalised score is accepted.
MINMAX_TOLERANCE = 1.0


def minmax_exercise(position: MinMax, *, label, country, window: str, unit: str) -> Exercise:
    """The exercise on ``position`` (its score is the answer), ``label`` a phrase for a
    sentence, ``window`` the years the latest figures come from; unavailable without a
    score."""
    fields = {"country": country, "label": label, "window": window, "formula": _(MINMAX_FORMULA)}
    if math.isnan(position.score):
        question = _("The index rescales each component to 0–100 with min-max normalisation. "
                     "On {label}, {country} has no recent figure (latest figures, {window}). "
                     "What is its normalised score?").format(**fields)
        solution = _("{formula} with no recent figure.").format(**fields)
    else:
        fields["figures"] = _("{value}, lowest {low}, highest {high}").format(
            value=fmt_number(position.value, unit), low=fmt_number(position.low, unit),
            high=fmt_number(position.high, unit))
        question = _("The index rescales each component to 0–100 with min-max normalisation. "
                     "On {label}, {country} has {figures} (latest figures, {window}). What is "
                     "its normalised score?").format(**fields)
        solution = _("{formula} with {figures}.").format(**fields)
    return Exercise(question=question, answer=position.score, unit=_("points (0–100)"),
                    tolerance=MINMAX_TOLERANCE,
                    explanation=_("{formula} puts the lowest country at 0 and the highest at "
                                  "100.").format(formula=_(MINMAX_FORMULA)),
                    hint=_("Divide the distance from the lowest value by the whole range."),
                    solution=solution)
