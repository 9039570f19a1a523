"""Changes of one country's series read only where they may be (DESIGN §10): the first
year from which a change to the last year may be stated (after the last likely series
break, skipping outlier years, ``evidence.breaks``), and the compound annual growth rate
over the years from there."""

from __future__ import annotations

from collections.abc import Sequence

from policylab.evidence.breaks import change_is_sound, series_flags
from policylab.metrics.growth import Cagr, cagr
from policylab.pack.dataset import Dataset


def sound_start(ds: Dataset, indicator: str, country: str, years: Sequence[int]) -> int | None:
    """The first of ``years`` (sorted) from which a change to the last may be stated; None
    for an erratic series or when fewer than two years remain."""
    flags = series_flags(ds, indicator, country)
    if flags.erratic or len(years) < 2:
        return None
    return next((y for y in years[:-1] if change_is_sound(flags, y, years[-1])), None)


def sound_cagr(ds: Dataset, indicator: str, country: str,
               years: tuple[int, int]) -> tuple[Cagr, int | None, int | None]:
    """The CAGR of ``country``'s ``indicator`` within ``years`` read from its
    :func:`sound_start` on, the first year with data and that start (None when absent)."""
    values = ds.series(indicator, [country], years).dropna(subset=["value"])
    values = values.set_index("year")["value"].sort_index()
    first = sound_start(ds, indicator, country, [int(y) for y in values.index])
    shown_from = int(values.index[0]) if len(values) else None
    growth = cagr(values[values.index >= first] if first is not None else values.iloc[:0])
    return growth, shown_from, first
