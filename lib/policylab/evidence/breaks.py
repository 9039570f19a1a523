"""Likely series breaks and outliers (DESIGN §10): no change, trend, flag or pair is stated
across one.

Publishers rebase national accounts, change survey methods and revise one year but not its
neighbours; a change read across such a point measures the method, not the economy. The
rule is general (no country lists) and robust, judged on the series' own year-to-year
changes, in logs for positive levels (US$, tonnes, people: growth is proportional) and as
they are for shares and indices:

- the typical change is the median of the changes per year (a change across a gap in
  the data is spread over the years it spans), and its spread the median
  absolute deviation of those differences around it (x ``MAD_TO_SD``, a standard deviation for
  normal noise), floored at ``FLOOR_SHARE`` of the series' typical level so that a
  perfectly steady trend does not make every tiny wobble stand out;
- a jump is a difference more than ``K`` spreads away from the typical change (K = 8: never
  for ordinary noise) that is also material: at least ``MATERIAL_SHARE`` of the series'
  typical level (or that much in log points), so that a smooth series is not flagged for a
  small wobble (for levels, not from a base under a tenth of the typical level: early
  diffusion from almost nothing is growth, not a break);
- a jump followed at once by a jump back, to about where the series was, is a one-year
  **outlier**; any other jump is a **break** (a new level from that year on);
- a series whose spread is more than ``ERRATIC_SHARE`` of its typical level is **erratic**:
  it swings too much from year to year for any change in it to be read;
- a series whose last ``REPEAT_RUN`` or more values are exactly equal (not 0 or 100, not a
  whole number, which can stand still for real) is **carried forward**: the publisher repeats
  an old estimate, so no change is read into those years (UNIDO's medium and high-tech
  share, OWID's cement emissions).

A series needs ``MIN_POINTS`` observations to be judged; shorter ones carry no flag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from policylab.evidence.verdicts import MAD_TO_SD
from policylab.i18n import N_, _, using_language
from policylab.pack.derived import COMBINED_KEYS, recipe_inputs
from policylab.text import in_sentence

K = 8.0
FLOOR_SHARE = 0.03
MATERIAL_SHARE = 0.4
ERRATIC_SHARE = 0.25
LOW_BASE_SHARE = 0.1
MIN_POINTS = 5
REPEAT_RUN = 3

#: The rule in words for method boxes (its figures are K, ERRATIC_SHARE and REPEAT_RUN, which
#: a test checks); a page shows it translated: ``gettext(METHOD_TEXT)``.
METHOD_TEXT = N_(
    "**Series breaks and outliers.** A year-to-year change counts as a likely break or "
    "outlier when it lies more than 8 robust spreads (median absolute deviation of the "
    "series' own yearly changes) from its typical change; a jump that is undone the next "
    "year is a one-year outlier, any other a break (rebasing, a new survey). A series whose "
    "yearly swings exceed 25% of its typical level is erratic. No change, "
    "trend, flag or pair is stated across a break or from an outlier year, and charts mark "
    "both. When the last 3 or more figures are exactly equal, the publisher most "
    "likely carries an old estimate forward: no change is read into those years."
)


def method_text() -> str:
    """:data:`METHOD_TEXT` in the current language."""
    return _(METHOD_TEXT)


@dataclass(frozen=True)
class SeriesFlags:
    """``breaks``: years where a new level starts; ``outliers``: single odd years;
    ``erratic``: the whole series swings too much to read a change; ``repeated_since``: the
    latest values repeat one figure from that year on."""

    breaks: tuple[int, ...] = ()
    outliers: tuple[int, ...] = ()
    erratic: bool = False
    notes: tuple[str, ...] = field(default=())
    #: first year of a run of equal latest values (:func:`repeated_since`), else None
    repeated_since: int | None = None

    def carried_into(self, last: int) -> bool:
        """Whether a change up to ``last`` reaches into years that repeat a carried-forward
        figure (after the first year of the run, the one real measurement)."""
        return self.repeated_since is not None and last > self.repeated_since

    @property
    def flagged(self) -> bool:
        return bool(self.breaks or self.outliers or self.erratic
                    or self.repeated_since is not None)


def detect(years: Sequence[int], values: Sequence[float], log: bool = False,
           scale: float | None = None) -> SeriesFlags:
    """Flags of one series (missing values dropped first); ``log`` judges a positive level
    on its proportional changes (see :func:`judged_in_logs`); ``scale`` replaces the
    series' typical level as the yardstick (an index centred on zero has no level: see
    :func:`index_scale`)."""
    x = np.asarray(values, dtype=float)
    y = np.asarray(years, dtype=int)
    keep = ~np.isnan(x)
    order = np.argsort(y[keep], kind="stable")
    x, y = x[keep][order], y[keep][order]
    repeated = repeated_since(y, x)
    if log:  # a level is judged on its positive values: zeros (nothing produced yet, or a
        # year with none) have no proportional change; OWID's cement series starts with
        # decades of them
        positive = x > 0
        x, y = x[positive], y[positive]
    if len(x) < MIN_POINTS:
        return SeriesFlags(repeated_since=repeated)
    log = log and bool((x > 0).all())
    low_base = np.zeros(len(x) - 1, dtype=bool)
    if log:
        # early diffusion from a tiny base (0.01 -> 0.1 subscriptions per 100) is growth,
        # not a break: proportional jumps from under a tenth of the typical level are left
        low_base = np.minimum(x[:-1], x[1:]) < LOW_BASE_SHARE * float(np.median(x))
        x = np.log(x)
    # changes per year: a publisher's gap (2019, then 2023) spreads its change over the
    # years it spans instead of reading as one year's jump
    d = np.diff(x) / np.diff(y)
    typical = float(np.median(d))
    level = 1.0 if log else (scale if scale else float(np.median(np.abs(x))))
    spread = MAD_TO_SD * float(np.median(np.abs(d - typical)))
    erratic = not log and level > 0 and spread > ERRATIC_SHARE * level
    spread = max(spread, FLOOR_SHARE * level, 1e-12)
    jumps = ((np.abs(d - typical) > K * spread) & (np.abs(d) >= MATERIAL_SHARE * level)
             & ~low_base)
    breaks: list[int] = []
    outliers: list[int] = []
    skip = False
    for i in np.flatnonzero(jumps):
        if skip:
            skip = False
            continue
        undone = (i + 1 < len(d) and jumps[i + 1] and np.sign(d[i + 1]) != np.sign(d[i])
                  and abs(x[i + 2] - x[i]) <= K * spread / 2)
        if undone:
            outliers.append(int(y[i + 1]))
            skip = True
        else:
            breaks.append(int(y[i + 1]))
    return SeriesFlags(tuple(breaks), tuple(outliers), bool(erratic), repeated_since=repeated)


def repeated_since(years: Sequence[int], values: Sequence[float],
                   run: int = REPEAT_RUN) -> int | None:
    """The first year of the run of equal latest ``values`` (missing values dropped, sorted
    by year) when it is at least ``run`` long and its value is not a whole number (0%, 100%,
    a count or a rank can stand still for real); else None."""
    points = sorted((int(y), float(v)) for y, v in zip(years, values, strict=True)
                    if not np.isnan(v))
    if len(points) < run:
        return None
    last = points[-1][1]
    if last == round(last):
        return None
    count = 1
    while count < len(points) and points[-count - 1][1] == last:
        count += 1
    return points[-count][0] if count >= run else None


def change_is_sound(flags: SeriesFlags, first: int, last: int) -> bool:
    """May a change from ``first`` to ``last`` be stated? Not across a break, not from or to
    an outlier year, never in an erratic series, not into years that repeat a carried-forward
    figure."""
    if flags.erratic:
        return False
    if flags.carried_into(last):
        return False
    if first in flags.outliers or last in flags.outliers:
        return False
    return not any(first < year <= last for year in flags.breaks)


def why_not(flags: SeriesFlags, first: int, last: int, *, cell: bool = False) -> str:
    """The honest sentence in place of a change that may not be stated. ``cell``: the same
    for a table cell, without the pointer to the method box (erratic) and without what a
    break is ("a new level from that year"); :func:`why_not_short` is fewer words still."""
    if flags.erratic:
        return (_("the series swings too much from year to year") if cell else
                _("the series swings too much from year to year for a change to be read "
                  "(see the method box on series breaks)"))
    odd = [y for y in (first, last) if y in flags.outliers]
    if odd:
        return _("{year} looks like a one-year outlier in the source").format(year=odd[0])
    if flags.carried_into(last):
        return _("the same value repeats every year since {year}, most likely an old "
                 "estimate carried forward by the publisher").format(year=flags.repeated_since)
    crossed = [y for y in flags.breaks if first < y <= last]
    return (_("the series likely breaks in {year}") if cell else
            _("the series likely breaks in {year} (a new level from that year, e.g. a "
              "rebasing)")).format(year=crossed[0])


def why_not_in_cell(flags: SeriesFlags, first: int, last: int) -> str:
    """:func:`why_not` for a table cell (``cell=True``), as ``withheld``'s ``words``."""
    return why_not(flags, first, last, cell=True)


def why_not_short(flags: SeriesFlags, first: int, last: int) -> str:
    """:func:`why_not` in a few words, for chart titles and table cells: "likely series
    break in 2009", "2015 is a likely outlier", "the series swings too much from year to
    year"."""
    if flags.erratic:
        return _("the series swings too much from year to year")
    odd = [y for y in (first, last) if y in flags.outliers]
    if odd:
        return _("{year} is a likely outlier").format(year=odd[0])
    if flags.carried_into(last):
        return _("the same value every year since {year}").format(year=flags.repeated_since)
    return _("likely series break in {year}").format(
        year=[y for y in flags.breaks if first < y <= last][0])


def withheld(ds, indicator: str | Sequence[str], iso3: str, first: int, last: int, *,
             series: pd.Series | None = None,
             words: Callable[[SeriesFlags, int, int], str] = why_not) -> str:
    """"" when a change of ``iso3``'s ``indicator`` (or of each of several) from ``first``
    to ``last`` may be stated; else the reason (``words``: :func:`why_not`, or
    :func:`why_not_short`) for the first series that forbids it. ``series`` (index year)
    is a ratio computed from them, judged as it is."""
    first, last = int(first), int(last)
    flags = [series_flags(ds, i, iso3)
             for i in ((indicator,) if isinstance(indicator, str) else indicator)]
    if series is not None:
        points = series.dropna()
        flags.append(detect(points.index.tolist(), points.tolist()))
    unsound = next((f for f in flags if not change_is_sound(f, first, last)), None)
    return "" if unsound is None else words(unsound, first, last)


def judged_series(ds, indicator: str) -> tuple[str, ...]:
    """``indicator`` and every pack series it is computed from (recursively, per its
    catalogue recipe): a change of a computed series is stated only when it is sound in
    each of them, so a ratio inherits its inputs' breaks and erratic flags (manufactured
    exports per person are not read where the manufactures share swings too much)."""
    found = [indicator]
    for part in recipe_inputs(ds.indicator(indicator).recipe or {}, COMBINED_KEYS):
        if part in ds.catalogue:
            found += judged_series(ds, part)
    return tuple(dict.fromkeys(found))


def judged_in_logs(unit: str) -> bool:
    """Levels (US$, tonnes, people, per-100 counts) change proportionally; shares, indices
    and rates are judged as they are."""
    lowered = unit.lower()
    return not any(word in lowered for word in ("%", "index", "rank", "score", "flag"))


def index_scale(unit: str) -> float | None:
    """A standardised index (the ECI: mean 0, standard deviation 1 across countries each
    year) is judged against that standard deviation, not its own level near zero."""
    return 1.0 if "standardised" in unit.lower() else None


def series_flags(ds, indicator: str, country: str) -> SeriesFlags:
    """Flags of one country's series in the pack, computed once per Dataset."""
    def compute() -> SeriesFlags:
        rows = ds.series(indicator, country)
        with using_language("en"):  # the rule reads the catalogue's English unit words
            unit = ds.indicator(indicator).unit
        return detect(rows["year"].tolist(), rows["value"].tolist(), judged_in_logs(unit),
                      index_scale(unit))
    return ds.cached(("series_flags", indicator, country), compute)


def scan(obs: pd.DataFrame, units: dict[str, str]) -> pd.DataFrame:
    """Flags of every country-indicator series of a long table ``iso3, year, indicator,
    value`` (``units``: indicator id -> unit): one row per series with ``breaks``,
    ``outliers``, ``erratic``, ``flagged``. Rates of change (unit "% per year") and flags are
    left out: a growth rate has no level to break."""
    judged = {i for i in set(obs["indicator"].astype(str))
              if units.get(i, "") != "% per year" and not units.get(i, "").startswith("flag")}
    rows = obs[obs["indicator"].astype(str).isin(judged)].sort_values(
        ["indicator", "iso3", "year"], kind="stable")
    keys = rows["indicator"].astype(str).to_numpy() + "|" + rows["iso3"].astype(str).to_numpy()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    years, values = rows["year"].to_numpy(), rows["value"].to_numpy(dtype=float)
    records = []
    for start, end in zip(starts, [*starts[1:], len(keys)], strict=True):
        indicator, iso3 = keys[start].split("|")
        unit = units.get(indicator, "")
        flags = detect(years[start:end], values[start:end], judged_in_logs(unit),
                       index_scale(unit))
        records.append({"indicator": indicator, "iso3": iso3, "points": int(end - start),
                        "breaks": len(flags.breaks), "outliers": len(flags.outliers),
                        "erratic": flags.erratic, "flagged": flags.flagged})
    return pd.DataFrame.from_records(records)


def withheld_in(ds, series: Sequence[str], country: str, first: int, last: int) -> str | None:
    """Why a change over ``first``-``last`` built from ``series`` may not be read, in a few
    words naming the first series that forbids it ("likely series break in 2009 in
    agriculture's share of GDP"), or None."""
    for indicator in series:
        reason = withheld(ds, indicator, country, first, last, words=why_not_short)
        if reason:
            label = ds.indicator(indicator).label.split(" (")[0]
            return _("{reason} in {indicator}").format(reason=reason,
                                                       indicator=in_sentence(label))
    return None
