"""A 2-worker Dask LocalCluster stores exactly what a single process stores."""

from claimgraph import Settings
from claimgraph.corpus.ingest import ingest_inputs
from claimgraph.store import open_store

ROWS = ("SELECT a.content_hash, a.title, t.idx, t.kind, t.speaker, t.cue_text, t.content_text, t.certainty "
        "FROM attributions t JOIN articles a ON a.id = t.article_id ORDER BY a.content_hash, t.idx")


def test_local_cluster_store_equals_single_process(tmp_path, polnear_dev):
    inputs = [str(p) for p in sorted((polnear_dev / "text").glob("*.txt"))[:8]]
    tables = []
    for name, settings in (("single", Settings()), ("dask", Settings(dask="local:2"))):
        store = open_store(f"sqlite:///{tmp_path / f'{name}.db'}")
        summary = ingest_inputs(inputs, store, settings)
        assert (summary.added, summary.failed) == (8, 0)
        with store.engine.connect() as conn:
            tables.append((conn.exec_driver_sql(ROWS).all(),
                           conn.exec_driver_sql("SELECT count(*) FROM quantities").scalar_one(),
                           conn.exec_driver_sql("SELECT count(*) FROM mentions").scalar_one()))
        store.close()
    assert tables[0] == tables[1]
    assert len(tables[0][0]) > 30


def test_local_workers_start_with_one_native_thread_and_large_tensors_on_the_heap():
    """A local cluster's workers get Dask's one-thread limits and a malloc threshold above the model's tensors
    (any malloc setting turns glibc's sliding one off, and the model's products ran 45% slower without it)."""
    import os

    from claimgraph.corpus.cluster import connect

    client, cluster = connect("local:1")
    try:
        env = next(iter(client.run(lambda: {k: v for k, v in os.environ.items()
                                            if k.startswith(("MALLOC_", "OMP_", "MKL_", "OPENBLAS_"))}).values()))
    finally:
        client.close()
        cluster.close()
    assert env["OMP_NUM_THREADS"] == env["MKL_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == "1"
    assert int(env["MALLOC_MMAP_THRESHOLD_"]) >= 64 << 20 and int(env["MALLOC_TRIM_THRESHOLD_"]) >= 1 << 30


def test_the_forkserver_preloads_modules_that_exist():
    """The forkserver skips a preload it cannot import without a word, so a renamed module would quietly bring
    back the seconds each worker spends importing."""
    import importlib

    from claimgraph.corpus.pool import PRELOAD

    for name in PRELOAD:
        importlib.import_module(name)
