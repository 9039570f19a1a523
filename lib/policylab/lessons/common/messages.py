"""Key messages: lessons compute them (``messages(lesson) -> list[KeyMessage]`` in each
lesson package) and keep them with ``lesson.say``; this module shows them. One name each
("show_" displays, anything else returns), where ``Lesson.key_messages()`` displayed and
``greening.key_messages()`` returned a list."""

from __future__ import annotations

from policylab.display import note
from policylab.i18n import _
from policylab.lessons.context import Lesson

LIMIT = 6


def key_messages_markdown(lesson: Lesson, limit: int = LIMIT) -> str:
    chosen = lesson.messages[:limit]
    if not chosen:
        return _("No key messages could be computed for {country}: the data pack holds "
                 "too little on this topic.").format(country=lesson.name)
    return "\n".join(f"- {m.text}" for m in chosen)


def show_key_messages(lesson: Lesson, limit: int = LIMIT) -> None:
    note(key_messages_markdown(lesson, limit))
