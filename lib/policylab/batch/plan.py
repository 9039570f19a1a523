"""Which jobs a build runs (countries x notebooks, then the forum), and their input hashes.

A job's input hash covers everything that can change its output: the notebook file, the
parameters, the data pack (its manifest's hash) and the library version. A re-run skips a
job whose stamp (written beside its outputs after success) carries the same hash, so an
interrupted build resumes where it stopped and an unchanged build does nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policylab import __version__, paths
from policylab.batch.notebooks import FORUM_NOTEBOOK, NotebookSpec
from policylab.i18n.language import SOURCE_LANGUAGE, is_source_language
from policylab.pack import layout

if TYPE_CHECKING:  # a worker unpickles Jobs from here: no country tables (pandas) for it
    from policylab.batch.workshop import Workshop

FORUM_FOLDER = "forum"


@dataclass(frozen=True)
class PackInfo:
    """What the batch needs to know about the data pack."""

    path: Path
    countries: dict[str, str]  # ISO3 -> name, non-aggregates
    vintage: str
    manifest_hash: str
    regions: dict[str, str] = field(default_factory=dict)  # ISO3 -> World Bank region
    income_groups: dict[str, str] = field(default_factory=dict)  # ISO3 -> income group
    #: (rank indicator, year) -> how many countries it ranks ("101st of 129" in the briefs)
    rank_counts: dict[tuple[str, int], int] = field(default_factory=dict)

    def shown_vintage(self) -> str:
        """The vintage as a page states it, in the current language. ``vintage`` stays the
        pack's English key; another language rewrites it from the pack's manifest."""
        if is_source_language() or not (self.path / layout.MANIFEST).exists():
            return self.vintage
        from policylab.catalogue import load_catalogue
        from policylab.i18n.vintage import vintage_text

        return vintage_text(layout.read_manifest(self.path), load_catalogue())


@dataclass(frozen=True)
class Job:
    folder: str  # ISO3 code, or "forum"
    notebook: str
    source: Path
    parameters: dict[str, Any]
    output: Path  # the workshop's output folder
    input_hash: str = ""
    depends_on_results: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.folder}/{self.notebook}"

    def out(self, suffix: str) -> Path:
        return self.output / self.folder / f"{self.notebook}{suffix}"

    @property
    def stamp(self) -> Path:
        return self.output / self.folder / f".{self.notebook}.inputs.json"

    @property
    def failed_copy(self) -> Path:
        return self.output / "failed" / self.folder / f"{self.notebook}.ipynb"

    @property
    def log(self) -> Path:
        return self.output / "logs" / f"{self.folder}__{self.notebook}.log"

    @property
    def staging(self) -> Path:
        """Where papermill and the notebook write while running; moved into place on success."""
        return self.output / ".staging" / self.folder

    def expected_outputs(self) -> list[Path]:
        names = [".ipynb", ".html", ".facilitator.html"]
        if "results_path" in self.parameters:
            names.append(".results.json")
        return [self.out(n) for n in names]

    def is_up_to_date(self) -> bool:
        """Whether the outputs exist and were built from these very inputs."""
        try:
            stamp = json.loads(self.stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return stamp.get("input_hash") == self.input_hash and all(
            p.exists() for p in self.expected_outputs()
        )


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


#: The project's own data files (``data/*.yml``, ``data/*.csv``) that lessons read.
_DATA_SUFFIXES = (".yml", ".yaml", ".csv")


@functools.cache
def library_fingerprint() -> str:
    """The library version plus a hash of its code and of the project's data files beside
    the pack (the catalogue, the policy cases, official names, articles, the glossary): a
    content author who edits a lesson module or one of those files without bumping the
    version still gets pages rebuilt from them."""
    digest = hashlib.sha256(__version__.encode())
    code = sorted(p for pattern in ("*.py", "*.j2", "*.css")
                  for p in paths.PACKAGE_DIR.rglob(pattern))
    folder = paths.catalogue_path().parent
    data = sorted(p for p in folder.glob("*") if p.suffix in _DATA_SUFFIXES and p.is_file())
    for path in [*code, *data]:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def input_hash(source: Path, user_parameters: Mapping[str, Any], pack: PackInfo,
               extra: Mapping[str, str] | None = None) -> str:
    """One hash over notebook bytes, parameters, pack manifest and the library (version
    and code)."""
    inputs = {
        "notebook": sha256_bytes(source.read_bytes()),
        "parameters": user_parameters,
        "pack": pack.manifest_hash,
        "library": library_fingerprint(),
        "extra": dict(extra or {}),
    }
    return sha256_bytes(json.dumps(inputs, sort_keys=True, default=str).encode())


def country_jobs(workshop: Workshop, notebooks: Mapping[str, NotebookSpec], pack: PackInfo,
                 only: list[str] | None = None) -> list[Job]:
    """One job per country and per-country notebook, in country order."""
    jobs = []
    countries = [c for c in workshop.countries if only is None or c in only]
    for iso3 in countries:
        for name in workshop.notebooks:
            spec = notebooks[name]
            user = {k: v for k, v in workshop.parameters_for(iso3).items() if k in spec.parameters}
            params: dict[str, Any] = {"country": iso3, **user}
            if "results_path" in spec.parameters:
                params["results_path"] = str(workshop.output / iso3 / f"{name}.results.json")
            hashed = _in_language(params, user, spec, workshop.language)
            job = Job(iso3, name, spec.path, params, workshop.output)
            jobs.append(_with_hash(job, hashed, pack))
    return jobs


def forum_job(workshop: Workshop, notebooks: Mapping[str, NotebookSpec], pack: PackInfo,
              countries: list[str]) -> Job:
    """The cross-country forum synthesis over the countries whose results exist.

    Its hash also covers those results files, so the forum reruns when any country changed.
    """
    spec = notebooks[FORUM_NOTEBOOK]
    user = {k: v for k, v in workshop.parameters.items() if k in spec.parameters}
    params: dict[str, Any] = dict(user)
    if "countries" in spec.parameters:
        params["countries"] = list(countries)
    if "results_dir" in spec.parameters:
        params["results_dir"] = str(workshop.output)
    if "title" in spec.parameters:
        params["title"] = workshop.title
    results = {}
    for iso3 in countries:
        for name in workshop.notebooks:
            path = workshop.output / iso3 / f"{name}.results.json"
            if path.exists():
                results[f"{iso3}/{name}"] = sha256_bytes(path.read_bytes())
    job = Job(FORUM_FOLDER, FORUM_NOTEBOOK, spec.path, params, workshop.output,
              depends_on_results=tuple(results))
    hashed = _in_language(params, {**user, "countries": list(countries),
                                   "title": workshop.title}, spec, workshop.language)
    return _with_hash(job, hashed, pack, results)


def _in_language(params: dict[str, Any], hashed: Mapping[str, Any], spec: NotebookSpec,
                 language: str) -> dict[str, Any]:
    """Give a notebook that declares ``language`` the tree's language; the hash then covers
    the language and its catalogues (a corrected translation rebuilds that language's
    pages). English adds nothing to the hash, so English stamps stay valid."""
    if "language" in spec.parameters:
        params["language"] = language
    if language == SOURCE_LANGUAGE:
        return dict(hashed)
    return {**hashed, "language": language, "catalogues": catalogues_fingerprint(language)}


@functools.cache
def catalogues_fingerprint(language: str) -> str:
    """A hash of one language's catalogues (the library's strings and the notebooks' text)."""
    digest = hashlib.sha256(language.encode())
    for path in sorted((paths.PACKAGE_DIR / "locale" / language).rglob("*.po")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _with_hash(job: Job, user: Mapping[str, Any], pack: PackInfo,
               extra: Mapping[str, str] | None = None) -> Job:
    return Job(job.folder, job.notebook, job.source, job.parameters, job.output,
               input_hash(job.source, user, pack, extra), job.depends_on_results)


def default_pack_info(pack: Path | None = None) -> PackInfo:
    """Pack facts from ``policylab.load()``: countries, vintage and the manifest's hash."""
    import policylab

    ds = policylab.load(pack)
    folder = paths.pack_dir(pack)
    table = ds.countries()
    names = {str(iso3): str(name) for iso3, name in table["name"].items()}
    manifest = folder / "manifest.json"
    digest = sha256_bytes(manifest.read_bytes()) if manifest.exists() else ""
    regions = {str(iso3): str(region) for iso3, region in table["region"].items()}
    incomes = {str(iso3): str(group) for iso3, group in table["income_group"].items()}
    ranks = [i for i, indicator in ds.catalogue.items()
             if indicator.in_english("unit").startswith("rank")]
    counts = {(i, int(year)): int(n) for i in ranks
              for year, n in ds.series(i).dropna(subset=["value"]).groupby("year").size().items()}
    return PackInfo(folder, names, str(ds.vintage), digest, regions, incomes, counts)
