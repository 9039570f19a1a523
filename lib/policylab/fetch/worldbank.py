"""World Bank files through ``wbgapi``: one CSV per WDI series and the economies list.

``client`` is the ``wbgapi`` module itself in real use; tests pass an object with the same
``data.fetch`` / ``economy.list`` / ``economy.iso2`` functions.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from policylab.errors import FetchError
from policylab.fetch.tables import parse_csv, to_csv

WDI_COLUMNS = ("Country Name", "Country Code", "Year", "Value")
ECONOMIES_COLUMNS = (
    "Country Code", "ISO2 Code", "Country Name", "Region", "Income Group", "Lending Type",
)
AGGREGATES = "Aggregates"
WDI_CODE = re.compile(r"^[A-Z]{2}(\.[A-Z0-9]+)+$")
_WORD = re.compile(r"[A-Za-z0-9_.]+")


def is_wdi_code(text: str) -> bool:
    return bool(WDI_CODE.match(text))


@contextlib.contextmanager
def request_timeout(client: Any, timeout: float) -> Iterator[None]:
    """Give every ``requests.get`` that wbgapi makes a timeout (``wbgapi.get_options``),
    restoring the caller's options afterwards."""
    previous = getattr(client, "get_options", None)
    if previous is None:
        yield
        return
    client.get_options = {**previous, "timeout": timeout}
    try:
        yield
    finally:
        client.get_options = previous


def wdi_series_csv(client: Any, code: str) -> bytes:
    """``wdi/<code>.csv``: every economy and year with a value (blanks are absent rows)."""
    what = f"WDI {code}"
    rows = []
    for record in client.data.fetch(
        code, economy="all", time="all", labels=True, skipBlanks=True, numericTimeKeys=True
    ):
        economy, time, value = record["economy"], record["time"], record["value"]
        if value is None:  # a blank: the layout leaves the row out
            continue
        if not str(time["value"]).isdigit():
            raise FetchError(f"{what}: unexpected period {time['value']!r} (yearly data expected)")
        if not isinstance(value, int | float):
            raise FetchError(f"{what}: non-numeric value {value!r} for {economy['id']}")
        rows.append((economy["value"], economy["id"], int(time["value"]), value))
    if not rows:
        raise FetchError(f"{what}: the World Bank returned no values for this series")
    rows.sort(key=lambda row: (row[1], row[2]))
    data = to_csv(WDI_COLUMNS, rows)
    parse_csv(data, what=what, required=WDI_COLUMNS)
    return data


def economies_csv(client: Any) -> bytes:
    """``classifications/wb_economies.csv``: code, ISO2, name, region, income and lending
    group names; aggregates (regions, income groups, World) carry ``Aggregates``."""
    rows = []
    for economy in client.economy.list(labels=True):
        code = economy["id"]
        groups = [
            AGGREGATES if economy["aggregate"] else (economy[key] or {}).get("value") or ""
            for key in ("region", "incomeLevel", "lendingType")
        ]
        rows.append((code, client.economy.iso2(code) or "", economy["value"], *groups))
    rows.sort()
    data = to_csv(ECONOMIES_COLUMNS, rows)
    _, parsed = parse_csv(data, what="World Bank economies", required=ECONOMIES_COLUMNS)
    unclassified = [row[0] for row in parsed if not row[3]]
    if unclassified:
        raise FetchError(
            f"World Bank economies: no region for {', '.join(unclassified[:5])} "
            "(incomplete metadata from the API)"
        )
    return data


def catalogue_wdi_series(catalogue: dict[str, Any] | None = None) -> list[str]:
    """WDI codes the pack needs: every available indicator read from the ``wdi`` dataset,
    plus the WDI codes that derived indicators' recipes use (named directly, or through the
    id of a WDI indicator)."""
    if catalogue is None:
        from policylab.catalogue import load_catalogue

        catalogue = load_catalogue()
    wdi_ids = {
        ind.id: ind.source_code
        for ind in catalogue.values()
        if ind.dataset == "wdi" and ind.available
    }
    codes = set(wdi_ids.values())
    for ind in catalogue.values():
        if ind.recipe is None or not ind.available:
            continue
        for word in _words(ind.recipe):
            if word in wdi_ids:
                codes.add(wdi_ids[word])
            elif is_wdi_code(word):
                codes.add(word)
    return sorted(codes)


def _words(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield from _WORD.findall(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _words(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _words(item)
