"""The one way a lesson notebook starts: resolve the notebook's parameters into a
``Lesson`` that knows its spec and where to write results."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from policylab.display import set_chart_data
from policylab.errors import PolicylabError
from policylab.i18n import current_language, set_language
from policylab.lessons.common.spec import LessonSpec
from policylab.lessons.context import Lesson
from policylab.pack.current import dataset
from policylab.pack.dataset import Dataset
from policylab.peers import PeerSelection, choose_peers

__all__ = ["Lesson", "dataset", "lesson_for", "start"]


def start(spec: LessonSpec, country: str, peers: Sequence[str] = (), start_year: int = 2000,
          end_year: int = 0, results_path: str = "", ds: Dataset | None = None,
          peer_pool: Sequence[str] = (), language: str = "en") -> Lesson:
    """The notebook's parameters -> a :class:`Lesson` (see :func:`lesson_for`).
    ``language`` is set for the whole kernel, first, so that every later cell (and a
    country-name error) speaks it."""
    set_language(language)
    lesson = lesson_for(spec, country, peers, start_year, end_year, ds=ds, peer_pool=peer_pool)
    lesson.results_path = results_path or ""
    # A run that writes a results file (the batch) also writes the data behind its charts
    # beside it: <folder>/data/<notebook>--<chart>.csv; a learner's run writes nothing.
    set_chart_data(Path(results_path).parent / "data" if results_path else None,
                   spec.notebook, lesson.name, lesson.ds.countries()["name"])
    return lesson


def lesson_for(spec: LessonSpec, country: str, peers: Sequence[str] = (),
               start_year: int = 2000, end_year: int = 0, ds: Dataset | None = None,
               peer_pool: Sequence[str] = ()) -> Lesson:
    """A :class:`Lesson` of ``spec`` (also one state of its explorer). ``country`` and
    ``peers`` may be ISO3 codes or names; empty ``peers``: structural peers chosen
    automatically; ``end_year`` 0: the pack's latest year; ``ds`` defaults to the pack
    loaded once per process."""
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
    return Lesson(ds, spec.notebook, iso3, selection, int(start_year), end, spec=spec)


@functools.lru_cache(maxsize=64)
def _peers_for(ds: Dataset, iso3: str, peers: tuple[str, ...],
               pool: tuple[str, ...] = (), language: str = "en") -> PeerSelection:
    """Peers are chosen once per country, pack and language in a process: a batch worker
    runs the four notebooks of a country, and each would otherwise repeat the same search
    (the explanation is written in ``language``)."""
    return choose_peers(ds, iso3, list(peers) or None, pool=pool)
