"""``policylab.load()`` and ``Dataset``: the one way notebooks and analysis code read data.

The loader reads only the built pack, checks every file against the checksums in its
manifest (a partial or corrupt pack fails loudly instead of giving wrong numbers), and
keeps the observations in compact categorical form so that a load stays well under a
second; lookups by indicator use the category codes rather than string comparisons.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, TypeVar

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from policylab import paths
from policylab.catalogue import Indicator, load_catalogue
from policylab.countries import resolve_country
from policylab.errors import CountryError, DataError
from policylab.i18n.language import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    current_language,
)
from policylab.i18n.messages import _
from policylab.i18n.names import CountryName, country_name, shown_name
from policylab.i18n.panel import panel_reason
from policylab.pack import layout
from policylab.pack.provenance import sources_table

COUNTRY_COLUMNS = ["iso3", "iso2", "name", "region", "income_group", "is_aggregate"]
GROUPS = ("region", "income_group")
T = TypeVar("T")
Years = tuple[int | None, int | None] | Iterable[int] | None
Countries = str | Iterable[str] | None


class Observation(NamedTuple):
    """One value and its year; ``value`` is NaN and ``year`` None when there is no data."""

    value: float
    year: int | None


class PanelStatus(NamedTuple):
    """Whether a country's product-level analysis may be shown, for which panel year, and
    if not, why (a sentence for the page)."""

    ok: bool
    year: int | None
    reason: str


#: Indicators whose newest year sets the pack's "now" for the recency window (DESIGN §10).
CORE_SERIES = ("gdp_usd", "population", "mva_share_gdp")
#: A figure is current when its year is at most this many years before that "now".
RECENCY_YEARS = 5


class Dataset:
    """Observations, country metadata, trade and products of one data pack, with lookups."""

    def __init__(
        self,
        obs: pd.DataFrame,
        countries: pd.DataFrame,
        trade: pd.DataFrame,
        products: pd.DataFrame,
        manifest: dict[str, Any],
        catalogue: dict[str, Indicator],
    ) -> None:
        self._obs = _compact_observations(obs)
        self._countries = _country_table(countries)
        self.trade = trade.reset_index(drop=True)
        self.products = products.reset_index(drop=True)
        self.manifest = manifest
        self.catalogue = catalogue
        self._indicator_codes = {
            name: code for code, name in enumerate(self._obs["indicator"].cat.categories)
        }
        # Rows sorted by indicator, with each indicator's start offset: a lookup is then a
        # slice, not a scan of every observation (notebooks make hundreds of lookups).
        codes = self._obs["indicator"].cat.codes.to_numpy()
        order = np.argsort(codes, kind="stable")
        self._obs = self._obs.iloc[order].reset_index(drop=True)
        self._offsets = np.searchsorted(codes[order], np.arange(len(self._indicator_codes) + 1))
        self._iso_codes = {
            name: code for code, name in enumerate(self._obs["iso3"].cat.categories)
        }
        self._array_cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._cache: dict[Hashable, Any] = {}
        real = self._countries[~self._countries["is_aggregate"]]
        self._country_names = dict(zip(real.index, real["name"], strict=True))

    @classmethod
    def from_frames(
        cls,
        obs: pd.DataFrame,
        countries: pd.DataFrame,
        trade: pd.DataFrame,
        products: pd.DataFrame,
        manifest: dict[str, Any] | None = None,
        catalogue: dict[str, Indicator] | None = None,
    ) -> Dataset:
        """Build a Dataset from in-memory frames (tests and fixtures); the catalogue defaults
        to ``data/indicators.yml``."""
        return cls(obs, countries, trade, products, manifest or {},
                   catalogue if catalogue is not None else load_catalogue())

    # ----------------------------------------------------------------- whole tables
    @functools.cached_property
    def obs(self) -> pd.DataFrame:
        """All observations as plain columns ``iso3, year, indicator, value``."""
        return pd.DataFrame({
            "iso3": self._obs["iso3"].astype(str),
            "year": self._obs["year"].astype("int64"),
            "indicator": self._obs["indicator"].astype(str),
            "value": self._obs["value"],
        })

    @functools.cached_property
    def year_range(self) -> tuple[int, int]:
        """First and last year with any observation (read from the compact table, so
        asking does not build the plain-column copy ``obs``)."""
        years = self._obs["year"]
        return int(years.min()), int(years.max())

    @property
    def vintage(self) -> str:
        """The pack's vintage as the build wrote it (English): a key that results files and
        the batch compare; show :attr:`vintage_text`."""
        return str(self.manifest.get("vintage", ""))

    @property
    def vintage_text(self) -> str:
        """The vintage a reader sees, in the current language (``vintage`` in English)."""
        from policylab.i18n.vintage import vintage_text

        return vintage_text(self.manifest, self.catalogue)

    # ----------------------------------------------------------------- cache
    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per Dataset and ``key``; later calls return the same object.

        The one memo of the library: cross-country tables (medians, distributions, scores)
        are computed once per process and pack. The cache lives on the instance, so a
        rebuilt pack (a new Dataset) starts fresh and nothing stale survives. Callers treat
        the returned object as read-only."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    # ----------------------------------------------------------------- sources
    def sources(self, indicators: Iterable[str]) -> pd.DataFrame:
        """Where each indicator comes from (:func:`policylab.pack.provenance.sources_table`)."""
        return sources_table(self, indicators)

    # ----------------------------------------------------------------- recency
    @functools.cached_property
    def newest_year(self) -> int:
        """The newest year of the core WDI series: the pack's "now"."""
        years = [int(self._arrays(i)[1].max()) for i in CORE_SERIES
                 if i in self._indicator_codes and len(self._arrays(i)[1])]
        return max(years) if years else self.year_range[1]

    @property
    def recency_cutoff(self) -> int:
        """The oldest year that still counts as current (newest core year - 5)."""
        return self.newest_year - RECENCY_YEARS

    def is_current(self, year: int | None) -> bool:
        """True when a figure of ``year`` lies in the recency window."""
        return year is not None and int(year) >= self.recency_cutoff

    # ----------------------------------------------------------------- product panel
    @property
    def product_years(self) -> list[int]:
        """Years of the complete product panel (empty when the pack has none)."""
        return [int(y) for y in self.manifest.get("product_panel", {}).get("years", [])]

    def product_status(self, country: str) -> PanelStatus:
        """May product-level results (RCA, product space, nearby products) be shown for
        ``country``? Uses the latest panel year; the completeness check of the build
        decides (``pack.completeness``). Once per country and Dataset: the value-chains
        lesson asks in every product-level section, and each answer scans the panel."""
        iso3 = self._codes(country)[0]
        return self.cached(("product_status", iso3, current_language()),
                           lambda: self._product_status(iso3))

    def _product_status(self, iso3: str) -> PanelStatus:
        years = self.product_years
        if not years:
            return PanelStatus(False, None, _("the data pack has no complete product panel"))
        year = years[-1]
        for record in self.manifest.get("product_panel", {}).get("excluded", []):
            if record["country"] == iso3 and int(record["year"]) == year:
                return PanelStatus(False, year, panel_reason(record))
        has_rows = bool(((self.trade["exporter"] == iso3) & (self.trade["year"] == year)).any())
        if not has_rows:
            return PanelStatus(False, year,
                               _("the {year} product panel has no exports for it").format(
                                   year=year))
        return PanelStatus(True, year, "")

    def countries(self, include_aggregates: bool = False) -> pd.DataFrame:
        """Country metadata indexed by ``iso3``: ``name, iso2, region, income_group,
        is_aggregate``. ``name`` is in the current language (a :class:`CountryName`);
        ``region`` and ``income_group`` stay the World Bank's English, which filters and
        medians use as keys (``policylab.i18n.groups.group_name`` shows them)."""
        table = self._named_countries()
        if not include_aggregates:
            table = table[~table["is_aggregate"]]
        return table.copy()

    def _named_countries(self) -> pd.DataFrame:
        """The country table with its names in the current language (once per language)."""
        language = current_language()
        if language == SOURCE_LANGUAGE:
            return self._countries

        def named() -> pd.DataFrame:
            table = self._countries.copy()
            table["name"] = [shown_name(iso3, english, language)
                             for iso3, english in table["name"].items()]
            return table

        return self.cached(("countries_named", language), named)

    # ----------------------------------------------------------------- countries
    def resolve(self, text: str) -> str:
        """ISO3 code or name -> ISO3 code of a country in the pack. A name may be English
        (the World Bank's, the UN's, country_converter's) or French or Spanish ("Côte
        d'Ivoire", "Éthiopie", "Etiopía")."""
        query = str(text).strip()
        if query.upper() in self._countries.index and query.upper() not in self._country_names:
            name = self._countries.at[query.upper(), "name"]
            raise CountryError(f"{query.upper()} ({name}) is a group of countries, not a country")
        try:
            return resolve_country(query, self._country_names)
        except CountryError:
            local = self._local_names().get(query.casefold())
            if local is None:
                raise
            return local

    def _local_names(self) -> dict[str, str]:
        """Casefolded French and Spanish names -> ISO3 (names two economies share left out)."""
        def build() -> dict[str, str]:
            found: dict[str, set[str]] = {}
            for language in LANGUAGES:
                for iso3, english in self._country_names.items():
                    name = country_name(iso3, language, english)
                    found.setdefault(name.casefold(), set()).add(iso3)
            return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}

        return self.cached("local_country_names", build)

    def name(self, iso3: str) -> CountryName:
        """The economy's name in the current language (in English the pack's name, the UN
        short name where ``data/official_names.csv`` gives one), as a :class:`CountryName`
        that French templates inflect (``{country.du}``)."""
        code = str(iso3).upper()
        if code not in self._countries.index:
            raise CountryError(f"unknown country code {iso3!r}; see `policylab list countries`")
        english = str(self._countries.at[code, "name"])
        if current_language() == SOURCE_LANGUAGE:
            return CountryName(english)
        return self._named_countries().at[code, "name"]

    # ----------------------------------------------------------------- indicators
    def indicator(self, indicator_id: str) -> Indicator:
        if indicator_id not in self.catalogue:
            close = difflib.get_close_matches(indicator_id, list(self.catalogue), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise DataError(f"unknown indicator {indicator_id!r}{hint} "
                            "(see `policylab list indicators`)")
        return self.catalogue[indicator_id]

    def series(self, indicator: str, countries: Countries = None,
               years: Years = None) -> pd.DataFrame:
        """Long table ``iso3, year, value`` of one indicator, sorted by country and year.

        ``countries``: a code or name, or a list of them (default: all, aggregates
        included when the source has them). ``years``: ``(first, last)`` inclusive, either
        end None for open, or any other collection of years.
        """
        iso, year, value = self._arrays(indicator)
        mask = np.ones(len(iso), dtype=bool)
        if countries is not None:
            wanted = [self._iso_codes[c] for c in self._codes(countries) if c in self._iso_codes]
            mask &= np.isin(iso, wanted)
        if years is not None:
            mask &= _year_mask(year, years)
        # _arrays is in (country, year) order already: no sort here, the lessons' hot path
        return pd.DataFrame({"iso3": self._iso_names[iso[mask]],
                             "year": year[mask].astype("int64"), "value": value[mask]})

    def panel(self, indicator: str, countries: Countries = None,
              years: Years = None) -> pd.DataFrame:
        """Wide table of one indicator: index ``year``, one column per ``iso3``."""
        long = self.series(indicator, countries, years)
        wide = long.pivot(index="year", columns="iso3", values="value")
        wide.columns.name = "iso3"
        return wide

    def latest(self, indicator: str, country: str, max_year: int | None = None) -> Observation:
        """The most recent non-missing value of ``indicator`` for ``country``."""
        iso, year, value = self._arrays(indicator)
        code = self._iso_codes.get(self._codes(country)[0])
        mask = (iso == code) & ~np.isnan(value)
        if max_year is not None:
            mask &= year <= max_year
        if not mask.any():
            return Observation(float("nan"), None)
        found = np.flatnonzero(mask)
        last = found[np.argmax(year[found])]
        return Observation(float(value[last]), int(year[last]))

    def latest_values(self, indicator: str, countries: Countries = None,
                      max_year: int | None = None, window: int | None = None) -> pd.DataFrame:
        """Each country's most recent non-missing value up to ``max_year`` (default: the
        latest year these countries have), only from the ``window`` years ending there when
        given; a frame indexed by ``iso3`` with ``year`` and ``value``, sorted by code.
        ``countries`` None means every country (groups excluded)."""
        iso, year, value = self._arrays(indicator)
        if countries is None:
            wanted = [self._iso_codes[c] for c in self._country_names if c in self._iso_codes]
        else:
            wanted = [self._iso_codes[c] for c in self._codes(countries) if c in self._iso_codes]
        mask = np.isin(iso, wanted) & ~np.isnan(value)
        end = max_year
        if end is None and mask.any():
            end = int(year[mask].max())
        if end is not None:
            mask &= year <= end
            if window is not None:
                mask &= year > end - window
        iso, year, value = iso[mask], year[mask], value[mask]
        order = np.lexsort((year, iso))
        iso, year, value = iso[order], year[order], value[order]
        last = np.r_[iso[1:] != iso[:-1], True] if len(iso) else np.array([], dtype=bool)
        return pd.DataFrame({"year": year[last].astype("int64"), "value": value[last]},
                            index=pd.Index(self._iso_names[iso[last]], name="iso3"))

    def profile(self, country: str) -> pd.DataFrame:
        """Latest value and year of every catalogue indicator for one country, indexed by id."""
        iso3 = self.resolve(country)
        mine = self._obs[(self._obs["iso3"] == iso3) & self._obs["value"].notna()]
        last = mine.sort_values("year").groupby("indicator", observed=True).tail(1)
        found = {str(i): (float(v), int(y)) for i, v, y in
                 zip(last["indicator"], last["value"], last["year"], strict=True)}
        records = []
        for ind in self.catalogue.values():
            value, year = found.get(ind.id, (float("nan"), None))
            records.append({"indicator": ind.id, "label": ind.label, "unit": ind.unit,
                            "topic": ind.topic, "value": value, "year": year})
        return pd.DataFrame.from_records(records).astype({"year": "Int64"}).set_index("indicator")

    def group_median(self, indicator: str, group: str,
                     countries: Countries = None) -> pd.DataFrame:
        """Median per ``group`` (``"region"`` or ``"income_group"``) and year, over
        non-aggregate countries (only ``countries`` when given): ``group, year, value``."""
        if group not in GROUPS:
            raise DataError(f"group must be one of {', '.join(GROUPS)}, got {group!r}")
        meta = self.countries()[group]
        members = list(meta.index) if countries is None else self._codes(countries)
        long = self.series(indicator, members).dropna(subset=["value"])
        long = long[long["iso3"].isin(meta.index)]
        long["group"] = long["iso3"].map(meta)
        long = long[long["group"].astype(bool)]
        medians = long.groupby(["group", "year"], as_index=False)["value"].median()
        return medians[["group", "year", "value"]]

    # ----------------------------------------------------------------- internals
    def _rows(self, indicator: str) -> pd.DataFrame:
        code = self._indicator_codes.get(indicator)
        if code is None:
            self.indicator(indicator)  # unknown ids raise with suggestions
            return self._obs.iloc[0:0]
        return self._obs.iloc[self._offsets[code]:self._offsets[code + 1]]

    def _arrays(self, indicator: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Country codes, years and values of one indicator as numpy arrays (cached)."""
        cached = self._array_cache.get(indicator)
        if cached is None:
            rows = self._rows(indicator)
            iso, year = rows["iso3"].cat.codes.to_numpy(), rows["year"].to_numpy()
            # sorted by country name, then year, so that series() need not sort each call
            order = np.lexsort((year, np.argsort(np.argsort(self._iso_names))[iso]))
            cached = (iso[order], year[order], rows["value"].to_numpy()[order])
            self._array_cache[indicator] = cached
        return cached

    @functools.cached_property
    def _iso_names(self) -> np.ndarray:
        """ISO3 code of each category code of the compact table."""
        return self._obs["iso3"].cat.categories.to_numpy()

    def _codes(self, countries: Countries) -> list[str]:
        items = [countries] if isinstance(countries, str) else list(countries)
        return [c if c in self._countries.index else self.resolve(c) for c in items]


def dataset_cached(func: Callable[..., T]) -> Callable[..., T]:
    """Decorator: memoise ``func(ds, *args, **kwargs)`` with :meth:`Dataset.cached`
    (arguments must be hashable; pass tuples, not lists)."""
    key_name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(ds: Dataset, *args: Any, **kwargs: Any) -> T:
        key = (key_name, args, tuple(sorted(kwargs.items())))
        return ds.cached(key, lambda: func(ds, *args, **kwargs))

    return wrapper


def _year_mask(year: np.ndarray, years: Years) -> np.ndarray:
    if isinstance(years, tuple) and len(years) == 2:
        first, last = years
        mask = np.ones(len(year), dtype=bool)
        if first is not None:
            mask &= year >= first
        if last is not None:
            mask &= year <= last
        return mask
    return np.isin(year, list(years))


def _compact_observations(obs: pd.DataFrame) -> pd.DataFrame:
    missing = {"iso3", "year", "indicator", "value"} - set(obs.columns)
    if missing:
        raise DataError(f"observations lack column(s) {', '.join(sorted(missing))}")
    return pd.DataFrame({
        "iso3": obs["iso3"].astype("category"),
        "year": obs["year"].astype("int16"),
        "indicator": obs["indicator"].astype("category"),
        "value": obs["value"].astype("float64"),
    }).reset_index(drop=True)


def _country_table(countries: pd.DataFrame) -> pd.DataFrame:
    table = countries.reset_index() if "iso3" not in countries.columns else countries
    missing = set(COUNTRY_COLUMNS) - set(table.columns)
    if missing:
        raise DataError(f"country table lacks column(s) {', '.join(sorted(missing))}")
    table = table[COUNTRY_COLUMNS].copy()
    table["is_aggregate"] = table["is_aggregate"].astype(bool)
    for column in ("iso2", "name", "region", "income_group"):
        table[column] = table[column].fillna("").astype(str)
    return table.set_index("iso3")


def load(pack: str | os.PathLike | None = None) -> Dataset:
    """Load the data pack (``pack``, else ``POLICYLAB_PACK``, else ``data/pack``).

    Raises ``DataError`` when the pack is missing, partial or corrupt.
    """
    folder = paths.pack_dir(pack)
    manifest = layout.read_manifest(folder)
    layout.verify_checksums(folder, manifest)
    tables = {name: pq.read_table(folder / name).to_pandas() for name in layout.TABLES}
    return Dataset(
        tables[layout.OBSERVATIONS],
        tables[layout.COUNTRIES],
        tables[layout.TRADE],
        tables[layout.PRODUCTS],
        manifest,
        load_catalogue(),
    )
