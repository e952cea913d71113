"""Optional parts need their extra; without it, one line names the extra to install."""

import importlib
import sys

import pytest
from claimgraph.errors import MissingExtra


def _without(monkeypatch, *modules):
    """Make ``modules`` unimportable, and forget claimgraph modules that imported them."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)
    for name in [m for m in sys.modules if m.startswith(("claimgraph.web", "claimgraph.corpus.cluster"))]:
        monkeypatch.delitem(sys.modules, name)


def test_a_postgres_store_without_the_postgres_extra(monkeypatch):
    from claimgraph.store import open_store

    _without(monkeypatch, "psycopg")
    with pytest.raises(MissingExtra, match=r"pip install 'claimgraph\[postgres\]'"):
        open_store("postgresql://127.0.0.1/test")


def test_dask_without_the_dask_extra(monkeypatch):
    from claimgraph import Document, Settings
    from claimgraph.corpus import analyze_parallel

    _without(monkeypatch, "distributed")
    with pytest.raises(MissingExtra, match=r"\[dask\]"):
        list(analyze_parallel([Document("a", "The mayor said so.")], Settings(), dask="local:1"))


def test_serve_without_the_web_extra_says_so_in_one_line(monkeypatch, tmp_path, capsys):
    from claimgraph.cli import main

    _without(monkeypatch, "fastapi")
    monkeypatch.setattr(sys, "argv", ["claimgraph", "serve", "--db", str(tmp_path / "s.db")])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "claimgraph: the web server needs the 'web' extra: pip install 'claimgraph[web]'"]
    with pytest.raises(MissingExtra, match=r"the web server needs the 'web' extra"):
        importlib.import_module("claimgraph.web")


def test_parquet_export_without_the_parquet_extra(monkeypatch, tmp_path):
    from claimgraph.export import export_store
    from claimgraph.store import open_store

    _without(monkeypatch, "pyarrow", "pyarrow.parquet")
    store = open_store(str(tmp_path / "s.db"))
    try:
        with pytest.raises(MissingExtra, match=r"\[parquet\]"):
            export_store(store, "parquet", tmp_path / "out")
    finally:
        store.close()
