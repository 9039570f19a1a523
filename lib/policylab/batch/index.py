"""The landing pages of a workshop's folder (countries x notebooks, status).

``index.html`` is the participants' page: it links their pages only (no facilitator pages,
executed notebooks, logs or failed runs, which hold solutions and notes).
``facilitator.html`` links everything. Both carry the same status and "what changed" note.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from policylab import atomic
from policylab.batch.export import DISCLAIMER
from policylab.batch.plan import FORUM_FOLDER

STATUS_LABEL = {"ok": "built", "skipped": "up to date", "failed": "FAILED", "not run": "not run"}


def render_index(report: dict, country_names: dict[str, str], output: Path,
                 changes: list[str] | None = None, facilitator: bool = False) -> str:
    workshop = report["workshop"]
    provenance = report["provenance"]
    summary = report["summary"]
    by_key = {job["key"]: job for job in report["jobs"]}
    countries = list(dict.fromkeys(j["country"] for j in report["jobs"]
                                   if j["country"] != FORUM_FOLDER))
    notebooks = list(dict.fromkeys(j["notebook"] for j in report["jobs"]
                                   if j["country"] != FORUM_FOLDER))
    header = "".join(f"<th>{escape(nb)}</th>" for nb in notebooks)
    rows = []
    for iso3 in countries:
        cells = "".join(_cell(by_key.get(f"{iso3}/{nb}"), output, facilitator)
                        for nb in notebooks)
        name = escape(country_names.get(iso3, iso3))
        rows.append(f"<tr><th>{name} ({escape(iso3)})</th>{cells}</tr>")
    forum = [j for j in report["jobs"] if j["country"] == FORUM_FOLDER]
    forum_html = (
        f"<h2>Forum brief</h2><table><tr><th>cross-country synthesis</th>"
        f"{_cell(forum[0], output, facilitator)}</tr></table>" if forum else ""
    )
    changed = ("<section class=\"policylab-changes\"><h2>What changed</h2>"
               + "".join(f"<p>{escape(line)}</p>" for line in changes) + "</section>"
               if changes else "")
    meta = " &middot; ".join(
        escape(str(v)) for v in (workshop.get("date"), workshop.get("organiser")) if v
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(workshop["title"])}</title>
<link rel="stylesheet" href="assets/notebook.css">
</head>
<body class="policylab-index">
<h1>{escape(workshop["title"])}</h1>
<p>{meta}</p>
<p class="policylab-summary">{summary["total"]} notebooks: {summary["ok"]} built,
{summary["skipped"]} up to date, {summary["failed"]} failed, {summary["not_run"]} not run.
{_edition_note(facilitator)}</p>
{changed}
{forum_html}
<h2>Countries</h2>
<table>
<tr><th>country</th>{header}</tr>
{"".join(rows)}
</table>
<footer class="policylab-footer">
<p>policylab {escape(provenance["version"])} &middot; data: {escape(provenance["vintage"])}
&middot; built {escape(provenance["built"])} &middot; <a href="report.json">report.json</a></p>
<p>{escape(DISCLAIMER)}</p>
</footer>
</body>
</html>
"""


def _edition_note(facilitator: bool) -> str:
    if facilitator:
        return ("Facilitator edition: each country has a participant page, a facilitator page "
                "(with solutions and notes) and the executed notebook. Participants use "
                '<a href="index.html">index.html</a>, which links their pages only.')
    return "Participant edition: the pages below hold the exercises without their answers."


def _cell(job: dict | None, output: Path, facilitator: bool = False) -> str:
    if job is None:
        return '<td class="status-missing">not planned</td>'
    status = job["status"]
    base = f'{job["country"]}/{job["notebook"]}'
    links = []
    if (output / f"{base}.html").exists():
        links.append(f'<a href="{escape(base)}.html">{"participant" if facilitator else "open"}'
                     "</a>")
        if facilitator:
            links.append(f'<a href="{escape(base)}.facilitator.html">facilitator</a>')
            links.append(f'<a href="{escape(base)}.ipynb">notebook</a>')
    if status == "failed" and facilitator:
        if job.get("failed_notebook"):
            links.append(f'<a href="{escape(job["failed_notebook"])}">failed run</a>')
        links.append(f'<a href="{escape(job["log"])}">log</a>')
    error = (f'<br><small>{escape(job["error"])}</small>'
             if job.get("error") and facilitator else "")
    label = STATUS_LABEL.get(status, status)
    return (f'<td><span class="status-{status.replace(" ", "-")}">{label}</span>{error}<br>'
            f'{" | ".join(links)}</td>')


def write_index(output: Path, report: dict, country_names: dict[str, str],
                changes: list[str] | None = None) -> Path:
    """``index.html`` (participants) and ``facilitator.html`` (everything)."""
    for name, facilitator in (("facilitator.html", True), ("index.html", False)):
        atomic.write_text(output / name, render_index(report, country_names, output, changes,
                                                      facilitator))
    return output / "index.html"
