"""Comparator selection: which countries a focus country is compared with, and why.

Four ways, each returning a ``PeerSelection`` whose ``explanation`` says in words how the
peers were chosen (a workshop has to be able to challenge the choice):

- ``structural_peers``: the k nearest neighbours on standardised structural characteristics
  (income level, size, manufacturing share, natural-resource dependence, economic
  complexity), the usual "similar economies" benchmark of industrial-policy diagnostics
  (e.g. UNIDO's Industrial Development Report country comparisons, the Growth Lab's
  peer selection for growth diagnostics);
- ``group_peers``: the other members of the World Bank region or income group;
- ``aspirational_peers``: countries that, ``lag`` years ago, looked like the focus does
  today and have improved an indicator since -- "who was where we are, and moved on";
- ``choose_peers``: the notebooks' entry point; a user's own list always wins.

Aggregates (World, regions, income groups) are never peers. Values are each country's
latest observation within a window of years (``WINDOW_YEARS``) ending at the reference
year, so that a country reporting a year late is still compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from policylab.errors import CountryError, DataError
from policylab.i18n import N_, _, ngettext
from policylab.text import join_list, sentence_start, year_range

#: Each country's latest value is taken from this many years up to the reference year.
WINDOW_YEARS = 5
#: A candidate must share at least this many structural variables with the focus country.
MIN_SHARED_VARIABLES = 3
#: An aspirational target indicator is compared on a log scale when its largest value is
#: more than this many times its smallest (levels per person, in US$), as income is.
LOG_SPAN = 100
#: How many variables are named as "similar on" for each structural match.
DRIVERS_SHOWN = 2


@dataclass(frozen=True)
class Measure:
    """One way of measuring a characteristic: the indicator ids whose values are summed
    (fuel + ores export shares) and what they measure in plain words (``N_`` text), said
    after the characteristic's name; None when the name already says it ("population")."""

    indicators: tuple[str, ...]
    words: str | None = None


@dataclass(frozen=True)
class StructuralVariable:
    """One characteristic used to measure structural similarity.

    ``sources`` are alternative measures tried in order. The first for which the focus
    country has data is used for every country, so that all countries are compared on the
    same measure. ``log`` compares levels that span orders of magnitude (income,
    population) on a log scale, where a doubling counts the same everywhere.
    """

    key: str
    label: str
    sources: tuple[Measure, ...]
    log: bool = False

    @property
    def shown(self) -> str:
        """The characteristic's name in the current language."""
        return _(self.label)

    def described(self, measure: Measure) -> str:
        """The characteristic as a reader is told it was measured: "income level (GDP per
        person at purchasing-power parity)", "population"."""
        if measure.words is None:
            return self.shown
        return _("{characteristic} ({measure})").format(characteristic=self.shown,
                                                        measure=_(measure.words))


INCOME = StructuralVariable(
    "income", N_("income level"),
    (Measure(("gdp_per_capita_ppp",), N_("GDP per person at purchasing-power parity")),
     Measure(("gdp_per_capita",), N_("GDP per person in US dollars"))), log=True)
POPULATION = StructuralVariable("population", N_("population"), (Measure(("population",)),),
                                log=True)
MANUFACTURING = StructuralVariable(
    "manufacturing", N_("manufacturing share of GDP"), (Measure(("mva_share_gdp",)),))
RESOURCES = StructuralVariable(
    "resources", N_("natural-resource dependence"),
    (Measure(("fuel_share_merch_exports", "ores_share_merch_exports"),
             N_("fuels, ores and metals as a share of merchandise exports")),
     Measure(("resource_rents_share_gdp",), N_("natural-resource rents as a share of GDP"))))
COMPLEXITY = StructuralVariable(
    "complexity", N_("economic complexity"),
    (Measure(("eci",), N_("the Growth Lab's Economic Complexity Index")),))

STRUCTURAL_VARIABLES = (INCOME, POPULATION, MANUFACTURING, RESOURCES, COMPLEXITY)


@dataclass
class PeerSelection:
    """Peers of one focus country, how they were chosen, and the evidence.

    ``table`` is indexed by ISO3 (the focus first, marked by ``is_focus``) and holds the
    names and, for computed selections, the values compared, each variable's contribution
    to the distance, and the variables on which each peer is most similar. ``variables``
    maps each variable used to what it is and how it was measured, in words; ``notes``
    records what was dropped or changed and why.
    """

    focus: str
    peers: list[str]
    method: str
    explanation: str
    table: pd.DataFrame
    variables: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter(self.peers)

    def __len__(self) -> int:
        return len(self.peers)


# --------------------------------------------------------------------- cross-sections
def latest_values(ds, indicator: str, countries: Iterable[str] | None = None,
                  year: int | None = None, window: int = WINDOW_YEARS) -> pd.DataFrame:
    """Each country's latest value of ``indicator`` in the ``window`` years up to ``year``.

    ``year`` None means the latest year the indicator has for these countries. Returns a
    frame indexed by ``iso3`` with ``year`` and ``value`` (empty when there is no data;
    an indicator missing from the catalogue has no data rather than an error, because
    optional variables such as ECI may be absent from a pack).
    """
    empty = pd.DataFrame({"year": pd.Series(dtype="int64"), "value": pd.Series(dtype=float)},
                         index=pd.Index([], name="iso3"))
    if indicator not in ds.catalogue:
        return empty
    codes = None if countries is None else list(countries)
    if codes is not None and not codes:
        return empty
    return ds.latest_values(indicator, codes, max_year=year, window=window)


# --------------------------------------------------------------------- selection
def choose_peers(ds, country: str, peers: Sequence[str] | str | None = None, k: int = 5,
                 year: int | None = None, pool: Sequence[str] = ()) -> PeerSelection:
    """The peers a notebook uses: the user's list when given (validated), else structural.

    A user-supplied list always wins. Each entry may be an ISO3 code or a name; unknown
    entries raise ``CountryError`` with suggestions; the focus itself, aggregates and
    repeats are removed with a note. A text such as ``"UGA, TZA"`` is split on commas.
    """
    focus = ds.resolve(country)
    if isinstance(peers, str):
        peers = [part for part in peers.split(",") if part.strip()]
    if not peers:
        try:
            return structural_peers(ds, focus, k=k, year=year, pool=pool)
        except DataError as error:
            return fallback_peers(ds, focus, str(error), k=k)
    chosen, notes = _validated_user_peers(ds, focus, peers)
    if not chosen:
        raise CountryError(
            f"the peer list {list(peers)} leaves no peers for {ds.name(focus)} "
            f"({'; '.join(notes)}); give other countries, or an empty list for automatic peers")
    names = [ds.name(code) for code in chosen]
    explanation = "".join([
        _("Peers of {country} chosen by the user: {names}.").format(country=ds.name(focus),
                                                                    names=", ".join(names)),
        *(" " + _("Note: {note}.").format(note=note) for note in notes)])
    table = _name_table(ds, focus, chosen)
    return PeerSelection(focus, chosen, "user", explanation, table, notes=notes)


def fallback_peers(ds, iso3: str, reason: str, k: int = 5) -> PeerSelection:
    """Peers for a country too data-poor for structural peers (South Sudan, North Korea):
    up to ``k`` countries of its region and income group (the region alone when the income
    group has no other member there), those with the most years of manufacturing data
    first, ties by name; the explanation says why structural peers were not possible."""
    meta = ds.countries()
    same_region = meta[(meta["region"] == meta.at[iso3, "region"]) & (meta.index != iso3)]
    same_income = same_region[same_region["income_group"] == meta.at[iso3, "income_group"]]
    pool = same_income if len(same_income) else same_region
    counts = ds.series("mva_share_gdp", list(pool.index)).dropna().groupby("iso3").size()
    chosen = sorted(pool.index, key=lambda c: (-int(counts.get(c, 0)), pool.at[c, "name"]))[:k]
    fields = {"country": ds.name(iso3), "reason": reason, "n": len(chosen),
              "names": ", ".join(ds.name(c) for c in chosen)}
    if len(same_income):
        explanation = _("Structural peers could not be computed for {country} ({reason}). The "
                        "peers are instead the {n} countries of its region and income group "
                        "with the most years of data on manufacturing: {names}.").format(**fields)
    else:
        explanation = _("Structural peers could not be computed for {country} ({reason}). The "
                        "peers are instead the {n} countries of its region with the most years "
                        "of data on manufacturing: {names}.").format(**fields)
    return PeerSelection(iso3, chosen, "group", explanation, _name_table(ds, iso3, chosen))


def _validated_user_peers(ds, focus: str, entries: Iterable[str]) -> tuple[list[str], list[str]]:
    all_units = ds.countries(include_aggregates=True)
    aggregate_names = {str(name).casefold(): code for code, name in
                       all_units.loc[all_units["is_aggregate"], "name"].items()}
    chosen: list[str] = []
    notes: list[str] = []
    for entry in entries:
        text = str(entry).strip()
        aggregate = aggregate_names.get(text.casefold())
        if aggregate is None and text.upper() in all_units.index \
                and bool(all_units.at[text.upper(), "is_aggregate"]):
            aggregate = text.upper()
        if aggregate is not None:
            notes.append(_("removed {name} ({code}): a group of countries, not a country").format(
                name=all_units.at[aggregate, "name"], code=aggregate))
            continue
        code = ds.resolve(text)
        if code == focus:
            notes.append(_("removed {country} itself from its peers").format(
                country=ds.name(focus)))
        elif code in chosen:
            notes.append(_("listed {country} once (it appeared twice)").format(
                country=ds.name(code)))
        else:
            chosen.append(code)
    return chosen, notes


def group_peers(ds, country: str, group: str = "region") -> PeerSelection:
    """All other countries of the focus's World Bank region or income group (no aggregates)."""
    if group not in ("region", "income_group"):
        raise DataError(f"group must be 'region' or 'income_group', got {group!r}")
    focus = ds.resolve(country)
    meta = ds.countries()
    label = meta.at[focus, group]
    if not label:
        raise DataError(f"{ds.name(focus)} has no {group.replace('_', ' ')} in this data pack")
    members = sorted(code for code in meta.index[meta[group] == label] if code != focus)
    fields = {"country": ds.name(focus), "n": len(members), "group": label}
    if group == "region":
        explanation = _("Peers of {country}: the {n} other countries of the World Bank region "
                        "{group}.").format(**fields)
    else:
        explanation = _("Peers of {country}: the {n} other countries of the World Bank income "
                        "group {group}.").format(**fields)
    table = _name_table(ds, focus, members)
    table[group] = label
    return PeerSelection(focus, members, group, explanation, table)


def structural_peers(ds, country: str, k: int = 5, year: int | None = None,
                     window: int = WINDOW_YEARS,
                     min_variables: int = MIN_SHARED_VARIABLES,
                     pool: Sequence[str] = ()) -> PeerSelection:
    """The ``k`` countries structurally closest to the focus (among ``pool`` when given: a
    workshop can steer automatic peers to its own countries or a region).

    Method: each variable of ``STRUCTURAL_VARIABLES`` (logs for income and population) is
    standardised across all countries with data (z-scores); the distance between two
    countries is the root mean square of their z-score differences over the variables both
    have (equal weights), so that countries compared on fewer variables are not favoured.
    A candidate must share ``min_variables`` variables with the focus, else it is left
    out; a variable the focus lacks is dropped for everyone. Each peer's contributions
    (squared difference / number of variables, summing to distance squared) show which
    variables made it close.
    """
    focus = ds.resolve(country)
    candidates = list(ds.countries().index)
    now = _measure(ds, STRUCTURAL_VARIABLES, candidates, focus, year, window)
    scaled = _standardise(now.values, now.values)
    distances = _distances(scaled, focus, min(min_variables, len(scaled.columns)))
    eligible = distances.drop(index=focus, errors="ignore")
    if pool:  # standardised over the world, chosen among the pool
        eligible = eligible[eligible.index.isin(set(pool))]
        candidates = [c for c in candidates if c in set(pool) | {focus}]
    chosen = list(eligible.sort_values(["distance", "iso3_sort"]).index[:k])
    table = _distance_table(ds, focus, chosen, distances, now.raw, STRUCTURAL_VARIABLES)
    left_out = len(candidates) - 1 - len(eligible)
    used = list(scaled.columns)
    lines = [_structural_sentence(ds, focus, pool, len(chosen),
                                  join_list([now.descriptions[key] for key in used]),
                                  _years(*now.years)),
             *how_compared(STRUCTURAL_VARIABLES, used)]
    lines += now.notes
    if left_out:
        lines.append(ngettext(
            "{n} country was left out for sharing fewer than {least} of these characteristics "
            "with {country}.",
            "{n} countries were left out for sharing fewer than {least} of these "
            "characteristics with {country}.", left_out).format(
                n=left_out, least=min(min_variables, len(scaled.columns)),
                country=ds.name(focus)))
    lines += [_("{country}: most similar on {variables}.").format(
        country=table.at[code, "name"], variables=table.at[code, "similar_on"])
        for code in chosen]
    return PeerSelection(focus, chosen, "structural", " ".join(lines), table,
                         variables=dict(now.descriptions), notes=list(now.notes))


def _structural_sentence(ds, focus: str, pool: Sequence[str], n: int, variables: str,
                         years: str) -> str:
    """The first sentence of a structural selection's explanation: the characteristics
    compared, in words, and the years of the figures, said once."""
    fields = {"country": ds.name(focus), "n": n, "variables": variables, "years": years}
    others = set(pool) - {focus}
    if not pool:
        return ngettext(
            "Structural peers of {country}: the {n} country closest to it on {variables}, "
            "using each country's latest figures from {years}.",
            "Structural peers of {country}: the {n} countries closest to it on {variables}, "
            "using each country's latest figures from {years}.",
            n).format(**fields)
    among = ngettext("the {n} country of the workshop's peer pool ({names})",
                     "the {n} countries of the workshop's peer pool ({names})",
                     len(others)).format(n=len(others),
                                         names=join_list(sorted(ds.name(c) for c in others)))
    return ngettext(
        "Structural peers of {country} among {pool}: the {n} country closest to it on "
        "{variables}, using each country's latest figures from {years}.",
        "Structural peers of {country} among {pool}: the {n} countries closest to it on "
        "{variables}, using each country's latest figures from {years}.",
        n).format(pool=among, **fields)


def how_compared(variables: Sequence[StructuralVariable], used: Sequence[str]) -> list[str]:
    """How the characteristics ``used`` (keys) are put on one scale, in words: which are
    compared on a log scale, and that each is standardised and weighted equally."""
    logged = [variable.shown for variable in variables if variable.log and variable.key in used]
    lines = []
    if logged:
        lines.append(_("The comparison uses a log scale for {variables}, where a doubling "
                       "counts the same at every level.").format(variables=join_list(logged)))
    lines.append(_("Each characteristic is standardised across the countries with data and "
                   "weighted equally."))
    return lines


# --------------------------------------------------------------------- internals
@dataclass
class _Measured:
    """Values of the chosen variables (columns) by country, as published (``raw``) and
    on the comparison scale (``values``), what was chosen (each variable's indicator ids
    and its description in words) and the first and last year of the values used."""

    raw: pd.DataFrame
    values: pd.DataFrame
    sources: dict[str, tuple[str, ...]]
    year: int | None
    descriptions: dict[str, str]
    notes: list[str]
    years: tuple[int | None, int | None] = (None, None)


def _measure(ds, variables: Sequence[StructuralVariable], candidates: list[str], focus: str,
             year: int | None, window: int) -> _Measured:
    """Values of ``variables`` in the window up to ``year``; None means the latest year of
    the first variable (income), so that every variable describes the same period."""
    if year is None:
        year = _reference_year(ds, variables[0], candidates)
    columns: dict[str, pd.Series] = {}
    sources: dict[str, tuple[str, ...]] = {}
    descriptions: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    notes: list[str] = []
    for variable in variables:
        for measure in variable.sources:
            values, first, last = _source_values(ds, measure.indicators, candidates, year,
                                                 window)
            if focus in values.index and values.notna().sum() >= 2:
                columns[variable.key] = values
                sources[variable.key] = measure.indicators
                descriptions[variable.key] = variable.described(measure)
                spans[variable.key] = (first, last)
                break
        else:
            notes.append(_("{variable} was not used: no value for {country} {window}.").format(
                variable=sentence_start(variable.shown), country=ds.name(focus),
                window=_window_text(year, window)))
    if len(columns) < 2:
        raise DataError(_(
            "too little data on {country} to compare its structure with other countries "
            "({found} of {count} characteristics {window}); give peers explicitly").format(
                country=ds.name(focus), found=len(columns), count=len(variables),
                window=_window_text(year, window)))
    logs = {variable.key for variable in variables if variable.log}
    raw = pd.DataFrame(columns).reindex(candidates)
    compared = _compared(raw, logs)
    for variable in variables:
        if variable.key in columns and not compared[variable.key].std(ddof=0) > 0:
            notes.append(_("{variable} was not used: every country with data has the same "
                           "value.").format(variable=sentence_start(variable.shown)))
            del descriptions[variable.key]
    kept = [spans[key] for key in descriptions]
    years = ((min(first for first, _last in kept), max(last for _first, last in kept))
             if kept else (None, None))
    return _Measured(raw, compared, sources, year, descriptions, notes, years)


def _reference_year(ds, variable: StructuralVariable, candidates: list[str]) -> int | None:
    for measure in variable.sources:
        values = latest_values(ds, measure.indicators[0], candidates)
        if not values.empty:
            return int(values["year"].max())
    return None


def _compared(raw: pd.DataFrame, logs: set[str]) -> pd.DataFrame:
    """The scale on which values are compared: logs for the ``log`` variables."""
    out = raw.copy()
    for key in logs & set(out.columns):
        out[key] = np.log(out[key].where(out[key] > 0))
    return out


def _source_values(ds, source: tuple[str, ...], candidates: list[str], year: int | None,
                   window: int) -> tuple[pd.Series, int | None, int | None]:
    parts = [latest_values(ds, indicator, candidates, year, window) for indicator in source]
    if any(part.empty for part in parts):
        return pd.Series(dtype=float), None, None
    joined = pd.concat([part["value"] for part in parts], axis=1, join="inner")
    years = pd.concat([part["year"] for part in parts], axis=1, join="inner")
    return joined.sum(axis=1), int(years.min().min()), int(years.max().max())


def _standardise(values: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """z-scores of ``values`` with the mean and spread of ``reference``; variables without
    spread are dropped (they cannot tell countries apart)."""
    mean, spread = reference.mean(), reference.std(ddof=0)
    keep = [key for key in values.columns if spread[key] > 0]
    return (values[keep] - mean[keep]) / spread[keep]


def _distances(scaled: pd.DataFrame, focus: str, min_shared: int) -> pd.DataFrame:
    gaps = scaled - scaled.loc[focus]
    shared = gaps.notna().sum(axis=1)
    contributions = gaps.pow(2).div(shared.replace(0, np.nan), axis=0)
    out = contributions.add_prefix("contribution_")
    out["distance"] = np.sqrt(contributions.sum(axis=1, min_count=1))
    out["variables_compared"] = shared
    out["iso3_sort"] = out.index
    return out[shared >= min_shared]


def _distance_table(ds, focus: str, chosen: list[str], distances: pd.DataFrame,
                    values: pd.DataFrame, variables: Sequence[StructuralVariable],
                    focus_values: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = [focus, *chosen]
    table = _name_table(ds, focus, chosen)
    table["distance"] = distances["distance"].reindex(rows)
    table["variables_compared"] = distances["variables_compared"].reindex(rows)
    shown = values.reindex(rows).copy()
    if focus_values is not None:
        shown.loc[focus] = focus_values.loc[focus]
    for key in values.columns:
        table[key] = shown[key]
    contribution_columns = [c for c in distances.columns if c.startswith("contribution_")]
    for column in contribution_columns:
        table[column] = distances[column].reindex(rows)
    labels = {variable.key: variable.shown for variable in variables}
    table["similar_on"] = [_drivers(table.loc[code, contribution_columns], labels, True)
                           if code != focus else "" for code in rows]
    table["differs_on"] = [_drivers(table.loc[code, contribution_columns], labels, False)
                           if code != focus else "" for code in rows]
    return table


def _drivers(contributions: pd.Series, labels: dict[str, str], smallest: bool) -> str:
    present = contributions.dropna().sort_values(ascending=smallest)
    keys = [name.removeprefix("contribution_") for name in present.index[:DRIVERS_SHOWN]]
    return join_list(labels[key] for key in keys)


def _name_table(ds, focus: str, peers: list[str]) -> pd.DataFrame:
    rows = [focus, *peers]
    table = pd.DataFrame({"name": [ds.name(code) for code in rows],
                          "is_focus": [code == focus for code in rows]},
                         index=pd.Index(rows, name="iso3"))
    return table


def _years(first: int | None, last: int | None) -> str:
    return _("no data") if first is None or last is None else year_range(first, last)


def _window_text(year: int | None, window: int) -> str:
    if year is None:
        return _("in the latest {n} years of data").format(n=window)
    return _("in {years}").format(years=f"{year - window + 1}\u2013{year}")
