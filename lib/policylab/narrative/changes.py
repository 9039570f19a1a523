"""Words for how a figure moved, for titles, tables and key messages of any lesson: "rose
by 12.3% to 5.6 t", "fell from 20.1% to 18.4%", a share then and now, percentage points,
"was"/"were" and "rose"/"fell" in a trend title, tonnes of a gas, US$ amounts, yearly rates
and the price basis a US$ unit must state (growth in current US$ mixes prices and volume).

Each template is a whole translated phrase (French and Spanish order the words
differently), filled with numbers written by ``narrative.format`` and ``text``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from policylab.catalogue import Indicator
from policylab.evidence.breaks import withheld
from policylab.i18n import N_, _, ngettext, pgettext
from policylab.i18n.numbers import counts_as_one, number_style
from policylab.metrics.decoupling import percent_change
from policylab.narrative.format import fmt_number, fmt_quantity
from policylab.text import decimals_for, format_value
from policylab.text.movement import which_way


def precise(value: float, unit: str | None = None, *compared: float) -> str:
    """A value below 1 with one decimal more than the shared rule (0.0774, not 0.077), so
    that a small intensity's change shows and can be recomputed in an exercise. Values
    read against each other (``compared``: the other end of a change) take the same
    decimals, the finest of them: 0.0921 and 0.0995, not 0.0921 and 0.100."""
    places = max(decimals_for(v) + (1 if 0 < abs(v) < 1 else 0) for v in (value, *compared))
    return fmt_number(value, unit or "", decimals=places)


def change_words(change: float, rose: str, fell: str, same: str, **fields: object) -> str:
    """One of three translated templates for a % change ("rose", "fell", or "did not
    change" when it reads as 0%), filled with the change's size (``{change}``) and
    ``fields``."""
    size = format_value(abs(change), "%")
    if not any(digit in size for digit in "123456789"):
        return same.format(change=size, **fields)
    return (rose if change > 0 else fell).format(change=size, **fields)


def rose_or_fell(first: str, last: str, rising: bool) -> str:
    """"rose from a to b" / "fell from a to b" (numbers already written)."""
    return (_("rose from {first} to {last}") if rising else
            _("fell from {first} to {last}")).format(first=first, last=last)


def movement(first: float, last: float, unit: str) -> str:
    """"rose by 12.3% to 5.6 t" (levels) or "fell from 20.1% to 18.4%" (shares)."""
    if unit.startswith("%"):
        a, b = fmt_number(first, unit), fmt_number(last, unit)
        return _("stayed at {level}").format(level=b) if a == b else \
            rose_or_fell(a, b, last > first)
    change, level = percent_change(first, last), fmt_quantity(last, unit)
    if change != change:  # NaN: no percentage from a zero
        return _("went from {first} to {last}").format(first=fmt_quantity(first, unit),
                                                       last=level)
    return change_words(change, _("rose by {change} to {level}"),
                        _("fell by {change} to {level}"), _("was unchanged at {level}"),
                        level=level)


def levels_moved(first: float, last: float, unit: str) -> str:
    """"fell from 0.0774 to 0.0656 kg CO2 per 2021 PPP $": both ends with the same
    (:func:`precise`) decimals and the unit once, for a title that leaves the % change to
    an exercise."""
    rest = fmt_quantity(last, unit)[len(fmt_number(last, unit)):]
    return rose_or_fell(precise(first, unit, last), f"{precise(last, unit, first)}{rest}",
                        last > first)


def against_first(ds, iso3: str, finding: str, shares: pd.Series,
                  indicators: Sequence[str]) -> str:
    """``finding`` with the first year's share of ``shares`` (%, index year) beside it, or
    why no change is stated (a likely break in one of ``indicators``: ``evidence.breaks``)."""
    if len(shares) < 2:
        return finding
    y0, y1 = int(shares.index[0]), int(shares.index[-1])
    reason = next((r for r in (withheld(ds, i, iso3, y0, y1) for i in indicators) if r), "")
    if reason:
        return _("{finding}; no change is stated: {reason}").format(finding=finding,
                                                                     reason=reason)
    return _("{finding}, against {share} in {year}").format(
        finding=finding, share=fmt_number(shares.iloc[0], "%"), year=y0)


def tonnes(million_tonnes: float, gas: str = "CO2") -> str:
    """"18.5 million tonnes CO2" or, for small emitters, "9,800 tonnes CO2"."""
    number = fmt_number(million_tonnes * 1e6, f"tonnes {gas}")
    if any(ch.isalpha() for ch in number):  # "18.5 million": French and Spanish add "de"
        return pgettext("after million", "{number} tonnes {gas}").format(number=number, gas=gas)
    return _("{number} tonnes {gas}").format(number=number, gas=gas)


def rate(fraction: float) -> str:
    """A yearly fraction as a percentage: 0.03 -> "3.00%"."""
    return format_value(100.0 * fraction, "%")


#: The price bases :func:`price_basis` finds in the catalogue's units, for the catalogue.
PRICE_BASES = (N_("current US$"), N_("constant 2015 US$"))


def points(value: float) -> str:
    """A difference of two percentages, in percentage points (no sign)."""
    text = format_value(abs(value))
    # by the number as written: "1 percentage point", "0,43 point de pourcentage"
    one = counts_as_one(text, number_style())
    return ngettext("{n} percentage point", "{n} percentage points",
                    1 if one else 2).format(n=text)


def moved(change: float) -> str:
    """"rose by 36.7%" / "fell by 4.2%" / "did not change" for a % change."""
    if format_value(abs(change)) == "0":
        return _("did not change")
    size = format_value(abs(change), "%")
    return (_("rose by {change}") if change > 0 else _("fell by {change}")).format(change=size)


def usd(value: float) -> str:
    """"US$ 1,234" in the language's order."""
    return _("US$ {amount}").format(amount=format_value(value))


def title_was(indicator: Indicator) -> str:
    """"was", or "were" when the indicator's label is plural (the catalogue's
    ``label_number``: "CO2 emissions were", "the manufactures share of merchandise exports
    was"); French and Spanish titles use a colon."""
    if indicator.label_is_plural:
        return pgettext("trend title, plural subject", "were")
    return pgettext("trend title, singular subject", "was")


def title_verb(first: float, last: float) -> str:
    """"rose", "fell" or "stayed" in a title ("en hausse" in French: no agreement needed),
    chosen by ``text.movement.which_way``."""
    return which_way(pd.Series([first, last]), pgettext("trend title", "rose"),
                     pgettext("trend title", "fell"), pgettext("trend title", "stayed"))


def price_basis(unit: str) -> str:
    """The price basis of a US$ unit ("current US$", "constant 2015 US$"); "" without one."""
    head = unit.partition(" per ")[0].strip()
    return head if "US$" in head and head != "US$" else ""
