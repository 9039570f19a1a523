"""The industrial profile's structure of the economy (section 5): value added by sector as
shares of GDP with manufacturing split from the rest of industry, and the shift-share
decomposition of output per worker (``metrics.shiftshare``) for one country over a span of
years, once per Dataset."""

from __future__ import annotations

import pandas as pd

from policylab.errors import DataError
from policylab.metrics import shiftshare
from policylab.pack.dataset import Dataset

#: The pack's sector shares of GDP behind :func:`sector_shares`.
SHARES = ("agriculture_share_gdp", "industry_share_gdp", "mva_share_gdp", "services_share_gdp")
#: The series behind each sector of :func:`sector_shares` (a break in any withholds its change).
SECTOR_SERIES = {"agriculture": ("agriculture_share_gdp",),
                 "industry_other": ("industry_share_gdp", "mva_share_gdp"),
                 "manufacturing": ("mva_share_gdp",), "services": ("services_share_gdp",)}
#: The series behind the shift-share whose breaks withhold its result.
SHIFT_SHARE_SERIES = ("gdp_const_usd", "agriculture_share_gdp", "industry_share_gdp",
                      "services_share_gdp")
#: The pack series the shift-share reads.
SHIFT_SHARE_INDICATORS = ("labour_force", "female_share_labour_force", "gdp_const_usd",
                          "agriculture_share_gdp", "industry_share_gdp", "services_share_gdp",
                          *(f"empl_{s}_{sex}" for s in shiftshare.SECTORS
                            for sex in ("female", "male")))


def _rows(ds: Dataset, indicators: tuple[str, ...], country: str,
          years: tuple[int, int]) -> pd.DataFrame:
    """Non-missing ``iso3, year, value, indicator`` rows of ``country`` within ``years``."""
    found = [ds.series(i, [country], years).dropna(subset=["value"]).assign(indicator=i)
             for i in indicators]
    return pd.concat(found, ignore_index=True)


def sector_shares(wide: pd.DataFrame) -> pd.DataFrame:
    """Shares of GDP by sector (agriculture, industry other than manufacturing,
    manufacturing, services) per year from the ``SHARES`` columns of ``wide`` (index year):
    years with all four, where manufacturing is not larger than industry (a reporting
    inconsistency, not a structure). They add up to 100."""
    wide = wide.reindex(columns=list(SHARES))
    shares = pd.DataFrame({
        "agriculture": wide["agriculture_share_gdp"],
        "industry_other": wide["industry_share_gdp"] - wide["mva_share_gdp"],
        "manufacturing": wide["mva_share_gdp"],
        "services": wide["services_share_gdp"],
    })
    return shares[~(shares["industry_other"] < 0)].dropna(how="any")


def structure_panel(ds: Dataset, country: str, years: tuple[int, int]) -> pd.DataFrame:
    """:func:`sector_shares` of ``country`` over ``years``."""
    long = _rows(ds, SHARES, country, years)
    wide = long.pivot_table(index="year", columns="indicator", values="value", aggfunc="first")
    return sector_shares(wide.sort_index())


def shift_share_for(ds: Dataset, country: str,
                    years: tuple[int, int]) -> shiftshare.ShiftShare | None:
    """The decomposition for ``country`` over ``years``, or None when the data do not allow
    it; once per Dataset, country and years."""
    def compute() -> shiftshare.ShiftShare | None:
        long = _rows(ds, SHIFT_SHARE_INDICATORS, country, years)
        if long.empty:
            return None
        try:
            inputs = shiftshare.sector_inputs(long, country)
            return shiftshare.shift_share(inputs.value_added, inputs.employment, *years)
        except DataError:
            return None

    return ds.cached(("metrics.profile_structure.shift_share", country, years), compute)


def by_sector_percent(result: shiftshare.ShiftShare) -> pd.DataFrame:
    """``result``'s terms by sector in % of first-year output per worker (rows add up to
    ``total``), with a last row ``all sectors`` (which adds up to ``result.total``)."""
    table = result.by_sector * 100.0 / result.productivity_start
    table.loc["all sectors"] = table.sum()
    return table
