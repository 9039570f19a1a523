"""Chart builders and tables: focus highlighted, source line, units, missing data, template."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from policylab.charts import (
    TEMPLATE_NAME,
    bar_compare,
    figure_title,
    heatmap,
    line_compare,
    network,
    range_plot,
    scatter_compare,
    stacked_area,
    title_with_subtitle,
)
from policylab.charts.template import FOCUS_COLOUR, OTHER_COLOUR, PEER_COLOURS
from policylab.display import MISSING, table_bundle
from policylab.errors import PolicylabError

NAMES = {"KEN": "Kenya", "UGA": "Uganda", "TZA": "Tanzania", "RWA": "Rwanda", "ETH": "Ethiopia"}
SOURCE = "World Bank WDI (NV.IND.MANF.ZS), 2000–2005"
YEARS = range(2000, 2006)


@pytest.fixture
def panel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "KEN": [10.0, 10.5, np.nan, 9.8, 9.1, 8.7],
            "UGA": [7.0, 7.2, 7.5, 7.9, 8.1, 8.4],
            "TZA": [np.nan] * 6,
        },
        index=pd.Index(YEARS, name="year"),
    )


def _source(fig: go.Figure) -> str:
    (annotation,) = [a for a in fig.layout.annotations if a.name == "source"]
    assert annotation.yref == "paper" and annotation.y == 0 and annotation.yshift < 0
    return annotation.text


def _trace(fig: go.Figure, name: str) -> go.BaseTraceType:
    (trace,) = [t for t in fig.data if t.name == name]
    return trace


def test_house_template_is_registered_and_applied(panel: pd.DataFrame) -> None:
    assert TEMPLATE_NAME in pio.templates
    fig = line_compare(panel, "KEN", title="t", unit="% of GDP", source=SOURCE)
    layout = fig.layout.template.layout
    assert FOCUS_COLOUR in layout.colorway and PEER_COLOURS[0] in layout.colorway
    assert layout.font.size >= 16 and layout.title.font.size >= 20
    assert layout.xaxis.automargin and layout.yaxis.automargin


def test_line_compare_highlights_focus_against_peers_and_median(panel: pd.DataFrame) -> None:
    median = pd.Series([8.0, 8.1, 8.2, 8.3, 8.4, 8.5], index=YEARS)
    fig = line_compare(panel, "KEN", ["UGA", "KEN", "TZA"], median, title="Kenya falls behind",
                       unit="% of GDP", source=SOURCE, names=NAMES,
                       group_label="Sub-Saharan Africa median")
    assert figure_title(fig) == "Kenya falls behind"
    focus, peer = _trace(fig, "Kenya"), _trace(fig, "Uganda")
    assert focus.line.color == FOCUS_COLOUR and peer.line.color != FOCUS_COLOUR
    assert focus.line.width > peer.line.width
    assert fig.data[-1] is focus  # drawn on top
    assert [t.name for t in fig.data].count("Kenya") == 1  # focus listed as peer is not doubled
    assert _trace(fig, "Sub-Saharan Africa median").line.dash == "dash"
    assert _source(fig) == f"Source: {SOURCE}"
    assert fig.layout.yaxis.title.text == "% of GDP"
    assert "% of GDP" in focus.hovertemplate
    assert list(focus.x) == list(YEARS) and np.isnan(focus.y[2])  # the line breaks in 2002


def test_line_compare_keeps_a_no_data_entry_for_empty_peers(panel: pd.DataFrame) -> None:
    fig = line_compare(panel, "KEN", ["TZA", "RWA"], title="t", unit="%", source=SOURCE,
                       names=NAMES)
    for name in ("Tanzania (no data)", "Rwanda (no data)"):
        assert len(_trace(fig, name).x) == 0
    fig.to_json()  # serialisable


def test_line_compare_accepts_group_median_frame(panel: pd.DataFrame) -> None:
    median = pd.DataFrame({"group": "SSA", "year": list(YEARS), "value": np.arange(6.0)})
    fig = line_compare(panel, "KEN", [], median, title="t", unit="%", source=SOURCE)
    assert list(_trace(fig, "Group median").y) == list(np.arange(6.0))


def test_figures_are_deterministic(panel: pd.DataFrame) -> None:
    def build() -> str:
        return line_compare(panel, "KEN", ["UGA"], title="t", unit="%", source=SOURCE).to_json()

    assert build() == build()


def test_long_titles_wrap_and_make_room() -> None:
    title = "Kenya's manufacturing share fell from 10.0% to 8.7% of GDP while its peers grew"
    fig = line_compare(pd.DataFrame({"KEN": [1.0]}, index=[2000]), "KEN", title=title,
                       unit="%", source="x")
    assert "<br>" in figure_title(fig)
    short = line_compare(pd.DataFrame({"KEN": [1.0]}, index=[2000]), "KEN", title="Short",
                         unit="%", source="x")
    assert fig.layout.margin.t > short.layout.margin.t


def test_title_with_subtitle() -> None:
    text = title_with_subtitle("Kenya lags its peers", "Manufacturing value added, % of GDP")
    head, tail = text.split("<br>", 1)
    assert head == "Kenya lags its peers"
    assert "Manufacturing value added, % of GDP" in tail and "font-size" in tail


def test_bar_compare_colours_focus_peers_and_others() -> None:
    values = pd.Series({"KEN": 7.6, "UGA": 16.0, "TZA": 8.0, "RWA": 6.0, "ETH": np.nan,
                        "ZZZ": 3.0})
    years = pd.Series({"KEN": 2022, "UGA": 2021, "TZA": 2022, "RWA": 2020, "ZZZ": 2019})
    fig = bar_compare(values, "KEN", ["UGA", "TZA"], years=years, title="t",
                      unit="% of GDP", source=SOURCE, names=NAMES)
    focus, peers = _trace(fig, "Kenya"), _trace(fig, "Peers")
    others = _trace(fig, "Other countries")
    assert focus.marker.color == FOCUS_COLOUR and others.marker.color == OTHER_COLOUR
    assert peers.marker.color not in (FOCUS_COLOUR, OTHER_COLOUR)
    assert list(focus.y) == ["<b>Kenya</b>"]
    # ranking order, highest first; Ethiopia (no value) left out
    assert list(fig.layout.yaxis.categoryarray) == ["Uganda", "Tanzania", "<b>Kenya</b>",
                                                    "Rwanda", "ZZZ"]
    assert [list(c) for c in focus.customdata] == [[3, "2022"]]
    # figures of different years each say their year on the bar, and in the chart's data
    assert list(focus.text) == ["7.6% (2022)"] and list(peers.text) == ["16.0% (2021)",
                                                                       "8.0% (2022)"]
    from policylab.charts.data import tidy

    assert tidy(fig).set_index("country")["year"].to_dict() == {
        "Kenya": 2022, "Uganda": 2021, "Tanzania": 2022, "Rwanda": 2020, "ZZZ": 2019}
    same_year = bar_compare(values, "KEN", ["UGA"], years=years.map(lambda _y: 2022),
                            title="t", unit="% of GDP", source=SOURCE, names=NAMES)
    assert list(_trace(same_year, "Kenya").text) == ["7.6%"]
    assert "customdata[1]" in focus.hovertemplate and "of 5" in focus.hovertemplate
    assert fig.layout.xaxis.title.text == "% of GDP"
    assert _source(fig).startswith("Source: World Bank")


def test_bar_compare_limit_keeps_focus_and_peers() -> None:
    values = pd.Series({f"C{i:02d}": float(100 - i) for i in range(40)} | {"KEN": 1.0})
    fig = bar_compare(values, "KEN", ["C30"], title="t", unit="US$", source="x", limit=5)
    shown = list(fig.layout.yaxis.categoryarray)
    assert shown == ["C00", "C01", "C02", "C03", "C04", "C30", "<b>KEN</b>"]


def test_bar_compare_focus_without_data_is_said() -> None:
    fig = bar_compare(pd.Series({"UGA": 1.0}), "KEN", title="t", unit="%", source="x",
                      names=NAMES)
    assert _trace(fig, "Kenya (no data)")


def _cross_section() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    gdp = np.geomspace(500, 60_000, 30)
    share = 5 + 10 * np.log10(gdp) - 2 * np.log10(gdp) ** 2 + rng.normal(0, 0.01, 30)
    codes = ["KEN", "UGA", "TZA", *[f"C{i:02d}" for i in range(27)]]
    return pd.DataFrame({"gdp_pc": gdp, "mva": share, "year": 2022}, index=codes)


def test_scatter_compare_highlights_focus_and_fits_world_pattern() -> None:
    df = _cross_section()
    fig = scatter_compare(df, "gdp_pc", "mva", "KEN", ["UGA", "TZA"], title="t",
                          x_label="GDP per capita", x_unit="US$", y_label="MVA share",
                          y_unit="% of GDP", source=SOURCE, names=NAMES, log_x=True,
                          trend="quadratic")
    focus, peers = _trace(fig, "Kenya"), _trace(fig, "Peers")
    others = _trace(fig, "Other countries")
    assert focus.marker.color == FOCUS_COLOUR and focus.marker.size > peers.marker.size
    assert others.marker.color == OTHER_COLOUR and len(others.x) == 27
    assert list(peers.text) == ["Uganda", "Tanzania"]
    trend = _trace(fig, "World pattern (quadratic fit)")
    # the fit recovers the pattern the data were made from
    x = np.log10(np.asarray(trend.x))
    assert np.allclose(trend.y, 5 + 10 * x - 2 * x**2, atol=0.05)
    assert fig.layout.xaxis.type == "log"
    assert fig.layout.xaxis.title.text == "GDP per capita (US$)"
    assert "Year: %{customdata}" in focus.hovertemplate and list(focus.customdata) == ["2022"]


def test_scatter_compare_rejects_unknown_trend() -> None:
    with pytest.raises(PolicylabError, match="trend"):
        scatter_compare(_cross_section(), "gdp_pc", "mva", "KEN", title="t", x_label="x",
                        y_label="y", source="s", trend="cubic")


def test_stacked_area_draws_only_complete_years() -> None:
    shares = pd.DataFrame({"agriculture": [30.0, 28.0, np.nan], "industry": [20.0, 21.0, 22.0],
                           "services": [50.0, 51.0, 50.0]}, index=[2000, 2001, 2002])
    fig = stacked_area(shares, title="t", unit="% of GDP", source="s",
                       labels={"agriculture": "Agriculture"})
    assert [t.name for t in fig.data] == ["Agriculture", "industry", "services"]
    assert all(list(t.x) == [2000, 2001] for t in fig.data)
    assert {t.stackgroup for t in fig.data} == {"one"}


def test_heatmap_diverges_around_zero_and_shows_missing_as_dash() -> None:
    gaps = pd.DataFrame({"mva_share_gdp": [-2.0, 1.0], "co2_per_gdp": [np.nan, 4.0]},
                        index=["KEN", "UGA"])
    fig = heatmap(gaps, title="t", source="s", focus="KEN", row_names=NAMES,
                  column_names={"mva_share_gdp": "Manufacturing share of GDP"})
    (trace,) = fig.data
    assert trace.zmid == 0 and trace.zmin == -4 and trace.zmax == 4
    assert list(trace.y) == ["<b>Kenya</b>", "Uganda"]
    assert trace.text[0][1] == MISSING and trace.text[0][0] == "\u22122.00"
    assert "<br>" in trace.x[0]
    assert _source(fig) == "Source: s"


def test_range_plot_draws_point_and_interval() -> None:
    ranks = pd.DataFrame({"value": [12.0, 3.0, 30.0], "low": [9.0, 1.0, 25.0],
                          "high": [15.0, 5.0, 33.0]}, index=["KEN", "UGA", "TZA"])
    fig = range_plot(ranks, "KEN", ["UGA"], title="t", x_label="CIP rank", source="s",
                     names=NAMES)
    focus = _trace(fig, "Kenya")
    assert focus.marker.color == FOCUS_COLOUR
    assert list(focus.error_x.array) == [3.0] and list(focus.error_x.arrayminus) == [3.0]
    assert list(fig.layout.yaxis.categoryarray) == ["Uganda", "<b>Kenya</b>", "Tanzania"]


def test_network_uses_given_positions_and_highlights() -> None:
    nodes = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.0],
                          "label": ["Coffee", "Tea", "Cut flowers"], "trade": [4.0, 1.0, 0.0]},
                         index=["0711", "0741", "2927"])
    edges = pd.DataFrame({"source": ["0711", "0741"], "target": ["0741", "2927"]})
    fig = network(nodes, edges, ["0711"], title="t", source="s", size_column="trade")
    edge_trace = fig.data[0]
    assert list(edge_trace.x) == [0.0, 1.0, None, 1.0, 2.0, None]
    marked = _trace(fig, "Exported with RCA ≥ 1")
    assert marked.marker.color == FOCUS_COLOUR and list(marked.text) == ["Coffee"]
    assert list(marked.marker.size) == [22.0]
    with pytest.raises(PolicylabError, match="no position"):
        network(nodes, pd.DataFrame({"source": ["0711"], "target": ["9999"]}), [],
                title="t", source="s")


def test_table_formats_numbers_for_readers_and_never_shows_nan() -> None:
    df = pd.DataFrame({"Country": ["Kenya", "Uganda"], "Year": [2022, 2021],
                       "MVA (US$ m)": [8123.456, np.nan], "Share (%)": [7.6234, 16.0]})
    bundle = table_bundle(df, "Manufacturing <b>at a glance</b>", "World Bank WDI")
    html, text = bundle["text/html"], bundle["text/plain"]
    assert ">8,123<" in html and ">7.6<" in html and ">16.0<" in html
    assert ">2022<" in html and "2,022" not in html
    assert MISSING in html and "nan" not in html.lower() and "nan" not in text.lower()
    assert "&lt;b&gt;at a glance" in html  # captions are escaped, not interpreted
    assert "Source: World Bank WDI" in html and text.endswith("Source: World Bank WDI")


def test_table_custom_formats() -> None:
    df = pd.DataFrame({"share": [0.25]}, index=pd.Index(["KEN"], name="iso3"))
    html = table_bundle(df, "c", "Source: x", formats={"share": "{:.0%}"})["text/html"]
    assert ">25%<" in html and ">KEN<" in html and ">iso3<" in html
    assert "Source: Source" not in html


def test_long_source_lines_wrap_and_grow_the_bottom_margin(panel: pd.DataFrame) -> None:
    short = line_compare(panel, "KEN", title="t", unit="% of GDP", source=SOURCE)
    long_source = "; ".join(f"World Bank WDI indicator number {i} (NV.IND.MANF.ZS)"
                            for i in range(6))
    fig = line_compare(panel, "KEN", title="t", unit="% of GDP", source=long_source)
    lines = _source(fig).split("<br>")
    assert len(lines) > 1 and all(len(line) <= 130 for line in lines)
    assert " ".join(lines) == f"Source: {long_source}"  # nothing lost
    extra = len(lines) - 1
    assert fig.layout.margin.b == short.layout.margin.b + 17 * extra
    assert fig.layout.height == short.layout.height + 17 * extra
    assert "<br>" not in _source(short)


def test_a_source_wrapped_by_hand_keeps_its_breaks() -> None:
    fig = bar_compare(pd.Series({"KEN": 1.0}), "KEN", title="t", unit="%",
                      source="World Bank WDI<br>OWID")
    assert _source(fig) == "Source: World Bank WDI<br>OWID"


def test_network_colours_nodes_by_group_with_a_legend_entry_each() -> None:
    nodes = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.0],
                          "label": ["Coffee", "Tea", "Cars"],
                          "section": ["Food", "Food", "Machinery"]},
                         index=["0711", "0741", "7810"])
    edges = pd.DataFrame({"source": ["0711"], "target": ["7810"]})
    fig = network(nodes, edges, ["0741"], title="t", source="s", color_column="section",
                  colors={"Machinery": "#123456"})
    food, machinery = _trace(fig, "Food"), _trace(fig, "Machinery")
    assert machinery.marker.color == "#123456" and food.marker.color == PEER_COLOURS[0]
    assert list(food.marker.opacity) == [0.3, 1.0]  # only Tea is highlighted
    ring = _trace(fig, "Exported with RCA ≥ 1")
    assert list(ring.x) == [1.0] and ring.marker.symbol == "circle-open"
    assert "Other products" not in [t.name for t in fig.data]
    with pytest.raises(PolicylabError, match="color_column"):
        network(nodes, edges, [], title="t", source="s", color_column="sector")


def test_scatter_labels_of_clustered_peers_take_different_positions() -> None:
    df = pd.DataFrame({"gdp": [1000.0, 1010.0, 1020.0, 5000.0, 9000.0],
                       "mva": [10.0, 10.6, 11.2, 20.0, 5.0]},
                      index=["KEN", "UGA", "TZA", "ETH", "RWA"])
    fig = scatter_compare(df, "gdp", "mva", "KEN", ["UGA", "TZA"], title="t", x_label="GDP",
                          y_label="MVA", source="s", names=NAMES, year_column=None)
    peers, focus = _trace(fig, "Peers"), _trace(fig, "Kenya")
    positions = [*focus.textposition, *peers.textposition]
    assert len(set(positions)) == 3  # three clustered labels, three places
    assert _trace(fig, "Other countries").mode == "markers"  # others stay unlabelled


def test_a_long_point_label_sits_beside_its_point_and_a_short_one_above() -> None:
    """Centred under its dot, "Lao People's Democratic Republic" reached far from it, over
    the fitted line and other dots, and read as theirs: a long label starts beside its dot."""
    df = pd.DataFrame({"gdp": [1000.0, 3000.0, 9000.0], "mva": [10.0, 20.0, 5.0]},
                      index=["KEN", "LAO", "UGA"])
    names = {"KEN": "Kenya", "LAO": "Lao People's Democratic Republic", "UGA": "Uganda"}
    fig = scatter_compare(df, "gdp", "mva", "KEN", ["LAO", "UGA"], title="t", x_label="GDP",
                          y_label="MVA", source="s", names=names, year_column=None)
    peers = _trace(fig, "Peers")
    assert dict(zip(peers.text, peers.textposition, strict=True)) == {
        "Lao People's Democratic Republic": "middle right", "Uganda": "top center"}
    assert list(_trace(fig, "Kenya").textposition) == ["top center"]
    assert "white" in peers.textfont.shadow  # a halo keeps it readable over other dots


def test_a_log_axis_is_labelled_at_1_3_10_steps_only() -> None:
    fig = scatter_compare(_cross_section(), "gdp_pc", "mva", "KEN", ["UGA"], title="t",
                          x_label="GDP per capita", y_label="MVA share", source=SOURCE,
                          names=NAMES, log_x=True)
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == [300.0, 1000.0, 3000.0, 10000.0, 30000.0, 100000.0]
    assert list(axis.ticktext) == ["300", "1,000", "3,000", "10,000", "30,000", "100,000"]
    linear = scatter_compare(_cross_section(), "gdp_pc", "mva", "KEN", title="t", x_label="x",
                             y_label="y", source="s")
    assert linear.layout.xaxis.tickvals is None


def test_table_missing_nullable_ints_are_en_dashes_and_years_have_no_separator() -> None:
    df = pd.DataFrame({"Country": ["Kenya", "Uganda"],
                       "Since": pd.array([2005, None], dtype="Int64"),
                       "Firms": pd.array([1234, None], dtype="Int64")})
    bundle = table_bundle(df, "c", "s")
    for text in bundle.values():
        assert "<NA>" not in text and "&lt;NA&gt;" not in text and "nan" not in text
        assert "2005" in text and "2,005" not in text and "1,234" in text
    assert bundle["text/plain"].splitlines()[3].split()[1:] == [MISSING, MISSING]


def test_chart_data_is_tidy_and_tells_projections_and_medians_apart():
    from policylab.charts.data import COLUMNS, slug, tidy
    from policylab.charts.template import new_figure

    fig = new_figure("Kenya: CO2 emissions, 2000-2024", "Source: EDGAR via WDI")
    fig.add_scatter(x=[2000, 2024], y=[9.0, 21.6], name="Kenya")
    fig.add_scatter(x=[2000, 2024], y=[8.0, 12.0], name="Peer median")
    fig.add_scatter(x=[2024, 2030], y=[21.6, 25.3], name="Kenya, 3% a year",
                    line={"dash": "dash"})
    fig.add_bar(x=["Kenya", "Uganda"], y=[35.0, 8.9], name="")
    fig.update_layout(yaxis_title="CO2 emissions (million tonnes)")
    table = tidy(fig, country="Kenya", countries=["Kenya", "Uganda"])
    assert list(table.columns) == COLUMNS
    kenya = table[(table["country"] == "Kenya") & (table["kind"] == "observed")
                  & table["year"].notna() & (table["series"] == "")]
    assert kenya["year"].tolist() == [2000, 2024] and kenya["value"].tolist() == [9.0, 21.6]
    median = table[table["series"] == "Peer median"]
    assert set(median["kind"]) == {"median"} and set(median["country"]) == {""}
    what_if = table[table["series"] == "Kenya, 3% a year"]
    assert set(what_if["kind"]) == {"projection"} and set(what_if["country"]) == {"Kenya"}
    bars = table[table["year"].isna()]
    assert bars["country"].tolist() == ["Kenya", "Uganda"]
    # the axis title "Label (unit)" split; the source without its prefix
    assert set(table["indicator"]) == {"CO2 emissions"}
    assert set(table["unit"]) == {"million tonnes"}
    assert set(table["source"]) == {"EDGAR via WDI"}
    taken: set[str] = set()
    assert slug("Kenya: CO2 emissions, 2000-2024", taken) == "kenya-co2-emissions-2000-2024"
    assert slug("Kenya: CO2 emissions, 2000-2024", taken) == "kenya-co2-emissions-2000-2024-2"


def test_chart_data_takes_label_and_unit_from_the_builder_not_the_axis_or_title(panel):
    """Issue 14: the CSVs had the axis title ("MJ per 2021 PPP $ of GDP") or the chart's
    title as the indicator and an empty unit; series names as countries."""
    from policylab.charts.data import tidy

    title = title_with_subtitle("Kenya's energy intensity fell by 16.9%", "MJ per $ of GDP")
    fig = line_compare(panel, "KEN", ["UGA"], panel.median(axis=1), title=title,
                       unit="MJ per 2021 PPP $ of GDP", source="Source: World Bank WDI",
                       names={"KEN": "Kenya", "UGA": "Uganda"},
                       y_label="MJ per 2021 PPP $ of GDP", group_label="Peer median",
                       indicator="Energy intensity of the economy")
    table = tidy(fig)
    assert set(table["indicator"]) == {"Energy intensity of the economy"}
    assert set(table["unit"]) == {"MJ per 2021 PPP $ of GDP"}
    assert set(table["source"]) == {"World Bank WDI"}
    assert set(table["country"]) == {"Kenya", "Uganda", ""}
    assert set(table.loc[table["country"] == "", "series"]) == {"Peer median"}
    assert set(table.loc[table["country"] != "", "series"]) == {""}
    own = table[table["country"] == "Kenya"]
    assert own["value"].tolist() == pytest.approx(panel["KEN"].dropna().tolist())
    bars = tidy(bar_compare(panel.iloc[-1], "KEN", ["UGA"], title=title, unit="% of GDP",
                            source="Source: WDI", names={"KEN": "Kenya"},
                            x_label="Manufacturing value added"))
    assert set(bars["indicator"]) == {"Manufacturing value added"}
    assert set(bars["unit"]) == {"% of GDP"} and "Kenya" in set(bars["country"])
    assert set(bars["series"]) == {""}  # "Peers", "Other countries" are legend groups


def test_chart_data_pairs_a_scatters_two_measures_and_keeps_its_fit_apart():
    from policylab.charts.data import tidy

    df = pd.DataFrame({"gdp": [1000.0, 3000.0, 9000.0, 20000.0],
                       "mva": [8.0, 12.0, 15.0, 13.0], "year": [2022, 2022, 2021, 2022]},
                      index=["KEN", "UGA", "CHN", "DEU"])
    fig = scatter_compare(df, "gdp", "mva", "KEN", ["UGA"], title="t", source="s",
                          x_label="GDP per person", y_label="Manufacturing value added",
                          x_unit="constant 2015 US$", y_unit="% of GDP",
                          names={"KEN": "Kenya", "UGA": "Uganda"}, log_x=True,
                          trend="quadratic")
    table = tidy(fig)
    points = table[table["kind"] == "observed"]
    assert len(points) == 2 * len(df) and points["point"].nunique() == len(df)
    kenya = points[points["country"] == "Kenya"].set_index("indicator")
    assert kenya.at["GDP per person", "value"] == 1000.0
    assert kenya.at["Manufacturing value added", "value"] == 8.0
    assert kenya.at["Manufacturing value added", "unit"] == "% of GDP"
    assert set(kenya["year"]) == {2022}
    fit = table[table["kind"] == "fitted"]
    assert set(fit["country"]) == {""} and set(fit["series"]) == {"World pattern (quadratic fit)"}
    assert set(fit["unit"]) == {"constant 2015 US$", "% of GDP"}


def test_breaks_of_one_series_get_one_label_naming_their_years() -> None:
    from policylab.charts.breaks import BREAK_MARK, LABEL_STEP_PX, draw_marks

    years = pd.Series(np.linspace(0, 70, 24), index=range(2000, 2024))
    fig = line_compare(pd.DataFrame({"GHA": years}), "GHA", title="Internet users",
                       unit="%", source="World Bank", names={"GHA": "Ghana"})
    draw_marks(fig, "Ghana", [2019, 2017, 2020])
    draw_marks(fig, "Ghana, exports", [2018])
    assert [s.x0 for s in fig.layout.shapes] == [2017, 2019, 2020, 2018]  # a line each
    labels = [a for a in fig.layout.annotations if a.name == BREAK_MARK]
    assert [a.text for a in labels] == [
        "Ghana: likely series breaks in 2017, 2019 and 2020",
        "Ghana, exports: likely series break in 2018"]
    assert [a.x for a in labels] == [2017, 2018]  # at the first line of each series
    assert [a.yshift for a in labels] == [0, -LABEL_STEP_PX]  # the second one line lower
    # late in the years drawn, a label runs to the left of its line, early to the right
    assert [a.xanchor for a in labels] == ["right", "right"]
    early = draw_marks(line_compare(pd.DataFrame({"GHA": years}), "GHA", title="t",
                                    unit="%", source="s"), "Ghana", [2003])
    (label,) = [a for a in early.layout.annotations if a.name == BREAK_MARK]
    assert label.xanchor == "left" and label.x == 2003
