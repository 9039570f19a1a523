"""The policy case library (``data/policy_cases.yml``) and selection by diagnosed gap.

Workshops move from "where do we stand" to "what have others done about it". The notebooks
diagnose challenges as named flags (``low_mva_share``, ``high_emission_intensity`` ...);
every case in the library says which flags it is relevant to, so the material can put the
right real experiences next to a country's gaps. The vocabularies below are the contract
between the notebooks (which raise flags), the case library and the forum rules.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from policylab import paths
from policylab.countries import short_names
from policylab.errors import DataError
from policylab.i18n import N_, _, pgettext
from policylab.i18n.data import CASE_FIELDS, field_text, translated_fields
from policylab.i18n.groups import group_name
from policylab.i18n.language import is_source_language
from policylab.i18n.names import CountryName, inflectable
from policylab.i18n.names import country_name as official_country_name
from policylab.records import check_record

MEGATRENDS = {
    "green": N_("greening of industry"),
    "digital": N_("digitalization"),
    "value_chains": N_("global value chains"),
    "industrial_development": N_("overall industrial development"),
}


@dataclass(frozen=True)
class ChallengeFlag:
    """A named challenge a notebook can diagnose: its label, its megatrend and the
    catalogue indicators whose values are the evidence for it (first available wins)."""

    name: str
    label: str
    megatrend: str
    indicators: tuple[str, ...]


# A flag's label is read in the current language (the library's catalogue: N_ below).
translated_fields(ChallengeFlag, ("label",), lambda _flag, _name, english: _(english))


CHALLENGE_FLAGS: dict[str, ChallengeFlag] = {
    flag.name: flag
    for flag in (
        ChallengeFlag("low_mva_share", N_("Low manufacturing share of GDP"),
                      "industrial_development", ("mva_share_gdp",)),
        ChallengeFlag("low_mva_per_capita", N_("Low manufacturing value added per person"),
                      "industrial_development", ("mva_per_capita",)),
        ChallengeFlag("low_mht_share", N_("Low medium- and high-tech share of manufacturing"),
                      "industrial_development", ("mht_share_mva", "mht_share_manuf_exports")),
        ChallengeFlag("low_manuf_exports", N_("Low manufactured exports"),
                      "value_chains", ("manuf_exports_per_capita", "manuf_share_merch_exports")),
        ChallengeFlag("high_emission_intensity", N_("High CO2 emissions per unit of output"),
                      "green", ("co2_per_gdp", "co2_per_mva")),
        ChallengeFlag("low_renewable_share", N_("Low renewable share of electricity"),
                      "green", ("renewable_share_energy", "renewable_share_electricity")),
        ChallengeFlag("high_energy_intensity", N_("High energy use per unit of GDP"),
                      "green", ("energy_intensity",)),
        ChallengeFlag("low_internet_use", N_("Low internet use"),
                      "digital", ("internet_users_share",)),
        ChallengeFlag("low_broadband", N_("Low fixed broadband coverage"),
                      "digital", ("fixed_broadband_per100",)),
        ChallengeFlag("low_rd", N_("Low research and development spending"),
                      "digital", ("rd_share_gdp", "researchers_per_million")),
        ChallengeFlag("narrow_export_basket", N_("Narrow export basket"),
                      "value_chains", ("diversity",)),
        ChallengeFlag("low_eci", N_("Low economic complexity"),
                      "value_chains", ("eci",)),
        ChallengeFlag("low_fdi", N_("Low foreign direct investment"),
                      "value_chains", ("fdi_inflows_usd",)),
    )
}


def flag_label(flag: str) -> str:
    """A flag's label in the case library's vocabulary; an unknown flag's name in words
    ("low_widget_share" -> "Low widget share")."""
    known = CHALLENGE_FLAGS.get(flag)
    return known.label if known else flag.replace("_", " ").capitalize()


INSTRUMENT_TYPES = {
    "export_processing_zone": N_("duty-free zone or status for export manufacturers"),
    "sez": N_("special economic zone or industrial park with its own rules and services"),
    "tax_incentive": N_("tax holidays, reduced rates or allowances"),
    "development_bank_credit": N_("preferential or long-term credit through public banks or funds"),
    "export_finance": N_("export credit, pre-shipment finance or letters of credit"),
    "public_procurement": N_("the state as buyer, including competitive auctions for contracts"),
    "r_and_d_grant": N_("grants or soft loans for firms' research and development"),
    "public_research_institute":
        N_("public or non-profit institute that acquires and spreads technology"),
    "vocational_training": N_("training and skills programmes tied to industry needs"),
    "cluster_programme": N_("support for a geographic concentration of related firms"),
    "local_content": N_("requirements or rewards for local inputs"),
    "supplier_development": N_("programmes linking local firms to large buyers"),
    "investment_promotion": N_("agency that targets and services foreign investors"),
    "production_subsidy": N_("payments tied to output or sales"),
    "state_enterprise": N_("state-owned or state-created company"),
    "carbon_pricing": N_("emissions trading or carbon tax"),
    "feed_in_tariff": N_("guaranteed price for renewable power"),
    "standards": N_("mandatory product or performance standards"),
    "efficiency_target": N_("negotiated or mandated energy-saving targets for firms"),
    "digital_infrastructure": N_("public investment in or regulation of networks"),
    "e_government": N_("digital public services and digital identity"),
    "regulation": N_("enabling regulation for new activities (e.g. test-and-learn)"),
    "trade_facilitation": N_("customs regimes, bonded warehouses, faster clearance"),
    "export_restriction": N_("export bans or taxes on raw materials to favour local processing"),
}

CONFIDENCE = ("high", "medium")
# The one code allowed that is not a country: the World Bank's code for the European Union.
MULTI_COUNTRY_CODES = {"EUU": "European Union"}

_REQUIRED = ("id", "country", "title", "period", "instrument_type", "objective", "megatrend",
             "addresses", "what_was_done", "source", "confidence")
_OPTIONAL = ("results", "notes")
#: Notes that say the cited source does not state the policy's results ("The source states
#: the strategy, not its results", "... not an evaluation", "... not their economic
#: effects"): such a case gives no results, since nothing it cites supports them.
SOURCE_WITHOUT_RESULTS = re.compile(
    r"\bnot (?:its|their) (?:results|(?:economic )?effects)\b|\bnot an evaluation\b"
    r"|\bdoes not (?:state|report) (?:its |their |any )?(?:results|effects)\b",
    re.IGNORECASE)
_SOURCE_REQUIRED = ("title", "publisher", "year")
_SOURCE_OPTIONAL = ("url",)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PERIOD = re.compile(r"^(\d{4})(?:[–-](\d{4})?)?$")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    year: int
    url: str = ""

    def citation(self) -> str:
        return f"{self.title}. {self.publisher}, {self.year}."


@dataclass(frozen=True)
class PolicyCase:
    """One documented policy experience; ``instrument_type`` and ``addresses`` are tuples of
    vocabulary names (``INSTRUMENT_TYPES``, ``CHALLENGE_FLAGS``). ``results`` is empty when
    the cited source does not state them (``notes`` then says so)."""

    id: str
    country: str
    title: str
    period: str
    instrument_type: tuple[str, ...]
    objective: str
    megatrend: str
    addresses: tuple[str, ...]
    what_was_done: str
    source: Source
    confidence: str
    results: str = ""
    notes: str = ""

    @property
    def country_name(self) -> CountryName:
        return country_name(self.country)


# A case's texts are read in the current language (the ``data`` catalogue, context
# "policy_cases:<id>:<field>"); the source's title and publisher stay as published.
translated_fields(PolicyCase, CASE_FIELDS,
                  lambda case, name, english: field_text("policy_cases", case.id, name, english))


def country_name(iso3: str) -> CountryName:
    """Short display name of a case's country (or of the EU code): the official short name
    of ``data/official_names.csv`` ("Viet Nam", "United Republic of Tanzania"), as the
    lesson pages write it (DESIGN §10), in the current language; country_converter's short
    name only for a country the table does not rename. French templates inflect it
    (``{country.du}``)."""
    if iso3 in MULTI_COUNTRY_CODES:
        return inflectable(iso3, group_name(MULTI_COUNTRY_CODES[iso3]))
    return inflectable(iso3, official_country_name(iso3))


def load_cases(path: str | os.PathLike | None = None) -> list[PolicyCase]:
    """Read and check the case library; raise ``DataError`` naming the case and field at
    fault (unknown field, missing field, value outside a vocabulary, incomplete source)."""
    path = Path(path) if path else paths.policy_cases_path()
    if not path.exists():
        raise DataError(f"policy case library not found: {path}")
    return list(_load_checked(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _load_checked(path: Path, stamp: int) -> tuple[PolicyCase, ...]:
    """Parsed and checked once per file version: every notebook run ends with the cases,
    and checking country codes with country_converter costs a noticeable fraction of one."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise DataError(f"{path}: expected a top-level 'cases:' list")
    cases = [_parse_case(entry, f"{path}: case #{n}") for n, entry in
             enumerate(doc["cases"], start=1)]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise DataError(f"{path}: case id {case.id!r} appears twice")
        seen.add(case.id)
    _check_countries(cases, path)
    return tuple(cases)


def _parse_case(entry: Any, where: str) -> PolicyCase:
    where = check_record(entry, where, _REQUIRED, _OPTIONAL)
    if not isinstance(entry["id"], str) or not _SLUG.match(entry["id"]):
        raise DataError(f"{where}: id must be a lower-case slug like 'kor-hci-drive'")
    for key in ("title", "objective", "what_was_done"):
        _text(entry[key], where, key)
    results, notes = (_optional_text(entry, key, where) for key in ("results", "notes"))
    _check_results_sourced(results, notes, where)
    megatrend = entry["megatrend"]
    if megatrend not in MEGATRENDS:
        raise DataError(f"{where}: megatrend {megatrend!r} is not one of {', '.join(MEGATRENDS)}")
    if entry["confidence"] not in CONFIDENCE:
        raise DataError(f"{where}: confidence {entry['confidence']!r} is not one of "
                        f"{', '.join(CONFIDENCE)}")
    return PolicyCase(
        id=entry["id"],
        country=_country_code(entry["country"], where),
        title=entry["title"].strip(),
        period=_period(entry["period"], where),
        instrument_type=_vocabulary_list(entry["instrument_type"], INSTRUMENT_TYPES, where,
                                         "instrument_type"),
        objective=entry["objective"].strip(),
        megatrend=megatrend,
        addresses=_vocabulary_list(entry["addresses"], CHALLENGE_FLAGS, where, "addresses"),
        what_was_done=entry["what_was_done"].strip(),
        results=results.strip(),
        source=_source(entry["source"], where),
        confidence=entry["confidence"],
        notes=notes.strip(),
    )


def _text(value: Any, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: {key} must be non-empty text")
    return value


def _optional_text(entry: dict, key: str, where: str) -> str:
    """An optional field's text, "" when absent; present, it must be non-empty text."""
    return _text(entry[key], where, key) if key in entry else ""


def _check_results_sourced(results: str, notes: str, where: str) -> None:
    """A case says only what its sources support: results only when the notes do not say
    the source lacks them, and a case without results says why in its notes."""
    if results and SOURCE_WITHOUT_RESULTS.search(notes):
        raise DataError(f"{where}: results are given but the notes say the source does not "
                        "state them; cite a source for the results or leave them out")
    if not results and not notes:
        raise DataError(f"{where}: a case without results needs notes saying why")


def _country_code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
        raise DataError(f"{where}: country must be an upper-case ISO3 code, got {value!r}")
    return value


def _period(value: Any, where: str) -> str:
    match = _PERIOD.match(str(value).strip()) if value is not None else None
    if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
        raise DataError(f"{where}: period must look like '1998–2010' or '2005–', got {value!r}")
    return str(value).strip().replace("-", "–")


def _vocabulary_list(value: Any, vocabulary: Iterable[str], where: str,
                     key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise DataError(f"{where}: {key} must be a name or a non-empty list of names")
    known = set(vocabulary)
    wrong = [item for item in items if item not in known]
    if wrong:
        raise DataError(f"{where}: {key} has unknown value(s) {', '.join(map(repr, wrong))}; "
                        f"allowed: {', '.join(sorted(known))}")
    return tuple(dict.fromkeys(items))


def _source(value: Any, where: str) -> Source:
    if not isinstance(value, dict):
        raise DataError(f"{where}: source must be a mapping with title, publisher and year")
    missing = [key for key in _SOURCE_REQUIRED if not value.get(key)]
    if missing:
        raise DataError(f"{where}: source is missing {', '.join(missing)}")
    unknown = sorted(set(value) - set(_SOURCE_REQUIRED) - set(_SOURCE_OPTIONAL))
    if unknown:
        raise DataError(f"{where}: source has unknown field(s) {', '.join(unknown)}")
    year = value["year"]
    if not isinstance(year, int) or not 1900 <= year <= 2100:
        raise DataError(f"{where}: source year must be a four-digit year, got {year!r}")
    return Source(title=_text(value["title"], where, "source title").strip(),
                  publisher=_text(value["publisher"], where, "source publisher").strip(),
                  year=year, url=str(value.get("url") or ""))


def _check_countries(cases: list[PolicyCase], path: Path) -> None:
    unknown = {c.country for c in cases} - set(MULTI_COUNTRY_CODES) - set(short_names())
    for case in cases:
        if case.country in unknown:
            raise DataError(f"{path}: case {case.id}: country {case.country!r} is not an ISO3 "
                            "code known to country_converter")


def select_cases(cases: Iterable[PolicyCase], flags: Iterable[str], megatrend: str | None = None,
                 exclude_country: str | Iterable[str] | None = None,
                 k: int = 3) -> list[PolicyCase]:
    """The ``k`` cases most relevant to a set of diagnosed challenge flags.

    Rule: a case's relevance is the number of the given flags it addresses; cases that
    address none are left out. Ties are broken by confidence (high first), then by whether
    the case belongs to ``megatrend``, then by id (so the order is stable). Cases from
    ``exclude_country`` (one ISO3 code or several, e.g. the focus country itself) are
    skipped so that participants see other countries' experience.
    """
    wanted = list(dict.fromkeys(flags))
    unknown = [f for f in wanted if f not in CHALLENGE_FLAGS]
    if unknown:
        raise DataError(f"unknown challenge flag(s) {', '.join(map(repr, unknown))}; "
                        f"known flags: {', '.join(CHALLENGE_FLAGS)}")
    if megatrend is not None and megatrend not in MEGATRENDS:
        raise DataError(f"unknown megatrend {megatrend!r}; use one of {', '.join(MEGATRENDS)}")
    excluded = {exclude_country} if isinstance(exclude_country, str) else set(exclude_country or ())
    scored = []
    for case in cases:
        if case.country in excluded:
            continue
        matches = sum(flag in case.addresses for flag in wanted)
        if matches:
            scored.append((-matches, CONFIDENCE.index(case.confidence),
                           case.megatrend != megatrend, case.id, case))
    scored.sort(key=lambda row: row[:4])
    return [row[-1] for row in scored[:k]]


def cases_table(cases: Iterable[PolicyCase]) -> pd.DataFrame:
    """One row per case with the fields a participant scans first (for display; the keys
    are the column names, the cells in the current language)."""
    rows = [{
        "id": c.id,
        "country": c.country_name,
        "title": c.title,
        "period": c.period,
        "megatrend": _(MEGATRENDS[c.megatrend]),
        "instruments": ", ".join(_instrument_name(i) for i in c.instrument_type),
        "addresses": ", ".join(CHALLENGE_FLAGS[f].label for f in c.addresses),
        "confidence": confidence_word(c.confidence),
        "source": c.source.citation(),
    } for c in cases]
    columns = ["id", "country", "title", "period", "megatrend", "instruments", "addresses",
               "confidence", "source"]
    return pd.DataFrame(rows, columns=columns)


def _instrument_name(instrument: str) -> str:
    """An instrument type in a list: its id in words in English, its description in the
    other languages (the id's English words mean nothing there)."""
    if is_source_language():
        return instrument.replace("_", " ")
    return _(INSTRUMENT_TYPES[instrument])


def confidence_word(confidence: str) -> str:
    """"high" or "medium" in the current language."""
    return {"high": pgettext("case confidence", "high"),
            "medium": pgettext("case confidence", "medium")}.get(confidence, confidence)


def case_markdown(case: PolicyCase) -> str:
    """The case as a Markdown block for a notebook cell or a forum brief."""
    semicolon = pgettext("list of long items", "; ")  # French: a no-break space before ;
    instruments = semicolon.join(_(INSTRUMENT_TYPES[i]) for i in case.instrument_type)
    relevant = semicolon.join(CHALLENGE_FLAGS[f].label for f in case.addresses)
    lines = [
        _("### {title} ({country}, {period})").format(
            title=case.title, country=case.country_name, period=case.period),
        "",
        _("*Instruments:* {instruments}  ").format(instruments=instruments),
        _("*Megatrend:* {megatrend}  ").format(megatrend=_(MEGATRENDS[case.megatrend])),
        _("*Relevant to:* {challenges}").format(challenges=relevant),
        "",
        _("**Objective.** {text}").format(text=case.objective),
        "",
        _("**What was done.** {text}").format(text=case.what_was_done),
        "",
    ]
    if case.results:
        lines += [_("**Results.** {text}").format(text=case.results), ""]
    if case.notes:
        lines += [_("**Notes.** {text}").format(text=case.notes), ""]
    lines.append(_("*Source:* {citation} (confidence: {confidence})").format(
        citation=case.source.citation(), confidence=confidence_word(case.confidence)))
    return "\n".join(lines)
