"""Shared fixtures: a tiny but complete raw layout written by the tests themselves, the
pack and Dataset built from it, and (when present) the real shared raw copy.

The tiny layout's values are listed in ``TINY`` so that tests can hand-compute what the
build should produce. Every WDI series the catalogue names gets a file, so a build runs.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd
import pytest

from policylab.catalogue import load_catalogue
from policylab.paths import project_root

COUNTRIES = [  # iso3, iso2, name, region, income group
    ("NAM", "NA", "Namibia", "Sub-Saharan Africa", "Upper middle income"),
    ("KEN", "KE", "Kenya", "Sub-Saharan Africa", "Lower middle income"),
    ("BRA", "BR", "Brazil", "Latin America & Caribbean", "Upper middle income"),
    ("DEU", "DE", "Germany", "Europe & Central Asia", "High income"),
    ("ROU", "RO", "Romania", "Europe & Central Asia", "Upper middle income"),
    ("XKX", "XK", "Kosovo", "Europe & Central Asia", "Upper middle income"),
]
AGGREGATES = [("WLD", "1W", "World"), ("SSF", "ZG", "Sub-Saharan Africa")]
YEARS = [2000, 2001, 2002]

# Hand-chosen values for the series the derived-indicator tests use.
TINY = {
    "NY.GDP.MKTP.CD": {"NAM": [4e9, 5e9, 6e9], "KEN": [12e9, 13e9, 14e9],
                       "BRA": [650e9, 560e9, 510e9], "DEU": [1950e9, 1960e9, 2080e9],
                       "ROU": [37e9, 40e9, 46e9], "XKX": [2e9, 2.2e9, 2.4e9],
                       "WLD": [33900e9, 33600e9, 35000e9]},
    "SP.POP.TOTL": {"NAM": [1.9e6, 1.95e6, 2e6], "KEN": [31e6, 32e6, 33e6],
                    "BRA": [175e6, 177e6, 179e6], "DEU": [82e6, 82e6, 82e6],
                    "ROU": [22e6, 22e6, 21e6], "XKX": [1.7e6, 1.7e6, 1.7e6]},
    # BRA 2000 = 0 is a "known zero" (excluded); NAM has a share every year.
    "NV.IND.MANF.ZS": {"NAM": [12.0, 11.0, 10.0], "KEN": [11.0, 10.5, 10.0],
                       "BRA": [0.0, 15.0, 14.0], "DEU": [22.0, 22.5, 21.0],
                       "ROU": [20.0, 21.0, 22.0]},
    # NAM 2002 missing: mva_usd there is share x GDP (estimated).
    "NV.IND.MANF.CD": {"NAM": [0.5e9, 0.55e9, None], "KEN": [1.3e9, 1.4e9, 1.4e9],
                       "BRA": [90e9, 84e9, 71e9], "DEU": [430e9, 440e9, 437e9],
                       "ROU": [7.4e9, 8.4e9, 10.1e9], "WLD": [5900e9, 5700e9, 5800e9]},
    "NV.AGR.TOTL.ZS": {"NAM": [10.0, 11.0, 10.5], "KEN": [30.0, 29.0, 28.0]},
    "NV.IND.TOTL.ZS": {"NAM": [27.0, 28.0, 29.0], "KEN": [17.0, 18.0, 18.5]},
    # KEN 2001 = 372.9 is implausible for a share (the real Jordan 2005 case).
    "TX.VAL.MANF.ZS.UN": {"NAM": [40.0, 42.0, 41.0], "KEN": [20.0, 372.9, 22.0]},
    "TX.VAL.MRCH.CD.WT": {"NAM": [1.3e9, 1.2e9, 1.1e9], "KEN": [1.7e9, 1.9e9, 2.1e9]},
}
UNKNOWN_WDI_CODE = ("NY.GDP.MKTP.CD", "ZZZ")  # a code that names no economy: excluded
OWID_COLUMNS = ["co2", "co2_per_capita", "co2_per_gdp", "cement_co2", "methane"]
OWID_ROWS = [  # iso_code, country, year, co2
    ("NAM", "Namibia", 2000, 1.9), ("NAM", "Namibia", 2001, 2.0), ("NAM", "Namibia", 2002, 2.1),
    ("KEN", "Kenya", 2000, 9.5), ("KEN", "Kenya", 2001, 9.9), ("KEN", "Kenya", 2002, 8.4),
    ("OWID_KOS", "Kosovo", 2001, 7.0), ("OWID_WRL", "World", 2001, 24000.0),
    ("", "Africa", 2001, 1100.0), ("GLP", "Guadeloupe", 2001, 0.3),
]
CW_SECTORS = ["Industry", "Manufacturing and construction", "Total excluding LUCF"]
CW_ROWS = [  # entity, year, industry
    ("Namibia", 2000, 0.2), ("Namibia", 2001, 0.25), ("Kenya", 2000, 1.1),
    ("Brazil", 2000, 30.0), ("World", 2000, 2500.0),
]
TRADE_YEAR = 2001
TRADE_ROWS = [  # exporter, HS 1992 product, value (US$); NAM and KEN match their WDI totals
    ("NAM", "0102", 0.3e9), ("NAM", "2603", 0.4e9), ("NAM", "6201", 0.5e9),
    ("KEN", "0901", 1.5e9), ("KEN", "0102", 0.3e9), ("KEN", "6201", 0.1e9),
    ("BRA", "0901", 800.0), ("BRA", "8703", 300.0), ("DEU", "8703", 5000.0),
    ("DEU", "6201", 200.0), ("ROU", "6201", 150.0), ("SCG", "0102", 40.0), ("AIA", "0102", 5.0),
]
HS92_ROWS = [  # code, level, name, name_short, top parent (section)
    ("1", "section", "Vegetables, animals, wood and paper", "Agriculture", "1"),
    ("3", "section", "Minerals, fuels, ores and salts", "Minerals", "3"),
    ("0", "section", "Textiles, garments, footwear and furniture", "Textiles", "0"),
    ("6", "section", "Vehicles and transport", "Vehicles", "6"),
    ("01", "2digit", "Live animals", "Live animals", "1"),
    ("0102", "4digit", "Live bovine animals", "Bovine", "1"),
    ("0901", "4digit", "Coffee, whether or not roasted", "Coffee", "1"),
    ("2603", "4digit", "Copper ores and concentrates", "Copper ore", "3"),
    ("6201", "4digit", "Men's or boys' overcoats, not knit", "Overcoats", "0"),
    ("8703", "4digit", "Motor cars and other motor vehicles for persons", "Cars", "6"),
    ("010210", "6digit", "Pure-bred breeding bovines", "Breeding bovines", "1"),
]
ECI_ROWS = [  # iso3, year, eci_sitc, eci_hs92, eci_rank_hs92
    ("DEU", 2000, 2.1, 2.0, 3), ("DEU", 2001, 2.2, 2.05, 2), ("DEU", 2002, 2.15, 1.98, 3),
    ("KEN", 2000, -0.5, -0.6, 90), ("KEN", 2001, -0.45, -0.55, 88), ("KEN", 2002, -0.4, "", ""),
    ("BRA", 2001, 0.3, 0.25, 40), ("NAM", 2001, -0.2, -0.3, 70),
]


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _filler(code: str, country_index: int, year: int) -> float:
    """A value inside every catalogue rule (1..5 suits shares, scores and levels)."""
    return round(2.0 + 0.4 * country_index + 0.1 * (year - YEARS[0]) + len(code) % 3 * 0.1, 3)


def write_tiny_raw(root: Path) -> Path:
    """Write the tiny raw layout under ``root`` and return it."""
    _write_csv(root / "classifications" / "wb_economies.csv",
               ["Country Code", "ISO2 Code", "Country Name", "Region", "Income Group",
                "Lending Type"],
               [[c, i2, n, r, g, "IBRD"] for c, i2, n, r, g in COUNTRIES]
               + [[c, i2, n, "Aggregates", "Aggregates", "Aggregates"]
                  for c, i2, n in AGGREGATES])
    names = {c[0]: c[2] for c in COUNTRIES} | {a[0]: a[2] for a in AGGREGATES}
    codes = {i.source_code for i in load_catalogue().values() if i.dataset == "wdi"}
    for code in sorted(codes):
        rows = []
        by_country = TINY.get(code) or {
            c[0]: [_filler(code, k, y) for y in YEARS] for k, c in enumerate(COUNTRIES[:4])}
        for iso3, values in by_country.items():
            rows += [[names[iso3], iso3, y, v] for y, v in zip(YEARS, values, strict=True)
                     if v is not None]
        if code == UNKNOWN_WDI_CODE[0]:
            rows.append(["Nowhere", UNKNOWN_WDI_CODE[1], 2000, 1e9])
        _write_csv(root / "wdi" / f"{code}.csv", ["Country Name", "Country Code", "Year",
                                                   "Value"], rows)
    _write_csv(root / "owid" / "owid-co2-data.csv", ["iso_code", "country", "year", *OWID_COLUMNS],
               [[c, n, y, co2, round(co2 / 2, 3), 0.3, round(co2 / 10, 3), ""]
                for c, n, y, co2 in OWID_ROWS])
    _write_csv(root / "owid" / "ghg-emissions-by-sector.csv",
               ["Entity", "Year", *CW_SECTORS, "Industry (per capita)"],
               [[e, y, ind, ind * 2, ind * 10, 0.1] for e, y, ind in CW_ROWS])
    _write_csv(root / "trade" / f"hs92_exports_{TRADE_YEAR}.csv",
               ["exporter", "product", "year", "value"],
               [[e, p, TRADE_YEAR, v] for e, p, v in TRADE_ROWS])
    _write_csv(root / "classifications" / "hs92_atlas.csv",
               ["", "code", "name", "level", "name_en", "name_es", "name_short_en",
                "name_short_es", "top_parent_id", "parent_id", "is_shown", "natural_resource"],
               [[k, c, n, lvl, n, n, short, short, top, "", 1, 0]
                for k, (c, lvl, n, short, top) in enumerate(HS92_ROWS)])
    _write_csv(root / "complexity" / "growth_lab_eci_rankings.csv",
               ["country_id", "country_iso3_code", "year", "growth_proj", "in_rankings",
                "eci_sitc", "eci_rank_sitc", "eci_hs92", "eci_rank_hs92", "eci_hs12",
                "eci_rank_hs12"],
               [[k, c, y, "", "TRUE", sitc, "", hs, rank, "", ""]
                for k, (c, y, sitc, hs, rank) in enumerate(ECI_ROWS)])
    return root


@pytest.fixture(scope="session")
def tiny_raw(tmp_path_factory) -> Path:
    """A small complete raw layout (read-only by convention: copy it before editing)."""
    return write_tiny_raw(tmp_path_factory.mktemp("tiny") / "raw")


@pytest.fixture(scope="session")
def tiny_pack(tiny_raw, tmp_path_factory) -> Path:
    from policylab.pack.build import build_pack

    pack = tmp_path_factory.mktemp("tiny_pack") / "pack"
    build_pack(tiny_raw, pack)
    return pack


@pytest.fixture(scope="session")
def tiny_dataset(tiny_pack):
    from policylab.pack.dataset import load

    return load(tiny_pack)


@pytest.fixture(scope="session")
def shared_raw() -> Path:
    """The shared offline copy of the publishers' files (``../shared/data/raw``)."""
    path = (project_root() / ".." / "shared" / "data" / "raw").resolve()
    if not path.is_dir():
        pytest.skip("shared raw data copy not present")
    return path


@pytest.fixture(scope="session")
def real_pack(shared_raw, tmp_path_factory) -> Path:
    """The real pack: ``data/pack`` when it is at least as new as the catalogue and the
    library, else built once per session into a temporary folder."""
    from policylab.pack.build import build_pack

    existing = project_root() / "data" / "pack"
    manifest = existing / "manifest.json"
    inputs = [project_root() / "data" / "indicators.yml",
              *(project_root() / "lib" / "policylab" / "pack").glob("*.py"),
              *(project_root() / "lib" / "policylab" / "raw").glob("*.py"),
              *(project_root() / "lib" / "policylab" / "metrics").glob("*.py")]
    if manifest.exists() and manifest.stat().st_mtime >= max(os.path.getmtime(p) for p in inputs):
        return existing
    pack = tmp_path_factory.mktemp("real_pack") / "pack"
    build_pack(shared_raw, pack)
    return pack


@pytest.fixture(scope="session")
def real_dataset(real_pack):
    from policylab.pack.dataset import load

    return load(real_pack)


def synthetic_countries(count: int = 12) -> pd.DataFrame:
    """``count`` made-up countries C00.. in one region, the first half lower middle income:
    the country table of the synthetic packs lesson tests build with ``Dataset.from_frames``."""
    codes = [f"C{k:02d}" for k in range(count)]
    half = count // 2
    return pd.DataFrame({
        "iso3": codes, "iso2": codes, "name": [f"Country {c}" for c in codes],
        "region": ["R"] * count,
        "income_group": ["Lower middle income"] * half + ["High income"] * (count - half),
        "is_aggregate": [False] * count})


@pytest.fixture
def chromium() -> str:
    """Debian's Chromium for a browser test: skipped without it, failed under CI."""
    from tools import tool

    return tool("chromium")


@pytest.fixture(autouse=True)
def _process_language_back_to_english():
    """A test that starts a lesson in French or Spanish sets the language of the whole
    process (as a notebook's parameter does); the next test must not inherit it."""
    yield
    from policylab.i18n import set_language

    set_language("en")
