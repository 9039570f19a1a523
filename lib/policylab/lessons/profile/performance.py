"""Section 4: the Competitive Industrial Performance composite and its rank range under
other weights (``metrics.profile_cip``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from policylab.charts import range_plot, title_with_subtitle
from policylab.display import show_table
from policylab.i18n import N_, _, pgettext
from policylab.lessons.common import Lesson
from policylab.lessons.profile.base import source_text
from policylab.metrics import cip, profile_cip
from policylab.metrics.cip import HIGH, LOW
from policylab.metrics.profile_chart_data import cip_rank_ranges
from policylab.narrative import KeyMessage
from policylab.narrative.format import ordinal
from policylab.text import format_value, in_sentence

#: The chart also shows the countries ranked this many places above and below the focus.
CIP_NEIGHBOURS = 2
CIP_COMPONENT_LABELS = {
    "mva_per_capita": N_("MVA per person (US$)"),
    "manuf_exports_per_capita": N_("Manufactured exports per person (US$)"),
    "industrialization_intensity": N_("Industrialization intensity (%)"),
    "export_quality": N_("Export quality (%)"),
    "world_mva_share": N_("Share of world MVA (%)"),
    "world_manuf_exports_share": N_("Share of world manufactured exports (%)"),
}


def component_labels() -> dict[str, str]:
    """``CIP_COMPONENT_LABELS`` in the current language."""
    return {c: _(label) for c, label in CIP_COMPONENT_LABELS.items()}


def component_in_sentence(component: str) -> str:
    """A component's label inside a sentence, acronyms kept ("MVA per person")."""
    return in_sentence(component_labels()[component].split(" (")[0])


def cip_year(lesson: Lesson) -> int | None:
    """The latest year up to the lesson's end in which the country is ranked; None if never."""
    return profile_cip.latest_year(lesson.ds, lesson.country, lesson.end_year)


def missing_reason(lesson: Lesson) -> str:
    """Why the country is never ranked: the components it lacks in its latest year."""
    absent = profile_cip.lacking(lesson.ds, lesson.country, lesson.end_year)
    what = "; ".join(component_in_sentence(c) for c in absent)
    what = (_("in its latest year it lacks: {components}").format(components=what) if absent
            else _("it lacks every component"))
    return _("{country} has no year with all six CIP components ({lacking}); the composite is "
             "never computed from estimated values.").format(country=lesson.name, lacking=what)


def cip_chart(lesson: Lesson) -> go.Figure | None:
    """The CIP ranks of the country, its peers and neighbours, with their ranges."""
    result = profile_cip.position(lesson.ds, lesson.country, lesson.end_year)
    if result is None:
        lesson.skip(_("Competitive Industrial Performance"), missing_reason(lesson))
        return None
    data = cip_rank_ranges(lesson.ds, result.year, lesson.codes, result.rank, CIP_NEIGHBOURS)
    title = _("{country} ranks {rank} of {n} countries on the CIP composite in {year}; with "
              "other weights, anywhere from {rank_low} to {rank_high}").format(
        country=lesson.name, rank=ordinal(result.rank), n=result.n_ranked, year=result.year,
        rank_low=ordinal(result.rank_low), rank_high=ordinal(result.rank_high))
    subtitle = _("Rank on the CIP composite (1 = best); bars: {low}th–{high}th percentile of "
                 "ranks under random weights; grey: countries up to {n} places either "
                 "side").format(low=LOW, high=HIGH, n=CIP_NEIGHBOURS)
    return range_plot(
        data, lesson.country, lesson.peer_codes,
        title=title_with_subtitle(title, subtitle), x_label=_("CIP rank (1 = best)"),
        source=source_text(lesson, "mva_per_capita", "manuf_exports_per_capita",
                           "mht_share_mva", "mht_share_manuf_exports",
                           note=_("CIP computed by policylab (UNIDO method).")),
        names=lesson.names_of(data.index),
    )


def cip_table(lesson: Lesson) -> pd.DataFrame | None:
    """``metrics.profile_cip.table`` for the country and its peers, labelled for the page."""
    year = cip_year(lesson)
    if year is None:
        return None
    found = profile_cip.table(lesson.ds, lesson.codes, year)
    ranges = [f"{int(lo)}\u2013{int(hi)}" if pd.notna(hi) else _("not ranked")
              for lo, hi in zip(found["rank_low"], found["rank_high"], strict=True)]
    head = _headers()
    table = pd.DataFrame({head["country"]: [lesson.ds.name(c) for c in found.index],
                          head["score"]: found["score"], head["rank"]: found["rank"],
                          head["range"]: ranges, head["zscore"]: found["rank_zscore"]})
    table = pd.concat([table, found[list(cip.COMPONENTS)].rename(columns=component_labels())],
                      axis=1)
    return table.set_index(head["country"])


def _headers() -> dict[str, str]:
    return {"country": pgettext("table header", "Country"),
            "score": pgettext("table header", "CIP score"),
            "rank": pgettext("table header", "Rank"),
            "range": pgettext("table header", "Rank range"),
            "zscore": pgettext("table header", "Rank with z-scores")}


def _significant(value: object) -> str:
    """World shares of small economies are tiny but not zero."""
    return format_value(float(value)) if float(value) >= 0.001 else _("below 0.001")


def _whole(value: object) -> str:
    return format_value(float(value), None, 0)


def show_cip_table(lesson: Lesson) -> None:
    """:func:`cip_table` with ranks as integers and scores to three decimals."""
    table = cip_table(lesson)
    if table is None:
        return
    head, labels = _headers(), component_labels()
    formats = {head["score"]: lambda v: format_value(float(v), None, 3),
               head["rank"]: _whole, head["zscore"]: _whole,
               **{labels[c]: _significant for c in
                  ("world_mva_share", "world_manuf_exports_share")}}
    show_table(table, _("CIP composite in {year}: {country} and its peers (a dash: not ranked "
                        "that year, or component missing)").format(year=cip_year(lesson),
                                                                    country=lesson.name),
               _("policylab CIP (UNIDO method) from World Bank WDI series."), formats)


def cip_message(lesson: Lesson) -> KeyMessage | None:
    """The CIP rank as a sentence with its interval; None when the country is not ranked."""
    result = profile_cip.position(lesson.ds, lesson.country, lesson.end_year)
    if result is None:
        return None
    text = _("On the Competitive Industrial Performance composite, {country} ranked {rank} of "
             "{n} countries in {year}; with other weights for its six components the rank lies "
             "between {rank_low} and {rank_high} ({low}th–{high}th percentile), and with "
             "z-scores instead of min-max it is {rank_zscore}.").format(
        country=lesson.name, rank=result.rank, n=result.n_ranked, year=result.year,
        rank_low=result.rank_low, rank_high=result.rank_high, low=LOW, high=HIGH,
        rank_zscore=result.rank_zscore)
    return KeyMessage(text, "cip_rank", {"rank": result.rank, "count": result.n_ranked,
                                         "year": result.year, "rank_low": result.rank_low,
                                         "rank_high": result.rank_high,
                                         "rank_zscore": result.rank_zscore})


#: The CIP method box (Markdown), stated with the method.
cip_method_note = cip.method_note
