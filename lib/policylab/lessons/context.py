"""The lesson a notebook run is about: its country, peers and years, and the record of
what it showed, skipped and concluded.

``lessons.common.start`` makes one from the notebook's parameters and
``lessons.common.finish`` writes its results. In between, each section asks the lesson for
its country, peers, years and source lines, and reports a section it must skip for lack of
data with :meth:`Lesson.skip`, so that a data-poor country gets honest notes rather than
errors, and the batch can count what was skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from policylab.display import markdown, show
from policylab.i18n import _
from policylab.i18n.groups import GroupName
from policylab.narrative import KeyMessage
from policylab.pack.dataset import Dataset
from policylab.peers import PeerSelection


@dataclass
class Lesson:
    """What one notebook run is about, and what it has found so far."""

    ds: Dataset
    notebook: str
    country: str
    peers: PeerSelection
    start_year: int
    end_year: int
    messages: list[KeyMessage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: The lesson's ``common.LessonSpec`` and results path, set by ``common.start``.
    spec: Any = None
    results_path: str = ""

    @property
    def name(self) -> str:
        return self.ds.name(self.country)

    @property
    def peer_codes(self) -> list[str]:
        return list(self.peers.peers)

    @property
    def codes(self) -> list[str]:
        """The focus country first, then its peers."""
        return [self.country, *self.peer_codes]

    @property
    def names(self) -> dict[str, str]:
        return self.names_of(self.codes)

    def names_of(self, codes: Iterable[str]) -> dict[str, str]:
        """Every one of ``codes`` by its name, for a chart that draws countries beyond the
        lesson's own (a chart shows a code it has no name for)."""
        return {code: self.ds.name(code) for code in codes}

    @property
    def years(self) -> tuple[int, int]:
        return self.start_year, self.end_year

    @property
    def region(self) -> str:
        """The World Bank region (a key), written in the reader's language in text."""
        return GroupName(self.ds.countries().loc[self.country, "region"])

    @property
    def income_group(self) -> str:
        """The income group (a key), written in the reader's language in text."""
        return GroupName(self.ds.countries().loc[self.country, "income_group"])

    def window(self, indicator: str, iso3: str | None = None) -> pd.Series:
        """A country's (default: the focus's) values over the lesson's years, missing ones
        left out (index ``year``, sorted)."""
        rows = self.ds.series(indicator, [iso3 or self.country], self.years)
        return rows.dropna(subset=["value"]).set_index("year")["value"].sort_index()

    def panel(self, indicator: str) -> pd.DataFrame:
        """The country's and peers' values over the lesson's years (index year, one column
        each; a country without any value has no column)."""
        rows = self.ds.series(indicator, self.codes, self.years).dropna(subset=["value"])
        return rows.pivot(index="year", columns="iso3", values="value")

    def source(self, *indicators: str, note: str = "") -> str:
        """A source line naming each indicator's publisher and code, for under a chart."""
        codes: dict[str, list[str]] = {}
        for indicator in indicators:
            ind = self.ds.indicator(indicator)
            listed = codes.setdefault(ind.source, [])
            if ind.source_code and ind.shown_code not in listed:
                listed.append(ind.shown_code)
        parts = [f"{src} ({', '.join(c)})" if c else src for src, c in codes.items()]
        if note:
            return _("Source: {sources}. {note}").format(sources="; ".join(parts), note=note)
        return _("Source: {sources}.").format(sources="; ".join(parts))

    def skip(self, section: str, reason: str) -> None:
        """Record and show that ``section`` has no chart for this country, and why."""
        self.skipped.append(section)
        name = self.name
        if name.endswith("."):  # "... Rep." : the sentence's own full stop follows
            name = type(name)(name.rstrip("."), *_forms(name))
        display(markdown(_("> **{section}: not shown for {country}.** {reason}").format(
            section=section, country=name, reason=reason)))

    def show(self, figure: go.Figure | None) -> None:
        """Show a figure; a section function that had no data returned None and has
        already explained why."""
        if figure is not None:
            show(figure)

    def say(self, *messages: KeyMessage | None) -> None:
        """Keep key messages for the closing summary and the results file."""
        self.messages.extend(m for m in messages if m is not None)


def _forms(name: str) -> tuple[str, ...]:
    """The French article and place of a ``CountryName`` (none for a plain str)."""
    return tuple(getattr(name, key) for key in ("article", "place") if hasattr(name, key))
