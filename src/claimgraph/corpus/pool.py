"""Analysis in several local processes: each worker loads the pipeline once and analyses chunks of documents; the
caller (one writer) receives results in input order, with a bound on the work in flight so memory stays flat."""

from __future__ import annotations

import dataclasses
import json
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Iterable, Iterator

from ..analysis import analyze_many
from ..model import Analysis, Document, Failure
from ..settings import Settings
from .chunks import CHUNK_SIZE, chunks, chunks_in_flight


def single_threaded(settings: Settings) -> Settings:
    """Workers share the cores among themselves: each model runs on one thread unless told otherwise."""
    return replace(settings, model_threads=settings.model_threads or 1)


def prepare_worker(settings: Settings, owner: int | None = None) -> None:
    """Load the pipeline once per worker process, before the first document arrives. A worker of ``owner`` (the
    process id of the ingest or server that asked for it) dies with it: a killed parent leaves no worker holding
    its memory."""
    from ..nlp.pipeline import load_pipeline

    if owner is not None:
        die_with(owner)
    one_thread_each()
    load_pipeline(single_threaded(settings))


PRELOAD = ["claimgraph.corpus.pool", "claimgraph.nlp.pipeline", "claimgraph.nlp.tagger.component",
           "claimgraph.nlp.tagger.minilm", "claimgraph.corpus.warm"]
"""What the forkserver imports once, before its first fork: spaCy, torch and the attribution model's code take
seconds to import, which every worker would otherwise spend again, two workers competing for the same cores.
The last, ``corpus.warm``, loads the pipeline the first pool asked for (``WARM_SETTINGS``) and runs it once on one
thread (:func:`warm_server`)."""

WARM_SETTINGS = "CLAIMGRAPH_FORKSERVER_SETTINGS"
"""The environment variable that hands the forkserver, as it starts, the settings of the pool that starts it."""

_WARM_TEXT = ("Officials said on Monday that at least 3,000 soldiers had arrived. \u201cWe do not know what they "
              "will do,\u201d the minister told reporters in Kyiv, according to a statement. It is, perhaps, "
              "the worst mistake of the war.")


def clean_start(settings: Settings):
    """Worker processes start from a forkserver, a clean process, never as a fork of this one: a fork of a process
    whose model has run on several threads hangs the first time the worker's model runs (the OpenMP runtime does
    not survive a fork), and this process may have (linking embeds, a crashed pool is replaced). The server
    imports ``PRELOAD`` as it starts, so workers start with it imported, and, given the ``settings`` of the pool
    that starts it, with their pipeline loaded and run once."""
    import multiprocessing
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    os.environ[WARM_SETTINGS] = json.dumps(dataclasses.asdict(settings))
    try:
        forkserver.ensure_running()  # a server already running keeps what it loaded
    finally:
        del os.environ[WARM_SETTINGS]
    return context


def warm_server() -> None:
    """In the forkserver: load the pipeline of ``WARM_SETTINGS`` and analyse a short text with it, so every worker
    forked from here finds the pipeline loaded, the attribution model traced and its kernels built, as a worker
    prepares itself (:func:`prepare_worker`): on one thread, since the server must never start a thread pool, which
    a fork does not keep. Anything that fails here is left for the worker, which loads the pipeline itself and
    reports the error."""
    raw = os.environ.get(WARM_SETTINGS)
    if not raw:
        return
    try:
        settings = single_threaded(Settings(**json.loads(raw)))
        prepare_worker(settings)
        list(analyze_many([Document("<warm-up>", _WARM_TEXT)], settings))
    except Exception:  # noqa: BLE001 — the worker loads it again and says what is wrong
        pass


def one_thread_each() -> None:
    """Workers share the cores among themselves, so no library in a worker may start a thread per core of its own
    (numpy's OpenBLAS does, and its threads spin while waiting): every native thread pool gets one thread."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def die_with(owner: int) -> None:
    """End this process when ``owner`` ends, however it ends (SIGKILL included). The worker's parent is a
    forkserver, not the owner, so the parent-death signal cannot serve; a daemon thread waits on the owner's pidfd
    instead (Linux 5.3 and later; elsewhere it looks once a second)."""
    import select
    import threading
    import time

    try:
        handle = os.pidfd_open(owner)
    except ProcessLookupError:
        os._exit(1)  # the owner ended before this worker started
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])  # readable once the owner has ended
        else:
            while True:
                time.sleep(1)
                try:
                    os.kill(owner, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    continue
        os._exit(1)

    threading.Thread(target=watch, name="die-with-owner", daemon=True).start()


def analyze_chunk(settings: Settings, documents: list[Document]) -> list[Analysis | Failure]:
    """The task a worker runs: ``analyze_many`` already fails a broken document alone, never the chunk."""
    return list(analyze_many(documents, single_threaded(settings)))


def analyze_on_pool(documents: Iterable[Document], settings: Settings, workers: int, chunk_size: int = CHUNK_SIZE
                    ) -> Iterator[Analysis | Failure]:
    """A process pool that survives a worker dying (out of memory, a crash in native code): the chunks in flight
    are run again one document at a time on a fresh pool, and a document that kills a worker twice fails alone."""

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=prepare_worker,
                                   initargs=(settings, os.getpid()), mp_context=clean_start(settings))

    pool = new_pool()
    pending: deque[tuple[Future, list[Document]]] = deque()
    try:
        todo = chunks(documents, chunk_size)
        while True:
            while len(pending) < chunks_in_flight(workers, chunk_size):
                chunk = next(todo, None)
                if chunk is None:
                    break
                pending.append((pool.submit(analyze_chunk, settings, chunk), chunk))
            if not pending:
                return
            future, chunk = pending.popleft()
            try:
                yield from future.result()
                continue
            except BrokenProcessPool:
                pass
            # A worker died, and any chunk in flight may have killed it: run each of their documents alone, one
            # at a time, so that a death names its document; one that kills a worker twice fails alone.
            suspects = [doc for docs in [chunk, *(c for _, c in pending)] for doc in docs]
            pending.clear()
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            for doc in suspects:
                for attempt in (1, 2):
                    try:
                        yield from pool.submit(analyze_chunk, settings, [doc]).result()
                        break
                    except BrokenProcessPool:
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = new_pool()
                        if attempt == 2:
                            yield Failure(doc.locator, "the analysis process died twice on it")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
