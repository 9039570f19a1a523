"""The results file, from the lesson's spec (headline ids and flag indicators) and the
results path given to ``start``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policylab.lessons.context import Lesson
from policylab.results import Headline, build_results, write_results


def finish(lesson: Lesson, figures: Mapping[str, Headline] | None = None) -> dict[str, Any]:
    """Headline figures, challenge flags and key messages: written to the results path
    given to ``start`` (when set) and returned. ``figures``: headline figures the lesson
    computed under its own rules, replacing (or joining) the generic ones."""
    spec = lesson.spec
    if not figures:
        return lesson.finish(lesson.results_path, spec.headline_ids(lesson), spec.flags)
    results = lesson.finish("", spec.headline_ids(lesson), spec.flags)
    headline = {**results["headline"], **{k: v.as_dict() for k, v in figures.items()}}
    written = build_results(results["country"], results["notebook"], results["data_vintage"],
                            results["peers"], headline, results["flags"], results["messages"])
    written["skipped_sections"] = results["skipped_sections"]
    write_results(lesson.results_path, written)
    return written
