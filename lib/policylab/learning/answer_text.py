"""Whether an exercise's answer, as its solution writes it, already appears in a page's
text: then the exercise would seem answered above it, and a lesson asks for another
figure (the build's check on finished pages is ``evidence.answers``)."""

from __future__ import annotations

import re

from policylab.display import format_number


def written_in(answer: float, *texts: str) -> bool:
    """True when ``answer`` written as a solution writes it (``display.format_number``)
    appears in one of ``texts`` as a whole figure ("1.63" not inside "11.63" or "1.635")."""
    written = format_number(float(answer))
    pattern = re.compile(rf"(?<![\d.,]){re.escape(written)}(?![\d]|\.\d)")
    return any(pattern.search(text) for text in texts)
