"""Where articles come from: files and folders, JSONL dumps, RSS/Atom feeds, WARC archives and URL lists.

``plan(inputs)`` turns command-line inputs into a list of cheap work units (what to read, not yet read), so a
batch knows its size up front; ``load(unit)`` reads one into a :class:`claimgraph.model.Document`. Either may fail for one document only: the failure names
the document and the reason, and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..model import Document
from .fetch import Fetcher

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Unit:
    """One document to ingest, not yet read."""

    locator: str                      # path, URL, "dump.jsonl:12", "crawl.warc.gz@1234"
    kind: str                         # file | jsonl | warc | url
    path: str | None = None
    offset: int | None = None         # line number (jsonl) or byte offset (warc)
    url: str | None = None
    meta: dict = field(default_factory=dict)   # published, title, outlet known before reading

    def describe(self) -> dict:
        """What it takes to read this unit again (kept with a failure, for --retry-failed)."""
        return {"kind": self.kind, "path": self.path, "offset": self.offset, "url": self.url, "meta": self.meta}


@dataclass(frozen=True)
class Failed:
    locator: str
    reason: str
    payload: bytes | None = None
    meta: dict = field(default_factory=dict)


def plan(inputs: list[str], fetcher: Fetcher | None) -> Iterator[Unit | Failed]:
    for item in inputs:
        if _URL.match(item):
            yield Unit(item, "url", url=item)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _kind(child) is not None:
                    yield from _plan_file(child, fetcher)
        elif path.is_file():
            yield from _plan_file(path, fetcher)
        else:
            yield Failed(item, "no such file or directory")


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith((".xml", ".rss", ".atom")):
        return "feed"
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        return "file"
    return None


def _plan_file(path: Path, fetcher: Fetcher | None) -> Iterator[Unit | Failed]:
    kind = _kind(path) or "file"
    try:
        if kind == "warc":
            yield from _plan_warc(path)
        elif kind == "jsonl":
            with path.open("rb") as fh:
                offset = 0
                for n, line in enumerate(fh, start=1):
                    if line.strip():  # the locator names the line; the offset is where it starts, for a seek
                        yield Unit(f"{path}:{n}", "jsonl", path=str(path), offset=offset)
                    offset += len(line)
        elif kind == "feed":
            yield from _plan_feed(path.read_bytes(), str(path), fetcher)
        elif kind == "file" and path.suffix.lower() == ".txt" and _is_url_list(path):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield Unit(line.strip(), "url", url=line.strip())
        else:
            yield Unit(str(path), "file", path=str(path))
    except OSError as exc:
        yield Failed(str(path), f"cannot be read ({exc.strerror or exc})")


def _is_url_list(path: Path) -> bool:
    try:
        head = path.read_bytes()[:65536].decode("utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    return bool(lines) and all(_URL.match(line) for line in lines)


def _plan_feed(data: bytes, locator: str, fetcher: Fetcher | None) -> Iterator[Unit | Failed]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed ({feed.bozo_exception})" if feed.bozo else "feed has no items"
        yield Failed(locator, reason)
        return
    outlet = feed.feed.get("title")
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            yield Failed(f"{locator}#{entry.get('id', entry.get('title', '?'))}", "feed item has no link")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*stamp[:3]).isoformat() if stamp else None
        yield Unit(link, "url", url=link, meta={"published": published, "title": entry.get("title"),
                                                "outlet": outlet})


def _plan_warc(path: Path) -> Iterator[Unit | Failed]:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if record.rec_type != "response" or not _html_response(record):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                offset = records.get_record_offset()
                count += 1
                yield Unit(f"{path}@{offset}", "warc", path=str(path), offset=offset, url=uri,
                           meta={"fetched_at": record.rec_headers.get_header("WARC-Date")})
        except Exception as exc:  # warcio raises zlib, EOF and parse errors on damaged archives
            yield Failed(str(path), f"damaged WARC after {count} records ({exc.__class__.__name__}: {exc})")


def _html_response(record) -> bool:
    http = record.http_headers
    if http is None:
        return False
    status = http.get_statuscode()
    ctype = (http.get_header("Content-Type") or "").lower()
    return status == "200" and ("html" in ctype or not ctype)


def load(unit: Unit, fetcher: Fetcher | None) -> Document:
    """Read one unit; raises InputError naming it and the reason."""
    if unit.kind == "file":
        try:
            return Document(unit.locator, Path(unit.path).read_bytes())
        except OSError as exc:
            raise InputError(unit.locator, f"cannot be read ({exc.strerror or exc})") from exc
    if unit.kind == "url":
        if fetcher is None:
            raise InputError(unit.locator, "fetching is disabled")
        fetched = fetcher.get(unit.url)
        return Document(unit.locator, fetched.data, unit.meta.get("published"), fetched.url, unit.meta.get("title"),
                        unit.meta.get("outlet"), fetched.fetched_at)
    if unit.kind == "jsonl":
        return _load_jsonl(unit)
    if unit.kind == "warc":
        return _load_warc(unit)
    raise InputError(unit.locator, f"unknown source kind {unit.kind}")


def _load_jsonl(unit: Unit) -> Document:
    try:
        with open(unit.path, "rb") as fh:
            fh.seek(unit.offset)
            line = fh.readline()
    except OSError as exc:
        raise InputError(unit.locator, f"cannot be read ({exc.strerror or exc})") from exc
    if not line.strip():
        raise InputError(unit.locator, "line no longer exists")
    try:
        item = json.loads(line)
    except ValueError as exc:
        raise InputError(unit.locator, f"not valid JSON ({exc})") from exc
    if not isinstance(item, dict):
        raise InputError(unit.locator, "a JSONL line must be an object")
    body = item.get("html") or item.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(unit.locator, "no 'text' or 'html' field")
    published = item.get("published")
    if isinstance(published, str) and re.match(r"^\d{4}-\d\d-\d\d", published):
        published = published[:10]  # "2016-09-20T10:00:00Z" → the day
    elif published is not None:
        raise InputError(unit.locator, f"'published' {published!r} is not an ISO date")
    return Document(unit.locator, body, published, item.get("url"), item.get("title"), item.get("outlet"))


def _load_warc(unit: Unit) -> Document:
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(unit.path, "rb") as fh:
            fh.seek(unit.offset)
            record = next(iter(ArchiveIterator(fh)))
            data = record.content_stream().read()
            missing = getattr(record.raw_stream, "limit", 0)
    except Exception as exc:  # warcio raises zlib, EOF, gzip and parse errors on damaged records
        raise InputError(unit.locator, f"WARC record cannot be read ({exc.__class__.__name__})") from exc
    if missing:
        raise InputError(unit.locator, f"truncated WARC record ({missing:,} bytes missing)")
    return Document(unit.locator, data, url=unit.url, fetched_at=unit.meta.get("fetched_at"))
