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


WARM_PROBE = """
import dataclasses, json, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from claimgraph import Document, Settings, analyze_many
from claimgraph.corpus.pool import analyze_chunk, clean_start, prepare_worker

LOADS = "__import__('claimgraph.nlp.pipeline', fromlist=['_load'])._load.cache_info().misses"
docs = [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[1]).glob("*.txt"))[:2]]
out = {}
for name, settings in (("first", Settings()), ("other", Settings(min_quote_tokens=5))):
    with ProcessPoolExecutor(1, initializer=prepare_worker, initargs=(settings,),
                             mp_context=clean_start(settings)) as pool:
        loads = pool.submit(eval, LOADS).result()  # a builtin travels to the worker by name
        found = pool.submit(analyze_chunk, settings, docs).result()
    out[name] = {"loads": loads,
                 "same": [dataclasses.asdict(a) for a in found] == [dataclasses.asdict(a) for a in
                                                                     analyze_many(docs, settings)]}
print(json.dumps(out))
"""


def test_workers_fork_with_the_first_pools_pipeline_loaded(polnear_dev):
    """The forkserver loads and runs the pipeline of the pool that starts it, so that pool's workers find it
    loaded and analyse exactly as this process does; a later pool with other settings loads its own. A worker
    inherits the server's count of loads: 1 in both pools without the server's load, 1 and 2 with it."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", WARM_PROBE, str(polnear_dev / "text")], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out == {"first": {"loads": 1, "same": True}, "other": {"loads": 2, "same": True}}
