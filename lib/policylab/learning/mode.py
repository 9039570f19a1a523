"""Static or live: the one place that reads ``POLICYLAB_STATIC``.

The batch sets ``POLICYLAB_STATIC=1`` when papermill runs notebooks headless. There nobody
can click a widget, and widget state saved into the notebook would only show up as
"Loading widget..." placeholders in the exported HTML, so helpers render plain output
instead. Everything that behaves differently per mode asks :func:`is_static`.
"""

from __future__ import annotations

import os

from policylab.errors import PolicylabError

ENV_VAR = "POLICYLAB_STATIC"
_TRUE = {"1", "true", "yes"}
_FALSE = {"", "0", "false", "no"}


def is_static() -> bool:
    """True when output must be static (headless batch run), False in a live session.

    Reads the environment at every call (not at import) so that a kernel kept alive
    between runs, or a test using ``monkeypatch.setenv``, sees the current value. A value
    that is neither true nor false is refused rather than guessed, because guessing wrong
    would silently put widgets into the batch's HTML pages.
    """
    raw = os.environ.get(ENV_VAR, "")
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise PolicylabError(
        f"{ENV_VAR}={raw!r} is not understood: use 1 or true for static output "
        "(headless batch), 0, false or unset for live widgets."
    )
