"""Noun phrases that carry their definite article: the one mechanism behind a country's
name in French templates (``{country.du}``) and an indicator's label in French and Spanish
ones (``{label.The}``, ``{label.of_the}``).

An :class:`Articled` text is the plain str everywhere (English templates and other code see
nothing else); a template of a language that needs the article writes the form it wants, so
that one template serves every noun, whatever its gender and number.
"""

from __future__ import annotations

#: "de" and the article, contracted as each language does (English "of the").
OF_THE = {"fr": {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "},
          "es": {"el": "del ", "la": "de la ", "los": "de los ", "las": "de las "},
          "en": {"the": "of the "}}


class Articled(str):
    """A text with the definite article it takes (``article``; "" when it takes none)."""

    article: str = ""
    #: The names of what a subclass carries besides its article, given after it:
    #: ``CountryName(name, article, place)``.
    extras: tuple[str, ...] = ()

    def __new__(cls, text: str, article: str = "", *values: str) -> Articled:
        made = super().__new__(cls, text)
        made.article = article
        for name, value in zip(cls.extras, values, strict=False):
            setattr(made, name, value)
        return made

    @property
    def the(self) -> str:
        """The text with its article: "la valeur ajoutée", "l'Éthiopie", "les émissions",
        "el valor agregado"; the plain text when it takes none."""
        if not self.article:
            return str(self)
        return f"l'{self}" if self.article == "l'" else f"{self.article} {self}"

    @property
    def The(self) -> str:  # noqa: N802 (a template's sentence-initial form)
        """:attr:`the` at the start of a sentence: "La valeur ajoutée…", "Le Kenya…"."""
        return capitalised(self.the)

    def of_the_in(self, language: str) -> str:
        """"de" and the article in ``language`` ("du PIB", "de la Tanzanie", "del valor");
        the plain text when the article has no contraction there."""
        prefix = OF_THE.get(language, {}).get(self.article)
        return f"{prefix}{self}" if prefix else str(self)


def capitalised(text: str) -> str:
    """The first letter upper-cased, the rest as written."""
    return text[:1].upper() + text[1:]
