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

from policylab.batch.plan import default_pack_info
from policylab.batch.plotlyjs import choose_bundle
from policylab.batch.run import build
from policylab.browser import chromium_page, chromium_path
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
@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed")
def test_pages_render_charts_offline(workshop_build):
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
@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed")
def test_front_page_filters_cards_and_follows_one_offline(workshop_build):
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


def _declared_answers(notebook: Path) -> list[str]:
    """Answers the executed notebook's solutions declare (``ANSWER_KEY`` output metadata)."""
    from policylab.learning.exercises import ANSWER_KEY

    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [output["metadata"][ANSWER_KEY] for cell in nb["cells"]
            for output in cell.get("outputs", [])
            if ANSWER_KEY in output.get("metadata", {})]


def _page_text(page: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    return " ".join(soup.get_text(" ").split())


def test_no_participant_page_holds_an_exercise_answer(workshop_build):
    """Every exercise declares its answer; the participant page shows it nowhere (text,
    tables, chart titles), so the exercise is not answered above its own question."""
    leaks, checked = [], 0
    for iso3 in COUNTRIES:
        for nb in PER_COUNTRY:
            answers = [a for a in _declared_answers(workshop_build.output / iso3 / f"{nb}.ipynb")
                       if re.search(r"\d", a) and len(a) >= 3]
            text = _page_text(workshop_build.output / iso3 / f"{nb}.html")
            for answer in answers:
                checked += 1
                if re.search(rf"(?<![\d.,]){re.escape(answer)}(?![\d]|\.\d)", text):
                    leaks.append((iso3, nb, answer))
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


def test_every_chart_has_its_data_as_a_csv_equal_to_what_it_draws(workshop_build):
    import pandas as pd

    checked = 0
    for nb in PER_COUNTRY:
        figures = _figures(workshop_build.output / "KEN" / f"{nb}.ipynb")
        assert figures, nb
        page = (workshop_build.output / "KEN" / f"{nb}.html").read_text(encoding="utf-8")
        for link, traces in figures:
            assert link in page  # the participant page links it too
            table = pd.read_csv(workshop_build.output / "KEN" / link)
            lines = [t for t in traces if t.type == "scatter" and t.x is not None
                     and t.y is not None and len(t.x) and str(t.x[0]).isdigit() and t.name]
            names = [" ".join(re.sub(r"<[^>]+>", " ", t.name).split()) for t in lines]
            for line, name in list(zip(lines, names, strict=True))[:2]:
                if names.count(name) > 1:  # several traces of one name: not one series
                    continue
                # each yearly line's points, as drawn, are in the CSV
                rows = table[(table["country"] == name) & table["year"].notna()]
                drawn = [(int(x), float(y)) for x, y in zip(line.x, line.y, strict=True)
                         if y is not None and not math.isnan(float(y))]
                in_csv = list(zip(rows["year"].astype(int), rows["value"], strict=True))
                assert [year for year, _ in in_csv][:len(drawn)] == [y for y, _ in drawn]
                assert [value for _, value in in_csv][:len(drawn)] == pytest.approx(
                    [value for _, value in drawn]), link
            checked += 1
    assert checked >= 10


def _pdf_tool(name: str) -> str:
    """A poppler tool; under CI its absence fails the test (``.ci/run`` installs it)."""
    import os
    import shutil

    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (poppler-utils) is missing; .ci/run installs it")
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return found


@pytest.mark.browser
@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed")
def test_pdf_briefs_hold_the_country_its_figures_and_fit_four_pages(workshop_build):
    import subprocess

    from policylab.batch.brief import write_briefs
    from policylab.batch.pages import Provenance

    pdftotext, pdfinfo = _pdf_tool("pdftotext"), _pdf_tool("pdfinfo")
    report = dict(workshop_build.report)
    report["jobs"] = [j for j in report["jobs"] if j["country"] in ("KEN", "forum")]
    assert write_briefs(workshop_build.output, report, {"KEN": "Kenya"},
                        Provenance(**report["provenance"])) == []
    pdf = workshop_build.output / "KEN" / "brief.pdf"
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    assert 2 <= pages <= 4 and "Kenya" in text and "Page 1 of" in " ".join(text.split())
    from policylab.text import format_value

    front = _page_text(workshop_build.output / "index.html")
    results = json.loads((workshop_build.output / "KEN" / "00_industrial_profile.results.json")
                         .read_text())
    catalogue = load_catalogue()
    for indicator in ("mva_share_gdp", "mva_per_capita"):  # each as the pages show it
        entry = results["headline"][indicator]
        shown = (f"{format_value(entry['value'], catalogue[indicator].unit, words=True)} "
                 f"({entry['year']})")
        assert shown in " ".join(text.split()), shown
        if indicator == "mva_share_gdp":  # the figure on Kenya's card of the front page
            assert shown in front
    forum = workshop_build.output / "forum" / "forum_brief.pdf"
    forum_text = subprocess.run([pdftotext, str(forum), "-"], capture_output=True, text=True,
                                check=True).stdout
    assert "agenda" in forum_text.lower()
    before = pdf.stat().st_mtime_ns  # resume: an up-to-date brief is not printed again
    assert write_briefs(workshop_build.output, report, {"KEN": "Kenya"},
                        Provenance(**report["provenance"])) == []
    assert pdf.stat().st_mtime_ns == before
