"""Many articles: analysis in a process pool or on a Dask cluster, and ingest of whole corpora into the store.

Above single-article analysis (``claimgraph.analysis``) and the store; below the CLI and the web.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..analysis import analyze_many
from ..model import Analysis, Document, Failure
from ..settings import Settings
from .chunks import CHUNK_SIZE


def analyze_parallel(documents: Iterable[Document], settings: Settings, workers: int = 1, dask: str = "",
                     chunk_size: int = CHUNK_SIZE) -> Iterator[Analysis | Failure]:
    """Like :func:`claimgraph.analyze_many`, in ``workers`` processes, or on Dask when ``dask`` is a scheduler
    address (``tcp://host:8786``) or ``local:N`` (a local cluster of N single-threaded worker processes)."""
    if dask:
        from .cluster import analyze_on_dask  # the dask extra, imported only when asked for

        yield from analyze_on_dask(documents, settings, dask, chunk_size)
    elif workers <= 1:
        yield from analyze_many(documents, settings)
    else:
        from .pool import analyze_on_pool

        yield from analyze_on_pool(documents, settings, workers, chunk_size)
