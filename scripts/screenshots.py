"""Screenshots of what learners see: the industrial profile notebook live in JupyterLab,
and generated pages of the demo workshop opened offline. ``make screenshots`` runs it
after ``make materials``; the PNGs land in ``screenshots/`` for a person to look at."""

from __future__ import annotations

import argparse
from pathlib import Path

from policylab.browser import chromium_page, jupyter_lab, run_notebook_in_lab
from policylab.paths import notebooks_dir, output_root, project_root


def lab_screenshots(folder: Path, notebook: str = "00_industrial_profile.ipynb") -> list[Path]:
    shots = []
    with jupyter_lab(notebooks_dir()) as lab, chromium_page(1400, 1000) as page:
        run_notebook_in_lab(page, lab, notebook, timeout_ms=300_000)
        page.locator(".widget-output .js-plotly-plot").first.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        path = folder / "lab-explorer.png"
        page.locator(".jp-OutputArea:has(.widget-dropdown)").first.screenshot(path=str(path))
        shots.append(path)
        path = folder / "lab-window.png"
        page.screenshot(path=str(path))
        shots.append(path)
    return shots


def page_screenshots(folder: Path, workshop: Path) -> list[Path]:
    pages = [workshop / "index.html", *sorted(workshop.glob("KEN/*.html"))[:2],
             workshop / "forum" / "forum_synthesis.html"]
    shots = []
    with chromium_page(1280, 900, offline=True) as page:
        for html in pages:
            if not html.exists():
                continue
            page.goto(html.resolve().as_uri())
            page.wait_for_timeout(1500)
            path = folder / f"page-{html.parent.name}-{html.stem}.png"
            page.screenshot(path=str(path), full_page=False)
            shots.append(path)
        if page.blocked_requests:
            raise SystemExit(f"pages tried to reach the network: {page.blocked_requests[:5]}")
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(project_root() / "screenshots"))
    parser.add_argument("--workshop", default=str(output_root() / "demo"))
    args = parser.parse_args()
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    shots = lab_screenshots(folder) + page_screenshots(folder, Path(args.workshop))
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
