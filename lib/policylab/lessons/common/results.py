"""The results file, from the lesson's spec (headline ids and flag indicators) and the
results path given to ``start``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policylab.lessons.context import Lesson
from policylab.results import Headline, build_results, diagnose_flags, headline_for, write_results


def finish(lesson: Lesson, figures: Mapping[str, Headline] | None = None) -> dict[str, Any]:
    """Headline figures, challenge flags and key messages: written to the results path
    given to ``start`` (when set) and returned. ``figures``: headline figures the lesson
    computed under its own rules, replacing (or joining) the generic ones."""
    spec = lesson.spec
    figures = dict(figures or {})
    headline = {ind: figures.pop(ind) if ind in figures else
                headline_for(lesson.ds, ind, lesson.country, lesson.peer_codes,
                             year=lesson.end_year) for ind in spec.headline_ids(lesson)}
    headline |= figures  # the lesson's own figures beyond the spec's ids
    flags = diagnose_flags(lesson.ds, lesson.country, indicators=spec.flags,
                           year=lesson.end_year)
    results = build_results(lesson.country, lesson.notebook, lesson.ds.vintage,
                            lesson.peer_codes, headline, flags, lesson.messages[:6])
    results["skipped_sections"] = list(lesson.skipped)
    write_results(lesson.results_path, results)
    return results
