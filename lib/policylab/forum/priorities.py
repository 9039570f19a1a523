"""The workshop scorecard and the priorities countries share, from their results files.

A results file (DESIGN §9; ``policylab.results``) holds, per country and notebook, headline
figures against the peer median and the challenge flags the notebook diagnosed. These rules
only read what the notebooks wrote: no flag is re-diagnosed here, so the forum and the
country notebooks can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from policylab.cases import CHALLENGE_FLAGS, flag_label
from policylab.errors import DataError
from policylab.results import FLAG_RULES

SCORECARD_COLUMNS = ["country", "notebook", "indicator", "value", "year", "peer_median", "gap"]
PRIORITY_COLUMNS = ["flag", "label", "megatrend", "n_countries", "share", "countries",
                    "evidence"]


def scorecard(results: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per country and headline indicator: value, year, peer median and gap.

    When two notebooks report the same indicator for a country, the figure with the later
    year is kept (the first one given on a tie), so every country appears once per
    indicator. Missing numbers stay NaN (the display says "no data").
    """
    rows = []
    for result in _checked(results):
        for indicator, figure in result["headline"].items():
            rows.append({
                "country": result["country"],
                "notebook": result.get("notebook", ""),
                "indicator": str(indicator),
                "value": _number(figure.get("value")),
                "year": _year(figure.get("year")),
                "peer_median": _number(figure.get("peer_median")),
                "gap": _number(figure.get("gap")),
            })
    table = pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    if table.empty:
        return table
    table["_order"] = range(len(table))
    table = (table.sort_values(["country", "indicator", "year", "_order"],
                               ascending=[True, True, False, True], na_position="last")
             .drop_duplicates(["country", "indicator"], keep="first")
             .drop(columns="_order")
             .reset_index(drop=True))
    table["year"] = table["year"].astype("Int64")
    return table


def shared_priorities(results: Iterable[Mapping[str, Any]], min_countries: int = 2,
                      min_share: float | None = None) -> pd.DataFrame:
    """Challenge flags that several of the workshop's countries have in common.

    Rule: a flag counts for a country when any of that country's results files lists it.
    A flag is a shared priority when at least ``min_countries`` countries have it, or, if
    ``min_share`` is given, when at least that share of the workshop's countries (those with
    a results file) have it. Rows are ordered by the number of countries, then by the flag
    vocabulary's order.

    ``evidence`` lists, per country concerned, the headline figure behind the flag (value,
    year, peer median; the first of the flag's evidence indicators the country reports), so
    the group sees the numbers and not just the label.
    """
    results = _checked(results)
    if min_countries < 1:
        raise DataError(f"min_countries must be at least 1, got {min_countries}")
    if min_share is not None and not 0 < min_share <= 1:
        raise DataError(f"min_share must be a share between 0 and 1, got {min_share}")
    flagged: dict[str, list[str]] = {}
    for result in results:
        for flag in result["flags"]:
            countries = flagged.setdefault(str(flag), [])
            if result["country"] not in countries:
                countries.append(result["country"])
    n_workshop = len({r["country"] for r in results})
    figures = scorecard(results)
    rows = []
    for flag, countries in flagged.items():
        share = len(countries) / n_workshop
        if len(countries) < min_countries and (min_share is None or share < min_share):
            continue
        known = CHALLENGE_FLAGS.get(flag)
        rows.append({
            "flag": flag,
            "label": flag_label(flag),
            "megatrend": known.megatrend if known else None,
            "n_countries": len(countries),
            "share": share,
            "countries": tuple(sorted(countries)),
            "evidence": [_evidence(figures, country, flag) for country in sorted(countries)],
        })
    order = {flag: position for position, flag in enumerate(CHALLENGE_FLAGS)}
    rows.sort(key=lambda row: (-row["n_countries"], order.get(row["flag"], len(order)),
                               row["flag"]))
    return pd.DataFrame(rows, columns=PRIORITY_COLUMNS)


def evidence_indicators(flag: str) -> tuple[str, ...]:
    """Indicators whose headline figures are the evidence for ``flag``: the indicator of the
    rule that raises it (``policylab.results.FLAG_RULES``), then the case library's list."""
    from_rules = [rule.indicator for rule in FLAG_RULES if rule.name == flag]
    from_vocabulary = list(CHALLENGE_FLAGS[flag].indicators) if flag in CHALLENGE_FLAGS else []
    return tuple(dict.fromkeys(from_rules + from_vocabulary))


def _evidence(figures: pd.DataFrame, country: str, flag: str) -> dict[str, Any]:
    own = figures[figures["country"] == country].set_index("indicator")
    for indicator in evidence_indicators(flag):
        if indicator in own.index:
            row = own.loc[indicator]
            year = row["year"]
            return {"country": country, "indicator": indicator, "value": row["value"],
                    "year": None if pd.isna(year) else int(year),
                    "peer_median": row["peer_median"]}
    return {"country": country, "indicator": None, "value": math.nan, "year": None,
            "peer_median": math.nan}


def _checked(results: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    checked = []
    for position, result in enumerate(results, start=1):
        if not isinstance(result, Mapping):
            raise DataError(f"results #{position}: expected a results mapping, got "
                            f"{type(result).__name__}")
        where = f"results #{position} ({result.get('country', '?')}, " \
                f"{result.get('notebook', '?')})"
        missing = [key for key in ("country", "headline", "flags") if key not in result]
        if missing:
            raise DataError(f"{where}: missing {', '.join(missing)}")
        if not isinstance(result["headline"], Mapping):
            raise DataError(f"{where}: headline must map indicator ids to figures")
        for indicator, figure in result["headline"].items():
            if not isinstance(figure, Mapping):
                raise DataError(f"{where}: headline {indicator!r} must hold value, year, "
                                "peer_median and gap")
        if not isinstance(result["flags"], list | tuple):
            raise DataError(f"{where}: flags must be a list of names")
        checked.append(result)
    if not checked:
        raise DataError("no results to synthesise: run the country notebooks first")
    return checked


def _number(value: Any) -> float:
    return math.nan if value is None else float(value)


def _year(value: Any) -> float:
    return math.nan if value is None else int(value)
