"""Which folders a build may write into, the build lock, and the hand-out zip
(policylab.batch.output and write_zip): nothing of the user's is touched or packed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from policylab.batch.handout import ZIP_COMMENT, build_files, write_zip
from policylab.batch.output import MARKER, claim_output, is_ours
from policylab.errors import WorkshopError


@pytest.mark.parametrize("folder", ["/", "/etc", "/usr/share/policylab", "/tmp", "~"])
def test_system_folders_and_home_are_refused(folder):
    from pathlib import Path

    with pytest.raises(WorkshopError, match="refusing to write the build"):
        claim_output(Path(folder))


def test_the_project_folder_and_its_parents_are_refused():
    from policylab.paths import project_root

    for folder in (project_root(), project_root().parent):
        with pytest.raises(WorkshopError, match="refusing to write the build"):
            claim_output(folder)


def test_a_foreign_non_empty_folder_is_refused_and_untouched(tmp_path):
    (tmp_path / "thesis.docx").write_text("keep")
    (tmp_path / ".staging").mkdir()
    (tmp_path / ".staging" / "keep.txt").write_text("keep")
    with pytest.raises(WorkshopError, match="not empty and was not made by policylab build"):
        claim_output(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".staging", "thesis.docx"]
    assert (tmp_path / ".staging" / "keep.txt").read_text() == "keep"


def test_an_empty_or_new_folder_is_claimed_with_the_marker(tmp_path):
    lock = claim_output(tmp_path / "new" / "workshop")
    assert (tmp_path / "new" / "workshop" / MARKER).is_file()
    lock.release()
    assert is_ours(tmp_path / "new" / "workshop")


def test_an_older_tree_counts_as_ours_through_its_report(tmp_path):
    (tmp_path / "report.json").write_text(json.dumps({"workshop": {}, "provenance": {},
                                                      "jobs": []}))
    (tmp_path / "index.html").write_text("old")
    claim_output(tmp_path).release()
    (tmp_path / "report.json").write_text('{"something": "else"}')
    (tmp_path / MARKER).unlink()
    with pytest.raises(WorkshopError, match="not empty"):
        claim_output(tmp_path)


def test_a_second_build_on_the_same_folder_is_refused_while_the_first_holds_it(tmp_path):
    first = claim_output(tmp_path)
    try:
        with pytest.raises(WorkshopError, match="another build is writing"):
            claim_output(tmp_path)
    finally:
        first.release()
    claim_output(tmp_path).release()  # free again


def test_the_lock_goes_with_a_killed_process(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from policylab.batch.output import claim_output; "
         f"lock = claim_output(Path({str(tmp_path)!r})); print('held', flush=True); "
         "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WorkshopError, match="another build"):
            claim_output(tmp_path)
        holder.kill()
        holder.wait(timeout=10)
        claim_output(tmp_path).release()
    finally:
        if holder.poll() is None:
            holder.kill()


def _report():
    return {"jobs": [{"country": "KEN", "notebook": "00_x"},
                     {"country": "ETH", "notebook": "00_x", "failed_notebook":
                      "failed/ETH/00_x.ipynb"}]}


def _tree(root):
    for rel in ("index.html", "report.json", "assets/plotly.min.js", "KEN/00_x.ipynb",
                "KEN/00_x.html", "KEN/00_x.facilitator.html", "failed/ETH/00_x.ipynb",
                "notes.txt", "sub/data.csv", "KEN/private.txt", ".staging/keep.txt",
                "logs/KEN__00_x.log"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rel)


def test_the_zip_holds_only_what_the_build_wrote(tmp_path):
    out = tmp_path / "ws"
    _tree(out)
    write_zip(out, tmp_path / "ws.zip", _report())
    with zipfile.ZipFile(tmp_path / "ws.zip") as archive:
        names = set(archive.namelist())
        assert archive.comment == ZIP_COMMENT
    assert names == {f"ws/{p.relative_to(out).as_posix()}" for p in build_files(out, _report())}
    assert "ws/KEN/00_x.html" in names and "ws/failed/ETH/00_x.ipynb" in names
    assert not {"ws/notes.txt", "ws/sub/data.csv", "ws/KEN/private.txt",
                "ws/.staging/keep.txt"} & names


def test_a_zip_the_build_did_not_write_is_not_replaced(tmp_path, capsys):
    out = tmp_path / "ws"
    _tree(out)
    (tmp_path / "ws.zip").write_bytes(b"the user's own archive")
    assert write_zip(out, tmp_path / "ws.zip", _report()) is None
    assert (tmp_path / "ws.zip").read_bytes() == b"the user's own archive"
    assert "not replacing" in capsys.readouterr().out
    os.remove(tmp_path / "ws.zip")
    write_zip(out, tmp_path / "ws.zip", _report())
    write_zip(out, tmp_path / "ws.zip", _report())  # our own zip is replaced


@pytest.mark.slow
def test_a_full_disk_while_zipping_is_one_line_after_the_summary(tmp_path, tiny_pack, capsys,
                                                                  monkeypatch):
    from pathlib import Path

    from policylab import paths
    from policylab.batch import run

    fixtures = Path(__file__).parent / "fixtures" / "notebooks"
    workshop = tmp_path / "toy.yml"
    workshop.write_text(f"title: Toy\noutput: {tmp_path / 'out'}\ncountries: [KEN]\n"
                        "notebooks: [00_toy_profile]\n", encoding="utf-8")
    monkeypatch.setattr(paths, "notebooks_dir", lambda: fixtures)
    monkeypatch.setenv("POLICYLAB_PACK", str(tiny_pack))

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(run, "write_zip", full_disk)
    monkeypatch.setattr(run, "zip_paths", lambda out: {False: out.parent / "toy.zip"})
    assert run.build_command(workshop, jobs=1, timeout=120) == 1
    captured = capsys.readouterr()
    assert "1 built" in captured.out
    assert "could not write toy.zip" not in captured.out
    errors = [line for line in captured.err.splitlines() if line.startswith("policylab:")]
    assert len(errors) == 1 and "No space left on device" in errors[0]
    assert "Traceback" not in captured.err
    assert (tmp_path / "out" / "index.html").exists()
