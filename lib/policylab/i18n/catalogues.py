"""Where the gettext catalogues live and how they are loaded.

The ``.po`` files under ``lib/policylab/locale/<lang>/LC_MESSAGES/`` are the one source of
truth; no compiled ``.mo`` file is committed or written anywhere. A catalogue is read with
Babel the first time a language needs it, compiled in memory to the ``.mo`` form and handed
to the standard library's :class:`gettext.GNUTranslations`, then kept for the life of the
process. Why not compile to a cache folder at install or first use: the catalogues are small
(reading one takes milliseconds, and only in a French or Spanish process), whereas a cache
needs a writable place, invalidation when a ``.po`` changes, and care when several batch
workers start at once and race to write it. English never loads a catalogue at all.

Only finished entries reach the reader: an empty or fuzzy translation (or a plural with any
form missing) is left out, so that the English source shows instead of a blank or a guess.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from policylab.errors import DataError

#: The committed catalogues (package data beside this package).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The library's strings (``_()`` calls in lib/policylab).
LIBRARY_DOMAIN = "policylab"
#: The notebooks' markdown cells, one entry per cell (msgctxt "<notebook stem>:<cell id>").
NOTEBOOK_DOMAIN = "notebooks"
#: The data files' texts (indicators, policy cases, publishers; msgctxt "<file>:<id>:<field>").
DATA_DOMAIN = "data"
DOMAINS: tuple[str, ...] = (LIBRARY_DOMAIN, NOTEBOOK_DOMAIN, DATA_DOMAIN)


def template_path(domain: str, locale_dir: Path | None = None) -> Path:
    """``<locale>/<domain>.pot``: what there is to translate, written by ``extract``."""
    return (locale_dir or LOCALE_DIR) / f"{domain}.pot"


def po_path(language: str, domain: str, locale_dir: Path | None = None) -> Path:
    """``<locale>/<lang>/LC_MESSAGES/<domain>.po``: one language's translations."""
    return (locale_dir or LOCALE_DIR) / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(path: Path, language: str | None = None):  # -> babel Catalog
    """A ``.po``/``.pot`` file as a Babel ``Catalog``; a malformed file is a
    :class:`DataError` naming it (with Babel's line), not a traceback from deep inside."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with open(path, "rb") as handle:
            return read_po(handle, locale=language, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a valid gettext catalogue: {exc}") from exc


def finished(message) -> bool:
    """A translation a reader may see: every form filled in and not marked fuzzy."""
    if not message.id or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def translations(language: str, domain: str = LIBRARY_DOMAIN,
                 locale_dir: Path | None = None) -> gettext.NullTranslations:
    """The reader for one language and catalogue (cached per process); a missing file
    gives a reader that returns the English source unchanged."""
    return _load(str(po_path(language, domain, locale_dir)), language)


def finished_entries(language: str, domain: str, locale_dir: Path | None = None,
                     ) -> dict[tuple[str | None, str | tuple[str, ...]], str | tuple[str, ...]]:
    """(msgctxt, msgid) -> translation for the finished entries of one catalogue (cached
    per process); empty when the catalogue does not exist."""
    return _entries(str(po_path(language, domain, locale_dir)), language)


@functools.cache
def _entries(path: str, language: str) -> dict:
    if not Path(path).exists():
        return {}
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)):
            m.string if isinstance(m.string, str) else tuple(m.string)
            for m in read_catalogue(Path(path), language) if finished(m)}


@functools.cache
def _load(path: str, language: str) -> gettext.NullTranslations:
    entries = _entries(path, language)
    if not entries:
        return gettext.NullTranslations()
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    shown = Catalog(locale=language, charset="utf-8")
    for (context, msgid), string in entries.items():
        shown.add(msgid, string, context=context)
    buffer = io.BytesIO()
    write_mo(buffer, shown)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def reload() -> None:
    """Forget the loaded catalogues (after ``extract`` rewrote them, or in tests)."""
    _entries.cache_clear()
    _load.cache_clear()
