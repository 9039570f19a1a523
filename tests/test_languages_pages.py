"""The material in French and Spanish, as a participant reads it (issue 15's acceptance):
every participant page of a French and a Spanish build, for two countries and the forum,
has no English sentence left, writes its numbers in the language's conventions, and titles
its charts in the language.

"English" is found two ways: a sentence of the library's English catalogue met verbatim on
the page, and a stretch of text with several of English's commonest words. Text that is
published in English only stays English, and is allowed by name: the HS classification's
product names and the policy cases' source documents."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from policylab.batch.plan import default_pack_info
from policylab.batch.run import build_languages
from policylab.cases import load_cases
from policylab.i18n.catalogues import LIBRARY_DOMAIN, read_catalogue, template_path
from policylab.pack.dataset import load
from policylab.plotcalls import newplot_arguments

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

COUNTRIES = ["KEN", "GHA"]
LANGUAGES = ("fr", "es")
#: Words that are English and neither French nor Spanish.
ENGLISH_WORDS = frozenset(
    "the and of with which from than this that are is has have for by its their between "
    "where when not or each to was were been at it these those into over under about after "
    "before since only more less most who what how why would should could".split())
#: An English decimal point between digits (not a version "0.3.1" or a licence "CC-BY 4.0");
#: Spanish groups thousands with a point ("1.000"), which is allowed there.
#: A sentence may end right after the number ("ε = 0.01.").
ENGLISH_DECIMAL = re.compile(r"(?<![\d.,/])\d+\.\d+(?!\d|\.\d)")
SPANISH_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


class _Visible(HTMLParser):
    """The text a reader sees: no scripts, styles or the page's hidden templates, and no
    Python code (a folded method cell is code, in any language; its "show the code" line is
    text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._code: list[bool] = []  # per open <details>: is it a folded code cell?

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self._code.append(("class", "policylab-code") in attrs)
        if tag == "summary" and self._code and self._code[-1]:
            self._hidden -= 1  # the summary of a folded cell is read
        if tag in ("script", "style", "template") or (
                tag == "details" and self._code[-1]):
            self._hidden += 1
        elif tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "br", "div", "caption"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "summary" and self._code and self._code[-1]:
            self._hidden += 1
        if tag == "details" and self._code:
            if self._code.pop():
                self._hidden -= 1
        elif tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "".join(parser.parts)


def chart_texts(page: str) -> list[str]:
    """Each chart's title, axis titles, annotations, trace names and hover texts."""
    texts: list[str] = []
    for values in newplot_arguments(page):
        if not values:
            continue
        traces, layout = values[1], values[2] if len(values) > 2 else {}
        layout = layout if isinstance(layout, dict) else {}
        title = layout.get("title")
        texts.append(title.get("text", "") if isinstance(title, dict) else str(title or ""))
        for key, axis in layout.items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                at = axis.get("title")
                texts.append(at.get("text", "") if isinstance(at, dict) else str(at or ""))
        texts += [str(a.get("text", "")) for a in layout.get("annotations") or []]
        for trace in traces if isinstance(traces, list) else []:
            texts.append(str(trace.get("name") or ""))
            for key in ("hovertemplate", "text", "hovertext"):
                value = trace.get(key)
                texts += [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
    return [re.sub(r"<[^>]+>|%\{[^}]*\}", " ", html.unescape(t)) for t in texts if t]


def segments(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"\n|(?<=[.;:!?])\s", text) if s.strip()]


def english_words(segment: str) -> set[str]:
    return set(re.findall(r"[a-z]+", segment.lower())) & ENGLISH_WORDS


@pytest.fixture(scope="module")
def built(real_pack, tmp_path_factory):
    folder = tmp_path_factory.mktemp("languages")
    spec = {"title": "Politique industrielle / Política industrial", "countries": COUNTRIES,
            "language": list(LANGUAGES), "output": str(folder / "out")}
    path = folder / "languages.yml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    outcomes = build_languages(path, jobs=2, progress=False, make_zip=False,
                               pack=default_pack_info(real_pack))
    return {outcome.language: outcome for outcome in outcomes}


@pytest.fixture(scope="module")
def published_in_english(real_pack) -> list[str]:
    """Names and titles that exist only in English: products, the cases' sources."""
    ds = load(real_pack)
    names = [str(n) for column in ("name", "name_short") if column in ds.products
             for n in ds.products[column].dropna()]
    cases = [text for case in load_cases() for text in (case.source.title, case.source.publisher)]
    # A published dataset's citation ("Growth Lab at Harvard University, International
    # Trade Data (HS, 92), <file> (doi:...), from UN Comtrade") keeps its English title.
    datasets = [str(entry.get("publisher", "")) for entries in
                (ds.manifest.get("indicator_sources") or {}).values() for entry in entries]
    return sorted({*names, *cases, *datasets} - {""}, key=len, reverse=True)


@pytest.fixture(scope="module")
def english_sentences() -> list[str]:
    """The literal stretches of the library's English strings long enough to be a
    sentence (a field's value is not English text)."""
    found = set()
    for message in read_catalogue(template_path(LIBRARY_DOMAIN)):
        for source in [message.id] if isinstance(message.id, str) else list(message.id or []):
            for stretch in re.split(r"\{[^{}]*\}", source or ""):
                stretch = re.sub(r"<[^>]+>|\*+", " ", stretch).strip(" ,.;:()*")
                if len(stretch) >= 24 and len(english_words(stretch)) >= 2:
                    found.add(stretch)
    return sorted(found)


def participant_pages(out: Path) -> list[Path]:
    pages = [out / "index.html", out / "forum" / "forum_synthesis.html"]
    pages += [p for iso3 in COUNTRIES for p in sorted((out / iso3).glob("*.html"))
              if not p.name.endswith(".facilitator.html")]
    return pages


def _without(text: str, allowed: list[str]) -> str:
    for name in allowed:
        if name and name in text:
            text = text.replace(name, " ")
    return text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_was_built(built, language):
    outcome = built[language]
    assert outcome.failed == 0, [j for j in outcome.report["jobs"] if j["status"] == "failed"]
    for page in participant_pages(outcome.output):
        assert page.exists(), page
        assert f'lang="{language}"' in page.read_text(encoding="utf-8")[:400], page


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_sentence_on_a_participant_page(built, language, published_in_english,
                                                   english_sentences):
    leftovers = []
    for page in participant_pages(built[language].output):
        source = page.read_text(encoding="utf-8")
        text = _without(visible_text(source) + "\n" + "\n".join(chart_texts(source)),
                        published_in_english)
        for sentence in english_sentences:
            if sentence in text:
                leftovers.append((page.name, "catalogue", sentence[:80]))
        for segment in segments(text):
            if len(english_words(segment)) >= 2:
                leftovers.append((page.name, "words", segment[:120]))
    assert leftovers == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_follow_the_language(built, language):
    """No English decimal point in the text; percentages take the language's decimal
    comma and space before the sign."""
    found, percents = [], 0
    for page in participant_pages(built[language].output):
        text = visible_text(page.read_text(encoding="utf-8"))
        # Not numbers to read: versions, licence names, DOIs, and the Python literal a
        # learner types in an exercise ("0.03 signifie 3 %").
        text = re.sub(r"\b\d+\.\d+\.\d+\b|CC-BY[- ]\d\.\d|Attribution 4\.0|Atribución 4\.0|"
                      r"doi:\S+|\d\.\d+(?= signif)", " ", text)
        found += [(page.name, m.group(0), text[max(0, m.start() - 40):m.end() + 20])
                  for m in ENGLISH_DECIMAL.finditer(text)
                  if not (language == "es" and SPANISH_THOUSANDS.match(m.group(0)))]
        percents += len(re.findall(r"\d,\d+\u00a0%", text))
    assert found == []
    assert percents > 20  # "7,6 %": a decimal comma and a no-break space before the sign


@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_titles_are_in_the_language(built, language):
    titles = []
    for page in participant_pages(built[language].output):
        for values in newplot_arguments(page.read_text(encoding="utf-8")):
            layout = values[2] if values and len(values) > 2 else {}
            layout = layout if isinstance(layout, dict) else {}
            title = layout.get("title") or {}
            text = title.get("text", "") if isinstance(title, dict) else str(title)
            # The house template draws the title as the annotation named "title".
            text += " ".join(str(a.get("text", "")) for a in layout.get("annotations") or []
                             if a.get("name") == "title")
            titles.append(re.sub(r"<[^>]+>", " ", text))
    assert len(titles) > 20
    assert [t for t in titles if len(english_words(t)) >= 1] == []
