"""The map from each indicator of the pack to the publisher files behind it, written into
the manifest at build (``indicator_sources``) and read by ``Dataset.sources``: the one
place above the raw readers that knows which file an indicator came from, so that no
lesson or sources table needs the raw layout."""

from __future__ import annotations

from typing import Any

import pandas as pd

from policylab.catalogue import Indicator
from policylab.metrics.cip import COMPONENT_SOURCES
from policylab.pack.derived import ANALYSIS, recipe_inputs
from policylab.raw import hs92, trade


def indicator_files(measured: pd.DataFrame, trade_table: pd.DataFrame) -> dict[str, list[str]]:
    """Raw file(s) each measured indicator was read from; the product-panel files for
    the indicators the analysis layer computes from trade (keyed ``"__trade__"``; the
    classification beside them is :func:`_classification_entry`)."""
    files = {str(k): sorted({str(f) for f in v})
             for k, v in measured.groupby("indicator", sort=False)["file"]}
    files["__trade__"] = sorted({trade.relpath(int(y)) for y in trade_table["year"].unique()})
    return files


def indicator_sources(obs: pd.DataFrame, catalogue: dict[str, Indicator],
                      files: dict[str, list[str]], sources: list[dict[str, Any]]
                      ) -> dict[str, list[dict[str, Any]]]:
    """Indicator id -> the publisher files behind it (publisher, licence, first and last
    year of the indicator in the pack, publisher code): the map ``Dataset.sources`` reads,
    so that nothing above ``pack/`` needs to know the raw file layout. A derived indicator
    lists its inputs' files, each marked ``via`` the input it feeds."""
    by_file = {s["file"]: s for s in sources}
    years = obs.groupby("indicator", observed=True)["year"].agg(["min", "max"])

    def span(ind_id: str) -> dict[str, int | None]:
        if ind_id not in years.index:
            return {"first_year": None, "last_year": None}
        return {"first_year": int(years.at[ind_id, "min"]),
                "last_year": int(years.at[ind_id, "max"])}

    def entries(ind_id: str, seen: tuple[str, ...]) -> list[dict[str, Any]]:
        ind = catalogue[ind_id]
        if not ind.derived:  # the catalogue credits the publisher as it asks (EDGAR via WDI)
            return [{**_file_entry(by_file, f, ind, span(ind_id)), "publisher": ind.source}
                    for f in files.get(ind_id, [])]
        if ind.recipe.get("method") == ANALYSIS and ind.recipe.get("function") == "complexity":
            panel = [_file_entry(by_file, f, ind, span(ind_id))
                     for f in files.get("__trade__", [])]
            return [*panel, _classification_entry(by_file)] if panel else []
        inputs = recipe_inputs(ind.recipe)
        if ind.recipe.get("method") == ANALYSIS and ind.recipe.get("function") == "cip":
            inputs = [i for parts in COMPONENT_SOURCES.values() for i in parts]
        inputs = [i for i in dict.fromkeys(inputs) if i in catalogue and i not in seen]
        found: dict[str, dict[str, Any]] = {}  # one entry per file, via the first input
        for i in inputs:
            for entry in entries(i, (*seen, ind_id)):
                found.setdefault(entry["file"], {**entry, "via": i})
        return list(found.values())

    return {ind_id: entries(ind_id, ()) for ind_id, ind in catalogue.items()
            if ind.available and ind_id in years.index}


def _file_entry(by_file: dict[str, dict[str, Any]], file: str, ind: Indicator,
                span: dict[str, int | None]) -> dict[str, Any]:
    source = by_file.get(file, {})
    return {"file": file, "publisher": source.get("publisher", ind.source),
            "licence": source.get("licence", ""), **span,
            "source_code": ind.source_code, "via": ""}


def _classification_entry(by_file: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The product classification behind the panel's indicators (product names, sections,
    the manufactures check of ``pack.completeness``), under its own code and without
    years, which a classification does not have: given the indicator's code and the
    panel's years, its row in a sources table repeated the panel's."""
    source = by_file.get(hs92.RELPATH, {})
    return {"file": hs92.RELPATH, "publisher": source.get("publisher", hs92.PUBLISHER),
            "licence": source.get("licence", hs92.LICENCE), "first_year": None,
            "last_year": None, "source_code": hs92.CODE, "via": ""}
