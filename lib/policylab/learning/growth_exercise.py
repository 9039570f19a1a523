"""The standard growth exercise: from a series' first and last values, compute its compound
annual growth rate (CAGR). Values in current US$ say so in the question and the explanation,
since their growth mixes prices and exchange rates with production."""

from __future__ import annotations

import math

from policylab.i18n import _
from policylab.learning.exercises import Exercise
from policylab.metrics.growth import Cagr
from policylab.narrative import fmt_number, fmt_quantity
from policylab.text import sentence_start


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
