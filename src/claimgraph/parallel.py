"""Analysis in several processes: each worker loads the pipeline once and analyses chunks of documents; the
caller (one writer) receives results in input order. Work in flight is bounded, so memory stays flat."""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from .model import Analysis
from .service import Document, Failure, analyze_many
from .settings import Settings

_worker_settings: Settings | None = None


def _init(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    from .nlp.pipeline import load

    load(settings)  # once per process, before the first document arrives


def _analyze_chunk(documents: list[Document]) -> list[Analysis | Failure]:
    results = []
    for doc in documents:  # one at a time: an unexpected error fails that document only
        try:
            results.extend(analyze_many([doc], _worker_settings))
        except Exception as exc:  # noqa: BLE001 — reported per document, never kills the worker
            results.append(Failure(doc.name, f"analysis failed ({exc.__class__.__name__}: {exc})"))
    return results


def analyze_parallel(documents: Iterable[Document], settings: Settings, workers: int,
                     chunk_size: int = 8) -> Iterator[Analysis | Failure]:
    """Like :func:`claimgraph.analyze_many`, in ``workers`` processes."""
    if workers <= 1:
        yield from analyze_many(documents, settings)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(settings,)) as pool:
        pending: deque[Future] = deque()
        chunk: list[Document] = []
        for doc in documents:
            chunk.append(doc)
            if len(chunk) == chunk_size:
                pending.append(pool.submit(_analyze_chunk, chunk))
                chunk = []
                while len(pending) > 2 * workers:
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_analyze_chunk, chunk))
        while pending:
            yield from pending.popleft().result()
