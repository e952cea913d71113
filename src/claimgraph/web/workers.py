"""Analyses requested over HTTP run in a small pool of worker processes, each with a time budget.

An analysis is CPU work that may take seconds (a long text, a hostile one). Run in the server's own threads it
would compete with every page read, and nothing could stop it. Here at most ``web_workers`` analyses run at once;
a request that finds them all busy for ``web_wait_seconds`` is told so (503), and an analysis that runs past
``web_analysis_seconds`` is stopped (413): by its worker's own timer first, by killing the worker (a fresh one takes
its place) if that timer cannot interrupt it. Workers die with the server.
"""

from __future__ import annotations

import atexit
import os
import threading
from concurrent.futures import TimeoutError as FutureTimeout

from fastapi import HTTPException

from ..analysis import over_budget
from ..corpus.pool import analyze_chunk, clean_start, prepare_worker
from ..model import Analysis, Document, Failure
from ..settings import Settings

GRACE_SECONDS = 5.0
"""How long past its budget an analysis may go before its worker is killed: the worker's timer answers first."""


class AnalysisPool:
    """Worker processes (started on first use) that analyse one document each at a time."""

    def __init__(self, settings: Settings) -> None:
        self.workers = max(1, settings.web_workers)
        self._settings = settings
        self._slots = threading.BoundedSemaphore(self.workers)
        self._lock = threading.Lock()
        self._pool = None

    def analyse(self, document: Document, settings: Settings) -> Analysis:
        """Analyse ``document`` with ``settings`` (limits narrowed for the web) in a worker. Raises HTTPException:
        503 when no worker is free in time, 413 past the time budget, 422 when the document cannot be analysed."""
        budget = settings.web_analysis_seconds
        if not self._slots.acquire(timeout=settings.web_wait_seconds):
            raise HTTPException(503, f"all {self.workers} analysis workers are busy; try again shortly",
                                headers={"Retry-After": "5"})
        try:
            future = self.start().schedule(analyze_chunk, args=(settings.replace(analysis_seconds=budget),
                                                                [document]),
                                           timeout=budget + GRACE_SECONDS if budget > 0 else None)
            try:
                result = future.result()[0]  # a failure comes back as data, never raised
            except FutureTimeout as exc:  # the worker's timer could not interrupt it: the worker was killed
                raise HTTPException(413, _over(budget)) from exc
            except Exception as exc:  # noqa: BLE001 — a worker that died (out of memory, a native crash)
                raise HTTPException(503, f"the analysis worker stopped ({type(exc).__name__}); try again") from exc
        finally:
            self._slots.release()
        if isinstance(result, Failure):
            if over_budget(result):
                raise HTTPException(413, _over(budget))
            raise HTTPException(422, f"cannot analyse: {result.reason}")
        return result

    def start(self):
        """The pebble pool, started now if it is not yet: its workers load the pipeline in the background."""
        with self._lock:
            if self._pool is None:
                from pebble import ProcessPool

                self._pool = ProcessPool(max_workers=self.workers, initializer=prepare_worker,
                                         initargs=(self._settings, os.getpid()),
                                         context=clean_start(self._settings))
            return self._pool

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join(timeout=10)


_POOLS: dict[tuple, AnalysisPool] = {}
_POOLS_LOCK = threading.Lock()


def analysis_pool(settings: Settings) -> AnalysisPool:
    """One pool per process for each pipeline and size: apps built over other stores (tests, several servers in
    one process) share their workers instead of each loading the pipeline again."""
    key = (settings.pipeline, settings.attribution, settings.model_threads, max(1, settings.web_workers))
    with _POOLS_LOCK:
        if key not in _POOLS:
            if not _POOLS:
                atexit.register(_close_all)
            _POOLS[key] = AnalysisPool(settings)
        return _POOLS[key]


def _close_all() -> None:
    for pool in list(_POOLS.values()):
        pool.close()


def _over(budget: float) -> str:
    return (f"the analysis needs more than {budget:g} s of work, the most one request may ask for (setting "
            "web_analysis_seconds): send a shorter text, or analyse it with the command line")
