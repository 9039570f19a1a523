"""The current language of everything a reader sees: one setting, English by default.

Two layers, because a notebook kernel and the build need different things:

- :func:`set_language` sets the language of the whole process. A notebook calls it once
  (from its ``language`` parameter); the setting must survive from one cell to the next,
  and ipykernel runs each cell in a fresh ``contextvars`` context, so a context variable
  alone would be forgotten after the cell that set it.
- :func:`using_language` overrides it for a block, in a context variable, so that the
  build can write a French page while another thread writes a Spanish one, and the
  override always ends with the block (even on an error).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from policylab.errors import PolicylabError

#: The languages the material is written in (ISO 639-1), English first.
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
#: The language of the source texts: the one every other language falls back to.
SOURCE_LANGUAGE = "en"

_process_language = SOURCE_LANGUAGE
_block_language: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "policylab_language", default=None)


class LanguageError(PolicylabError):
    """A language code the material is not written in."""


def check_language(code: object) -> str:
    """``code`` as a supported language code ("FR", " fr " -> "fr"), or :class:`LanguageError`
    naming the supported ones. Regional variants are refused rather than guessed at: the
    material has one French and one Spanish, not fr-CA or es-MX."""
    text = str(code).strip().lower() if code is not None else ""
    if text not in LANGUAGES:
        raise LanguageError(f"unknown language {code!r}; the material is written in "
                            f"{', '.join(LANGUAGES)} (en = English, fr = French, "
                            "es = Spanish)")
    return text


def set_language(code: str) -> str:
    """Make ``code`` the language of this process (what a notebook's ``language``
    parameter does); returns the checked code. Inside a :func:`using_language` block the
    block's language still wins until the block ends."""
    global _process_language
    _process_language = check_language(code)
    return _process_language


def current_language() -> str:
    """The language in force: a :func:`using_language` block's, else the process's."""
    return _block_language.get() or _process_language


def language_or_current(code: str | None) -> str:
    """``code`` checked, or the current language when ``code`` is None: the rule every
    function with an optional ``language`` argument follows."""
    return current_language() if code is None else check_language(code)


def is_source_language(code: str | None = None) -> bool:
    """True when the text needs no translation (English, the language it is written in)."""
    return language_or_current(code) == SOURCE_LANGUAGE


@contextmanager
def using_language(code: str) -> Iterator[str]:
    """Write in ``code`` inside the block, then return to the language before it."""
    token = _block_language.set(check_language(code))
    try:
        yield _block_language.get() or SOURCE_LANGUAGE
    finally:
        _block_language.reset(token)
