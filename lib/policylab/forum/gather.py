"""What the forum brief is built from: the workshop folder's results files (DESIGN §9),
read honestly (missing, failed and malformed files are listed, never fatal), or the same
headline figures and flags computed on the spot from the data pack."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from policylab.errors import DataError, PolicylabError
from policylab.i18n import _, ngettext
from policylab.pack.dataset import Dataset
from policylab.peers import choose_peers
from policylab.results import (
    ResultsError,
    build_results,
    diagnose_flags,
    headline_for,
    read_results,
)
from policylab.text import is_missing

#: The headline indicators of each per-country notebook when results are computed on the
#: spot: the indicator of every challenge rule (``FLAG_RULES``), grouped by the notebook
#: whose topic it belongs to, so that every flag raised has its evidence figure.
HEADLINE_IDS: dict[str, tuple[str, ...]] = {
    "00_industrial_profile": ("mva_share_gdp", "mva_per_capita", "mht_share_mva",
                              "manuf_share_merch_exports"),
    "01_greening": ("co2_per_gdp", "energy_intensity", "renewable_share_electricity"),
    "02_digitalization": ("internet_users_share", "fixed_broadband_per100", "rd_share_gdp"),
    "03_value_chains": ("eci", "mht_share_manuf_exports"),
}
RESULTS_SUFFIX = ".results.json"
STATUS_COLUMNS = ["country", "notebook", "status", "detail"]
COVERAGE_COLUMNS = ["country", "notebooks", "figures", "flags", "peers", "latest_year"]


def results_inventory(results_dir: str | os.PathLike, countries: Iterable[str],
                      notebooks: Sequence[str] | None = None) -> pd.DataFrame:
    """Every expected results file of a workshop folder and what became of it.

    Expected: one file ``<ISO3>/<notebook>.results.json`` per country and notebook, where
    the notebooks are ``notebooks`` or else those any country has a results file (or a
    failed output under ``failed/``) for, or else the four topic notebooks. ``status`` is
    ``ok``, ``missing``, ``failed`` (the batch kept a failed output) or ``unreadable`` (the
    file exists but is not a valid results file; ``detail`` says why).
    """
    root = Path(results_dir)
    codes = list(dict.fromkeys(countries))
    if notebooks is None:
        found = {p.name.removesuffix(RESULTS_SUFFIX) for c in codes
                 for p in (root / c).glob(f"*{RESULTS_SUFFIX}")}
        found |= {p.stem for c in codes for p in (root / "failed" / c).glob("*.ipynb")}
        notebooks = sorted(found) or list(HEADLINE_IDS)
    rows = []
    for iso3 in codes:
        for notebook in notebooks:
            path = root / iso3 / f"{notebook}{RESULTS_SUFFIX}"
            status, detail = "ok", ""
            if not path.exists():
                failed = (root / "failed" / iso3 / f"{notebook}.ipynb").exists()
                status = "failed" if failed else "missing"
                detail = ("the notebook failed; its output is under failed/" if failed
                          else "no results file")
            else:
                try:
                    result = read_results(path)
                    if result["country"] != iso3:
                        status, detail = "unreadable", (f"file in {iso3}/ is about "
                                                        f"{result['country']}")
                except ResultsError as exc:
                    status, detail = "unreadable", str(exc)
            rows.append({"country": iso3, "notebook": notebook, "status": status,
                         "detail": detail})
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def collect_results(results_dir: str | os.PathLike, countries: Iterable[str]) -> list[dict]:
    """The readable results files of ``countries`` in a workshop folder, country by country.

    Missing, failed and malformed files are left out, never fatal; ``results_inventory``
    lists them with the reason, and the notebook shows that list.
    """
    root = Path(results_dir)
    if not root.is_dir():
        raise DataError(f"results folder not found: {root}")
    inventory = results_inventory(root, countries)
    ok = inventory[inventory["status"] == "ok"]
    return [read_results(root / row.country / f"{row.notebook}{RESULTS_SUFFIX}")
            for row in ok.itertuples(index=False)]


def results_on_the_spot(ds: Dataset, countries: Iterable[str],
                        year: int | None = None) -> list[dict]:
    """Results documents like the per-country notebooks write, computed from the pack.

    Per country: structural peers (``policylab.peers.choose_peers``), then per topic
    notebook the headline figures of ``HEADLINE_IDS`` (``headline_for``) and the challenge
    flags on those indicators (``diagnose_flags``), up to ``year`` (None = latest). A
    country for which no peers can be chosen keeps its own figures with no peer median,
    so no peer-gap flag is raised for it. ``messages`` is empty: no notebook ran.
    """
    documents = []
    for iso3 in dict.fromkeys(ds.resolve(c) for c in countries):
        try:
            peers = list(choose_peers(ds, iso3).peers)
        except PolicylabError:
            peers = []
        for notebook, indicators in HEADLINE_IDS.items():
            present = [i for i in indicators if i in ds.catalogue]
            figures = {i: headline_for(ds, i, iso3, peers, year=year) for i in present}
            flags = diagnose_flags(ds, iso3, indicators=present, year=year)
            documents.append(build_results(iso3, notebook, ds.vintage, peers, figures,
                                           flags, []))
    return documents


@dataclass(frozen=True)
class Gathered:
    """The results the brief is built from, where they came from (``origin``, a sentence)
    and the expected results files that could not be used (``problems``)."""

    results: list[dict]
    origin: str
    problems: pd.DataFrame


def gather(ds: Dataset, countries: Iterable[str], results_dir: str = "") -> Gathered:
    """The forum notebook's input: the workshop folder's results files when
    ``results_dir`` is given (``collect_results``), else results computed on the spot
    (``results_on_the_spot``). Raises ``DataError`` when a folder holds no usable file."""
    codes = list(dict.fromkeys(ds.resolve(c) for c in countries))
    if not codes:
        raise DataError("no countries given: set `countries` to a list of ISO3 codes or names")
    if not results_dir:
        return Gathered(results_on_the_spot(ds, codes),
                        _("No workshop folder was given, so the headline figures and challenge "
                          "flags were computed on the spot from the data pack, with structural "
                          "peers chosen automatically for each country."),
                        pd.DataFrame(columns=STATUS_COLUMNS))
    results = collect_results(results_dir, codes)
    inventory = results_inventory(results_dir, codes)
    problems = inventory[inventory["status"] != "ok"].reset_index(drop=True)
    if not results:
        raise DataError(f"no usable results file in {results_dir} for "
                        f"{', '.join(codes)}: run the country notebooks first, or leave "
                        "results_dir empty to compute the figures on the spot")
    # English keeps one wording for every count (as it always read); the plural entry
    # lets French and Spanish write the singular.
    origin = ngettext("Built from {n} results files written by this workshop's country "
                      "notebooks.", "Built from {n} results files written by this workshop's "
                      "country notebooks.", len(results)).format(n=len(results))
    if not problems.empty:
        origin += " " + ngettext(
            "{n} expected files could not be used; they are listed below and their countries' "
            "figures are missing from the brief.",
            "{n} expected files could not be used; they are listed below and their countries' "
            "figures are missing from the brief.", len(problems)).format(n=len(problems))
    return Gathered(results, origin, problems)


def workshop_countries(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """The countries that have at least one results document, in order of appearance."""
    return list(dict.fromkeys(str(r["country"]) for r in results))


def coverage(results: Sequence[Mapping[str, Any]], countries: Iterable[str]) -> pd.DataFrame:
    """What the brief holds of each country (in the order given, once each): ``notebooks``
    with results, headline ``figures`` with a value, distinct ``flags`` raised, ``peers``
    (a list, in order of appearance) and the ``latest_year`` of its figures (None without
    a dated figure)."""
    rows = []
    for iso3 in dict.fromkeys(countries):
        own = [r for r in results if r["country"] == iso3]
        figures = [f for r in own for f in r["headline"].values()
                   if not is_missing(f.get("value"))]
        years = [int(f["year"]) for f in figures if f.get("year") is not None]
        rows.append({"country": iso3, "notebooks": len(own), "figures": len(figures),
                     "flags": len({f for r in own for f in r["flags"]}),
                     "peers": list(dict.fromkeys(p for r in own for p in r.get("peers", []))),
                     "latest_year": max(years) if years else None})
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
