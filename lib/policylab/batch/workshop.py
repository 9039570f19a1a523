"""Workshop files (``params/workshops/<name>.yml``): read, check everything, then hand over.

The whole file is checked before anything runs, and every problem is reported at once
(with its line where YAML tells us), so that a facilitator fixes the file in one go instead
of discovering one mistake per run.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from policylab import paths
from policylab.batch.notebooks import FORUM_NOTEBOOK, NotebookSpec
from policylab.countries import resolve_country
from policylab.errors import CountryError, WorkshopError
from policylab.i18n.language import LANGUAGES, SOURCE_LANGUAGE, LanguageError, check_language

KNOWN_KEYS = ("title", "date", "organiser", "countries", "notebooks", "parameters", "overrides",
              "peer_pool", "output", "language")
# Set by the batch for each job (peer_pool and language from the workshop file's own keys);
# a workshop file may not set them as parameters.
RESERVED_PARAMETERS = ("country", "results_path", "countries", "results_dir", "peer_pool",
                       "language")
# Parameters whose values are country lists and are resolved like the workshop's countries.
COUNTRY_LIST_PARAMETERS = ("peers",)
#: The first year a lesson may start at: the World Bank's series begin in 1960.
FIRST_YEAR = 1960


@dataclass(frozen=True)
class Workshop:
    name: str
    source: Path
    title: str
    date: str | None
    organiser: str | None
    countries: list[str]
    notebooks: list[str]
    forum: bool
    parameters: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    output: Path = Path("output")
    #: The languages to build, each into its own tree when there are several (DESIGN §9).
    languages: tuple[str, ...] = ("en",)
    #: The language of this tree (``in_language``); the notebooks' ``language`` parameter.
    language: str = "en"
    #: ``title`` and ``organiser`` per language when the file gives them so
    #: (``title: {en: ..., fr: ...}``); a plain text serves every language.
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def in_language(self, language: str) -> Workshop:
        """This workshop built in ``language``: into ``output/<lang>/`` when the workshop
        has several languages, else into ``output`` itself; its title and organiser in
        that language when the file gives them per language."""
        output = self.output / language if len(self.languages) > 1 else self.output
        own = {key: by_language.get(language) or by_language[SOURCE_LANGUAGE]
               for key, by_language in self.texts.items()}
        return replace(self, language=language, output=output, **own)

    def parameters_for(self, iso3: str) -> dict[str, Any]:
        """Workshop-wide parameters with this country's overrides on top."""
        return {**self.parameters, **self.overrides.get(iso3, {})}


def load_workshop(
    path: str | Path,
    *,
    countries: Mapping[str, str],
    notebooks: Mapping[str, NotebookSpec],
    regions: Mapping[str, str] | None = None,
) -> Workshop:
    """Read and check a workshop file.

    ``countries`` maps every ISO3 code the data pack knows (non-aggregates) to its name,
    ``regions`` each to its World Bank region (for ``peer_pool: <region>``);
    ``notebooks`` are the available notebooks. Raises ``WorkshopError`` listing every problem.
    """
    path = Path(path)
    data, lines = _parse_yaml(path, _read_text(path))
    checker = _Checker(path, lines, countries, notebooks, regions or {})
    workshop = checker.check(data)
    if checker.problems:
        shown = checker.problems[:MAX_PROBLEMS_SHOWN]
        listed = "\n".join(f"  - {_shorten(p)}" for p in shown)
        count = len(checker.problems)
        if count > len(shown):
            listed += f"\n  ... and {count - len(shown)} more"
        raise WorkshopError(
            f"{path}: {count} problem{'s' if count > 1 else ''}; nothing was run:\n{listed}"
        )
    assert workshop is not None
    return workshop


#: A workshop file is a page of settings; anything larger is not one.
MAX_FILE_BYTES = 1_000_000
#: Values a file may expand to once YAML aliases are followed (an "alias bomb" expands a
#: few lines into billions of items).
MAX_EXPANDED_NODES = 100_000


#: Problems listed at once; a file with thousands of unknown keys is not read out in full.
MAX_PROBLEMS_SHOWN = 20


def _shorten(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WorkshopError(f"{path}: {size:,} bytes is not a workshop file (at most "
                                f"{MAX_FILE_BYTES:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise WorkshopError(f"cannot read workshop file {path}: {exc.strerror or exc}") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkshopError(f"{path}: saved as UTF-16; save it as UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkshopError(f"{path}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at position "
                            f"{exc.start}); save it as UTF-8") from exc


def _check_nodes(path: Path, node: yaml.Node | None) -> None:
    """Refuse alias bombs and duplicate keys (YAML keeps the last duplicate silently)."""
    count = 0
    visited: set[int] = set()  # a node reached twice is reached through an alias
    aliased = False
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        count += 1
        aliased = aliased or id(current) in visited
        visited.add(id(current))
        if count > MAX_EXPANDED_NODES:
            raise WorkshopError(_too_many_values(path, aliased))
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                name = str(key.value)
                if name in seen:
                    raise WorkshopError(f"{path}: line {key.start_mark.line + 1}: key {name!r} "
                                        f"is given twice (first at line {seen[name]})")
                seen[name] = key.start_mark.line + 1
                stack += [key, value]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value


def _too_many_values(path: Path, aliased: bool) -> str:
    """Name what was counted: values, multiplied by aliases only when the file has some."""
    if aliased:
        return (f"{path}: the file expands to more than {MAX_EXPANDED_NODES:,} values through "
                "YAML aliases (*name); write the lists out")
    return (f"{path}: the file holds more than {MAX_EXPANDED_NODES:,} values; a workshop "
            "file is a page of settings")


def _parse_yaml(path: Path, text: str) -> tuple[dict, dict[str, int]]:
    """The top-level mapping and the line of each top-level key (1-based)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        _check_nodes(path, node)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise WorkshopError(f"{path}: YAML syntax error{where}: {problem}") from exc
    except RecursionError as exc:
        raise WorkshopError(f"{path}: nested too deeply to be a workshop file") from exc
    except ValueError as exc:  # e.g. date: 2027-02-30 (YAML reads it as a date)
        raise WorkshopError(f"{path}: a value cannot be read: {exc}; quote dates that are "
                            "not real days, or correct them") from exc
    if not isinstance(data, dict):
        raise WorkshopError(
            f"{path}: a workshop file is a mapping of keys (title, countries, ...), "
            f"not {type(data).__name__ if data is not None else 'an empty file'}"
        )
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = key.start_mark.line + 1
            # each item of a list and each key of a mapping has its own line, so that a
            # problem is reported where the item is, not where its list starts
            items = value.value if isinstance(value, yaml.SequenceNode | yaml.MappingNode) else []
            for position, item in enumerate(items):
                item_node = item[0] if isinstance(item, tuple) else item
                lines[f"{key.value}[{position}]"] = item_node.start_mark.line + 1
    return data, lines


class _Checker:
    """Collects every problem of one workshop file instead of stopping at the first."""

    def __init__(self, path, lines, countries, notebooks, regions):
        self.path = path
        self.lines = lines
        self.known_countries = dict(countries)
        self.notebooks = dict(notebooks)
        self.regions = dict(regions)
        self.problems: list[str] = []

    def problem(self, key: str, message: str) -> None:
        line = self.lines.get(key) or self.lines.get(key.split("[")[0])
        self.problems.append(f"line {line}: {message}" if line else message)

    def check(self, data: dict) -> Workshop | None:
        for key in data:
            if key not in KNOWN_KEYS:
                close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(str(key), f"unknown key {key!r}{hint}; known keys: "
                             + ", ".join(KNOWN_KEYS))
        texts = {key: self._per_language(key, data.get(key), data.get("language"))
                 for key in ("title", "organiser") if isinstance(data.get(key), dict)}
        title = texts["title"][SOURCE_LANGUAGE] if "title" in texts else data.get("title")
        if not isinstance(title, str) or not title.strip():
            self.problem("title", "'title' is required and must be text (or one text per "
                         "language: {en: ..., fr: ...})")
        organiser = (texts["organiser"][SOURCE_LANGUAGE] if "organiser" in texts
                     else data.get("organiser"))
        countries = self._countries(data.get("countries"))
        notebook_names = self._notebooks(data.get("notebooks"))
        selected = [self.notebooks[n] for n in notebook_names if n in self.notebooks]
        per_country = [s for s in selected if s.per_country]
        parameters = self._parameters("parameters", data.get("parameters"), per_country)
        overrides = self._overrides(data.get("overrides"), countries, per_country)
        output = self._output(data.get("output"))
        pool = self._peer_pool(data.get("peer_pool"), countries)
        languages = self._languages(data.get("language"))
        if pool and any("peer_pool" in s.parameters for s in per_country):
            parameters = {**parameters, "peer_pool": pool}
        for iso3, own in overrides.items():
            if {"start_year", "end_year"} & set(own) and len({"start_year", "end_year"}
                                                           & set({**parameters, **own})) == 2:
                self._years("overrides", {**parameters, **own}, where=f" (for {iso3})")
        return Workshop(
            name=self.path.stem,
            source=self.path.resolve(),
            title=title.strip() if isinstance(title, str) else "",
            date=_text_or_none(data.get("date")),
            organiser=_text_or_none(organiser),
            countries=countries,
            notebooks=[s.name for s in per_country],
            forum=any(s.name == FORUM_NOTEBOOK for s in selected),
            parameters=parameters,
            overrides=overrides,
            output=output,
            languages=languages,
            language=languages[0],
            texts=texts,
        )

    def _per_language(self, key: str, value: dict, chosen: Any) -> dict[str, str]:
        """``title: {en: ..., fr: ...}``: known language codes to non-empty texts, with an
        English text (the report's and the CLI's) and one for every language built."""
        texts = {str(code): str(text).strip() for code, text in value.items()
                 if isinstance(text, (str, int, float)) and str(text).strip()}
        unknown = sorted(set(texts) - set(LANGUAGES))
        if unknown:
            self.problem(key, f"'{key}' has texts in unknown languages: {', '.join(unknown)} "
                         f"(known: {', '.join(LANGUAGES)})")
        wanted = chosen if isinstance(chosen, list) else [chosen or SOURCE_LANGUAGE]
        missing = [code for code in dict.fromkeys([SOURCE_LANGUAGE, *map(str, wanted)])
                   if code in LANGUAGES and code not in texts]
        if missing:
            self.problem(key, f"'{key}' has no text in {', '.join(missing)}: give one per "
                         "language built, and an English one")
        return texts if not missing else {**texts, **dict.fromkeys(missing, "")}

    def _languages(self, value: Any) -> tuple[str, ...]:
        """``language: fr`` or ``language: [en, fr]`` (default English), each supported."""
        if value is None:
            return (SOURCE_LANGUAGE,)
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(item, str) for item in items):
            self.problem("language", "'language' must be a language code (" + ", ".join(LANGUAGES)
                         + ") or a list of them")
            return (SOURCE_LANGUAGE,)
        chosen: list[str] = []
        for item in items:
            try:
                code = check_language(item)
            except LanguageError as exc:
                self.problem("language", str(exc))
                continue
            if code in chosen:
                self.problem("language", f"language {code!r} is listed twice")
            else:
                chosen.append(code)
        return tuple(chosen) or (SOURCE_LANGUAGE,)

    def _resolve(self, key: str, text: Any) -> str | None:
        if not isinstance(text, str):
            self.problem(key, f"country {text!r} is not text; quote it (YAML reads NO as false)")
            return None
        try:
            return resolve_country(text, self.known_countries)
        except CountryError as exc:
            self.problem(key, str(exc))
            return None

    def _countries(self, value: Any) -> list[str]:
        if value is None:
            self.problem("countries", "'countries' is required: a list of ISO3 codes or names, "
                         "or the word all")
            return []
        if value == "all":
            return sorted(self.known_countries)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.problem("countries", "'countries' must be a non-empty list or the word all")
            return []
        first: dict[str, Any] = {}
        for position, item in enumerate(value):
            iso3 = self._resolve(f"countries[{position}]", item)
            if iso3 in first:
                self.problem(f"countries[{position}]", f"country {item!r} ({iso3}) is listed "
                             f"twice (first as {first[iso3]!r}); give it once")
            elif iso3:
                first[iso3] = item
        return list(first)

    def _peer_pool(self, value: Any, countries: list[str]) -> list[str]:
        """Automatic peers only from: a list of countries, a World Bank region's members,
        or the word ``workshop`` (the workshop's own countries)."""
        if value is None:
            return []
        if value == "workshop":
            return list(countries)
        if isinstance(value, str):
            members = sorted(c for c, region in self.regions.items() if region == value)
            if not members:
                known = ", ".join(sorted(set(self.regions.values())))
                self.problem("peer_pool", f"peer_pool {value!r} is neither the word workshop "
                             f"nor a region (regions: {known}); or give a list of countries")
            return members
        if not isinstance(value, list) or not value:
            self.problem("peer_pool", "'peer_pool' must be a list of countries, a region "
                         "name or the word workshop")
            return []
        resolved = [self._resolve(f"peer_pool[{n}]", item) for n, item in enumerate(value)]
        pool = list(dict.fromkeys(c for c in resolved if c))
        if len(pool) < 3:
            self.problem("peer_pool", "'peer_pool' needs at least 3 countries to choose peers "
                         "from")
        return pool

    def _notebooks(self, value: Any) -> list[str]:
        if value is None:
            return list(self.notebooks)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.problem("notebooks", "'notebooks' must be a non-empty list of notebook names")
            return []
        names = []
        for position, item in enumerate(value):
            name = str(item).removesuffix(".ipynb")
            if name in self.notebooks:
                names.append(name)
                continue
            close = difflib.get_close_matches(name, list(self.notebooks), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.problem(f"notebooks[{position}]", f"unknown notebook {item!r}; {hint}"
                         "available: " + ", ".join(self.notebooks))
        return list(dict.fromkeys(names))

    def _parameters(self, key: str, value: Any, specs: list[NotebookSpec],
                    where: str = "") -> dict[str, Any]:
        """Each parameter must be declared (with a matching type) by at least one selected
        notebook; it is then passed to the notebooks that declare it."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(key, f"'{key}'{where} must be a mapping of parameter names to values")
            return {}
        checked = {}
        for name, given in value.items():
            if name in RESERVED_PARAMETERS:
                instead = ("; write the workshop's own key instead: language: fr"
                           if name == "language" else "; remove it")
                self.problem(key, f"parameter {name!r}{where} is set by the batch for each "
                             f"job{instead}")
                continue
            declaring = [s for s in specs if name in s.parameters]
            ok = bool(declaring)
            if not declaring:
                declared = sorted({p for s in specs for p in s.parameters})
                close = difflib.get_close_matches(str(name), declared, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(key, f"parameter {name!r}{where} is not declared by any selected "
                             f"notebook{hint}; they declare: " + ", ".join(declared))
            for spec in declaring:
                annotation = spec.parameters[name]
                if not annotation.accepts(given):
                    self.problem(key, f"parameter {name!r}{where} must be {annotation.annotation} "
                                 f"for notebook {spec.name}, got {type(given).__name__} {given!r}")
                    ok = False
                    break
            if ok and name in COUNTRY_LIST_PARAMETERS and isinstance(given, list):
                resolved = [self._resolve(key, item) for item in given]
                given = [c for c in resolved if c]
            if ok:
                checked[name] = given
        self._years(key, checked, where)
        return checked

    def _years(self, key: str, params: dict[str, Any], where: str = "") -> None:
        """Year parameters checked here, once, rather than failing every notebook at run time:
        a start in the data's era, an end of 0 (latest) or after the start."""
        this_year = dt.date.today().year
        start, end = params.get("start_year"), params.get("end_year")
        if isinstance(start, int) and not FIRST_YEAR <= start <= this_year:
            self.problem(key, f"start_year {start}{where} must lie between {FIRST_YEAR} and "
                         f"{this_year}")
        if isinstance(end, int) and end != 0 and not FIRST_YEAR <= end <= this_year:
            self.problem(key, f"end_year {end}{where} must be 0 (the latest year) or lie "
                         f"between {FIRST_YEAR} and {this_year}")
        elif isinstance(start, int) and isinstance(end, int) and end and end < start:
            self.problem(key, f"end_year {end} comes before start_year {start}{where}")

    def _overrides(self, value: Any, countries: list[str],
                   specs: list[NotebookSpec]) -> dict[str, dict[str, Any]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem("overrides", "'overrides' must map countries to parameter mappings")
            return {}
        result = {}
        for position, (text, params) in enumerate(value.items()):
            where = f"overrides[{position}]"
            iso3 = self._resolve(where, text)
            if iso3 is None:
                continue
            if iso3 not in countries:
                self.problem(where, f"override for {text!r} ({iso3}), which is not among "
                             "the workshop's countries")
                continue
            if iso3 in result:
                self.problem(where, f"two overrides for {iso3} ({text!r} and an earlier "
                             "entry); give one")
                continue
            result[iso3] = self._parameters("overrides", params, specs, where=f" (for {iso3})")
        return result

    def _output(self, value: Any) -> Path:
        if value is None:
            return paths.output_root() / self.path.stem
        if not isinstance(value, str) or not value.strip():
            self.problem("output", "'output' must be a folder path")
            return paths.output_root() / self.path.stem
        folder = Path(value).expanduser()
        return folder if folder.is_absolute() else paths.project_root() / folder


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
