"""Polite, safe fetching over HTTP(S) with httpx: robots.txt, a per-host rate limit, timeouts, retries with
backoff, a clear user agent, a size limit, and nothing but http and https.

Tests pass an ``httpx.MockTransport`` (or any transport) instead of the network.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from ..settings import Settings

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str
    fetched_at: str


class Fetcher:
    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._client = httpx.Client(transport=transport, headers={"User-Agent": settings.user_agent},
                                    timeout=settings.fetch_timeout, follow_redirects=True, max_redirects=5)
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` or raise :class:`InputError` naming it and the reason."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise InputError(url, "only http and https URLs are fetched")
        if self.settings.respect_robots and not self._allowed(url):
            raise InputError(url, "disallowed by robots.txt")
        last_error = "no attempt made"
        for attempt in range(self.settings.fetch_retries + 1):
            if attempt:
                self._sleep(min(30.0, 0.5 * 2 ** attempt))
            self._wait_for_host(parts.netloc)
            try:
                return self._get_once(url)
            except _Retry as exc:
                last_error = str(exc)
        raise InputError(url, f"gave up after {self.settings.fetch_retries + 1} attempts: {last_error}")

    def _get_once(self, url: str) -> Fetched:
        limit = self.settings.max_input_bytes
        try:
            with self._client.stream("GET", url) as response:
                if urlsplit(str(response.url)).scheme not in {"http", "https"}:
                    raise InputError(url, f"redirected to a non-HTTP URL {response.url}")
                if response.status_code in _RETRY_STATUS:
                    raise _Retry(f"HTTP {response.status_code}")
                if response.status_code >= 400:
                    raise InputError(url, f"HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise InputError(url, f"{int(declared):,} bytes is more than the limit of {limit:,}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise InputError(url, f"more than the limit of {limit:,} bytes")
                    chunks.append(chunk)
                return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""),
                               time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({exc.__class__.__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retry(f"{exc.__class__.__name__}: {exc}") from exc
        except httpx.TooManyRedirects as exc:
            raise InputError(url, "too many redirects") from exc

    def _wait_for_host(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            wait = self._last.get(host, -1e9) + self.settings.host_interval - now
            if wait > 0:
                self._sleep(wait)
            self._last[host] = self._clock()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            self._robots[key] = self._read_robots(key)
        parser = self._robots[key]
        return True if parser is None else parser.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, base: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser()
        try:
            self._wait_for_host(urlsplit(base).netloc)
            response = self._client.get(base + "/robots.txt")
        except httpx.HTTPError:
            return None  # unreachable robots.txt: the page fetch will report the real problem
        if response.status_code >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])  # server trouble: assume nothing is allowed
        elif response.status_code >= 400:
            return None  # no robots.txt: everything is allowed
        else:
            parser.parse(response.text.splitlines())
        return parser


class _Retry(Exception):
    """A failure worth another attempt."""
