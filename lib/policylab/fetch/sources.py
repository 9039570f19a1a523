"""What ``policylab data fetch`` can download, from whom, under which licence.

The list also names the raw files that have no online equivalent yet, so that
``policylab data status`` can tell a user which parts of the raw layout only an offline
copy provides.
"""

from __future__ import annotations

from dataclasses import dataclass

WORLD_BANK_API_URL = "https://api.worldbank.org/v2"
OWID_CO2_DATA_URL = "https://raw.githubusercontent.com/owid/co2-data/master/owid-co2-data.csv"
OWID_CO2_CODEBOOK_URL = (
    "https://raw.githubusercontent.com/owid/co2-data/master/owid-co2-codebook.csv"
)
# The Growth Lab's cleaned SITC rev. 2 names as used by the Atlas of Economic Complexity.
SITC_REV2_URL = (
    "https://raw.githubusercontent.com/cid-harvard/classifications/master/"
    "product/SITC/IntlAtlas/out/sitc_rev2.csv"
)


@dataclass(frozen=True)
class Source:
    """One publisher dataset in the raw layout; ``paths`` are relative to the raw folder."""

    name: str
    paths: tuple[str, ...]
    publisher: str
    licence: str
    online: bool
    note: str = ""


SOURCES: list[Source] = [
    Source(
        name="wdi",
        paths=("wdi/<SERIES>.csv",),
        publisher="World Bank, World Development Indicators",
        licence="CC-BY-4.0",
        online=True,
        note="one file per series: every WDI code in data/indicators.yml and its recipes",
    ),
    Source(
        name="wb_economies",
        paths=("classifications/wb_economies.csv",),
        publisher="World Bank, country and lending groups",
        licence="CC-BY-4.0",
        online=True,
        note="current classification (the offline copy holds the 2022 one)",
    ),
    Source(
        name="owid_co2",
        paths=("owid/owid-co2-data.csv", "owid/owid-co2-codebook.csv"),
        publisher="Our World in Data, CO2 and greenhouse gas emissions dataset",
        licence="CC-BY-4.0",
        online=True,
        note="current file; same column names as the offline 2020 vintage, more columns",
    ),
    Source(
        name="sitc_names",
        paths=("classifications/sitc_rev2.csv",),
        publisher="Growth Lab at Harvard, product classifications (SITC rev. 2)",
        licence="BSD-3-Clause",
        online=True,
        note="github.com/cid-harvard/classifications, product/SITC/IntlAtlas/out/sitc_rev2.csv",
    ),
    Source(
        name="trade",
        paths=("trade/sitc4_exports.csv",),
        publisher="Open Trade Statistics (from UN Comtrade)",
        licence="CC-BY-NC-4.0",
        online=False,
        note="offline-only: one 1998-2000 cross-section; no multi-year online panel is "
        "fetched yet, so keep an offline copy of this file",
    ),
    Source(
        name="climate_watch",
        paths=("owid/ghg-emissions-by-sector.csv",),
        publisher="Climate Watch (CAIT), via Our World in Data",
        licence="CC-BY-4.0",
        online=False,
        note="offline-only: OWID archived this dataset (1990-2018); keep an offline copy",
    ),
]


def source_named(name: str) -> Source | None:
    return next((source for source in SOURCES if source.name == name), None)


def online_sources() -> list[Source]:
    return [source for source in SOURCES if source.online]


def offline_only_sources() -> list[Source]:
    """Raw files that ``policylab data fetch`` cannot download: an offline copy must hold them."""
    return [source for source in SOURCES if not source.online]
