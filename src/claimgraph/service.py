"""The library's front door: analyse texts, HTML pages and files into :class:`Analysis` results.

CLI and web call these; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .ingest.layout import blocks
from .ingest.text import Extracted, extract
from .model import Analysis, Article, Document
from .settings import Settings


@dataclass(frozen=True)
class Failure:
    name: str
    reason: str


def analyze(text_or_html: str | bytes, published: str | dt.date | None = None,
            settings: Settings | None = None, *, name: str = "<text>", url: str | None = None) -> Analysis:
    """Analyse one article given as plain text or HTML (str or bytes)."""
    return analyze_document(Document(name, text_or_html, _iso(published, name), url), settings)


def analyze_document(document: Document, settings: Settings | None = None) -> Analysis:
    """Analyse one :class:`Document`; a document that cannot be analysed raises :class:`InputError`."""
    result = next(analyze_many([document], settings))
    if isinstance(result, Failure):
        raise InputError(result.name, result.reason)
    return result


def analyze_many(documents: Iterable[Document], settings: Settings | None = None
                 ) -> Iterator[Analysis | Failure]:
    """Analyse documents in batches, in input order; a document that cannot be read yields a :class:`Failure`,
    never stops the rest. Documents are read lazily, one batch at a time, and each batch is parsed inside a spaCy
    memory zone, so memory stays flat however many documents there are. An unexpected error fails only the
    document that caused it."""
    from .nlp.pipeline import load

    settings = settings or Settings()
    nlp = load(settings)
    for batch in _batches(documents, settings):
        try:
            results = _analyze_batch(nlp, batch, settings)
        except Exception:  # noqa: BLE001 — find the document that broke the batch; the others go through
            results = []
            for document in batch:
                try:
                    results.extend(_analyze_batch(nlp, [document], settings))
                except Exception as exc:  # noqa: BLE001
                    results.append(Failure(document.name, f"analysis failed ({exc.__class__.__name__}: {exc})"))
        yield from results


def _batches(documents: Iterable[Document], settings: Settings) -> Iterator[list[Document]]:
    """Batches of at most ``batch_size`` documents and about ``batch_chars`` characters: a batch of long articles
    holds fewer of them, so the parser's memory per batch stays in bounds."""
    batch: list[Document] = []
    chars = 0
    for document in documents:
        batch.append(document)
        chars += len(document.data)
        if len(batch) >= settings.batch_size or chars >= settings.batch_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _analyze_batch(nlp, batch: list[Document], settings: Settings) -> list[Analysis | Failure]:
    from .nlp.convert import to_analysis

    prepared = [(d, _prepare(d, settings)) for d in batch]
    articles = [(_article(d, e), e) for d, e in prepared if isinstance(e, Extracted)]
    out: list[Analysis | Failure] = []
    with nlp.memory_zone():
        docs = nlp.pipe([_blank(nlp, e.text, a.published) for a, e in articles], batch_size=settings.batch_size)
        parsed = iter(zip(docs, articles))
        for _, extracted in prepared:
            if isinstance(extracted, Failure):
                out.append(extracted)
                continue
            doc, (article, _) = next(parsed)
            out.append(to_analysis(doc, article))
    return out


def _blank(nlp, text: str, published: str | None):
    """A tokenised Doc that carries the publication date for the stages that resolve dates."""
    doc = nlp.make_doc(text)
    doc._.cg_published = published
    return doc


def read_document(path: str | Path, published: str | None = None) -> Document:
    """Read a file (``-`` for standard input) into a :class:`Document`; unreadable files raise InputError."""
    name = str(path)
    if name == "-":
        return Document("<stdin>", sys.stdin.buffer.read(), published)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(name, "is a directory")
        return Document(name, p.read_bytes(), published)
    except FileNotFoundError as exc:
        raise InputError(name, "no such file") from exc
    except PermissionError as exc:
        raise InputError(name, "permission denied") from exc
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc


def _prepare(document: Document, settings: Settings) -> Extracted | Failure:
    try:
        size = len(document.data)
        if size > settings.max_input_bytes:
            raise InputError(document.name, f"{size:,} bytes is more than the limit of "
                                            f"{settings.max_input_bytes:,} (setting max_input_bytes)")
        extracted = extract(document.data, document.name, document.url)
        if len(extracted.text) > settings.max_text_chars:
            raise InputError(document.name, f"article text of {len(extracted.text):,} characters is more than "
                                            f"the limit of {settings.max_text_chars:,} (setting max_text_chars)")
        if document.published is not None:
            _iso(document.published, document.name)
        return extracted
    except InputError as exc:
        return Failure(exc.document, exc.reason)


def _article(document: Document, extracted: Extracted) -> Article:
    text = extracted.text
    title = extracted.title or document.title
    if title is None:
        title = next((text[b.start:b.end] for b in blocks(text) if b.role == "headline"), None)
    published = document.published or _iso_or_none(extracted.published)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Article(id=digest, title=title, authors=extracted.authors, published=published,
                   url=extracted.url or document.url, outlet=extracted.outlet or document.outlet,
                   language=extracted.language or "en")


def _iso(value: str | dt.date | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise InputError(name, f"publication date {value!r} is not YYYY-MM-DD") from exc


def _iso_or_none(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


@dataclass
class IngestSummary:
    added: int = 0
    versions: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = (self.added + self.versions) / self.seconds if self.seconds else 0.0
        return (f"ingested {self.added} new, {self.versions} new versions, skipped {self.duplicates} duplicates, "
                f"failed {self.failed} ({rate:.1f} articles/s)")


def ingest_inputs(inputs: list[str], store, settings: Settings | None = None, fetcher=None, retry_failed: bool = False,
           progress=None) -> IngestSummary:
    """Read, analyse and store articles from files, folders, JSONL, feeds, WARC archives and URLs.

    Every document is written in its own transaction; one that fails is recorded in the store's failed documents
    with its reason (and its bytes, when they were read, for ``retry_failed``) and the batch goes on. Inputs
    already stored are skipped before analysis. ``progress``, when given, is called as ``progress(total=n)`` once
    and ``progress(advance=1)`` per document.
    """
    import time
    from collections import deque

    from .ingest.sources import Failed, Unit, load, plan
    from .parallel import analyze_parallel

    settings = settings or Settings()
    started = time.perf_counter()
    summary = IngestSummary()
    units: list = list(plan(inputs, fetcher))
    if retry_failed:
        for failure in store.failures():
            unit = failure.meta.get("unit")
            if unit and unit["kind"] in {"jsonl", "warc"}:
                units.append(Unit(failure.locator, **unit))  # the same line or record, read again
            elif Path(failure.locator).is_file():
                units.extend(plan([failure.locator], fetcher))  # the file may have been fixed since
            elif failure.payload is not None:
                units.append(Document(failure.locator, failure.payload, failure.meta.get("published"),
                                      failure.meta.get("url"), failure.meta.get("title"), failure.meta.get("outlet")))
            else:
                units.extend(plan([failure.meta.get("url") or failure.locator], fetcher))
    if progress:
        progress(total=len(units))

    def step() -> None:
        if progress:
            progress(advance=1)

    def fail(locator: str, reason: str, payload: bytes | None = None, meta: dict | None = None) -> None:
        summary.failed += 1
        store.record_failure(locator, reason, payload, meta)
        step()

    in_flight: deque[tuple[Document, str]] = deque()  # documents handed to analysis, in order

    def documents():
        for unit in units:
            if isinstance(unit, Failed):
                fail(unit.locator, unit.reason, unit.payload, unit.meta)
                continue
            try:
                document = unit if isinstance(unit, Document) else load(unit, fetcher)
            except InputError as exc:
                fail(unit.locator, exc.reason, meta={"url": unit.url, **unit.meta, "unit": unit.describe()})
                continue
            except Exception as exc:  # noqa: BLE001 — an unforeseen error fails this document, not the batch
                fail(unit.locator, f"cannot be read ({exc.__class__.__name__}: {exc})",
                     meta={"url": getattr(unit, "url", None), "unit": getattr(unit, "describe", dict)()})
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
            fail(document.name, result.reason, raw if len(raw) <= settings.max_input_bytes else None, meta)
            continue
        try:
            added = store.add(result, document.name, document.fetched_at, raw_hash)
        except Exception as exc:  # noqa: BLE001 — the transaction rolled back: nothing half-written, go on
            fail(document.name, f"could not be stored ({exc.__class__.__name__}: {exc})")
            continue
        if added.status == "added":
            summary.added += 1
        elif added.status == "version":
            summary.versions += 1
        else:
            summary.duplicates += 1
        step()
    summary.seconds = time.perf_counter() - started
    return summary
