"""The main job on toy notebooks and the tiny pack: failure isolation, resume, offline pages,
participant pages without solutions, and independent runs in a reused kernel."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policylab import paths
from policylab.batch.plan import default_pack_info
from policylab.batch.run import build, build_command
from policylab.errors import WorkshopError

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
SCRIPT_SRC = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?([^\"' >]+)", re.IGNORECASE)


@pytest.fixture(scope="module")
def pack(tiny_pack):
    return default_pack_info(tiny_pack)


def _workshop(folder: Path, body: str, name: str = "toy") -> Path:
    path = folder / f"{name}.yml"
    path.write_text(f"title: Toy workshop\noutput: {folder / 'out'}\n{body}", encoding="utf-8")
    return path


def _build(path: Path, pack, **options):
    return build(path, notebooks_dir=FIXTURES, pack=pack, progress=False, **options)


def _statuses(report: dict) -> dict[str, str]:
    return {job["key"]: job["status"] for job in report["jobs"]}


@pytest.fixture(scope="module")
def failing_build(tmp_path_factory, tiny_pack):
    """KEN, NAM and BRA x two notebooks + forum, where NAM's second notebook fails."""
    folder = tmp_path_factory.mktemp("failing")
    path = _workshop(folder, """
countries: [KEN, Namibia, BRA]
notebooks: [00_toy_profile, 01_toy_switch, forum_synthesis]
overrides:
  NAM: {fail: true}
  KEN: {peers: [Brazil]}
""")
    patch = pytest.MonkeyPatch()
    patch.setattr(paths, "notebooks_dir", lambda: FIXTURES)
    patch.setenv("POLICYLAB_PACK", str(tiny_pack))
    try:
        code = build_command(path, jobs=2, timeout=120)
    finally:
        patch.undo()
    return code, folder / "out"


def test_a_failing_notebook_does_not_stop_the_others(failing_build):
    code, out = failing_build
    assert code == 1
    report = json.loads((out / "report.json").read_text())
    statuses = _statuses(report)
    assert statuses.pop("NAM/01_toy_switch") == "failed"
    assert set(statuses.values()) == {"ok"} and len(statuses) == 6
    failed = next(j for j in report["jobs"] if j["key"] == "NAM/01_toy_switch")
    assert "deliberate failure for NAM" in failed["error"]
    assert (out / "failed" / "NAM" / "01_toy_switch.ipynb").exists()
    assert not (out / "NAM" / "01_toy_switch.ipynb").exists()
    assert "deliberate failure" in (out / failed["log"]).read_text()
    facilitator = (out / "facilitator.html").read_text()
    assert "FAILED" in facilitator and "failed/NAM/01_toy_switch.ipynb" in facilitator
    assert (out.parent / "out.zip").exists() and (out.parent / "out-facilitator.zip").exists()


def test_participants_get_no_facilitator_page_notebook_or_log(failing_build):
    """The participant index and zip hold participant pages and notebooks without the
    solution and facilitator cells; the facilitator's hold everything."""
    import zipfile

    _, out = failing_build
    index = (out / "index.html").read_text()
    assert "FAILED" in index  # the status stays visible
    for leak in (".facilitator.html", ".ipynb", "logs/", "failed/", "deliberate failure"):
        assert leak not in index, leak
    assert ".facilitator.html" in (out / "facilitator.html").read_text()
    with zipfile.ZipFile(out.parent / "out.zip") as archive:
        names = archive.namelist()
        notebook = archive.read("out/KEN/00_toy_profile.ipynb").decode()
    assert not [n for n in names if n.endswith(".facilitator.html") or "/logs/" in n
                or "/failed/" in n or n.endswith(("facilitator.html", "report.json"))]
    assert "out/KEN/00_toy_profile.html" in names
    full = (out / "KEN" / "00_toy_profile.ipynb").read_text()
    assert '"solution"' in full and '"solution"' not in notebook
    with zipfile.ZipFile(out.parent / "out-facilitator.zip") as archive:
        everything = archive.namelist()
    assert "out/facilitator.html" in everything and "out/KEN/00_toy_profile.facilitator.html" \
        in everything and any("/logs/" in n for n in everything)


def test_outputs_follow_the_output_tree(failing_build):
    _, out = failing_build
    for iso3 in ("KEN", "NAM", "BRA"):
        for suffix in (".ipynb", ".html", ".facilitator.html", ".results.json"):
            assert (out / iso3 / f"00_toy_profile{suffix}").exists()
    results = json.loads((out / "KEN" / "00_toy_profile.results.json").read_text())
    assert results["country"] == "KEN" and results["peers"] == ["BRA"]
    for suffix in (".ipynb", ".html", ".facilitator.html"):
        assert (out / "forum" / f"forum_synthesis{suffix}").exists()
    forum = (out / "forum" / "forum_synthesis.ipynb").read_text()
    assert "FORUM over 3 countries and 5 results" in forum
    assert list(out.rglob("plotly.min.js")) == [out / "assets" / "plotly.min.js"]


def test_participant_pages_drop_solutions_and_facilitator_notes(failing_build):
    _, out = failing_build
    participant = (out / "KEN" / "00_toy_profile.html").read_text()
    facilitator = (out / "KEN" / "00_toy_profile.facilitator.html").read_text()
    for marker in ("SOLUTION-MARKER", "FACILITATOR-NOTE"):
        assert marker not in participant
        assert marker in facilitator


def test_pages_work_offline_and_carry_provenance(failing_build, pack):
    _, out = failing_build
    pages = list(out.rglob("*.html"))
    # two pages per notebook (NAM's failed one has none), the forum's two, two front pages
    assert len(pages) == 3 * 2 * 2 - 2 + 2 + 2
    for page in pages:
        html = page.read_text()
        sources = SCRIPT_SRC.findall(html)
        assert not [s for s in sources if re.match(r"(https?:)?//", s)], page
        assert page.stat().st_size < 600_000, page
        assert "legal status of any country, territory" in html
        assert pack.vintage in html
    profile = (out / "KEN" / "00_toy_profile.html").read_text()
    assert SCRIPT_SRC.findall(profile) == ["../assets/plotly.min.js"]
    assert "Plotly.newPlot" in profile


def test_previous_good_output_survives_a_later_failure(tmp_path, pack):
    path = _workshop(tmp_path, "countries: [KEN]\nnotebooks: [01_toy_switch]\n")
    first = _build(path, pack, jobs=1, make_zip=False)
    assert first.failed == 0
    good = (tmp_path / "out" / "KEN" / "01_toy_switch.ipynb").read_bytes()
    good_results = (tmp_path / "out" / "KEN" / "01_toy_switch.results.json").read_bytes()

    path.write_text(path.read_text() + "overrides: {KEN: {fail: true}}\n")
    second = _build(path, pack, jobs=1, make_zip=False)
    assert _statuses(second.report) == {"KEN/01_toy_switch": "failed"}
    assert (tmp_path / "out" / "KEN" / "01_toy_switch.ipynb").read_bytes() == good
    assert (tmp_path / "out" / "KEN" / "01_toy_switch.results.json").read_bytes() == good_results
    assert (tmp_path / "out" / "failed" / "KEN" / "01_toy_switch.ipynb").exists()


def test_rerun_resumes_only_unfinished_jobs(tmp_path, pack):
    path = _workshop(tmp_path, "countries: [KEN, NAM, BRA]\nnotebooks: [00_toy_profile]\n")
    out = tmp_path / "out"
    assert _build(path, pack, jobs=2, make_zip=False).failed == 0
    # An interrupted build: BRA's job never reached its stamp (written last).
    (out / "BRA" / ".00_toy_profile.inputs.json").unlink()
    before = (out / "KEN" / "00_toy_profile.ipynb").stat().st_mtime_ns
    resumed = _build(path, pack, jobs=2, make_zip=False)
    assert _statuses(resumed.report) == {"KEN/00_toy_profile": "skipped",
                                         "NAM/00_toy_profile": "skipped",
                                         "BRA/00_toy_profile": "ok"}
    assert (out / "KEN" / "00_toy_profile.ipynb").stat().st_mtime_ns == before

    forced = _build(path, pack, jobs=2, make_zip=False, force=True, only=["Kenya"])
    assert _statuses(forced.report) == {"KEN/00_toy_profile": "ok"}
    # The folder's report and index still cover the countries --only left alone.
    on_disk = json.loads((out / "report.json").read_text())
    assert _statuses(on_disk) == {"KEN/00_toy_profile": "ok", "NAM/00_toy_profile": "skipped",
                                  "BRA/00_toy_profile": "ok"}
    index = (out / "index.html").read_text()
    assert "Namibia" in index and "Brazil" in index


def test_kept_kernel_runs_are_independent(tmp_path, pack):
    path = _workshop(tmp_path, "countries: [KEN]\nnotebooks: [02_toy_leak_a, 03_toy_leak_b]\n")
    outcome = _build(path, pack, jobs=1, make_zip=False)
    # B asserts that A's variable, environment change and working directory are gone.
    assert _statuses(outcome.report) == {"KEN/02_toy_leak_a": "ok", "KEN/03_toy_leak_b": "ok"}
    pids = {json.loads((tmp_path / "out" / "KEN" / f"{nb}.results.json").read_text())
            ["kernel_pid"] for nb in ("02_toy_leak_a", "03_toy_leak_b")}
    assert len(pids) == 1, "both notebooks should have run in the same kept kernel"


def test_timeout_fails_the_job_and_the_worker_carries_on(tmp_path, pack):
    path = _workshop(tmp_path, "countries: [KEN]\nnotebooks: [04_toy_slow, 00_toy_profile]\n")
    outcome = _build(path, pack, jobs=1, make_zip=False, timeout=3)
    statuses = _statuses(outcome.report)
    assert statuses == {"KEN/04_toy_slow": "failed", "KEN/00_toy_profile": "ok"}
    slow = next(j for j in outcome.report["jobs"] if j["key"] == "KEN/04_toy_slow")
    assert "timed out after 3 s" in slow["error"]


def test_invalid_workshop_runs_nothing(tmp_path, pack):
    path = _workshop(tmp_path, "countries: [KEN]\nnotebooks: [00_toy_profile]\n"
                     "parameters: {strat_year: 2001}\n")
    with pytest.raises(WorkshopError, match="strat_year"):
        _build(path, pack)
    assert not (tmp_path / "out").exists()


def test_only_must_name_workshop_countries(tmp_path, pack):
    path = _workshop(tmp_path, "countries: [KEN]\nnotebooks: [00_toy_profile]\n")
    with pytest.raises(WorkshopError, match="DEU is not among the workshop's countries"):
        _build(path, pack, only=["Germany"])


def _page(nb, participant: bool) -> str:
    from policylab.batch.export import render_page
    from policylab.batch.pages import Provenance

    provenance = Provenance("Toy workshop", "0", "2025-01", "now")
    return render_page(nb, title="toy", provenance=provenance, participant=participant)


def _toy_notebook(code: str, markdown: str):
    import nbformat

    cell = nbformat.v4.new_code_cell(code, outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": '<img src="data:image/png;base64,AA==">'})])
    solution = nbformat.v4.new_code_cell("answer = 42  # SOLUTION-MARKER")
    solution.metadata["tags"] = ["solution"]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown), cell,
                                           solution])


def test_trusted_export_escapes_code_and_keeps_accessibility_fixes():
    nb = _toy_notebook('if a < b and "<script>" != c:\n    pass', "# Title\n\nSome *text*.")
    facilitator = _page(nb, participant=False)
    participant = _page(nb, participant=True)
    # Highlighted code is escaped by pygments, with no bleach pass after it.
    assert "<script>" not in facilitator.split("<body")[1]
    assert "&lt;script&gt;" in facilitator and "&lt;" in facilitator
    assert "SOLUTION-MARKER" in facilitator and "SOLUTION-MARKER" not in participant
    assert "&lt;script&gt;" not in participant  # participants see no untagged code
    for page in (facilitator, participant):
        assert "<em>text</em>" in page
        assert 'alt="No description has been provided for this image"' in page
        assert re.search(r'class="[^"]*jp-OutputArea-output[^"]*" tabindex="0"', page)


def test_cached_markdown_and_code_follow_each_notebook():
    first = _page(_toy_notebook("x = 1", "Kenya *first*"), participant=False)
    second = _page(_toy_notebook("x = 2", "Ghana *second*"), participant=False)
    again = _page(_toy_notebook("x = 1", "Kenya *first*"), participant=False)
    assert "Kenya <em>first</em>" in first and "Ghana" not in first
    assert "Ghana <em>second</em>" in second and "Kenya" not in second
    cell_ids = re.compile(r"cell-id=[\w-]+")  # random per new notebook
    assert cell_ids.sub("", again) == cell_ids.sub("", first)


def test_a_country_s_notebooks_run_in_one_task_in_plan_order():
    from policylab.batch.plan import Job
    from policylab.batch.run import _by_folder

    jobs = [Job(c, nb, Path(f"{nb}.ipynb"), {}, Path("out"))
            for c in ("KEN", "GHA") for nb in ("00_a", "01_b")]
    groups = _by_folder(jobs)
    assert [[j.key for j in group] for group in groups] == [
        ["KEN/00_a", "KEN/01_b"], ["GHA/00_a", "GHA/01_b"]]


def test_library_code_change_invalidates_outputs(tmp_path, monkeypatch):
    """Editing a lesson module (same version number) must rebuild the pages."""
    from policylab import paths
    from policylab.batch.plan import library_fingerprint

    (tmp_path / "lesson.py").write_text("ANSWER = 1\n")
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path)
    library_fingerprint.cache_clear()
    before = library_fingerprint()
    (tmp_path / "lesson.py").write_text("ANSWER = 2\n")
    library_fingerprint.cache_clear()
    after = library_fingerprint()
    library_fingerprint.cache_clear()
    assert before != after


def test_project_data_change_invalidates_outputs(tmp_path, monkeypatch):
    """Editing a data file the lessons read beside the pack (official names, articles)
    must rebuild the pages; a note beside them (Markdown) must not."""
    from policylab import paths
    from policylab.batch.plan import library_fingerprint

    data = tmp_path / "data"
    data.mkdir()
    (data / "indicators.yml").write_text("indicators: []\n")
    (data / "official_names.csv").write_text("iso3,name\nVNM,Viet Nam\n")
    (data / "official_names.md").write_text("Why these names.\n")
    monkeypatch.setattr(paths, "catalogue_path", lambda: data / "indicators.yml")

    def fingerprint() -> str:
        library_fingerprint.cache_clear()
        return library_fingerprint()

    before = fingerprint()
    (data / "official_names.md").write_text("Why these names, reworded.\n")
    assert fingerprint() == before
    (data / "official_names.csv").write_text("iso3,name\nVNM,Vietnam\n")
    assert fingerprint() != before
    library_fingerprint.cache_clear()
