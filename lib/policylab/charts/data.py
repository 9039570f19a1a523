"""The data behind a chart, as a tidy table a reader can open: one row per value drawn.

Columns:

- ``country``: the country a row is about (a line's country, a bar's country, a labelled
  point's country), empty for a group median, a fitted pattern or a named line that is
  not one country's figure (then ``series`` says what it is);
- ``series``: what else tells a row's line or part apart: "Sub-Saharan Africa median",
  "World pattern (quadratic fit)", "Projection, intensity unchanged", "Agriculture", a
  product; empty when ``country`` says it all;
- ``year`` (when the axis holds years), ``indicator`` and ``unit`` (the measure's label and
  unit, as the chart builder declared them with :func:`policylab.charts.template.describe`,
  else read from an axis title written "Label (unit)"), ``value``, ``source`` (the chart's
  source line without its "Source:" prefix);
- ``kind``: ``observed`` for a publisher's figure (or one computed from them), ``median``
  for a group or peer median, ``fitted`` for a fitted pattern, ``projection`` for a
  what-if; a trace says its kind in ``meta={"kind": ...}``, otherwise its name decides, and
  a dashed line that is not a median or fit counts as a projection rather than as a
  publisher's figure: a what-if is never labelled as data;
- ``point``: on a scatter of two measures, the number shared by a point's two rows (its x
  measure and its y measure); empty elsewhere.

A trace's ``meta`` may also say ``country`` (its rows are that country's; their category
or point labels go to ``series``), ``series`` (its name in ``series``) and ``labels:
"country"`` (its categories or point labels are countries, whatever their spelling, such
as the ISO3 codes of unlabelled points) and ``values`` (the figures of bars drawn shorter
than they are, such as gaps capped for legibility: the table gives the figures). Otherwise a
line's name, a bar's category or a point's label is the row's country when it is one of
``countries`` (every country's name, which the page gives); anything else (a median, a
sector, a product, an indicator) goes to ``series``, and the row's country is then the
page's ``country`` for observed figures and projections, none for medians and fits.
Without ``countries`` (a chart drawn outside a lesson), an observed line's name or a
category is taken as a country unless the trace's ``meta`` names it a series.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

COLUMNS = ["country", "series", "year", "indicator", "value", "unit", "source", "kind",
           "point"]
_KIND_WORDS = (  # English, French and Spanish series names
    ("median", ("median", "quartile", "middle half", "band", "percentile", "médiane",
                "mediana", "cuartil", "centile", "moitié centrale", "mitad central")),
    ("fitted", ("fit", "pattern", "predicted", "trend line", "world curve", "ajustement",
                "ajuste", "tendance mondiale", "patrón mundial", "prédit", "previsto")),
    ("projection", ("what-if", "what if", "projection", "projected", "path", "scenario",
                    "scénario", "escenario", "proyección", "trajectoire", "trayectoria")),
)
_SOURCE_PREFIX = re.compile(r"^\s*(sources?|fuentes?)\s*:\s*", re.IGNORECASE)
_LABEL_UNIT = re.compile(r"^(?P<label>.*?)\s*\((?P<unit>[^()]*)\)\s*$")


def chart_title(fig: go.Figure) -> str:
    return _annotation(fig, "title") or str(fig.layout.title.text or "")


@dataclass(frozen=True)
class _Page:
    """Whose page the chart is on, and which names are countries."""

    country: str
    countries: frozenset[str]

    def identity(self, candidate: str, meta: dict, kind: str) -> tuple[str, str]:
        """(country, series) of a row whose line name, category or point label is
        ``candidate`` (see the module's docstring)."""
        if "country" in meta:
            country = _plain(str(meta["country"]))
            return country, _plain(str(meta.get("series", "" if candidate == country
                                                else candidate)))
        series = _plain(str(meta["series"])) if "series" in meta else None
        if meta.get("labels") == "country":
            is_country = bool(candidate)
        elif self.countries:
            is_country = candidate in self.countries
        else:
            is_country = bool(candidate) and candidate != series and (
                kind == "observed" or series is not None)
        if is_country:
            return candidate, series or ""
        own = self.country if kind in ("observed", "projection") else ""
        return own, candidate if series is None else series


def tidy(fig: go.Figure, country: str = "", countries: Iterable[str] = ()) -> pd.DataFrame:
    """The values of every trace of a figure, one row each; ``country`` is the page's
    country, ``countries`` every country's name (see the module's docstring)."""
    page = _Page(country, frozenset(countries))
    source = _SOURCE_PREFIX.sub("", _plain(_annotation(fig, "source")))
    axes = {axis: measure(fig, axis) for axis in ("x", "y", "marks")}
    points = itertools.count(1)
    rows = []
    for trace in fig.data:
        if getattr(trace, "z", None) is not None:  # a grid: one row per cell
            rows += _grid_rows(fig, trace)
        else:
            rows += _trace_rows(trace, axes, points, page)
    table = pd.DataFrame(rows, columns=COLUMNS).assign(source=source)
    return table.astype({"year": "Int64", "point": "Int64"})


def measure(fig: go.Figure, axis: str) -> tuple[str, str]:
    """(label, unit) of what ``axis`` measures: as declared by the chart builder, else the
    axis title read as "Label (unit)"."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    declared = (meta.get("axes") or {}).get(axis)
    if declared:
        return _plain(str(declared.get("label") or "")), _plain(str(declared.get("unit") or ""))
    if axis not in ("x", "y"):
        return "", ""
    title = getattr(fig.layout, f"{axis}axis").title.text
    return split_label(_plain(str(title or "")))


def split_label(text: str) -> tuple[str, str]:
    """``"Manufacturing value added (% of GDP)"`` -> ("Manufacturing value added",
    "% of GDP"); a text without a bracketed end is a label without a unit."""
    found = _LABEL_UNIT.match(text)
    return (found["label"], found["unit"]) if found and found["label"] else (text, "")


def _trace_rows(trace: Any, axes: dict[str, tuple[str, str]], points: Iterator[int],
                page: _Page) -> list[dict]:
    x, y = _values(getattr(trace, "x", None)), _values(getattr(trace, "y", None))
    if not x or not y or len(x) != len(y) or _invisible(trace):
        return []
    meta = trace.meta if isinstance(trace.meta, dict) else {}
    kind, name = _kind(trace), _plain(str(trace.name or ""))
    if all(_is_year(v) for v in x if v is not None) and _numeric(y):  # a line over the years
        country, series = page.identity(name, meta, kind)
        label, unit = axes["y"]
        return [_row(country, series, int(year), label, value, unit, kind)
                for year, value in zip(x, y, strict=True)
                if year is not None and _number(value) is not None]
    if _numeric(x) and _numeric(y):
        return _point_rows(trace, x, y, axes, page.identity, points)
    if not _numeric(x) and not _numeric(y):
        return _mark_rows(trace, x, y, axes["marks"], kind)
    categories, values, axis = (y, x, "x") if _numeric(x) else (x, y, "y")
    if len(meta.get("values") or ()) == len(values):  # drawn capped: the figures themselves
        values = list(meta["values"])
    label, unit = axes[axis]
    years = meta.get("years") or ()  # a ranking of latest values: each bar's own year
    years = years if len(years) == len(values) else [None] * len(values)
    return [_row(*page.identity(_plain(str(category)) or name, meta, kind),
                 None if year is None else int(year), label, value, unit, kind)
            for category, value, year in zip(categories, values, years, strict=True)
            if value is not None and _number(value) is not None]


def _point_rows(trace: Any, x: list, y: list, axes: dict[str, tuple[str, str]],
                identity: Any, points: Iterator[int]) -> list[dict]:
    """A scatter: two rows per point (its x and its y measure) sharing a point number; the
    point's label (a country, a product) from its text, its year from 1-D year custom data."""
    texts = _values(getattr(trace, "text", None))
    texts = texts if isinstance(texts, list) and len(texts) == len(x) else [""] * len(x)
    years = _values(getattr(trace, "customdata", None))
    years = years if len(years) == len(x) and all(_is_year(v) for v in years) else [None] * len(x)
    meta = trace.meta if isinstance(trace.meta, dict) else {}
    kind, name = _kind(trace), _plain(str(trace.name or ""))
    rows = []
    for xv, yv, text, year in zip(x, y, texts, years, strict=True):
        if xv is None or yv is None:
            continue
        country, series = identity(_plain(str(text or "")) or name, meta, kind)
        number = next(points)
        for value, (label, unit) in ((xv, axes["x"]), (yv, axes["y"])):
            rows.append(_row(country, series, None if year is None else int(year), label,
                             value, unit, kind, number))
    return rows


def _mark_rows(trace: Any, x: list, y: list, marks: tuple[str, str], kind: str) -> list[dict]:
    """A grid of marks (columns countries, rows items): one row per mark, its value the
    mark's number when it shows one (a rank), else 1 (marked)."""
    texts = _values(getattr(trace, "text", None))
    texts = texts if isinstance(texts, list) and len(texts) == len(x) else [None] * len(x)
    label, unit = marks
    return [_row(_plain(str(country)), _plain(str(item)), None, label,
                 1 if _number(text) is None else _number(text), unit, kind)
            for country, item, text in zip(x, y, texts, strict=True)]


def _row(country: str, series: str, year: int | None, indicator: str, value: Any, unit: str,
         kind: str, point: int | None = None) -> dict:
    return {"country": country, "series": series, "year": year, "indicator": indicator,
            "value": value, "unit": unit, "kind": kind, "point": point}


def _grid_rows(fig: go.Figure, trace: Any) -> list[dict]:
    """A grid's cells: its rows are countries and its columns what is measured, or the
    other way round (the builder's ``meta["grid"]["rows"]``); the cell's measure is the
    colour bar's, named after the column or row it is about."""
    grid = (fig.layout.meta or {}).get("grid", {}) if isinstance(fig.layout.meta, dict) else {}
    label, unit = (grid.get("label", ""), grid.get("unit", "")) if grid else \
        split_label(_plain(str(trace.colorbar.title.text or "")))
    by_country = grid.get("rows", "country") == "country"
    x, y = [_plain(str(v)) for v in _values(trace.x)], [_plain(str(v)) for v in _values(trace.y)]
    rows = []
    for i, line in enumerate(trace.z):
        for j, value in enumerate(_values(line)):
            if value is None or _number(value) is None or i >= len(y) or j >= len(x):
                continue
            country, item = (y[i], x[j]) if by_country else (x[j], y[i])
            rows.append(_row(country, "", None, f"{label}: {item}" if label else item, value,
                             unit, _kind(trace)))
    return rows


def _invisible(trace: Any) -> bool:
    """A trace drawn transparent (a point that only keeps a grid's column open)."""
    marker = getattr(trace, "marker", None)
    return marker is not None and getattr(marker, "opacity", None) == 0


def _values(values: Any) -> list:
    """A trace's coordinates as a plain list (``to_dict`` gives numpy arrays)."""
    return [] if values is None or isinstance(values, str) else [
        v.tolist() if hasattr(v, "tolist") else v for v in values]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def _numeric(values: list) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(_number(v) is not None or v != v for v in present)


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
    number = _number(value)
    return number is not None and number.is_integer() and 1700 <= number <= 2200
