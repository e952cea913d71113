"""The store's read side, shared by the CLI and the web: search statements and sentences, rank speakers, list
articles, outlets and figures, and read everything for an export.

Every query runs through ``Store.read()`` and so has a time limit (``Store.scan()`` for an export, which reads
everything). Only the latest version of each article is searched and counted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Iterator

from sqlalchemy import and_, exists, func, select, text
from sqlalchemy.orm import aliased

from ..errors import SettingsError
from . import schema as s
from .base import Store


MAX_TERMS = 50
"""Words a search may hold: more make the full-text query too large for the database to plan."""


def _terms(query: str | None) -> list[str]:
    terms = re.findall(r"\w+", query or "")
    if len(terms) > MAX_TERMS:
        raise SettingsError(f"a search may hold at most {MAX_TERMS} words, not {len(terms)}")
    return terms


def _latest():
    newer = aliased(s.articles, name="newer")
    return ~exists().where(and_(newer.c.identity == s.articles.c.identity, newer.c.version > s.articles.c.version))


def _full_text(stmt, store: Store, id_column, table: str, terms: list[str]):
    """Rows of ``table`` holding every term: FTS5 on SQLite, the tsvector column on PostgreSQL."""
    if store.dialect == "sqlite":
        match = " ".join(f'"{t}"' for t in terms)
        return stmt.where(id_column.in_(select(text("rowid")).select_from(text(f"{table}_fts"))
                                        .where(text(f"{table}_fts MATCH :match")))).params(match=match)
    return stmt.where(text(f"{table}.tsv @@ plainto_tsquery('english', :q)")).params(q=" ".join(terms))


def check_dates(since: str | None, until: str | None) -> None:
    """SettingsError unless each bound given is a date, YYYY-MM-DD."""
    for name, value in (("since", since), ("until", until)):
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                raise SettingsError(f"{name} must be a date, YYYY-MM-DD, not {value!r}") from exc


def _article_filters(stmt, outlet: str | None, since: str | None, until: str | None):
    check_dates(since, until)
    ar = s.articles
    if outlet:
        stmt = stmt.where(func.lower(ar.c.outlet).contains(outlet.lower(), autoescape=True))
    if since:
        stmt = stmt.where(ar.c.published >= since)
    if until:
        stmt = stmt.where(ar.c.published <= until)
    return stmt


def search(store: Store, query: str = "", speaker: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, kind: str | None = None,
           limit: int = 20, offset: int = 0, all_types: bool = False) -> list[dict]:
    """Statements whose content (or speaker) matches ``query``, best first, with their article. ``speaker``
    finds every statement of the identities one of whose names contains it ("Kirby" finds those credited to
    "John Kirby" too), and of unlinked speakers so named. Claims only, unless ``all_types`` (beliefs,
    intentions, questions and topics too)."""
    a, ar = s.attributions, s.articles
    kind_of = func.coalesce(a.c.type, "claim")
    stmt = (select(a.c.id, a.c.article_id, a.c.speaker, a.c.person_id, a.c.source_text, a.c.cue_text, a.c.kind,
                   a.c.content_text, a.c.certainty, a.c.stance, kind_of.label("type"), ar.c.title, ar.c.outlet,
                   ar.c.published, ar.c.url)
            .join(ar, ar.c.id == a.c.article_id).where(_latest()))
    if not all_types:
        stmt = stmt.where(kind_of == "claim")
    terms = _terms(query)
    if terms:
        stmt = _full_text(stmt, store, a.c.id, "attributions", terms)
    if speaker:
        named = func.lower(a.c.speaker).contains(speaker.lower(), autoescape=True)
        identities = select(s.people.c.id).where(_names_containing(speaker))
        stmt = stmt.where(a.c.person_id.in_(identities) | (a.c.person_id.is_(None) & named))
    stmt = _article_filters(stmt, outlet, since, until)
    if kind:
        stmt = stmt.where(a.c.kind == kind)
    stmt = stmt.order_by(ar.c.published.desc(), a.c.article_id, a.c.idx).limit(limit).offset(offset)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def speakers(store: Store, outlet: str | None = None, limit: int = 50) -> list[dict]:
    """Who is quoted most, one row per identity (``person_id``; by name where a statement has none):
    statements, articles, first and last publication date."""
    a, ar, p = s.attributions, s.articles, s.people
    name = func.coalesce(p.c.name, a.c.speaker)
    stmt = (select(name.label("speaker"), a.c.person_id, func.count().label("statements"),
                   func.count(func.distinct(a.c.article_id)).label("articles"),
                   func.min(ar.c.published).label("first"), func.max(ar.c.published).label("last"))
            .join(ar, ar.c.id == a.c.article_id).outerjoin(p, p.c.id == a.c.person_id)
            .where(_latest(), a.c.speaker.is_not(None))
            .group_by(a.c.person_id, name).order_by(func.count().desc(), name).limit(limit))
    if outlet:
        stmt = stmt.where(func.lower(ar.c.outlet).contains(outlet.lower(), autoescape=True))
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


STATEMENT_COLUMNS = ("article_id", "url", "outlet", "published", "title", "speaker", "source_text", "cue_text",
                     "kind", "content_text", "certainty", "stance")


def statement_rows(store: Store) -> Iterator[dict]:
    """Every statement of the latest versions, one row each (columns ``STATEMENT_COLUMNS``), streamed."""
    a, ar = s.attributions, s.articles
    stmt = (select(*(a.c[c] if c in a.c else ar.c[c] for c in STATEMENT_COLUMNS))
            .join(ar, ar.c.id == a.c.article_id).where(_latest()).order_by(a.c.article_id, a.c.idx))
    with store.scan() as conn:
        for r in conn.execution_options(stream_results=True, yield_per=500).execute(stmt):
            yield dict(r._mapping)


def analyses(store: Store) -> Iterator[tuple[int, dict]]:
    """(id, analysis document) of the latest version of every article, in id order, streamed."""
    ar = s.articles
    stmt = select(ar.c.id, ar.c.analysis).where(_latest()).order_by(ar.c.id)
    with store.scan() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=100).execute(stmt):
            yield row.id, json.loads(row.analysis)


# --- the reading room: articles, speakers, outlets, figures ---------------------------------------------------------

def list_articles(store: Store, page: int = 1, per_page: int = 20, outlet: str | None = None) -> dict:
    ar, a = s.articles, s.attributions
    base = select(ar.c.id).where(_latest())
    if outlet:
        base = base.where(ar.c.outlet == outlet)
    statements = select(func.count()).where(a.c.article_id == ar.c.id).scalar_subquery()
    stmt = (select(ar.c.id, ar.c.title, ar.c.outlet, ar.c.published, ar.c.url, ar.c.version,
                   statements.label("statements"))
            .where(ar.c.id.in_(base)).order_by(ar.c.published.desc(), ar.c.id.desc())
            .limit(per_page).offset((page - 1) * per_page))
    with store.read() as conn:
        total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        items = [dict(r._mapping) for r in conn.execute(stmt)]
    return {"items": items, "page": page, "per_page": per_page, "total": total}


def get_article(store: Store, article_id: int) -> dict | None:
    """The stored row and its analysis document, or None."""
    ar = s.articles
    with store.read() as conn:
        row = conn.execute(select(ar.c.id, ar.c.identity, ar.c.version, ar.c.origin, ar.c.analysis)
                           .where(ar.c.id == article_id)).first()
    if row is None:
        return None
    return {"id": row.id, "identity": row.identity, "version": row.version, "origin": row.origin,
            "analysis": json.loads(row.analysis)}


def speaker_statements(store: Store, speaker: str, limit: int = 200) -> dict:
    """Everything one person or body said across the store, by date, and the roles they were given."""
    a, ar, e = s.attributions, s.articles, s.entities
    stmt = (select(a.c.article_id, a.c.idx, a.c.kind, a.c.cue_text, a.c.content_text, a.c.certainty, a.c.stance,
                   ar.c.title, ar.c.outlet, ar.c.published)
            .join(ar, ar.c.id == a.c.article_id).where(_latest(), a.c.speaker == speaker)
            .order_by(ar.c.published.desc(), a.c.article_id, a.c.idx).limit(limit))
    roles_stmt = (select(e.c.roles, ar.c.published, ar.c.outlet).join(ar, ar.c.id == e.c.article_id)
                  .where(_latest(), e.c.name == speaker, e.c.roles != "[]").order_by(ar.c.published))
    with store.read() as conn:
        statements = [dict(r._mapping) for r in conn.execute(stmt)]
        roles: dict[str, dict] = {}
        for r in conn.execute(roles_stmt):
            for role in json.loads(r.roles or "[]"):
                seen = roles.setdefault(role, {"role": role, "first": r.published, "last": r.published, "times": 0})
                seen["times"] += 1
                seen["last"] = r.published or seen["last"]
    return {"speaker": speaker, "statements": statements, "roles": sorted(roles.values(),
                                                                         key=lambda x: (x["first"] or "", x["role"]))}


def outlet_summary(store: Store, outlet: str) -> dict:
    """Who an outlet quotes and how often, and its share of sentences in the writer's own opinion."""
    a, ar, se = s.attributions, s.articles, s.sentences
    with store.read() as conn:
        articles = conn.execute(select(func.count()).select_from(ar).where(_latest(), ar.c.outlet == outlet)
                                ).scalar_one()
        voices = dict(conn.execute(select(se.c.voice, func.count()).join(ar, ar.c.id == se.c.article_id)
                                   .where(_latest(), ar.c.outlet == outlet, se.c.voice.is_not(None))
                                   .group_by(se.c.voice)).all())
        quoted = [dict(r._mapping) for r in conn.execute(
            select(a.c.speaker, func.count().label("statements"),
                   func.count(func.distinct(a.c.article_id)).label("articles"))
            .join(ar, ar.c.id == a.c.article_id).where(_latest(), ar.c.outlet == outlet, a.c.speaker.is_not(None))
            .group_by(a.c.speaker).order_by(func.count().desc(), a.c.speaker).limit(50))]
    judged = sum(voices.values())
    return {"outlet": outlet, "articles": articles, "voices": voices,
            "opinion_share": round(100.0 * voices.get("opinion", 0) / judged, 1) if judged else None,
            "quoted": quoted}


def outlets(store: Store) -> list[dict]:
    ar = s.articles
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(ar.c.outlet, func.count().label("articles")).where(_latest(), ar.c.outlet.is_not(None))
            .group_by(ar.c.outlet).order_by(func.count().desc()))]


def counted_nouns(store: Store, limit: int = 60) -> list[dict]:
    q, ar = s.quantities, s.articles
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(func.lower(q.c.counts).label("counts"), func.count().label("figures"))
            .join(ar, ar.c.id == q.c.article_id).where(_latest(), q.c.counts.is_not(None))
            .group_by(func.lower(q.c.counts)).order_by(func.count().desc()).limit(limit))]


def figures(store: Store, counts: str, limit: int = 500) -> list[dict]:
    """Every figure about one counted thing ("troops"), with who stated it and when."""
    q, ar, a = s.quantities, s.articles, s.attributions
    stmt = (select(q.c.article_id, q.c.text, q.c.value, q.c.unit, q.c.qualifier, q.c.per, ar.c.published,
                   ar.c.outlet, ar.c.title, a.c.speaker, a.c.idx.label("attribution_idx"))
            .join(ar, ar.c.id == q.c.article_id)
            .outerjoin(a, and_(a.c.article_id == q.c.article_id, a.c.idx == q.c.attribution_idx))
            .where(_latest(), func.lower(q.c.counts) == counts.lower())
            .order_by(ar.c.published, q.c.article_id, q.c.start).limit(limit))
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def search_sentences(store: Store, query: str, voice: str | None = None, outlet: str | None = None,
                     since: str | None = None, until: str | None = None, limit: int = 20) -> list[dict]:
    """Sentences that contain every word of ``query``, optionally of one voice (reported, attributed, opinion)."""
    ar, se = s.articles, s.sentences
    terms = _terms(query)
    sentence = se.c.text
    stmt = (select(se.c.article_id, se.c.idx, se.c.voice, se.c.certainty, sentence.label("text"), ar.c.title,
                   ar.c.outlet, ar.c.published).join(ar, ar.c.id == se.c.article_id)
            .where(_latest(), se.c.role.in_(["headline", "body"])))
    if terms:
        stmt = _full_text(stmt, store, ar.c.id, "articles", terms)
        for t in terms:
            stmt = stmt.where(func.lower(sentence).contains(t.lower(), autoescape=True))
    if voice:
        stmt = stmt.where(se.c.voice == voice)
    stmt = _article_filters(stmt, outlet, since, until).order_by(ar.c.published.desc(), se.c.article_id, se.c.idx).limit(limit)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def search_all(store: Store, query: str = "", speaker: str | None = None, outlet: str | None = None,
               since: str | None = None, until: str | None = None, kind: str | None = None,
               voice: str | None = None, limit: int = 20, all_types: bool = False) -> dict:
    """What the search page and ``/api/search`` show: statements matching the words and filters (none when a
    voice is asked for, since voices belong to sentences), and sentences holding the words, of one voice if
    asked. Statements are claims unless ``all_types``."""
    statements = [] if voice else search(store, query, speaker, outlet, since, until, kind, limit,
                                         all_types=all_types)
    sentences = search_sentences(store, query, voice, outlet, since, until, limit) if (query or voice) else []
    return {"statements": statements, "sentences": sentences}


# --- people across articles ---------------------------------------------------------------------------------------

def _names_containing(text: str):
    """Identities one of whose names contains ``text`` (the aliases are JSON, with non-ASCII escaped)."""
    return func.lower(s.people.c.aliases).contains(json.dumps(text.lower())[1:-1], autoescape=True)


def _by_count(aliases_json: str) -> dict[str, int]:
    aliases = json.loads(aliases_json)
    return dict(sorted(aliases.items(), key=lambda kv: (-kv[1], kv[0])))


def people_named_like(store: Store, search: str, limit: int = 10) -> list[dict]:
    """Id and name of the identities one of whose names contains ``search``, most written about first."""
    p = s.people
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(p.c.id, p.c.name).where(_names_containing(search))
            .order_by(p.c.articles.desc(), p.c.id).limit(limit))]


def people(store: Store, search: str | None = None, limit: int = 50) -> list[dict]:
    """Identities, most written about first, with names and their first roles; ``search`` keeps those one of
    whose names contains it."""
    p = s.people
    stmt = select(p.c.id, p.c.name, p.c.type, p.c.articles, p.c.first_seen, p.c.last_seen, p.c.aliases)
    if search:
        stmt = stmt.where(_names_containing(search))
    stmt = stmt.order_by(p.c.articles.desc(), p.c.id).limit(limit)
    with store.read() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    for row in rows:
        row["aliases"] = _by_count(row["aliases"])
        row["roles"] = _roles_of(store, row["id"], limit=5)
    return rows


def person(store: Store, person_id: int, limit: int = 200) -> dict | None:
    """One identity: its names, its roles over time, its statements by date and outlet, and the outlets."""
    p, a, ar = s.people, s.attributions, s.articles
    with store.read() as conn:
        row = conn.execute(select(p).where(p.c.id == person_id)).first()
        if row is None:
            return None
        statements = [dict(r._mapping) for r in conn.execute(
            select(a.c.article_id, a.c.idx, a.c.kind, a.c.source_text, a.c.cue_text, a.c.content_text,
                   a.c.certainty, a.c.stance, ar.c.title, ar.c.outlet, ar.c.published)
            .join(ar, ar.c.id == a.c.article_id).where(_latest(), a.c.person_id == person_id)
            .order_by(ar.c.published.desc(), a.c.article_id, a.c.idx).limit(limit))]
        outlets = [dict(r._mapping) for r in conn.execute(
            select(ar.c.outlet, func.count().label("statements")).join(ar, ar.c.id == a.c.article_id)
            .where(_latest(), a.c.person_id == person_id, ar.c.outlet.is_not(None))
            .group_by(ar.c.outlet).order_by(func.count().desc()))]
    return {"id": row.id, "name": row.name, "type": row.type, "articles": row.articles,
            "first_seen": row.first_seen, "last_seen": row.last_seen, "aliases": _by_count(row.aliases),
            "roles": _roles_of(store, person_id), "statements": statements, "outlets": outlets}


def _roles_of(store: Store, person_id: int, limit: int = 50) -> list[dict]:
    """The roles an identity was given, each with when and where first and last."""
    e, ar = s.entities, s.articles
    roles: dict[str, dict] = {}
    with store.read() as conn:
        for r in conn.execute(select(e.c.roles, ar.c.published, ar.c.outlet).join(ar, ar.c.id == e.c.article_id)
                              .where(_latest(), e.c.person_id == person_id, e.c.roles != "[]")
                              .order_by(ar.c.published, ar.c.id)):
            for role in json.loads(r.roles or "[]"):
                seen = roles.setdefault(role, {"role": role, "first": r.published, "last": r.published,
                                               "outlets": [], "times": 0})
                seen["times"] += 1
                seen["last"] = r.published or seen["last"]
                if r.outlet and r.outlet not in seen["outlets"]:
                    seen["outlets"].append(r.outlet)
    return sorted(roles.values(), key=lambda x: (-x["times"], x["first"] or ""))[:limit]


def people_named(store: Store, name: str) -> list[int]:
    """The identities that were written exactly ``name`` (case aside) somewhere."""
    p = s.people
    with store.read() as conn:
        rows = conn.execute(select(p.c.id, p.c.aliases).where(_names_containing(name))).all()
    return [r.id for r in rows if name.lower() in {a.lower() for a in json.loads(r.aliases)}]


def article_people(store: Store, article_id: int) -> dict[str, int]:
    """Entity name → identity for one article."""
    e = s.entities
    with store.read() as conn:
        return {r.name: r.person_id for r in conn.execute(
            select(e.c.name, e.c.person_id).where(e.c.article_id == article_id, e.c.person_id.is_not(None)))}
