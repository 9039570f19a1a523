"""The house look: one plotly template, a colour-blind-safe palette, titles and source lines.

Colours follow the Okabe & Ito (2008) palette, chosen so that the eight colours stay
distinguishable with the common forms of colour blindness; yellow is left out because it
is unreadable on white. The focus country is always vermillion and drawn thicker, peers
take the other colours, the group median is a dark dashed line and every other country is
light grey, so the reader finds "us" at once on every chart.

Font sizes are set for a projector at the back of a room; margins grow with the title and
axis labels (``automargin``) so nothing is clipped.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence

import plotly.graph_objects as go
import plotly.io as pio

from policylab.display import DEFAULT_HEIGHT_PX, source_line
from policylab.i18n import SOURCE_LANGUAGE, current_language, plotly_separators
from policylab.text import decimals_for, with_unit

TEMPLATE_NAME = "policylab"
FONT_FAMILY = "'Source Sans 3', 'Segoe UI', Helvetica, Arial, sans-serif"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#555555"

FOCUS_COLOUR = "#D55E00"  # Okabe-Ito vermillion
PEER_COLOURS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
GROUP_COLOUR = "#333333"
OTHER_COLOUR = "#BBBBBB"
FOCUS_WIDTH = 4.5
PEER_WIDTH = 2.0
GROUP_WIDTH = 2.5
# Diverging scale for gaps (Okabe-Ito vermillion -> white -> blue): below the peer median
# is warm, above it cool, both readable without red-green contrast.
DIVERGING_SCALE = [[0.0, "#B54A00"], [0.25, "#E8A273"], [0.5, "#F7F7F7"],
                   [0.75, "#7FB3D9"], [1.0, "#0A5A99"]]

TITLE_SIZE = 22
TITLE_WRAP = 64
TITLE_TOP_PX = 20
TITLE_LINE_PX = 30
LEGEND_PX = 40
SOURCE_OFFSET_PX = 62
BOTTOM_PX = SOURCE_OFFSET_PX + 40
#: Source lines wrap at this many characters (13 px text fits about 150 on a 1100 px chart)
#: and each extra line adds this much bottom margin, so no source is clipped on the right.
SOURCE_WRAP = 130
#: Column labels of grids wrap at this many characters, so that long names ("United
#: Republic of Tanzania") do not run into their neighbours.
LABEL_WRAP = 16
SOURCE_LINE_PX = 17


def _house_template() -> go.layout.Template:
    axis = {
        "automargin": True,
        "linecolor": "#888888",
        "ticks": "outside",
        "tickcolor": "#888888",
        "tickfont": {"size": 14},
        "title": {"font": {"size": 15}, "standoff": 10},
        "zeroline": False,
    }
    return go.layout.Template(
        layout={
            "font": {"family": FONT_FAMILY, "size": 16, "color": TEXT_COLOUR},
            "title": {"font": {"size": TITLE_SIZE}, "x": 0, "xref": "paper", "xanchor": "left"},
            "colorway": [PEER_COLOURS[0], FOCUS_COLOUR, *PEER_COLOURS[1:]],
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "height": DEFAULT_HEIGHT_PX,
            "margin": {"l": 70, "r": 40, "t": 90, "b": BOTTOM_PX},
            "xaxis": {**axis, "showgrid": False},
            "yaxis": {**axis, "showgrid": True, "gridcolor": "#E5E5E5"},
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02,
                       "yanchor": "bottom", "font": {"size": 14}, "title": {"text": ""}},
            "hoverlabel": {"font": {"size": 15, "family": FONT_FAMILY}, "bgcolor": "white"},
            "colorscale": {"diverging": DIVERGING_SCALE},
        }
    )


pio.templates[TEMPLATE_NAME] = _house_template()


def title_with_subtitle(title: str, subtitle: str) -> str:
    """A finding as the title and, smaller underneath, what is measured (both wrapped)."""
    return (
        _wrap(title)
        + f"<br><span style=\"font-size:16px;color:{MUTED_COLOUR}\">"
        + _wrap(subtitle, TITLE_WRAP + 15)
        + "</span>"
    )


def _wrap(text: str, width: int = TITLE_WRAP) -> str:
    if "<br>" in text:
        return text
    return "<br>".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def wrap_label(label: str, width: int = LABEL_WRAP) -> str:
    """A short label (a country's name over a grid's column) on lines of at most ``width``
    characters, words kept whole: "United Republic<br>of Tanzania"."""
    return "<br>".join(textwrap.wrap(label, width, break_on_hyphens=False,
                                     break_long_words=False)) or label


def axis_title(label: str, unit: str | None = None) -> str:
    """``"Manufacturing value added (% of GDP)"``: every axis names its unit."""
    return f"{label} ({unit})" if unit else label


#: A trace's ``meta`` saying that its category or point labels are countries (its name, a
#: legend group such as "Peers", is no series), for the chart's data file.
COUNTRIES = {"labels": "country", "series": ""}


def describe(fig: go.Figure, **measures: tuple[str, str | None] | dict) -> go.Figure:
    """Declare what a chart measures, for its data file (:mod:`policylab.charts.data`):
    ``x=(label, unit)``, ``y=(label, unit)``, ``marks=(label, unit)`` for a grid of marks,
    or ``grid={"rows": "country" | "indicator", "label": ..., "unit": ...}`` for a heatmap.
    Axis titles mix the two ("% of GDP" alone, a label without its unit), so the builder,
    which knows both, says them here. Returns ``fig``."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    axes = dict(meta.get("axes") or {})
    for name, value in measures.items():
        if name == "grid":
            meta["grid"] = dict(value)
        else:
            label, unit = measure_of(*value)
            axes[name] = {"label": label, "unit": unit}
    fig.update_layout(meta={**meta, "axes": axes})
    return fig


def measure_of(label: str | None, unit: str | None) -> tuple[str, str]:
    """(label, unit) from a label and a unit as builders hold them: a label that is the
    unit or ends with it in brackets loses it; without a unit, "Label (unit)" is split."""
    from policylab.charts.data import split_label

    if not unit:
        return split_label(label or "")
    return indicator_label(label, unit), unit


def indicator_label(label: str | None, unit: str | None) -> str:
    """The measure's label from an axis label that may be the unit itself or "Label
    (unit)": "" when it names only the unit."""
    text = (label or "").strip()
    if unit and text.lower().endswith(f"({unit.lower()})"):
        text = text[: -len(unit) - 2].strip()
    return "" if unit and text.lower() == unit.strip().lower() else text


def new_figure(title: str, source: str, *, legend: bool = True,
               height: int = DEFAULT_HEIGHT_PX) -> go.Figure:
    """An empty figure with the house template, the (wrapped) title and the source line.

    The title is an annotation anchored to the top of the plot area (above the legend)
    rather than ``layout.title``: plotly re-centres multi-line layout titles on their
    anchor, which cut off the first line or ran into the legend, whereas annotations are
    anchored by their real height. The top margin grows with the number of title lines.
    Read the title back with :func:`figure_title`.

    Annotations do not wrap by themselves, so the source line is wrapped here
    (:func:`wrap_source`) and the bottom margin grows by one line height per extra line.
    """
    text = _wrap(title)
    lines = text.count("<br>") + 1
    source_text = wrap_source(source_line(source))
    source_lines = source_text.count("<br>") + 1
    above_plot = LEGEND_PX if legend else 10
    fig = go.Figure(layout={"template": TEMPLATE_NAME})
    if current_language() != SOURCE_LANGUAGE:  # "7,6" on axes and in hover labels
        fig.update_layout(separators=plotly_separators())
    fig.update_layout(height=height + SOURCE_LINE_PX * (source_lines - 1), showlegend=legend,
                      margin={"t": TITLE_TOP_PX + TITLE_LINE_PX * lines + above_plot,
                              "b": BOTTOM_PX + SOURCE_LINE_PX * (source_lines - 1)})
    fig.add_annotation(
        name="title", text=text, xref="paper", yref="paper", x=0, y=1, xanchor="left",
        yanchor="bottom", yshift=above_plot, showarrow=False, align="left",
        font={"size": TITLE_SIZE},
    )
    fig.add_annotation(
        name="source", text=source_text,
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-SOURCE_OFFSET_PX, showarrow=False, align="left",
        font={"size": 13, "color": MUTED_COLOUR},
    )
    return fig


def wrap_source(text: str, width: int = SOURCE_WRAP) -> str:
    """A source line broken into lines of at most ``width`` characters (``<br>``-joined).

    Lines the author already broke with ``<br>`` are kept, and only those still too long
    are wrapped, so sources wrapped by hand keep working."""
    parts = [segment for line in text.split("<br>")
             for segment in (textwrap.wrap(line, width, break_on_hyphens=False) or [line])]
    return "<br>".join(parts)


def figure_title(fig: go.Figure) -> str:
    """The title text of a figure made by :func:`new_figure`."""
    return next(a.text for a in fig.layout.annotations if a.name == "title")


def display_name(iso3: str, names: Mapping[str, str] | None) -> str:
    return (names or {}).get(iso3, iso3)


def peer_colour(position: int) -> str:
    return PEER_COLOURS[position % len(PEER_COLOURS)]


def value_decimals(values: Iterable[float]) -> int:
    """Decimals of the text layer's one rule for the largest of ``values`` (so that hover
    labels read as tables and sentences do)."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    return decimals_for(max(finite, default=0.0))


def value_format(values: Iterable[float]) -> str:
    """The d3 number format (hover text) matching :func:`value_decimals`."""
    return f",.{value_decimals(values)}f"


def unit_suffix(unit: str | None) -> str:
    """Text after a number in hover labels: "12.3% of GDP", "1,234 US$"."""
    if not unit:
        return ""
    if current_language() != SOURCE_LANGUAGE:  # "12,3 % du PIB", a no-break space first
        return with_unit("", unit)
    return unit if unit.startswith("%") else f" {unit}"


def ordered_unique(codes: Sequence[str], exclude: Iterable[str] = ()) -> list[str]:
    """Codes in order, without duplicates and without those in ``exclude``."""
    skip = set(exclude)
    seen: list[str] = []
    for code in codes:
        if code not in skip and code not in seen:
            seen.append(code)
    return seen
