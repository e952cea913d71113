"""Claims across articles: one story in four outlets joins one claim, with its origins, its denial and its drift."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.claims import origins, summary
from claimgraph.errors import SettingsError
from claimgraph.model import Analysis, Article, Attribution, Entity, Source, Span

STORY = Path(__file__).parent / "fixtures" / "claims" / "one-story-four-outlets.jsonl"
runner = CliRunner()


def _json(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _story_store(tmp_path, db: str | None = None) -> str:
    db = db or str(tmp_path / "story.db")
    result = runner.invoke(app, ["ingest", str(STORY), "--db", db])
    assert result.exit_code == 0, result.output
    assert "ingested 4 new" in result.output and "not linked" not in result.output
    return db


def _the_troops_claim(db: str) -> dict:
    listed = _json(["claims", "--db", db, "--json"])
    troops = [c for c in listed if "troops" in c["text"].lower()]
    assert len(troops) == 1, listed  # one cluster, not one per outlet
    return _json(["claim", str(troops[0]["id"]), "--db", db, "--json"])


def test_one_story_in_four_outlets_is_one_claim_with_two_origins_a_denial_and_drift(tmp_path, db_url):
    claim = _the_troops_claim(_story_store(tmp_path, db_url))  # on SQLite and on PostgreSQL
    outlets = {s["outlet"] for s in claim["statements"]}
    assert outlets == {"Harbour Gazette", "Valley Courier", "Northern Ledger", "Eastern Herald"}
    assert claim["first_seen"]["outlet"] == "Harbour Gazette" and claim["first_seen"]["published"] == "2024-10-18"
    # the wire copy and the rewrite credit the Associated Press: one origin; the Kremlin's denial is another
    assert len(claim["origins"]) == 2, claim["origins"]
    wire = next(o for o in claim["origins"] if o["credit"] == "Associated Press")
    assert set(wire["outlets"]) == {"Harbour Gazette", "Valley Courier", "Northern Ledger"}
    denials = [s for s in claim["statements"] if s["stance"] == "denies"]
    assert denials and all(s["outlet"] == "Eastern Herald" for s in denials)
    assert any("Peskov" in (s["speaker"] or "") for s in denials)
    assert any("Peskov" in (w["speaker"] or "") for w in claim["deniers"])
    assert not any(s["stance"] == "denies" for s in claim["statements"] if s["outlet"] != "Eastern Herald")
    # the stance is the speaker's: South Korea's intelligence service asserts it, so it supports the claim
    assert any("Intelligence" in (w["speaker"] or "") for w in claim["supporters"]), claim["supporters"]
    # the number drifted: 10,000 first, then "up to 12,000"
    assert claim["drift"] is True
    troops = [q for q in claim["quantities"] if (q["counts"] or "").startswith("troop")]
    assert [(q["value"], q["qualifier"]) for q in troops][:2] == [(10000, "exact"), (12000, "up_to")]
    assert troops[0]["first_seen"] < troops[1]["first_seen"]


def test_incremental_linking_and_rebuild_give_the_same_claims(tmp_path):
    db = _story_store(tmp_path)
    before = _the_troops_claim(db)
    result = runner.invoke(app, ["link", "--rebuild", "--db", db])
    assert result.exit_code == 0, result.output
    assert "joined" in result.output and "claims in the store" in result.output
    after = _the_troops_claim(db)
    key = lambda c: sorted((s["article_id"], s["text"], s["stance"]) for s in c["statements"])  # noqa: E731
    assert key(before) == key(after) and after["drift"] == before["drift"]
    assert len(after["origins"]) == len(before["origins"])


def test_claims_filters_and_bad_dates(tmp_path):
    db = _story_store(tmp_path)
    assert _json(["claims", "--db", db, "--json", "--search", "troops Russia"])
    assert _json(["claims", "--db", db, "--json", "--search", "bananas"]) == []
    assert _json(["claims", "--db", db, "--json", "--speaker", "Peskov"])
    assert _json(["claims", "--db", db, "--json", "--since", "2024-10-22"]) == []
    result = runner.invoke(app, ["claims", "--db", db, "--since", "last week"])
    assert isinstance(result.exception, SettingsError) and "since must be a date" in str(result.exception)
    result = runner.invoke(app, ["claim", "99999", "--db", db])
    assert result.exit_code == 1 and "there is no claim 99999" in result.output


def test_near_duplicates_by_minhash():
    text = STORY.read_text(encoding="utf-8").splitlines()
    wire, copy, rewrite = (json.loads(line)["text"] for line in text[:3])
    a, b, c = origins.minhash(wire), origins.minhash(copy), origins.minhash(rewrite)
    assert origins.overlap(a, b) >= origins.NEAR_DUPLICATE  # a wire copy with a few words changed
    assert origins.overlap(a, c) < 0.2  # the same story told in other words is not a copy
    assert set(origins.bands(a)) & set(origins.bands(b))


def _analysis(text: str, entities=(), attributions=()) -> Analysis:
    return Analysis(Article("x"), text, entities=tuple(entities), attributions=tuple(attributions))


def test_credits_name_agencies_and_media_sources_once_each():
    text = ("WASHINGTON (AP) — The senator said the bill would pass. She told Reuters that the vote was close, "
            "according to the Associated Press. The Daily Planet reported that 40 senators would vote against it.")
    planet = text.index("The Daily Planet")
    reported = Attribution("a1", "indirect", Source(planet, planet + 16, "The Daily Planet", "The Daily Planet"),
                           Span(planet + 17, planet + 25, "reported"), Span(planet + 31, len(text) - 1, "40 …"))
    found = origins.credits(_analysis(text, [Entity("e1", "The Daily Planet", "media")], [reported]))
    assert found == ["Associated Press", "Reuters", "The Daily Planet"]
    assert origins.credits(_analysis("The mayor said the bridge would reopen in May.")) == []


def _row(n, article, copy_of=None, credits=(), person=None, published="2024-01-01"):
    return summary.Row(n, article, None, 0, 10, "text", None, "supports", None, person, f"outlet {article}",
                       published, None, None, copy_of, list(credits))


def test_origins_join_copies_shared_credits_and_one_speaker():
    rows = [_row(1, 1), _row(2, 2, copy_of=1), _row(3, 3, credits=["Reuters"]), _row(4, 4, credits=["Reuters"]),
            _row(5, 5, person=7), _row(6, 6, person=7), _row(7, 7)]
    found = summary.origins(rows)
    assert sorted(sorted(o["articles"]) for o in found) == [[1, 2], [3, 4], [5, 6], [7]]
    assert next(o for o in found if 3 in o["articles"])["credit"] == "Reuters"


def test_rounding_is_not_drift():
    assert summary.rounded(10_000) == summary.rounded(10_200) != summary.rounded(12_000)
    assert summary.rounded(0.0) == 0.0 and summary.rounded(-1234) == -1200


def test_api_export_and_article_link(tmp_path):
    from fastapi.testclient import TestClient

    from claimgraph import Settings
    from claimgraph.web import create_app

    db = _story_store(tmp_path)
    client = TestClient(create_app(Settings(db=f"sqlite:///{db}")))
    items = client.get("/api/claims", params={"q": "troops"}).json()["items"]
    assert len(items) == 1 and items[0]["outlets"] == 4
    claim = client.get(f"/api/claims/{items[0]['id']}").json()
    assert claim["drift"] is True and len(claim["origins"]) == 2
    assert client.get("/api/claims/999999").status_code == 404
    assert client.get("/api/claims", params={"since": "yesterday"}).status_code == 422
    denial = next(s for s in claim["statements"] if s["stance"] == "denies")
    page = client.get(f"/articles/{denial['article_id']}").text
    assert f'href="/claims/{claim["id"]}"' in page
    result = runner.invoke(app, ["export", "--format", "claims", "--out", str(tmp_path / "out"), "--db", db])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(c["id"] == claim["id"] and len(c["statements"]) == len(claim["statements"]) for c in lines)
    every = _json(["claims", "--db", db, "--json", "--min-articles", "1", "--limit", "1000"])
    assert sum(len(c["statements"]) for c in lines) == sum(c["statements"] for c in every)


def test_a_new_version_of_an_article_replaces_its_statements_in_claims(tmp_path):
    db = _story_store(tmp_path)
    lines = STORY.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[3])  # the Kremlin's denial, corrected: the denial is gone
    changed["text"] = ("Moscow and Pyongyang signed a mutual defence pact in June. The Russian foreign ministry did "
                       "not answer questions about the troops on Monday.")
    (tmp_path / "v2.jsonl").write_text(json.dumps(changed) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "v2.jsonl"), "--db", db])
    assert result.exit_code == 0 and "1 new versions" in result.output, result.output
    claim = _the_troops_claim(db)
    assert "Eastern Herald" not in {s["outlet"] for s in claim["statements"]}
    assert claim["deniers"] == [] and len(claim["origins"]) == 1
    result = runner.invoke(app, ["link", "--rebuild", "--db", db])  # a rebuild links the latest version only
    assert result.exit_code == 0, result.output
    assert "Eastern Herald" not in {s["outlet"] for s in _the_troops_claim(db)["statements"]}


def test_deleting_an_article_recounts_its_claims(tmp_path):
    from claimgraph.claims.link import delete_article
    from claimgraph.store import open_store

    db = _story_store(tmp_path)
    claim = _the_troops_claim(db)
    denial = next(s["article_id"] for s in claim["statements"] if s["stance"] == "denies")
    store = open_store(db)
    before = store.counts()["claims"]
    assert delete_article(store, denial) and not delete_article(store, denial)
    store.close()
    after = _the_troops_claim(db)
    assert after["deniers"] == [] and after["outlets"] == 3 and len(after["origins"]) == 1
    listed = next(c for c in _json(["claims", "--db", db, "--json"]) if c["id"] == claim["id"])
    assert (listed["outlets"], listed["origins"], listed["deniers"]) == (3, 1, 0)
    assert open_store(db).counts()["claims"] < before  # the claims only the denial reported are gone
