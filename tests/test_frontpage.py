"""The workshop's front pages: lessons with durations, the forum first, one card per country
with headline figures and their years, filters, status last; participants' page without
facilitator links; everything from the workshop file escaped."""

from __future__ import annotations

import json
import re

import pytest

from policylab.batch.index import CountryMeta, lessons, render_index
from policylab.browser import chromium_page, chromium_path


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
    return tmp_path


META = {"KEN": CountryMeta("Kenya", "Sub-Saharan Africa", "Lower middle income"),
        "DEU": CountryMeta("Germany", "Europe & Central Asia", "High income")}


def test_front_page_holds_lessons_forum_cards_and_status(folder):
    page = render_index(_report(), META, folder, ["Trade was a sample."])
    assert "Workshop &lt;b&gt;x&lt;/b&gt;" in page and "Forum &amp; co" in page
    for entry in lessons().values():
        if entry["notebook"] in ("00_industrial_profile", "01_greening", "forum_synthesis"):
            assert entry["title"].replace("—", "—") in page
    assert page.index("Forum brief") < page.index("Countries") < page.index("Build status")
    assert "Manufacturing value added: <strong>7.60% of GDP</strong> (2023)" in page
    assert "Kenya&#x27;s manufacturing &lt;value&gt; added fell." in page
    assert 'data-region="Sub-Saharan Africa"' in page and "What changed" in page
    assert "2 h" in page  # the profile's duration


def test_participants_page_links_no_facilitator_material(folder):
    participant = render_index(_report(), META, folder)
    facilitator = render_index(_report(), META, folder, facilitator=True)
    links = re.findall(r'href="([^"]+)"', participant)
    assert links and not [h for h in links if h.endswith((".facilitator.html", ".ipynb",
                                                          ".log", "report.json"))]
    assert "KEN/00_industrial_profile.facilitator.html" in facilitator
    assert "report.json" in facilitator


def test_a_large_workshop_keeps_key_messages_on_the_pages(folder, monkeypatch):
    from policylab.batch import index

    monkeypatch.setattr(index, "MESSAGES_UP_TO", 1)
    assert "Key messages" not in render_index(_report(), META, folder)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed")
def test_filter_the_cards_and_follow_one_offline(folder):
    from pathlib import Path

    from policylab.batch.pages import write_assets

    write_assets(Path(folder))
    (folder / "index.html").write_text(render_index(_report(), META, folder), "utf-8")
    with chromium_page(offline=True) as page:
        page.goto((folder / "index.html").resolve().as_uri())
        cards = page.locator(".policylab-card")
        assert cards.count() == 2
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
