"""Errors that a user can act on.

Everything raised as a ``PolicylabError`` is shown by the CLI as one clear message (no
traceback) and exits non-zero; anything else is a bug and keeps its traceback.
"""


class PolicylabError(Exception):
    """A problem with the user's input, files or environment, explained in its message."""


class DataError(PolicylabError):
    """Raw files or the data pack are missing, malformed or corrupt."""


class CountryError(PolicylabError):
    """A country name or code that cannot be resolved (unknown or ambiguous)."""


class WorkshopError(PolicylabError):
    """A workshop file that cannot be run as written."""


class FetchError(PolicylabError):
    """Downloading from a publisher failed (no network, HTTP error, bad content)."""
