"""Key messages: sentences computed from the data, each number with its year.

Every builder returns a ``KeyMessage`` whose ``text`` is the sentence and whose ``values``
hold the numbers used, so that a test (or a curious reader) can recompute them. When the
data are missing the builders say so in words ("No data on ... for ..."), never "nan".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from policylab import evidence
from policylab.evidence.breaks import judged_series, why_not, withheld
from policylab.narrative.format import (
    fmt_number,
    fmt_quantity,
    fmt_year_range,
    is_missing,
    ordinal,
)
from policylab.peers import PeerSelection

#: A country's latest figure counts as old when it is more than this many years behind the
#: latest year any country has for the indicator.
OLD_DATA_YEARS = 5

Value = float | int | str | None


@dataclass(frozen=True)
class KeyMessage:
    """One computed sentence, the indicator it is about, and the numbers in it.

    ``str(message)`` is the sentence, so messages can be printed, joined or written to a
    results file as they are; in a notebook they display as Markdown.
    """

    text: str
    indicator: str | None = None
    values: dict[str, Value] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


def missing_message(ds, indicator: str, country: str) -> KeyMessage:
    """"No data on <label> for <Country> in this data pack (source: ...)."."""
    iso3 = ds.resolve(country)
    ind = ds.indicator(indicator)
    text = (f"No data on {_subject(ind)} for {ds.name(iso3)} in this data pack "
            f"(source: {ind.source}, {ind.source_code}).")
    if not ind.available and ind.note:
        text = f"{text} {_sentence(ind.note)}"
    return KeyMessage(text, indicator, {})


def change_message(ds, indicator: str, country: str, start_year: int,
                   end_year: int | None = None,
                   comparison: tuple[str, float, int | str | None] | None = None) -> KeyMessage:
    """How an indicator moved between two years, optionally against a comparison figure.

    The first and last observations within ``start_year``..``end_year`` are used (``end_year``
    None or 0: the latest), and the sentence names the years actually found. ``comparison``
    is ``(label, value, year)``, e.g. ``("peer median", 12.1, 2023)``.
    """
    iso3 = ds.resolve(country)
    ind = ds.indicator(indicator)
    last_year = end_year or None
    rows = ds.series(indicator, iso3, (start_year, last_year)).dropna(subset=["value"])
    if rows.empty:
        return _nothing_in_range(ds, ind, iso3, start_year, last_year)
    first, last = rows.iloc[0], rows.iloc[-1]
    values: dict[str, Value] = {"start_value": float(first["value"]),
                                "start_year": int(first["year"]),
                                "end_value": float(last["value"]),
                                "end_year": int(last["year"])}
    who = _possessive(ds.name(iso3))
    if len(rows) == 1:
        span = fmt_year_range(start_year, last_year) if last_year else f"{start_year} onwards"
        text = (f"{who} {_subject(ind)} stood at "
                f"{fmt_quantity(values['end_value'], ind.unit)} in {values['end_year']}, "
                f"the only figure for {span}")
    else:
        # no change is stated across a likely break (DESIGN §10), in the series or in one
        # it is computed from: the level, and why
        reason = withheld(ds, judged_series(ds, indicator), iso3, values["start_year"],
                          values["end_year"], words=why_not)
        if reason:
            values["change_withheld"] = reason
            text = (f"{who} {_subject(ind)} stood at "
                    f"{fmt_quantity(values['end_value'], ind.unit)} in {values['end_year']}; "
                    f"the change since {values['start_year']} is not stated: "
                    f"{values['change_withheld']}")
            return KeyMessage(text + ".", indicator, values)
        text = (f"{who} {_subject(ind)} went from "
                f"{fmt_quantity(values['start_value'], ind.unit)} in {values['start_year']} to "
                f"{fmt_number(values['end_value'], ind.unit)} in {values['end_year']}")
    text += _comparison_clause(comparison, ind.unit, values)
    return KeyMessage(text + ".", indicator, values)


def level_vs_group_message(ds, indicator: str, country: str,
                           group: str | Sequence[str] | PeerSelection = "region",
                           year: int | None = None) -> KeyMessage:
    """A country's latest level against a group median.

    ``group``: ``"region"`` or ``"income_group"`` (the World Bank group's median in the same
    year, from ``Dataset.group_median``), or a list of peers / a ``PeerSelection`` (the
    median of the peers' latest values within ``peers.WINDOW_YEARS`` of that year).
    """
    iso3 = ds.resolve(country)
    ind = ds.indicator(indicator)
    own = ds.latest(indicator, iso3, max_year=year)
    if own.year is None:
        return missing_message(ds, indicator, iso3)
    values: dict[str, Value] = {"value": own.value, "year": own.year}
    if isinstance(group, str):
        label = ds.countries().at[iso3, group] if group in ("region", "income_group") else ""
        found = (evidence.group_median(ds, indicator, group, label, own.year) if label
                 else evidence.Median(float("nan"), 0, "group"))
        who = (f"the median of {label}" if group == "region"
               else f"the median of {label.lower()} countries")
    else:
        label = "peers"
        found = evidence.peer_median(ds, indicator, list(group), own.year)
        who = f"the median of its {found.count} peers with data"
    median = found.value
    years = None if found.years is None else fmt_year_range(*found.years)
    values.update({"group": label, "group_median": median, "group_year": years,
                   "group_count": found.count})
    text = (f"{_possessive(ds.name(iso3))} {_subject(ind)} stood at "
            f"{fmt_quantity(own.value, ind.unit)} in {own.year}")
    if not found.ok:  # fewer than three countries: the count is said, nothing is judged
        reason = found.sentence() or "there is no figure to compare with."
        return KeyMessage(f"{text}. {reason}", indicator, values)
    relation = _relation(own.value, median, ind.unit)
    text += f", {relation} {who} ({fmt_quantity(median, ind.unit)}, {years})."
    return KeyMessage(text, indicator, values)


def rank_message(ds, indicator: str, country: str, year: int | None = None,
                 among: Sequence[str] | PeerSelection | None = None) -> KeyMessage:
    """The country's rank (1st = highest value) in the year of its latest figure, among all
    countries with data that year or among ``among`` (e.g. itself and its peers)."""
    iso3 = ds.resolve(country)
    ind = ds.indicator(indicator)
    own = ds.latest(indicator, iso3, max_year=year)
    if own.year is None:
        return missing_message(ds, indicator, iso3)
    if among is None:
        pool = list(ds.countries().index)
        scope = "countries with data"
    else:
        pool = list(dict.fromkeys([iso3, *[ds.resolve(code) for code in among]]))
        scope = "countries compared"
    year_rows = ds.series(indicator, pool, [own.year]).dropna(subset=["value"])
    ranks = year_rows.set_index("iso3")["value"].rank(ascending=False, method="min")
    rank, total = int(ranks[iso3]), len(ranks)
    values: dict[str, Value] = {"rank": rank, "count": total, "value": own.value,
                                "year": own.year}
    text = (f"{ds.name(iso3)} ranked {ordinal(rank)} of {total} {scope} on {_subject(ind)} "
            f"in {own.year} ({fmt_quantity(own.value, ind.unit)}; 1st = highest).")
    return KeyMessage(text, indicator, values)


def old_data_message(ds, indicator: str, country: str,
                     max_age: int = OLD_DATA_YEARS) -> KeyMessage | None:
    """A warning when the country's latest figure is more than ``max_age`` years older than
    the latest any country has; None when it is recent; ``missing_message`` when absent."""
    iso3 = ds.resolve(country)
    ind = ds.indicator(indicator)
    own = ds.latest(indicator, iso3)
    if own.year is None:
        return missing_message(ds, indicator, iso3)
    everyone = ds.series(indicator, list(ds.countries().index)).dropna(subset=["value"])
    newest = int(everyone["year"].max())
    if newest - own.year <= max_age:
        return None
    text = (f"For {ds.name(iso3)}, the latest figure on {_subject(ind)} is from {own.year} "
            f"({fmt_quantity(own.value, ind.unit)}), while other countries have data up to "
            f"{newest}: read comparisons with care.")
    return KeyMessage(text, indicator, {"value": own.value, "year": own.year,
                                        "newest_year": newest})


#: Recipe keys naming the pack series a computed indicator is made of (``catalogue``): a
#: product's factors, a ratio's two terms, a sum's parts, a residual's subtrahends, the
#: series a world share is of. A coalesced series (published, else estimated) is judged on
#: its own values: its fallback is not used where the primary is published.
# --------------------------------------------------------------------- internals
def _nothing_in_range(ds, ind, iso3: str, start_year: int, end_year: int | None) -> KeyMessage:
    before = ds.latest(ind.id, iso3, max_year=start_year)
    if before.year is None:
        return missing_message(ds, ind.id, iso3)
    span = fmt_year_range(start_year, end_year) if end_year else f"since {start_year}"
    text = (f"No data on {_subject(ind)} for {ds.name(iso3)} for {span} in this data pack; "
            f"the latest figure is {fmt_quantity(before.value, ind.unit)} from {before.year}.")
    return KeyMessage(text, ind.id, {"value": before.value, "year": before.year})


def _comparison_clause(comparison, unit: str, values: dict[str, Value]) -> str:
    if comparison is None:
        return ""
    label, value, year = comparison
    values.update({"comparison_label": label, "comparison_value": value,
                   "comparison_year": year})
    if is_missing(value) or year is None:
        return f"; no {label} is available for comparison"
    return f", against the {label} of {fmt_quantity(value, unit)} ({year})"


def _relation(value: float, reference: float, unit: str) -> str:
    if fmt_number(value, unit) == fmt_number(reference, unit):
        return "in line with"
    return "above" if value > reference else "below"


def _subject(ind) -> str:
    """The label as a noun phrase inside a sentence: unit parenthesis dropped, first letter
    lowered unless it starts an acronym (CO2, GDP) or the label is a title (Economic
    Complexity Index)."""
    label = ind.label.split(" (")[0].strip()
    if "per person" in (ind.unit or "") and label.endswith(" per capita"):
        label = label[: -len(" per capita")]  # the number's unit already says "per person"
    words = label.split(" ")
    acronym = any(ch.isupper() or ch.isdigit() for ch in words[0][1:])
    title = len(words) > 1 and words[1][:1].isupper()
    if acronym or title:
        return label
    return label[:1].lower() + label[1:]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."

