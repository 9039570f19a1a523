"""How a figure, a table or a computed sentence is shown, in each mode.

Static mode (headless batch, see :mod:`policylab.learning.mode`): a plotly figure becomes
one ``text/html`` output, a ``<div>`` plus a script calling ``Plotly.newPlot``, without
plotly.js itself. Two known pitfalls make this necessary: a headless kernel defaults to the
``plotly_mimetype`` renderer, whose output nbconvert drops from HTML, and embedding plotly.js
costs ~4.8 MB per page, whereas the batch's pages load it once per folder from ``assets/``.
Live mode (JupyterLab): the normal plotly bundle, which JupyterLab renders itself.

Tables and notes look the same in both modes: plain HTML and Markdown, with numbers
formatted for readers and missing values shown as an en dash, never "nan".
"""

from __future__ import annotations

import hashlib
import html
import numbers
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import Markdown, display

from policylab.i18n import _
from policylab.learning.mode import is_static
from policylab.text import MISSING, decimals_for, format_value

DEFAULT_HEIGHT_PX = 520
FIGURE_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

_div_ids_seen: dict[str, int] = {}


class _ChartData:
    """Where the data behind each chart goes in this run (DESIGN §9:
    ``<ISO3>/data/<notebook>--<chart>.csv`` beside the page), or nowhere."""

    folder: Path | None = None
    notebook: str = ""
    taken: set[str] = set()
    country: str = ""
    countries: frozenset[str] = frozenset()


def set_chart_data(folder: str | os.PathLike | None, notebook: str = "", country: str = "",
                   countries: Iterable[str] = ()) -> None:
    """Write each chart's data as a CSV into ``folder`` from now on (None: stop). A lesson
    with a results file sets it (the batch's runs); the batch's kernel reset clears it.
    ``country`` (the page's country) and ``countries`` (every country's name) tell a chart's
    countries from its other series (``charts.data.tidy``)."""
    _ChartData.folder = Path(folder) if folder else None
    _ChartData.notebook = notebook
    _ChartData.taken = set()
    _ChartData.country = country
    _ChartData.countries = frozenset(countries)


def show(fig: go.Figure) -> None:
    """Show a plotly figure: static HTML in the batch, plotly's own output when live; with
    a chart-data folder set, also its data as a CSV, linked under the chart."""
    link = _write_chart_data(fig) if _ChartData.folder is not None else ""
    if is_static():
        bundle = figure_bundle(fig)
        if link:
            words = _("data (CSV)")
            bundle["text/html"] += (f'<p class="policylab-chart-data"><a href="{link}">'
                                    f"{words}</a></p>")
        display(bundle, raw=True)
    else:
        fig.show(config=FIGURE_CONFIG)


def _write_chart_data(fig: go.Figure) -> str:
    """The chart's tidy table written atomically; its link relative to the page."""
    from policylab import atomic
    from policylab.charts.data import chart_title, slug, tidy

    name = f"{_ChartData.notebook}--{slug(chart_title(fig), _ChartData.taken)}.csv"
    table = tidy(fig, country=_ChartData.country, countries=_ChartData.countries)
    atomic.write_text(_ChartData.folder / name, table.to_csv(index=False))
    return f"data/{name}"


def figure_bundle(fig: go.Figure) -> dict[str, str]:
    """The one-entry mime bundle ``{"text/html": ...}`` that static mode displays."""
    return {"text/html": figure_html(fig)}


def figure_html(fig: go.Figure) -> str:
    """A ``<div>`` and an inline ``Plotly.newPlot`` script for ``fig``, without plotly.js.

    The div id is derived from the figure's content rather than a random uuid, so that
    re-running an unchanged notebook yields the same output; a figure shown twice in one
    kernel gets a numbered suffix so ids stay unique on the page.

    The figure is turned into a dict once (plotly's ``to_dict`` deep-copies and encodes
    every array, and was half the cost of showing a figure when both ``to_json`` and
    ``to_html`` did it); the hash covers the same JSON ``fig.to_json()`` gives.
    """
    fig_dict = fig.to_dict()
    digest = hashlib.sha1(pio.to_json(fig_dict, validate=False).encode("utf-8")).hexdigest()[:12]
    count = _div_ids_seen.get(digest, 0)
    _div_ids_seen[digest] = count + 1
    div_id = f"policylab-{digest}" + (f"-{count}" if count else "")
    height = fig.layout.height or DEFAULT_HEIGHT_PX
    return pio.to_html(
        fig_dict,
        validate=False,
        full_html=False,
        include_plotlyjs=False,
        config=FIGURE_CONFIG,
        div_id=div_id,
        default_height=f"{height}px",
        default_width="100%",
    )


def source_line(source: str) -> str:
    """``"Source: ..."`` from either "World Bank WDI" or an already prefixed text."""
    text = source.strip()
    if text.lower().startswith(("source", _("Source").lower(), _("Sources").lower())):
        return text
    return _("Source: {source}").format(source=text)


def plain_text(text: str) -> str:
    """User-given text (a workshop title) made safe to put inside Markdown: HTML markup is
    escaped, so it shows as typed and never runs, and Markdown's own signs are
    backslash-escaped, so that ``*`` or ``[`` stay characters."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#!|~>])", r"\\\1", escaped)


#: A code span, kept as it is: a "$" inside one is never read as mathematics.
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?\1")
_BARE_DOLLAR = re.compile(r"(?<!\\)\$")


def literal_dollars(markdown_text: str) -> str:
    """``markdown_text`` with every "$" outside code escaped as "\\$".

    JupyterLab and nbconvert read two dollar signs in a paragraph as inline mathematics:
    "22.9 US$ in 2000 and 243.7 US$ in 2024" would turn the words between them into a
    formula and leave the Markdown around them unrendered. The material writes no LaTeX,
    so every dollar sign outside code is a currency sign."""
    parts, last = [], 0
    for span in _CODE_SPAN.finditer(markdown_text):
        parts.append(_BARE_DOLLAR.sub(r"\\$", markdown_text[last:span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_BARE_DOLLAR.sub(r"\\$", markdown_text[last:]))
    return "".join(parts)


def markdown(markdown_text: str) -> Markdown:
    """Computed text as a Markdown output, its currency signs escaped (:func:`literal_dollars`):
    every computed Markdown the pages show goes through here."""
    return Markdown(literal_dollars(markdown_text))


def note(markdown_text: str) -> None:
    """Show computed text (key messages, explanations) as Markdown in either mode."""
    display(markdown(markdown_text))


def format_number(value: object, decimals: int | None = None) -> str:
    """A number as a reader expects it: the text layer's one rule
    (:func:`policylab.text.format_value`), "–" if missing, a non-number as text."""
    return format_value(value, decimals=decimals)


Formatter = str | Callable[[object], str]


def show_table(
    df: pd.DataFrame,
    caption: str,
    source: str,
    formats: Mapping[str, Formatter] | None = None,
) -> None:
    """Show ``df`` as a captioned table with a source line (the same in both modes)."""
    display(table_bundle(df, caption, source, formats), raw=True)


def table_bundle(
    df: pd.DataFrame,
    caption: str,
    source: str,
    formats: Mapping[str, Formatter] | None = None,
) -> dict[str, str]:
    """HTML and plain-text versions of the table that :func:`show_table` displays.

    ``formats`` maps a column to a format string (``"{:.1f}"``) or a function; other
    columns use :func:`format_number`, except year columns (a name containing "year", or
    whole numbers all between ``YEAR_RANGE``), which are printed as plain integers (2023,
    not 2,023). Float columns get one precision each, from their largest value. Missing
    values (None, NaN, ``pd.NA``, ``NaT``) are an en dash in both versions.
    """
    cells = _formatted_cells(df, formats or {})
    show_index = not isinstance(df.index, pd.RangeIndex)
    index_header = str(df.index.name or "") if show_index else None
    headers = ([index_header] if show_index else []) + [str(c) for c in df.columns]
    numeric = [False] * show_index + [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    rows = [
        ([str(label)] if show_index else []) + row
        for label, row in zip(df.index, cells, strict=True)
    ]
    return {
        "text/html": _table_html(headers, rows, numeric, caption, source),
        "text/plain": _table_text(headers, rows, caption, source),
    }


@dataclass(frozen=True)
class Table:
    """A table ready to show, as sections return it: the frame, its caption, its source
    line and column formats (as for :func:`table_bundle`)."""

    frame: pd.DataFrame
    caption: str
    source: str
    formats: Mapping[str, Formatter] | None = None

    def bundle(self) -> dict[str, str]:
        return table_bundle(self.frame, self.caption, self.source, self.formats)

    def show(self) -> None:
        display(self.bundle(), raw=True)


def _formatted_cells(df: pd.DataFrame, formats: Mapping[str, Formatter]) -> list[list[str]]:
    columns = []
    for name in df.columns:
        fmt = formats.get(name)
        is_year = _is_year_column(df[name])
        decimals = _column_decimals(df[name])
        columns.append([_format_cell(v, fmt, is_year, decimals) for v in df[name]])
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in df.index]


YEAR_RANGE = (1800, 2100)


def _is_year_column(column: pd.Series) -> bool:
    """Named like a year, or whole numbers that all look like years (nullable ints too)."""
    if "year" in str(column.name).lower():
        return True
    if not pd.api.types.is_integer_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    present = column.dropna()
    return not present.empty and bool(present.between(*YEAR_RANGE).all())


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like cells are never "missing"
        return False


def _column_decimals(column: pd.Series) -> int | None:
    """One precision per column (from its largest value), so figures line up."""
    if not pd.api.types.is_float_dtype(column):
        return None
    largest = column.abs().max()
    return None if pd.isna(largest) else decimals_for(largest)


def _format_cell(value: object, fmt: Formatter | None, is_year: bool, decimals: int | None) -> str:
    if _is_missing(value):
        return MISSING
    if fmt is not None:
        return fmt(value) if callable(fmt) else fmt.format(value)
    if is_year and isinstance(value, numbers.Real):
        return str(int(value))
    return format_number(value, decimals)


_TABLE_STYLE = "border-collapse:collapse;font-size:0.95em;margin:0.5em 0"
_CELL_STYLE = "padding:0.25em 0.75em;border-bottom:1px solid #ddd"


def _table_html(
    headers: list[str], rows: list[list[str]], numeric: list[bool], caption: str, source: str
) -> str:
    def cell(tag: str, text: str, right: bool) -> str:
        align = "right" if right else "left"
        return f'<{tag} style="{_CELL_STYLE};text-align:{align}">{html.escape(text)}</{tag}>'

    head = "".join(cell("th", h, r) for h, r in zip(headers, numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(cell("td", v, r) for v, r in zip(row, numeric, strict=True)) + "</tr>"
        for row in rows
    )
    return (
        f'<figure class="policylab-table" style="margin:1em 0">'
        f'<table style="{_TABLE_STYLE}">'
        f'<caption style="caption-side:top;text-align:left;font-weight:bold;padding:0.25em 0">'
        f"{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<figcaption class="policylab-source" style="font-size:0.85em;color:#555">'
        f"{html.escape(source_line(source))}</figcaption></figure>"
    )


def _table_text(headers: list[str], rows: list[list[str]], caption: str, source: str) -> str:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [caption, "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([*lines, source_line(source)])
