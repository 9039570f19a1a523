"""What a country's PDF brief takes from the pages the build wrote: the charts each lesson
declares for its brief, laid out anew for A4, and the tables and the peer explanation the
pages show (so the brief says what the pages say, in their words and numbers).

The brief finds what it takes by the ids of the notebook cells that show it, never by a
caption's words, which are in the page's language.

A lesson declares its brief's charts in ``data/lessons.yml`` (``brief_charts``) by the ids
of the notebook cells that show them. Cell ids are stable (the notebooks are committed with
them and nbconvert writes them into the page as ``id="cell-id=..."``), survive reordering
and rewording of titles (which state each country's finding and so differ by country), and
need no change to the lessons' code; a test checks that every declared cell exists and
shows a chart.
"""

from __future__ import annotations

import copy
import html
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from policylab.plotcalls import MAX_ARGUMENTS, newplot_arguments

_CELL = re.compile(r'id="cell-id=([^"]+)"')
_TABLE = re.compile(r'<figure class="policylab-table".*?</figure>', re.DOTALL)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL_TEXT = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.DOTALL)
_MARKDOWN = re.compile(r'data-mime-type="text/markdown">(.*?)</div>', re.DOTALL)

#: The lessons' charts are designed about this wide (titles wrap at 64 characters of 22 px
#: text, sources at 130 of 13 px); the brief lays each out at this width and scales it to
#: A4's printable width with CSS zoom, so the print is the page's chart, smaller, still vector.
DESIGN_WIDTH_PX = 1000
PRINT_WIDTH_MM = 182  # A4's 210 mm less the brief's 14 mm side margins
PRINT_ZOOM = PRINT_WIDTH_MM * 96 / 25.4 / DESIGN_WIDTH_PX
#: Source lines are rewrapped shorter than on the page: the print's sans fallback font is
#: wider than the pages' Source Sans, and a line must never run past the right margin.
SOURCE_WRAP = 105
#: A horizontal legend's item: symbol and gaps, then about this much per character of its
#: 14 px label (DejaVu Sans, the widest fallback); a row of items this tall.
LEGEND_ITEM_PX = 44
LEGEND_CHAR_PX = 8.2
LEGEND_ROW_PX = 21
#: A plot area (between the title block and the source line) no taller than this: the six
#: declared charts and the closing section then fit pages 2-4 of the brief.
PLOT_MAX_PX = 200
#: White space the house layout leaves above the title and below the source line, cut in
#: print (the brief's own gap separates charts).
TRIM_TOP_PX = 12
TRIM_BOTTOM_PX = 14
_TEMPLATE_MARGIN = {"l": 70, "r": 40}


@dataclass
class Chart:
    """One plotly figure of a page: the arguments of its ``Plotly.newPlot`` call."""

    div_id: str
    data: list
    layout: dict
    config: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


def read_page(page: Path) -> str:
    """A built page's HTML, or "" when the build did not write it."""
    try:
        return page.read_text(encoding="utf-8")
    except OSError:
        return ""


def cell_html(page: str, cell_id: str) -> str:
    """The HTML of one notebook cell of a page (its input and outputs), "" if absent."""
    marker = f'id="cell-id={cell_id}"'
    start = page.find(marker)
    if start < 0:
        return ""
    following = _CELL.search(page, start + len(marker))
    return page[start:following.start() if following else len(page)]


def charts_in(fragment: str) -> list[Chart]:
    """Every figure drawn in ``fragment``, decoded from its ``Plotly.newPlot`` arguments
    (calls without all four are not figures this library wrote, and are left out)."""
    return [Chart(*values) for values in newplot_arguments(fragment)
            if values is not None and len(values) == MAX_ARGUMENTS]


def declared_charts(page: str, cells: list[str]) -> list[tuple[str, Chart]]:
    """The first chart of each declared cell, in the declared order; a cell that shows no
    chart (the lesson skipped the section for lack of data, and said why) gives none."""
    found = []
    for cell in cells:
        charts = charts_in(cell_html(page, cell))
        if charts:
            found.append((cell, charts[0]))
    return found


def _legend_rows(chart: Chart, width: int) -> int:
    """How many rows a horizontal legend takes at ``width`` (plotly wraps it into columns as
    wide as its widest item when one row does not fit)."""
    layout = chart.layout
    template = layout.get("template", {}).get("layout", {})
    legend = {**template.get("legend", {}), **layout.get("legend", {})}
    if layout.get("showlegend") is False or legend.get("orientation") != "h":
        return 1
    names = [str(t.get("name") or "") for t in chart.data
             if t.get("showlegend", True) is not False and t.get("name")]
    if not names:
        return 1
    margin = {**_TEMPLATE_MARGIN, **template.get("margin", {}), **layout.get("margin", {})}
    room = width - margin["l"] - margin["r"]
    items = [LEGEND_ITEM_PX + LEGEND_CHAR_PX * len(re.sub(r"<[^>]+>", "", n)) for n in names]
    if sum(items) <= room:
        return 1
    columns = max(1, int(room // max(items)))
    return math.ceil(len(items) / columns)


def for_print(chart: Chart, plot_max: int = PLOT_MAX_PX) -> Chart:
    """The chart laid out for the brief: its own height (its plot area at most
    ``plot_max``, plus room for a legend that wraps and a source that wraps shorter), the
    design width, and no resizing with the window."""
    # the chart modules import plotly and pandas: only a build that prints briefs pays
    from policylab.charts.template import SOURCE_LINE_PX, wrap_source
    from policylab.display import DEFAULT_HEIGHT_PX

    printed = copy.deepcopy(chart)
    layout = printed.layout
    height = int(layout.get("height") or DEFAULT_HEIGHT_PX)
    margin = layout.setdefault("margin", {})
    extra_top = LEGEND_ROW_PX * (_legend_rows(chart, DESIGN_WIDTH_PX) - 1)
    extra_bottom = 0
    for note in layout.get("annotations", []):
        if note.get("name") == "title":
            note["yshift"] = note.get("yshift", 0) + extra_top
        elif note.get("name") == "source":
            text = str(note.get("text", ""))
            wrapped = wrap_source(" ".join(text.split("<br>")), SOURCE_WRAP)
            extra_bottom = SOURCE_LINE_PX * max(0, wrapped.count("<br>") - text.count("<br>"))
            note["text"] = wrapped
    if "t" in margin and "b" in margin:  # a house chart: its plot area and spaces are known
        height -= max(0, height - margin["t"] - margin["b"] - plot_max)
        extra_top -= TRIM_TOP_PX
        extra_bottom -= TRIM_BOTTOM_PX
    margin["t"] = margin.get("t", 0) + extra_top
    margin["b"] = margin.get("b", 0) + extra_bottom
    layout.update(width=DESIGN_WIDTH_PX, height=height + extra_top + extra_bottom,
                  autosize=False)
    printed.config = {**printed.config, "responsive": False, "staticPlot": True}
    return printed


def _script_json(value: object) -> str:
    """JSON safe inside a ``<script>``: no ``</script>`` or comment opener can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(chart: Chart, key: str) -> str:
    """A printed chart: a box exactly the layout's size, zoomed to the printable width."""
    layout = chart.layout
    return (f'<div class="brief-chart" data-chart="{html.escape(key)}" '
            f'style="zoom:{PRINT_ZOOM:.4f}; width:{layout["width"]}px; '
            f'height:{layout["height"]}px;"><div id="{html.escape(chart.div_id)}" '
            f'style="width:100%; height:100%;"></div><script>Plotly.newPlot('
            f'{_script_json(chart.div_id)}, {_script_json(chart.data)}, '
            f"{_script_json(layout)}, {_script_json(chart.config)});</script></div>")


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def tables(page: str) -> list[Table]:
    """The page's captioned tables (``display.show_table``), as plain text cells."""
    found = []
    for figure in _TABLE.findall(page):
        caption = _CAPTION.search(figure)
        rows = [[_plain(c) for c in _CELL_TEXT.findall(row)] for row in _ROW.findall(figure)]
        if caption and rows:
            found.append(Table(_plain(caption.group(1)), rows[0], rows[1:]))
    return found


def table_in_cell(page: str, cell_id: str) -> Table | None:
    """The first captioned table a notebook cell of the page shows (found by the cell's id,
    whatever the language of its caption)."""
    found = tables(cell_html(page, cell_id))
    return found[0] if found else None


def note_in_cell(page: str, cell_id: str) -> str:
    """The first Markdown note a notebook cell of the page shows (the peer explanation
    above the peer table), as plain text; "" without one."""
    note = _MARKDOWN.search(cell_html(page, cell_id))
    return _plain(note.group(1)) if note else ""
