"""Analysis in several processes, or on a Dask cluster: each worker loads the pipeline once and analyses chunks of
documents; the caller (one writer) receives results in input order. Work in flight is bounded, so memory stays
flat. Chunks never span two input files, so a large WARC set is partitioned per file."""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from .model import Analysis
from .service import Document, Failure, analyze_many
from .settings import Settings

def single_threaded(settings: Settings) -> Settings:
    """Workers share the cores among themselves: each model runs on one thread unless told otherwise."""
    return replace(settings, model_threads=settings.model_threads or 1)


def _init(settings: Settings) -> None:
    from .nlp.pipeline import load

    load(single_threaded(settings))  # once per process, before the first document arrives


def analyze_chunk(settings: Settings, documents: list[Document]) -> list[Analysis | Failure]:
    """The task a worker runs: ``analyze_many`` already fails a broken document alone, never the chunk."""
    return list(analyze_many(documents, single_threaded(settings)))


def analyze_parallel(documents: Iterable[Document], settings: Settings, workers: int = 1, dask: str = "",
                     chunk_size: int = 8) -> Iterator[Analysis | Failure]:
    """Like :func:`claimgraph.analyze_many`, in ``workers`` processes, or on Dask when ``dask`` is a scheduler
    address (``tcp://host:8786``) or ``local:N`` (a local cluster of N single-threaded worker processes)."""
    if dask:
        from .cluster import analyze_on_dask

        yield from analyze_on_dask(documents, settings, dask, chunk_size)
        return
    if workers <= 1:
        yield from analyze_many(documents, settings)
        return
    yield from _on_pool(documents, settings, workers, chunk_size)


def _on_pool(documents: Iterable[Document], settings: Settings, workers: int, chunk_size: int
             ) -> Iterator[Analysis | Failure]:
    """A process pool that survives a worker dying (out of memory, a crash in native code): the chunks in flight
    are run again one document at a time on a fresh pool, and a document that kills a worker twice fails alone."""
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(settings,))

    pool = new_pool()
    pending: deque[tuple[object, list[Document], int]] = deque()  # future, its documents, crashes seen
    try:
        chunks = _chunks(documents, chunk_size)
        while True:
            while len(pending) < 2 * workers:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((pool.submit(analyze_chunk, settings, chunk), chunk, 0))
            if not pending:
                return
            future, chunk, crashes = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                # The chunk we were waiting for takes the blame; the others were only caught in the crash.
                retry = [(chunk, crashes + 1)] + [(c, n) for _, c, n in pending]
                pending.clear()
                for docs, n in retry:
                    for doc in docs:
                        if n >= 2 and len(docs) == 1:
                            pending.append((_done([Failure(doc.name, "the analysis process died twice on it")]),
                                            [doc], n))
                        else:
                            pending.append((pool.submit(analyze_chunk, settings, [doc]), [doc], n))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _done(results: list) -> object:
    from concurrent.futures import Future

    future: Future = Future()
    future.set_result(results)
    return future


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in documents:
        if chunk and (len(chunk) == size or _file_of(doc) != _file_of(chunk[-1])):
            yield chunk
            chunk = []
        chunk.append(doc)
    if chunk:
        yield chunk


def _file_of(doc: Document) -> str:
    """"crawl.warc.gz@1234" and "dump.jsonl:12" belong to their file; anything else is its own."""
    for sep in ("@", ":"):
        head, _, tail = doc.name.rpartition(sep)
        if head and tail.isdigit():
            return head
    return doc.name


def _bounded(submit, documents: Iterable[Document], chunk_size: int, in_flight: int) -> Iterator:
    pending: deque = deque()
    for chunk in _chunks(documents, chunk_size):
        pending.append(submit(chunk))
        while len(pending) > in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
