"""``policylab build WORKSHOP.yml``: the main job, from a workshop file to a folder of material.

Steps: check the workshop file completely (nothing runs if anything is wrong), plan
countries x notebooks, skip jobs whose inputs are unchanged, run the rest in worker
processes (each keeping one kernel alive, see ``engine``) under one progress bar, then the
forum synthesis over the countries' results, then ``report.json``, ``index.html`` and the
zip. A failing notebook fails only its job; the exit code says whether anything failed.

The jobs run on an engine: worker processes on this machine (``local_engine``, the
default) or a Dask cluster (``--scheduler``, ``dask_engine``). Either returns what each job
produced, and this process writes it into the output folder (``publish``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from policylab import __version__
from policylab.batch.brief import listed, write_briefs
from policylab.batch.handout import write_zip, zip_paths
from policylab.batch.index import CountryMeta, write_index
from policylab.batch.local_engine import LocalEngine
from policylab.batch.notebooks import discover_notebooks
from policylab.batch.outcome import JobResult, skipped
from policylab.batch.output import claim_output
from policylab.batch.pages import Provenance, write_assets
from policylab.batch.plan import Job, PackInfo, country_jobs, default_pack_info, forum_job
from policylab.batch.plotlyjs import write_plotly_js, write_plotly_locale
from policylab.batch.publish import publish
from policylab.batch.report import REPORT_NAME, build_report, merge_previous, write_report
from policylab.batch.scheduler import Scheduler, parse_scheduler
from policylab.batch.workshop import Workshop, load_workshop
from policylab.browser import chromium_path
from policylab.changes import what_changed
from policylab.countries import resolve_country
from policylab.errors import CountryError, WorkshopError
from policylab.i18n.dates import written_moment
from policylab.i18n.groups import group_name
from policylab.i18n.language import check_language, using_language
from policylab.i18n.names import country_name


@dataclass(frozen=True)
class BuildOutcome:
    output: Path
    report: dict
    problems: tuple[str, ...] = ()  # what could not be written after the notebooks ran
    language: str = "en"

    @property
    def failed(self) -> int:
        return self.report["summary"]["failed"]


def build_command(workshop: str | Path, jobs: int = 0, force: bool = False,
                  only: list[str] | None = None, timeout: int = 600,
                  make_zip: bool = True, pdf: bool = False, scheduler: str | None = None,
                  languages: list[str] | None = None) -> int:
    """CLI entry: 0 when every job is built or up to date, 1 when any failed."""
    outcomes = build_languages(workshop, jobs=jobs, force=force, only=only, timeout=timeout,
                               make_zip=make_zip, pdf=pdf, scheduler=scheduler,
                               languages=languages)
    for outcome in outcomes:
        summary = outcome.report["summary"]
        where = f" ({outcome.language})" if len(outcomes) > 1 else ""
        print(f"{summary['ok']} built, {summary['skipped']} up to date, {summary['failed']} "
              f"failed in {summary['duration_s']:.1f} s{where}")
        for job in outcome.report["jobs"]:
            if job["status"] == "failed":
                print(f"  FAILED {job['key']}: {job['error']} "
                      f"(log: {outcome.output / job['log']})")
        print(f"participants: {outcome.output / 'index.html'}")
        print(f"facilitators: {outcome.output / 'facilitator.html'}")
        for problem in outcome.problems:
            print(f"policylab: error: {problem}", file=sys.stderr)
    return 1 if any(o.failed or o.problems for o in outcomes) else 0


def build(workshop_path: str | Path, **options) -> BuildOutcome:
    """Build a workshop's folder in its one language (see :func:`build_languages`)."""
    outcomes = build_languages(workshop_path, **options)
    if len(outcomes) > 1:
        raise WorkshopError("this workshop is built in several languages: use build_languages")
    return outcomes[0]


def build_languages(workshop_path: str | Path, *, jobs: int = 0, force: bool = False,
                    only: list[str] | None = None, timeout: int = 600, make_zip: bool = True,
                    notebooks_dir: Path | None = None, pack: PackInfo | None = None,
                    progress: bool = True, pdf: bool = False, scheduler: str | None = None,
                    languages: list[str] | None = None) -> list[BuildOutcome]:
    """Build a workshop's folder, one tree per language; ``notebooks_dir`` and ``pack``
    exist for tests.

    ``languages`` (``--language``) replaces the workshop file's ``language``. With one
    language the tree is the workshop's output folder; with several, ``<output>/<lang>/``
    each (DESIGN §9). The kernels are shared: the languages are built one after the other.

    ``scheduler``: run the jobs on a Dask cluster, ``local:N`` or a scheduler's address
    (``dask_engine``); checked, and an address reached, before anything is written."""
    started = time.monotonic()
    target = parse_scheduler(scheduler) if scheduler is not None else None
    if target is not None and jobs > 0:
        raise WorkshopError("--jobs is for the local engine; with --scheduler the cluster's "
                            "workers run the jobs (local:N starts N of them)")
    notebooks = discover_notebooks(notebooks_dir)
    if not notebooks:
        raise WorkshopError(f"no notebooks found in {notebooks_dir or 'notebooks/'}")
    pack = pack or default_pack_info()
    workshop = load_workshop(workshop_path, countries=pack.countries, notebooks=notebooks,
                             regions=pack.regions)
    if languages:
        chosen = tuple(dict.fromkeys(check_language(code) for code in languages))
        workshop = replace(workshop, languages=chosen, language=chosen[0])
    only_iso3 = _resolve_only(only, workshop, pack)
    trees = [workshop.in_language(language) for language in workshop.languages]
    engine = _engine(target, jobs, pack, trees[0].output)
    try:
        engine.connect()
        claim_output(workshop.output).release()  # a foreign folder stops every language
    except BaseException:
        engine.close(interrupted=True)
        raise
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    outcomes = []
    try:
        for tree in trees:
            lock = claim_output(tree.output)
            try:
                with using_language(tree.language):
                    outcome = _build_into(lock.folder, tree, notebooks, pack, only_iso3,
                                          started, engine, force, timeout, make_zip,
                                          progress, pdf)
                outcomes.append(replace(outcome, language=tree.language))
            finally:
                lock.release()
            started = time.monotonic()
        return outcomes
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        engine.close(interrupted=False)  # already closed unless the build stopped early


def _engine(target: Scheduler | None, jobs: int, pack: PackInfo, output: Path):
    """The local worker processes, or a Dask cluster (the optional ``dask`` extra)."""
    if target is None:
        environment = {"POLICYLAB_STATIC": "1", "POLICYLAB_PACK": str(pack.path)}
        kernel_log = Path(os.path.abspath(output.expanduser())) / "logs" / "kernels.log"
        return LocalEngine(jobs if jobs > 0 else (os.cpu_count() or 1), environment, kernel_log)
    try:
        from policylab.batch.dask_engine import DaskEngine
    except ImportError as exc:
        raise WorkshopError(f"--scheduler {target.describe()} needs Dask, which is not "
                            f"installed ({exc}); install it with: pip install "
                            "'policylab[dask]'") from exc
    return DaskEngine(target, pack)


def _writing(what: str, output: Path, write, *args):
    """Run one of the build's own writes; a full disk or a folder that became unwritable
    is reported as what could not be written, in one line, rather than a traceback
    (atomic writes leave the previous file in place)."""
    try:
        return write(*args)
    except OSError as exc:
        raise WorkshopError(f"could not write {what} in {output}: {exc.strerror or exc}; "
                            "free some space or fix the folder's permissions, then run the "
                            "build again (finished notebooks are kept and skipped)") from exc


def _interrupt(_signum, _frame) -> None:
    """SIGTERM stops a build the way Ctrl-C does: workers stopped, report and index kept
    true to what is on disk."""
    raise KeyboardInterrupt


def _build_into(output: Path, workshop: Workshop, notebooks: dict, pack: PackInfo,
                only_iso3: list[str] | None, started: float, engine, force: bool,
                timeout: int, make_zip: bool, progress: bool, pdf: bool = False
                ) -> BuildOutcome:
    """The build proper, with the output folder claimed and locked."""
    provenance = Provenance(
        workshop=workshop.title,
        version=__version__,
        vintage=pack.shown_vintage(),
        built=written_moment(dt.datetime.now(dt.UTC)),
    )
    _writing("the page assets (plotly.js, CSS)", output, write_assets, output)

    planned = country_jobs(workshop, notebooks, pack, only_iso3)
    results: dict[str, JobResult] = {}
    all_jobs = list(planned)
    try:
        with _Batch(len(planned) + workshop.forum, engine, timeout, provenance,
                    workshop.name, progress) as batch:
            batch.run(planned, force, results)
            if workshop.forum:
                with_results = [c for c in workshop.countries
                                if any((output / c / f"{nb}.results.json").exists()
                                       for nb in workshop.notebooks)]
                forum = forum_job(workshop, notebooks, pack, with_results)
                all_jobs.append(forum)
                batch.run([forum], force, results)
    finally:
        # Every page's figures are known now: ship the plotly.js that draws them all.
        plotly_js = _writing("the page assets (plotly.js)", output, write_plotly_js, output)
        locale_note = _writing("the page assets (plotly.js locale)", output,
                               write_plotly_locale, output, workshop.language)
        report = build_report(workshop, all_jobs, results, pack, provenance,
                              time.monotonic() - started)
        report["plotly_js"] = plotly_js.describe()
        # The folder's report and index cover every country built so far; the outcome (and
        # the exit code) covers this build.
        shown = merge_previous(report, output / REPORT_NAME) if only_iso3 else report
        _writing("report.json", output, write_report, output, shown)
        _writing("index.html", output, write_index, output, shown, _country_meta(pack),
                 _changes(pack))
        shutil.rmtree(output / ".staging", ignore_errors=True)
    for note in (plotly_js.note, locale_note):  # what the pages load instead, in one line
        if note:
            print(f"policylab: {note}")
    ran = report["summary"]["ok"] + report["summary"]["failed"]
    problems = []
    if pdf:  # the PDF briefs, from the pages and results files just written
        if chromium_path() is None:
            print("policylab: PDF briefs not built: Chromium is not installed (apt-get install "
                  "chromium); everything else is built")
        else:
            problems += write_briefs(output, shown, pack.countries, provenance,
                                     pack.rank_counts)
        shown = {**shown, "briefs": listed(output)}
        _writing("report.json", output, write_report, output, shown)
        _writing("index.html", output, write_index, output, shown, _country_meta(pack),
                 _changes(pack))  # the front pages link the briefs
    for facilitator, zip_path in zip_paths(output).items():
        if make_zip and (ran or not zip_path.exists()):
            try:
                _writing(zip_path.name, zip_path.parent, write_zip, output, zip_path, shown,
                         facilitator)
            except WorkshopError as exc:  # the folder is complete; only a zip is missing
                problems.append(str(exc))
    return BuildOutcome(output, report, tuple(problems))


def _country_meta(pack: PackInfo) -> dict[str, CountryMeta]:
    """Names, regions and income groups for the front page's cards and filters (read once,
    with the pack's facts, not from the pack again), in the tree's language."""
    return {iso3: CountryMeta(country_name(iso3, english=name),
                              group_name(pack.regions.get(iso3, "")),
                              group_name(pack.income_groups.get(iso3, "")))
            for iso3, name in pack.countries.items()}


def _changes(pack: PackInfo) -> list[str]:
    """The "what changed" note of the front page, from the pack's manifest."""
    manifest = pack.path / "manifest.json"
    if not manifest.exists():
        return []
    return what_changed(json.loads(manifest.read_text(encoding="utf-8")))


class _Batch:
    """The build's engine (local worker processes or Dask) and its one progress bar. Every
    job's outputs are published here, in the main process, as the engine returns them."""

    def __init__(self, total: int, engine, timeout: int, provenance: Provenance, name: str,
                 progress: bool) -> None:
        self.engine = engine
        self.timeout = timeout
        self.provenance = provenance
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self.bar = tqdm(total=total, desc=name, unit="nb", disable=not progress, dynamic_ncols=True)

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.engine.close(interrupted=exc_type is not None)
        self.bar.close()

    def run(self, jobs: list[Job], force: bool, results: dict[str, JobResult]) -> None:
        todo = []
        for job in jobs:
            if not force and job.is_up_to_date():
                self._record(skipped(job), results)
            else:
                todo.append(job)
        if not todo:
            return
        by_key = {job.key: job for job in todo}
        for outputs in self.engine.run(_by_folder(todo), self.timeout, self.provenance):
            for output in outputs:
                self._record(publish(by_key[output.result.key], output), results)

    def _record(self, result: JobResult, results: dict[str, JobResult]) -> None:
        results[result.key] = result
        self.counts[result.status] += 1
        self.bar.set_postfix_str(
            f"ok {self.counts['ok']}, failed {self.counts['failed']}, "
            f"skipped {self.counts['skipped']}", refresh=False)
        self.bar.update(1)


def _by_folder(jobs: list[Job]) -> list[list[Job]]:
    """One task per country: a worker runs all of a country's notebooks in a row, so what
    the lessons cache per process for a country (its peers, its tables) is computed once,
    not once in each worker. The progress bar then moves by a country at a time."""
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.folder, []).append(job)
    return list(groups.values())


def _resolve_only(only: list[str] | None, workshop: Workshop, pack: PackInfo) -> list[str] | None:
    if not only:
        return None
    chosen, problems = [], []
    for text in only:
        try:
            iso3 = resolve_country(text, pack.countries)
        except CountryError as exc:
            problems.append(str(exc))
            continue
        if iso3 not in workshop.countries:
            problems.append(f"--only {text}: {iso3} is not among the workshop's countries")
        chosen.append(iso3)
    if problems:
        raise WorkshopError("; ".join(problems))
    return chosen


