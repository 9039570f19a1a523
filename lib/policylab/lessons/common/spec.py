"""What a lesson declares about itself, so that the shared parts need no per-lesson code."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Explorer indicators: label -> id, or a function of the Dataset giving them.
Indicators = Mapping[str, str] | Callable[[Any], Mapping[str, str]]


@dataclass(frozen=True)
class LessonSpec:
    """One lesson's declaration (its package ``__init__`` holds one ``SPEC``).

    ``headline``: indicator ids for the results file (or a function of the lesson giving
    them); ``flags``: indicators whose challenge flags are diagnosed (None: all);
    ``megatrend``: the cases library's megatrend (None: any); ``sources``: every indicator
    the lesson reads, for its sources table; ``explorer_view(lesson, indicator)`` draws the
    explorer for one state, ``explorer_indicators`` / ``explorer_start`` its choices."""

    notebook: str
    headline: Sequence[str] | Callable[[Any], Sequence[str]] = ()
    flags: Sequence[str] | None = None
    megatrend: str | None = None
    sources: Sequence[str] = ()
    explorer_indicators: Indicators = field(default_factory=dict)
    explorer_start: str = ""
    explorer_view: Callable[[Any, str], None] | None = None

    def headline_ids(self, lesson: Any) -> list[str]:
        return list(self.headline(lesson) if callable(self.headline) else self.headline)
