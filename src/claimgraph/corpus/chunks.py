"""The one chunking helper of corpus analysis: documents in chunks that never span two input files, handed to
workers with a bound on the work in flight, results back in input order. The process pool and Dask both use it."""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator, Protocol

from ..model import Document

CHUNK_SIZE = 8
"""Documents per task a worker runs: large enough to batch the parse, small enough to keep every worker busy."""



class Future(Protocol):
    def result(self) -> list: ...


def chunks(documents: Iterable[Document], size: int = CHUNK_SIZE) -> Iterator[list[Document]]:
    """Chunks of at most ``size`` documents; a chunk closes where the next document comes from another file, so
    a large WARC or JSONL set is partitioned per file."""
    chunk: list[Document] = []
    for doc in documents:
        if chunk and (len(chunk) == size or doc.origin.file != chunk[-1].origin.file):
            yield chunk
            chunk = []
        chunk.append(doc)
    if chunk:
        yield chunk


def in_order(submit: Callable[[list[Document]], Future], documents: Iterable[Document], in_flight: int,
             size: int = CHUNK_SIZE) -> Iterator:
    """Submit chunks with ``submit`` (a future with ``result()``: concurrent.futures or Dask), keep at most
    ``in_flight`` of them pending, and yield each chunk's results in input order."""
    pending: deque[Future] = deque()
    for chunk in chunks(documents, size):
        pending.append(submit(chunk))
        while len(pending) > in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
