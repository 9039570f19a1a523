"""The forum's own entry: the notebook's parameters (countries, results folder) become a
``Forum`` holding the gathered results and their current part. It has what the common
sections need (``ds``, ``spec``, ``name``, ``messages``, ``say``), so the brief uses
``common.show_sources`` and ``common.show_key_messages`` like every lesson; ``common.start``
does not fit, as the forum has no focus country."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from policylab.forum.gather import gather, workshop_countries
from policylab.forum.recency import Current, current_results
from policylab.lessons.common import LessonSpec, dataset
from policylab.narrative import KeyMessage
from policylab.pack.dataset import Dataset


@dataclass
class Forum:
    """One workshop's brief: ``results`` as gathered (``origin`` says from where,
    ``problems`` lists the files that could not be used), ``codes`` the countries with
    results, ``current`` the results inside the recency window."""

    spec: LessonSpec
    ds: Dataset
    results: list[dict]
    origin: str
    problems: pd.DataFrame
    current: Current
    messages: list[KeyMessage] = field(default_factory=list)
    name: str = "the workshop"

    @property
    def codes(self) -> list[str]:
        return workshop_countries(self.results)

    def say(self, *messages: KeyMessage | None) -> None:
        self.messages.extend(m for m in messages if m is not None)


def start_forum(spec: LessonSpec, countries: Iterable[str], results_dir: str = "",
                ds: Dataset | None = None) -> Forum:
    """Gather the workshop's results (``gather``: the folder's files, or computed on the
    spot when ``results_dir`` is empty) and keep their current part (``current_results``)."""
    ds = ds if ds is not None else dataset()
    gathered = gather(ds, countries, results_dir)
    return Forum(spec, ds, gathered.results, gathered.origin, gathered.problems,
                 current_results(ds, gathered.results))
