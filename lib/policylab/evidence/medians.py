"""Group and peer medians with the number of countries behind them (DESIGN §10).

A median of two countries is one of them, or halfway between them; stated as "the group
median" it reads like a benchmark. So a median here always comes with its count, and
needs ``MIN_COUNT`` countries with data, else it has no value and a sentence says how many
report. Income-group and region medians by year are computed one way for every lesson (they
used to be computed with and without a coverage filter, so two lessons could state
different medians for the same indicator).

A value the publisher carries forward counts as a figure of the year it was measured
(``evidence.carried``): in a median of latest values only when that year is in the window,
in a yearly median only in that year. Uganda's medium and high-tech share, published for
2022 but measured in 2000, is not a 2022 figure of its peers' median.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from policylab.evidence.carried import dated, latest_of, latest_values, rows
from policylab.i18n import _, ngettext
from policylab.pack.dataset import GROUPS, RECENCY_YEARS, Dataset

#: A median needs at least this many countries with data.
MIN_COUNT = 3
#: A yearly group median is kept only in years when at least this share of the group's
#: best-covered year reports (in the latest year often only a few members have published,
#: and their median jumps for that reason alone).
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Median:
    """A median (NaN when too few report), how many countries it is over, and of what."""

    value: float
    count: int
    of: str  # "peers", "Lower middle income", "Sub-Saharan Africa"
    years: tuple[int, int] | None = None  # oldest and newest year of the values used

    @property
    def ok(self) -> bool:
        return not math.isnan(self.value)

    def sentence(self) -> str:
        """Why there is no median ("Only 2 peers report ..."), or "" when there is one."""
        if self.ok:
            return ""
        peers, n = self.of == "peers", self.count
        if n == 0:
            template = (_("No peers report this figure; a median needs at least {least}, so "
                          "no median is shown.") if peers else
                        _("No countries of the {group} group report this figure; a median "
                          "needs at least {least}, so no median is shown."))
        elif peers:
            template = ngettext("Only {n} peer reports this figure; a median needs at least "
                                "{least}, so no median is shown.",
                                "Only {n} peers report this figure; a median needs at least "
                                "{least}, so no median is shown.", n)
        else:
            template = ngettext("Only {n} country of the {group} group reports this figure; a "
                                "median needs at least {least}, so no median is shown.",
                                "Only {n} countries of the {group} group report this figure; "
                                "a median needs at least {least}, so no median is shown.", n)
        return template.format(n=n, group=self.of, least=MIN_COUNT)


def median_of(values: pd.Series, of: str, years: pd.Series | None = None) -> Median:
    """The median of ``values`` (NaNs ignored) when at least ``MIN_COUNT`` are present."""
    present = values.dropna()
    span = None
    if years is not None and len(present):
        used = years.loc[present.index]
        span = (int(used.min()), int(used.max()))
    value = float(present.median()) if len(present) >= MIN_COUNT else float("nan")
    return Median(value, int(len(present)), of, span)


def peer_median(ds: Dataset, indicator: str, peers: Iterable[str],
                year: int | None = None) -> Median:
    """Median of the peers' latest values up to ``year`` (default: their newest), each
    measured in the recency window ending there."""
    latest = latest_values(ds, indicator, list(peers), max_year=year, window=RECENCY_YEARS + 1)
    return median_of(latest["value"], "peers", latest["year"])


def group_median(ds: Dataset, indicator: str, group: str, name: str,
                 year: int | None = None) -> Median:
    """Median of the latest values of the members of group ``name`` (``group`` is
    ``"region"`` or ``"income_group"``), as :func:`peer_median` does for peers."""
    members = _members(ds, group, name)
    if not members:
        return Median(float("nan"), 0, name)
    latest = latest_values(ds, indicator, members, max_year=year, window=RECENCY_YEARS + 1)
    return median_of(latest["value"], name, latest["year"])


def group_medians(ds: Dataset, indicator: str, group: str) -> pd.DataFrame:
    """Yearly medians of every group: ``group, year, value, count``, only for years with
    at least ``MIN_COUNT`` members reporting and ``MIN_COVERAGE`` of the group's
    best-covered year. Computed once per Dataset."""
    return ds.cached(("evidence.group_medians", indicator, group),
                     lambda: _group_medians(ds, indicator, group))


def group_median_series(ds: Dataset, indicator: str, group: str, name: str,
                        years: tuple[int, int] | None = None) -> pd.Series:
    """One group's yearly medians (index ``year``) from :func:`group_medians`, inside
    ``years`` when given; empty when no year qualifies."""
    table = group_medians(ds, indicator, group)
    mine = table[table["group"] == name]
    if years is not None:
        mine = mine[mine["year"].between(*years)]
    return mine.set_index("year")["value"]


def _members(ds: Dataset, group: str, name: str) -> list[str]:
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, got {group!r}")
    meta = ds.countries()[group]
    return list(meta.index[meta == name])


def _group_medians(ds: Dataset, indicator: str, group: str) -> pd.DataFrame:
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, got {group!r}")
    return _medians_by_year(rows(ds, indicator), ds.countries()[group])


def panel_group_median(ds: Dataset, panel: pd.DataFrame, group: str, name: str,
                       year: int) -> Median:
    """:func:`group_median` for a computed wide panel (index year, columns iso3, e.g. a
    ratio of two indicators): each member's latest value measured in the recency window
    ending at ``year``."""
    latest = latest_of(dated(_long(panel)), _members(ds, group, name), year, RECENCY_YEARS + 1)
    return median_of(latest["value"], name, latest["year"])


def panel_group_median_series(ds: Dataset, panel: pd.DataFrame, group: str,
                              name: str) -> pd.Series:
    """:func:`group_median_series` for a computed wide panel (index year, columns iso3,
    e.g. a ratio of two indicators), by the same rules."""
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}, got {group!r}")
    table = _medians_by_year(dated(_long(panel)), ds.countries()[group])
    return table[table["group"] == name].set_index("year")["value"]


def _long(panel: pd.DataFrame) -> pd.DataFrame:
    """A wide panel (index year, columns iso3) as ``iso3, year, value`` rows."""
    long = panel.rename_axis(index="year", columns="iso3").stack().rename("value")
    return long.reset_index()


def _medians_by_year(rows: pd.DataFrame, meta: pd.Series) -> pd.DataFrame:
    """Each year's median of the members that measured a value that year (``rows`` from
    ``carried.dated``: a value carried forward counts in its first year only)."""
    long = rows[rows["measured"] == rows["year"]].copy()
    long["group"] = long["iso3"].map(meta)
    long = long[long["group"].astype(bool)]
    table = long.groupby(["group", "year"], as_index=False).agg(
        value=("value", "median"), count=("value", "size"))
    best = table.groupby("group")["count"].transform("max")
    keep = (table["count"] >= MIN_COUNT) & (table["count"] >= MIN_COVERAGE * best)
    return table[keep].reset_index(drop=True)[["group", "year", "value", "count"]]
