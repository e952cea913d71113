"""The store and ingest on both backends: idempotence, versions, failures, search, speakers, export."""

import csv
import json

import pytest

from claimgraph import Settings
from claimgraph.corpus.ingest import ingest_inputs as ingest
from claimgraph.export import export_store as export
from claimgraph.store.queries import search, speakers
from claimgraph.store import open_store
from claimgraph.store.migrations import MIGRATIONS, current_version
from conftest import FIXTURES, ROOT

SAMPLE = ROOT / "examples" / "sample-article.txt"


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


def _jsonl(path, items):
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_migrations_are_applied_once(db_url):
    first = open_store(db_url)
    with first.engine.connect() as conn:
        assert current_version(conn) == max(v for v, _, _ in MIGRATIONS)
    assert first.migrate() == []
    first.close()
    again = open_store(db_url)
    assert again.migrate() == []
    again.close()


def test_ingest_is_idempotent(store, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "in" / "page.html").write_bytes((FIXTURES / "article.html").read_bytes())
    summary = ingest([str(tmp_path / "in")], store, Settings())
    assert (summary.added, summary.failed) == (2, 0)
    before = store.counts()
    assert before["articles"] == 2 and before["attributions"] > 10 and before["quantities"] > 5
    again = ingest([str(tmp_path / "in")], store, Settings())
    assert (again.added, again.versions, again.duplicates) == (0, 0, 2)
    assert store.counts() == before


def test_changed_article_at_same_url_is_a_new_version(store, tmp_path):
    url = "https://news.example.org/2025/03/port-strike?utm_source=feed"
    first = _jsonl(tmp_path / "a.jsonl", [{"url": url, "published": "2025-03-14", "outlet": "Example News",
                                            "text": SAMPLE.read_text(encoding="utf-8")}])
    ingest([str(first)], store, Settings())
    changed = SAMPLE.read_text(encoding="utf-8").replace("38,000", "41,000")
    second = _jsonl(tmp_path / "b.jsonl", [{"url": url.split("?")[0], "text": changed, "published": "2025-03-15"}])
    summary = ingest([str(second)], store, Settings())
    assert summary.versions == 1
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT identity, version FROM articles ORDER BY version").all()
    assert rows == [("https://news.example.org/2025/03/port-strike", 1),
                    ("https://news.example.org/2025/03/port-strike", 2)]
    # only the latest version is searched: every statement appears once, from version 2
    hits = search(store, "strike")
    assert hits and {h["published"] for h in hits} == {"2025-03-15"}
    assert len(hits) == len({h["content_text"] for h in hits})


def test_bad_documents_are_recorded_and_the_batch_goes_on(store, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "good.txt").write_text("The mayor said that the bridge would reopen in May.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02PK\x03\x04" * 1000)
    (folder / "huge.html").write_bytes(b"<html><body><p>" + b"word " * 4_300_000 + b"</p></body></html>")
    (folder / "latin1.txt").write_bytes("Le maire a déclaré que le pont rouvrirait en mai, selon la mairie."
                                        .encode("latin-1"))
    _jsonl(folder / "dump.jsonl", [{"text": "The union said that the strike would go on."}, {"title": "no body"}])
    (folder / "broken.jsonl").write_text('{"text": "unterminated\n', encoding="utf-8")
    summary = ingest([str(folder)], store, Settings())
    reasons = {f.locator.rsplit("/", 1)[-1]: f.reason for f in store.failures()}
    assert summary.added == 3  # good.txt, latin1.txt, dump.jsonl:1
    assert reasons["empty.txt"] == "empty input"
    assert "binary data" in reasons["binary.html"]
    assert "more than the limit" in reasons["huge.html"]
    assert "no 'text' or 'html'" in reasons["dump.jsonl:2"]
    assert "not valid JSON" in reasons["broken.jsonl:1"]
    assert summary.failed == len(reasons) == 5


def test_retry_failed_reruns_quarantined_documents(store, tmp_path):
    doc = tmp_path / "later.txt"
    doc.write_bytes(b"")
    ingest([str(doc)], store, Settings())
    assert [f.locator for f in store.failures()] == [str(doc)]
    doc.write_text("The council said that the library would open on Monday.", encoding="utf-8")
    summary = ingest([], store, Settings(), retry_failed=True)
    assert summary.added == 1 and store.failures() == []


def test_search_speakers_and_export(store, tmp_path):
    items = [{"url": f"https://example.org/{i}", "published": f"2025-03-1{i}", "outlet": outlet, "text": text}
             for i, (outlet, text) in enumerate([
                 ("Harbour Gazette", "Minister Aurelia Brandt said that the port strike would end soon."),
                 ("Harbour Gazette", "Aurelia Brandt warned that the strike was costing millions."),
                 ("Coastal Press", "Union leader Tomas Kearney said that the strike would continue.")])]
    ingest([str(_jsonl(tmp_path / "d.jsonl", items))], store, Settings())
    hits = search(store, "strike", speaker="Brandt")
    assert {h["speaker"] for h in hits} == {"Aurelia Brandt"} and len(hits) == 2
    assert [h["speaker"] for h in search(store, "strike", since="2025-03-12")] == ["Tomas Kearney"]
    assert search(store, "strike", outlet="coastal")[0]["outlet"] == "Coastal Press"
    ranked = speakers(store)
    assert ranked[0]["speaker"] == "Aurelia Brandt" and ranked[0]["statements"] == 2 and ranked[0]["articles"] == 2
    assert speakers(store, outlet="Coastal")[0]["speaker"] == "Tomas Kearney"
    (path,) = export(store, "csv", tmp_path / "csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 3 and {r["outlet"] for r in rows} == {"Harbour Gazette", "Coastal Press"}
    (path,) = export(store, "jsonl", tmp_path / "jsonl")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 3 and all(d["schema"] == "claimgraph.analysis/1" for d in docs)
    (path,) = export(store, "parquet", tmp_path / "pq")
    import pyarrow.parquet as pq

    assert pq.read_table(path).num_rows == 3
    written = export(store, "brat", tmp_path / "brat")
    assert len(written) == 3 and (tmp_path / "brat" / "annotation.conf").exists()


def _older_store(db_url, tmp_path, *undo: str):
    """A store with one article, turned back by the SQL in ``undo``, then opened again (migrating it)."""
    store = open_store(db_url)
    (tmp_path / "a.txt").write_text("The mayor said that the bridge would reopen in May.", encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], store, Settings())
    with store.engine.begin() as conn:
        for statement in undo:
            conn.exec_driver_sql(statement)
    store.close()
    reopened = open_store(db_url)
    with reopened.engine.connect() as conn:
        assert current_version(conn) == max(v for v, _, _ in MIGRATIONS)
    return reopened


def test_a_store_made_before_migration_3_gets_sentence_text(db_url, tmp_path):
    reopened = _older_store(db_url, tmp_path, "ALTER TABLE sentences DROP COLUMN text",
                            "DELETE FROM schema_migrations WHERE version = 3")
    with reopened.engine.connect() as conn:
        texts = [r[0] for r in conn.exec_driver_sql("SELECT text FROM sentences")]
    assert texts == ["The mayor said that the bridge would reopen in May."]
    reopened.close()


def test_a_store_made_before_migration_4_keeps_where_its_articles_came_from(db_url, tmp_path):
    from claimgraph.store.queries import get_article

    reopened = _older_store(db_url, tmp_path, "ALTER TABLE articles RENAME COLUMN origin TO source",
                            "DELETE FROM schema_migrations WHERE version = 4")  # version 3 called it "source"
    with reopened.engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("SELECT origin FROM articles")] == [str(tmp_path / "a.txt")]
    assert get_article(reopened, 1)["origin"] == str(tmp_path / "a.txt")
    reopened.close()


def test_a_store_written_by_0_1_is_migrated_and_its_people_linked(tmp_path):
    """tests/fixtures/store-v3.sqlite was written by claimgraph 0.1 (migrations 1-3) from the sample article."""
    import shutil

    from claimgraph.people.link import link_store
    from claimgraph.store.queries import people

    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-v3.sqlite", path)
    store = open_store(str(path))
    try:
        with store.engine.connect() as conn:
            assert current_version(conn) == max(v for v, _, _ in MIGRATIONS)
            (origin,) = conn.exec_driver_sql("SELECT origin FROM articles").scalars()
        assert origin.endswith("sample-article.txt")
        assert link_store(store)["articles"] == 1
        (brandt,) = people(store, "Brandt")
        assert brandt["name"] == "Aurelia Brandt" and search(store, speaker="Brandt")
        assert all(s["person_id"] == brandt["id"] for s in search(store, speaker="Brandt"))
    finally:
        store.close()


def test_failures_recorded_before_origins_existed_are_retried(store, tmp_path):
    """Stores written by 0.1 describe a failed line as {"unit": {"kind": "jsonl", …}}."""
    from claimgraph import Failure

    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"text": "The council said that talks would resume."}\n', encoding="utf-8")
    store.record_failure(Failure(f"{dump}:1", "was broken", meta={"unit": {
        "kind": "jsonl", "path": str(dump), "offset": 0, "url": None, "meta": {}}}))
    summary = ingest([], store, Settings(), retry_failed=True)
    assert summary.added == 1 and store.failures() == []


def test_an_older_text_coming_back_is_the_latest_version(store, tmp_path):
    url = "https://news.example.org/story"
    texts = ["The mayor said that the bridge would reopen in May.",
             "The mayor said that the bridge would reopen in June.",
             "The mayor said that the bridge would reopen in May."]
    statuses = []
    for n, text in enumerate(texts):
        path = _jsonl(tmp_path / f"{n}.jsonl", [{"url": url, "text": text}])
        summary = ingest([str(path)], store, Settings())
        statuses.append((summary.added, summary.versions, summary.duplicates))
    assert statuses == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]  # the third input's bytes were seen: skipped
    from claimgraph import analyze

    again = store.add(analyze(texts[0], url=url), "direct")
    assert (again.status, again.version) == ("version", 3)
    assert [h["content_text"] for h in search(store, "bridge")] == ["that the bridge would reopen in May"]


def test_one_document_that_cannot_be_stored_does_not_stop_the_batch(store, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"The mayor said that bridge {n} would reopen.", encoding="utf-8")
    original = store.add

    def flaky(analysis, source, *args):
        if source.endswith("1.txt"):
            raise RuntimeError("disk full")
        return original(analysis, source, *args)

    monkeypatch.setattr(store, "add", flaky)
    summary = ingest([str(folder)], store, Settings())
    assert (summary.added, summary.failed) == (2, 1)
    (failure,) = store.failures()
    assert failure.locator.endswith("1.txt") and "disk full" in failure.reason


def test_retry_failed_rereads_a_fixed_jsonl_line(store, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"text": "The union said that the strike would go on."}\n{"title": "no body"}\n',
                    encoding="utf-8")
    ingest([str(dump)], store, Settings())
    assert [f.locator for f in store.failures()] == [f"{dump}:2"]
    dump.write_text('{"text": "The union said that the strike would go on."}\n'
                    '{"text": "The council said that talks would resume."}\n', encoding="utf-8")
    summary = ingest([], store, Settings(), retry_failed=True)
    assert summary.added == 1 and store.failures() == []


def test_concurrent_sqlite_writers_wait_for_each_other(tmp_path):
    import threading

    from claimgraph import analyze

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    open_store(url).close()
    analyses = [analyze(f"The mayor said that bridge {n} would reopen.", url=f"https://example.org/{n}")
                for n in range(12)]
    errors = []

    def write(chunk):
        s = open_store(url)
        try:
            for a in chunk:
                s.add(a, a.article.url)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=write, args=(analyses[i::3],)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    s = open_store(url)
    assert errors == [] and s.counts()["articles"] == 12
    s.close()


def test_read_queries_have_a_time_limit(db_url):
    from claimgraph.errors import StoreError

    store = open_store(db_url, query_timeout_ms=100)
    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
            "SELECT count(*) FROM n")
    with pytest.raises(StoreError, match="took longer than 100 ms"):
        with store.read() as conn:
            conn.exec_driver_sql(slow).scalar()
    with store.read() as conn:  # the connection is usable afterwards
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1
    store.close()


def test_deleting_an_article_removes_everything_that_hangs_off_it(store, tmp_path):
    (tmp_path / "a.txt").write_text("The mayor said that the bridge would reopen in May.", encoding="utf-8")
    ingest([str(tmp_path / "a.txt")], store, Settings())
    assert search(store, "bridge")
    with store.engine.connect() as conn:
        article_id = conn.exec_driver_sql("SELECT id FROM articles").scalar_one()
    assert store.delete(article_id) and not store.delete(article_id)
    counts = store.counts()
    assert all(n == 0 for table, n in counts.items() if table != "failed_documents"), counts
    assert search(store, "bridge") == []


def test_search_shows_claims_unless_all_types_are_asked_for(store, tmp_path):
    text = ("Council weighs new bridge\n\nThe mayor said that the bridge would reopen in May after repairs. "
            "The governor wants to cut the bridge toll before the election.\n")
    ingest([str(_jsonl(tmp_path / "a.jsonl", [{"url": "https://news.example.org/bridge", "text": text}]))],
           store, Settings(attribution="rules"))
    claims = search(store, "bridge")
    assert [r["cue_text"] for r in claims] == ["said"] and claims[0]["type"] == "claim"
    every = {r["cue_text"]: r["type"] for r in search(store, "bridge", all_types=True)}
    assert every == {"said": "claim", "wants": "intention"}
