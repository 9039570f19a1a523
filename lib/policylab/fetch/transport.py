"""Talking to publishers: a timeout on every request, retries with exponential backoff for
transient failures (connection drops, timeouts, HTTP 429/5xx), and a clear verdict when a
host cannot be reached at all, so that a run without network ends with one message.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import requests
import wbgapi

from policylab.errors import FetchError

TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
RETRY_ATTEMPTS = 4
RETRY_BACKOFF_SECONDS = 1.0  # waits 1, 2, 4 s between the attempts

T = TypeVar("T")


class HostUnreachable(FetchError):
    """No connection to ``host`` could be made (no network, DNS failure, refused)."""

    def __init__(self, host: str, what: str, cause: Exception):
        super().__init__(f"{what}: could not reach {host} ({type(cause).__name__})")
        self.host = host


class HTTPStatusError(FetchError):
    def __init__(self, url: str, status: int, reason: str):
        super().__init__(f"{url}: HTTP {status} {reason}".rstrip())
        self.status = status


def host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def _is_transient(exc: Exception) -> bool:
    if isinstance(exc, requests.ConnectionError | requests.Timeout
                  | requests.exceptions.ChunkedEncodingError):
        return True  # ChunkedEncodingError: the connection dropped in the middle of a body
    if isinstance(exc, HTTPStatusError):
        return exc.status in TRANSIENT_STATUS
    if isinstance(exc, wbgapi.APIError):
        return exc.code in TRANSIENT_STATUS
    return False


def with_retries(call: Callable[[], T], *, what: str, host: str) -> T:
    """Run ``call``; retry transient failures with backoff; raise ``FetchError`` at the end.

    A connection that never succeeds becomes ``HostUnreachable`` so that the caller can skip
    the host's other files and recognise a run with no network at all.
    """
    for attempt in range(1, RETRY_ATTEMPTS + 1):
        try:
            return call()
        except (requests.RequestException, wbgapi.APIError, FetchError) as exc:
            if _is_transient(exc) and attempt < RETRY_ATTEMPTS:
                time.sleep(RETRY_BACKOFF_SECONDS * 2 ** (attempt - 1))
                continue
            if isinstance(exc, requests.ConnectionError):
                raise HostUnreachable(host, what, exc) from exc
            if isinstance(exc, FetchError):
                raise
            raise FetchError(f"{what}: {exc}") from exc
    raise AssertionError("unreachable: the loop returns or raises")


def download(session: requests.Session, url: str, *, timeout: float) -> bytes:
    """The body of ``url`` (HTTP 200 only), with retries and a per-request timeout."""

    def get() -> bytes:
        response = session.get(url, timeout=timeout)
        if response.status_code != 200:
            raise HTTPStatusError(url, response.status_code, response.reason or "")
        return response.content

    return with_retries(get, what=url, host=host_of(url))


def download_to_file(
    session: requests.Session, url: str, target: Path, *, timeout: float,
    md5: str | None = None,
) -> int:
    """Stream the body of ``url`` (HTTP 200 only) into ``target`` (for files too large to
    hold in memory), with retries; check the publisher's MD5 when given. Returns the size."""

    def get() -> int:
        response = session.get(url, timeout=timeout, stream=True)
        try:
            if response.status_code != 200:
                raise HTTPStatusError(url, response.status_code, response.reason or "")
            digest, size = hashlib.md5(usedforsecurity=False), 0
            with open(target, "wb") as handle:
                for chunk in response.iter_content(chunk_size=1 << 20):
                    handle.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
        finally:
            close = getattr(response, "close", None)
            if close is not None:
                close()
        if md5 and digest.hexdigest() != md5.lower():
            raise FetchError(f"{url}: {size} bytes whose MD5 differs from the publisher's "
                             "checksum (truncated or corrupted download)")
        return size

    return with_retries(get, what=url, host=host_of(url))
