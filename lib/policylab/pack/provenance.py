"""Where each indicator comes from, as the sources sections and chart lines state it: the
publisher, the file the pack read, its licence and years, the publisher's code, read from
the map the pack build writes into the manifest (nothing above ``pack/`` knows the raw
files' layout)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from policylab.i18n.data import LICENCE, PUBLISHER, code_text, data_text
from policylab.i18n.language import is_source_language

if TYPE_CHECKING:
    from policylab.pack.dataset import Dataset

SOURCE_COLUMNS = ["indicator", "label", "publisher", "dataset", "licence", "first_year",
                  "last_year", "source_code", "via"]


def sources_table(ds: Dataset, indicators: Iterable[str]) -> pd.DataFrame:
    """Where each indicator comes from: one row per indicator and publisher file,
    ``indicator, label, publisher, dataset, licence, first_year, last_year,
    source_code, via`` (``via``: the derived indicator it is an input of, else "").

    Read from the map the pack build writes (``indicator_sources`` in the manifest);
    a derived indicator lists the sources of its inputs. A pack built before the map
    existed gives the catalogue's publisher and code without file or years."""
    known = ds.manifest.get("indicator_sources")
    rows: list[dict[str, Any]] = []
    english = is_source_language()
    for indicator in dict.fromkeys(indicators):
        ind = ds.indicator(indicator)
        entries = (known or {}).get(indicator)
        if entries is None:
            entries = [{"publisher": ind.source, "file": "", "licence": "",
                        "first_year": None, "last_year": None,
                        "source_code": ind.source_code, "via": ""}]
        for entry in entries:
            publisher = entry.get("publisher", ind.in_english("source"))
            licence = entry.get("licence", "")
            if not english:  # the words of the sources table in the reader's language
                publisher = data_text(PUBLISHER, publisher)
                licence = data_text(LICENCE, licence)
            rows.append({"indicator": indicator, "label": ind.label,
                         "publisher": publisher,
                         "dataset": entry.get("file", ""),
                         "licence": licence,
                         "first_year": entry.get("first_year"),
                         "last_year": entry.get("last_year"),
                         "source_code": code_text(indicator, entry.get(
                             "source_code", ind.source_code)),
                         "via": entry.get("via", "")})
    table = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    return table.astype({"first_year": "Int64", "last_year": "Int64"})
