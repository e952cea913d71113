"""People and bodies across articles: one identity per person, kept apart where the names or the context disagree,
incremental, and corrected by hand across rebuilds. The articles are written for these tests."""

import json

import pytest

from claimgraph import Settings
from claimgraph.corpus.ingest import ingest_inputs
from claimgraph.people.link import link_store, merge_people, split_person
from claimgraph.people.linker import Linker, MemoryRegistry, Mentioned
from claimgraph.people.names import relation
from claimgraph.store import open_store
from claimgraph.store.queries import people, person, search

ARTICLES = {
    "a.jsonl": {"url": "https://news.example/a", "published": "2024-11-04", "outlet": "Daily Example",
                "text": "North Korean troops reach Russia's front line\n\nWhite House national security spokesman "
                        "John Kirby said on Monday that North Korean troops had moved to the Kursk region. "
                        "The deployment is a dangerous escalation, Kirby told reporters in Washington."},
    "b.jsonl": {"url": "https://news.example/b", "published": "2024-11-05", "outlet": "Evening Example",
                "text": "Washington warns Pyongyang over troops in Kursk\n\nKirby said that the North Korean "
                        "soldiers in the Kursk region would be legitimate targets for Ukraine."},
    "c.jsonl": {"url": "https://news.example/c", "published": "2024-11-06", "outlet": "Morning Example",
                "text": "More North Korean soldiers head to Kursk\n\nThe White House has followed the deployment "
                        "closely. John Kirby briefed reporters at the White House on Wednesday. He said that "
                        "more North Korean troops were heading to the Kursk region."},
    "d.jsonl": {"url": "https://news.example/d", "published": "2024-11-07", "outlet": "Farm Example",
                "text": "Farm bill clears committee\n\nState Senator Mary Kirby said that the farm bill would "
                        "pass the state senate before the harvest festival in Iowa."},
}


def _write(tmp_path, names):
    paths = []
    for name in names:
        path = tmp_path / name
        path.write_text(json.dumps(ARTICLES[name]) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _partition(store):
    """Entities grouped by identity, as (article URL, entity name) pairs: comparable across stores."""
    from claimgraph.store import schema as s
    from sqlalchemy import select

    with store.scan() as conn:
        rows = conn.execute(select(s.articles.c.url, s.entities.c.name, s.entities.c.person_id)
                            .join(s.articles, s.articles.c.id == s.entities.c.article_id)
                            .where(s.entities.c.person_id.is_not(None))).all()
    groups = {}
    for url, name, pid in rows:
        groups.setdefault(pid, set()).add((url, name))
    return {frozenset(g) for g in groups.values()}


@pytest.fixture
def rules():
    return Settings(attribution="rules")


def test_name_relations():
    assert relation("Kirby", "John Kirby") == "short"
    assert relation("J. Kirby", "John Kirby") == "initial"
    assert relation("Mr. Kirby's", "John Kirby") == "short"
    assert relation("John Kirby", "Mary Kirby") == "conflict"
    assert relation("Bernie Sanders", "Sarah Huckabee Sanders") == "conflict"
    assert relation("NSC", "National Security Council", person=False) == "acronym"
    assert relation("Jackman", "Kirby") == "none"
    assert relation("Donald J. Trump", "Donald Trump") == "same"


def test_full_name_surname_and_pronoun_are_one_person_and_a_namesake_is_not(tmp_path, rules):
    store = open_store(str(tmp_path / "s.db"))
    try:
        summary = ingest_inputs(_write(tmp_path, ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"]), store, rules)
        assert summary.added == 4 and summary.unlinked == 0
        statements = search(store, speaker="Kirby", limit=50)
        by_article = {}
        for st in statements:
            by_article.setdefault(st["url"][-1], set()).add(st["person_id"])
        john = by_article["a"]
        assert len(john) == 1 and by_article["b"] == john and by_article["c"] == john, by_article
        assert by_article["d"].isdisjoint(john)
        found = {p["name"]: p for p in people(store, "Kirby")}
        assert set(found) == {"John Kirby", "Mary Kirby"}
        assert found["John Kirby"]["articles"] == 3
        assert any("spokesman" in r["role"] for r in found["John Kirby"]["roles"])
        shown = person(store, found["John Kirby"]["id"])
        assert {s["outlet"] for s in shown["statements"]} == {"Daily Example", "Evening Example", "Morning Example"}
    finally:
        store.close()


def test_two_ingests_and_a_rebuild_give_the_identities_of_one_ingest(tmp_path, rules):
    one = open_store(str(tmp_path / "one.db"))
    two = open_store(str(tmp_path / "two.db"))
    try:
        ingest_inputs(_write(tmp_path, ["a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl"]), one, rules)
        ingest_inputs(_write(tmp_path, ["c.jsonl", "d.jsonl"]), two, rules)
        ingest_inputs(_write(tmp_path, ["a.jsonl", "b.jsonl"]), two, rules)
        link_store(two, rebuild=True)
        link_store(one, rebuild=True)
        assert _partition(one) == _partition(two)
    finally:
        one.close()
        two.close()


def test_merges_and_splits_survive_a_rebuild(tmp_path, rules):
    store = open_store(str(tmp_path / "s.db"))
    try:
        ingest_inputs(_write(tmp_path, ["a.jsonl", "d.jsonl"]), store, rules)
        ids = {p["name"]: p["id"] for p in people(store, "Kirby")}
        merge_people(store, ids["John Kirby"], ids["Mary Kirby"])
        assert {p["name"] for p in people(store, "Kirby")} == {"John Kirby"}
        link_store(store, rebuild=True)
        (kept,) = people(store, "Kirby")
        assert set(kept["aliases"]) >= {"John Kirby", "Mary Kirby"}
        new = split_person(store, kept["id"], "Mary Kirby")
        link_store(store, rebuild=True)
        names = {p["name"] for p in people(store, "Kirby")}
        assert names == {"John Kirby", "Mary Kirby"} and new
    finally:
        store.close()


def test_an_unsure_surname_stays_apart():
    """"Sanders" between two Sanders and no context that tells them apart joins neither."""
    linker = Linker(MemoryRegistry())
    vec = [1.0] + [0.0] * 383
    linker.link_article([Mentioned("Bernie Sanders", "person", embedding=vec)])
    linker.link_article([Mentioned("Sarah Huckabee Sanders", "person", embedding=vec)])
    (decision,) = linker.link_article([Mentioned("Sanders", "person", embedding=vec)])
    assert decision.probability is None and decision.identity.id == 3
    (full,) = linker.link_article([Mentioned("Bernie Sanders", "person", embedding=vec)])
    assert full.identity.id == 1


def test_polnear_dev_keeps_hillary_and_bill_clinton_apart(polnear_dev, tmp_path, rules):
    """On PolNeAR dev (its texts that name a Clinton): two identities, each with its other names and roles."""
    texts = sorted(str(p) for p in (polnear_dev / "text").glob("*.txt") if "Clinton" in p.read_text("utf-8"))
    store = open_store(str(tmp_path / "polnear.db"))
    try:
        ingest_inputs(texts, store, rules)
        found = {p["name"]: p for p in people(store, "Clinton", limit=100)}
        hillary, bill = found["Hillary Clinton"], found["Bill Clinton"]
        assert hillary["id"] != bill["id"] and hillary["articles"] >= 30 and bill["articles"] >= 5
        assert {"Clinton", "Hillary"} <= set(hillary["aliases"]) and "Bill Clinton" not in hillary["aliases"]
        assert any("nominee" in r["role"] for r in hillary["roles"])
        assert any("President" in r["role"] for r in bill["roles"])
    finally:
        store.close()
