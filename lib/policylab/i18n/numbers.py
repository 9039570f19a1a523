"""How a number is written in each language: separators, the space before %, scale words.

Everything comes from Babel's CLDR data, so that French reads "7,6 %" and "1 234,5" (a
narrow no-break space U+202F between thousands, a no-break space U+00A0 before %) and
Spanish "1234,5" but "12.345,5", without a hand-kept table that could drift from the
standard. One thing Babel does not expose is CLDR's minimum grouping digits (Spanish
groups thousands only from five digits: ``<minimumGroupingDigits>2`` in CLDR's es.xml), so
that one value is kept here.

This module only describes conventions; ``policylab.text.numbers`` applies them, after
rounding by the one decimal rule, so a figure has the same digits in every language. A
negative number keeps the true minus "−" in every language (CLDR's French and Spanish
minus is a hyphen; the material's typography is one across languages).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from policylab.i18n.language import language_or_current

#: CLDR minimumGroupingDigits where it is not 1 (Babel 2.19 does not read it).
_MIN_GROUPING_DIGITS = {"es": 2}
#: The no-break space between a number and its unit or scale word in French and Spanish
#: (both languages' typography: "3,2 t", "48,5 millions" never break across lines).
NBSP = "\u00a0"
#: Scales written in words, as in policylab.text.numbers.
SCALES: tuple[int, ...] = (10**12, 10**9, 10**6)
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


@dataclass(frozen=True)
class NumberStyle:
    """One language's conventions for writing a number."""

    language: str
    decimal: str
    group: str
    #: Digits an integer part needs before it is grouped: 4 (1,234) or 5 (Spanish 12.345).
    group_from: int
    #: Between the number and a "%" unit: "" in English, a no-break space in fr and es.
    percent_gap: str
    #: Between the number and any other unit or a scale word.
    unit_gap: str
    #: threshold -> CLDR plural category -> word ("million" / "millions", "mil millones").
    scale_words: dict[int, dict[str, str]]


def number_style(language: str | None = None) -> NumberStyle:
    """The conventions of ``language`` (default: the current one), read from Babel once."""
    return _style(language_or_current(language))


@functools.cache
def _style(code: str) -> NumberStyle:
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = Locale.parse(code)
    pattern = locale.percent_formats[None].pattern
    percent_gap = pattern[pattern.rindex("0") + 1:pattern.index("%")]
    return NumberStyle(
        language=code,
        decimal=get_decimal_symbol(locale),
        group=get_group_symbol(locale),
        group_from=3 + _MIN_GROUPING_DIGITS.get(code, 1),
        percent_gap=percent_gap,
        unit_gap=" " if code == "en" else NBSP,
        scale_words=_scale_words(locale),
    )


def _scale_words(locale) -> dict[int, dict[str, str]]:
    """CLDR's long compact forms ("0 millions") reduced to their words, per plural form."""
    words: dict[int, dict[str, str]] = {}
    for category, patterns in locale.compact_decimal_formats["long"].items():
        for threshold in SCALES:
            pattern = patterns.get(str(threshold))
            if pattern is not None:
                word = pattern.pattern.replace("0", "").strip()
                words.setdefault(threshold, {})[category] = word
    return words


def localise_digits(digits: str, style: NumberStyle) -> str:
    """Digits written the English way ("12,345.6") in ``style``'s ("12 345,6")."""
    whole, _, fraction = digits.partition(".")
    whole = whole.replace(",", "")
    if len(whole) >= style.group_from:
        head = len(whole) % 3 or 3
        whole = style.group.join([whole[:head]] + [whole[i:i + 3]
                                                   for i in range(head, len(whole), 3)])
    return f"{whole}{style.decimal}{fraction}" if fraction else whole


def scale_word(threshold: int, digits: str, style: NumberStyle) -> str:
    """The word for ``threshold`` agreeing with the number shown ("1,5 million",
    "2 millions"; "1 millón", "1,5 millones"), by the language's CLDR plural rule."""
    forms = style.scale_words[threshold]
    return forms.get(plural_category(digits.replace(",", ""), style.language)) \
        or forms["other"]


def plural_category(digits: str, language: str) -> str:
    """The CLDR plural category ("one", "other", ...) of a number written with English
    digits ("1.50"): French counts 0 to 1.99 as one, English and Spanish only 1."""
    from babel import Locale

    try:
        shown = abs(Decimal(digits))
    except InvalidOperation:
        shown = Decimal(0)
    return Locale.parse(language).plural_form(shown)


def counts_as_one(written: str, style: NumberStyle) -> bool:
    """Whether a number as the page writes it ("0,38", "−1,50", "1") takes a noun's
    singular in ``style``'s language."""
    digits = "".join(ch for ch in written.replace(style.decimal, ".") if ch.isdigit() or ch == ".")
    return bool(digits) and plural_category(digits, style.language) == "one"


def of_unit(unit: str, style: NumberStyle) -> str:
    """What joins a scale word to the unit after it: "48,5 millions de tonnes",
    "2 milliards d’euros", "3 millones de toneladas"; English has nothing ("48.5 million t")."""
    if style.language == "fr":  # elided before a word, not before a symbol ("de US$")
        return "d’" if unit[:1] in _VOWELS else "de "
    if style.language == "es":
        return "de "
    return ""


def plotly_separators(language: str | None = None) -> str:
    """Plotly's ``layout.separators`` (decimal, then thousands) for the language, so
    that chart axes and hover labels write numbers as the text does."""
    style = number_style(language)
    return f"{style.decimal}{style.group}"
