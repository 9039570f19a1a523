"""The figures a page draws, read back from its ``Plotly.newPlot(...)`` calls.

Static pages (``policylab.display``) draw each chart with an inline
``Plotly.newPlot(div id, traces, layout, config)`` whose arguments are JSON. The build
reads them back to choose the plotly.js bundle, to print a brief's charts and to search
the pages for exercise answers; this module is the one reader. It imports nothing heavy:
the build's main process uses it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

NEWPLOT = "Plotly.newPlot("
#: div id, traces, layout, config
MAX_ARGUMENTS = 4


def newplot_arguments(html: str) -> Iterator[list[Any] | None]:
    """For every ``Plotly.newPlot(`` in ``html``, its leading JSON arguments (up to the
    four above, as many as read as JSON), or None when not even the div id and the traces
    do (not a figure the library wrote)."""
    decoder = json.JSONDecoder()
    at = html.find(NEWPLOT)
    while at >= 0:
        position, values = at + len(NEWPLOT), []
        while len(values) < MAX_ARGUMENTS:
            position = _skip_space(html, position)
            if values:
                if not html.startswith(",", position):
                    break
                position = _skip_space(html, position + 1)
            try:
                value, position = decoder.raw_decode(html, position)
            except ValueError:
                break
            values.append(value)
        yield values if len(values) >= 2 else None
        at = html.find(NEWPLOT, max(position, at + len(NEWPLOT)))


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
