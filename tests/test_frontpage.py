"""The workshop's front pages: lessons with durations, the forum first, one card per country
with headline figures and their years, filters, status last; participants' page without
facilitator links; everything from the workshop file escaped; a large workshop's key
messages loaded from a local script; pages' browser tabs named in words."""

from __future__ import annotations

import json
import re
from html import escape

import pytest

from policylab.batch.index import CARDS_SCRIPT, CountryMeta, lessons, render_index, write_index
from policylab.batch.pages import TEMPLATES, page_title
from policylab.browser import chromium_page

CHANGES = ["Trade was a sample."]


def _report(title="Workshop <b>x</b>"):
    jobs = [{"key": f"{c}/{nb}", "country": c, "notebook": nb, "status": "ok", "error": None,
             "log": f"logs/{c}__{nb}.log"}
            for c in ("KEN", "DEU") for nb in ("00_industrial_profile", "01_greening")]
    jobs.append({"key": "forum/forum_synthesis", "country": "forum",
                 "notebook": "forum_synthesis", "status": "ok", "error": None,
                 "log": "logs/forum.log"})
    return {"workshop": {"title": title, "date": "2027-03-15", "organiser": "Forum & co"},
            "provenance": {"version": "0.1", "vintage": "WDI", "built": "now"},
            "summary": {"total": 5, "ok": 5, "skipped": 0, "failed": 0, "not_run": 0},
            "jobs": jobs}


@pytest.fixture
def folder(tmp_path):
    for country in ("KEN", "DEU"):
        for nb in ("00_industrial_profile", "01_greening"):
            (tmp_path / country).mkdir(exist_ok=True)
            (tmp_path / country / f"{nb}.html").write_text("page")
    (tmp_path / "forum").mkdir()
    (tmp_path / "forum" / "forum_synthesis.html").write_text("brief")
    (tmp_path / "KEN" / "00_industrial_profile.results.json").write_text(json.dumps({
        "headline": {"mva_share_gdp": {"value": 7.60393, "year": 2023, "peer_median": 9.0,
                                       "gap": -1.4}},
        "messages": ["Kenya's manufacturing <value> added fell."]}))
    (tmp_path / "KEN" / "01_greening.results.json").write_text(json.dumps({
        "headline": {"co2_per_gdp": {"value": 0.0664, "year": 2024}}, "messages": []}))
    (tmp_path / "DEU" / "00_industrial_profile.results.json").write_text(json.dumps({
        "headline": {"eci": {"value": -0.05, "year": 2024}}, "messages": []}))
    return tmp_path


META = {"KEN": CountryMeta("Kenya", "Sub-Saharan Africa", "Lower middle income"),
        "DEU": CountryMeta("Germany", "Europe & Central Asia", "High income")}


def test_front_page_holds_lessons_forum_cards_and_status(folder):
    page = render_index(_report(), META, folder, CHANGES, facilitator=True)
    assert "Workshop &lt;b&gt;x&lt;/b&gt;" in page and "Forum &amp; co" in page
    for entry in lessons().values():
        if entry["notebook"] in ("00_industrial_profile", "01_greening", "forum_synthesis"):
            assert entry["title"].replace("—", "—") in page
    assert page.index("Forum brief") < page.index("Countries") < page.index("Build status")
    assert "Manufacturing value added: <strong>7.60%&nbsp;of&nbsp;GDP</strong>&nbsp;(2023)" in page
    assert "Kenya&#x27;s manufacturing &lt;value&gt; added fell." in page
    assert 'data-region="Sub-Saharan Africa"' in page and "What changed" in page
    assert "<td class=\"policylab-duration\">2&nbsp;h</td>" in page  # the profile's duration


def test_participants_page_links_no_facilitator_material(folder):
    participant = render_index(_report(), META, folder)
    facilitator = render_index(_report(), META, folder, facilitator=True)
    links = re.findall(r'href="([^"]+)"', participant)
    assert links and not [h for h in links if h.endswith((".facilitator.html", ".ipynb",
                                                          ".log", "report.json"))]
    assert "KEN/00_industrial_profile.facilitator.html" in facilitator
    assert "report.json" in facilitator


def test_participants_read_what_changed_last_facilitators_first(folder):
    """The note tells facilitators which hand-outs to replace: at the top of their page, a
    collapsed line above the footer of the participants'."""
    participant = render_index(_report(), META, folder, CHANGES)
    facilitator = render_index(_report(), META, folder, CHANGES, facilitator=True)
    assert "<h2>What changed</h2>" not in participant
    note = participant.index('<details class="policylab-changes-note">')
    assert participant.index("Build status") < note < participant.index("<footer")
    assert "Trade was a sample." in participant[note:]
    assert facilitator.index("<h2>What changed</h2>") < facilitator.index("How to use")
    assert "policylab-changes-note" not in facilitator


def test_a_lesson_s_duration_stays_on_one_line(folder):
    page = render_index(_report(), META, folder)
    assert '<td class="policylab-duration">1&nbsp;h&nbsp;30&nbsp;min</td>' in page  # greening
    assert re.search(r"\.policylab-duration \{ white-space: nowrap; \}",
                     (TEMPLATES / "page.css").read_text())


def test_the_forum_box_says_what_the_forum_brief_holds(folder):
    page = render_index(_report(), META, folder)
    box = page[page.index('<section class="policylab-forum">'):page.index("Countries</h2>")]
    contents = lessons()["forum_synthesis"]["contents"]
    assert f"<p>{escape(contents)}</p>" in box
    assert all(word in contents for word in ("scorecard", "share", "peer-learning", "agenda"))


def test_a_card_keeps_each_figure_with_its_unit_and_year(folder):
    page = render_index(_report(), META, folder)
    assert ("CO2 intensity of GDP: <strong>0.066&nbsp;kg&nbsp;CO2&nbsp;per&nbsp;2021&nbsp;PPP"
            "&nbsp;$</strong>&nbsp;(2024)") in page


def test_a_card_writes_the_eci_as_the_value_chains_page_does(folder):
    """Morocco's ECI of -0.05: the page writes "−0.05" (two decimals, as every ECI), not the
    one rule's "−0.050" for a small number."""
    page = render_index(_report(), META, folder)
    assert "Economic Complexity Index: <strong>\u22120.05</strong>&nbsp;(2024)" in page


def test_the_status_grid_names_lessons_by_their_titles(folder):
    page = render_index(_report(), META, folder, facilitator=True)
    grid = page[page.index('<section class="policylab-status">'):]
    assert "<th>Where does our industry stand?</th><th>Greening industry</th>" in grid
    assert "<th>00_industrial_profile</th>" not in grid


@pytest.fixture
def pack_names(tmp_path, monkeypatch):
    import pandas as pd

    pack = tmp_path / "pack"
    pack.mkdir()
    pd.DataFrame({"iso3": ["VNM", "GHA"], "name": ["Viet Nam", "Ghana"]}).to_parquet(
        pack / "countries.parquet")
    monkeypatch.setenv("POLICYLAB_PACK", str(pack))
    return pack


def test_a_page_s_browser_tab_names_the_lesson_and_the_country(pack_names):
    assert page_title("01_greening", "VNM") == "Greening industry — Viet Nam"
    assert page_title("forum_synthesis", "forum") == lessons()["forum_synthesis"]["title"]
    assert page_title("01_greening", "XKX") == "Greening industry — XKX"  # not in the pack


def test_the_worker_s_pages_carry_the_words_title(pack_names, tmp_path):
    import nbformat

    from policylab.batch.outcome import Place
    from policylab.batch.pages import Provenance
    from policylab.batch.plan import Job
    from policylab.batch.worker import _produced

    job = Job("GHA", "00_industrial_profile", tmp_path / "nb.ipynb", {}, tmp_path / "out")
    place = Place(tmp_path / "staging", tmp_path / "log", job.source)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A page")])
    produced = _produced(job, nb, tmp_path / "none.json", place, {},
                         Provenance("W", "0", "v", "now"))
    for name in ("00_industrial_profile.html", "00_industrial_profile.facilitator.html"):
        html = produced.files[name].decode("utf-8")
        assert "<title>Where does our industry stand? — Ghana</title>" in html


def _large_folder(root, count: int = 40):
    """A synthetic all-countries-size workshop: more countries than the cards carry
    messages for in the page."""
    codes = [f"C{i:02d}" for i in range(count)]
    jobs = [{"key": f"{c}/00_industrial_profile", "country": c,
             "notebook": "00_industrial_profile", "status": "ok", "error": None,
             "log": f"logs/{c}.log"} for c in codes]
    for i, code in enumerate(codes):
        (root / code).mkdir(parents=True)
        (root / code / "00_industrial_profile.html").write_text("page")
        (root / code / "00_industrial_profile.results.json").write_text(json.dumps(
            {"headline": {}, "messages": [f"Country {i} <b>grew</b> \u2028fast.", "second"]}))
    report = {"workshop": {"title": "All"}, "provenance": {"version": "0", "vintage": "v",
                                                             "built": "now"},
              "summary": {"total": count, "ok": count, "skipped": 0, "failed": 0,
                          "not_run": 0}, "jobs": jobs}
    meta = {c: CountryMeta(f"Country {i}", "Region", "Income") for i, c in enumerate(codes)}
    return report, meta


def test_a_large_workshop_s_key_messages_live_in_a_local_script(tmp_path):
    from policylab.batch import index

    report, meta = _large_folder(tmp_path)
    assert len(meta) > index.MESSAGES_UP_TO
    write_index(tmp_path, report, meta)
    script = (tmp_path / CARDS_SCRIPT).read_text("utf-8")
    assert script.startswith("window.POLICYLAB_MESSAGES = ") and script.isascii()
    messages = json.loads(script.removeprefix("window.POLICYLAB_MESSAGES = ").rstrip(";\n"))
    assert messages["C35"] == ["Country 35 <b>grew</b> \u2028fast."]
    page = (tmp_path / "index.html").read_text("utf-8")
    assert "grew" not in page and page.count('class="policylab-messages"') == 40
    small, small_meta = _large_folder(tmp_path / "small", count=2)
    write_index(tmp_path / "small", small, small_meta)
    assert not (tmp_path / "small" / CARDS_SCRIPT).exists()
    assert "Country 1 &lt;b&gt;grew" in (tmp_path / "small" / "index.html").read_text("utf-8")


browser = pytest.mark.usefixtures("chromium")

#: How many lines the browser gives each text: each card figure's value, unit and year (from
#: its <strong> to the end) and each lesson's duration.
LINES = """() => {
  const lines = (start, end) => {
    const range = document.createRange();
    range.setStartBefore(start);
    range.setEndAfter(end);
    return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.bottom))).size;
  };
  const all = selector => Array.from(document.querySelectorAll(selector));
  return {figures: all('.policylab-figures li').map(li => lines(li.querySelector('strong'),
                                                                li.lastChild)),
          durations: all('.policylab-duration').map(td => lines(td.firstChild, td.lastChild))};
}"""


@pytest.mark.browser
@pytest.mark.slow
@browser
def test_a_large_workshop_s_card_loads_its_messages_when_opened_offline(tmp_path):
    from policylab.batch.pages import write_assets

    report, meta = _large_folder(tmp_path)
    write_assets(tmp_path)
    write_index(tmp_path, report, meta)
    with chromium_page(offline=True) as page:
        page.goto((tmp_path / "index.html").resolve().as_uri())
        card = page.locator('.policylab-card[data-iso3="C35"]')
        assert card.locator(".policylab-messages li").count() == 0
        card.locator(".policylab-messages summary").click()
        first = card.locator(".policylab-messages li").first
        first.wait_for()
        assert first.text_content() == "Country 35 <b>grew</b> \u2028fast."
        other = page.locator('.policylab-card[data-iso3="C02"]')
        other.locator(".policylab-messages summary").click()
        other.locator(".policylab-messages li").first.wait_for()
        assert other.locator(".policylab-messages li").count() == 1
        assert page.blocked_requests == []


@pytest.mark.browser
@pytest.mark.slow
@browser
def test_filter_the_cards_and_follow_one_offline(folder):
    from pathlib import Path

    from policylab.batch.pages import write_assets

    write_assets(Path(folder))
    (folder / "index.html").write_text(render_index(_report(), META, folder), "utf-8")
    with chromium_page(offline=True) as page:
        page.goto((folder / "index.html").resolve().as_uri())
        cards = page.locator(".policylab-card")
        assert cards.count() == 2
        lines = page.evaluate(LINES)
        assert lines == {"figures": [1, 1, 1], "durations": [1, 1, 1]}
        page.fill("#filter-name", "keny")
        assert page.locator(".policylab-card:not([hidden])").count() == 1
        assert "1 of 2 countries shown" in page.text_content("#filter-count")
        page.fill("#filter-name", "")
        page.select_option("#filter-income", "High income")
        visible = page.locator(".policylab-card:not([hidden])")
        assert visible.count() == 1 and "Germany" in visible.text_content()
        visible.locator("a").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("DEU/00_industrial_profile.html")
        assert page.blocked_requests == []


def test_the_status_table_s_forum_row_spans_the_lesson_columns_and_links_look_like_links(
        folder):
    page = render_index(_report(), META, folder)
    status = page[page.index('<section class="policylab-status">'):]
    forum_row = re.search(r"<tr><th>forum brief</th>(.*?)</tr>", status).group(1)
    assert forum_row.startswith('<td colspan="2">') and forum_row.count("<td") == 1
    assert re.search(r"\.policylab-status a \{ color: #1f4e79; \}",
                     (TEMPLATES / "page.css").read_text())
