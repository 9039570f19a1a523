"""Country names and codes: a Namibia-safe ``country_converter`` and resolution with suggestions.

``country_converter`` reads its bundled table with pandas' default missing-value list, in
which Namibia's ISO2 code "NA" means "missing"; under pandas 3 that breaks its start-up.
We read the table ourselves with only empty cells as missing and pass it in, so the
converter works the same under any pandas version.
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from collections.abc import Iterable, Mapping

import country_converter as coco
import pandas as pd

from policylab.errors import CountryError

_NOT_FOUND = "__policylab_not_found__"


@functools.cache
def country_table() -> pd.DataFrame:
    """country_converter's bundled table, read Namibia-safe, once per process."""
    return pd.read_csv(
        coco.country_converter.COUNTRY_DATA_FILE,
        sep="\t",
        encoding="utf-8",
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )


@functools.cache
def converter() -> coco.CountryConverter:
    """The shared converter, built once per process. Building it compiles ~250 regexes
    (most of a second), so code-to-name lookups use ``short_names`` instead and only free
    text reaches the converter."""
    # coco logs a warning for every name it cannot match; we report those ourselves.
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter(country_data=country_table())


@functools.cache
def short_names() -> dict[str, str]:
    """ISO3 code -> country_converter's short name, for every code it knows."""
    table = country_table().dropna(subset=["ISO3"])
    return dict(zip(table["ISO3"], table["name_short"], strict=True))


def names_to_iso3(names: Iterable[str]) -> dict[str, list[str]]:
    """Map each distinct name to the ISO3 codes ``country_converter`` finds for it.

    An empty list means no match; more than one code means the name is ambiguous. The
    caller decides what to do with either, so that nothing is guessed silently.
    """
    distinct = sorted({str(n) for n in names})
    if not distinct:
        return {}
    found = converter().convert(distinct, to="ISO3", enforce_list=True, not_found=_NOT_FOUND)
    return {
        name: [str(code) for code in codes if code != _NOT_FOUND]
        for name, codes in zip(distinct, found, strict=True)
    }


def resolve_country(text: str, known_iso3: Mapping[str, str] | Iterable[str]) -> str:
    """Turn an ISO3 code or a country name into an ISO3 code among ``known_iso3``.

    ``known_iso3`` is either a mapping ISO3 -> display name (names are then matched exactly
    first and used for suggestions) or a plain collection of codes. Free-text names go
    through ``country_converter``'s regular expressions ("Viet Nam", "Ivory Coast", "NA").
    Raises ``CountryError`` with the closest names when the text is unknown or ambiguous.
    """
    names = dict(known_iso3) if isinstance(known_iso3, Mapping) else {c: c for c in known_iso3}
    query = str(text).strip()
    if not query:
        raise CountryError("empty country: give an ISO3 code (e.g. KEN) or a name (e.g. Kenya)")
    if query.upper() in names:
        return query.upper()
    # A name that appears, as whole words, in several economies' names ("Congo" in
    # "Democratic Republic of the Congo", "Korea", "Guinea") names none of them, even when it
    # is one economy's own name: list them all rather than let the first match decide.
    holders = _economies_naming(query, names)
    if len(holders) > 1:
        listed = ", ".join(f"{c} ({names[c]})" for c in sorted(holders))
        raise CountryError(f"ambiguous country {query!r}: it matches {listed}; use an ISO3 code")
    if holders and query.casefold() in {n.casefold() for n in _all_names(holders[0],
                                                                          names[holders[0]])}:
        return holders[0]
    codes = names_to_iso3([query])[query]
    known = [c for c in dict.fromkeys(codes) if c in names]
    if len(known) == 1:
        return known[0]
    if len(known) > 1:
        listed = ", ".join(f"{c} ({names[c]})" for c in known)
        raise CountryError(f"ambiguous country {query!r}: it matches {listed}; use an ISO3 code")
    if codes:
        raise CountryError(
            f"country {query!r} ({', '.join(codes)}) is not in the data; "
            f"{_suggestion_text(query, names)}"
        )
    raise CountryError(f"unknown country {query!r}; {_suggestion_text(query, names)}")


def _all_names(iso3: str, shown: str) -> set[str]:
    """Every name an economy goes by here: the name shown, its UN short name and World Bank
    name (``data/official_names.csv``) and country_converter's short name."""
    from policylab.i18n.names import official_names

    official = official_names().get(iso3, {})
    found = {shown, official.get("name", ""), official.get("world_bank_name", ""),
             short_names().get(iso3, "")}
    return {name for name in found if name and name != iso3}


def _economies_naming(query: str, names: Mapping[str, str]) -> list[str]:
    """The economies with a name that holds ``query`` as whole words, except where the query
    only qualifies the name: "China" in "Hong Kong SAR, China" or "Ireland" in "United
    Kingdom of Great Britain and Northern Ireland", whose rest still names that economy."""
    words = re.compile(rf"(?<!\w){re.escape(query.casefold())}(?!\w)")
    holders = []
    for iso3, shown in names.items():
        own = _all_names(iso3, shown)
        holding = [name for name in own if words.search(name.casefold())]
        if any(not _still_names(words.sub(" ", name.casefold()), iso3, own - {name})
               for name in holding):
            holders.append(iso3)
    return holders


def _still_names(rest: str, iso3: str, others: set[str]) -> bool:
    """Whether what is left of one of ``iso3``'s names, once the query is taken out, names
    it by itself: through country_converter, or as whole words of one of its ``others``."""
    rest = re.sub(r"\s+", " ", rest.strip(" ,.;:()-")).strip()
    if not re.search(r"\w", rest):
        return False
    inside = re.compile(rf"(?<!\w){re.escape(rest)}(?!\w)")
    if any(inside.search(name.casefold()) for name in others):
        return True
    return names_to_iso3([rest])[rest] == [iso3]


def _suggestion_text(query: str, names: Mapping[str, str]) -> str:
    label_to_code = {name: iso3 for iso3, name in names.items()}
    close = difflib.get_close_matches(query, list(label_to_code), n=3, cutoff=0.5)
    close += [c for c in difflib.get_close_matches(query.upper(), list(names), n=2) if c]
    if not close:
        return "see `policylab list countries` for the names and codes"
    shown = []
    for item in dict.fromkeys(close):
        iso3 = label_to_code.get(item, item)
        shown.append(f"{names[iso3]} ({iso3})")
    return "did you mean " + ", ".join(dict.fromkeys(shown)) + "?"


@functools.cache
def iso2_codes() -> dict[str, str]:
    """ISO3 code -> ISO2 code from country_converter's table (Namibia's "NA" kept). A few
    rows hold a pattern instead of a code (United Kingdom "^GB$|^UK$", Greece "^GR$|^EL$"):
    their first code is the ISO one."""
    table = country_table().dropna(subset=["ISO3", "ISO2"])
    codes = {}
    for iso3, iso2 in zip(table["ISO3"], table["ISO2"], strict=True):
        found = re.findall(r"[A-Z]{2}", str(iso2))
        if found:
            codes[str(iso3)] = found[0]
    return codes
