"""What every section of the brief needs about an indicator, a flag or a figure."""

from typing import Any

import pandas as pd

from policylab.cases import MEGATRENDS
from policylab.forum.workshop import rule_worse
from policylab.i18n import _, pgettext
from policylab.i18n.names import CountryName, inflectable
from policylab.narrative import fmt_quantity
from policylab.pack.dataset import Dataset
from policylab.text import MISSING, is_missing, year_range


def country(ds: Dataset, iso3: str) -> CountryName:
    """``ds.name(iso3)`` with the forms a French template inflects (``{country.du}``)."""
    name = ds.name(iso3)
    return name if isinstance(name, CountryName) else inflectable(iso3, name)


def megatrend(key: str) -> str:
    """A megatrend's name in the current language (the case library's vocabulary), or
    "other" for a key outside it."""
    return _(MEGATRENDS[key]) if key in MEGATRENDS else pgettext("megatrend", "other")


def dated(value: float, unit: str, year: Any) -> str:
    """A figure with its year: "9.50% of GDP (2000)"."""
    return f"{fmt_quantity(value, unit)} ({year})"


def written(value: float, unit: str) -> str:
    """A table's figure: its ``fmt_quantity``, or "no data"."""
    return _("no data") if is_missing(value) else fmt_quantity(value, unit)


def side(flag: str) -> str:
    """The world's quarter a flag's rule looks at: "lowest" or "highest" (a key: each
    sentence about it has a template per side, ``by_side``)."""
    return "lowest" if rule_worse(flag) == "low" else "highest"


def by_side(flag: str, lowest: str, highest: str) -> str:
    """The template of the two that fits the side of the world a flag's rule looks at."""
    return lowest if side(flag) == "lowest" else highest


def span(years: pd.Series) -> str:
    """The years of a set of figures: "2019–2023", one year, or "years unknown"."""
    years = years.dropna()
    if years.empty:
        return _("years unknown")
    return year_range(int(years.min()), int(years.max()))


def year_text(year: Any) -> str:
    """A table's year cell: the year, or an en dash."""
    return MISSING if is_missing(year) else str(int(year))


def short(text: str, width: int = 42) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip(" ,;") + "…"
