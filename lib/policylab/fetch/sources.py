"""What ``policylab data fetch`` can download, from whom, under which licence.

The list also names the raw files that have no online equivalent yet, so that
``policylab data fetch`` and ``policylab data status`` can tell a user which parts of the
raw layout only an offline copy provides.
"""

from __future__ import annotations

from dataclasses import dataclass

from policylab.raw import growth_lab_eci, hs92, trade

WORLD_BANK_API_URL = "https://api.worldbank.org/v2"
OWID_CO2_DATA_URL = "https://raw.githubusercontent.com/owid/co2-data/master/owid-co2-data.csv"
OWID_CO2_CODEBOOK_URL = (
    "https://raw.githubusercontent.com/owid/co2-data/master/owid-co2-codebook.csv"
)
# The Growth Lab's HS 1992 classification as used by the Atlas of Economic Complexity.
HS92_ATLAS_URL = (
    "https://raw.githubusercontent.com/cid-harvard/classifications/master/"
    "product/HS/IntlAtlas/out/hs92_atlas.csv"
)
DATAVERSE_URL = "https://dataverse.harvard.edu"
# Growth Lab, "Growth Projections and Complexity Rankings" (published ECI and rank).
ECI_DOI = "doi:10.7910/DVN/XTAQMC"
ECI_FILE_NAMES = ("growth_proj_eci_rankings.csv",)
# Growth Lab, "International Trade Data (HS92)": country x product x year, 4-digit HS 1992.
# Current versions publish ``hs92_country_product_year_4.csv``; earlier ones named the same
# table ``country_hsproduct4digit_year``. The first name present in the latest version wins.
TRADE_DOI = "doi:10.7910/DVN/T4CHWJ"
TRADE_FILE_NAMES = ("hs92_country_product_year_4.csv", "country_hsproduct4digit_year.csv")
#: How many of the most recent years of the trade panel are written (one file per year).
TRADE_RECENT_YEARS = 5


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
        note="one file per series: every WDI code in data/indicators.yml and its recipes, "
        "and every series already in the raw folder",
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
        name="hs92_names",
        paths=(hs92.RELPATH,),
        publisher=hs92.PUBLISHER,
        licence=hs92.LICENCE,
        online=True,
        note="github.com/cid-harvard/classifications, product/HS/IntlAtlas/out/hs92_atlas.csv",
    ),
    Source(
        name="growth_lab_eci",
        paths=(growth_lab_eci.RELPATH,),
        publisher=f"{growth_lab_eci.PUBLISHER} ({ECI_DOI})",
        licence=growth_lab_eci.LICENCE,
        online=True,
        note=f"Harvard Dataverse {ECI_DOI}, {ECI_FILE_NAMES[0]}, kept as published",
    ),
    Source(
        name="trade",
        paths=(f"{trade.FOLDER}/hs92_exports_<year>.csv",),
        publisher=f"{trade.PUBLISHER} ({TRADE_DOI})",
        licence=trade.LICENCE,
        online=True,
        note=f"Harvard Dataverse {TRADE_DOI}, {TRADE_FILE_NAMES[0]}: the "
        f"{TRADE_RECENT_YEARS} most recent years, one file per year, goods only "
        "(services and unallocated codes left out)",
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
