"""Words around figures: possessives, indicator labels inside sentences, lists.

Each lesson had its own copies (a possessive helper four times, "label inside a sentence"
seven times with different acronym rules), so the same indicator could start with a
capital in one lesson and not in another. These are the only versions.
"""

from __future__ import annotations

from collections.abc import Iterable

from policylab.i18n.language import SOURCE_LANGUAGE, current_language
from policylab.i18n.lists import list_conjunction

#: Words kept as written inside a sentence. Any other word that has a capital or a digit
#: after its first letter (CO2, R&D, PPP) is treated as an acronym as well.
ACRONYMS = frozenset({"CO2", "MVA", "ICT", "R&D", "GDP", "ECI", "GHG", "SDG", "PPP", "US$",
                      "HS", "CIP", "RCA", "PCI", "EDGAR", "OWID", "WDI", "UN", "UNIDO"})
#: Country names that take "the" inside a sentence.
_WITH_THE = ("Philippines", "Netherlands", "Gambia", "Bahamas", "United States",
             "United Kingdom", "Czech Republic", "Dominican Republic", "Central African Republic",
             "United Arab Emirates", "Russian Federation", "Comoros", "Maldives",
             "Marshall Islands", "Solomon Islands", "Syrian Arab Republic", "Slovak Republic",
             "Kyrgyz Republic", "Lao PDR", "Republic of Korea", "Republic of Moldova")


def is_acronym(word: str) -> bool:
    core = word.strip("(),.;:")
    return core in ACRONYMS or any(ch.isupper() or ch.isdigit() for ch in core[1:])


def in_sentence(label: str) -> str:
    """A catalogue label inside a sentence: the first letter lowered unless the first word
    is an acronym ("CO2 emissions", "ICT goods", "R&D spending") or the label opens with a
    name in title case ("Economic Complexity Index", "Competitive Industrial Performance
    score": its second word is capitalised too, and lowering only the first letter would
    give "economic Complexity Index"); the rest kept as written, so acronyms further on
    ("share of GDP") stay capitalised. Labels already written as sentence text (first word
    lower-case) are returned unchanged."""
    text = " ".join(str(label).split())
    if not text:
        return text
    words = text.split(" ")
    if is_acronym(words[0]) or _opens_with_a_name(words):
        return text
    return text[:1].lower() + text[1:]


def _opens_with_a_name(words: list[str]) -> bool:
    """The first two words are capitalised words, not an acronym second ("Industry's CO2
    emissions" is sentence text that happens to contain an acronym)."""
    return len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper() \
        and not is_acronym(words[1])


def sentence_start(text: str) -> str:
    """Capitalise the first letter of a sentence (leave the rest as written)."""
    text = str(text).strip()
    return text[:1].upper() + text[1:]


def country_in_sentence(name: str, start: bool = False) -> str:
    """"the Philippines" inside a sentence ("The Philippines" to start one), else the name."""
    if any(name == n or name.startswith(f"{n} ") for n in _WITH_THE):
        return f"{'The' if start else 'the'} {name}"
    return name


def possessive(name: str, start: bool = False) -> str:
    """"Kenya's", "the Philippines'" (a name ending in s takes only the apostrophe)."""
    text = country_in_sentence(name, start)
    return f"{text}'" if text.endswith("s") else f"{text}'s"


def join_list(items: Iterable[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C" (no serial comma), "" for none.

    In French and Spanish "and" and "or" become the language's own ("A, B et C",
    "A, B y C", "A o B", with Spanish "e" and "u" before an i- or o- sound: "España e
    Italia"); any other conjunction is taken as already written in the language."""
    parts = [str(i) for i in items if str(i)]
    if len(parts) <= 1:
        return "".join(parts)
    if conjunction in ("and", "or") and current_language() != SOURCE_LANGUAGE:
        conjunction = list_conjunction(conjunction, parts[-1])
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"
