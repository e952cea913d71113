"""One article at a time: analyse texts, HTML pages and files into :class:`Analysis` results.

Bytes are decoded and extracted (``ingest.extract``), parsed and analysed by the spaCy pipeline (``nlp``), and
converted into the plain dataclasses of ``model``. CLI, web, corpus ingest and evaluation call these; nothing here
prints. spaCy is imported on the first analysis, so commands that only read the store start quickly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, OverBudget
from .text.blocks import blocks
from .ingest.extract import Extracted, extract
from .ingest.sources import read_limited
from .model import Analysis, Article, Document, Failure, Origin
from .nlp.records import keep_text
from .settings import Settings


def analyze(text_or_html: str | bytes, published: str | dt.date | None = None,
            settings: Settings | None = None, *, name: str = "<text>", url: str | None = None) -> Analysis:
    """Analyse one article given as plain text or HTML (str or bytes)."""
    return analyze_document(Document(name, text_or_html, _iso(published, name), url), settings)


def analyze_document(document: Document, settings: Settings | None = None) -> Analysis:
    """Analyse one :class:`Document`; a document that cannot be analysed raises :class:`InputError`."""
    result = next(analyze_many([document], settings))
    if isinstance(result, Failure):
        raise InputError(result.locator, result.reason)
    return result


def analyze_many(documents: Iterable[Document], settings: Settings | None = None
                 ) -> Iterator[Analysis | Failure]:
    """Analyse documents in batches, in input order; a document that cannot be read yields a :class:`Failure`,
    never stops the rest. Documents are read lazily, one batch ahead, and each batch is parsed inside a spaCy
    memory zone, so memory stays flat however many documents there are. An unexpected error fails only the
    document that caused it. Where the attribution model runs ahead (``TaggerComponent.runs_ahead``: one process
    with every core), the next batch is tagged on one core while this one is parsed on the other."""
    from .nlp.pipeline import load_pipeline

    settings = settings or Settings()
    nlp = load_pipeline(settings)
    ahead = nlp.get_pipe("claimgraph_tagger") if "claimgraph_tagger" in nlp.pipe_names else None
    ahead = ahead if ahead is not None and ahead.runs_ahead else None
    seconds = settings.analysis_seconds
    upcoming = (_prepare_batch(batch, settings) for batch in batches(documents, settings))
    batch = next(upcoming, None)
    while batch is not None:
        following = next(upcoming, None)
        if ahead is not None:
            ahead.prefetch([e.text for _, e in batch if isinstance(e, Extracted)])
            ahead.prefetch([e.text for _, e in following or () if isinstance(e, Extracted)])
        try:
            with time_budget(seconds * len(batch)):
                results = _analyze_batch(nlp, batch)
        except (Exception, OverBudget) as exc:  # noqa: BLE001 — find the document that broke the batch
            if len(batch) == 1:
                results = [_failure(batch[0][0], exc, seconds)]
            else:
                results = []
                for document, extracted in batch:
                    try:
                        with time_budget(seconds):
                            results.extend(_analyze_batch(nlp, [(document, extracted)]))
                    except (Exception, OverBudget) as exc:  # noqa: BLE001 — this one fails, the others go on
                        results.append(_failure(document, exc, seconds))
        if ahead is not None:  # what a failed document left unread
            ahead.forget([e.text for _, e in batch if isinstance(e, Extracted)])
        yield from results
        batch = following


def _prepare_batch(batch: list[Document], settings: Settings) -> list[tuple[Document, Extracted | Failure]]:
    """Each document decoded and extracted, within its own time budget: a page that stalls extraction fails
    alone."""
    out: list[tuple[Document, Extracted | Failure]] = []
    for document in batch:
        try:
            with time_budget(settings.analysis_seconds):
                out.append((document, _prepare(document, settings)))
        except (Exception, OverBudget) as exc:  # noqa: BLE001 — this one fails, the others go on
            out.append((document, _failure(document, exc, settings.analysis_seconds)))
    return out


_OVER_BUDGET = "(setting analysis_seconds)"


def over_budget(failure: Failure) -> bool:
    """Whether ``failure`` is an analysis stopped at its time budget (the web answers it 413, not 422)."""
    return failure.reason.endswith(_OVER_BUDGET)


def _failure(document: Document, exc: BaseException, seconds: float) -> Failure:
    if isinstance(exc, OverBudget):
        return Failure(document.locator, f"analysis ran past its budget of {seconds:g} s {_OVER_BUDGET}")
    return Failure(document.locator, f"analysis failed ({exc.__class__.__name__}: {exc})")


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the code inside with :class:`OverBudget` once ``seconds`` have passed (0: never). A timer signal
    can only be taken in a process's main thread, and only one timer runs at a time: elsewhere (Dask's worker
    threads, the web server's threads, inside another timer) the budget is not enforced here; the web server bounds
    its analyses by running them in worker processes."""
    usable = (seconds > 0 and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def batches(documents: Iterable[Document], settings: Settings) -> Iterator[list[Document]]:
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


LEARNT_WORDS = 50_000
"""Documents are tokenised outside the memory zone, their words kept for good, until the vocabulary has made this
many lexemes (words, numbers, punctuation; spaCy counts those of the zones too). Inside a zone spaCy's tokenizer
caches nothing and each new word's lexeme is made anew, batch after batch: 64 texts took 0.42 s to tokenise in
zones, 0.15 s with their words known. 73,000 words kept take about 11 MB."""


def _analyze_batch(nlp, prepared: list[tuple[Document, Extracted | Failure]]) -> list[Analysis | Failure]:
    from .nlp.convert import to_analysis

    articles = [(_article(d, e), e) for d, e in prepared if isinstance(e, Extracted)]
    out: list[Analysis | Failure] = []
    def blank() -> list:
        return [_blank(nlp, e.text, a.published) for a, e in articles]

    kept = blank() if len(nlp.vocab) < LEARNT_WORDS else None  # see LEARNT_WORDS
    with nlp.memory_zone():
        docs = nlp.pipe(blank() if kept is None else kept, batch_size=len(articles) or 1)
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
    doc = keep_text(nlp.make_doc(text), text)
    doc._.cg_published = published
    return doc


def read_document(path: str | Path, published: str | None = None, limit: int | None = None) -> Document:
    """Read a file (``-`` for standard input) of at most ``limit`` bytes into a :class:`Document`; unreadable or
    oversized input raises InputError."""
    name = str(path)
    if name == "-":
        return Document(Origin("<stdin>"), read_limited(sys.stdin.buffer, limit, "<stdin>"), published)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(name, "is a directory")
        with p.open("rb") as fh:
            return Document(Origin(name, "file", path=name), read_limited(fh, limit, name), published)
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
            raise InputError(document.locator, f"{size:,} bytes is more than the limit of "
                                            f"{settings.max_input_bytes:,} (setting max_input_bytes)")
        extracted = extract(document.data, document.locator, document.url, settings)
        if len(extracted.text) > settings.max_text_chars:
            raise InputError(document.locator, f"article text of {len(extracted.text):,} characters is more than "
                                            f"the limit of {settings.max_text_chars:,} (setting max_text_chars)")
        if document.published is not None:
            _iso(document.published, document.locator)
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
                   language=extracted.language or "en", published_at=extracted.published, modified=extracted.modified,
                   metadata_sources={**extracted.metadata_sources,
                                     **({"published": "input"} if document.published else {})})


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
