"""The verdicts of a country's gap to its peers' median in words: the ``status`` of each
comparison (``metrics.digital_gaps.STATUSES``: behind, ahead, level, both beyond a cap, too
few peers, an old figure, no figure) as a table's verdict column writes it."""

from __future__ import annotations

from collections.abc import Iterable

from policylab.i18n import N_, _, pgettext

#: The verdict when the country and its peers' median are both beyond a component's cap.
SATURATED = N_("level: both saturated")


def status_words(statuses: Iterable[str], peer_counts: Iterable[int], window: str) -> list[str]:
    """One verdict per status; "few peers" says how many report, "old" names the recent
    ``window`` ("2020–2025") the figure is outside of."""
    words = {"no data": _("no data"),
             "old": _("no recent figure ({window})").format(window=window),
             "saturated": _(SATURATED), "behind": _("behind peers"),
             "ahead": _("ahead of peers"), "level": pgettext("gap verdict", "level")}
    return [words.get(status, _("too few peers report ({count})").format(count=count))
            for status, count in zip(statuses, peer_counts, strict=True)]
