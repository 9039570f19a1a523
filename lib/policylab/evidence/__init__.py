"""The evidence layer: the judgement rules of DESIGN §10 in one place.

- :mod:`~policylab.evidence.medians`: group and peer medians with their counts (>= 3);
- :mod:`~policylab.evidence.recency`: current or old, and old figures with their year;
- :mod:`~policylab.evidence.percentiles`: world and income-group percentiles, and the
  only source of "high" / "low";
- :mod:`~policylab.evidence.breaks`: series breaks, outliers and erratic series;
- :mod:`~policylab.evidence.verdicts`: verdicts read off a fitted pattern only when the
  pattern and the country's distance from it exceed the typical scatter;
- :mod:`~policylab.evidence.answers`: which declared exercise answers a page shows (text,
  tables, chart data); imported on its own by the build checks, not re-exported here.

Lessons, narrative, results and the forum judge through these, so that two pages never
state different medians or labels for the same figure.
"""

from policylab.evidence.medians import (
    MIN_COUNT,
    Median,
    group_median,
    group_median_series,
    group_medians,
    peer_median,
)
from policylab.evidence.percentiles import Standing, standing, world_quartile
from policylab.evidence.recency import is_current, with_year, year_note

__all__ = ["MIN_COUNT", "Median", "Standing", "group_median", "group_median_series",
           "group_medians", "is_current", "peer_median", "standing",
           "with_year", "world_quartile", "year_note"]
