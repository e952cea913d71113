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

from ..errors import FetchError
from ..settings import Settings
from .addresses import GuardedBackend, Resolver, checked_address, resolve

_RETRY_STATUS = {429, 500, 502, 503, 504}
_MAX_REDIRECTS = 5
_MAX_ROBOTS = 512_000


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str
    fetched_at: str


class Fetcher:
    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 resolver: Resolver = resolve) -> None:
        """``transport`` replaces the network (tests pass an ``httpx.MockTransport``); ``resolver`` replaces name
        resolution. Without a transport, every connection goes to the address that was checked."""
        self.settings = settings
        self._resolver = resolver
        if transport is None:
            transport = httpx.HTTPTransport()
            # httpx 0.28 takes no network backend of its own: hand one to its connection pool (checked in tests)
            transport._pool._network_backend = GuardedBackend(resolver, settings.fetch_private)
        self._client = httpx.Client(transport=transport, headers={"User-Agent": settings.user_agent},
                                    timeout=settings.fetch_timeout, follow_redirects=False)
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` or raise :class:`~claimgraph.errors.FetchError` naming it and the reason. Redirects are followed one hop at a
        time, each hop checked like the first (scheme, address, robots.txt, rate limit)."""
        original = url
        for _ in range(_MAX_REDIRECTS + 1):
            fetched = self._get_checked(original, url)
            if isinstance(fetched, Fetched):
                return fetched
            url = fetched  # the next hop
        raise FetchError(original, "too many redirects")

    def _get_checked(self, original: str, url: str) -> "Fetched | str":
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError as exc:
            raise FetchError(original, f"not a valid URL ({exc})") from exc
        if parts.scheme not in {"http", "https"} or not host:
            raise FetchError(original, f"only http and https URLs are fetched ({url})")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise FetchError(original, f"not a valid URL ({exc})") from exc
        checked_address(original, host, port, self._resolver, self.settings.fetch_private)
        if self.settings.respect_robots and not self._allowed(url):
            raise FetchError(original, f"disallowed by robots.txt ({url})")
        last_error = "no attempt made"
        for attempt in range(self.settings.fetch_retries + 1):
            if attempt:
                self._sleep(min(30.0, 0.5 * 2 ** attempt))
            self._wait_for_host(parts.netloc)
            try:
                return self._get_once(original, url)
            except FetchError as exc:
                if not exc.transient:
                    raise
                last_error = exc.reason
        raise FetchError(original, f"gave up after {self.settings.fetch_retries + 1} attempts: {last_error}")

    def _get_once(self, original: str, url: str) -> "Fetched | str":
        limit = self.settings.max_input_bytes
        try:
            with self._client.stream("GET", url) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(original, f"HTTP {response.status_code} without a Location")
                    return str(response.url.join(location))
                if response.status_code in _RETRY_STATUS:
                    raise FetchError(original, f"HTTP {response.status_code}", transient=True)
                if response.status_code >= 400:
                    raise FetchError(original, f"HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(original, f"{int(declared):,} bytes is more than the limit of {limit:,}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(original, f"more than the limit of {limit:,} bytes")
                    chunks.append(chunk)
                return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""),
                               time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        except httpx.TimeoutException as exc:
            raise FetchError(original, f"timed out ({exc.__class__.__name__})", transient=True) from exc
        except httpx.TransportError as exc:
            raise FetchError(original, f"{exc.__class__.__name__}: {exc}", transient=True) from exc
        except (httpx.HTTPError, ValueError) as exc:  # undecodable bodies, malformed responses
            raise FetchError(original, f"{exc.__class__.__name__}: {exc}") from exc

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
        elif response.status_code >= 400 or response.is_redirect:
            return None  # no robots.txt: everything is allowed
        else:
            parser.parse(response.text[:_MAX_ROBOTS].splitlines())
        return parser

