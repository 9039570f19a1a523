"""The data behind a chart, as a tidy table a reader can open: one row per point drawn.

Columns: ``country`` (the trace's name, or the category of a bar), ``year`` (when the axis
holds years), ``indicator`` (the axis title, else the chart's title), ``value``, ``unit``,
``source`` (the chart's source line) and ``kind``: ``observed`` for a publisher's figure,
``median`` for a group or peer median, ``fitted`` for a fitted pattern, ``projection`` for a
what-if. A trace says its kind in ``meta={"kind": ...}``; otherwise its name decides, and a
dashed line that is not a median or fit counts as a projection rather than as a publisher's
figure: a what-if is never labelled as data.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import plotly.graph_objects as go

COLUMNS = ["country", "year", "indicator", "value", "unit", "source", "kind"]
_KIND_WORDS = (
    ("median", ("median", "quartile", "middle half", "band")),
    ("fitted", ("fit", "pattern", "predicted", "trend line", "world curve")),
    ("projection", ("what-if", "what if", "projection", "projected", "path", "scenario")),
)


def chart_title(fig: go.Figure) -> str:
    return _annotation(fig, "title") or str(fig.layout.title.text or "")


def tidy(fig: go.Figure) -> pd.DataFrame:
    """The points of every trace of a figure."""
    source = _plain(_annotation(fig, "source"))
    title = _plain(chart_title(fig))
    rows = []
    for trace in fig.data:
        x, y = _values(getattr(trace, "x", None)), _values(getattr(trace, "y", None))
        if getattr(trace, "z", None) is not None:  # a grid: one row per cell
            rows += _grid_rows(trace, x, y, title, source)
            continue
        if not x or not y or len(x) != len(y):
            continue
        horizontal = getattr(trace, "orientation", None) == "h"
        categories, values = (y, x) if horizontal else (x, y)
        axis = fig.layout.xaxis if horizontal else fig.layout.yaxis
        indicator = _plain(str(axis.title.text or "")) or title
        yearly = all(_is_year(c) for c in categories)
        kind = _kind(trace)
        name = _plain(str(trace.name or ""))
        meta = trace.meta if isinstance(trace.meta, dict) else {}
        unit = str(meta.get("unit", ""))
        for category, value in zip(categories, values, strict=True):
            if value is None:
                continue
            rows.append({"country": name if yearly else _plain(str(category)),
                         "year": int(category) if yearly else None,
                         "indicator": indicator if yearly or not name else f"{indicator}: {name}",
                         "value": value, "unit": unit, "source": source, "kind": kind})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype({"year": "Int64"})


def _values(values: Any) -> list:
    """A trace's coordinates as a plain list (``to_dict`` gives numpy arrays)."""
    return [] if values is None else [v.item() if hasattr(v, "item") else v for v in values]


def _grid_rows(trace: Any, x: list, y: list, title: str, source: str) -> list[dict]:
    rows = []
    for i, row in enumerate(trace.z):
        for j, value in enumerate(_values(row)):
            if value is None or i >= len(y) or j >= len(x):
                continue
            rows.append({"country": _plain(str(y[i])), "year": None,
                         "indicator": f"{title}: {_plain(str(x[j]))}", "value": value,
                         "unit": "", "source": source, "kind": _kind(trace)})
    return rows


def slug(title: str, taken: set[str]) -> str:
    """A short file-name part from a chart's title, unique among ``taken``."""
    words = re.findall(r"[a-z0-9]+", _plain(title).lower())
    base = "-".join(words)[:48].strip("-") or "chart"
    name, count = base, 2
    while name in taken:
        name, count = f"{base}-{count}", count + 1
    taken.add(name)
    return name


def _kind(trace: Any) -> str:
    meta = trace.meta
    if isinstance(meta, dict) and meta.get("kind"):
        return str(meta["kind"])
    name = str(trace.name or "").lower()
    for kind, words in _KIND_WORDS:
        if any(word in name for word in words):
            return kind
    line = getattr(trace, "line", None)
    dash = getattr(line, "dash", None) if line is not None else None
    return "projection" if dash not in (None, "solid") else "observed"


def _annotation(fig: go.Figure, name: str) -> str:
    for annotation in fig.layout.annotations or ():
        if annotation.name == name:
            return str(annotation.text or "")
    return ""


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def _is_year(value: Any) -> bool:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return number.is_integer() and 1700 <= number <= 2200
