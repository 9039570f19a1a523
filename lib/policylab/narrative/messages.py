"""Key messages: sentences computed from the data, each number with its year.

Every builder returns a ``KeyMessage`` whose ``text`` is the sentence and whose ``values``
hold the numbers used, so that a test (or a curious reader) can recompute them. When the
data are missing the builders say so in words ("No data on ... for ..."), never "nan".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from policylab import evidence
from policylab.evidence import carried
from policylab.evidence.breaks import judged_series, why_not, withheld
from policylab.i18n import _, pgettext
from policylab.i18n.groups import group_name
from policylab.i18n.labels import LabelPhrase, label_phrase
from policylab.narrative.format import (
    fmt_number,
    fmt_quantity,
    fmt_year_range,
    is_missing,
    ordinal,
)
from policylab.peers import PeerSelection
from policylab.text import in_sentence

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
    text = _("No data on {label} for {country} in this data pack (source: {source}, "
             "{code}).").format(label=subject(ind), country=ds.name(iso3), source=ind.source,
                                code=ind.source_code)
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
    name = ds.name(iso3)
    fields = {"country": name, "label": subject(ind), "year": values["end_year"],
              "value": fmt_quantity(values["end_value"], ind.unit), "start": start_year}
    if len(rows) == 1:
        if last_year:
            text = _("{country.Possessive} {label} stood at {value} in {year}, the only figure for "
                     "{span}").format(span=fmt_year_range(start_year, last_year), **fields)
        else:
            text = _("{country.Possessive} {label} stood at {value} in {year}, the only figure for "
                     "{start} onwards").format(**fields)
    else:
        # no change is stated across a likely break (DESIGN §10), in the series or in one
        # it is computed from: the level, and why
        reason = withheld(ds, judged_series(ds, indicator), iso3, values["start_year"],
                          values["end_year"], words=why_not)
        if reason:
            values["change_withheld"] = reason
            text = _("{country.Possessive} {label} stood at {value} in {year}; the change since "
                     "{first} is not stated: {why}.").format(
                first=values["start_year"], why=reason, **fields)
            return KeyMessage(text, indicator, values)
        text = _("{country.Possessive} {label} went from {first} in {first_year} to {value} in "
                 "{year}").format(first=fmt_quantity(values["start_value"], ind.unit),
                                  first_year=values["start_year"],
                                  **{**fields, "value": fmt_number(values["end_value"],
                                                                   ind.unit)})
    text = _comparison_clause(text, comparison, ind.unit, values)
    return KeyMessage(text + ".", indicator, values)


def level_vs_group_message(ds, indicator: str, country: str,
                           group: str | Sequence[str] | PeerSelection = "region",
                           year: int | None = None) -> KeyMessage:
    """A country's latest level against a group median.

    ``group``: ``"region"`` or ``"income_group"`` (the group's median of its members' latest
    values up to the country's year, ``evidence.group_median``), or a list of peers / a
    ``PeerSelection`` (the median of the peers' latest values, ``evidence.peer_median``).
    A figure the publisher carries forward is stated, and compared, as a figure of the year
    it was measured, and the sentence says so (``evidence.carried``).
    """
    iso3 = ds.resolve(country)
    ind = ds.indicator(indicator)
    own = carried.latest(ds, indicator, iso3, max_year=year)
    if own.year is None:
        return missing_message(ds, indicator, iso3)
    values: dict[str, Value] = {"value": own.value, "year": own.year}
    if own.carried:
        values["published_through"] = own.through
    if isinstance(group, str):
        label = ds.countries().at[iso3, group] if group in ("region", "income_group") else ""
        found = (evidence.group_median(ds, indicator, group, label, own.year) if label
                 else evidence.Median(float("nan"), 0, "group"))
        who = (_("the median of {region}").format(region=label) if group == "region"
               else _("the median of {group} countries").format(
                   group=in_sentence(group_name(str(label)))))
    else:
        label = "peers"
        found = evidence.peer_median(ds, indicator, list(group), own.year)
        who = _("the median of its {count} peers with data").format(count=found.count)
    median = found.value
    years = None if found.years is None else fmt_year_range(*found.years)
    values.update({"group": label, "group_median": median, "group_year": years,
                   "group_count": found.count})
    name = ds.name(iso3)
    fields = {"country": name, "label": subject(ind), "year": own.year,
              "value": fmt_quantity(own.value, ind.unit)}
    if not found.ok:  # fewer than three countries: the count is said, nothing is judged
        reason = found.sentence() or _("there is no figure to compare with.")
        text = _("{country.Possessive} {label} stood at {value} in {year}. {reason}").format(
            reason=reason, **fields)
    else:
        text = _relation(own.value, median, ind.unit).format(
            who=who, median=fmt_quantity(median, ind.unit), years=years, **fields)
    return KeyMessage(f"{text} {carried_sentence(own)}".strip(), indicator, values)


def carried_sentence(own: carried.Latest) -> str:
    """Why a figure is dated to the year it was measured when the publisher repeats it to a
    later year; "" for a figure that is not carried forward."""
    if not own.carried:
        return ""
    return _("The publisher repeats the same value every year up to {through}, most likely "
             "an old estimate carried forward: it does not measure the years after "
             "{year}.").format(through=own.through, year=own.year)


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
    else:
        pool = list(dict.fromkeys([iso3, *[ds.resolve(code) for code in among]]))
    year_rows = ds.series(indicator, pool, [own.year]).dropna(subset=["value"])
    ranks = year_rows.set_index("iso3")["value"].rank(ascending=False, method="min")
    rank, total = int(ranks[iso3]), len(ranks)
    values: dict[str, Value] = {"rank": rank, "count": total, "value": own.value,
                                "year": own.year}
    fields = {"country": ds.name(iso3), "rank": ordinal(rank), "count": total,
              "label": subject(ind), "year": own.year,
              "value": fmt_quantity(own.value, ind.unit)}
    if among is None:
        text = _("{country} ranked {rank} of {count} countries with data on {label} in {year} "
                 "({value}; 1st = highest).").format(**fields)
    else:
        text = _("{country} ranked {rank} of {count} countries compared on {label} in {year} "
                 "({value}; 1st = highest).").format(**fields)
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
    text = _("For {country}, the latest figure on {label} is from {year} ({value}), while "
             "other countries have data up to {newest}: read comparisons with care.").format(
        country=ds.name(iso3), label=subject(ind), year=own.year,
        value=fmt_quantity(own.value, ind.unit), newest=newest)
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
    fields = {"label": subject(ind), "country": ds.name(iso3), "year": before.year,
              "value": fmt_quantity(before.value, ind.unit)}
    if end_year:
        text = _("No data on {label} for {country} for {span} in this data pack; the latest "
                 "figure is {value} from {year}.").format(
            span=fmt_year_range(start_year, end_year), **fields)
    else:
        text = _("No data on {label} for {country} since {start} in this data pack; the "
                 "latest figure is {value} from {year}.").format(start=start_year, **fields)
    return KeyMessage(text, ind.id, {"value": before.value, "year": before.year})


def _comparison_clause(text: str, comparison, unit: str, values: dict[str, Value]) -> str:
    """``text`` (a sentence without its full stop) with its comparison, if any."""
    if comparison is None:
        return text
    label, value, year = comparison
    values.update({"comparison_label": label, "comparison_value": value,
                   "comparison_year": year})
    if is_missing(value) or year is None:
        return _("{text}; no {label} is available for comparison").format(text=text,
                                                                          label=label)
    return _("{text}, against the {label} of {value} ({year})").format(
        text=text, label=label, value=fmt_quantity(value, unit), year=year)


def _relation(value: float, reference: float, unit: str) -> str:
    """The sentence template comparing a level with a median (fields: country, label,
    value, year, who, median, years)."""
    if fmt_number(value, unit) == fmt_number(reference, unit):
        return _("{country.Possessive} {label} stood at {value} in {year}, in line with {who} "
                 "({median}, {years}).")
    if value > reference:
        return _("{country.Possessive} {label} stood at {value} in {year}, above {who} ({median}, "
                 "{years}).")
    return _("{country.Possessive} {label} stood at {value} in {year}, below {who} ({median}, "
             "{years}).")


def bare_label(ind) -> str:
    """The indicator's label (in the current language) without its parenthesis and, when
    the number's unit already says "per person", without "per capita" ("manufacturing value
    added" for 12 US$ per person). Decided on the catalogue's English label and unit, so
    that it holds in every language; the language's own "per capita" is what is dropped
    ("par habitant", "per cápita")."""
    label = ind.label.split(" (")[0].strip()
    english = ind.in_english("label").split(" (")[0].strip()
    if "per person" in (ind.in_english("unit") or "") and english.endswith(" per capita"):
        label = label.removesuffix(pgettext("end of an indicator's label", " per capita"))
    return label


def subject(ind) -> LabelPhrase:
    """The label as a noun phrase inside a sentence: unit parenthesis and, where the unit
    says it, "per capita" dropped (:func:`bare_label`), in sentence case
    (``text.in_sentence``), with its article for French and Spanish templates
    (``{label.The}``, ``i18n.labels``)."""
    return label_phrase(ind, bare_label(ind))


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."

