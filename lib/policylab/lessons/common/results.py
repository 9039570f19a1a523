"""The results file, from the lesson's spec (headline ids and flag indicators) and the
results path given to ``start``."""

from __future__ import annotations

from typing import Any

from policylab.lessons.context import Lesson


def finish(lesson: Lesson) -> dict[str, Any]:
    """Headline figures, challenge flags and key messages: written to the results path
    given to ``start`` (when set) and returned."""
    spec = lesson.spec
    return lesson.finish(lesson.results_path, spec.headline_ids(lesson), spec.flags)
