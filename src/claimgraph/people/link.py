"""Identities in the store: link each stored article's people and bodies as it arrives (incremental), relink the
whole store (``claimgraph link --rebuild``), and apply a user's merges and splits, which are kept as rules
("same" / "apart" between two entities, named by their article's identity and their name) so a rebuild honours
them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Callable, Iterable

from sqlalchemy import Connection, and_, delete, insert, select, update

from ..errors import SettingsError
from ..model import PRONOUNS, Analysis
from ..nlp.encoder import embed, from_bytes, to_bytes
from ..settings import Settings
from ..store import Store
from ..store.base import Added
from ..store import schema as s
from .linker import NAMED_BODIES, PERSON_TYPES, Identity, Linker, Mentioned

LINKED_TYPES = PERSON_TYPES | NAMED_BODIES
"""Entity types that get identities (places do not)."""


def _vector(blob: bytes | None) -> list[float] | None:
    return from_bytes(blob) if blob else None


def _blob(vector: Iterable[float] | None) -> bytes | None:
    return to_bytes(vector) if vector is not None else None


class StoreRegistry:
    """The linker's registry over the store's ``people`` and ``person_keys`` tables, inside one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def candidates(self, keys: set[str], family_: str) -> list[Identity]:
        if not keys:
            return []
        ids = select(s.person_keys.c.person_id).where(s.person_keys.c.key.in_(sorted(keys)))
        rows = self.conn.execute(select(s.people).where(s.people.c.id.in_(ids)).order_by(s.people.c.id)).all()
        found = [_identity(r) for r in rows]
        return [i for i in found if (i.type == "person") == (family_ == "person")]

    def save(self, identity: Identity, m: Mentioned) -> Identity:
        values = {"name": identity.name, "type": identity.type, "aliases": json.dumps(identity.aliases),
                  "roles": json.dumps(identity.roles), "context": json.dumps(identity.context),
                  "embedding": _blob(identity.embedding), "articles": identity.articles,
                  "first_seen": identity.first_seen, "last_seen": identity.last_seen}
        if identity.id is None:
            identity.id = self.conn.execute(insert(s.people).values(**values)).inserted_primary_key[0]
        else:
            self.conn.execute(update(s.people).where(s.people.c.id == identity.id).values(**values))
        keys = [{"key": k, "person_id": identity.id} for k in sorted(m.keys())]
        if keys:
            self.conn.execute(_insert_new(self.conn, s.person_keys), keys)
        return identity

    def merge(self, keep: Identity, other: Identity) -> None:
        _reassign(self.conn, other.id, keep.id)


def _insert_new(conn: Connection, table):
    """An insert that skips rows whose key is there already (SQLite and PostgreSQL alike)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _identity(row) -> Identity:
    return Identity(row.id, row.name, row.type, json.loads(row.aliases), json.loads(row.roles),
                    json.loads(row.context), _vector(row.embedding), row.articles, row.first_seen, row.last_seen)


def article_lead(analysis: Analysis, sentences: int = 3) -> str:
    """What an article's embedding reads: its title and first body sentences."""
    body = [analysis.text[x.start:x.end] for x in analysis.sentences if x.role == "body"][:sentences]
    return " ".join(filter(None, [analysis.article.title, *body]))


def link_added(store: Store, added: Added, analysis: Analysis, settings: Settings,
               linker: Linker | None = None) -> bool:
    """Link an article just stored (not a duplicate), when ``settings.link_people``; False if that failed, which
    leaves the article for ``claimgraph link`` and loses nothing."""
    if not settings.link_people or added.status == "duplicate":
        return True
    try:
        link_article(store, added.article_id, linker, analysis)
    except Exception:  # noqa: BLE001 — the article is stored; linking it can wait
        return False
    return True


def link_article(store: Store, article_id: int, linker: Linker | None = None,
                 analysis: Analysis | None = None) -> int:
    """Link one stored article's entities to identities, in one transaction; returns how many were linked.
    ``analysis``, when the caller holds it, spares reading it back from the store."""
    linker = linker or Linker()
    with store.transaction() as conn:
        art = conn.execute(select(s.articles.c.identity, s.articles.c.published, s.articles.c.outlet,
                                  s.articles.c.embedding).where(s.articles.c.id == article_id)).one()
        rows = conn.execute(select(s.entities.c.id, s.entities.c.name, s.entities.c.type, s.entities.c.roles)
                            .where(s.entities.c.article_id == article_id).order_by(s.entities.c.idx)).all()
        rows = [r for r in rows if r.type in LINKED_TYPES]
        if not rows:
            return 0
        vector = _vector(art.embedding)
        if vector is None:
            if analysis is None:
                analysis = Analysis.from_dict(json.loads(conn.execute(
                    select(s.articles.c.analysis).where(s.articles.c.id == article_id)).scalar_one()))
            vector = embed([article_lead(analysis)])[0]
            conn.execute(update(s.articles).where(s.articles.c.id == article_id).values(embedding=_blob(vector)))
        aliases: dict[int, set[str]] = {}
        for entity_id, text in conn.execute(select(s.mentions.c.entity_id, s.mentions.c.text).where(
                s.mentions.c.entity_id.in_([r.id for r in rows]))):
            aliases.setdefault(entity_id, set()).add(text)
        names = [r.name for r in rows]
        entities = [Mentioned(r.name, r.type, tuple(sorted(_names_only(aliases.get(r.id, ()), r.name))),
                              tuple(json.loads(r.roles or "[]")), tuple(n for n in names if n != r.name), vector,
                              art.published, art.outlet) for r in rows]
        must, cannot = _rules(conn, art.identity, names)
        linker.registry = StoreRegistry(conn)
        decisions = linker.link_article(entities, must, cannot)
        for row, decision in zip(rows, decisions):
            person = decision.identity.id
            conn.execute(update(s.entities).where(s.entities.c.id == row.id).values(person_id=person))
            conn.execute(update(s.attributions).where(and_(s.attributions.c.article_id == article_id,
                                                           s.attributions.c.speaker == row.name))
                         .values(person_id=person))
    return len(rows)


def _names_only(texts: Iterable[str], name: str) -> set[str]:
    """The mentions that are names (not pronouns a speaker was resolved from)."""
    return {t for t in texts if t.lower() not in PRONOUNS and t != name}


def _rules(conn: Connection, article: str, names: list[str]) -> tuple[dict[int, int], dict[int, set[int]]]:
    """A user's merges and splits that concern this article's entities, as the linker's must and cannot."""
    must: dict[int, int] = {}
    cannot: dict[int, set[int]] = {}
    o = s.person_overrides
    for rule in conn.execute(select(o).where((o.c.a_article == article) | (o.c.b_article == article))):
        for mine, other in (((rule.a_article, rule.a_name), (rule.b_article, rule.b_name)),
                            ((rule.b_article, rule.b_name), (rule.a_article, rule.a_name))):
            if mine[0] != article or mine[1] not in names or other == mine:
                continue
            person = _person_of(conn, *other)
            if person is None:
                continue
            i = names.index(mine[1])
            if rule.rule == "same":
                must[i] = person
            else:
                cannot.setdefault(i, set()).add(person)
    return must, cannot


def _person_of(conn: Connection, article: str, name: str) -> int | None:
    """The identity of the entity ``name`` in the latest linked version of ``article``."""
    return conn.execute(select(s.entities.c.person_id).join(s.articles, s.articles.c.id == s.entities.c.article_id)
                        .where(s.articles.c.identity == article, s.entities.c.name == name,
                               s.entities.c.person_id.is_not(None))
                        .order_by(s.articles.c.version.desc()).limit(1)).scalar()


def unlinked_articles(store: Store) -> list[int]:
    """Articles with entities to link that have none linked yet, oldest first; articles of one day in the order
    of their identity (URL or text hash), so a rebuild links in the same order however the store was filled."""
    e, ar = s.entities, s.articles
    linked = select(e.c.article_id).where(e.c.person_id.is_not(None))
    with store.scan() as conn:
        return list(conn.execute(select(ar.c.id).where(
            ar.c.id.in_(select(e.c.article_id).where(e.c.type.in_(sorted(LINKED_TYPES)))),
            ar.c.id.not_in(linked)).order_by(ar.c.published, ar.c.identity, ar.c.version)).scalars())


def link_store(store: Store, rebuild: bool = False, progress: Callable[..., None] | None = None) -> dict:
    """Link every article not linked yet; with ``rebuild``, forget every identity first and link all articles
    again in publication order (a user's merges and splits are kept and applied)."""
    if rebuild:
        with store.transaction() as conn:
            conn.execute(update(s.entities).values(person_id=None))
            conn.execute(update(s.attributions).values(person_id=None))
            conn.execute(delete(s.person_keys))
            conn.execute(delete(s.people))
    todo = unlinked_articles(store)
    if progress:
        progress(total=len(todo))
    linker = Linker()
    entities = 0
    for article_id in todo:
        entities += link_article(store, article_id, linker)
        if progress:
            progress(advance=1)
    return {"articles": len(todo), "entities": entities, "people": store.counts()["people"]}


# --- a user's corrections ----------------------------------------------------------------------------------------

def _anchors(conn: Connection, person: int) -> list[tuple[str, str]]:
    """(article identity, entity name) of every entity linked to ``person``."""
    rows = conn.execute(select(s.articles.c.identity, s.entities.c.name)
                        .join(s.articles, s.articles.c.id == s.entities.c.article_id)
                        .where(s.entities.c.person_id == person).order_by(s.entities.c.id)).all()
    if not rows:
        raise SettingsError(f"there is no person {person} in the store")
    return [(r.identity, r.name) for r in rows]


def _rule(conn: Connection, rule: str, a: tuple[str, str], b: tuple[str, str]) -> None:
    conn.execute(insert(s.person_overrides).values(rule=rule, a_article=a[0], a_name=a[1], b_article=b[0],
                                                   b_name=b[1], created_at=dt.datetime.now(dt.timezone.utc)))


def merge_people(store: Store, keep: int, other: int) -> int:
    """Make ``other`` part of ``keep``: its entities and statements move, and a rule keeps them together across
    rebuilds. Returns the identity kept."""
    if keep == other:
        raise SettingsError("merging a person with itself")
    with store.transaction() as conn:
        anchor = _anchors(conn, keep)[0]
        for entity in _anchors(conn, other):
            _rule(conn, "same", entity, anchor)
        _move(conn, other, keep)
    return keep


def split_person(store: Store, person: int, name: str) -> int:
    """Take the entities of ``person`` written ``name`` out into a new identity, kept apart from the rest across
    rebuilds. Returns the new identity's id."""
    with store.transaction() as conn:
        anchors = _anchors(conn, person)
        out = [a for a in anchors if a[1].lower() == name.lower()]
        rest = [a for a in anchors if a[1].lower() != name.lower()]
        if not out or not rest:
            raise SettingsError(f"person {person} has {'no' if not out else 'only'} entities named {name!r}: "
                                "nothing to split")
        for entity in out:
            _rule(conn, "apart", entity, rest[0])
            if entity != out[0]:
                _rule(conn, "same", entity, out[0])
        row = conn.execute(select(s.people).where(s.people.c.id == person)).one()
        new = conn.execute(insert(s.people).values(
            name=out[0][1], type=row.type, aliases=json.dumps({out[0][1]: len(out)}), roles="{}", context="{}",
            embedding=row.embedding, articles=len(out), first_seen=row.first_seen, last_seen=row.last_seen)
        ).inserted_primary_key[0]
        ids = [r.id for r in conn.execute(
            select(s.entities.c.id, s.entities.c.name).where(s.entities.c.person_id == person)) if
               r.name.lower() == name.lower()]
        conn.execute(update(s.entities).where(s.entities.c.id.in_(ids)).values(person_id=new))
        conn.execute(update(s.attributions).where(s.attributions.c.person_id == person,
                                                  s.attributions.c.speaker.in_([a[1] for a in out]))
                     .values(person_id=new))
        conn.execute(insert(s.person_keys), [{"key": w, "person_id": new}
                                             for w in sorted(Mentioned(out[0][1], row.type).keys())])
    return new


def _move(conn: Connection, source: int, target: int) -> None:
    a = _identity(conn.execute(select(s.people).where(s.people.c.id == target)).one())
    a.merge(_identity(conn.execute(select(s.people).where(s.people.c.id == source)).one()))
    conn.execute(update(s.people).where(s.people.c.id == target).values(
        aliases=json.dumps(a.aliases), roles=json.dumps(a.roles), context=json.dumps(a.context),
        embedding=_blob(a.embedding), articles=a.articles, first_seen=a.first_seen, last_seen=a.last_seen))
    _reassign(conn, source, target)


def _reassign(conn: Connection, source: int, target: int) -> None:
    """Everything that points at identity ``source`` points at ``target``; ``source`` goes."""
    keys = set(conn.execute(select(s.person_keys.c.key).where(s.person_keys.c.person_id == target)).scalars())
    moved = [k for k in conn.execute(select(s.person_keys.c.key).where(s.person_keys.c.person_id == source)).scalars()
             if k not in keys]
    if moved:
        conn.execute(insert(s.person_keys), [{"key": k, "person_id": target} for k in moved])
    conn.execute(update(s.entities).where(s.entities.c.person_id == source).values(person_id=target))
    conn.execute(update(s.attributions).where(s.attributions.c.person_id == source).values(person_id=target))
    conn.execute(delete(s.people).where(s.people.c.id == source))
