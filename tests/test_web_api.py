"""The JSON API and the pages over HTTP (in process): pagination, writes behind a token, limits, escaping."""

import pytest
from fastapi.testclient import TestClient

from claimgraph import Settings
from claimgraph.web import create_app
from claimgraph.errors import UnsafeBinding
from claimgraph.web.access import check_binding
from web_fixtures import build_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture
def client(db):
    return TestClient(create_app(Settings(db=db, api_token="s3cret", max_body_bytes=100_000)))


def test_articles_are_paginated_and_carry_ids(client):
    first = client.get("/api/articles", params={"per_page": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2
    second = client.get("/api/articles", params={"per_page": 2, "page": 2}).json()
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(set(ids)) == 3
    doc = client.get(f"/api/articles/{ids[0]}").json()
    assert doc["schema"] == "claimgraph.analysis/1" and doc["id"] == ids[0]
    assert client.get(f"/articles/{ids[0]}").status_code == 200
    assert client.get("/api/articles/999999").status_code == 404


def test_search_speakers_entities_quantities(client):
    hits = client.get("/api/search", params={"q": "strike", "speaker": "Kearney"}).json()["statements"]
    assert hits and {h["speaker"] for h in hits} == {"Tomas Kearney"}
    names = [s["speaker"] for s in client.get("/api/speakers").json()["items"]]
    assert "Aurelia Brandt" in names
    entity = client.get("/api/entities", params={"name": "Aurelia Brandt"}).json()
    assert entity["roles"][0]["role"] == "Transport Minister" and len(entity["statements"]) >= 3
    nouns = {n["counts"] for n in client.get("/api/quantities").json()["items"]}
    assert "containers" in nouns
    figures = client.get("/api/quantities", params={"counts": "jobs"}).json()["items"]
    assert figures[0]["value"] == 2300 and figures[0]["speaker"] == "Tomas Kearney"
    opinion = client.get("/api/search", params={"voice": "opinion"}).json()["sentences"]
    assert all(s["voice"] == "opinion" for s in opinion)


def test_people_across_the_store(client):
    (kearney,) = client.get("/api/people", params={"search": "Kearney"}).json()["items"]
    assert kearney["name"] == "Tomas Kearney" and kearney["type"] == "person"
    shown = client.get(f"/api/people/{kearney['id']}").json()
    assert len(shown["statements"]) >= 3 and {s["outlet"] for s in shown["statements"]} == {"Harbour Gazette"}
    page = client.get(f"/people/{kearney['id']}")
    assert page.status_code == 200 and "Tomas Kearney" in page.text and "Harbour Gazette" in page.text
    moved = client.get("/speakers/Tomas%20Kearney", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/people/{kearney['id']}"
    assert client.get("/people/999999").status_code == 404
    assert client.get("/api/people/99999999999999999999").status_code == 422


def test_writes_need_the_token(client):
    body = {"text": "The coach said that the team would play on Sunday.", "published": "2025-03-01"}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    made = client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert made.status_code == 201
    article_id = made.json()["id"]
    assert client.delete(f"/api/articles/{article_id}").status_code == 401
    assert client.get("/api/search", params={"q": "coach"}).json()["statements"]
    assert client.delete(f"/api/articles/{article_id}", headers={"Authorization": "Bearer s3cret"}).json() == \
        {"deleted": article_id}
    assert client.get("/api/search", params={"q": "coach"}).json()["statements"] == []
    assert client.get(f"/api/articles/{article_id}").status_code == 404
    analysed = client.post("/api/analyse", json=body).json()
    assert analysed["attributions"][0]["cue"]["text"] == "said" and "stored" not in analysed
    assert client.post("/api/analyse", json={**body, "store": True}).status_code == 401


def test_without_a_token_the_server_is_read_only(db):
    client = TestClient(create_app(Settings(db=db)))
    r = client.post("/api/articles", json={"text": "The coach said that the team would play."})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    with pytest.raises(UnsafeBinding):
        check_binding("0.0.0.0", Settings(), open_writes=True)
    check_binding("127.0.0.1", Settings(), open_writes=True)
    check_binding("0.0.0.0", Settings(api_token="t"), open_writes=True)


def test_body_size_limit(client):
    r = client.post("/api/analyse", json={"text": "word " * 50_000})
    assert r.status_code == 413


def test_pages_escape_article_text_and_send_a_csp(client):
    ids = {a["title"]: a["id"] for a in client.get("/api/articles").json()["items"]}
    evil = next(i for t, i in ids.items() if t.startswith("Harbour row"))
    r = client.get(f"/articles/{evil}")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "<script>window" not in r.text and "&lt;script&gt;window" in r.text
    assert "<img" not in r.text and "&lt;img" in r.text and "onerror=&#34;" in r.text
    assert 'href="javascript:' not in r.text


def test_chunked_bodies_over_the_limit_are_refused(client):
    def chunks():
        for _ in range(30):
            yield b'{"text": "' + b"x" * 5000 + b'"}'

    r = client.post("/api/analyse", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "content-security-policy" in r.headers


def test_cross_site_writes_are_refused(db):
    client = TestClient(create_app(Settings(db=db), open_writes=True), base_url="http://127.0.0.1:8000")
    form = {"text": "The coach said that the team would play.", "store": "1"}
    assert client.post("/analyse", data=form, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.post("/analyse", data=form, headers={"origin": "http://evil.example"}).status_code == 403
    assert client.post("/analyse", data=form, headers={"sec-fetch-site": "same-origin"}).status_code == 200
    rebound = TestClient(create_app(Settings(db=db), open_writes=True), base_url="http://rebind.evil.example")
    assert rebound.delete("/api/articles/1").status_code == 400  # Host header not this machine


def test_names_with_slashes_link_to_their_pages(client):
    body = {"text": "The bridge reopened, the council said on Friday.", "outlet": "Left/Right Review",
            "url": "https://leftright.example.org/bridge"}
    made = client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert made.status_code == 201
    page = client.get("/").text
    assert "/outlets/Left%2FRight%20Review" in page and "/outlets/Harbour%20Gazette" in page
    outlet = client.get("/outlets/Left%2FRight%20Review")
    assert outlet.status_code == 200 and "Left/Right Review" in outlet.text
    client.delete(f"/api/articles/{made.json()['id']}", headers={"Authorization": "Bearer s3cret"})
    assert client.get("/?page=1000000000000000000").status_code == 422


def test_long_searches_and_huge_ids_are_answered_without_a_500(client):
    words = " ".join(f"word{n}" for n in range(1200))
    for path in ("/api/search", "/search", "/api/attributions"):
        r = client.get(path, params={"q": words})
        assert r.status_code == 422 and "at most 50 words" in r.text, (path, r.status_code)
        assert r.headers["x-content-type-options"] == "nosniff"
    for path in ("/api/articles/9223372036854775808", "/articles/99999999999999999999999",
                 "/api/people/9223372036854775807", "/people/-1"):
        r = client.get(path)
        assert r.status_code == 422, (path, r.status_code)


def test_an_unforeseen_error_is_a_500_with_the_security_headers(db, monkeypatch):
    from claimgraph.store import queries

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "outlets", broken)
    client = TestClient(create_app(Settings(db=db)), raise_server_exceptions=False)
    r = client.get("/")
    assert r.status_code == 500 and r.json() == {"detail": "internal error"}
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_small_things_a_hostile_user_tries(client):
    assert client.head("/").status_code == 200 and client.head("/").content == b""
    assert client.head("/articles/1").status_code == 200
    missing = client.get("/articles/99999")
    assert missing.status_code == 404 and "<title>Not Found" in missing.text
    bad = client.get("/search", params={"q": "strike", "since": "last week"})
    assert bad.status_code == 422 and "since must be a date" in bad.text and "<title>Unprocessable" in bad.text
    assert client.get("/api/search", params={"q": "strike", "until": "2025-02-30"}).status_code == 422
    nul = client.post("/api/analyse", json={"html": "<p>The mayor said\x00 that it would reopen.</p>"})
    assert nul.status_code == 422 and "NUL" in nul.text


def test_the_analyse_form_checks_the_token_before_analysing(client, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("analysed before the token was checked")

    monkeypatch.setattr(client.app.state.analysis, "analyse", never)
    r = client.post("/analyse", data={"text": "The mayor said that the bridge would reopen.", "store": "1",
                                      "token": "wrong"})
    assert r.status_code == 401


def test_the_api_lists_claims_unless_all_types_are_asked_for(tmp_path):
    client = TestClient(create_app(Settings(db=f"sqlite:///{tmp_path / 'types.db'}", api_token="t")))
    text = ("The harbour master said on Monday that the port would reopen within two weeks. Local fishermen believe "
            "that the closure was never necessary, and the union wants to recover its losses.")
    r = client.post("/api/articles", json={"text": text}, headers={"Authorization": "Bearer t"})
    assert r.status_code == 201
    claims = client.get("/api/attributions").json()["items"]
    everything = client.get("/api/attributions", params={"all_types": "true"}).json()["items"]
    assert [a["cue_text"] for a in claims] == ["said"]
    assert {a["type"] for a in everything} >= {"claim", "belief", "intention"}
    assert client.get("/api/search", params={"q": "closure"}).json()["statements"] == []
    found = client.get("/api/search", params={"q": "closure", "all_types": "true"}).json()["statements"]
    assert [a["type"] for a in found] == ["belief"]
