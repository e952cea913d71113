"""Analysis in several local processes: each worker loads the pipeline once and analyses chunks of documents; the
caller (one writer) receives results in input order, with a bound on the work in flight so memory stays flat."""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Iterable, Iterator

from ..analysis import analyze_many
from ..model import Analysis, Document, Failure
from ..settings import Settings
from .chunks import CHUNK_SIZE, chunks


def single_threaded(settings: Settings) -> Settings:
    """Workers share the cores among themselves: each model runs on one thread unless told otherwise."""
    return replace(settings, model_threads=settings.model_threads or 1)


def prepare_worker(settings: Settings, parent: int | None = None) -> None:
    """Load the pipeline once per worker process, before the first document arrives. A worker of ``parent``
    dies with it (a killed ingest leaves no worker holding its memory)."""
    from ..nlp.pipeline import load_pipeline

    if parent is not None:
        die_with_parent(parent)
    one_thread_each()
    load_pipeline(single_threaded(settings))


def one_thread_each() -> None:
    """Workers share the cores among themselves, so no library in a worker may start a thread per core of its own
    (numpy's OpenBLAS does, and its threads spin while waiting): every native thread pool gets one thread."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere nothing is asked."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def analyze_chunk(settings: Settings, documents: list[Document]) -> list[Analysis | Failure]:
    """The task a worker runs: ``analyze_many`` already fails a broken document alone, never the chunk."""
    return list(analyze_many(documents, single_threaded(settings)))


def analyze_on_pool(documents: Iterable[Document], settings: Settings, workers: int, chunk_size: int = CHUNK_SIZE
                    ) -> Iterator[Analysis | Failure]:
    """A process pool that survives a worker dying (out of memory, a crash in native code): the chunks in flight
    are run again one document at a time on a fresh pool, and a document that kills a worker twice fails alone."""

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=prepare_worker,
                                   initargs=(settings, os.getpid()))

    pool = new_pool()
    pending: deque[tuple[Future, list[Document], int]] = deque()  # future, its documents, crashes seen
    try:
        todo = chunks(documents, chunk_size)
        while True:
            while len(pending) < 2 * workers:
                chunk = next(todo, None)
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
                            pending.append((_done([Failure(doc.locator, "the analysis process died twice on it")]),
                                            [doc], n))
                        else:
                            pending.append((pool.submit(analyze_chunk, settings, [doc]), [doc], n))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _done(results: list) -> Future:
    future: Future = Future()
    future.set_result(results)
    return future
