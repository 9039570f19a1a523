"""Static or live: the one place that decides whether widgets are built.

Output is static whenever no Jupyter front end is attached, however the run was started
(the batch, the papermill CLI, nbconvert, nbval): nobody can click a widget there, and
widget state saved into the notebook would only show up as "Loading widget..." placeholders
in exported HTML. Live widgets only under a front end, recognised by ``JPY_SESSION_NAME``,
which Jupyter Server (2.x, as pinned) gives the kernels it starts for a notebook.
``POLICYLAB_STATIC=1`` or ``0`` forces either. Everything that behaves differently per mode
asks :func:`is_static`.
"""

from __future__ import annotations

import os

from policylab.errors import PolicylabError

ENV_VAR = "POLICYLAB_STATIC"
FRONT_END_VAR = "JPY_SESSION_NAME"
_TRUE = {"1", "true", "yes"}
_FALSE = {"0", "false", "no"}


def is_static() -> bool:
    """True when output must be static (no front end attached), False in a live session.

    Reads the environment at every call (not at import) so that a kernel kept alive
    between runs, or a test using ``monkeypatch.setenv``, sees the current value. A value
    that is neither true nor false is refused rather than guessed, because guessing wrong
    would silently put widgets into the batch's HTML pages.
    """
    raw = os.environ.get(ENV_VAR, "")
    value = raw.strip().lower()
    if value == "":
        return not os.environ.get(FRONT_END_VAR)
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise PolicylabError(
        f"{ENV_VAR}={raw!r} is not understood: use 1 or true for static output "
        "(headless batch), 0 or false for live widgets, or leave it unset to decide by "
        "whether a Jupyter front end is attached."
    )
