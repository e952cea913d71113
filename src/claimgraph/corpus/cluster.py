"""Analysis on a Dask cluster (``--dask tcp://scheduler:8786`` or ``--dask local:N``), the ``dask`` extra.

A worker plugin loads the pipeline once per worker; chunks of documents are submitted with a bound on the work in
flight and their results stream back, in input order, to the single writer.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..errors import MissingExtra
from ..model import Analysis, Document, Failure
from ..settings import Settings
from .chunks import CHUNK_SIZE, chunks_in_flight, in_order
from .pool import analyze_chunk, prepare_worker

try:
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingExtra("dask", "analysing on a Dask cluster (--dask)") from exc


class PipelinePlugin(WorkerPlugin):
    """Load the pipeline when a worker starts, so each worker loads it exactly once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker) -> None:
        prepare_worker(self.settings)


# Worker settings measured on the analysis (bench/throughput.py, docs/performance.md): Dask's default
# MALLOC_TRIM_THRESHOLD_=65536 makes spaCy's many small allocations 12% slower; setting any malloc threshold turns
# off glibc's sliding mmap threshold, so the model's large tensors (attention scores, layer outputs: up to 50 MB)
# would be mapped and zero-filled afresh at every use, making its matrix products 45% slower than in a plain
# process, unless MALLOC_MMAP_THRESHOLD_ is raised past them; the statistical profiler and a 20 ms tick cost the
# compute thread more. Dask's own one-thread limits for OpenMP, MKL and OpenBLAS are kept. Remote clusters want
# the same in their dask config.
WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {"MALLOC_TRIM_THRESHOLD_": 1 << 30, "MALLOC_MMAP_THRESHOLD_": 1 << 26,
                                            "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
}


def connect(address: str) -> tuple[Client, LocalCluster | None]:
    """A client for ``tcp://…`` (an existing scheduler) or ``local:N`` (a new local cluster of N processes)."""
    if address.startswith("local:"):
        import dask

        n = int(address.split(":", 1)[1] or 2)
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(address), None


def analyze_on_dask(documents: Iterable[Document], settings: Settings, address: str, chunk_size: int = CHUNK_SIZE
                    ) -> Iterator[Analysis | Failure]:
    client = cluster = None
    try:
        client, cluster = connect(address)
        client.register_plugin(PipelinePlugin(settings), name="claimgraph-pipeline")
        workers = max(1, len(client.scheduler_info()["workers"]))
        yield from in_order(lambda chunk: client.submit(analyze_chunk, settings, chunk, pure=False),
                            documents, chunks_in_flight(workers, chunk_size), chunk_size)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
