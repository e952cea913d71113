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
