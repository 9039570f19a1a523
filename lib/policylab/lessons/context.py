"""The lesson context shared by the per-country notebooks.

A notebook starts with :func:`start_lesson` (from its parameters) and ends with
:meth:`Lesson.finish` (key messages, results file, policy cases). In between, each section
asks the lesson for its country, peers, years and source lines, and reports a section it
must skip for lack of data with :meth:`Lesson.skip`, so that a data-poor country gets
honest notes rather than errors, and the batch can count what was skipped.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown, display

from policylab import cases as case_library
from policylab import paths
from policylab.display import show
from policylab.errors import PolicylabError
from policylab.i18n import _, current_language
from policylab.i18n.groups import GroupName
from policylab.narrative import KeyMessage
from policylab.pack.dataset import Dataset, load
from policylab.peers import PeerSelection, choose_peers
from policylab.results import build_results, diagnose_flags, headline_for, write_results

MIN_PEERS = 3


@functools.lru_cache(maxsize=4)
def _cached_load(pack: str, stamp: float) -> Dataset:
    return load(pack)


def dataset() -> Dataset:
    """The data pack, loaded once per process and reloaded when the pack is rebuilt
    (a kept-alive batch kernel runs many notebooks; each must see the current pack)."""
    folder = paths.pack_dir()
    manifest = folder / "manifest.json"
    stamp = manifest.stat().st_mtime if manifest.exists() else 0.0
    return _cached_load(str(folder), stamp)


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
        return {code: self.ds.name(code) for code in self.codes}

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
        display(Markdown(_("> **{section}: not shown for {country}.** {reason}").format(
            section=section, country=name, reason=reason)))

    def show(self, figure: go.Figure | None) -> None:
        """Show a figure; a section function that had no data returned None and has
        already explained why."""
        if figure is not None:
            show(figure)

    def say(self, *messages: KeyMessage | None) -> None:
        """Keep key messages for the closing summary and the results file."""
        self.messages.extend(m for m in messages if m is not None)

    def finish(self, results_path: str, headline: Iterable[str],
               flag_indicators: Iterable[str] | None = None) -> dict[str, Any]:
        """Compute headline figures and challenge flags, write the results file (when
        ``results_path`` is set) and return the results document."""
        figures = {ind: headline_for(self.ds, ind, self.country, self.peer_codes,
                                     year=self.end_year) for ind in headline}
        flags = diagnose_flags(self.ds, self.country, indicators=flag_indicators,
                               year=self.end_year)
        results = build_results(self.country, self.notebook, self.ds.vintage,
                                self.peer_codes, figures, flags, self.messages[:6])
        results["skipped_sections"] = list(self.skipped)
        write_results(results_path, results)
        return results

    def explorer_settings(self, indicators: Mapping[str, str], start: str) -> dict[str, Any]:
        """Arguments for ``learning.widgets.explorer``: every country by name, this
        country, its peers when the user chose them (empty: automatic peers for whichever
        country is picked), the lesson's years, the ``indicators`` offered (label -> id)
        and the one shown first."""
        countries = self.ds.countries()
        return {
            "countries": dict(zip(countries["name"], countries.index, strict=True)),
            "country": self.country,
            "peers": self.peer_codes if self.peers.method == "user" else [],
            "years": self.years,
            "indicators": dict(indicators),
            "indicator": start,
        }

    def policy_cases(self, flags: Sequence[str], megatrend: str | None = None,
                     k: int = 3) -> list[case_library.PolicyCase]:
        """Cases from the library that addressed the challenges flagged for this country."""
        cases = case_library.load_cases()
        return case_library.select_cases(cases, list(flags), megatrend=megatrend,
                                         exclude_country=self.country, k=k)


def _forms(name: str) -> tuple[str, ...]:
    """The French article and place of a ``CountryName`` (none for a plain str)."""
    return tuple(getattr(name, key) for key in ("article", "place") if hasattr(name, key))


def start_lesson(notebook: str, country: str, peers: Sequence[str] = (), start_year: int = 2000,
                 end_year: int = 0, ds: Dataset | None = None,
                 peer_pool: Sequence[str] = ()) -> Lesson:
    """Resolve the notebook's parameters into a :class:`Lesson`.

    ``country`` and ``peers`` may be ISO3 codes or names; empty ``peers`` means structural
    peers chosen automatically; ``end_year = 0`` means the latest year in the pack.
    """
    ds = ds or dataset()
    iso3 = ds.resolve(country)
    first, last = ds.year_range
    end = last if end_year in (0, None) else int(end_year)
    if not first <= start_year <= last:
        raise PolicylabError(f"start_year {start_year} is outside the data ({first}–{last}).")
    if not first <= end <= last:
        raise PolicylabError(f"end_year {end} is outside the data ({first}–{last}); "
                             "use 0 for the latest year.")
    if start_year >= end:
        raise PolicylabError(f"start_year {start_year} must be before end_year {end}.")
    pool = tuple(ds.resolve(c) for c in peer_pool)
    selection = _peers_for(ds, iso3, tuple(peers), pool, current_language())
    return Lesson(ds, notebook, iso3, selection, int(start_year), end)


@functools.lru_cache(maxsize=64)
def _peers_for(ds: Dataset, iso3: str, peers: tuple[str, ...],
               pool: tuple[str, ...] = (), language: str = "en") -> PeerSelection:
    """Peers are chosen once per country, pack and language in a process: a batch worker
    runs the four notebooks of a country, and each would otherwise repeat the same search
    (the explanation is written in ``language``)."""
    return choose_peers(ds, iso3, list(peers) or None, pool=pool)
