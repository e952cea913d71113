"""Where articles come from: files and folders, JSONL dumps, RSS/Atom feeds, WARC archives and URL lists.

``plan(inputs)`` turns command-line inputs into cheap :class:`~claimgraph.model.Origin` values (what to read, not
yet read), so a batch knows its size up front; ``read_origin(origin)`` reads one into a
:class:`~claimgraph.model.Document`. Either may fail for one document only: the :class:`~claimgraph.model.Failure`
or :class:`~claimgraph.errors.InputError` names the document and the reason, and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..model import Document, Failure, Origin
from .fetch import Fetcher

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
_URL = re.compile(r"^https?://\S+$")


def plan(inputs: list[str], fetcher: Fetcher | None) -> Iterator[Origin | Failure]:
    for item in inputs:
        if _URL.match(item):
            yield Origin(item, "url", url=item)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _format(child) is not None:
                    yield from _plan_file(child, fetcher)
        elif path.is_file():
            yield from _plan_file(path, fetcher)
        elif path.exists():
            yield Failure(item, "not a regular file (a device, pipe or socket)")
        else:
            yield Failure(item, "no such file or directory")


def _format(path: Path) -> str | None:
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


def _plan_file(path: Path, fetcher: Fetcher | None) -> Iterator[Origin | Failure]:
    fmt = _format(path) or "file"
    try:
        if fmt == "warc":
            yield from _plan_warc(path)
        elif fmt == "jsonl":
            with path.open("rb") as fh:
                offset = 0
                for n, line in enumerate(fh, start=1):
                    if line.strip():  # the locator names the line; the offset is where it starts, for a seek
                        yield Origin(f"{path}:{n}", "jsonl", path=str(path), offset=offset)
                    offset += len(line)
        elif fmt == "feed":
            yield from _plan_feed(path.read_bytes(), str(path), fetcher)
        elif fmt == "file" and path.suffix.lower() == ".txt" and _is_url_list(path):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if _URL.match(line):
                    yield Origin(line, "url", url=line)
                elif line:
                    yield Failure(line, f"only http and https URLs are fetched (listed in {path})")
        else:
            yield Origin(str(path), "file", path=str(path))
    except OSError as exc:
        yield Failure(str(path), f"cannot be read ({exc.strerror or exc})")


_ANY_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$")


def _is_url_list(path: Path) -> bool:
    """A text file whose every line is a URL, of any scheme (a file:// line is refused when read, never taken for
    article text)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536).decode("utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    return bool(lines) and all(_ANY_URL.match(line) for line in lines)


def _plan_feed(data: bytes, locator: str, fetcher: Fetcher | None) -> Iterator[Origin | Failure]:
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 — feedparser's loose parser raises on some malformed markup
        yield Failure(locator, f"not a readable RSS/Atom feed ({exc.__class__.__name__}: {exc})")
        return
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed ({feed.bozo_exception})" if feed.bozo else "feed has no items"
        yield Failure(locator, reason)
        return
    outlet = feed.feed.get("title")
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            yield Failure(f"{locator}#{entry.get('id', entry.get('title', '?'))}", "feed item has no link")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*stamp[:3]).isoformat() if stamp else None
        yield Origin(link, "url", url=link, meta={"published": published, "title": entry.get("title"),
                                                  "outlet": outlet})


def _plan_warc(path: Path) -> Iterator[Origin | Failure]:
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
                yield Origin(f"{path}@{offset}", "warc", path=str(path), offset=offset, url=uri,
                             meta={"fetched_at": record.rec_headers.get_header("WARC-Date")})
        except Exception as exc:  # warcio raises zlib, EOF and parse errors on damaged archives
            yield Failure(str(path), f"damaged WARC after {count} records ({exc.__class__.__name__}: {exc})")
            return
    if path.name.lower().endswith(".gz") and not _gzip_complete(path):
        # warcio stops quietly where a compressed archive was cut: say so, or the records after the cut vanish
        yield Failure(str(path), f"truncated WARC: the archive ends inside a compressed record ({count} records "
                                 "read before the damage)")


def _gzip_complete(path: Path) -> bool:
    """Whether every gzip member of the file ends with its end-of-stream marker (one pass, in bounded memory)."""
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def _html_response(record) -> bool:
    http = record.http_headers
    if http is None:
        return False
    status = http.get_statuscode()
    ctype = (http.get_header("Content-Type") or "").lower()
    return status == "200" and ("html" in ctype or not ctype)


def read_limited(stream: BinaryIO, limit: int | None, document: str) -> bytes:
    """All of a stream, or InputError once it holds more than ``limit`` bytes: a huge file, a device such as
    /dev/zero or an endless pipe never fills memory."""
    data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise InputError(document, f"more than the limit of {limit:,} bytes (setting max_input_bytes)")
    return data


def read_origin(origin: Origin, fetcher: Fetcher | None, limit: int | None = None) -> Document:
    """Read one input (a file up to ``limit`` bytes); raises InputError naming it and the reason."""
    if origin.format == "file":
        try:
            with open(origin.path, "rb") as fh:
                return Document(origin, read_limited(fh, limit, origin.locator))
        except OSError as exc:
            raise InputError(origin.locator, f"cannot be read ({exc.strerror or exc})") from exc
    if origin.format == "url":
        if fetcher is None:
            raise InputError(origin.locator, "fetching is disabled")
        fetched = fetcher.get(origin.url)
        return Document(origin, fetched.data, origin.meta.get("published"), fetched.url, origin.meta.get("title"),
                        origin.meta.get("outlet"), fetched.fetched_at)
    if origin.format == "jsonl":
        return _read_jsonl(origin)
    if origin.format == "warc":
        return _read_warc(origin)
    raise InputError(origin.locator, f"unknown input format {origin.format}")


def _read_jsonl(origin: Origin) -> Document:
    try:
        with open(origin.path, "rb") as fh:
            fh.seek(origin.offset)
            line = fh.readline()
    except OSError as exc:
        raise InputError(origin.locator, f"cannot be read ({exc.strerror or exc})") from exc
    if not line.strip():
        raise InputError(origin.locator, "line no longer exists")
    try:
        item = json.loads(line)
    except ValueError as exc:
        raise InputError(origin.locator, f"not valid JSON ({exc})") from exc
    if not isinstance(item, dict):
        raise InputError(origin.locator, "a JSONL line must be an object")
    body = item.get("html") or item.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(origin.locator, "no 'text' or 'html' field")
    published = item.get("published")
    if isinstance(published, str) and re.match(r"^\d{4}-\d\d-\d\d", published):
        published = published[:10]  # "2016-09-20T10:00:00Z" → the day
        try:
            dt.date.fromisoformat(published)
        except ValueError as exc:
            raise InputError(origin.locator, f"'published' {item['published']!r} is not a date") from exc
    elif published is not None:
        raise InputError(origin.locator, f"'published' {published!r} is not an ISO date")
    for key in ("url", "title", "outlet"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise InputError(origin.locator, f"'{key}' must be a string, not {type(item[key]).__name__}")
    return Document(origin, body, published, item.get("url"), item.get("title"), item.get("outlet"))


def _read_warc(origin: Origin) -> Document:
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(origin.path, "rb") as fh:
            fh.seek(origin.offset)
            record = next(iter(ArchiveIterator(fh)))
            data = record.content_stream().read()
            missing = getattr(record.raw_stream, "limit", 0)
    except Exception as exc:  # warcio raises zlib, EOF, gzip and parse errors on damaged records
        raise InputError(origin.locator, f"WARC record cannot be read ({exc.__class__.__name__})") from exc
    if missing:
        raise InputError(origin.locator, f"truncated WARC record ({missing:,} bytes missing)")
    return Document(origin, data, url=origin.url, fetched_at=origin.meta.get("fetched_at"))
