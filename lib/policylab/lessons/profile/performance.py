"""Section 4: the Competitive Industrial Performance composite, read from the pack
(``cip_score``, ``cip_rank``) with the rank range under other weights, through
``metrics.profile_cip`` (``metrics.cip.dataset_sensitivity``, once per Dataset and year)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import range_plot, title_with_subtitle
from policylab.display import show_table
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import source_text
from policylab.metrics import cip, profile_cip
from policylab.metrics.cip import HIGH, LOW
from policylab.narrative import KeyMessage
from policylab.narrative.format import ordinal
from policylab.text import format_value

#: The chart also shows the countries ranked this many places above and below the focus.
CIP_NEIGHBOURS = 2
CIP_COMPONENT_LABELS = {
    "mva_per_capita": "MVA per person (US$)",
    "manuf_exports_per_capita": "Manufactured exports per person (US$)",
    "industrialization_intensity": "Industrialization intensity (%)",
    "export_quality": "Export quality (%)",
    "world_mva_share": "Share of world MVA (%)",
    "world_manuf_exports_share": "Share of world manufactured exports (%)",
}


def cip_year(lesson: Lesson) -> int | None:
    """The latest year up to the lesson's end in which the country is ranked; None if never."""
    return profile_cip.latest_year(lesson.ds, lesson.country, lesson.end_year)


def missing_reason(lesson: Lesson) -> str:
    """Why the country is never ranked: the components it lacks in its latest year."""
    absent = profile_cip.lacking(lesson.ds, lesson.country, lesson.end_year)
    what = "; ".join(CIP_COMPONENT_LABELS[c].split(" (")[0].lower() for c in absent)
    what = f"in its latest year it lacks: {what}" if absent else "it lacks every component"
    return (f"{lesson.name} has no year with all six CIP components ({what}); the "
            "composite is never computed from estimated values.")


def cip_chart(lesson: Lesson) -> go.Figure | None:
    """The CIP rank of the country and its peers, each with its range of ranks under
    random weights."""
    result = profile_cip.position(lesson.ds, lesson.country, lesson.end_year)
    if result is None:
        lesson.skip("Competitive Industrial Performance", missing_reason(lesson))
        return None
    codes = profile_cip.neighbours(lesson.ds, result.year, lesson.codes, result.rank,
                                   CIP_NEIGHBOURS)
    shown = cip.dataset_sensitivity(lesson.ds, result.year).loc[codes]
    data = pd.DataFrame({"value": shown["rank"], "low": shown["rank_low"],
                         "high": shown["rank_high"]})
    title = (f"{lesson.name} ranks {ordinal(result.rank)} of {result.n_ranked} countries on "
             f"the CIP composite in {result.year}; with other weights, anywhere from "
             f"{ordinal(result.rank_low)} to {ordinal(result.rank_high)}")
    subtitle = (f"Rank on the CIP composite (1 = best); bars: {LOW}th–{HIGH}th percentile of "
                f"ranks under random weights; grey: countries up to {CIP_NEIGHBOURS} places "
                "either side")
    return range_plot(
        data, lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle), x_label="CIP rank (1 = best)",
        source=source_text(lesson, "mva_per_capita", "manuf_exports_per_capita",
                           "mht_share_mva", "mht_share_manuf_exports",
                           note="CIP computed by policylab (UNIDO method)."),
        names={c: lesson.ds.name(c) for c in codes},
    )


def cip_table(lesson: Lesson) -> pd.DataFrame | None:
    """The country and its peers on the CIP composite (``metrics.profile_cip.table``):
    score, rank, rank interval, rank under z-scores, and the six components (before
    normalisation)."""
    year = cip_year(lesson)
    if year is None:
        return None
    found = profile_cip.table(lesson.ds, lesson.codes, year)
    ranges = [f"{int(lo)}\u2013{int(hi)}" if pd.notna(hi) else "not ranked"
              for lo, hi in zip(found["rank_low"], found["rank_high"], strict=True)]
    table = pd.DataFrame({"country": [lesson.ds.name(c) for c in found.index],
                          "CIP score": found["score"], "rank": found["rank"],
                          "rank range": ranges, "rank with z-scores": found["rank_zscore"]})
    table = pd.concat([table, found[list(cip.COMPONENTS)].rename(columns=CIP_COMPONENT_LABELS)],
                      axis=1)
    return table.set_index("country")


def _significant(value: object) -> str:
    """World shares of small economies are tiny but not zero."""
    return format_value(float(value)) if float(value) >= 0.001 else "below 0.001"


def show_cip_table(lesson: Lesson) -> None:
    """:func:`cip_table` with ranks as integers and scores to three decimals."""
    table = cip_table(lesson)
    if table is None:
        return
    formats = {"CIP score": "{:.3f}", "rank": "{:.0f}", "rank with z-scores": "{:.0f}",
               **{CIP_COMPONENT_LABELS[c]: _significant for c in
                  ("world_mva_share", "world_manuf_exports_share")}}
    show_table(table, f"CIP composite in {cip_year(lesson)}: {lesson.name} and its peers (a "
               "dash: not ranked that year, or component missing)",
               "policylab CIP (UNIDO method) from World Bank WDI series.", formats)


def cip_message(lesson: Lesson) -> KeyMessage | None:
    """The CIP rank as a sentence with its interval; None when the country is not ranked."""
    result = profile_cip.position(lesson.ds, lesson.country, lesson.end_year)
    if result is None:
        return None
    text = (f"On the Competitive Industrial Performance composite, {lesson.name} ranked "
            f"{result.rank} of {result.n_ranked} countries in {result.year}; with other "
            f"weights for its six components the rank lies between {result.rank_low} and "
            f"{result.rank_high} ({LOW}th–{HIGH}th percentile), and with z-scores instead of "
            f"min-max it is {result.rank_zscore}.")
    return KeyMessage(text, "cip_rank", {"rank": result.rank, "count": result.n_ranked,
                                         "year": result.year, "rank_low": result.rank_low,
                                         "rank_high": result.rank_high,
                                         "rank_zscore": result.rank_zscore})


def cip_method_note() -> str:
    """The CIP method box (Markdown), as stated with the method: ``metrics.cip.METHOD_NOTE``."""
    return cip.METHOD_NOTE
