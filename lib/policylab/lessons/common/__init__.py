"""What every lesson shares: start, sources, policy cases, explorer, key messages, results.

A lesson package declares a :class:`LessonSpec` and its sections; its notebook runs::

    lesson = start(SPEC, country, peers, start_year, end_year, results_path)
    ...sections...
    show_key_messages(lesson)
    show_sources(lesson)
    results = finish(lesson)
    show_policy_cases(lesson, results["flags"])

See ``docs/lesson_layers.md``.
"""

from policylab.lessons.common.cases import policy_cases_markdown, show_policy_cases
from policylab.lessons.common.explorer import explorer_render, explorer_settings, show_explorer
from policylab.lessons.common.messages import key_messages_markdown, show_key_messages
from policylab.lessons.common.results import finish
from policylab.lessons.common.sources import show_sources, sources_table, vintage_note
from policylab.lessons.common.spec import LessonSpec
from policylab.lessons.common.start import Lesson, dataset, start

__all__ = ["Lesson", "LessonSpec", "dataset", "explorer_render", "explorer_settings", "finish",
           "key_messages_markdown", "policy_cases_markdown", "show_explorer",
           "show_key_messages", "show_policy_cases", "show_sources", "sources_table", "start",
           "vintage_note"]
