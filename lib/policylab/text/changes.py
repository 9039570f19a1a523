"""Words for a change between two figures, for any lesson: percentage points, "rose by" /
"fell by", "was" / "were" and "rose" / "fell" in a trend title, US$ amounts and the price
basis a US$ unit needs to state (growth in current US$ mixes prices and volume)."""

from __future__ import annotations

from policylab.i18n import N_, _, current_language, ngettext, pgettext
from policylab.text.numbers import format_value

#: The price bases :func:`price_basis` finds in the catalogue's units, for the catalogue.
PRICE_BASES = (N_("current US$"), N_("constant 2015 US$"))


def points(value: float) -> str:
    """A difference of two percentages, in percentage points (no sign)."""
    text = format_value(abs(value))
    # French counts anything below two as one ("0,43 point de pourcentage")
    one = text == "1" or (current_language() == "fr" and abs(float(value)) < 2)
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


def title_was(subject: str) -> str:
    """"was", or "were" for a plural subject (French and Spanish titles use a colon)."""
    if subject.endswith(("exports", "emissions")):
        return pgettext("trend title, plural subject", "were")
    return pgettext("trend title, singular subject", "was")


def title_verb(first: float, last: float) -> str:
    """"rose", "fell" or "stayed" in a title ("en hausse" in French: no agreement needed)."""
    return (pgettext("trend title", "rose") if last > first else
            pgettext("trend title", "fell") if last < first else
            pgettext("trend title", "stayed"))


def price_basis(unit: str) -> str:
    """The price basis of a US$ unit ("current US$", "constant 2015 US$"); "" without one."""
    head = unit.partition(" per ")[0].strip()
    return head if "US$" in head and head != "US$" else ""
