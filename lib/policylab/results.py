"""The per-notebook results file (DESIGN §9) and the named challenges ("flags") in it.

Each per-country notebook ends by writing a small JSON file beside its output: the country,
the notebook, the data vintage, the peers, headline figures against the peer median, the
challenges diagnosed, and the key messages. The forum synthesis reads these files to find
priorities that countries share, so their shape is a contract: ``REQUIRED_KEYS``.

Flags are defined declaratively in ``FLAG_RULES``. A flag says "high" or "low", so it comes
from the world distribution only (DESIGN §10), never from the peers, who are for comparison:
a flag is raised when the country's latest value is in the worst quarter of all countries
with data in the same window (at or below the 25th percentile for a "low" flag, at or above
the 75th for a "high" one; ``policylab.evidence.percentiles.world_quartile``), with at least
``MIN_QUARTILE_COUNT`` countries. No flag rests on a figure that is a likely one-year outlier
or the first year of a new level at the end of the series (``policylab.evidence.breaks``).
A figure the publisher carries forward is judged, here as everywhere, as a figure of the year
it was measured (``policylab.evidence.carried``).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policylab import atomic
from policylab.errors import PolicylabError
from policylab.evidence import carried
from policylab.evidence.breaks import series_flags
from policylab.evidence.medians import peer_median
from policylab.evidence.percentiles import percentile_of, quartile_values, world_quartile
from policylab.i18n import _
from policylab.peers import PeerSelection

REQUIRED_KEYS = ("country", "notebook", "data_vintage", "peers", "headline", "flags",
                 "messages")
HEADLINE_KEYS = ("value", "year", "peer_median", "gap")


class ResultsError(PolicylabError):
    """A results file that is missing, unreadable or lacks required content."""


@dataclass(frozen=True)
class Headline:
    """One headline figure: the country's latest ``value`` and its ``year``, the median of
    its peers' latest values near that year, and ``gap = value - peer_median``.

    The gap's sign is neutral: whether a negative gap is a shortfall depends on the
    indicator's ``higher_is_better`` (see ``behind_peers``). Missing numbers are NaN.
    """

    value: float
    year: int | None
    peer_median: float
    gap: float

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "year": self.year, "peer_median": self.peer_median,
                "gap": self.gap}

    def behind_peers(self, higher_is_better: bool | None) -> bool | None:
        """True when the gap is a shortfall for an indicator where ``higher_is_better``;
        None when the gap or the direction is unknown."""
        if higher_is_better is None or math.isnan(self.gap):
            return None
        return self.gap < 0 if higher_is_better else self.gap > 0


def headline_for(ds, indicator: str, country: str, peers: Iterable[str] | PeerSelection,
                 year: int | None = None) -> Headline:
    """The country's latest value (up to ``year``; a carried-forward one with the year it
    was measured) against the evidence layer's median of its peers' latest values up to
    the country's own year (so both refer to the same period, and the results file states
    the median the page states); NaN where there is no data or fewer than three peers
    report (DESIGN §10)."""
    iso3 = ds.resolve(country)
    own = carried.latest(ds, indicator, iso3, max_year=year)
    reference = own.year if own.year is not None else year
    median = peer_median(ds, indicator, list(peers), reference).value
    return Headline(own.value, own.year, median, own.value - median)


# --------------------------------------------------------------------- results file
def build_results(country: str, notebook: str, data_vintage: str,
                  peers: Iterable[str] | PeerSelection,
                  headline: Mapping[str, Headline | Mapping[str, Any]],
                  flags: Sequence[str], messages: Sequence[object]) -> dict[str, Any]:
    """The results document; messages may be ``KeyMessage`` objects or text."""
    figures = {}
    for indicator, figure in headline.items():
        figures[str(indicator)] = (figure.as_dict() if isinstance(figure, Headline)
                                   else {key: figure[key] for key in HEADLINE_KEYS})
    return {
        "country": str(country),
        "notebook": str(notebook),
        "data_vintage": str(data_vintage),
        "peers": [str(code) for code in peers],
        "headline": figures,
        "flags": [str(flag) for flag in flags],
        "messages": [str(message) for message in messages],
    }


def write_results(path: str | os.PathLike | None, results: Mapping[str, Any]) -> Path | None:
    """Write ``results`` as JSON, atomically; NaN and infinities become null. An empty path
    (the notebooks' default ``results_path = ""``) writes nothing and returns None."""
    if not path:
        return None
    _check_keys(results, str(path))
    text = json.dumps(_json_ready(dict(results)), indent=2, ensure_ascii=False,
                      allow_nan=False)
    atomic.write_text(path, text + "\n")
    return Path(path)


def read_results(path: str | os.PathLike) -> dict[str, Any]:
    """Read a results file, checking it has every required key and well-formed headlines."""
    path = Path(path)
    if not path.exists():
        raise ResultsError(f"results file not found: {path}")
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultsError(f"results file {path} is not valid JSON: {exc}") from exc
    if not isinstance(results, dict):
        raise ResultsError(f"results file {path} should hold a JSON object, "
                           f"found {type(results).__name__}")
    _check_keys(results, str(path))
    for indicator, figure in results["headline"].items():
        if not isinstance(figure, dict) or set(HEADLINE_KEYS) - set(figure):
            raise ResultsError(f"results file {path}: headline {indicator!r} needs "
                               f"{', '.join(HEADLINE_KEYS)}")
    return results


def _check_keys(results: Mapping[str, Any], where: str) -> None:
    missing = [key for key in REQUIRED_KEYS if key not in results]
    if missing:
        raise ResultsError(f"results file {where} lacks required key(s) {', '.join(missing)} "
                           f"(a results file has {', '.join(REQUIRED_KEYS)})")
    for key in ("peers", "flags", "messages"):
        if not isinstance(results[key], list | tuple):
            raise ResultsError(f"results file {where}: {key!r} should be a list")
    if not isinstance(results["headline"], Mapping):
        raise ResultsError(f"results file {where}: 'headline' should be a mapping of "
                           "indicator id to figures")


def _json_ready(value: Any) -> Any:
    if isinstance(value, Headline):
        return _json_ready(value.as_dict())
    if isinstance(value, Mapping):
        return {str(key): _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(item) for item in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# --------------------------------------------------------------------- flags
@dataclass(frozen=True)
class FlagRule:
    """A named challenge: ``indicator`` is in the world's worst quarter; ``worse`` is
    ``"low"`` or ``"high"`` (which side is the challenge)."""

    name: str
    indicator: str
    worse: str

    @property
    def description(self) -> str:
        if self.worse == "low":
            return _("{name}: {indicator} in the world's worst quarter (the lowest 25% of "
                     "countries with data)").format(name=self.name, indicator=self.indicator)
        return _("{name}: {indicator} in the world's worst quarter (the highest 25% of "
                 "countries with data)").format(name=self.name, indicator=self.indicator)


#: The rules, named as in ``policylab.cases.CHALLENGE_FLAGS`` (the case library's vocabulary).
#: Foreign direct investment has no rule: the pack holds it only in US$, which measures
#: size rather than performance. A narrow export basket has no rule either: product-level
#: diversity exists only for the product panel's year (2016 offline), outside the recency
#: window, so it may not raise a flag that feeds the forum.
FLAG_RULES: tuple[FlagRule, ...] = (
    FlagRule("low_mva_share", "mva_share_gdp", "low"),
    FlagRule("low_mva_per_capita", "mva_per_capita", "low"),
    FlagRule("low_mht_share", "mht_share_mva", "low"),
    FlagRule("low_manuf_exports", "manuf_share_merch_exports", "low"),
    FlagRule("high_emission_intensity", "co2_per_gdp", "high"),
    FlagRule("high_energy_intensity", "energy_intensity", "high"),
    FlagRule("low_renewable_share", "renewable_share_electricity", "low"),
    FlagRule("low_broadband", "fixed_broadband_per100", "low"),
    FlagRule("low_internet_use", "internet_users_share", "low"),
    FlagRule("low_rd", "rd_share_gdp", "low"),
    FlagRule("low_eci", "eci", "low"),
)


def rules_for(indicators: Iterable[str] | None,
              rules: Sequence[FlagRule] = FLAG_RULES) -> list[FlagRule]:
    """The ``rules`` about these indicator ids (a lesson's ``LessonSpec.flags``); None: all."""
    wanted = None if indicators is None else set(indicators)
    return [rule for rule in rules if wanted is None or rule.indicator in wanted]


@dataclass(frozen=True)
class Challenge:
    """A challenge rule the country's figure breaks, with its evidence: the ``figure``
    (dated by when it was measured), its ``percentile`` among the ``count`` countries the
    rule reads (``evidence.percentiles.quartile_values``) and the ``edge`` where the
    world's worst quarter ends."""

    rule: FlagRule
    figure: carried.Latest
    percentile: float
    count: int
    edge: float


def challenges(ds, country: str, indicators: Iterable[str] | None = None,
               year: int | None = None, rules: Sequence[FlagRule] = FLAG_RULES) -> list[Challenge]:
    """The ``rules`` the country breaks (in rule order), with the evidence for each.

    ``indicators`` limits the rules to those about these indicator ids (a notebook passes
    its own topic's); None applies all. A rule without the data it needs (the country's
    value, or enough countries for a quartile) is not raised: no data is reported by the
    missing-data messages, not as a challenge; nor is one whose figure is a likely outlier
    or a break at the end of the series.
    """
    iso3 = ds.resolve(country)
    found = []
    for rule in rules_for(indicators, rules):
        if rule.indicator not in ds.catalogue:
            continue
        own = carried.latest(ds, rule.indicator, iso3, max_year=year)
        if own.year is None or _unsound_latest(ds, rule.indicator, iso3, own.year):
            continue
        edge = world_quartile(ds, rule.indicator, own.year, rule.worse)
        if _in_worst_quartile(own.value, edge, rule):
            values = quartile_values(ds, rule.indicator, own.year)
            found.append(Challenge(rule, own, percentile_of(own.value, values), len(values),
                                   edge))
    return found


def diagnose_flags(ds, country: str, indicators: Iterable[str] | None = None,
                   year: int | None = None, rules: Sequence[FlagRule] = FLAG_RULES) -> list[str]:
    """Names of the ``rules`` the country breaks, in rule order (:func:`challenges`)."""
    return [found.rule.name for found in challenges(ds, country, indicators, year, rules)]


def _unsound_latest(ds, indicator: str, iso3: str, year: int) -> bool:
    """The latest figure is a likely one-year outlier, or a jump to a new level in the last
    year itself (nothing after it yet shows whether it is real)."""
    flags = series_flags(ds, indicator, iso3)
    return year in flags.outliers or bool(flags.breaks and flags.breaks[-1] == year)


def _in_worst_quartile(value: float, edge: float, rule: FlagRule) -> bool:
    if math.isnan(edge):
        return False
    return value <= edge if rule.worse == "low" else value >= edge
