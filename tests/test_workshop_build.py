"""The real notebooks for eight diverse countries, built by the batch as a facilitator
would: large and small, data-rich and data-poor (a small island state, countries with sparse
or no data on some topics). Checks the results files against the pack, and opens the
pages in Chromium with the network cut off."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import plotly.io as pio
import pytest
import yaml
from tools import required, tool

from policylab.batch.plan import default_pack_info
from policylab.batch.plotlyjs import choose_bundle
from policylab.batch.run import build
from policylab.browser import chromium_page
from policylab.catalogue import load_catalogue
from policylab.narrative import fmt_number
from policylab.pack.dataset import load

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

# Germany and China (large, data-rich), Brazil, Kenya and Namibia ("NA" as ISO2), Tuvalu
# (small island state), South Sudan (sparse data) and North Korea (almost no WDI data).
COUNTRIES = ["DEU", "CHN", "BRA", "KEN", "NAM", "TUV", "SSD", "PRK"]
PER_COUNTRY = ["00_industrial_profile", "01_greening", "02_digitalization", "03_value_chains"]
RESULT_KEYS = {"country", "notebook", "data_vintage", "peers", "headline", "flags", "messages"}
EMPTY_NUMBER = re.compile(r"\bnan\b|\bNone\b|\binf\b|\(\s*\)|\s[,.]\s|\bfrom\s+to\b",
                          re.IGNORECASE)


@pytest.fixture(scope="module")
def workshop_build(real_pack, tmp_path_factory):
    folder = tmp_path_factory.mktemp("workshop")
    spec = {"title": "Test workshop: eight diverse countries", "countries": COUNTRIES,
            "output": str(folder / "out")}
    path = folder / "eight.yml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    outcome = build(path, jobs=2, progress=False, make_zip=False,
                    pack=default_pack_info(real_pack))
    return outcome


@pytest.fixture(scope="module")
def dataset(real_pack):
    return load(real_pack)


def test_every_notebook_ran_for_every_country(workshop_build):
    jobs = workshop_build.report["jobs"]
    failed = [(j.get("country"), j.get("notebook"), j.get("error")) for j in jobs
              if j["status"] == "failed"]
    assert failed == []
    assert workshop_build.report["summary"]["failed"] == 0
    out = workshop_build.output
    for iso3 in COUNTRIES:
        for nb in PER_COUNTRY:
            assert (out / iso3 / f"{nb}.html").exists(), (iso3, nb)
    assert (out / "forum" / "forum_synthesis.html").exists()


@pytest.mark.parametrize("iso3", COUNTRIES)
def test_results_files_are_complete_and_honest(workshop_build, iso3):
    for nb in PER_COUNTRY:
        results = json.loads((workshop_build.output / iso3 / f"{nb}.results.json").read_text())
        assert RESULT_KEYS <= set(results), (iso3, nb)
        assert results["country"] == iso3 and results["notebook"] == nb
        assert len(results["messages"]) >= 3, (iso3, nb, results["messages"])
        for message in results["messages"]:
            assert message.strip(), (iso3, nb)
            assert not EMPTY_NUMBER.search(message), (iso3, nb, message)
        for figure in results["headline"].values():
            assert set(figure) == {"value", "year", "peer_median", "gap"}


@pytest.mark.parametrize("iso3", ["KEN", "DEU", "BRA"])
def test_headline_numbers_equal_the_pack(workshop_build, dataset, iso3):
    """Headline values are the pack's latest values, and the messages quote them as the
    narrative formats them."""
    for nb in PER_COUNTRY:
        results = json.loads((workshop_build.output / iso3 / f"{nb}.results.json").read_text())
        text = " ".join(results["messages"])
        for indicator, figure in results["headline"].items():
            if figure["value"] is None:
                continue
            latest = dataset.latest(indicator, iso3)
            assert latest.year == figure["year"], (nb, indicator)
            assert math.isclose(latest.value, figure["value"], rel_tol=1e-9), (nb, indicator)
        quoted = [ind for ind, fig in results["headline"].items() if fig["value"] is not None
                  and fmt_number(fig["value"], dataset.indicator(ind).unit) in text]
        assert quoted, (iso3, nb, "no headline figure is quoted in the key messages")


@pytest.mark.browser
def test_pages_render_charts_offline(workshop_build):
    tool("chromium")
    pages = [workshop_build.output / "KEN" / f"{nb}.html" for nb in PER_COUNTRY]
    pages.append(workshop_build.output / "forum" / "forum_synthesis.html")
    with chromium_page(offline=True) as page:
        for html in pages:
            page.goto(html.resolve().as_uri())
            page.wait_for_function(
                "() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0",
                timeout=30_000)
            expected = page.evaluate("() => document.querySelectorAll('[id^=policylab-]').length")
            drawn = page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")
            assert drawn >= 4 and drawn == expected, html.name
            # Each chart drew its traces (a trace type missing from the bundle draws none).
            empty = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                                  ".filter(el => !el.querySelector('.trace, .hm')).length")
            assert empty == 0, html.name
        assert page.blocked_requests == []
    # Every chart type the lessons use is in the small bundle when make install put it there.
    if choose_bundle({}).kind == "cartesian":
        shipped = workshop_build.report["plotly_js"]
        assert shipped["bundle"] == "cartesian", shipped["note"]


def test_pages_are_small_and_carry_provenance(workshop_build):
    for html in workshop_build.output.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert html.stat().st_size < 600_000, html
        if html.name != "index.html":
            assert "legal status" in text and "policylab" in text


def test_batch_output_holds_no_widget_state(workshop_build):
    """Headless runs render static output only: no widget state in the executed notebooks
    and no widget placeholders in their pages."""
    import nbformat

    for path in workshop_build.output.rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert "widgets" not in nb.metadata, path
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})
    for html in workshop_build.output.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "widget-view+json" not in text and "widget-state+json" not in text, html


@pytest.mark.browser
def test_front_page_filters_cards_and_follows_one_offline(workshop_build):
    tool("chromium")
    with chromium_page(offline=True) as page:
        page.goto((workshop_build.output / "index.html").resolve().as_uri())
        assert page.locator(".policylab-card").count() == len(COUNTRIES)
        page.fill("#filter-name", "Kenya")
        card = page.locator(".policylab-card:not([hidden])")
        assert card.count() == 1 and "(20" in card.text_content()  # figures carry years
        card.locator(".policylab-links a").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("KEN/00_industrial_profile.html")
        assert page.blocked_requests == []


def _page_text(page: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    return " ".join(soup.get_text(" ").split())


def test_no_page_shows_a_line_break_tag_as_text(workshop_build):
    """Issue 11: tables showed a literal "<br>" (escaped markup or a tag inside a text
    node); every page, participant or facilitator, the front pages included."""
    pages = sorted(workshop_build.output.rglob("*.html"))
    assert any(p.name.endswith(".facilitator.html") for p in pages)
    shown = [(str(p.relative_to(workshop_build.output)), match.group())
             for p in pages for match in re.finditer(r"(?i)<\s*br\s*/?\s*>", _page_text(p))]
    assert shown == []


def test_forum_agenda_has_a_session_for_each_megatrend_of_the_workshop(workshop_build):
    from policylab.cases import MEGATRENDS
    from policylab.forum.agenda import workshop_megatrends

    megatrends = workshop_megatrends("Test workshop: eight diverse countries", PER_COUNTRY)
    assert len(megatrends) == len(PER_COUNTRY)  # one per lesson of this workshop
    text = _page_text(workshop_build.output / "forum" / "forum_synthesis.html")
    agenda = text[text.index("Suggested agenda"):]
    sessions = re.findall(r"\b\d+\. ([^()]+?) \(\d+ minutes\)", agenda)
    for megatrend in megatrends:
        name = MEGATRENDS[megatrend].capitalize()
        assert sum(s.startswith(name) for s in sessions) == 1, (name, sessions)


def test_no_participant_page_holds_an_exercise_answer(workshop_build):
    """Every exercise declares its answer; the participant page shows it nowhere (text,
    tables, chart data), so the exercise is not answered above its own question: the
    evidence layer's rule (``policylab.evidence.answers``), on every declared answer."""
    from policylab.evidence.answers import answers_shown, declared_answers

    leaks, checked = [], 0
    for iso3 in COUNTRIES:
        for nb in PER_COUNTRY:
            notebook = json.loads((workshop_build.output / iso3 / f"{nb}.ipynb")
                                  .read_text(encoding="utf-8"))
            answers = declared_answers(notebook)
            html = (workshop_build.output / iso3 / f"{nb}.html").read_text(encoding="utf-8")
            checked += len(answers)
            leaks += [(iso3, nb, shown) for shown in answers_shown(html, answers)]
    assert checked > 0
    assert not leaks, leaks


def _decoded(value):
    """plotly.js typed arrays ({"dtype", "bdata"}, base64) back to lists, recursively."""
    import base64

    import numpy as np

    if isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):  # "rows, columns"
            shape = tuple(int(part) for part in shape.split(","))
        return array.reshape(shape).tolist() if shape else array.tolist()
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


def _figures(notebook: Path) -> list[tuple[str, list]]:
    """(CSV link, traces) of every chart the executed notebook shows with a data link."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    found = []
    decoder = json.JSONDecoder()
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            page = "".join(output.get("data", {}).get("text/html", ""))
            link = re.search(r'href="(data/[^"]+\.csv)"', page)
            start = page.find("Plotly.newPlot(")
            if not link or start < 0:
                continue
            rest = page[page.index(",", start) + 1:].lstrip()
            traces, _ = decoder.raw_decode(rest)
            figure = pio.from_json(json.dumps({"data": [_decoded(t) for t in traces],
                                               "layout": {}}))
            found.append((link.group(1), figure.data))
    return found


def _gap(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _number(value) -> float | None:
    """A drawn coordinate as a number (None for a category)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or _gap(value):
        return None
    return float(value)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>", " ", text).lower()))


def _drawn_values(trace) -> list[float]:
    """Every number a trace draws, read from the figure alone: a grid's cells; a line over
    the years, its values; bars and points on a category axis, their values; a scatter of
    two measures, both coordinates of each point. Transparent points draw nothing. Bars
    drawn capped stand for the figures their ``meta.values`` give (the CSV's values)."""
    meta = trace.meta if isinstance(trace.meta, dict) else {}
    if getattr(trace, "z", None) is not None:
        return [v for row in trace.z for v in map(_number, row) if v is not None]
    if meta.get("values"):
        return [v for v in map(_number, meta["values"]) if v is not None]
    marker = getattr(trace, "marker", None)
    if marker is not None and getattr(marker, "opacity", None) == 0:
        return []
    xs, ys = list(trace.x or []), list(trace.y or [])
    if not xs or len(xs) != len(ys):
        return []
    pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if not _gap(x) and not _gap(y)]
    numbers = [(_number(x), _number(y)) for x, y in pairs]
    if all(x is not None for x, _ in numbers) and all(y is not None for _, y in numbers):
        if all(x.is_integer() and 1700 <= x <= 2200 for x, _ in numbers):
            return [y for _, y in numbers]
        return [v for pair in numbers for v in pair]
    return [y if y is not None else x for x, y in numbers if (x is None) != (y is None)]


def test_every_chart_has_its_data_as_a_csv_equal_to_what_it_draws(workshop_build):
    """Each chart's CSV holds exactly the numbers its traces draw (lines, bars, points,
    fits, grids: every value, no more rows), each country's line year by year, and says
    what they are: indicator and unit filled, no title as indicator, no "Source:" prefix."""
    import pandas as pd

    checked = 0
    for nb in PER_COUNTRY:
        figures = _figures(workshop_build.output / "KEN" / f"{nb}.ipynb")
        assert figures, nb
        page = (workshop_build.output / "KEN" / f"{nb}.html").read_text(encoding="utf-8")
        for link, traces in figures:
            assert link in page  # the participant page links it too
            table = pd.read_csv(workshop_build.output / "KEN" / link, keep_default_na=False,
                                na_values={"year": [""], "value": [""]})
            drawn = [v for trace in traces for v in _drawn_values(trace)]
            assert len(table) == len(drawn), link
            assert sorted(table["value"].astype(float)) == pytest.approx(sorted(drawn)), link
            assert (table["unit"] != "").all() and (table["indicator"] != "").all(), link
            assert not table["source"].str.match(r"(?i)\s*sources?:").any(), link
            title = re.sub(r"-\d+$", "", link.split("--", 1)[1].removesuffix(".csv"))
            assert not any(_slug(i).startswith(title) for i in set(table["indicator"])), link
            for trace in traces:  # each country's line, year by year
                name = " ".join(re.sub(r"<[^>]+>", " ", str(trace.name or "")).split())
                rows = table[(table["country"] == name) & (table["series"] == "")
                             & table["year"].notna()]
                values = _drawn_values(trace)
                if rows.empty or trace.type != "scatter" or len(values) != len(trace.x or []):
                    continue
                years = [int(x) for x, y in zip(trace.x, trace.y, strict=True)
                         if _number(y) is not None]
                assert rows["year"].astype(int).tolist() == years, (link, name)
                assert rows["value"].tolist() == pytest.approx(values), (link, name)
            checked += 1
    assert checked >= 10


def test_a_missing_tool_fails_under_ci_and_is_skipped_elsewhere(monkeypatch):
    for value, outcome in (("true", pytest.fail.Exception), ("1", pytest.fail.Exception),
                           ("false", pytest.skip.Exception), ("0", pytest.skip.Exception),
                           ("", pytest.skip.Exception)):
        monkeypatch.setenv("CI", value)
        with pytest.raises(outcome):
            required("a tool", None)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        required("a tool", None)
    assert required("a tool", "/usr/bin/tool") == "/usr/bin/tool"


def _chart_titles(page: Path) -> str:
    """The titles of a page's charts (they live in its scripts, which ``_page_text`` drops)."""
    from bs4 import BeautifulSoup

    titles = re.findall(r'"name":"title"[^{}]*?"text":"((?:[^"\\]|\\.)*)"',
                        page.read_text(encoding="utf-8"))
    return " ".join(" ".join(BeautifulSoup(json.loads(f'"{t}"'), "html.parser")
                             .get_text(" ").split()) for t in titles)


def _every_headline_figure_as_the_pages_show_it(output: Path, pdf_text: str) -> None:
    """Each headline figure of Kenya's results files is in its brief, its number followed
    by its year (in the headline table, or in the SDG 9 panel for its figures), and that
    number is the one Kenya's pages write; the MVA share is also on its front-page card."""
    from policylab.text import format_value

    flat = "".join(pdf_text.split())  # pdftotext may wrap a table cell at any space
    pages = " ".join(f"{_page_text(page)} {_chart_titles(page)}"
                     for page in (output / "KEN" / f"{nb}.html" for nb in PER_COUNTRY))
    catalogue, checked, seen = load_catalogue(), 0, set()
    for nb in PER_COUNTRY:
        results = json.loads((output / "KEN" / f"{nb}.results.json").read_text())
        for indicator, entry in results["headline"].items():
            if entry["value"] is None or indicator not in catalogue or indicator in seen:
                continue
            seen.add(indicator)
            unit = catalogue[indicator].unit
            value = round(entry["value"]) if unit.startswith("rank") else entry["value"]
            shown = f"{format_value(value, unit, words=True)} ({entry['year']})"
            number = re.search(r"[−-]?\d[\d.,]*\d|\d", shown).group()
            alone = rf"(?<![\d.,]){re.escape(number)}(?!\d|[.,]\d)"
            assert re.search(rf"{alone}[^()]{{0,60}}\(?{entry['year']}\b", flat), \
                (indicator, shown)
            assert re.search(alone, pages), (indicator, number)
            if indicator == "mva_share_gdp":  # the figure on Kenya's front-page card
                assert shown in _page_text(output / "index.html")
            checked += 1
    assert checked >= 10


@pytest.mark.browser
def test_pdf_briefs_hold_the_country_its_figures_and_fit_four_pages(workshop_build):
    import subprocess

    from policylab.batch.brief import write_briefs
    from policylab.batch.pages import Provenance

    tool("chromium")
    pdftotext, pdfinfo = tool("pdftotext"), tool("pdfinfo")
    report = dict(workshop_build.report)
    report["jobs"] = [j for j in report["jobs"] if j["country"] in ("KEN", "forum")]
    ranks = default_pack_info(Path(report["data_pack"]["path"])).rank_counts
    assert write_briefs(workshop_build.output, report, {"KEN": "Kenya"},
                        Provenance(**report["provenance"]), ranks) == []
    pdf = workshop_build.output / "KEN" / "brief.pdf"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    assert 2 <= pages <= 4 and "Kenya" in text and "Page 1 of" in " ".join(text.split())
    _every_headline_figure_as_the_pages_show_it(workshop_build.output, text)
    forum = workshop_build.output / "forum" / "forum_brief.pdf"
    forum_text = " ".join(subprocess.run([pdftotext, str(forum), "-"], capture_output=True,
                                         text=True, check=True).stdout.split())
    assert "Suggested agenda" in forum_text
    assert re.search(r"\d+\. [^()]+ \(\d+ minutes\)", forum_text)  # a session and its time
    assert re.search(r"Total: \d+ minutes in \d+ sessions", forum_text)
    before = pdf.stat().st_mtime_ns  # resume: an up-to-date brief is not printed again
    assert write_briefs(workshop_build.output, report, {"KEN": "Kenya"},
                        Provenance(**report["provenance"]), ranks) == []
    assert pdf.stat().st_mtime_ns == before
