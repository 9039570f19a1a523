"""PDF briefs: per country ``<ISO3>/brief.pdf`` (two to four A4 pages: headline figures with
their years, the SDG 9 panel, a chart per lesson, key messages, peers, sources) and the
forum brief ``forum/forum_brief.pdf`` (DESIGN §9).

Ministers and their staff read short briefs, printed or as PDF. The brief is composed as one
HTML page from what the build already wrote (results files and the pages' charts) and
printed by Debian's Chromium, which the project already drives: vector charts, embedded
fonts, page numbers and the build stamp in the page margins. Without Chromium the build says
so in one line and builds the rest.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from html import escape
from pathlib import Path

from policylab import atomic
from policylab.batch.pages import DISCLAIMER, Provenance
from policylab.batch.plan import FORUM_FOLDER
from policylab.browser import chromium_path
from policylab.catalogue import load_catalogue
from policylab.text import format_value

#: Charts taken from each lesson's page, in order (the lesson's first charts state its
#: headline findings): six in all keeps the brief within four pages.
BRIEF_CHARTS = {"00_industrial_profile": 2, "01_greening": 2, "02_digitalization": 1,
                "03_value_chains": 1}
SDG9 = (("9.2.1", "mva_share_gdp"), ("9.2.1", "mva_per_capita_const"),
        ("9.4.1", "co2_per_gdp"), ("9.4.1 (proxy)", "co2_industry_per_mva"),
        ("9.5.1", "rd_share_gdp"), ("9.5.2", "researchers_per_million"),
        ("9.b.1", "mht_share_mva"))
_FIGURE = re.compile(r'<div style="height:\d+px; width:100%;">\s*<div id="policylab-.*?</script>'
                     r"\s*</div>", re.DOTALL)
PRINT_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
              "--virtual-time-budget=20000")


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


def _results(output: Path, iso3: str, notebook: str) -> dict:
    try:
        return json.loads((output / iso3 / f"{notebook}.results.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _figures(page: Path, count: int) -> list[str]:
    """The first ``count`` charts of a built page, smaller for print."""
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return []
    figures = _FIGURE.findall(text)[:count]
    return [re.sub(r'<div style="height:\d+px;', '<div style="height:420px;', f, count=1)
            for f in figures]


def country_brief_html(output: Path, iso3: str, name: str, notebooks: list[str],
                       provenance: Provenance, workshop_title: str,
                       catalogue: dict | None = None) -> str:
    catalogue = catalogue or load_catalogue()
    results = {nb: _results(output, iso3, nb) for nb in notebooks}
    figures: list[tuple[str, str]] = []  # (indicator label, "value (year)")
    seen: set[str] = set()
    for nb in notebooks:
        for indicator, entry in results[nb].get("headline", {}).items():
            if indicator in seen or indicator not in catalogue or entry.get("value") is None:
                continue
            seen.add(indicator)
            unit = catalogue[indicator].unit
            value = entry["value"]
            if unit.startswith("rank"):  # a rank is a whole number
                value = int(round(value))
            figures.append((catalogue[indicator].label,
                            f"{format_value(value, unit, words=True)} ({entry['year']})"))
    headline = {k: v for nb in notebooks for k, v in results[nb].get("headline", {}).items()}
    sdg_rows = "".join(
        f"<tr><td>{escape(goal)}</td><td>{escape(catalogue[i].label)}</td><td>"
        + (escape(f"{format_value(headline[i]['value'], catalogue[i].unit)} "
                  f"({headline[i]['year']})") if i in headline and
           headline[i].get("value") is not None else "not available")
        + "</td></tr>" for goal, i in SDG9 if i in catalogue)
    messages = [m for nb in notebooks for m in results[nb].get("messages", [])[:2]]
    peers = next((r.get("peers") for r in results.values() if r.get("peers")), [])
    charts = [f for nb in notebooks
              for f in _figures(output / iso3 / f"{nb}.html", BRIEF_CHARTS.get(nb, 1))]
    stamp = (f"policylab {provenance.version} · data: {provenance.vintage} · built "
             f"{provenance.built}")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(name)}: industrial policy brief</title>
<script src="../assets/plotly.min.js"></script>
<style>
@page {{ size: A4; margin: 15mm 14mm 18mm;
  @bottom-left {{ content: {json.dumps(stamp, ensure_ascii=False)}; font-size: 7pt;
    color: #666; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }} }}
body {{ font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 9.5pt; color: #222; }}
h1 {{ font-size: 17pt; margin: 0 0 2pt; }} h2 {{ font-size: 12pt; margin: 12pt 0 4pt;
  color: #1f4e79; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #ddd;
  padding: 2pt 4pt; text-align: left; vertical-align: top; }}
.charts > div {{ break-inside: avoid; margin-bottom: 6pt; }}
.small {{ font-size: 8pt; color: #555; }}
.modebar-container {{ display: none; }}
</style></head><body>
<h1>{escape(name)}: industrial policy brief</h1>
<p class="small">{escape(workshop_title)} · figures with their years · {escape(stamp)}</p>
<h2>Headline figures</h2>
<table>{"".join(f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>"
                for label, value in figures)}</table>
<h2>SDG 9 panel</h2>
<table><tr><th>target</th><th>indicator</th><th>latest</th></tr>{sdg_rows}</table>
<p class="small">9.2.2 (manufacturing employment) is not available in this data pack.</p>
<h2>Key messages</h2>
<ul>{"".join(f"<li>{escape(str(m))}</li>" for m in messages)}</ul>
<h2>Charts</h2>
<div class="charts">{"".join(charts)}</div>
<h2>Peers and sources</h2>
<p>Peers compared with: {escape(", ".join(peers)) or "none"} (chosen and explained on the
lesson pages). Data: {escape(provenance.vintage)}. World Bank data CC-BY 4.0; EDGAR emissions
through the World Bank; the Growth Lab at Harvard University's complexity and trade data
credited to it (Harvard Dataverse terms).</p>
<p class="small">{escape(DISCLAIMER)}</p>
</body></html>
"""


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
                 provenance: Provenance) -> list[str]:
    """Every country's ``brief.pdf`` and the forum's ``forum_brief.pdf`` (Chromium must be
    installed: the caller checks); returns problems, one line each, never raises for one."""
    jobs = report["jobs"]
    notebooks = list(dict.fromkeys(j["notebook"] for j in jobs if j["country"] != FORUM_FOLDER))
    problems = []
    catalogue = load_catalogue()
    for iso3 in dict.fromkeys(j["country"] for j in jobs if j["country"] != FORUM_FOLDER):
        if not (output / iso3).is_dir():
            continue
        html = output / iso3 / ".brief.html"
        if _up_to_date(output / iso3 / "brief.pdf", output / iso3, notebooks):
            continue
        try:
            atomic.write_text(html, country_brief_html(
                output, iso3, countries.get(iso3, iso3), notebooks, provenance,
                report["workshop"]["title"], catalogue))
            print_pdf(html, output / iso3 / "brief.pdf")
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"brief for {iso3} not written: {exc}")
        finally:
            html.unlink(missing_ok=True)
    forum_page = output / FORUM_FOLDER / "forum_synthesis.html"
    forum_pdf = output / FORUM_FOLDER / "forum_brief.pdf"
    if forum_page.exists() and not (forum_pdf.exists()
                                    and forum_pdf.stat().st_mtime >= forum_page.stat().st_mtime):
        try:
            print_pdf(forum_page, forum_pdf)
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"forum brief PDF not written: {exc}")
    return problems



