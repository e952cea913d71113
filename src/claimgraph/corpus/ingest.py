"""Ingest: read, analyse and store a corpus — files, folders, JSONL, feeds, WARC archives and URLs.

One writer: documents stream from ``ingest.sources`` through analysis (here, in a pool or on Dask) into the store,
each in its own transaction. Nothing holds the corpus in memory beyond the inputs' locators.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError
from ..ingest.fetch import Fetcher
from ..ingest.sources import plan, read_origin
from ..model import Document, Failure, Origin
from ..claims.link import link_claims_added
from ..people.link import link_added
from ..people.linker import Linker
from ..settings import Settings
from ..store import Store
from . import analyze_parallel

Progress = Callable[..., None]


@dataclass
class IngestSummary:
    added: int = 0
    versions: int = 0
    duplicates: int = 0
    failed: int = 0
    unlinked: int = 0
    """Articles stored whose people or claims could not be linked (``claimgraph link`` tries again)."""
    seconds: float = 0.0
    linking_seconds: float = 0.0
    """Of ``seconds``, the time spent linking people to identities."""
    claims_seconds: float = 0.0
    """Of ``seconds``, the time spent joining statements to claims."""

    def line(self) -> str:
        rate = (self.added + self.versions) / self.seconds if self.seconds else 0.0
        unlinked = f", {self.unlinked} not linked to people or claims yet" if self.unlinked else ""
        return (f"ingested {self.added} new, {self.versions} new versions, skipped {self.duplicates} duplicates, "
                f"failed {self.failed}{unlinked} ({rate:.1f} articles/s)")


def ingest_inputs(inputs: list[str], store: Store, settings: Settings | None = None, fetcher: Fetcher | None = None,
                  retry_failed: bool = False, progress: Progress | None = None) -> IngestSummary:
    """Read, analyse and store articles from files, folders, JSONL, feeds, WARC archives and URLs.

    Every document is written in its own transaction; one that fails is recorded in the store's failed documents
    with its reason (and its bytes, when they were read, for ``retry_failed``) and the batch goes on. Inputs
    already stored are skipped before analysis. ``progress``, when given, is called as ``progress(total=n)`` once
    and ``progress(advance=1)`` per document.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    summary = IngestSummary()
    todo: list[Origin | Document | Failure] = list(plan(inputs, fetcher))
    if retry_failed:
        todo.extend(_retries(store, fetcher))
    if progress:
        progress(total=len(todo))

    def step() -> None:
        if progress:
            progress(advance=1)

    def fail(failure: Failure) -> None:
        summary.failed += 1
        store.record_failure(failure)
        step()

    in_flight: deque[tuple[Document, str]] = deque()  # documents handed to analysis, in order
    linker = Linker()

    def documents() -> Iterator[Document]:
        for item in todo:
            if isinstance(item, Failure):
                fail(item)
                continue
            try:
                document = item if isinstance(item, Document) else \
                    read_origin(item, fetcher, settings.max_input_bytes)
            except InputError as exc:
                fail(Failure(item.locator, exc.reason, meta={"url": item.url, **item.meta,
                                                              "origin": item.describe()}))
                continue
            except Exception as exc:  # noqa: BLE001 — an unforeseen error fails this document, not the batch
                fail(Failure(item.locator, f"cannot be read ({exc.__class__.__name__}: {exc})",
                             meta={"url": item.url, "origin": item.describe()}))
                continue
            raw_hash = hashlib.sha256(document.raw()).hexdigest()
            if store.seen(raw_hash):
                summary.duplicates += 1
                step()
                continue
            in_flight.append((document, raw_hash))
            yield document

    for result in analyze_parallel(documents(), settings, settings.workers, settings.dask):
        document, raw_hash = in_flight.popleft()
        if isinstance(result, Failure):
            raw = document.raw()
            meta = {"url": document.url, "published": document.published, "title": document.title,
                    "outlet": document.outlet}
            fail(Failure(document.locator, result.reason, raw if len(raw) <= settings.max_input_bytes else None, meta))
            continue
        try:
            added = store.add(result, document.locator, document.fetched_at, raw_hash)
        except Exception as exc:  # noqa: BLE001 — the transaction rolled back: nothing half-written, go on
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[:1] or [""]
            fail(Failure(document.locator, f"could not be stored ({exc.__class__.__name__}: {first[0]})"))
            continue
        linking = time.perf_counter()
        people = link_added(store, added, result, settings, linker)
        claims = time.perf_counter()
        summary.linking_seconds += claims - linking
        if not (link_claims_added(store, added, result, settings) and people):
            summary.unlinked += 1
        summary.claims_seconds += time.perf_counter() - claims
        if added.status == "added":
            summary.added += 1
        elif added.status == "version":
            summary.versions += 1
        else:
            summary.duplicates += 1
        step()
    summary.seconds = time.perf_counter() - started
    return summary


def _retries(store: Store, fetcher: Fetcher | None) -> Iterator[Origin | Document | Failure]:
    """The quarantined documents, to be read again: the same line or record, the file (it may have been fixed
    since), the bytes kept with the failure, or the URL."""
    for failure in store.failures():
        described = failure.meta.get("origin") or failure.meta.get("unit")  # "unit": stores written before 0.2
        origin = Origin.described(failure.locator, described) if described else None
        if origin is not None and origin.format in {"jsonl", "warc"}:
            yield origin
        elif Path(failure.locator).is_file():
            yield from plan([failure.locator], fetcher)
        elif failure.payload is not None:
            yield Document(failure.locator, failure.payload, failure.meta.get("published"), failure.meta.get("url"),
                           failure.meta.get("title"), failure.meta.get("outlet"))
        else:
            yield from plan([failure.meta.get("url") or failure.locator], fetcher)
