"""Indicator labels with their article, so that a French or Spanish sentence can name an
indicator as a writer of the language does ("La valeur ajoutée de l'industrie du Ghana
s'établissait à…", "El valor agregado de la industria de Ghana se situaba en…") rather
than through « l'indicateur « … » ».

A :class:`LabelPhrase` is the label as it sits in a sentence: the plain text everywhere
(``{label}``: English templates and other code see a str), with the forms a template of
the language writes: ``{label.the}``, ``{label.The}`` at the start of a sentence and
``{label.of_the}`` (fr "du PIB", "de la valeur…", "de l'indice…", "des émissions…"; es
"del PIB", "de la participación…", "de los…", "de las…"). A verb whose subject is the
label agrees with it in number: the template writes both forms as the field's format,
``{label:s'établissait|s'établissaient}``, ``{label:se situaba|se situaban}``, and gets the
plural after les, los, las (the field then stands for the verb only). Participles and
adjectives that would agree in gender are avoided in the templates ("a évolué", "se situe
à un niveau élevé"). The article is the one of the
label's head noun in the data catalogue's translation, read from
``data/label_articles.csv`` (``id,fr,es``); it does not change when the unit or "per
capita" is dropped from the label, so :func:`label_phrase` takes the indicator (for its
id) and the text the caller shows.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from policylab import paths
from policylab.i18n.articles import Articled
from policylab.i18n.language import SOURCE_LANGUAGE, language_or_current
from policylab.text.words import in_sentence

LABEL_ARTICLES = Path("data") / "label_articles.csv"

#: The articles each language's column may hold.
ARTICLES = {"fr": ("le", "la", "l'", "les"), "es": ("el", "la", "los", "las")}


class LabelPhrase(Articled):
    """An indicator's label inside a sentence, carrying the definite article it takes in
    the language it was made for (``article``: fr le, la, l', les; es el, la, los, las; en
    "the"; "" when unknown, and then every form is the plain text)."""

    language: str = ""
    extras = ("language",)

    @property
    def plural(self) -> bool:
        """Whether the label is plural (its article is les, los or las)."""
        return self.article in ("les", "los", "las")

    def __format__(self, spec: str) -> str:
        """``{label}``: the text; ``{label:singular|plural}``: the form of a verb that
        agrees with the label ("{label:s'établissait|s'établissaient}")."""
        if "|" in spec:
            singular, plural = spec.split("|", 1)
            return plural if self.plural else singular
        return super().__format__(spec)

    @property
    def of_the(self) -> str:
        """"de" (English "of") and the article, contracted as the language does: "du PIB",
        "de la valeur…", "de l'indice…", "des émissions…"; "del valor…", "de las…"."""
        return self.of_the_in(self.language)


def label_phrase(indicator, text: str, language: str | None = None) -> LabelPhrase:
    """``text`` (a label, or the part of it the caller shows) inside a sentence
    (``text.in_sentence``), with the article of ``indicator`` (an id or an object with an
    ``id``) in ``language`` (default: the current one). English takes "the"; an indicator
    without a row of ``data/label_articles.csv`` gets no article (a test requires a row for
    every indicator of the catalogue)."""
    text = in_sentence(text)
    lang = language_or_current(language)
    if lang == SOURCE_LANGUAGE:
        return LabelPhrase(str(text), "the", lang)
    key = getattr(indicator, "id", indicator)
    article = label_articles().get(str(key or ""), {}).get(lang, "")
    return LabelPhrase(str(text), article, lang)


@functools.cache
def label_articles(path: Path | None = None) -> dict[str, dict[str, str]]:
    """``data/label_articles.csv`` as id -> {"fr": article, "es": article} (empty when the
    file is absent), read once per process."""
    path = path or paths.project_root() / LABEL_ARTICLES
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"].strip(): {k: (v or "").strip() for k, v in row.items() if k != "id"}
                for row in csv.DictReader(handle)}
