"""A Competitive Industrial Performance (CIP) composite in the style of UNIDO.

Method: UNIDO, *Competitive Industrial Performance Report* (2020 edition, technical annex):
six components in three dimensions -- capacity to produce and export manufactures (MVA per
capita, manufactured exports per capita), technological deepening and upgrading
(industrialization intensity, export quality) and world impact (share of world MVA, share of
world manufactured exports) -- normalised per year and combined by a geometric mean.

Departures from UNIDO, stated in the material: components come from WDI (medium/high-tech
shares, manufactures share of merchandise exports), so coverage differs from UNIDO's own
database; a country with any component missing is unranked that year (never imputed); the
lowest country on a component gets ``EPSILON`` instead of 0 (see there); and the rank is shown
with its sensitivity to weights and normalisation (``cip_sensitivity``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from policylab.errors import DataError
from policylab.i18n import N_, _
from policylab.text.numbers import format_value

#: Plain min-max normalisation gives the weakest country 0 on that component, and a geometric
#: mean then gives it 0 overall, whatever its other five components: a ranking of last
#: places. The minimum is therefore mapped to this small positive value (and the maximum to
#: 1), so that a country's other strengths still count; 0.01 is 1% of the component's range.
EPSILON = 0.01

COMPONENTS = (
    "mva_per_capita",
    "manuf_exports_per_capita",
    "industrialization_intensity",
    "export_quality",
    "world_mva_share",
    "world_manuf_exports_share",
)

#: Indicator ids (pack catalogue) each component is built from; two-part components are the
#: mean of their parts, as in UNIDO's index.
COMPONENT_SOURCES = {
    "mva_per_capita": ("mva_per_capita",),
    "manuf_exports_per_capita": ("manuf_exports_per_capita",),
    "industrialization_intensity": ("mht_share_mva", "mva_share_gdp"),
    "export_quality": ("mht_share_manuf_exports", "manuf_share_merch_exports"),
    "world_mva_share": ("world_mva_share",),
    "world_manuf_exports_share": ("world_manuf_exports_share",),
}

#: Central interval of the Monte Carlo weight ranks, in percentiles.
RANK_INTERVAL = (5.0, 95.0)
#: Z-scores are shifted so that the lowest country sits at this value (one standard
#: deviation above zero) before the geometric mean; see ``normalise``.
ZSCORE_FLOOR = 1.0
#: The percentiles of ranks under random weights that bound the rank range, as written.
LOW, HIGH = (int(p) for p in RANK_INTERVAL)

#: The method box (Markdown) of the lessons showing the composite, parameters from the code.
#: The CIP method box (Markdown), as templates over ``{epsilon}``, ``{low}`` and ``{high}``:
#: :func:`method_note` writes it in the current language; ``METHOD_NOTE`` is the English.
METHOD_PARTS = (
    N_("**Method: the Competitive Industrial Performance (CIP) composite** (UNIDO)."),
    N_("- *Six components:* manufacturing value added (MVA) per person; manufactured "
       "exports per person; industrialization intensity = mean of the medium/high-tech "
       "share of MVA and the MVA share of GDP; export quality = mean of the medium/high-"
       "tech share of manufactured exports and the manufactures share of merchandise "
       "exports; the share of world MVA; the share of world manufactured exports."),
    N_("- *Normalisation, per year:* `x' = ε + (1 − ε) · (x − min) / (max − min)` with "
       "`ε = {epsilon}`. Plain min-max would give the weakest country a 0 on that "
       "component, and a geometric mean of anything with a 0 is 0: that country would be "
       "last whatever its other strengths. The floor ε avoids this."),
    N_("- *Aggregation:* the geometric mean `CIP = (c₁ · c₂ · … · c₆)^(1/6)`, so a weak "
       "component cannot be fully offset by a strong one."),
    N_("- *Coverage:* a country missing any component in a year is not ranked that year "
       "(nothing is imputed); the components come from WDI, so the ranks differ from "
       "UNIDO's published ones."),
    N_("- *Why the rank is uncertain:* equal weights are a convention, not a finding. "
       "The rank is recomputed under random weights (flat Dirichlet draws over the six "
       "components); the range shown is the {low}th–{high}th percentile of those ranks. "
       "The rank with z-scores instead of min-max shows the effect of the normalisation. "
       "A long bar means the rank depends on what one chooses to value."),
)


def method_note() -> str:
    """The CIP method box in the current language, with the method's parameters."""
    epsilon = format_value(EPSILON, decimals=2)  # "0.01", "0,01": a number read in text
    head, *items = (_(part).format(epsilon=epsilon, low=LOW, high=HIGH)
                    for part in METHOD_PARTS)
    return head + "\n\n" + "\n".join(items)


METHOD_NOTE = "\n\n".join((METHOD_PARTS[0].format(),
                            "\n".join(p.format(epsilon=EPSILON, low=LOW, high=HIGH)
                                      for p in METHOD_PARTS[1:])))


def cip_components(obs_wide: pd.DataFrame) -> pd.DataFrame:
    """The six CIP components (UNIDO CIP methodology) from pack indicators.

    ``obs_wide`` has columns ``iso3``, ``year`` and the indicator ids of
    ``COMPONENT_SOURCES`` (or an ``(iso3, year)`` index). Two-part components are the mean of
    both parts and are missing when either part is. Returns ``iso3, year`` and the six
    component columns, one row per country-year.
    """
    frame = obs_wide.reset_index() if "iso3" not in obs_wide.columns else obs_wide
    needed = sorted({s for parts in COMPONENT_SOURCES.values() for s in parts})
    missing = [c for c in ["iso3", "year", *needed] if c not in frame.columns]
    if missing:
        raise DataError(f"CIP inputs lack column(s): {', '.join(missing)}")
    out = frame[["iso3", "year"]].copy()
    for component, parts in COMPONENT_SOURCES.items():
        # mean(skipna=False): a two-part component is missing when either part is.
        out[component] = frame[list(parts)].astype(float).mean(axis=1, skipna=False)
    return out.reset_index(drop=True)


def normalise(values: np.ndarray, method: str = "minmax") -> np.ndarray:
    """Column-wise normalisation of a complete countries x components array, positive throughout.

    ``minmax``: minimum -> ``EPSILON``, maximum -> 1, linear in between.
    ``zscore``: (x - mean) / sd, then shifted so that the minimum is ``ZSCORE_FLOOR`` (i.e.
    z - min(z) + 1). A geometric mean needs positive values; the shift keeps distances in
    standard-deviation units, and putting the floor one standard deviation above zero (not
    at an epsilon) penalises a weak component much less -- which is what makes this a real
    alternative rather than a rescaling (a constant factor on one component does not change
    geometric-mean ranks, but the offset does). A component with no spread gets 1 everywhere.
    """
    low, high = values.min(axis=0), values.max(axis=0)
    spread = np.where(high > low, high - low, 1.0)
    if method == "minmax":
        scaled = EPSILON + (1.0 - EPSILON) * ((values - low) / spread)
    elif method == "zscore":
        sd = values.std(axis=0)
        z = (values - values.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
        scaled = z - z.min(axis=0) + ZSCORE_FLOOR
    else:
        raise ValueError(f"normalisation must be 'minmax' or 'zscore', not {method!r}")
    return np.where(high > low, scaled, 1.0)


def _geometric_scores(normalised: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted geometric means, one column per weight vector (rows of ``weights`` sum to 1)."""
    return np.exp(np.log(normalised) @ weights.T)


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score, per column; ties share the better rank."""
    frame = pd.DataFrame(scores)
    return frame.rank(axis=0, ascending=False, method="min").to_numpy().astype(int)


def _missing_reasons(absent: np.ndarray) -> list[str]:
    """``"missing a, b"`` per row of a rows x components boolean array, ``""`` if none."""
    names = np.array(COMPONENTS)
    return ["missing " + ", ".join(names[row]) if row.any() else "" for row in absent]


def cip_scores(components: pd.DataFrame) -> pd.DataFrame:
    """CIP score and rank per country and year (UNIDO CIP: min-max per year, geometric mean).

    Per year, the countries with all six components are normalised (``normalise``, min-max
    with the ``EPSILON`` floor) and scored by the equal-weight geometric mean; rank 1 is the
    best. Countries with a missing component are unranked that year, with ``missing_reason``
    naming the components. Returns ``iso3, year, cip_score, cip_rank, n_ranked,
    missing_reason``.
    """
    frame = components.reset_index(drop=True)
    frame_missing = [c for c in ["iso3", "year", *COMPONENTS] if c not in frame.columns]
    if frame_missing:
        raise DataError(f"CIP components lack column(s): {', '.join(frame_missing)}")
    out = frame[["iso3", "year"]].copy()
    out["cip_score"] = np.nan
    out["cip_rank"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["n_ranked"] = 0
    absent = frame[list(COMPONENTS)].isna().to_numpy()
    complete = ~absent.any(axis=1)
    out["missing_reason"] = _missing_reasons(absent)
    equal = np.full((1, len(COMPONENTS)), 1.0 / len(COMPONENTS))
    for _year, rows in frame[complete].groupby("year"):
        values = rows[list(COMPONENTS)].to_numpy(dtype=float)
        scores = _geometric_scores(normalise(values), equal)
        out.loc[rows.index, "cip_score"] = scores[:, 0]
        out.loc[rows.index, "cip_rank"] = _ranks(scores)[:, 0]
        out.loc[frame["year"] == rows["year"].iloc[0], "n_ranked"] = len(rows)
    return out


def cip_sensitivity(components: pd.DataFrame, year: int, n_draws: int = 1000,
                    seed: int = 0) -> pd.DataFrame:
    """How robust each CIP rank is to weights and normalisation in ``year``.

    Weights: ``n_draws`` weight vectors from a flat Dirichlet(1, ..., 1) -- uniform over all
    ways of splitting the weight across the six components -- seeded for reproducibility;
    ``rank_low``/``rank_high`` are the ``RANK_INTERVAL`` percentiles of each country's ranks
    (so material can say "rank 54 (48-61)"). Normalisation: ``rank_zscore`` is the equal-weight
    rank under shifted z-scores (``normalise``). Sensitivity analysis as recommended by the
    OECD/JRC *Handbook on Constructing Composite Indicators* (2008). Only countries with all
    six components in ``year`` are ranked. Returns ``iso3, rank, rank_low, rank_high,
    rank_zscore`` ordered by rank.
    """
    rows = components[(components["year"] == year)].dropna(subset=list(COMPONENTS))
    if rows.empty:
        years = sorted(components.dropna(subset=list(COMPONENTS))["year"].unique())
        raise DataError(f"no country has all six CIP components in {year}; years with "
                        f"complete data: {', '.join(str(int(y)) for y in years) or 'none'}")
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    values = rows[list(COMPONENTS)].to_numpy(dtype=float)
    equal = np.full((1, len(COMPONENTS)), 1.0 / len(COMPONENTS))
    minmax = normalise(values, "minmax")
    weights = np.random.default_rng(seed).dirichlet(np.ones(len(COMPONENTS)), size=n_draws)
    draws = _ranks(_geometric_scores(minmax, weights))
    low, high = np.percentile(draws, RANK_INTERVAL, axis=1, method="nearest")
    result = pd.DataFrame({
        "iso3": rows["iso3"].to_numpy(),
        "rank": _ranks(_geometric_scores(minmax, equal))[:, 0],
        "rank_low": low.astype(int),
        "rank_high": high.astype(int),
        "rank_zscore": _ranks(_geometric_scores(normalise(values, "zscore"), equal))[:, 0],
    })
    return result.sort_values("rank", ignore_index=True)


def cip_indicators(obs_long: pd.DataFrame) -> pd.DataFrame:
    """Long ``iso3, year, indicator, value`` rows of ``cip_score`` and ``cip_rank`` for the
    pack build, from the pack's observations of non-aggregate countries (``cip_components``
    then ``cip_scores``); unranked country-years produce no rows."""
    needed = sorted({s for parts in COMPONENT_SOURCES.values() for s in parts})
    rows = obs_long[obs_long["indicator"].isin(needed)]
    wide = rows.pivot_table(index=["iso3", "year"], columns="indicator", values="value",
                            aggfunc="first").reindex(columns=needed)
    scores = cip_scores(cip_components(wide.reset_index()))
    ranked = scores[scores["cip_rank"].notna()]
    long = ranked.melt(id_vars=["iso3", "year"], value_vars=["cip_score", "cip_rank"],
                       var_name="indicator", value_name="value")
    long["value"] = long["value"].astype(float)
    return long.sort_values(["indicator", "year", "iso3"], ignore_index=True)


# --------------------------------------------------------------------- per Dataset, once
def dataset_components(ds) -> pd.DataFrame:
    """The six components for every country and year of the pack (``cip_components`` over
    its observations), computed once per Dataset (``Dataset.cached``)."""
    def compute() -> pd.DataFrame:
        needed = sorted({s for parts in COMPONENT_SOURCES.values() for s in parts})
        countries = list(ds.countries().index)
        long = pd.concat([ds.series(ind, countries).assign(indicator=ind) for ind in needed])
        wide = long.pivot_table(index=["iso3", "year"], columns="indicator", values="value",
                                aggfunc="first").reindex(columns=needed)
        return cip_components(wide.reset_index())

    return ds.cached(("metrics.cip.dataset_components",), compute)


def dataset_scores(ds) -> pd.DataFrame:
    """The pack's ``cip_score`` and ``cip_rank`` (computed at build by ``cip_indicators``)
    as ``iso3, year, cip_score, cip_rank, n_ranked``; empty when the pack has no CIP."""
    def compute() -> pd.DataFrame:
        columns = ["iso3", "year", "cip_score", "cip_rank", "n_ranked"]
        if "cip_rank" not in ds.catalogue or "cip_score" not in ds.catalogue:
            return pd.DataFrame(columns=columns)
        rank = ds.series("cip_rank").dropna(subset=["value"]).rename(columns={"value": "cip_rank"})
        score = ds.series("cip_score").rename(columns={"value": "cip_score"})
        out = rank.merge(score, on=["iso3", "year"], how="left")
        out["cip_rank"] = out["cip_rank"].astype(int)
        out["n_ranked"] = out.groupby("year")["iso3"].transform("size")
        return out[columns].reset_index(drop=True)

    return ds.cached(("metrics.cip.dataset_scores",), compute)


def dataset_sensitivity(ds, year: int) -> pd.DataFrame:
    """``cip_sensitivity`` of the pack's components in ``year`` (index ``iso3``), once per
    Dataset and year."""
    return ds.cached(("metrics.cip.dataset_sensitivity", int(year)),
                     lambda: cip_sensitivity(dataset_components(ds), int(year)).set_index("iso3"))
