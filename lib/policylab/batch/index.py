"""The front pages of a workshop's folder.

``index.html`` is the participants' page: the workshop, how to use the material, each lesson
(what it teaches, how long it takes), the forum brief first, then one card per country with
its headline figures (each with its year) and key messages, linking to its pages. Cards can
be filtered by name, region and income group offline (a few lines of plain JavaScript, no
framework); a large workshop keeps the page light by writing the cards' key messages to a
local script, ``assets/cards.js``, loaded when a card's messages are first opened (a
``file://`` page may load a script but not fetch a JSON file). Build status stays visible
but secondary, at the end, and so does the "what changed" note, which is for facilitators
who handed out earlier material.
``facilitator.html`` is the same page with the facilitator pages, executed notebooks, logs
and failed runs linked, and the "what changed" note at the top. Everything shown from a
workshop file or the data is escaped.

Both pages are in the current language (``policylab.i18n``; the build sets it per tree),
the filter script's count included.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from html import escape
from pathlib import Path

from policylab import atomic
from policylab.batch.pages import (
    DISCLAIMER,
    english_unit,
    headline_number,
    lessons,
    results_of,
)
from policylab.batch.plan import FORUM_FOLDER
from policylab.catalogue import Indicator, load_catalogue
from policylab.i18n import N_, _, current_language, pgettext
from policylab.i18n.dates import written_day

STATUS_LABEL = {"ok": N_("built"), "skipped": N_("up to date"), "failed": N_("FAILED"),
                "not run": N_("not run")}
#: Above this many countries the cards' key messages load from ``CARDS_SCRIPT`` on demand.
MESSAGES_UP_TO = 30
CARDS_SCRIPT = "assets/cards.js"
FILTER_SCRIPT = """
(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.policylab-card'));
  var name = document.getElementById('filter-name');
  var region = document.getElementById('filter-region');
  var income = document.getElementById('filter-income');
  var count = document.getElementById('filter-count');
  function apply() {
    var text = name.value.trim().toLowerCase(), shown = 0;
    cards.forEach(function (card) {
      var ok = (!text || card.dataset.name.toLowerCase().indexOf(text) >= 0
                || card.dataset.iso3.toLowerCase() === text)
        && (!region.value || card.dataset.region === region.value)
        && (!income.value || card.dataset.income === income.value);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = {count};
  }
  [name, region, income].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
})();
"""
#: A large workshop's cards: the key messages come from CARDS_SCRIPT, loaded the first time
#: a card's messages are opened; each message is set as text, never as markup.
MESSAGES_SCRIPT = """
(function () {
  var waiting = [];
  function fill(box) {
    var list = box.querySelector('ul');
    if (list.children.length) { return; }
    (window.POLICYLAB_MESSAGES[box.dataset.iso3] || []).forEach(function (text) {
      var item = document.createElement('li');
      item.textContent = text;
      list.appendChild(item);
    });
  }
  function load(box) {
    if (window.POLICYLAB_MESSAGES) { fill(box); return; }
    waiting.push(box);
    if (waiting.length > 1) { return; }
    var script = document.createElement('script');
    script.src = '{cards}';
    script.onload = function () { waiting.forEach(fill); waiting = []; };
    document.head.appendChild(script);
  }
  document.querySelectorAll('details.policylab-messages').forEach(function (box) {
    box.addEventListener('toggle', function () { if (box.open) { load(box); } });
  });
})();
""".replace("{cards}", CARDS_SCRIPT)


#: The front page's "how to use" paragraph (its line breaks are the page's).
HOW_TO_USE = N_(
    "Start with the forum brief: what the workshop's countries share and can learn from each\n"
    "other. Then open your country's card: each lesson page reads the country against its "
    "peers\nand income group, with method boxes, charts, exercises (\"your turn\") and "
    "discussion\nquestions. The pages work without internet; keep the folder together when "
    "you copy it.")


def _facilitator_link() -> str:
    return pgettext("link", "facilitator")


def _notebook_link() -> str:
    return pgettext("link", "notebook")


@dataclass(frozen=True)
class CountryMeta:
    name: str
    region: str = ""
    income_group: str = ""


def render_index(report: dict, countries: dict[str, CountryMeta | str], output: Path,
                 changes: list[str] | None = None, facilitator: bool = False) -> str:
    workshop, provenance = report["workshop"], report["provenance"]
    meta = {c: m if isinstance(m, CountryMeta) else CountryMeta(str(m))
            for c, m in countries.items()}
    jobs = report["jobs"]
    by_key = {job["key"]: job for job in jobs}
    codes, notebooks = _countries_and_notebooks(report)
    known = lessons()
    catalogue = load_catalogue()
    cards = [_card(iso3, meta.get(iso3, CountryMeta(iso3)), notebooks, by_key, output,
                   known, catalogue, facilitator, inline_messages=_inline_messages(codes))
             for iso3 in codes]
    forum = next((j for j in jobs if j["country"] == FORUM_FOLDER), None)
    date = workshop.get("date")
    when = " &middot; ".join(escape(str(v)) for v in (date and written_day(str(date)),
                                                       workshop.get("organiser")) if v)
    regions = sorted({meta[c].region for c in codes if c in meta and meta[c].region})
    incomes = sorted({meta[c].income_group for c in codes
                      if c in meta and meta[c].income_group})
    words = _index_words()
    return f"""<!DOCTYPE html>
<html lang="{current_language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(workshop["title"])}</title>
<link rel="stylesheet" href="assets/notebook.css">
</head>
<body class="policylab-index">
<header>
<h1>{escape(workshop["title"])}</h1>
<p class="policylab-when">{when}</p>
<p class="policylab-edition-note">{_edition_note(facilitator)}</p>
</header>
{_changes_section(changes) if facilitator else ""}
<section><h2>{words["how"]}</h2>
<p>{words["how_text"]}</p>
</section>
<section><h2>{words["lessons"]}</h2>
{_lessons_table(notebooks, forum is not None, known)}
</section>
{_forum_section(forum, output, facilitator, known)}
<section><h2>{words["countries"]}</h2>
<div class="policylab-filters">
<label>{words["name"]} <input id="filter-name" type="search" \
placeholder="{words["example"]}"></label>
<label>{words["region"]} {_select("filter-region", regions, words["all_regions"])}</label>
<label>{words["income"]} {_select("filter-income", incomes, words["all_groups"])}</label>
<span id="filter-count" aria-live="polite"></span>
</div>
<div class="policylab-cards">
{"".join(cards)}
</div>
</section>
{_status_section(report, codes, notebooks, by_key, output, meta, facilitator, known)}
{"" if facilitator else _changes_note(changes)}
<footer class="policylab-footer">
<p>policylab {escape(provenance["version"])} &middot; \
{escape(_("data: {vintage}").format(vintage=provenance["vintage"]))}
&middot; {escape(_("built {built}").format(built=provenance["built"]))}</p>
<p>{escape(_(DISCLAIMER))}</p>
</footer>
<script>{filter_script()}</script>
{"" if _inline_messages(codes) else f"<script>{MESSAGES_SCRIPT}</script>"}
</body>
</html>
"""


def _index_words() -> dict[str, str]:
    """The front page's headings and labels in the current language."""
    return {"how": _("How to use this material"), "how_text": _(HOW_TO_USE),
            "lessons": _("Lessons"), "countries": _("Countries"), "name": _("Name or code"),
            "example": escape(_("e.g. Kenya")), "region": _("Region"),
            "income": _("Income group"), "all_regions": pgettext("region filter", "all"),
            "all_groups": pgettext("income group filter", "all")}


def filter_script() -> str:
    """The filter script, its count ("3 of 8 countries shown") in the current language."""
    template = _("{shown} of {total} countries shown")
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        if literal:
            parts.append("'" + literal.replace("\\", "\\\\").replace("'", "\\'") + "'")
        if field:
            parts.append({"shown": "shown", "total": "cards.length"}[field])
    return FILTER_SCRIPT.replace("{count}", " + ".join(parts))


def _countries_and_notebooks(report: dict) -> tuple[list[str], list[str]]:
    """The workshop's country codes and lesson notebooks, in build order (not the forum)."""
    lesson_jobs = [j for j in report["jobs"] if j["country"] != FORUM_FOLDER]
    return (list(dict.fromkeys(j["country"] for j in lesson_jobs)),
            list(dict.fromkeys(j["notebook"] for j in lesson_jobs)))


def _inline_messages(codes: list[str]) -> bool:
    """Whether the cards carry their key messages in the page (else in ``CARDS_SCRIPT``)."""
    return len(codes) <= MESSAGES_UP_TO


def _edition_note(facilitator: bool) -> str:
    if facilitator:
        return _("Facilitator edition: every page also in its facilitator version (solutions "
                 "and notes) and the executed notebooks. Participants use "
                 '<a href="index.html">index.html</a>, which links their pages only.')
    return _("Participant edition: the exercises are here without their answers.")


def _changes_section(changes: list[str] | None) -> str:
    if not changes:
        return ""
    return ('<section class="policylab-changes"><h2>' + _("What changed") + "</h2>"
            + "".join(f"<p>{escape(line)}</p>" for line in changes) + "</section>")


def _changes_note(changes: list[str] | None) -> str:
    """The "what changed" note for participants: one collapsed line above the footer (it
    tells facilitators which earlier hand-outs to replace; it is not where a reader starts)."""
    if not changes:
        return ""
    return ('<details class="policylab-changes-note"><summary>'
            + _("What changed since earlier versions of this material") + "</summary>"
            + "".join(f"<p>{escape(line)}</p>" for line in changes) + "</details>")


def _lessons_table(notebooks: list[str], forum: bool, known: dict[str, dict]) -> str:
    rows = []
    for name in [*notebooks, *(["forum_synthesis"] if forum else [])]:
        entry = known.get(name, {"title": name, "learns": "", "duration_minutes": None})
        minutes = entry.get("duration_minutes")
        duration = _duration(minutes) if minutes else ""
        rows.append(f"<tr><th>{escape(entry['title'])}</th><td>{escape(entry['learns'])}</td>"
                    f'<td class="policylab-duration">{duration}</td></tr>')
    header = "".join(f"<th>{word}</th>" for word in (
        pgettext("table header", "lesson"), pgettext("table header", "what you learn"),
        pgettext("table header", "time")))
    return ('<table class="policylab-lessons"><tr>' + header + "</tr>" + "".join(rows)
            + "</table>")


def _duration(minutes: int) -> str:
    """"1&nbsp;h&nbsp;30&nbsp;min": no-break spaces keep a duration on one line."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        text = f"{hours} h {rest} min"
    else:
        text = f"{hours} h" if hours else f"{rest} min"
    return _unbroken(text)


def _unbroken(text: str) -> str:
    """``text`` escaped, with no-break spaces: a value and its unit read on one line."""
    return escape(text).replace(" ", "&nbsp;")


def _forum_section(forum: dict | None, output: Path, facilitator: bool,
                   known: dict[str, dict]) -> str:
    if forum is None:
        return ""
    base = f"{FORUM_FOLDER}/{forum['notebook']}"
    heading = '<section class="policylab-forum"><h2>' + _("Forum brief") + "</h2>"
    if not (output / f"{base}.html").exists():
        return (heading + "<p>" + _("The forum brief was not built ({status}).").format(
            status=escape(_status_label(forum["status"]))) + "</p></section>")
    links = [_link(f"{base}.html", _("Open the forum brief"))]
    if (output / FORUM_FOLDER / "forum_brief.pdf").exists():
        links.append(f'<a href="{FORUM_FOLDER}/forum_brief.pdf">PDF</a>')
    if facilitator:
        links.append(_link(f"{base}.facilitator.html", _("facilitator version")))
    contents = known.get(forum["notebook"], {}).get("contents", "")
    about = f"<p>{escape(contents)}</p>" if contents else ""
    return heading + about + "<p>" + " &middot; ".join(links) + "</p></section>"


def _link(href: str, text: str) -> str:
    """A link to a page of the folder; ``text`` is ours (not escaped)."""
    return f'<a href="{escape(href)}">{text}</a>'


def _status_label(status: str) -> str:
    return _(STATUS_LABEL[status]) if status in STATUS_LABEL else status


def _select(element_id: str, options: list[str], every: str) -> str:
    items = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in options)
    return f'<select id="{element_id}"><option value="">{every}</option>{items}</select>'


def _card_messages(results: list[dict]) -> list[str]:
    """A card's key messages: the first of each of its lessons' results files."""
    found = (one.get("messages") for one in results)
    return [str(messages[0]) for messages in found if messages]


def _figure(indicator: Indicator, value: float, year: object) -> str:
    """One headline figure of a card: "Internet users: **35.0% of the population** (2024)",
    written as the pages write it, with the value, its unit and its year on one line (an
    index, rank or score is read through its label, without its unit)."""
    unit, kind = indicator.unit, english_unit(indicator)
    shown = "" if kind.startswith(("index", "rank", "score")) else unit
    text = headline_number(value, unit, shown, kind)
    shown_value = f"<strong>{_unbroken(text)}</strong>&nbsp;({escape(str(year))})"
    return "<li>" + pgettext("front page card", "{indicator}: {value}").format(
        indicator=escape(indicator.label), value=shown_value) + "</li>"


def _messages_detail(iso3: str, messages: list[str], inline: bool) -> str:
    """A card's collapsed key messages: in the page, or an empty list that the page's
    script fills from ``CARDS_SCRIPT`` when it is first opened."""
    if not messages:
        return ""
    if not inline:
        return (f'<details class="policylab-messages" data-iso3="{escape(iso3)}">'
                "<summary>" + _("Key messages") + "</summary><ul></ul></details>")
    items = "".join(f"<li>{escape(message)}</li>" for message in messages)
    return "<details><summary>" + _("Key messages") + f"</summary><ul>{items}</ul></details>"


def _card(iso3: str, meta: CountryMeta, notebooks: list[str], by_key: dict, output: Path,
          known: dict[str, dict], catalogue: dict, facilitator: bool,
          inline_messages: bool) -> str:
    figures, links, all_results = [], [], []
    for notebook in notebooks:
        base = f"{iso3}/{notebook}"
        title = known.get(notebook, {}).get("title", notebook)
        if (output / f"{base}.html").exists():
            link = f'<a href="{escape(base)}.html">{escape(title)}</a>'
            if facilitator:
                link += (f" ({_link(f'{base}.facilitator.html', _facilitator_link())}, "
                         f"{_link(f'{base}.ipynb', _notebook_link())})")
            links.append(f"<li>{link}</li>")
        results = results_of(output, iso3, notebook)
        all_results.append(results)
        first = next(((k, v) for k, v in results.get("headline", {}).items()
                      if v.get("value") is not None and k in catalogue), None)
        if first:
            indicator, entry = first
            figures.append(_figure(catalogue[indicator], entry["value"], entry["year"]))
    if (output / iso3 / "brief.pdf").exists():
        links.append("<li>" + _link(f"{iso3}/brief.pdf", _("Brief (PDF)")) + "</li>")
    status = [by_key.get(f"{iso3}/{nb}", {}).get("status") for nb in notebooks]
    problem = ('<p class="status-failed">' + _("Some pages of this country were not built.")
               + "</p>" if any(s in ("failed", "not run") for s in status) else "")
    detail = _messages_detail(iso3, _card_messages(all_results), inline_messages)
    return (f'<article class="policylab-card" data-iso3="{escape(iso3)}" '
            f'data-name="{escape(meta.name)}" data-region="{escape(meta.region)}" '
            f'data-income="{escape(meta.income_group)}">'
            f"<h3>{escape(meta.name)}</h3>"
            f'<p class="policylab-card-meta">{escape(meta.region)}'
            f"{' &middot; ' if meta.region and meta.income_group else ''}"
            f"{escape(meta.income_group)}</p>"
            f'<ul class="policylab-figures">{"".join(figures)}</ul>{detail}'
            f'<ul class="policylab-links">{"".join(links)}</ul>{problem}</article>')


def _status_section(report: dict, codes: list[str], notebooks: list[str], by_key: dict,
                    output: Path, meta: dict[str, CountryMeta], facilitator: bool,
                    known: dict[str, dict]) -> str:
    summary = report["summary"]
    header = "".join(f"<th>{escape(known.get(nb, {}).get('title', nb))}</th>"
                     for nb in notebooks)
    rows = []
    for iso3 in codes:
        cells = "".join(_cell(by_key.get(f"{iso3}/{nb}"), output, facilitator)
                        for nb in notebooks)
        name = escape(meta.get(iso3, CountryMeta(iso3)).name)
        rows.append(f"<tr><th>{name} ({escape(iso3)})</th>{cells}</tr>")
    forum = [j for j in report["jobs"] if j["country"] == FORUM_FOLDER]
    if forum:
        rows.append("<tr><th>" + pgettext("table row", "forum brief") + "</th>"
                    f"{_cell(forum[0], output, facilitator, colspan=len(notebooks))}</tr>")
    opened = " open" if facilitator or summary["failed"] else ""
    counts = {key: summary[key] for key in ("total", "ok", "skipped", "failed", "not_run")}
    return (f'<section class="policylab-status"><details{opened}><summary>'
            + _("Build status: {total} notebooks: {ok} built, {skipped} up to date, {failed} "
                "failed, {not_run} not run").format(**counts) + "</summary>"
            + "<table><tr><th>" + pgettext("table header", "country") + "</th>"
            f"{header}</tr>{''.join(rows)}</table>"
            + ('<p><a href="report.json">report.json</a></p>' if facilitator else "")
            + "</details></section>")


def _cell(job: dict | None, output: Path, facilitator: bool = False, colspan: int = 1) -> str:
    span = f' colspan="{colspan}"' if colspan > 1 else ""  # the forum brief spans the lessons
    if job is None:
        return f'<td class="status-missing"{span}>' + _("not planned") + "</td>"
    status = job["status"]
    base = f'{job["country"]}/{job["notebook"]}'
    links = []
    if (output / f"{base}.html").exists():
        shown = pgettext("link", "participant") if facilitator else pgettext("link", "open")
        links.append(_link(f"{base}.html", shown))
        if facilitator:
            links.append(_link(f"{base}.facilitator.html", _facilitator_link()))
            links.append(_link(f"{base}.ipynb", _notebook_link()))
    if status == "failed" and facilitator:
        if job.get("failed_notebook"):
            links.append(_link(job["failed_notebook"], _("failed run")))
        links.append(_link(job["log"], pgettext("link", "log")))
    error = (f'<br><small>{escape(job["error"])}</small>'
             if job.get("error") and facilitator else "")
    label = _status_label(status)
    return (f'<td{span}><span class="status-{status.replace(" ", "-")}">{label}</span>{error}<br>'
            f'{" | ".join(links)}</td>')


def write_index(output: Path, report: dict, countries: dict[str, CountryMeta | str],
                changes: list[str] | None = None) -> Path:
    """``index.html`` (participants) and ``facilitator.html`` (everything), and for a large
    workshop the cards' key messages in ``CARDS_SCRIPT`` (a smaller one removes it)."""
    write_card_messages(output, report)
    for name, facilitator in (("facilitator.html", True), ("index.html", False)):
        atomic.write_text(output / name, render_index(report, countries, output, changes,
                                                      facilitator))
    return output / "index.html"


def write_card_messages(output: Path, report: dict) -> None:
    """``CARDS_SCRIPT``: ISO3 -> key messages, as a script that sets
    ``window.POLICYLAB_MESSAGES`` (JSON written in ASCII, a valid script whatever the
    messages hold); only for a workshop whose cards do not carry their messages in the page."""
    target = output / CARDS_SCRIPT
    codes, notebooks = _countries_and_notebooks(report)
    if _inline_messages(codes):
        target.unlink(missing_ok=True)
        return
    messages = {iso3: found for iso3 in codes if (found := _card_messages(
        [results_of(output, iso3, notebook) for notebook in notebooks]))}
    atomic.write_text(target, "window.POLICYLAB_MESSAGES = "
                      + json.dumps(messages, ensure_ascii=True) + ";\n")
