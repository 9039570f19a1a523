"""Country names in the reader's language.

English names stay what the data pack gives (the World Bank's, replaced by the UN short
names of ``data/official_names.csv``). In French and Spanish a name is, in order:

1. the UN short name in that language from ``data/official_names.csv`` (``name_fr``,
   ``name_es``: filled only where UNTERM's name differs from Babel's, e.g. "Viet Nam",
   "République-Unie de Tanzanie"), so that the material uses the names the UN uses, as it
   does in English;
2. Babel's CLDR territory name, found through the ISO2 code (``countries.iso2_codes``);
3. the English name, for what has no ISO2 code (groups of countries such as "World",
   which the catalogues translate).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

from policylab import paths
from policylab.errors import DataError
from policylab.i18n.articles import Articled
from policylab.i18n.language import SOURCE_LANGUAGE, language_or_current

OFFICIAL_NAMES = Path("data") / "official_names.csv"


def country_name(iso3: str, language: str | None = None, english: str | None = None) -> str:
    """The name of ``iso3`` in ``language`` (default: the current one). ``english`` is the
    name the caller already shows in English (``ds.name(iso3)``); without it the official
    names table and then country_converter's short name are used."""
    code = str(iso3).strip().upper()
    lang = language_or_current(language)
    english = english or _english_name(code)
    if lang == SOURCE_LANGUAGE:
        return english
    official = official_names().get(code, {}).get(f"name_{lang}", "")
    if official:
        return official
    iso2 = _iso2_codes().get(code)
    if iso2:
        name = _territories(lang).get(iso2)
        if name:
            return name
    from policylab.i18n.groups import group_name

    return group_name(english, lang)  # "World", "European Union": the library catalogue's


def shown_name(iso3: str, english: str, language: str | None = None) -> CountryName:
    """The name a page shows for ``iso3`` (``english``: the pack's English name) in the
    language, with the French forms its templates use (``{country.du}``)."""
    lang = language_or_current(language)
    return inflectable(iso3, country_name(iso3, lang, english), lang)


def country_names(countries: Mapping[str, str] | Iterable[str],
                  language: str | None = None) -> dict[str, str]:
    """ISO3 -> name in the language, for a mapping ISO3 -> English name (``ds.countries()``'s
    names) or a plain collection of codes."""
    given = dict(countries) if isinstance(countries, Mapping) else {c: None for c in countries}
    return {iso3: country_name(iso3, language, english) for iso3, english in given.items()}


@functools.cache
def official_names(path: Path | None = None) -> dict[str, dict[str, str]]:
    """``data/official_names.csv`` as ISO3 -> {column: value}, read once per process."""
    path = path or paths.project_root() / OFFICIAL_NAMES
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise DataError(f"{path}: cannot read the official names: {exc}") from exc
    return {row["iso3"].strip().upper(): {k: (v or "").strip() for k, v in row.items()}
            for row in rows}


def _english_name(iso3: str) -> str:
    official = official_names().get(iso3, {}).get("name", "")
    if official:
        return official
    from policylab.countries import short_names

    return short_names().get(iso3, iso3)


def _iso2_codes() -> dict[str, str]:
    from policylab.countries import iso2_codes

    return iso2_codes()


@functools.cache
def _territories(language: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(language).territories)


#: French articles of country names (``data/country_articles_fr.csv``): le, la, l', les or
#: nothing (Cuba, Madagascar), and the preposition of place where the article does not
#: decide it (en Israël).
COUNTRY_ARTICLES_FR = Path("data") / "country_articles_fr.csv"
_VOWELS = "AEIOUYÂÉÈÊÎÏÔÛÜaeiouyâéèêîïôûü"


class CountryName(Articled):
    """A country's name that a sentence in French can inflect. It is the plain name
    everywhere (``{country}``); a French template writes ``{country.le}`` (le Kenya, la
    Tanzanie, l'Éthiopie), ``{country.Le}`` at the start of a sentence, ``{country.du}``
    (du Kenya, de la Tanzanie, de l'Éthiopie, de Cuba) or ``{country.au}`` (au Kenya, en
    Tanzanie, aux Philippines, à Cuba), so that one template serves every country. In other
    languages these forms are the plain name. English templates write the possessive
    ``{country.possessive}`` ("Kenya's", "the Philippines'") and ``{country.Possessive}`` at
    the start of a sentence."""

    place: str = ""
    extras = ("place",)

    @property
    def le(self) -> str:
        return self.the

    @property
    def Le(self) -> str:  # noqa: N802 (a template's sentence-initial form)
        return self.The

    @property
    def du(self) -> str:
        if self.article:
            return self.of_the_in("fr")
        return f"d'{self}" if str(self)[:1] in _VOWELS else f"de {self}"

    @property
    def possessive(self) -> str:
        """The English possessive for English templates (``{country.possessive}``):
        "Kenya's", "the Philippines'" (a name ending in s takes only the apostrophe; the
        names of ``text.words`` that take "the" take it). French and Spanish templates do not
        use it (they write ``{country.du}``, "de {country}")."""
        from policylab.text.words import possessive

        return possessive(str(self))

    @property
    def Possessive(self) -> str:  # noqa: N802 (a template's sentence-initial form)
        """:attr:`possessive` at the start of a sentence: "The Philippines'"."""
        from policylab.text.words import possessive

        return possessive(str(self), start=True)

    @property
    def au(self) -> str:
        if self.place:
            return f"{self.place} {self}"
        return {"le": f"au {self}", "la": f"en {self}", "l'": f"en {self}",
                "les": f"aux {self}"}.get(self.article, f"à {self}")


def inflectable(iso3: str, name: str, language: str | None = None) -> CountryName:
    """``name`` (already in the language) with the forms its language's templates use."""
    if language_or_current(language) != "fr":
        return CountryName(name)
    row = french_articles().get(str(iso3).strip().upper(), {})
    return CountryName(name, row.get("article", "le"), row.get("place", ""))


@functools.cache
def french_articles(path: Path | None = None) -> dict[str, dict[str, str]]:
    """``data/country_articles_fr.csv`` as ISO3 -> {"article", "place"} (empty when the file
    is absent: every name then takes "le", which a test of the file's coverage prevents)."""
    path = path or paths.project_root() / COUNTRY_ARTICLES_FR
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["iso3"].strip().upper(): {k: (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(handle)}
