"""The World Bank's region and income-group names in the reader's language.

The pack keeps the English names (they are keys: group medians, peer pools and workshop
files use them); a page shows them through :func:`group_name`, which translates the names
the World Bank publishes and leaves any other text as it is. The aggregates a lesson
compares with ("World", "European Union") are translated the same way; ``country_name``
uses this for a code without ISO2 (a group of countries).
"""

from __future__ import annotations

from policylab.i18n.language import language_or_current, using_language
from policylab.i18n.messages import N_, gettext

#: The World Bank's regions and income groups (the names in its country classification),
#: and the aggregates pages name.
GROUP_NAMES = frozenset({
    N_("East Asia & Pacific"), N_("Europe & Central Asia"), N_("Latin America & Caribbean"),
    N_("Middle East & North Africa"), N_("North America"), N_("South Asia"),
    N_("Sub-Saharan Africa"),
    N_("High income"), N_("Upper middle income"), N_("Lower middle income"),
    N_("Low income"), N_("Not classified"),
    N_("Middle income"), N_("Low & middle income"),
    N_("World"), N_("European Union"), N_("Euro area"), N_("OECD members"),
    N_("Least developed countries: UN classification"), N_("Arab World"),
})


def group_name(name: str, language: str | None = None) -> str:
    """A region or income group's name in ``language`` (default: the current one); other
    text unchanged."""
    if name not in GROUP_NAMES:
        return name
    with using_language(language_or_current(language)):
        return gettext(name)


class GroupName(str):
    """A region or income group's English name (the pack's key: equal, hashed and compared
    as the English text) that writes itself in the reader's language wherever it is
    formatted into text (``"{group} median".format(group=...)``, f-strings)."""

    def __format__(self, spec: str) -> str:
        return format(group_name(str(self)), spec)
