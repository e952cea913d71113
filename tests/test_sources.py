"""Feeds, WARC archives, URL lists and JSONL into the store; SIGKILL in the middle of an ingest loses nothing."""

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from claimgraph import Settings
from claimgraph.ingest.fetch import Fetcher
from claimgraph.corpus.ingest import ingest_inputs as ingest
from claimgraph.store import open_store
from conftest import FIXTURES, ROOT
from processes import children, descendants, is_python, running

ARTICLE = (FIXTURES / "article.html").read_bytes()
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Riverside Courier</title>
<item><title>Bus lanes approved</title><link>https://courier.example.org/bus-lanes</link>
<pubDate>Tue, 11 Feb 2025 18:30:00 GMT</pubDate></item>
<item><title>Gone</title><link>https://dead.example.net/story</link></item>
</channel></rss>"""


def mock_fetcher():
    def handler(request):
        if request.url.host == "dead.example.net":
            raise httpx.ConnectError("no route to host", request=request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})

    return Fetcher(Settings(host_interval=0.0, fetch_retries=1), transport=httpx.MockTransport(handler),
                   sleep=lambda s: None, resolver=lambda host, port: ["151.101.1.1"])


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield s
    s.close()


def test_feed_items_are_fetched_and_a_dead_link_is_recorded(store, tmp_path):
    feed = tmp_path / "courier.xml"
    feed.write_text(FEED, encoding="utf-8")
    summary = ingest([str(feed)], store, Settings(), mock_fetcher())
    assert (summary.added, summary.failed) == (1, 1)
    with store.engine.connect() as conn:
        url, outlet, published = conn.exec_driver_sql("SELECT url, outlet, published FROM articles").one()
    assert url == "https://courier.example.org/bus-lanes" and published == "2025-02-11"
    assert outlet in {"Riverside Courier", "The Riverside Courier"}
    (failure,) = store.failures()
    assert failure.locator == "https://dead.example.net/story" and "ConnectError" in failure.reason


def test_url_list(store, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("https://courier.example.org/a\nhttps://courier.example.org/a?utm_source=rss\n"
                    "https://courier.example.org/b\n", encoding="utf-8")
    summary = ingest([str(urls)], store, Settings(), mock_fetcher())
    # the same article under a tracking parameter is stored once; another URL is another article
    assert (summary.added, summary.duplicates) == (2, 1)


def _warc(records, ends: list[int] | None = None):
    """A gzipped WARC of response records; ``ends`` receives the byte offset where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
        if ends is not None:
            ends.append(buf.tell())
    return buf.getvalue()


def test_warc_records_and_a_truncated_archive(store, tmp_path):
    second = ARTICLE.replace(b"7 to 4", b"8 to 3")
    data = _warc([("https://courier.example.org/one", ARTICLE), ("https://courier.example.org/two", second)])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    summary = ingest([str(tmp_path / "crawl.warc.gz")], store, Settings())
    assert summary.added == 2
    with store.engine.connect() as conn:
        urls = sorted(r[0] for r in conn.exec_driver_sql("SELECT url FROM articles"))
    assert urls == ["https://courier.example.org/one", "https://courier.example.org/two"]
    third = _warc([("https://courier.example.org/three", ARTICLE.replace(b"7 to 4", b"6 to 5")),
                   ("https://courier.example.org/four", second)])
    (tmp_path / "cut.warc.gz").write_bytes(third[: len(third) - 200])
    summary = ingest([str(tmp_path / "cut.warc.gz")], store, Settings())
    assert (summary.added, summary.failed) == (1, 2)  # the intact first record is kept; the cut one and the cut
    record, archive = sorted(store.failures(), key=lambda f: "@" not in f.locator)  # archive are both recorded
    assert "cut.warc.gz@" in record.locator and "truncated WARC record" in record.reason
    assert archive.locator.endswith("cut.warc.gz") and "truncated WARC" in archive.reason


def test_a_warc_cut_anywhere_never_loses_a_record_silently(tmp_path):
    """Cut a three-record archive at every 9th byte and at each record's end: every record before the cut is read
    whole, and a cut inside a record is reported. (A cut exactly between records leaves a valid, shorter archive:
    nothing in the file can say that more followed.)"""
    from claimgraph.errors import InputError
    from claimgraph.ingest.sources import plan, read_origin
    from claimgraph.model import Failure

    ends: list[int] = []
    data = _warc([(f"https://courier.example.org/{n}", ARTICLE.replace(b"7 to 4", f"{n} to 1".encode()))
                  for n in range(3)], ends)
    for cut in sorted(set(range(40, len(data), 9)) | set(ends[:-1])):
        path = tmp_path / f"cut{cut}.warc.gz"
        path.write_bytes(data[:cut])
        read, failed = 0, 0
        for item in plan([str(path)], None):
            if isinstance(item, Failure):
                failed += 1
                continue
            try:
                read_origin(item, None)
                read += 1
            except InputError:
                failed += 1
        whole = sum(end <= cut for end in ends)
        assert read >= whole, f"cut at byte {cut} of {len(data)}: {read} of {whole} whole records read"
        if cut not in ends:
            assert failed >= 1, f"cut at byte {cut} of {len(data)}, inside a record: nothing reported"


def test_sigkill_during_ingest_loses_and_duplicates_nothing(tmp_path, polnear_dev):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((polnear_dev / "text").glob("*.txt"))[:30]:
        (corpus / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import sqlite3

    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=0.05) as conn:  # never wait on the writer: keep polling
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 3 <= stored < 30
    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, (rerun.stdout, rerun.stderr)
    assert "skipped" in rerun.stdout, rerun.stdout
    with sqlite3.connect(db) as conn:
        total, distinct = conn.execute("SELECT count(*), count(DISTINCT identity) FROM articles").fetchone()
        orphans = conn.execute("SELECT count(*) FROM attributions WHERE article_id NOT IN "
                               "(SELECT id FROM articles)").fetchone()[0]
    assert (total, distinct, orphans) == (30, 30, 0), rerun.stdout


def test_two_workers_store_the_same_as_one(tmp_path, polnear_dev):
    texts = sorted((polnear_dev / "text").glob("*.txt"))[:6]
    results = []
    for workers in (1, 2):
        s = open_store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        summary = ingest([str(p) for p in texts], s, Settings(workers=workers))
        assert summary.added == 6
        with s.engine.connect() as conn:
            results.append(conn.exec_driver_sql(
                "SELECT a.content_hash, t.idx, t.speaker, t.cue_text, t.content_text FROM attributions t "
                "JOIN articles a ON a.id = t.article_id ORDER BY a.content_hash, t.idx").all())
        s.close()
    assert results[0] == results[1] and len(results[0]) > 20


class _KillsItsWorker(str):
    """Text that ends the process reading it: a native crash or an out-of-memory kill, as a worker sees it."""

    def __reduce__(self):
        return (os._exit, (1,))


def test_a_document_that_kills_its_worker_fails_alone():
    from claimgraph import Document
    from claimgraph.corpus import analyze_parallel

    docs = [Document(f"doc{n}", f"The mayor said that bridge {n} would reopen.") for n in range(5)]
    docs.insert(2, Document("killer", _KillsItsWorker("The saboteur said that the worker would crash.")))
    results = list(analyze_parallel(docs, Settings(batch_size=4), workers=2, chunk_size=2))
    assert [getattr(r, "locator", None) for r in results] == [None, None, "killer", None, None, None]
    assert "died" in results[2].reason
    assert all(r.attributions for i, r in enumerate(results) if i != 2)


def test_jsonl_fields_of_the_wrong_kind_fail_at_reading_with_one_line(store, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(item) for item in [
        {"text": "The council said that talks would resume.", "url": 123},
        {"text": "The council said that talks would resume.", "outlet": {}},
        {"text": "The council said that talks would resume.", "published": "2024-13-45"},
        {"text": "The union said that the strike would go on.", "outlet": "Courier"}]) + "\n", encoding="utf-8")
    summary = ingest([str(dump)], store, Settings(attribution="rules"))
    assert (summary.added, summary.failed) == (1, 3)
    reasons = {f.locator.rsplit(":", 1)[-1]: f.reason for f in store.failures()}
    assert reasons == {"1": "'url' must be a string, not int", "2": "'outlet' must be a string, not dict",
                       "3": "'published' '2024-13-45' is not a date"}


def test_a_url_list_with_a_file_url_is_not_an_article(store, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("file:///etc/passwd\nftp://files.example.org/story\n", encoding="utf-8")
    summary = ingest([str(listing)], store, Settings(attribution="rules"), fetcher=None)
    assert (summary.added, summary.failed) == (0, 2)
    assert all("only http and https" in f.reason for f in store.failures())


def test_workers_die_with_a_killed_ingest(tmp_path, polnear_dev):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((polnear_dev / "text").glob("*.txt"))[:20]:
        (corpus / path.name).write_bytes(path.read_bytes())
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(corpus), "--db", str(tmp_path / "w.db"),
           "--workers", "2", "--rules-only"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    workers = []
    started = []
    while time.time() < deadline and proc.poll() is None and len(started) < 2:
        time.sleep(0.2)
        started = [g for c in children(proc.pid) for g in children(c) if is_python(g)]  # forkserver's children
        workers = [c for c in descendants(proc.pid) if is_python(c)]
    assert len(started) >= 2, "the pool never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 20
    while time.time() < deadline and any(running(w) for w in workers):
        time.sleep(0.2)
    alive = [w for w in workers if running(w)]
    assert alive == [], f"workers {alive} outlived their ingest"


def test_markup_that_breaks_the_feed_parser_fails_that_feed_alone(tmp_path):
    """Found by bench/fuzz.py: feedparser's loose parser raises on this; the other inputs are still planned."""
    from claimgraph.ingest.sources import plan
    from claimgraph.model import Failure, Origin

    (tmp_path / "broken.xml").write_bytes(b"<channel<entry<link</item</link>")
    items = list(plan([str(tmp_path / "broken.xml"), "https://news.example.org/story"], None))
    assert isinstance(items[0], Failure) and "not a readable RSS/Atom feed" in items[0].reason
    assert isinstance(items[1], Origin)
