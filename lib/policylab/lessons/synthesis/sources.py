"""The sources section: publishers and licences of the indicators the brief shows
(``Dataset.sources`` through ``common.show_sources``), and the results' data vintages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from policylab.display import note
from policylab.lessons.common import show_sources
from policylab.metrics.collaboration import panel_year
from policylab.pack.dataset import Dataset

#: Read with the sources table: licences in words and the disclaimer on names.
LICENCE_NOTE = (
    "Licences: World Bank WDI, Our World in Data and Climate Watch data are CC-BY 4.0; the "
    "Growth Lab at Harvard University's data (published Economic Complexity Index; "
    "International Trade Data (HS 1992), from UN Comtrade) are used under the Harvard "
    "Dataverse terms listed above, crediting the Growth Lab. Policy cases: the sources cited "
    "under each case. The names and boundaries used imply no opinion on the legal status of "
    "any country, territory or area.")


def source_indicators(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> list[str]:
    """The indicators the brief shows: every headline figure of the results known to the
    catalogue, and export diversity (the product panel's files) when the pack has a panel."""
    shown = [i for r in results for i in r["headline"] if i in ds.catalogue]
    if panel_year(ds) is not None and "diversity" in ds.catalogue:
        shown.append("diversity")
    return list(dict.fromkeys(shown))


def vintages(ds: Dataset, results: Sequence[Mapping[str, Any]]) -> str:
    """The pack's vintage, and the results' own vintages where they differ from it."""
    other = sorted({str(r.get("data_vintage")) for r in results} - {str(ds.vintage)})
    if not other:
        return ""
    return ("Some results files were computed from another data vintage: " + "; ".join(other)
            + ". Re-run the country notebooks to align them.")


def show_forum_sources(forum: Any) -> None:
    """The vintage note and sources table (``common.show_sources``) of the indicators shown,
    then the results' vintages where they differ, and the licences in words."""
    show_sources(forum, source_indicators(forum.ds, forum.results))
    note(" ".join(t for t in (vintages(forum.ds, forum.results), LICENCE_NOTE) if t))
