"""What every section of the brief says about a country, a megatrend or a flag's side."""

from policylab.cases import MEGATRENDS
from policylab.forum.workshop import rule_worse
from policylab.i18n import _, pgettext
from policylab.i18n.names import CountryName, inflectable
from policylab.pack.dataset import Dataset


def country(ds: Dataset, iso3: str) -> CountryName:
    """``ds.name(iso3)`` with the forms a French template inflects (``{country.du}``)."""
    name = ds.name(iso3)
    return name if isinstance(name, CountryName) else inflectable(iso3, name)


def megatrend(key: str) -> str:
    """A megatrend's name in the current language, or "other" for a key outside it."""
    return _(MEGATRENDS[key]) if key in MEGATRENDS else pgettext("megatrend", "other")


def by_side(flag: str, lowest: str, highest: str) -> str:
    """The template of the two that fits the side of the world a flag's rule looks at."""
    return lowest if rule_worse(flag) == "low" else highest
