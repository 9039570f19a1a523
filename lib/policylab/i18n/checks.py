"""``check``: is every text translated? One report per language and catalogue.

A problem is one of:

- ``untranslated``: an entry of the template that the language's ``.po`` lacks or leaves
  empty (readers see the English);
- ``fuzzy``: a translation marked for review, usually because the English changed (readers
  see the English until a translator confirms it);
- ``identical``: a translation equal to its English source, which is how a forgotten
  entry usually looks, unless the text is on the allow-list
  ``lib/policylab/locale/identical_ok.txt`` (names, codes, units that are the same in every
  language) or has no words at all ("{value} ({year})");
- ``fields``: a translation whose ``{named}`` fields differ from the English (the
  ``.format()`` call would fail or drop a figure);
- ``stale``: the committed template no longer matches the sources (run ``extract``).

The templates checked against are extracted afresh from the sources, so a ``_()`` added
without running ``extract`` is caught too.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policylab.i18n.catalogues import (
    LIBRARY_DOMAIN,
    po_path,
    read_catalogue,
    template_path,
)
from policylab.i18n.extraction import Sources, extract_notebooks, templates_of
from policylab.i18n.language import LANGUAGES, SOURCE_LANGUAGE

ALLOW_LIST = "identical_ok.txt"
KINDS = ("untranslated", "fuzzy", "identical", "fields", "stale")


@dataclass(frozen=True)
class Problem:
    language: str
    domain: str
    kind: str
    msgid: str
    context: str | None = None

    def line(self) -> str:
        where = f" [{self.context}]" if self.context else ""
        text = " ".join(self.msgid.split())
        return f"{self.language} {self.domain} {self.kind}{where}: " \
               f"{text[:70]}{'…' if len(text) > 70 else ''}"


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    checked: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, language: str, domain: str, kind: str) -> int:
        return sum(1 for p in self.problems
                   if (p.language, p.domain, p.kind) == (language, domain, kind))

    def lines(self) -> list[str]:
        counts = Counter((p.language, p.domain, p.kind) for p in self.problems)
        out = []
        for language, domain, total in self.checked:
            found = ", ".join(f"{counts[(language, domain, kind)]} {kind}" for kind in KINDS
                              if counts[(language, domain, kind)])
            out.append(f"{language} {domain}: {total} entries, {found or 'complete'}")
        out += [problem.line() for problem in self.problems]
        return out


def check(sources: Sources | None = None,
          languages: tuple[str, ...] | None = None) -> CheckReport:
    """Check every language's catalogues against templates extracted from the sources."""
    sources = sources or Sources()
    languages = languages or tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)
    notebooks, _problems = extract_notebooks(sources.notebooks_dir)
    templates = templates_of(sources, notebooks)
    allowed = allow_list(sources.locale_dir / ALLOW_LIST)
    report = CheckReport()
    for domain, template in templates.items():
        committed = _keys(template_path(domain, sources.locale_dir))
        stale = _keys_of(template) != committed
        for language in languages:
            if stale:
                report.problems.append(Problem(language, domain, "stale",
                                               f"{template_path(domain, sources.locale_dir)} "
                                               "differs from the sources: run extract"))
            report.checked.append((language, domain, len(template)))
            report.problems += _check_one(template, po_path(language, domain, sources.locale_dir),
                                          language, domain, allowed)
    return report


def _check_one(template, path: Path, language: str, domain: str,
               allowed: dict[str, set[str]]) -> list[Problem]:
    translated = {}
    if path.exists():
        translated = {(m.context, _first(m.id)): m for m in read_catalogue(path, language)
                      if m.id}
    problems = []
    for entry in template:
        if not entry.id:
            continue
        msgid = _first(entry.id)
        found = translated.get((entry.context, msgid))
        strings = _strings(found.string) if found is not None else []
        if not strings or not all(strings):
            problems.append(Problem(language, domain, "untranslated", msgid, entry.context))
        elif found.fuzzy:
            problems.append(Problem(language, domain, "fuzzy", msgid, entry.context))
        elif _identical(entry.id, strings) and not _allowed(entry, language, allowed):
            problems.append(Problem(language, domain, "identical", msgid, entry.context))
        elif domain == LIBRARY_DOMAIN and not _same_fields(entry.id, strings):
            problems.append(Problem(language, domain, "fields", msgid, entry.context))
    return problems


def allow_list(path: Path) -> dict[str, set[str]]:
    """``identical_ok.txt``: one text (or a notebook cell's context) per line that may stay
    as in English; "[fr] text" allows it in one language only; "#" starts a comment."""
    allowed: dict[str, set[str]] = {"*": set()}
    if not path.exists():
        return allowed
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        scope = "*"
        if line.startswith("[") and "]" in line:
            scope, line = line[1:line.index("]")].strip(), line[line.index("]") + 1:].strip()
        allowed.setdefault(scope, set()).add(line)
    return allowed


def _allowed(entry, language: str, allowed: dict[str, set[str]]) -> bool:
    names = {_first(entry.id).strip(), entry.context or ""}
    return bool(names & (allowed["*"] | allowed.get(language, set())))


_ROOT = re.compile(r"[^.\[]*")


def _identical(msgid, strings: list[str]) -> bool:
    sources = _strings(msgid)
    if not any(ch.isalpha() for ch in _without_fields(sources[0])):
        return False  # nothing to translate: "{value} ({year})", "2000–2024"
    return strings[0] == sources[0]


def _same_fields(msgid, strings: list[str]) -> bool:
    """Every field a translation uses exists in the English, and the main form keeps all of
    the English singular's."""
    try:
        wanted = set().union(*(_fields(text) for text in _strings(msgid)))
        return (all(_fields(text) <= wanted for text in strings)
                and _fields(strings[0]) >= _fields(_strings(msgid)[0]))
    except ValueError:  # unbalanced braces
        return False


def _fields(text: str) -> set[str]:
    """The fields' root names: a French ``{country.du}`` uses the English ``{country}``."""
    return {_ROOT.match(name).group(0)
            for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _without_fields(text: str) -> str:
    try:
        return "".join(lit for lit, *_ in string.Formatter().parse(text))
    except ValueError:
        return text


def _keys(path: Path) -> set:
    return _keys_of(read_catalogue(path)) if path.exists() else set()


def _keys_of(catalog) -> set:
    return {(m.context, _first(m.id)) for m in catalog if m.id}


def _first(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _strings(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
