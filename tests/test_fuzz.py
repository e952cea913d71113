"""Generated input against the readers and the HTTP API: every input is read, refused with an InputError naming
it, or recorded as a failure — never another exception, a hang or a 500.

Each property runs CLAIMGRAPH_FUZZ_EXAMPLES examples (150 by default; `python bench/fuzz.py` runs the full share).
"""

from __future__ import annotations

import io
import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from claimgraph.errors import InputError
from claimgraph.ingest.extract import extract
from claimgraph.ingest.sources import plan, read_origin
from claimgraph.model import Document, Failure, Origin

EXAMPLES = int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                database=None)

HTML_BITS = st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "<script>", "<!--", "-->", "<meta charset=x>",
                             "&amp;", "&#0;", "<![CDATA[", "\x00", "\ufeff", "“", "said", " ", "\n", "The mayor said"])
TEXTISH = st.one_of(st.binary(max_size=600), st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
                    st.lists(HTML_BITS, max_size=60).map(lambda xs: "".join(xs).encode("utf-8")),
                    st.text(max_size=200).map(lambda t: t.encode("utf-16")))


@FUZZ
@given(TEXTISH)
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    try:
        extracted = extract(data, "fuzz.bin")
    except InputError as exc:
        assert exc.document == "fuzz.bin" and exc.reason and "\n" not in exc.reason
    else:
        assert extracted.text.strip()


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=3), max_leaves=8)
JSONL_LINES = st.one_of(
    st.binary(max_size=300).filter(lambda b: b"\n" not in b and b.strip()),
    st.fixed_dictionaries({}, optional={k: JSON_VALUES for k in ("text", "html", "url", "published", "title",
                                                                   "outlet")}).map(lambda d: json.dumps(d).encode()))


@FUZZ
@given(JSONL_LINES)
def test_any_jsonl_line_is_a_document_or_a_one_line_refusal(tmp_path_factory, line):
    path = tmp_path_factory.mktemp("jsonl") / "dump.jsonl"
    path.write_bytes(line + b"\n")
    for item in plan([str(path)], None):
        if isinstance(item, Failure):
            continue
        try:
            document = read_origin(item, None)
        except InputError as exc:
            assert exc.reason and "\n" not in exc.reason
        else:
            assert isinstance(document, Document) and all(
                v is None or isinstance(v, str) for v in (document.url, document.title, document.outlet))


def _warc(n: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(n):
        body = f"<html><body><p>The mayor said that bridge {i} would reopen in May.</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


VALID_WARC = _warc(3)
ARCHIVES = st.one_of(
    st.binary(max_size=400),
    st.tuples(st.integers(0, len(VALID_WARC)), st.integers(0, len(VALID_WARC) - 1), st.integers(0, 255)).map(
        lambda t: (VALID_WARC[:t[0]] + bytes([t[2]]) + VALID_WARC[t[0] + 1:])[:max(t[1], 1)]))
FEEDS = st.one_of(st.binary(max_size=400), st.lists(st.sampled_from(
    ["<rss>", "<channel>", "<item>", "<link>", "http://", "file:///etc/passwd", "</link>", "</item>", "<!ENTITY",
     "<title>", "x", "]]>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>"]), max_size=40).map(
    lambda xs: "".join(xs).encode()))


@FUZZ
@given(ARCHIVES, FEEDS)
def test_any_archive_or_feed_is_planned_and_read_without_a_crash(tmp_path_factory, archive, feed):
    folder = tmp_path_factory.mktemp("files")
    (folder / "crawl.warc.gz").write_bytes(archive)
    (folder / "news.xml").write_bytes(feed)
    for item in plan([str(folder / "crawl.warc.gz"), str(folder / "news.xml")], None):
        assert isinstance(item, (Origin, Failure))
        if isinstance(item, Origin) and item.format == "warc":
            try:
                read_origin(item, None)
            except InputError as exc:
                assert exc.reason


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from claimgraph import Settings
    from claimgraph.web import create_app

    db = tmp_path_factory.mktemp("fuzzweb") / "s.db"
    return TestClient(create_app(Settings(db=f"sqlite:///{db}", attribution="rules", api_token="t")),
                      raise_server_exceptions=False)


QUERY = st.text(max_size=80)


@FUZZ
@given(st.fixed_dictionaries({}, optional={"text": st.text(max_size=300), "html": st.text(max_size=300),
                                           "published": st.text(max_size=12), "url": st.text(max_size=30),
                                           "store": st.booleans()}),
       st.sampled_from(["/api/search", "/search", "/api/attributions", "/api/people", "/api/speakers"]),
       st.dictionaries(st.sampled_from(["q", "since", "until", "speaker", "outlet", "kind", "voice", "page",
                                        "limit", "search"]), QUERY, max_size=4),
       st.sampled_from(["/api/articles/", "/articles/", "/api/people/", "/people/", "/speakers/", "/outlets/"]),
       st.one_of(QUERY, st.integers(-2**70, 2**70).map(str)))
def test_the_api_never_answers_500(client, body, path, params, item_path, item):
    r = client.post("/api/analyse", json=body)
    assert r.status_code < 500, (body, r.status_code, r.text[:200])
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.status_code)
    r = client.get(item_path + quote(item, safe=""))
    assert r.status_code < 500, (item_path, item, r.status_code)
