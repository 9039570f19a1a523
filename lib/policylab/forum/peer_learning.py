"""Who could learn from whom: peers that started where a country is now and improved.

A country learns most from a peer that faced a similar situation not long ago and moved
forward since: its experience is recent and its starting point comparable. The rule works
on the long observation table (``iso3, year, indicator, value``), so it can be fed from a
data pack's ``ds.obs`` or from any other source in the same shape.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from policylab.errors import DataError
from policylab.evidence.breaks import change_is_sound, series_flags
from policylab.forum.gather import workshop_countries

PAIR_COLUMNS = ["indicator", "learner", "teacher", "learner_value", "learner_year",
                "teacher_start_value", "teacher_start_year", "teacher_end_value",
                "teacher_end_year", "change", "change_in_spreads", "spread"]


def peer_learning_pairs(data, countries: Iterable[str], indicators: Iterable[str],
                        window: int = 10, tolerance: float = 0.25,
                        min_improvement: float = 0.5,
                        higher_is_better: Mapping[str, bool | None] | None = None,
                        teachers: Iterable[str] | None = None, start_slack: int = 2,
                        max_teachers: int = 3, sustained: int = 2) -> pd.DataFrame:
    """Pairs (learner, teacher, indicator) where the teacher's past matches the learner's
    present and the teacher improved strongly since.

    ``data`` is a long table ``iso3, year, indicator, value`` or a ``Dataset`` (its ``obs``
    is used and, unless ``higher_is_better`` is given, its catalogue's directions).
    An indicator whose direction is ``None`` (the catalogue's ``higher_is_better: null``,
    e.g. industry's share of CO2 emissions) gives no pairs: where neither way is better,
    no country has improved and none can teach.

    Rule, per indicator and learner (each of ``countries``):
    1. The learner's current level is its latest value (year ``y``).
    2. A teacher (any other of ``countries``, or of ``teachers`` when given) starts at its
       value in year ``y - window``, or the nearest year within ``start_slack`` years of it.
    3. Similar start: the teacher's start value is within ``tolerance`` spreads of the
       learner's current value, where the spread is the standard deviation of the
       indicator over all countries and years in ``data`` (so the rule is unit-free and
       works for indicators such as the ECI that can be negative).
    4. Strong improvement: from its start to its latest value, at least ``window // 2``
       years later, the teacher moved at least ``min_improvement`` spreads in the better
       direction (``higher_is_better``, default higher), and it is now ahead of the learner.
    5. Sustained: step 4's tests hold for each of the teacher's ``sustained`` latest
       values, and the improvement is measured to the least good of them, so that a
       one-year spike (often a break in the series) does not make a teacher.
    Per learner and indicator the ``max_teachers`` largest improvements are kept.
    Defaults: a 10-year window, a start within 0.25 spreads, an improvement of 0.5 spreads.

    The rule compares numbers only: with every country as a possible teacher it can pair
    a large economy with a small island. Pass structural or regional peers as ``teachers``
    when the comparison should also be about similar economies.
    """
    obs, directions = _observations(data, higher_is_better)
    learners = list(dict.fromkeys(countries))
    pool = list(dict.fromkeys(teachers)) if teachers is not None else learners
    if window < 2 or tolerance <= 0 or min_improvement <= 0 or sustained < 1:
        raise DataError("window must be at least 2 years, tolerance and min_improvement > 0 "
                        "and sustained at least 1")
    wanted = list(dict.fromkeys(indicators))
    obs = obs[obs["indicator"].isin(wanted)]
    rows = []
    for indicator in wanted:
        values = obs[obs["indicator"] == indicator]
        spread = float(values["value"].std())
        if values.empty or not math.isfinite(spread) or spread == 0:
            continue
        better = directions.get(indicator, True)
        if better is None:
            continue
        sign = 1.0 if better else -1.0
        by_country = {iso3: group.set_index("year")["value"].sort_index()
                      for iso3, group in values.groupby("iso3")}
        for learner in learners:
            if learner not in by_country:
                continue
            found = [row for teacher in pool if teacher != learner and teacher in by_country
                     if (row := _pair(indicator, learner, teacher, by_country, spread, sign,
                                      window, tolerance, min_improvement, start_slack,
                                      sustained))]
            found.sort(key=lambda row: -row["change_in_spreads"])
            rows.extend(found[:max_teachers])
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _pair(indicator: str, learner: str, teacher: str, by_country: dict[str, pd.Series],
          spread: float, sign: float, window: int, tolerance: float, min_improvement: float,
          start_slack: int, sustained: int) -> dict | None:
    own = by_country[learner]
    learner_year, learner_value = int(own.index[-1]), float(own.iloc[-1])
    path = by_country[teacher]
    target = learner_year - window
    near = path[(path.index >= target - start_slack) & (path.index <= target + start_slack)]
    if near.empty:
        return None
    distances = [(abs(int(year) - target), int(year)) for year in near.index]
    start_year = min(distances)[1]
    start_value = float(path.loc[start_year])
    end_year, end_value = int(path.index[-1]), float(path.iloc[-1])
    recent = path[path.index > start_year].iloc[-sustained:]
    least_good = float((sign * recent).min()) * sign if len(recent) == sustained else math.nan
    improvement = sign * (least_good - start_value) / spread
    if (math.isnan(improvement) or end_year - start_year < window // 2
            or abs(start_value - learner_value) > tolerance * spread
            or improvement < min_improvement
            or sign * (least_good - learner_value) <= 0):
        return None
    return {
        "indicator": indicator, "learner": learner, "teacher": teacher,
        "learner_value": learner_value, "learner_year": learner_year,
        "teacher_start_value": start_value, "teacher_start_year": start_year,
        "teacher_end_value": end_value, "teacher_end_year": end_year,
        "change": end_value - start_value, "change_in_spreads": improvement,
        "spread": spread,
    }


def _observations(data, higher_is_better: Mapping[str, bool | None] | None
                  ) -> tuple[pd.DataFrame, dict[str, bool | None]]:
    """The observations and each indicator's better direction; ``None`` (kept, not
    dropped) marks an indicator with no better direction, which must not fall back to
    the default "higher"."""
    directions: dict[str, bool | None] = dict(higher_is_better or {})
    if isinstance(data, pd.DataFrame):
        obs = data
    elif hasattr(data, "obs"):
        obs = data.obs
        if higher_is_better is None:
            directions = {key: ind.higher_is_better for key, ind in data.catalogue.items()}
    else:
        raise DataError(f"expected a long observation table or a Dataset, got "
                        f"{type(data).__name__}")
    missing = {"iso3", "year", "indicator", "value"} - set(obs.columns)
    if missing:
        raise DataError(f"observations lack column(s) {', '.join(sorted(missing))}")
    return obs.dropna(subset=["value"]), directions


# ------------------------------------------------------------------ the workshop
#: Peer learning (``peer_learning_pairs``): the teacher's start is this many years before
#: the learner's latest year, within this many spreads of the learner's level, and it has
#: improved by at least this many spreads since. The forum rule's own defaults.
PAIR_WINDOW_YEARS = 10
PAIR_TOLERANCE_SD = 0.25
PAIR_MIN_IMPROVEMENT_SD = 0.5
#: ... and the progress holds in this many of the teacher's latest values, so that a
#: one-year spike (often a break in the series) does not make a teacher.
PAIR_SUSTAINED = 2
#: For levels that are always positive (shares, counts per person), a similar start also
#: means within this factor of the learner's level: 0.2 and 2.7 broadband lines per 100
#: people are close in standard deviations but a world apart in what they mean.
PAIR_MAX_RATIO = 2.0


def teacher_pool(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """Possible teachers: the workshop countries and the peers their notebooks compared
    them with (structural or chosen peers), not every country in the world."""
    pool = workshop_countries(results)
    pool += [p for r in results for p in r.get("peers", [])]
    return list(dict.fromkeys(pool))


def learning_pairs(ds, results: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``policylab.forum.peer_learning_pairs`` for the workshop countries as learners, on
    their headline indicators, with ``teacher_pool`` as teachers; strongest first.

    Pairs on positive levels whose starting points differ by more than ``PAIR_MAX_RATIO``
    times are dropped: the forum rule measures similarity in standard deviations, which
    for skewed indicators can call a tenfold difference "similar". So are pairs whose
    learner's level or teacher's latest level is older than the recency window
    (``ds.is_current``): a pair compares where the learner is *now*. The teacher's
    starting point lies, by the rule, ``PAIR_WINDOW_YEARS`` years before the learner's
    year; it is a past reference, always shown with its year.

    No pair rests on a likely series break, outlier or erratic series
    (``policylab.evidence.breaks``): the teacher's progress from its start to its latest
    year must be a change that may be stated (``change_is_sound``), and the learner's
    series must be readable (not erratic, its latest year not a one-year outlier)."""
    indicators = list(dict.fromkeys(i for r in results for i in r["headline"]))
    pairs = peer_learning_pairs(ds, workshop_countries(results), indicators,
                                window=PAIR_WINDOW_YEARS, tolerance=PAIR_TOLERANCE_SD,
                                min_improvement=PAIR_MIN_IMPROVEMENT_SD,
                                sustained=PAIR_SUSTAINED,
                                teachers=teacher_pool(results))
    low = pairs[["learner_value", "teacher_start_value"]].min(axis=1)
    high = pairs[["learner_value", "teacher_start_value"]].max(axis=1)
    similar = (low <= 0) | (high <= PAIR_MAX_RATIO * low)
    current = (pairs["learner_year"].map(ds.is_current).astype(bool)
               & pairs["teacher_end_year"].map(ds.is_current).astype(bool))
    kept = pairs[similar & current]
    sound = [sound_pair(ds, row) for row in kept.to_dict("records")]
    return (kept[pd.Series(sound, index=kept.index, dtype=bool)]
            .sort_values("change_in_spreads", ascending=False).reset_index(drop=True))


def sound_pair(ds, pair: Mapping[str, Any]) -> bool:
    """May the pair be stated? The teacher's change from its start year to its latest
    year crosses no likely break or outlier and its series is not erratic; the learner's
    series is not erratic and its latest year is no one-year outlier
    (``policylab.evidence.breaks``)."""
    indicator = pair["indicator"]
    if indicator not in ds.catalogue:
        return True
    teacher = series_flags(ds, indicator, pair["teacher"])
    learner = series_flags(ds, indicator, pair["learner"])
    return (change_is_sound(teacher, int(pair["teacher_start_year"]),
                            int(pair["teacher_end_year"]))
            and not learner.erratic and int(pair["learner_year"]) not in learner.outliers)
