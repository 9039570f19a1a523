"""The catalogues write the glossary's terms: one word for "peers" in each language.

"Peers" (the countries a country is compared with) is the glossary's "pays de comparaison" /
"países de comparación". French "pairs" and Spanish "pares" are kept only for peer *learning*
("apprentissage entre pairs", "aprendizaje entre pares"); a learning pair is a "paire
d'apprentissage" / "pareja de aprendizaje". A participant never reads two words for one thing.
"""

from __future__ import annotations

import re

import pytest

from policylab.i18n import term
from policylab.i18n.catalogues import po_path, read_catalogue

LANGUAGES = ("fr", "es")
DOMAINS = ("policylab", "notebooks", "data")

#: English that means "peers" once peer learning is taken out.
PEER = re.compile(r"\bpeers?\b", re.IGNORECASE)
PEER_LEARNING = re.compile(r"\bpeer[-\s]+learning\b", re.IGNORECASE)
#: The words for peers that the glossary does not use, per language ...
WRONG = {"fr": re.compile(r"\bpairs?\b|pays de r[ée]f[ée]rence", re.IGNORECASE),
         "es": re.compile(r"\bpar(?:es)?\b|pa[ií]s(?:es)? de referencia", re.IGNORECASE)}
#: ... and the same letters where they do not mean peers: peer learning, an even number, the
#: code name `pair` and the {pair} field ("paire"/"pareja", a learning pair, never match).
ALLOWED = {
    "fr": re.compile(r"apprentissage\s+entre\s+pairs|`pair`|\{pair\}|\bnombre\s+(?:est\s+)?pair\b",
                     re.IGNORECASE),
    "es": re.compile(r"aprendizaje\s+entre\s+pares|`pair`|\{pair\}|\bn[úu]mero\s+(?:es\s+)?par\b",
                     re.IGNORECASE),
}


def _entries(language: str):
    """(domain, context, English, [translations]) of every catalogue entry."""
    for domain in DOMAINS:
        path = po_path(language, domain)
        if not path.exists():
            continue
        for message in read_catalogue(path, language):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
            strings = (message.string if isinstance(message.string, (list, tuple))
                       else (message.string,))
            yield domain, message.context, ids, [s for s in strings if s]


def peers_written_as_pairs(language: str) -> list[str]:
    """Where a translation of English about peers says "pairs"/"pares" for them."""
    found = []
    for domain, context, ids, strings in _entries(language):
        if not any(PEER.search(PEER_LEARNING.sub("", text)) for text in ids):
            continue
        for text in strings:
            left = ALLOWED[language].sub("", text)
            for hit in WRONG[language].finditer(left):
                around = left[max(0, hit.start() - 40):hit.end() + 40].replace("\n", " ")
                found.append(f"{domain} [{context or '-'}] {ids[0][:60]!r}: ...{around}...")
                break
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_peers_are_the_glossarys_pays_de_comparaison(language):
    wrong = peers_written_as_pairs(language)
    assert not wrong, (
        f"{len(wrong)} {language} translations call peers "
        f"{'pairs' if language == 'fr' else 'pares'}; the glossary (data/glossary.csv, "
        f"term 'peers') says {term('peers', language)!r} "
        f"(keep {term('peer_learning', language)!r} only for peer learning):\n"
        + "\n".join(wrong))


@pytest.mark.parametrize(("term_id", "fr", "es"), [
    ("peers", "pays de comparaison", "países de comparación"),
    ("structural_peers", "pays de comparaison structurels",
     "países de comparación estructurales"),
    ("aspirational_peers", "pays de comparaison aspirationnels",
     "países de comparación aspiracionales"),
    ("peer_median", "médiane des pays de comparaison", "mediana de los países de comparación"),
    ("peer_learning", "apprentissage entre pairs", "aprendizaje entre pares"),
    ("learning_pair", "paire d'apprentissage", "pareja de aprendizaje"),
])
def test_the_glossary_fixes_the_peer_terms(term_id, fr, es):
    assert (term(term_id, "fr"), term(term_id, "es")) == (fr, es)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_peer_median_label_is_the_glossarys(language):
    """Table headers, chart legends and the gaps table all name the peer median alike."""
    want = term("peer_median", language)
    labels = {(context, strings[0]) for _d, context, ids, strings in _entries(language)
              if ids[0].lower() == "peer median" and strings}
    assert labels and all(s.lower() == want.lower() for _c, s in labels), labels


def test_the_check_finds_pairs_for_peers(monkeypatch):
    """The rule itself: peers as "pairs" is caught; peer learning and even numbers are not."""
    rows = [("policylab", None, ("Peer median",), ["Médiane des pairs"]),
            ("policylab", None, ("Peer learning: who improved",), ["Apprentissage entre pairs"]),
            ("policylab", None, ("sort the peers (mean of two for an even number)",),
             ["classez les pays de comparaison (si leur nombre est pair)"]),
            ("notebooks", "c", ("Peer learning, between peers.",),
             ["Apprentissage entre pairs, entre pays de comparaison ; paires d'apprentissage."])]
    monkeypatch.setattr(f"{__name__}._entries", lambda language: iter(rows))
    assert [w.split(":")[0] for w in peers_written_as_pairs("fr")] == [
        "policylab [-] 'Peer median'"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_teacher_is_the_glossarys_mentor(language):
    """The notebooks called the teacher of a learning pair a "mentor" and the library a
    "pays modèle" / "país modelo": one word, the glossary's."""
    other = {"fr": re.compile(r"pays[ -]mod[eè]les?", re.IGNORECASE),
             "es": re.compile(r"pa[ií]s(?:es)? modelos?", re.IGNORECASE)}[language]
    found = [(domain, context) for domain, context, ids, strings in _entries(language)
             if any(re.search(r"\bteachers?\b", text, re.IGNORECASE) for text in ids)
             and any(other.search(text) for text in strings)]
    assert found == [], f"write {term('teacher', language)!r}"
    assert term("teacher", language) == "mentor"
