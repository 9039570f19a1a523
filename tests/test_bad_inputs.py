"""The bad-input matrix: each cause gets exit code 2 (bad input; 1 when notebooks or a zip
fail during a build) with one line naming the problem, no traceback, and nothing written
outside the output folder and its zips (the user's files untouched). Workshop files, CLI
arguments, data faults, output folders and faults during builds."""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from policylab.cli import main

GOOD = "title: T\ncountries: [KEN]\nnotebooks: [00_industrial_profile]\n"

#: (id, workshop file bytes, expected message) -- each a different cause.
WORKSHOP_CASES = [
    ("empty-file", b"", "not an empty file|empty file"),
    ("a-list", b"- KEN\n- ETH\n", "not list"),
    ("broken-yaml", b"title: T\ncountries: [KEN\n", "YAML syntax error"),
    ("tab-indent", b"title: T\ncountries:\n\t- KEN\n", "YAML syntax error"),
    ("no-title", b"countries: [KEN]\n", "'title' is required"),
    ("title-a-number", b"title: 12\ncountries: [KEN]\n", "'title' is required and must be text"),
    ("unknown-key", b"title: T\ncountrys: [KEN]\n", "unknown key 'countrys'"),
    ("no-countries", b"title: T\n", "'countries' is required"),
    ("empty-countries", b"title: T\ncountries: []\n", "non-empty list"),
    ("countries-mapping", b"title: T\ncountries: {KEN: 1}\n", "non-empty list"),
    ("unknown-country", b"title: T\ncountries: [Atlantis]\n", "unknown country 'Atlantis'"),
    # the matrix's pack holds COG ("Congo", its UN name) and COD: "Congo" names neither
    ("ambiguous-country", b"title: T\ncountries: [Congo]\n",
     r"ambiguous country 'Congo': it matches COD .*, COG \(Congo\)"),
    ("country-listed-twice", b"title: T\ncountries: [KEN, Kenya]\n", "listed twice"),
    ("yaml-no-is-false", b"title: T\ncountries: [NO]\n", "is not text; quote it"),
    # a group's code is not among the countries: it is reported as an unknown country
    ("group-code-as-country", b"title: T\ncountries: [WLD]\n", "unknown country 'WLD'"),
    ("many-plain-values", b"title: T\ncountries: [KEN]\n"
     + b"".join(f"k{n}: 1\n".encode() for n in range(60_000)), "holds more than 100,000"),
    ("unknown-notebook", b"title: T\ncountries: [KEN]\nnotebooks: [99_nothing]\n",
     "unknown notebook '99_nothing'"),
    ("path-like-notebook", b"title: T\ncountries: [KEN]\nnotebooks: [../../etc/passwd]\n",
     "unknown notebook"),
    ("empty-notebooks", b"title: T\ncountries: [KEN]\nnotebooks: []\n", "non-empty list"),
    ("unknown-parameter", GOOD.encode() + b"parameters: {strat_year: 2001}\n",
     "parameter 'strat_year' is not declared"),
    ("wrong-type-parameter", GOOD.encode() + b"parameters: {start_year: '2000'}\n",
     "must be int"),
    ("reserved-parameter", GOOD.encode() + b"parameters: {country: KEN}\n",
     "set by the batch"),
    ("parameters-not-mapping", GOOD.encode() + b"parameters: [start_year]\n",
     "must be a mapping"),
    ("unknown-peer", GOOD.encode() + b"parameters: {peers: [Atlantis]}\n",
     "unknown country 'Atlantis'"),
    ("override-outsider", GOOD.encode() + b"overrides:\n  BRA: {start_year: 2005}\n",
     "not among the workshop's countries"),
    ("override-unknown", GOOD.encode() + b"overrides:\n  Atlantis: {start_year: 2005}\n",
     "unknown country"),
    ("duplicate-override", b"title: T\ncountries: [KEN]\noverrides:\n  KEN: {start_year: 2005}\n"
     b"  Kenya: {start_year: 2006}\n", "two overrides for KEN"),
    ("alias-bomb", b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
     + b"".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n".encode()
                for p, n in zip("abcde", "bcdef", strict=True))
     + b"title: T\ncountries: *f\n", "expands to more"),
    ("not-utf8", b"title: Atelier r\xe9gional\ncountries: [KEN]\n", "not UTF-8"),
    ("utf16", GOOD.encode("utf-16"), "UTF-16"),
    ("huge-file", b"title: T\n" + b"#" * 1_100_000 + b"\n", "is not a workshop file"),
    ("duplicate-key", b"title: T\ntitle: U\ncountries: [KEN]\n", "given twice"),
    ("python-tag", b"title: !!python/object/apply:os.system [id]\ncountries: [KEN]\n",
     "YAML syntax error"),
    ("impossible-date", b"title: T\ndate: 2027-02-30\ncountries: [KEN]\n",
     "cannot be read"),
    ("start-year-too-early", GOOD.encode() + b"parameters: {start_year: 1200}\n",
     "start_year 1200 must lie"),
    ("end-before-start", GOOD.encode() + b"parameters: {start_year: 2015, end_year: 2010}\n",
     "comes before"),
    ("negative-end-year", GOOD.encode() + b"parameters: {end_year: -1}\n", "end_year -1"),
    ("deep-nesting", b"title: T\ncountries: " + b"[" * 3000 + b"]" * 3000 + b"\n",
     "nested too deeply"),
    ("output-not-text", GOOD.encode() + b"output: [a, b]\n", "'output' must be a folder path"),
    ("output-system-folder", GOOD.encode() + b"output: /etc\n", "refusing to write"),
    ("output-root", GOOD.encode() + b"output: /\n", "refusing to write"),
    ("output-home", GOOD.encode() + b"output: '~'\n", "refusing to write"),
    ("output-project", GOOD.encode() + b"output: .\n", "refusing to write"),
    ("output-climbs-out", GOOD.encode() + b"output: output/../../..\n", "refusing to write"),
]


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def namesake_pack(tiny_raw, tmp_path_factory) -> Path:
    """The tiny pack with two economies that share a word: COD and COG (the Congos)."""
    from policylab.pack.build import build_pack

    raw = shutil.copytree(tiny_raw, tmp_path_factory.mktemp("namesakes") / "raw")
    economies = raw / "classifications" / "wb_economies.csv"
    economies.write_text(economies.read_text(encoding="utf-8")
                         + '"COD","CD","Congo, Dem. Rep.","Sub-Saharan Africa","Low income","IDA"\n'
                         + '"COG","CG","Congo, Rep.","Sub-Saharan Africa","Lower middle income",'
                         + '"IDA"\n', encoding="utf-8")
    pack = raw.parent / "pack"
    build_pack(raw, pack)
    return pack


@pytest.fixture
def env(namesake_pack, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYLAB_PACK", str(namesake_pack))
    (tmp_path / "keep.txt").write_text("the user's file")
    return tmp_path


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as stopped:  # argparse's own usage errors
        code = stopped.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line_error(err: str, pattern: str) -> None:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert "Traceback" not in err
    assert lines and lines[0].startswith("policylab: error:"), err
    assert re.search(pattern, err), err


@pytest.mark.parametrize("case", WORKSHOP_CASES, ids=[c[0] for c in WORKSHOP_CASES])
def test_bad_workshop_files(case, env, capsys):
    _, content, pattern = case
    workshop = env / "w.yml"
    workshop.write_bytes(content)
    before = _tree_digest(env)
    code, _, err = _run(["build", str(workshop), "--no-zip"], capsys)
    assert code == 2
    _one_line_error(err, pattern)
    assert _tree_digest(env) == before  # no output folder, no zip, nothing else


def _workshop(folder: Path, extra: str = "") -> Path:
    path = folder / "w.yml"
    path.write_text(GOOD + f"output: {folder / 'out'}\n" + extra, encoding="utf-8")
    return path


CLI_CASES = [
    ("no-command", lambda f: [], "required|usage"),
    ("unknown-command", lambda f: ["bulid"], "invalid choice"),
    ("build-without-file", lambda f: ["build"], "required"),
    ("missing-workshop-file", lambda f: ["build", str(f / "nope.yml")], "cannot read"),
    ("workshop-is-a-folder", lambda f: ["build", str(f)], "cannot read"),
    ("jobs-zero", lambda f: ["build", str(_workshop(f)), "--jobs", "0"], "--jobs"),
    ("jobs-text", lambda f: ["build", str(_workshop(f)), "--jobs", "two"], "--jobs"),
    ("timeout-zero", lambda f: ["build", str(_workshop(f)), "--timeout", "0"], "--timeout"),
    ("timeout-negative", lambda f: ["build", str(_workshop(f)), "--timeout", "-5"], "--timeout"),
    ("only-unknown-country", lambda f: ["build", str(_workshop(f)), "--only", "Atlantis"],
     "unknown country"),
    ("only-outsider", lambda f: ["build", str(_workshop(f)), "--only", "BRA"],
     "not among the workshop's countries"),
    ("list-unknown", lambda f: ["list", "dragons"], "invalid choice"),
    ("data-build-no-raw", lambda f: ["data", "build", "--raw", str(f / "none"), "--pack",
                                     str(f / "pack")], "raw data folder not found"),
    ("data-build-pack-is-file", lambda f: ["data", "build", "--raw", str(f), "--pack",
                                           str(f / "keep.txt")], "it is a file"),
    ("data-build-foreign-pack-folder", lambda f: ["data", "build", "--raw", str(f), "--pack",
                                                  str(f)], "not a data pack"),
    ("data-status-no-pack", lambda f: ["data", "status", "--pack", str(f / "none")],
     "no data pack"),
]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_bad_cli_arguments(case, env, capsys):
    _, argv, pattern = case
    arguments = argv(env)
    before = _tree_digest(env)
    code, _, err = _run(arguments, capsys)
    assert code == 2
    _one_line_error(err, pattern)
    assert len(err.strip().splitlines()) == 1, err  # argparse's usage block left to --help
    assert _tree_digest(env) == before


def _raw_copy(tiny_raw: Path, folder: Path) -> Path:
    return shutil.copytree(tiny_raw, folder / "raw")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


DATA_CASES = [
    ("missing-series-file", lambda r: (r / "wdi" / "SP.POP.TOTL.csv").unlink(),
     "raw file missing"),
    ("missing-economies", lambda r: (r / "classifications" / "wb_economies.csv").unlink(),
     "raw file missing"),
    ("renamed-column", lambda r: _edit(r / "wdi" / "SP.POP.TOTL.csv", "Country Code", "Code"),
     "missing column"),
    ("text-in-numbers", lambda r: _edit(r / "wdi" / "SP.POP.TOTL.csv", "1950000.0", "n/a"),
     "should be a number"),
    ("duplicate-row", lambda r: (r / "wdi" / "SP.POP.TOTL.csv").write_text(
        (r / "wdi" / "SP.POP.TOTL.csv").read_text() + "Kenya,KEN,2000,1\n"), "duplicate row"),
    ("truncated-file", lambda r: (r / "owid" / "owid-co2-data.csv").write_text(
        'iso_code,country,year,co2\n"NAM,Nam'), "malformed CSV|cannot read|missing column"),
    ("binary-garbage", lambda r: (r / "wdi" / "NY.GDP.MKTP.CD.csv").write_bytes(
        b"\x00\xff\xfe" * 100), "cannot read|malformed|missing column"),
    ("trade-wrong-year", lambda r: _edit(r / "trade" / "hs92_exports_2001.csv",
                                         "NAM,0102,2001", "NAM,0102,1999"),
     "in a file named for 2001"),
    ("trade-bad-product", lambda r: _edit(r / "trade" / "hs92_exports_2001.csv",
                                          "NAM,0102", "NAM,1O2"), "4-digit HS 1992 code"),
    ("trade-negative-value", lambda r: _edit(r / "trade" / "hs92_exports_2001.csv",
                                             "NAM,0102,2001,300000000.0",
                                             "NAM,0102,2001,-5"), "negative export value"),
    ("eci-text-rank", lambda r: _edit(r / "complexity" / "growth_lab_eci_rankings.csv",
                                      ",90,", ",ninety,"), "should be a number"),
    ("empty-series-file", lambda r: (r / "wdi" / "IT.NET.USER.ZS.csv").write_text(""),
     "cannot read the header"),
]


@pytest.mark.parametrize("case", DATA_CASES, ids=[c[0] for c in DATA_CASES])
def test_data_faults_stop_the_build_and_keep_the_pack(case, tiny_raw, tmp_path, capsys):
    _, fault, pattern = case
    raw = _raw_copy(tiny_raw, tmp_path)
    pack = tmp_path / "pack"
    assert main(["data", "build", "--raw", str(raw), "--pack", str(pack)]) == 0
    capsys.readouterr()
    before = _tree_digest(pack)
    fault(raw)
    code, _, err = _run(["data", "build", "--raw", str(raw), "--pack", str(pack)], capsys)
    assert code == 2
    _one_line_error(err, pattern)
    assert _tree_digest(pack) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pack")] == []


def test_a_corrupt_pack_stops_a_workshop_build_with_one_line(tiny_pack, tmp_path, capsys,
                                                             monkeypatch):
    pack = shutil.copytree(tiny_pack, tmp_path / "pack")
    (pack / "observations.parquet").write_bytes(b"garbage")
    monkeypatch.setenv("POLICYLAB_PACK", str(pack))
    code, _, err = _run(["build", str(_workshop(tmp_path))], capsys)
    assert code == 2
    _one_line_error(err, "corrupt or partial pack")
    assert not (tmp_path / "out").exists()


def test_a_foreign_output_folder_is_refused_untouched(env, capsys):
    out = env / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    workshop = _workshop(env)
    before = _tree_digest(env)
    code, _, err = _run(["build", str(workshop)], capsys)
    assert code == 2
    _one_line_error(err, "not empty and was not made by policylab build")
    assert _tree_digest(env) == before


def test_an_output_path_through_a_file_is_refused(env, capsys):
    workshop = env / "w2.yml"
    workshop.write_text(GOOD + f"output: {env / 'keep.txt' / 'out'}\n", encoding="utf-8")
    code, _, err = _run(["build", str(workshop)], capsys)
    assert code == 2
    _one_line_error(err, "cannot write the output folder|is a file")


def _erofs(*_args, **_kwargs):
    raise OSError(errno.EROFS, "Read-only file system")


def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


#: (id, fault injected, workshop extra, exit code, message) -- faults while a build writes or
#: runs: a read-only or full output folder, and notebooks that fail.
BUILD_FAULTS = [
    ("output-read-only", ("policylab.batch.output.atomic.write_text", _erofs), "", 2,
     r"cannot write the output folder .*: Read-only file system"),
    ("output-full-assets", ("policylab.batch.run.write_assets", _enospc), "", 2,
     r"could not write the page assets .*No space left on device"),
    ("output-full-zip", ("policylab.batch.run.write_zip", _enospc), "--no-facilitator-zip", 1,
     r"could not write out\.zip in {tmp}: No space left on device"),
    ("notebook-fails", None, "parameters: {fail: true}\n", 1,
     r"FAILED KEN/01_toy_switch: ValueError: deliberate failure for KEN "
     r"\(in code cell 2 `NOTEBOOK = "),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILD_FAULTS, ids=[c[0] for c in BUILD_FAULTS])
def test_faults_during_a_build(case, env, capsys, monkeypatch):
    """A fault gets its exit code (2: nothing could be built, 1: notebooks or a zip failed)
    and one line; nothing outside the output folder and its zips changes."""
    from policylab import paths

    _, fault, extra, expected, pattern = case
    monkeypatch.setattr(paths, "notebooks_dir",
                        lambda: Path(__file__).parent / "fixtures" / "notebooks")
    if fault:
        monkeypatch.setattr(*fault)
    if extra == "--no-facilitator-zip":  # one zip, so one line
        extra = ""
        monkeypatch.setattr("policylab.batch.run.zip_paths",
                            lambda out: {False: out.parent / f"{out.name}.zip"})
    workshop = env / "w.yml"
    workshop.write_text(f"title: T\ncountries: [KEN]\nnotebooks: [01_toy_switch]\n"
                        f"output: {env / 'out'}\n{extra}", encoding="utf-8")
    before = _outside_output(env)
    code, out, err = _run(["build", str(workshop), "--jobs", "1"], capsys)
    assert code == expected
    assert "Traceback" not in err + out
    said = [line for line in (err + out).splitlines()
            if line.startswith(("policylab:", "  FAILED"))]
    assert len(said) == 1, err + out
    assert re.search(pattern.format(tmp=re.escape(str(env))), said[0]), said[0]
    assert _outside_output(env) == before


def _outside_output(folder: Path) -> str:
    """The digest of everything but the output folder ``out`` and its zips."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in ("out", "out.zip", "out-facilitator.zip"):
            continue
        digest.update(str(relative).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_implausible_data_values_are_excluded_and_reported(tiny_raw, tmp_path, capsys):
    """A population of 1e308 and a year -3000 parse, but no publisher means them: the pack
    is built without them (exit 0) and the build says how many values it left out."""
    raw = _raw_copy(tiny_raw, tmp_path)
    series = raw / "wdi" / "SP.POP.TOTL.csv"
    _edit(series, "Kenya,KEN,2001,32000000.0", "Kenya,KEN,2001,1e308")
    series.write_text(series.read_text() + "Kenya,KEN,-3000,31000000.0\n")
    before = _tree_digest(raw)
    code, out, err = _run(["data", "build", "--raw", str(raw), "--pack",
                           str(tmp_path / "pack")], capsys)
    assert code == 0
    assert "Traceback" not in err + out
    named = [line for line in out.splitlines() if line.strip().startswith("population:")]
    assert len(named) == 1 and "; 2 implausible values" in named[0], out
    assert _tree_digest(raw) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "raw"]
