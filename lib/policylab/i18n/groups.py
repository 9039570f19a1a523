"""The World Bank's region and income-group names in the reader's language.

The pack keeps the English names (they are keys: group medians, peer pools and workshop
files use them); a page shows them through :func:`group_name`, which translates the names
the World Bank publishes and leaves any other text as it is.
"""

from __future__ import annotations

from policylab.i18n.messages import N_, gettext

#: The World Bank's regions and income groups (the names in its country classification).
GROUP_NAMES = frozenset({
    N_("East Asia & Pacific"), N_("Europe & Central Asia"), N_("Latin America & Caribbean"),
    N_("Middle East & North Africa"), N_("North America"), N_("South Asia"),
    N_("Sub-Saharan Africa"),
    N_("High income"), N_("Upper middle income"), N_("Lower middle income"),
    N_("Low income"), N_("Not classified"),
})


def group_name(name: str) -> str:
    """A region or income group's name in the current language (other text unchanged)."""
    return gettext(name) if name in GROUP_NAMES else name
