"""Derived indicators: each catalogue ``recipe`` computed from other indicators.

Methods (the only ones a recipe may name):
- ``product``: ``factors`` multiplied, times ``scale`` (e.g. a share times a total / 100);
- ``ratio``: ``numerator / denominator * scale`` (a zero denominator gives no value);
- ``residual``: ``total`` minus the sum of ``minus``;
- ``sum``: the ``parts`` added up (a value only where every part exists);
- ``coalesce``: ``primary`` where it exists, else ``fallback``;
- ``fallback_flag``: 1 where ``coalesce`` of the same pair used the fallback, 0 where not;
- ``world_share``: the country's value of ``of`` as a percentage of the sum over all
  countries with data that year; groups of countries are left out of the sum and get no
  value, so the world is never counted twice.
Inputs are matched on (country, year): a value exists only where every input does.

Recipes with method ``analysis`` name a method of the analysis layer instead (``cip``: the
Competitive Industrial Performance composite; ``complexity``: ECI and export diversity from
the trade table); :func:`compute_analysis` runs them after the recipes above, because they
read the derived indicators (MVA per capita, world shares) and the trade table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from policylab.catalogue import Indicator
from policylab.errors import DataError
from policylab.metrics.cip import cip_indicators
from policylab.metrics.complexity import complexity_indicators

Series = pd.Series  # indexed by (iso3, year)
INPUT_KEYS = ("factors", "numerator", "denominator", "minus", "parts", "primary", "fallback",
              "of")


#: The inputs a derived value is computed from together (not ``primary``/``fallback``,
#: of which a year's value is one or the other).
COMBINED_KEYS = tuple(k for k in INPUT_KEYS if k not in ("primary", "fallback"))


def recipe_inputs(recipe: dict[str, Any], keys: tuple[str, ...] = INPUT_KEYS) -> list[str]:
    """Indicator ids a recipe reads (under ``keys``)."""
    inputs: list[str] = []
    for key in keys:
        value = recipe.get(key)
        if isinstance(value, str):
            inputs.append(value)
        elif isinstance(value, list):
            inputs.extend(str(v) for v in value)
    return inputs


def compute_derived(obs: pd.DataFrame, catalogue: dict[str, Indicator],
                    aggregates: set[str]) -> pd.DataFrame:
    """Long ``iso3, year, indicator, value`` of every available derived indicator.

    ``obs`` holds the measured indicators (long); recipes are evaluated in dependency
    order, so a derived indicator may use another (``mva_per_capita`` uses ``mva_usd``).
    """
    known: dict[str, Series] = {
        ind: rows.set_index(["iso3", "year"])["value"]
        for ind, rows in obs.groupby("indicator", sort=False)
    }
    pending = {i.id: i for i in catalogue.values()
               if i.derived and i.available and i.recipe["method"] != ANALYSIS}
    for indicator in pending.values():
        if indicator.recipe["method"] not in METHODS:
            raise DataError(f"indicator {indicator.id}: unknown recipe method "
                            f"{indicator.recipe['method']!r} (known: {', '.join(METHODS)})")
        for needed in recipe_inputs(indicator.recipe):
            if needed not in catalogue:
                raise DataError(f"indicator {indicator.id}: recipe uses unknown id {needed!r}")
    results: list[pd.DataFrame] = []
    while pending:
        ready = [i for i in pending.values()
                 if all(n in known or n not in pending for n in recipe_inputs(i.recipe))]
        if not ready:
            raise DataError("derived indicators depend on each other in a circle: "
                            + ", ".join(sorted(pending)))
        for indicator in ready:
            inputs = {n: known.get(n, _empty()) for n in recipe_inputs(indicator.recipe)}
            values = METHODS[indicator.recipe["method"]](indicator.recipe, inputs, aggregates)
            values = values.dropna()
            values = values[~values.isin([float("inf"), float("-inf")])]
            known[indicator.id] = values
            frame = values.rename("value").reset_index()
            frame["indicator"] = indicator.id
            results.append(frame)
            del pending[indicator.id]
    if not results:
        return pd.DataFrame(columns=["iso3", "year", "indicator", "value"])
    return pd.concat(results, ignore_index=True)[["iso3", "year", "indicator", "value"]]


def _empty() -> Series:
    index = pd.MultiIndex.from_arrays([[], []], names=["iso3", "year"])
    return pd.Series([], index=index, dtype="float64")


def _aligned(series: list[Series]) -> pd.DataFrame:
    return pd.concat(series, axis=1, join="inner")


def _product(recipe: dict, inputs: dict[str, Series], _: set[str]) -> Series:
    both = _aligned([inputs[f] for f in recipe["factors"]])
    return both.prod(axis=1) * float(recipe.get("scale", 1))


def _ratio(recipe: dict, inputs: dict[str, Series], _: set[str]) -> Series:
    both = _aligned([inputs[recipe["numerator"]], inputs[recipe["denominator"]]])
    denominator = both.iloc[:, 1].where(both.iloc[:, 1] != 0)
    return both.iloc[:, 0] / denominator * float(recipe.get("scale", 1))


def _residual(recipe: dict, inputs: dict[str, Series], _: set[str]) -> Series:
    parts = _aligned([inputs[m] for m in recipe["minus"]])
    return float(recipe["total"]) - parts.sum(axis=1)


def _sum(recipe: dict, inputs: dict[str, Series], _: set[str]) -> Series:
    return _aligned([inputs[p] for p in recipe["parts"]]).sum(axis=1)


def _coalesce(recipe: dict, inputs: dict[str, Series], _: set[str]) -> Series:
    return inputs[recipe["primary"]].combine_first(inputs[recipe["fallback"]])


def _fallback_flag(recipe: dict, inputs: dict[str, Series], _: set[str]) -> Series:
    primary, fallback = inputs[recipe["primary"]], inputs[recipe["fallback"]]
    used = fallback.index.difference(primary.index)
    flag = pd.Series(0.0, index=primary.index)
    return pd.concat([flag, pd.Series(1.0, index=used)]).sort_index()


def _world_share(recipe: dict, inputs: dict[str, Series], aggregates: set[str]) -> Series:
    values = inputs[recipe["of"]]
    countries = values[~values.index.get_level_values("iso3").isin(aggregates)]
    totals = countries.groupby(level="year").transform("sum")
    return countries / totals.where(totals != 0) * 100.0


METHODS: dict[str, Callable[[dict, dict[str, Series], set[str]], Series]] = {
    "product": _product,
    "ratio": _ratio,
    "residual": _residual,
    "sum": _sum,
    "coalesce": _coalesce,
    "fallback_flag": _fallback_flag,
    "world_share": _world_share,
}


ANALYSIS = "analysis"


def compute_analysis(obs: pd.DataFrame, trade: pd.DataFrame, catalogue: dict[str, Indicator],
                     aggregates: set[str], complete: set[tuple[str, int]]
                     ) -> tuple[pd.DataFrame, list[str]]:
    """Long rows of the catalogue's ``analysis`` indicators: the CIP composite over
    countries (never groups) and export diversity over the product panel.

    Diversity is kept only for the country-years in ``complete`` (those that passed the
    panel's completeness check): RCA is computed against the whole panel, but a country
    whose own exports are incomplete cannot be counted. No panel, or one too small for the
    method after cleaning, leaves diversity out of the pack with a note.
    """
    notes: list[str] = []
    functions = {ind.recipe.get("function") for ind in catalogue.values()
                 if ind.derived and ind.available and ind.recipe["method"] == ANALYSIS}
    unknown = functions - {"cip", "complexity"}
    if unknown:
        raise DataError(f"unknown analysis function(s) in the catalogue: {sorted(unknown)}")
    frames = []
    if "cip" in functions:
        frames.append(cip_indicators(obs[~obs["iso3"].isin(aggregates)]))
    if "complexity" in functions:
        try:
            rows = complexity_indicators(trade)
            keys = pd.Series(list(zip(rows["iso3"], rows["year"], strict=True)), dtype=object)
            frames.append(rows[keys.isin(complete).to_numpy()])
        except DataError as error:
            notes.append(f"export diversity not computed: {error}")
    columns = ["iso3", "year", "indicator", "value"]
    if not frames:
        return pd.DataFrame(columns=columns), notes
    wanted = {i.id for i in catalogue.values() if i.available and i.derived
              and i.recipe["method"] == ANALYSIS}
    rows = pd.concat(frames, ignore_index=True)
    return rows[rows["indicator"].isin(wanted)][columns], notes
