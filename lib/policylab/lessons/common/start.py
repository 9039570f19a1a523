"""The one way a lesson notebook starts (replacing ``begin``, ``vc.start`` and the two
``start_lesson`` calls): resolve the notebook's parameters into a ``Lesson`` that knows its
spec and where to write results."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policylab.display import set_chart_data
from policylab.i18n import set_language
from policylab.lessons.common.spec import LessonSpec
from policylab.lessons.context import Lesson, dataset, start_lesson
from policylab.pack.dataset import Dataset

__all__ = ["Lesson", "dataset", "start"]


def start(spec: LessonSpec, country: str, peers: Sequence[str] = (), start_year: int = 2000,
          end_year: int = 0, results_path: str = "", ds: Dataset | None = None,
          peer_pool: Sequence[str] = (), language: str = "en") -> Lesson:
    """The notebook's parameters -> a :class:`Lesson` (country and peers as codes or
    names; empty peers: chosen automatically; ``end_year`` 0: the pack's latest year).
    ``ds`` defaults to the pack loaded once per process. ``language`` is set for the whole
    kernel, first, so that every later cell (and a country-name error) speaks it."""
    set_language(language)
    lesson = start_lesson(spec.notebook, country, list(peers), start_year, end_year, ds=ds,
                          peer_pool=list(peer_pool))
    lesson.spec = spec
    lesson.results_path = results_path or ""
    # A run that writes a results file (the batch) also writes the data behind its charts
    # beside it: <folder>/data/<notebook>--<chart>.csv; a learner's run writes nothing.
    set_chart_data(Path(results_path).parent / "data" if results_path else None,
                   spec.notebook, lesson.name, lesson.ds.countries()["name"])
    return lesson
