"""The PDF briefs (``batch.brief``): what they hold and how they print.

Fast tests compose a brief from a small page written here; the real-data tests build Kenya
and Ghana with ``--pdf`` and read the PDFs with poppler's ``pdftotext``: every chart's
source line and the closing "Peers and sources" lie on the page and overlap no other text,
page numbers never wrap, ranks read "101st of 129", peers are named and explained.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from tools import tool

from policylab.batch import brief_pages
from policylab.batch.brief import (
    PEERS_CELL,
    PROFILE,
    SDG9_CELL,
    brief_charts,
    country_brief_html,
    forum_print_html,
    headline_value,
    page_rules,
)
from policylab.batch.pages import Provenance
from policylab.charts.template import new_figure
from policylab.display import figure_html, table_bundle
from policylab.paths import project_root

PROVENANCE = Provenance(workshop="Test", version="0.0", vintage="WDI test", built="today")
PER_COUNTRY = ["00_industrial_profile", "01_greening", "02_digitalization", "03_value_chains"]


# --------------------------------------------------------------------- a page written here
def _figure(title: str, names: list[str], source: str) -> str:
    import plotly.graph_objects as go

    fig = new_figure(title, source)
    for name in names:
        fig.add_trace(go.Scatter(x=[2000, 2001], y=[1.0, 2.0], name=name))
    return figure_html(fig)


def _cell(cell_id: str, *outputs: str) -> str:
    return (f'<div id="cell-id={cell_id}" class="jp-Cell">' + "".join(
        f'<div class="jp-OutputArea-output" data-mime-type="{kind}">{body}</div>'
        for kind, body in outputs) + "</div>")


def _sdg_table() -> str:
    import pandas as pd

    frame = pd.DataFrame({
        "Indicator": ["9.2.1 Manufacturing value added (% of GDP)",
                      "9.2.2 Industry's share of employment (nearest figure, approximated: "
                      "see note) (% of employment)"],
        "Kenya": ["7.60%", "12.4%"], "Year": [2023, 2025]})
    return table_bundle(frame, "Kenya: SDG 9 indicators", "test")["text/html"]


def _peer_table() -> str:
    import pandas as pd

    frame = pd.DataFrame({"iso3": ["KEN", "UGA", "TZA"],
                          "name": ["Kenya", "Uganda", "United Republic of Tanzania"]})
    return table_bundle(frame, "Kenya and its peers", "policylab peer selection")["text/html"]


@pytest.fixture
def built(tmp_path) -> Path:
    """A country folder with an industrial profile page (peers, SDG table, three charts in
    three cells) and its results file."""
    folder = tmp_path / "KEN"
    folder.mkdir()
    long_names = ["Kenya", "Uganda", "United Republic of Tanzania", "Rwanda", "Ethiopia",
                  "Sub-Saharan Africa median", "Lao People's Democratic Republic"]
    page = "".join([
        _cell(PEERS_CELL, ("text/markdown", "<p>Structural peers of Kenya (latest figures "
                        "from 2024): Uganda is most similar on income; United Republic of "
                        "Tanzania on population.</p>"), ("text/html", _peer_table())),
        _cell("first", ("text/html", _figure("First chart", ["Kenya"], "Source: A."))),
        _cell("second", ("text/markdown", "<p>a note</p>"),
              ("text/html", _figure("Second chart", long_names, "Source: " + "B " * 120))),
        _cell("third", ("text/html", _figure("Third chart", ["Kenya"], "Source: C."))),
        _cell(SDG9_CELL, ("text/html", _sdg_table())),
    ])
    (folder / "00_industrial_profile.html").write_text(page, encoding="utf-8")
    results = {"peers": ["UGA", "TZA"], "messages": ["A message."], "headline": {
        "mva_share_gdp": {"value": 7.60393, "year": 2023, "peer_median": None, "gap": None},
        "cip_rank": {"value": 101.0, "year": 2022, "peer_median": None, "gap": None}}}
    (folder / "00_industrial_profile.results.json").write_text(json.dumps(results))
    return tmp_path


def _compose(built: Path, charts: dict[str, list[str]]) -> str:
    return country_brief_html(
        built, "KEN", "Kenya", ["00_industrial_profile"], PROVENANCE, "Test workshop",
        countries={"KEN": "Kenya", "UGA": "Uganda", "TZA": "United Republic of Tanzania"},
        charts=charts, ranked=lambda indicator, year: 129)


def test_the_brief_holds_exactly_the_declared_charts_in_their_order(built):
    page = _compose(built, {"00_industrial_profile": ["third", "first", "missing"]})
    assert re.findall(r'data-chart="([^"]+)"', page) == ["00_industrial_profile:third",
                                                        "00_industrial_profile:first"]
    assert "Second chart" not in page


def test_a_printed_chart_has_its_box_size_in_its_layout_and_room_for_legend_and_source(built):
    page = brief_pages.read_page(built / "KEN" / "00_industrial_profile.html")
    (_, chart), = brief_pages.declared_charts(page, ["second"])
    printed = brief_pages.for_print(chart)
    layout = printed.layout
    assert layout["width"] == brief_pages.DESIGN_WIDTH_PX and layout["autosize"] is False
    html = brief_pages.chart_html(printed, "k")
    assert f'width:{layout["width"]}px; height:{layout["height"]}px;' in html
    # seven long legend names wrap at the design width: the title moves up by the extra rows
    rows = brief_pages._legend_rows(chart, brief_pages.DESIGN_WIDTH_PX)
    assert rows > 1
    title = next(a for a in layout["annotations"] if a["name"] == "title")
    before = next(a for a in chart.layout["annotations"] if a["name"] == "title")
    assert title["yshift"] - before["yshift"] == brief_pages.LEGEND_ROW_PX * (rows - 1)
    source = next(a for a in layout["annotations"] if a["name"] == "source")
    assert max(len(line) for line in source["text"].split("<br>")) <= brief_pages.SOURCE_WRAP
    plot = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    assert 0 < plot <= brief_pages.PLOT_MAX_PX


def test_the_sdg_panel_shows_9_2_2_as_the_page_does(built):
    page = _compose(built, {})
    assert "not available in this data pack" not in page
    assert re.search(r"<td>9\.2\.2</td><td>Industry&#x27;s share of employment \(nearest "
                     r"figure, approximated[^<]*</td><td>12\.4% \(2025\)</td>", page)


def test_peers_are_named_and_explained_as_on_the_page(built):
    page = _compose(built, {})
    closing = page[page.index("Peers and sources"):]
    assert "Uganda is most similar on income; United Republic of Tanzania on population" \
        in closing
    assert "UGA" not in closing and "Kenya (latest figures from 2024)" in closing
    profile = built / "KEN" / "00_industrial_profile.html"  # an explanation without names
    profile.write_text(profile.read_text().replace("Uganda is most similar on income; United "
                                                   "Republic of Tanzania on population",
                                                   "chosen by similarity"))
    closing = country_brief_html(built, "KEN", "Kenya", ["00_industrial_profile"],
                                 PROVENANCE, "Test", countries={}, charts={})
    assert ("Peers compared with: Uganda, United Republic of Tanzania. Structural peers of "
            "Kenya (latest figures from 2024): chosen by similarity.") in closing


def test_a_rank_reads_as_a_place_among_those_ranked(built):
    assert headline_value({"value": 101.0, "year": 2022}, "rank (1 = best)", 129) \
        == "101st of 129 (2022)"
    assert headline_value({"value": 2.0, "year": 2022}, "rank (1 = best)", None) \
        == "2nd (2022)"
    assert "101st of 129 (2022)" in _compose(built, {})


def test_the_brief_finds_the_sdg_panel_and_the_peers_by_their_cells():
    """The captions the brief once matched are translated; the cells' ids are not."""
    nb = json.loads((project_root() / "notebooks" / f"{PROFILE}.ipynb").read_text())
    sources = {c["id"]: "".join(c["source"]) for c in nb["cells"]}
    assert "sdg9.table(" in sources[SDG9_CELL] and "show_table(" in sources[SDG9_CELL]
    assert "explanation" in sources[PEERS_CELL] and "peer_table" in sources[PEERS_CELL]


def test_the_forum_page_gets_the_briefs_page_numbers_and_stamp():
    page = "<html><head><title>Forum</title></head><body>text</body></html>"
    printed = forum_print_html(page, "policylab 0.0 · built today")
    assert page_rules("policylab 0.0 · built today") in printed
    assert printed.index("@page") < printed.index("</head>")
    assert 'counter(page) " of " counter(pages)' in printed


def test_every_declared_brief_chart_is_a_cell_that_shows_a_chart():
    declared = brief_charts()
    total = sum(len(cells) for cells in declared.values())
    assert 4 <= total <= 6  # the issue: four to six charts in a brief of two to four pages
    for notebook, cells in declared.items():
        nb = json.loads((project_root() / "notebooks" / f"{notebook}.ipynb").read_text())
        sources = {c["id"]: "".join(c["source"]) for c in nb["cells"]}
        for cell in cells:
            assert "lesson.show(" in sources.get(cell, ""), (notebook, cell)
    entries = yaml.safe_load((project_root() / "data" / "lessons.yml").read_text())["lessons"]
    assert {e["notebook"] for e in entries if e.get("brief_charts")} == set(PER_COUNTRY)


# --------------------------------------------------------------------- real briefs
@pytest.fixture(scope="module")
def briefs(real_pack, tmp_path_factory) -> Path:
    from policylab.batch.plan import default_pack_info
    from policylab.batch.run import build

    tool("chromium")
    folder = tmp_path_factory.mktemp("briefs")
    spec = {"title": "Brief test", "countries": ["KEN", "GHA"], "output": str(folder / "out"),
            "overrides": {"KEN": {"peers": ["UGA", "TZA", "RWA", "ETH"]}}}
    path = folder / "two.yml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    outcome = build(path, jobs=2, progress=False, make_zip=False, pdf=True,
                    pack=default_pack_info(real_pack))
    assert outcome.report["summary"]["failed"] == 0
    return outcome.output


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str, int]]:
    """Every word: page, x0, y0, x1, y1, text, line number (words of one line share it)."""
    xml = subprocess.run([tool("pdftotext"), "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace(
        'xmlns="http://www.w3.org/1999/xhtml"', ""))
    words, line_no = [], 0
    for number, page in enumerate(root.iter("page"), start=1):
        for line in page.iter("line"):
            line_no += 1
            for word in line.iter("word"):
                box = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
                words.append((number, *box, word.text or "", line_no))
    return words


def _page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return float(width), float(height)


def _overlap(a, b, slack: float = 0.5) -> bool:
    return (a[0] == b[0] and a[1] < b[3] - slack and b[1] < a[3] - slack
            and a[2] < b[4] - slack and b[2] < a[4] - slack)


MM = 72 / 25.4


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("iso3", ["KEN", "GHA"])
def test_sources_and_closing_section_lie_on_the_page_over_no_other_text(briefs, iso3):
    pdf = briefs / iso3 / "brief.pdf"
    words = _words(pdf)
    width, height = _page_size(pdf)
    pages = max(w[0] for w in words)
    assert 2 <= pages <= 4
    sources = {w[6] for w in words if w[5] == "Source:" and w[0] > 1}
    declared = sum(len(cells) for cells in brief_charts().values())
    assert len(sources) == declared  # one source line per declared chart, none lost
    heading = [w for w, following in zip(words, words[1:], strict=False)
               if w[5] == "Peers" and following[5] == "and" and w[6] == following[6]]
    assert len(heading) == 1
    closing_line = heading[0][6]
    checked = [w for w in words if w[6] in sources or w[6] == closing_line]
    for word in checked:
        assert 14 * MM - 1 <= word[1] and word[3] <= width - 14 * MM + 1, word
        assert word[4] <= height - 18 * MM + 1, word
        others = [o for o in words if o[6] != word[6] and _overlap(word, o)]
        assert others == [], (word, others)


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.browser
def test_brief_text_ranks_sdg_peers_and_unwrapped_sans_footers(briefs):
    pdftotext = tool("pdftotext")
    text = {iso3: " ".join(subprocess.run([pdftotext, str(briefs / iso3 / "brief.pdf"), "-"],
                                          capture_output=True, text=True, check=True)
                           .stdout.split()) for iso3 in ("KEN", "GHA")}
    kenya = text["KEN"]
    assert re.search(r"Competitive Industrial Performance rank \d+(st|nd|rd|th) of \d+ "
                     r"\(\d{4}\)", kenya)
    assert "rank (1 = best) (" not in kenya
    assert "9.2.2 Industry's share of employment" in kenya
    assert "not available in this data pack" not in kenya
    assert "Uganda, United Republic of Tanzania, Rwanda, Ethiopia" in kenya
    assert "UGA, TZA" not in kenya
    assert re.search(r"Côte d'Ivoire: most similar on", text["GHA"])
    words = _words(briefs / "KEN" / "brief.pdf")
    pages = max(w[0] for w in words)
    for page in range(1, pages + 1):  # "Page N of M" on one line of each page
        footer = [w for w in words if w[0] == page and w[5] == "Page"]
        assert len(footer) == 1
        line = [w[5] for w in words if w[6] == footer[0][6]]
        assert line[-4:] == ["Page", str(page), "of", str(pages)]
    fonts = subprocess.run([tool("pdffonts"), str(briefs / "KEN" / "brief.pdf")],
                           capture_output=True, text=True, check=True).stdout
    assert not re.search(r"serif|times", fonts.replace("Sans", ""), re.IGNORECASE), fonts


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.browser
def test_the_forum_pdf_has_page_numbers_and_the_build_stamp(briefs):
    pdf = briefs / "forum" / "forum_brief.pdf"
    provenance = json.loads((briefs / "report.json").read_text())["provenance"]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        [tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    for page in (1, pages):
        text = " ".join(subprocess.run([tool("pdftotext"), "-f", str(page), "-l", str(page),
                                        str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        assert f"Page {page} of {pages}" in text
        assert f"built {provenance['built']}" in text


def test_a_headline_figure_reads_as_on_the_front_page_and_the_pages() -> None:
    from policylab.batch.brief import headline_value

    # the ECI to two decimals, as the value-chains page and the card write it (not −0.050)
    assert headline_value({"value": -0.0504, "year": 2024}, "index (standardised)",
                          None).startswith("−0.05 ")
    assert headline_value({"value": 7.6, "year": 2023}, "% of GDP", None) == "7.60% of GDP (2023)"
