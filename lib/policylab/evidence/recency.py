"""Is a figure current, and how to show it when it is not (DESIGN §10).

The window itself lives on the Dataset (``ds.newest_year``, ``ds.recency_cutoff``,
``ds.is_current``) because the pack defines "now"; this module holds what lessons do
with it: a figure older than the window carries its year wherever it is shown.
"""

from __future__ import annotations

from policylab.i18n import _
from policylab.pack.dataset import Dataset, Observation


def is_current(ds: Dataset, year: int | None) -> bool:
    """True when a figure of ``year`` lies in the pack's recency window."""
    return ds.is_current(year)


def year_note(ds: Dataset, year: int | None) -> str:
    """" (2016)" for a figure older than the window, "" for a current one or no year."""
    if year is None or ds.is_current(year):
        return ""
    return f" ({int(year)})"


def with_year(ds: Dataset, text: str, year: int | None) -> str:
    """``text`` (a written figure) followed by its year when it is old: "12.3% (2016)"."""
    return f"{text}{year_note(ds, year)}"


def current(ds: Dataset, observation: Observation) -> Observation:
    """``observation`` when it is current, else no value (for judgements such as the
    forum's scorecard, which use current figures only)."""
    if ds.is_current(observation.year):
        return observation
    return Observation(float("nan"), None)


def window_text(ds: Dataset) -> str:
    """The rule in words, for method boxes."""
    return _("figures from {cutoff} or later count as current (the newest year of the core "
             "series is {newest}); older figures carry their year").format(
        cutoff=ds.recency_cutoff, newest=ds.newest_year)
