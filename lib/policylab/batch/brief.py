"""PDF briefs: per country ``<ISO3>/brief.pdf`` (two to four A4 pages: headline figures with
their years, the SDG 9 panel, the charts each lesson declares for its brief, key messages,
peers and why, sources) and the forum brief ``forum/forum_brief.pdf`` (DESIGN §9).

Ministers and their staff read short briefs, printed or as PDF. The brief is composed as one
HTML page from what the build already wrote (results files and the pages' charts) and
printed by Debian's Chromium, which the project already drives: vector charts, embedded
fonts, page numbers and the build stamp in the page margins. Without Chromium the build says
so in one line and builds the rest.

A brief is in the current language (``policylab.i18n``; the build sets it per tree): its
words, the country names, and the tables and peer text it takes from the pages, which it
finds by their notebook cells' ids, not by their (translated) captions.
"""

from __future__ import annotations

import json
import re
import string
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path

from policylab import atomic
from policylab.batch import brief_pages as pages
from policylab.batch.pages import (
    DISCLAIMER,
    Provenance,
    english_unit,
    headline_number,
    lessons,
    results_of,
)
from policylab.batch.plan import FORUM_FOLDER
from policylab.browser import chromium_path
from policylab.catalogue import load_catalogue
from policylab.i18n import N_, _, current_language, pgettext
from policylab.i18n.names import country_name
from policylab.narrative.format import ordinal
from policylab.text import MISSING

SDG9_NOTE = N_("As on the industrial profile page, whose notes say how 9.2.2's nearest figure "
               "is approximated and what the 9.4.1 proxy counts.")
#: The notebook whose page holds the SDG 9 panel and the peer explanation, and the ids of
#: the cells that show them (the SDG 9 table; the peer explanation above the peer table).
PROFILE = "00_industrial_profile"
SDG9_CELL = "615e8025"
PEERS_CELL = "cell-04"
#: A country's brief holds at most this many A4 pages. French and Spanish sentences are
#: longer than English ones: a brief that runs over is printed again with its charts' plot
#: areas this much shorter, step by step (an English brief fits at the first).
MAX_PAGES = 4
PLOT_STEPS = (pages.PLOT_MAX_PX, 170, 140, 120)
PRINT_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
              "--virtual-time-budget=20000")
_MARGIN_FONT = '"DejaVu Sans", system-ui, sans-serif'


def print_pdf(html: Path, pdf: Path, timeout: float = 120) -> None:
    """Chromium prints ``html`` to ``pdf`` (written atomically)."""
    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("Chromium is not installed (apt-get install chromium)")
    with atomic.atomic_path(pdf) as tmp, tempfile.TemporaryDirectory() as profile:
        subprocess.run([executable, *PRINT_ARGS, f"--user-data-dir={profile}",
                        f"--print-to-pdf={tmp}", html.resolve().as_uri()],
                       check=True, capture_output=True, timeout=timeout)
        if not Path(tmp).exists() or Path(tmp).stat().st_size == 0:
            raise OSError(f"Chromium wrote no PDF for {html}")


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF that Chromium printed has: its page tree's ``/Count`` (the
    root's is the largest; Chromium writes no outline, whose counts would mix in)."""
    counts = re.findall(rb"/Count\s+(\d+)", pdf.read_bytes())
    return max((int(count) for count in counts), default=0)


def build_stamp(provenance: Provenance) -> str:
    data = _("data: {vintage}").format(vintage=provenance.vintage)
    built = _("built {built}").format(built=provenance.built)
    return f"policylab {provenance.version} · {data} · {built}"


def _page_counter() -> str:
    """CSS ``content`` for "Page N of M" in the current language."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(
            _("Page {page} of {pages}")):
        if literal:
            parts.append(json.dumps(literal, ensure_ascii=False))
        if field:
            parts.append(f"counter({field})")
    return " ".join(parts)


def page_rules(stamp: str) -> str:
    """``@page`` rules for every printed brief: A4, the build stamp bottom left and "Page N
    of M" bottom right, both in the body's sans font; the page number never wraps (the
    stamp's box is given the room it leaves)."""
    return f"""@page {{ size: A4; margin: 15mm 14mm 18mm;
  @bottom-left {{ content: {json.dumps(stamp, ensure_ascii=False)}; width: 80%;
    font-family: {_MARGIN_FONT}; font-size: 6.5pt; color: #666; vertical-align: top; }}
  @bottom-right {{ content: {_page_counter()}; width: 20%;
    font-family: {_MARGIN_FONT}; font-size: 8pt; white-space: nowrap; text-align: right;
    vertical-align: top; }} }}"""


def brief_charts() -> dict[str, list[str]]:
    """Per notebook, the cells whose charts go into the brief (``brief_charts`` in
    ``data/lessons.yml``)."""
    return {nb: list(entry.get("brief_charts", [])) for nb, entry in lessons().items()}


RankCount = Callable[[str, int], "int | None"]


def headline_value(entry: dict, unit: str, ranked: int | None,
                   english: str | None = None) -> str:
    """A headline figure with its year as the brief writes it: a rank as "101st of 129
    (2022)", anything else by the text layer's rule ("7.60% of GDP (2023)"). ``english``:
    the unit in English when ``unit`` is in another language."""
    kind = english or unit
    if kind.startswith("rank"):
        place = ordinal(int(round(entry["value"])))
        if ranked:
            return _("{place} of {total} ({year})").format(place=place, total=ranked,
                                                          year=entry["year"])
        return _("{value} ({year})").format(value=place, year=entry["year"])
    return _("{value} ({year})").format(value=headline_number(entry["value"], unit,
                                                              english_unit=kind),
                                        year=entry["year"])


def _headline_rows(results: dict[str, dict], catalogue: dict,
                   ranked: RankCount | None) -> list[tuple[str, str]]:
    rows, seen = [], set()
    for result in results.values():
        for indicator, entry in result.get("headline", {}).items():
            if indicator in seen or indicator not in catalogue or entry.get("value") is None:
                continue
            seen.add(indicator)
            unit, kind = catalogue[indicator].unit, english_unit(catalogue[indicator])
            count = ranked(indicator, entry["year"]) if ranked and kind.startswith("rank") else None
            rows.append((catalogue[indicator].label, headline_value(entry, unit, count, kind)))
    return rows


def sdg9_rows(profile_page: str) -> list[tuple[str, str, str]]:
    """The SDG 9 panel as the industrial profile page shows it (target, indicator with its
    unit, latest value with its year), 9.2.2's nearest figure included."""
    table = pages.table_in_cell(profile_page, SDG9_CELL)
    if table is None:
        return []
    rows = []
    for cells in table.rows:
        if len(cells) < 3:
            continue
        target, _space, label = cells[0].partition(" ")
        latest = (_("{value} ({year})").format(value=cells[1], year=cells[2])
                  if cells[2] not in ("", MISSING) else cells[1])
        rows.append((target, label, latest))
    return rows


def peers_text(profile_page: str, peers: list[str], countries: dict[str, str]) -> str:
    """The peers by name (as the page's peer table writes them, else the pack's names) and
    why they were chosen, as the industrial profile page says (its explanation names every
    peer; else the names come first)."""
    if not peers:
        return _("No peers were compared with.")
    table = pages.table_in_cell(profile_page, PEERS_CELL)
    named = {row[0]: row[1] for row in table.rows if len(row) > 1} if table else {}
    names = [named.get(code) or _name(code, countries) for code in peers]
    why = pages.note_in_cell(profile_page, PEERS_CELL)
    if why and all(name in why for name in names):
        return why
    listed_names = _("Peers compared with: {names}.").format(names=", ".join(names))
    return listed_names + (f" {why}" if why else "")


def _name(iso3: str, countries: dict[str, str]) -> str:
    """A country's name in the current language (``countries``: the pack's English names)."""
    english = countries.get(iso3)
    return country_name(iso3, english=english) if english else iso3


def country_brief_html(output: Path, iso3: str, name: str, notebooks: list[str],
                       provenance: Provenance, workshop_title: str,
                       catalogue: dict | None = None, countries: dict[str, str] | None = None,
                       charts: dict[str, list[str]] | None = None,
                       ranked: RankCount | None = None,
                       plot_max: int = pages.PLOT_MAX_PX) -> str:
    """The brief as one HTML page, from the results files and the pages' declared charts
    (``charts``: notebook -> cell ids; default ``data/lessons.yml``), each chart's plot
    area at most ``plot_max`` pixels high."""
    catalogue = catalogue or load_catalogue()
    countries = countries or {}
    charts = brief_charts() if charts is None else charts
    results = {nb: results_of(output, iso3, nb) for nb in notebooks}
    figures = _headline_rows(results, catalogue, ranked)
    profile = pages.read_page(output / iso3 / f"{PROFILE}.html")
    sdg = sdg9_rows(profile)
    sdg_table = _sdg_table(sdg)
    messages = [m for nb in notebooks for m in results[nb].get("messages", [])[:2]]
    peers = next((r.get("peers") for r in results.values() if r.get("peers")), [])
    shown = [pages.chart_html(pages.for_print(chart, plot_max), f"{nb}:{cell}")
             for nb in notebooks
             for cell, chart in pages.declared_charts(
                 pages.read_page(output / iso3 / f"{nb}.html"), charts.get(nb, []))]
    stamp = build_stamp(provenance)
    heading = escape(_("{country}: industrial policy brief").format(country=name))
    words = _brief_words()
    return f"""<!DOCTYPE html>
<html lang="{current_language()}"><head><meta charset="utf-8">
<title>{heading}</title>
<script src="../assets/plotly.min.js"></script>
<style>
{page_rules(stamp)}
body {{ font-family: {_MARGIN_FONT}; font-size: 9.5pt; color: #222; margin: 0; }}
h1 {{ font-size: 17pt; margin: 0 0 2pt; }} h2 {{ font-size: 12pt; margin: 10pt 0 4pt;
  color: #1f4e79; break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 1pt 3pt; text-align: left;
  vertical-align: top; }}
.figures td:first-child {{ width: 52%; }} .sdg td:last-child {{ white-space: nowrap; }}
ul {{ margin: 0; padding-left: 14pt; }} li {{ margin-bottom: 1.5pt; }}
.brief-chart {{ break-inside: avoid; margin: 0 0 14px; overflow: hidden; }}
.small {{ font-size: 8pt; color: #555; }}
.closing {{ break-inside: avoid; font-size: 8.5pt; }}
</style></head><body>
<h1>{heading}</h1>
<p class="small">{escape(workshop_title)} · {words["years"]} · {escape(stamp)}</p>
<h2>{words["figures"]}</h2>
<table class="figures">{"".join(f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>"
                                for label, value in figures)}</table>
<h2>{words["sdg"]}</h2>
{sdg_table}
<h2>{words["messages"]}</h2>
<ul>{"".join(f"<li>{escape(str(m))}</li>" for m in messages)}</ul>
<h2>{words["charts"]}</h2>
<div class="charts">{"".join(shown)}</div>
<div class="closing">
<h2>{words["peers"]}</h2>
<p>{escape(peers_text(profile, peers, countries))}</p>
<p>{words["sources"].format(vintage=escape(provenance.vintage))}</p>
<p class="small">{escape(_(DISCLAIMER))}</p>
</div>
</body></html>
"""


#: The brief's data sources and their terms (the vintage is the build's).
SOURCES_NOTE = N_("Data: {vintage}. World Bank data CC-BY 4.0; EDGAR emissions\nthrough the "
                  "World Bank; the Growth Lab at Harvard University's complexity and trade data"
                  "\ncredited to it (Harvard Dataverse terms).")


def _brief_words() -> dict[str, str]:
    """The brief's headings and notes in the current language."""
    return {"years": _("figures with their years"), "figures": _("Headline figures"),
            "sdg": _("SDG 9 panel"), "messages": _("Key messages"),
            "charts": pgettext("brief section", "Charts"), "peers": _("Peers and sources"),
            "sources": _(SOURCES_NOTE)}


def _sdg_table(sdg: list[tuple[str, str, str]]) -> str:
    """The SDG 9 panel's table and note, or a line saying where the panel is."""
    if not sdg:
        return ("<p>" + _("The SDG 9 panel is on the industrial profile page, not built here.")
                + "</p>")
    header = "".join(f"<th>{word}</th>" for word in (
        pgettext("table header", "target"), pgettext("table header", "indicator"),
        pgettext("table header", "latest")))
    rows = "".join(f"<tr><td>{escape(t)}</td><td>{escape(i)}</td><td>{escape(v)}</td></tr>"
                   for t, i, v in sdg)
    return (f'<table class="sdg"><tr>{header}</tr>{rows}</table>'
            '<p class="small">' + _(SDG9_NOTE) + "</p>")


def forum_print_html(forum_page: str, stamp: str) -> str:
    """The forum page with the briefs' ``@page`` rules (page numbers, build stamp) added."""
    style = f"<style>\n{page_rules(stamp)}\n</style>"
    head_end = forum_page.find("</head>")
    if head_end < 0:
        return style + forum_page
    return forum_page[:head_end] + style + forum_page[head_end:]


def _up_to_date(pdf: Path, folder: Path, notebooks: list[str]) -> bool:
    """Resume: a brief newer than every page and results file it is made from is kept."""
    if not pdf.exists():
        return False
    inputs = [folder / f"{nb}{suffix}" for nb in notebooks
              for suffix in (".html", ".results.json")]
    newest = max((p.stat().st_mtime for p in inputs if p.exists()), default=0.0)
    return pdf.stat().st_mtime >= newest


def listed(output: Path) -> list[str]:
    """The briefs present in ``output``, for ``report.json``."""
    return sorted(str(p.relative_to(output)) for p in
                  [*output.glob("*/brief.pdf"), *output.glob(f"{FORUM_FOLDER}/forum_brief.pdf")])


def write_briefs(output: Path, report: dict, countries: dict[str, str],
                 provenance: Provenance,
                 rank_counts: Mapping[tuple[str, int], int] | None = None) -> list[str]:
    """Every country's ``brief.pdf`` and the forum's ``forum_brief.pdf`` (Chromium must be
    installed: the caller checks); returns problems, one line each, never raises for one.
    ``countries``: ISO3 -> name for every country the pack knows (peers are named too);
    ``rank_counts``: (rank indicator, year) -> countries ranked (``PackInfo.rank_counts``),
    so that a rank reads "101st of 129"."""
    jobs = report["jobs"]
    notebooks = list(dict.fromkeys(j["notebook"] for j in jobs if j["country"] != FORUM_FOLDER))
    problems = []
    catalogue, charts = load_catalogue(), brief_charts()
    counts = rank_counts or {}

    def ranked(indicator: str, year: int) -> int | None:
        return counts.get((indicator, int(year)))

    for iso3 in dict.fromkeys(j["country"] for j in jobs if j["country"] != FORUM_FOLDER):
        if not (output / iso3).is_dir():
            continue
        html = output / iso3 / ".brief.html"
        if _up_to_date(output / iso3 / "brief.pdf", output / iso3, notebooks):
            continue
        try:
            for plot_max in PLOT_STEPS:  # shorter charts until the brief fits (fr, es)
                atomic.write_text(html, country_brief_html(
                    output, iso3, _name(iso3, countries), notebooks, provenance,
                    report["workshop"]["title"], catalogue, countries, charts, ranked,
                    plot_max))
                print_pdf(html, output / iso3 / "brief.pdf")
                if pdf_pages(output / iso3 / "brief.pdf") <= MAX_PAGES:
                    break
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"brief for {iso3} not written: {exc}")
        finally:
            html.unlink(missing_ok=True)
    forum_page = output / FORUM_FOLDER / "forum_synthesis.html"
    forum_pdf = output / FORUM_FOLDER / "forum_brief.pdf"
    if forum_page.exists() and not (forum_pdf.exists()
                                    and forum_pdf.stat().st_mtime >= forum_page.stat().st_mtime):
        html = output / FORUM_FOLDER / ".forum_brief.html"
        try:
            atomic.write_text(html, forum_print_html(forum_page.read_text("utf-8"),
                                                     build_stamp(provenance)))
            print_pdf(html, forum_pdf)
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"forum brief PDF not written: {exc}")
        finally:
            html.unlink(missing_ok=True)
    return problems
