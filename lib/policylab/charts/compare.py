"""Charts that compare the focus country with its peers: over time, in a ranking, and
against a cross-country pattern. The focus country is always the highlighted one."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from policylab.charts.template import (
    COUNTRIES,
    FOCUS_COLOUR,
    FOCUS_WIDTH,
    GROUP_COLOUR,
    GROUP_WIDTH,
    OTHER_COLOUR,
    PEER_WIDTH,
    axis_title,
    describe,
    display_name,
    new_figure,
    ordered_unique,
    peer_colour,
    unit_suffix,
    value_decimals,
    value_format,
)
from policylab.charts.years import every_year
from policylab.errors import PolicylabError
from policylab.i18n import _
from policylab.text import format_value, with_unit


def line_compare(
    panel: pd.DataFrame,
    focus: str,
    peers: Sequence[str] = (),
    group_median: pd.Series | pd.DataFrame | None = None,
    *,
    title: str,
    unit: str,
    source: str,
    names: Mapping[str, str] | None = None,
    y_label: str | None = None,
    group_label: str | None = None,
    indicator: str | None = None,
) -> go.Figure:
    """Lines over time: the focus country thick, peers thin, the group median dashed; each
    line breaks at the years it has no value for (``charts.years``).

    ``panel`` is wide (index year, columns ISO3), as ``Dataset.panel`` returns it;
    ``group_median`` is a Series indexed by year or a frame with ``year`` and ``value``.
    A country without any value keeps a "(no data)" legend entry instead of vanishing.
    ``indicator`` is the measure's label for the chart's data file when ``y_label`` names
    only the unit.
    """
    peers = ordered_unique(peers, exclude=[focus])
    group_label = _("Group median") if group_label is None else group_label
    fmt = value_format(panel.to_numpy(dtype=float).ravel())
    suffix = unit_suffix(unit)
    fig = new_figure(title, source)
    if group_median is not None:
        median = _median_series(group_median)
        fig.add_trace(_line(median, group_label, GROUP_COLOUR, GROUP_WIDTH, fmt, suffix,
                            dash="dash", rank=3,
                            meta={"kind": "median", "series": group_label}))
    for position, code in enumerate(peers):
        fig.add_trace(_line(_column(panel, code), display_name(code, names),
                            peer_colour(position), PEER_WIDTH, fmt, suffix, rank=2))
    fig.add_trace(_line(_column(panel, focus), display_name(focus, names), FOCUS_COLOUR,
                        FOCUS_WIDTH, fmt, suffix, rank=1))
    fig.update_layout(hovermode="x unified", yaxis_title=axis_title(y_label or unit))
    fig.update_xaxes(tickformat="d")
    return describe(fig, y=(indicator or y_label, unit))


def _column(panel: pd.DataFrame, code: str) -> pd.Series:
    if code in panel.columns:
        return panel[code]
    return pd.Series(dtype=float)


def _median_series(group_median: pd.Series | pd.DataFrame) -> pd.Series:
    if isinstance(group_median, pd.Series):
        return group_median
    if {"year", "value"} <= set(group_median.columns):
        return group_median.set_index("year")["value"]
    raise PolicylabError("group_median must be a Series by year or a frame with year and value")


def _line(
    series: pd.Series, name: str, colour: str, width: float, fmt: str, suffix: str,
    *, dash: str = "solid", rank: int, meta: dict | None = None,
) -> go.Scatter:
    """A country's line (its name is the country, for the data file) unless ``meta``
    says otherwise, broken at the years without a value."""
    points = every_year(series)
    label = name if len(points) else no_data(name)
    return go.Scatter(meta=meta or {"country": name},
        x=points.index.to_numpy(), y=points.to_numpy(), name=label, mode="lines+markers",
        connectgaps=False, line={"color": colour, "width": width, "dash": dash},
        marker={"size": width + 2.5, "color": colour},
        legendrank=rank * 1000,
        hovertemplate=f"{name}: %{{y:{fmt}}}{suffix}<extra></extra>",
    )


def bar_compare(
    values: pd.Series,
    focus: str,
    peers: Sequence[str] = (),
    *,
    title: str,
    unit: str,
    source: str,
    years: pd.Series | Mapping[str, int] | None = None,
    names: Mapping[str, str] | None = None,
    x_label: str | None = None,
    limit: int | None = None,
    indicator: str | None = None,
) -> go.Figure:
    """A ranking (highest at the top) with the focus country highlighted and its label bold,
    peers coloured and every other country grey; hover shows rank and the value's year.

    ``values`` is indexed by ISO3; missing values are dropped. With ``limit``, only the top
    ``limit`` countries are drawn, plus the focus country and peers wherever they rank.
    """
    values = values.astype(float).dropna().sort_values(ascending=False)
    peers = ordered_unique(peers, exclude=[focus])
    ranks = pd.Series(np.arange(1, len(values) + 1), index=values.index)
    shown = values.index.tolist()
    if limit is not None:
        shown = [c for c in shown if ranks[c] <= limit or c == focus or c in peers]
    year_of = {c: int(y) for c, y in (years.items() if years is not None else ())
               if not pd.isna(y)}
    # bars of different years: each says its year, on the page and in print, not only on hover
    dated = len({year_of.get(c) for c in shown}) > 1
    labels = {c: display_name(c, names) for c in shown}
    labels[focus] = f"<b>{display_name(focus, names)}</b>"
    decimals = value_decimals(values)
    fmt = f",.{decimals}f"
    suffix = unit_suffix(unit)
    fig = new_figure(title, source, height=max(420, 28 * len(shown) + 200))
    groups = [
        ([c for c in shown if c == focus], display_name(focus, names), FOCUS_COLOUR),
        ([c for c in shown if c in peers], _("Peers"), peer_colour(0)),
        ([c for c in shown if c != focus and c not in peers], _("Other countries"),
         OTHER_COLOUR),
    ]
    for rank, (codes, name, colour) in enumerate(groups, start=1):
        if not codes:
            continue
        fig.add_trace(go.Bar(
            y=[labels[c] for c in codes], x=values[codes].to_numpy(), orientation="h",
            name=name, meta={**COUNTRIES, "years": [year_of.get(c) for c in codes]},
            marker_color=colour, legendrank=rank * 1000,
            text=[_bar_text(values[c], decimals, unit, year_of.get(c) if dated else None)
                  for c in codes], textposition="outside",
            cliponaxis=False,
            customdata=[[int(ranks[c]), _year_text(year_of.get(c))] for c in codes],
            hovertemplate=(f"%{{y}}: %{{x:{fmt}}}{suffix} (%{{customdata[1]}})<br>"
                           + _("Rank %{{customdata[0]}} of {count}").format(count=len(values))
                           + "<extra></extra>"),
        ))
    if focus not in values.index:
        fig.add_trace(go.Bar(x=[], y=[], name=no_data(display_name(focus, names)),
                             marker_color=FOCUS_COLOUR))
    fig.update_layout(
        barmode="overlay", bargap=0.25,
        xaxis_title=axis_title(x_label or unit),
        yaxis={"categoryorder": "array", "categoryarray": [labels[c] for c in shown],
               "autorange": "reversed", "showgrid": False, "ticks": ""},
        xaxis={"showgrid": True, "gridcolor": "#E5E5E5"},
    )
    return describe(fig, x=(indicator or x_label, unit))


def _bar_text(value: float, decimals: int, unit: str, year: int | None = None) -> str:
    """Bar end label: the number, with "%" when the unit is a percentage, and its year
    when given ("15.3 (2011)")."""
    text = with_unit(format_value(value, decimals=decimals), "%" if unit.startswith("%")
                     else None)
    return text if year is None else f"{text} ({_year_text(year)})"


def _year_text(year: object) -> str:
    return _("year unknown") if year is None or pd.isna(year) else str(int(year))


def no_data(name: str) -> str:
    """A legend entry for a country without any value: "Kenya (no data)"."""
    return _("{name} (no data)").format(name=name)


def _tick_text(tick: float) -> str:
    """A round tick as written on the page: "3,000", "1", "0.3" (no decimal above 1)."""
    decimals = 0 if tick >= 1 else -math.floor(math.log10(tick))
    return format_value(float(tick), decimals=decimals)


TREND_DEGREES = {"linear": 1, "quadratic": 2}


def scatter_compare(
    df: pd.DataFrame,
    x: str,
    y: str,
    focus: str,
    peers: Sequence[str] = (),
    *,
    title: str,
    x_label: str,
    y_label: str,
    source: str,
    x_unit: str | None = None,
    y_unit: str | None = None,
    names: Mapping[str, str] | None = None,
    log_x: bool = False,
    trend: str | None = None,
    year_column: str | None = "year",
    path: pd.DataFrame | None = None,
    path_name: str = "",
    path_hover: str | None = None,
    marker_line: tuple[float, str] | None = None,
) -> go.Figure:
    """Countries as points (index ISO3): focus large and labelled, peers coloured and
    labelled, all others grey, with an optional fitted world pattern.

    ``trend`` ("linear" or "quadratic") fits y on x (on log10 x when ``log_x``) by ordinary
    least squares over every country drawn, the usual way to show the cross-country
    pattern that development accounting starts from (e.g. the hump of manufacturing share
    against log GDP per capita, Rodrik 2016 "Premature deindustrialization"). A log x axis
    is labelled at 1-3-10 steps only (:func:`log_axis_ticks`).
    """
    if trend is not None and trend not in TREND_DEGREES:
        raise PolicylabError(f"trend must be one of {sorted(TREND_DEGREES)}, not {trend!r}")
    data = df[[x, y]].astype(float).dropna()
    if log_x:
        data = data[data[x] > 0]
    peers = [c for c in ordered_unique(peers, exclude=[focus])]
    year = df[year_column] if year_column and year_column in df.columns else None
    x_fmt, y_fmt = value_format(data[x]), value_format(data[y])
    hover = (f"<b>%{{text}}</b><br>{x_label}: %{{x:{x_fmt}}}{unit_suffix(x_unit)}"
             f"<br>{y_label}: %{{y:{y_fmt}}}{unit_suffix(y_unit)}"
             + ("<br>" + _("Year: %{customdata}") if year is not None else "")
             + "<extra></extra>")
    fig = new_figure(title, source)
    others = [c for c in data.index if c != focus and c not in peers]
    labelled = [c for c in [focus, *peers] if c in data.index]
    margin = fig.layout.margin
    plot_px = max((fig.layout.height or 500) - (margin.t or 0) - (margin.b or 0), 100)
    positions = label_positions(data, x, y, labelled, {c: display_name(c, names)
                                                        for c in labelled}, log_x,
                                label_height=LABEL_LINE_PX / plot_px)
    if trend is not None and len(data) > TREND_DEGREES[trend]:
        fig.add_trace(_trend_line(data, x, y, TREND_DEGREES[trend], log_x, trend))
    groups = [
        (others, _("Other countries"), OTHER_COLOUR, 9, False, 3),
        ([c for c in peers if c in data.index], _("Peers"), peer_colour(0), 13, True, 2),
        ([focus] if focus in data.index else [], display_name(focus, names), FOCUS_COLOUR,
         18, True, 1),
    ]
    for codes, name, colour, size, labelled, rank in groups:
        if not codes:
            continue
        fig.add_trace(go.Scatter(
            x=data.loc[codes, x], y=data.loc[codes, y], name=name,
            mode="markers+text" if labelled else "markers",
            text=[display_name(c, names) for c in codes],
            textposition=[positions.get(c, "top center") for c in codes],
            textfont={"color": colour, "size": 15 if rank == 1 else 13,
                      "shadow": LABEL_HALO},
            marker={"color": colour, "size": size, "line": {"color": "white", "width": 1}},
            customdata=[_year_text(year.get(c)) for c in codes] if year is not None else None,
            hovertemplate=hover, legendrank=rank * 1000, meta=COUNTRIES,
        ))
    if focus not in data.index:
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", marker_color=FOCUS_COLOUR,
                                 name=no_data(display_name(focus, names))))
    fig.update_layout(
        hovermode="closest",
        xaxis_title=axis_title(x_label, x_unit), yaxis_title=axis_title(y_label, y_unit),
        xaxis_type="log" if log_x else "linear",
    )
    describe(fig, x=(x_label, x_unit), y=(y_label, y_unit))
    if path is not None:
        _add_path(fig, path, x, y, year_column or "year", path_name, path_hover, log_x,
                  display_name(focus, names))
    if marker_line is not None and data[x].min() < marker_line[0] < data[x].max():
        _add_marker_line(fig, *marker_line, log_x)
    if log_x and len(data):
        fig.update_xaxes(**log_axis_ticks(data[x]))
    return fig


def _add_path(fig: go.Figure, path: pd.DataFrame, x: str, y: str, year: str, name: str,
              hover: str | None, log_x: bool, country: str) -> None:
    """The focus country's path (see ``scatter_compare``), its first year labelled."""
    fig.add_trace(go.Scatter(meta={"country": country, "series": name},
        x=path[x], y=path[y], mode="lines+markers", name=name,
        line={"color": FOCUS_COLOUR, "width": FOCUS_WIDTH / 2},
        marker={"size": 5, "color": FOCUS_COLOUR}, customdata=path[year],
        hovertemplate=hover or "%{customdata}: %{x}, %{y}<extra></extra>", legendrank=1500,
    ))
    first = path.dropna(subset=[x, y]).iloc[0]
    fig.add_annotation(x=np.log10(first[x]) if log_x else first[x], y=first[y],
                       text=str(int(first[year])), showarrow=False, yshift=12,
                       font={"color": FOCUS_COLOUR, "size": 13})


def _add_marker_line(fig: go.Figure, value: float, label: str, log_x: bool) -> None:
    """A dotted vertical line at ``value`` with ``label`` at the top of the plot."""
    # shapes take data values on a log axis, annotations take their log10
    fig.add_vline(x=value, line_dash="dot", line_color="#888888", line_width=1)
    fig.add_annotation(x=np.log10(value) if log_x else value, y=0.98, xref="x", yref="paper",
                       yanchor="top", xanchor="left", xshift=4, showarrow=False,
                       font={"color": "#555555", "size": 12}, text=label)


def log_ticks(values: pd.Series) -> list[float]:
    """1-3-10 ticks covering ``values``: a log axis otherwise writes small digit labels
    between powers of ten, and a stray one at either end ("9" before 1000)."""
    low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    ticks = [round(m * 10.0 ** e, -e + 1) for e in range(low, high + 1) for m in (1, 3)]
    return [t for t in ticks if values.min() / 3 <= t <= values.max() * 3]


def log_axis_ticks(values: pd.Series) -> dict:
    """The tick settings of a log axis over ``values`` (all positive): :func:`log_ticks`,
    written in the page's number style ("1,000", "3 000")."""
    ticks = log_ticks(values)
    return {"tickvals": ticks, "ticktext": [_tick_text(t) for t in ticks]}


#: Where a point's label may go, in order of preference, with the label box's centre offset
#: from the point in plot fractions (dx in label widths, dy in label heights). A long label
#: tries the places beside its point first: centred above or below the point, its ends lie
#: far from it, over other points, and it reads as theirs.
LABEL_PLACES = (("top center", 0.0, 1.0), ("bottom center", 0.0, -1.0),
                ("middle right", 0.5, 0.0), ("middle left", -0.5, 0.0),
                ("top right", 0.5, 1.0), ("bottom left", -0.5, -1.0))
LONG_LABEL_PLACES = (*LABEL_PLACES[2:4], *LABEL_PLACES[:2], *LABEL_PLACES[4:])
LONG_LABEL_CHARS = 12
LABEL_CHAR_WIDTH = 0.0085  # one character of a 13 px label on a ~1000 px plot, as a fraction
LABEL_HEIGHT = 0.05
#: A 13-15 px label's line height: as a fraction of the plot's real height (a short plot
#: under a three-line title is ~170 px, where a label takes a tenth of it, not 5%).
LABEL_LINE_PX = 18
LABEL_GAP = 0.012  # between a point and its label, as a fraction of the plot
#: A white halo around point labels, so that one drawn over grey points or the fitted line
#: stays readable.
LABEL_HALO = "-1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white, 1px 1px 2px white"


def label_positions(data: pd.DataFrame, x: str, y: str, codes: Sequence[str],
                    labels: Mapping[str, str], log_x: bool = False,
                    label_height: float = LABEL_HEIGHT) -> dict[str, str]:
    """A plotly ``textposition`` per labelled point, chosen so labels overlap less when
    points cluster.

    Greedy placement in ``codes`` order (the focus first): each label takes the first place
    (of ``LABEL_PLACES``, or ``LONG_LABEL_PLACES`` for a label longer than
    ``LONG_LABEL_CHARS``) whose approximate box (from the label's length, in fractions of
    the plot) neither overlaps a label already placed nor covers another labelled point;
    if none is free it keeps the least crowded one.
    """
    xs = np.log10(data[x].clip(lower=1e-12)) if log_x else data[x]
    ys = data[y]
    def scaled(values: pd.Series) -> pd.Series:
        span = float(values.max() - values.min())
        return (values - values.min()) / span if span > 0 else values * 0 + 0.5
    px, py = scaled(xs.astype(float)), scaled(ys.astype(float))
    points = [(float(px[c]), float(py[c])) for c in codes]
    boxes: list[tuple[float, float, float, float]] = []
    chosen = {}
    for code, (cx, cy) in zip(codes, points, strict=True):
        label = labels.get(code, code)
        width = LABEL_CHAR_WIDTH * len(label)
        places = LONG_LABEL_PLACES if len(label) > LONG_LABEL_CHARS else LABEL_PLACES
        best, best_hits = places[0][0], None
        for place, dx, dy in places:
            centre_x = cx + dx * width + (LABEL_GAP if dx > 0 else -LABEL_GAP if dx < 0 else 0)
            centre_y = cy + dy * (label_height / 2 + LABEL_GAP)
            box = (centre_x - width / 2, centre_y - label_height / 2,
                   centre_x + width / 2, centre_y + label_height / 2)
            hits = sum(_overlap(box, other) for other in boxes) + sum(
                box[0] <= ox <= box[2] and box[1] <= oy <= box[3]
                for ox, oy in points if (ox, oy) != (cx, cy))
            if best_hits is None or hits < best_hits:
                best, best_hits, best_box = place, hits, box
            if hits == 0:
                break
        chosen[code] = best
        boxes.append(best_box)
    return chosen


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _trend_line(data: pd.DataFrame, x: str, y: str, degree: int, log_x: bool,
                trend: str) -> go.Scatter:
    xs = np.log10(data[x]) if log_x else data[x]
    coefficients = np.polyfit(xs, data[y], degree)
    grid = np.linspace(xs.min(), xs.max(), 100)
    name = _("World pattern (linear fit)") if trend == "linear" \
        else _("World pattern (quadratic fit)")
    return go.Scatter(
        x=10**grid if log_x else grid, y=np.polyval(coefficients, grid),
        name=name, mode="lines", hoverinfo="skip",
        meta={"kind": "fitted", "series": name},
        line={"color": GROUP_COLOUR, "width": GROUP_WIDTH, "dash": "dash"}, legendrank=4000,
    )
