"""The current language: English by default, switched per process or per block."""

from __future__ import annotations

import threading

import pytest

from policylab.errors import PolicylabError
from policylab.i18n import (
    LANGUAGES,
    LanguageError,
    current_language,
    set_language,
    using_language,
)


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


def test_english_is_the_default_and_the_languages_are_three():
    assert LANGUAGES == ("en", "fr", "es")
    assert current_language() == "en"


def test_set_language_lasts_until_changed():
    assert set_language("FR ") == "fr"
    assert current_language() == "fr"
    set_language("es")
    assert current_language() == "es"


def test_using_language_is_undone_after_the_block_even_on_error():
    set_language("fr")
    with using_language("es") as code:
        assert code == "es" and current_language() == "es"
        with using_language("en"):
            assert current_language() == "en"
        assert current_language() == "es"
    assert current_language() == "fr"
    with pytest.raises(RuntimeError), using_language("es"):
        raise RuntimeError
    assert current_language() == "fr"


@pytest.mark.parametrize("bad", ["de", "fr-FR", "", None, "english"])
def test_an_unknown_language_names_the_supported_ones(bad):
    with pytest.raises(LanguageError, match=r"en, fr, es") as caught:
        set_language(bad)
    assert isinstance(caught.value, PolicylabError)
    assert current_language() == "en"
    with pytest.raises(LanguageError), using_language(bad):
        pass


def test_a_block_in_one_thread_does_not_change_another_thread():
    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def french_writer():
        with using_language("fr"):
            inside.set()
            release.wait(5)
            seen["writer"] = current_language()

    thread = threading.Thread(target=french_writer)
    thread.start()
    inside.wait(5)
    seen["main"] = current_language()
    release.set()
    thread.join(5)
    assert seen == {"main": "en", "writer": "fr"}
