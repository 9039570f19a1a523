"""Shift-share decomposition of labour-productivity growth over broad sectors.

Method: the three-term decomposition of aggregate labour productivity P = sum_i P_i S_i
(P_i sector productivity, S_i sector share of employment) between years 0 and T
(Fabricant 1942; as used by Timmer & de Vries 2009, de Vries, Timmer & de Vries 2015,
and -- in two-term form -- McMillan & Rodrik 2011):

    P_T - P_0 = sum_i (P_iT - P_i0) S_i0          within-sector growth
              + sum_i (S_iT - S_i0) P_i0          static reallocation
              + sum_i (P_iT - P_i0)(S_iT - S_i0)  dynamic reallocation

The identity is exact algebra (it holds to floating-point rounding). Sectors are
agriculture, industry and services, the only split WDI gives for both value added and
employment; manufacturing employment is not in WDI, so it is never split out here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from policylab.errors import DataError
from policylab.i18n import N_

SECTORS = ("agriculture", "industry", "services")

EMPLOYMENT_NOTE = N_(
    "Sector employment is approximated with the labour force: WDI publishes employment "
    "shares by sector only separately for women and men (% of female/male employment), so "
    "each sector's employment is labour force x (female share of the labour force x female "
    "sector share + male share x male sector share). This treats the unemployed as if they "
    "were spread over sectors like the employed. Sector value added is the sector's share of "
    "GDP (current prices) times GDP in constant US$, so relative price changes between "
    "sectors are ignored. Industry includes mining, utilities and construction as well as "
    "manufacturing; manufacturing employment is not available. Services value added is the "
    "residual 100 - agriculture - industry share of GDP, which also holds net taxes on "
    "products."
)


@dataclass(frozen=True)
class SectorInputs:
    """Per-year sector value added (constant US$) and employment (persons) for one country,
    columns ``SECTORS``, and the note that states the approximations used."""

    value_added: pd.DataFrame
    employment: pd.DataFrame
    note: str


@dataclass(frozen=True)
class ShiftShare:
    """A shift-share decomposition between ``start_year`` and ``end_year``.

    ``by_sector``: index sector, columns ``within, static, dynamic, total`` in productivity
    units (constant US$ per worker). ``within``, ``static``, ``dynamic`` and ``total`` are the
    same sums as a percentage of initial productivity, so ``total`` is the growth of
    aggregate productivity over the period and total = within + static + dynamic.
    """

    start_year: int
    end_year: int
    productivity_start: float
    productivity_end: float
    by_sector: pd.DataFrame
    within: float
    static: float
    dynamic: float
    total: float
    note: str


def sector_inputs(obs: pd.DataFrame, country: str) -> SectorInputs:
    """Build sector value added and employment for ``country`` from pack observations.

    ``obs`` is the long ``iso3, year, indicator, value`` table. Employment combines
    ``empl_<sector>_{female,male}`` with ``female_share_labour_force`` and ``labour_force``
    (an approximation of employment by the labour force, stated in ``note``); value added is
    ``<sector>_share_gdp`` x ``gdp_const_usd``. When ``services_share_gdp`` is absent it is
    computed as the pack does: the residual of the other two shares.
    """
    rows = obs[obs["iso3"] == country]
    if rows.empty:
        raise DataError(f"no observations for {country}")
    wide = rows.pivot_table(index="year", columns="indicator", values="value", aggfunc="first")
    if "services_share_gdp" not in wide.columns and {
            "agriculture_share_gdp", "industry_share_gdp"} <= set(wide.columns):
        # the pack's own recipe for services_share_gdp, for observations built without it
        wide["services_share_gdp"] = 100.0 - wide["agriculture_share_gdp"] \
            - wide["industry_share_gdp"]
    needed = ["labour_force", "female_share_labour_force", "gdp_const_usd",
              *(f"{s}_share_gdp" for s in SECTORS),
              *(f"empl_{s}_{sex}" for s in SECTORS for sex in ("female", "male"))]
    absent = [c for c in needed if c not in wide.columns]
    if absent:
        raise DataError(f"{country} has no data for {', '.join(absent)}: "
                        "the shift-share decomposition needs them")
    female = wide["female_share_labour_force"] / 100.0
    employment = pd.DataFrame({
        s: wide["labour_force"] * (female * wide[f"empl_{s}_female"]
                                   + (1.0 - female) * wide[f"empl_{s}_male"]) / 100.0
        for s in SECTORS})
    value_added = pd.DataFrame({s: wide[f"{s}_share_gdp"] / 100.0 * wide["gdp_const_usd"]
                                for s in SECTORS})
    return SectorInputs(value_added, employment, EMPLOYMENT_NOTE)


def shift_share(value_added: pd.DataFrame, employment: pd.DataFrame,
                start: int | None = None, end: int | None = None,
                note: str = EMPLOYMENT_NOTE) -> ShiftShare:
    """Decompose aggregate labour-productivity growth into within, static and dynamic terms.

    ``value_added`` and ``employment`` are indexed by year with one column per sector (the
    same columns). The first and last years inside [``start``, ``end``] with every sector
    present in both tables are used (and returned). Method: see the module docstring.
    """
    if list(value_added.columns) != list(employment.columns):
        raise DataError("value_added and employment must have the same sector columns")
    complete = value_added.notna().all(axis=1) & employment.notna().all(axis=1)
    complete &= (employment > 0).all(axis=1)
    years = complete.index[complete].astype(int)
    if start is not None:
        years = years[years >= start]
    if end is not None:
        years = years[years <= end]
    if len(years) < 2:
        raise DataError(f"shift-share needs two years with value added and employment for "
                        f"every sector between {start} and {end}; found "
                        f"{', '.join(map(str, years)) or 'none'}")
    y0, y1 = int(years.min()), int(years.max())
    va = value_added.loc[[y0, y1]].to_numpy(dtype=float)
    labour = employment.loc[[y0, y1]].to_numpy(dtype=float)
    productivity = va / labour
    emp_share = labour / labour.sum(axis=1, keepdims=True)
    aggregate = va.sum(axis=1) / labour.sum(axis=1)
    d_productivity = productivity[1] - productivity[0]
    d_share = emp_share[1] - emp_share[0]
    by_sector = pd.DataFrame({
        "within": d_productivity * emp_share[0],
        "static": d_share * productivity[0],
        "dynamic": d_productivity * d_share,
    }, index=pd.Index(value_added.columns, name="sector"))
    by_sector["total"] = by_sector.sum(axis=1)
    percent = 100.0 / aggregate[0]
    sums = by_sector.sum()
    return ShiftShare(
        start_year=y0, end_year=y1,
        productivity_start=float(aggregate[0]), productivity_end=float(aggregate[1]),
        by_sector=by_sector,
        within=float(sums["within"] * percent), static=float(sums["static"] * percent),
        dynamic=float(sums["dynamic"] * percent),
        total=float((aggregate[1] - aggregate[0]) * percent),
        note=note,
    )

