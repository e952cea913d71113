"""Reading claims from the store: the list (search, speaker, dates) and one claim with its statements, stances,
origins and figures — the JSON that ``claimgraph claims``/``claim``, ``/api/claims`` and the claim page share."""

from __future__ import annotations

from typing import Iterator

from sqlalchemy import func, or_, select

from ..store import Store
from ..store.queries import MAX_TERMS, check_dates
from ..store import schema as s
from . import summary

STANCE_ORDER = ("supports", "denies", "reports")


def _summary(row) -> dict:
    return {"id": row.id, "text": row.text, "statements": row.statements, "articles": row.articles,
            "outlets": row.outlets, "origins": row.origins, "deniers": row.deniers, "drift": bool(row.drift),
            "first_seen": row.first_seen, "last_seen": row.last_seen}


def list_claims(store: Store, search: str | None = None, speaker: str | None = None, since: str | None = None,
                until: str | None = None, min_articles: int = 2, limit: int = 50) -> list[dict]:
    """Claims reported in at least ``min_articles`` articles, most reported first. ``search`` matches words of
    any statement; ``speaker`` a speaker's name or any name of their identity; dates bound when it was reported."""
    check_dates(since, until)
    c, cs, at, ar = s.claims, s.claim_statements, s.attributions, s.articles
    stmt = select(c).where(c.c.articles >= min_articles)
    for word in (search or "").split()[:MAX_TERMS]:
        stmt = stmt.where(c.c.id.in_(select(cs.c.claim_id).where(
            func.lower(cs.c.text).contains(word.lower(), autoescape=True))))
    if speaker:
        named = speaker.lower()
        people = select(s.people.c.id).where(or_(func.lower(s.people.c.name).contains(named, autoescape=True),
                                                 func.lower(s.people.c.aliases).contains(named, autoescape=True)))
        stmt = stmt.where(c.c.id.in_(select(cs.c.claim_id).join(at, at.c.id == cs.c.attribution_id).where(
            or_(func.lower(at.c.speaker).contains(named, autoescape=True), at.c.person_id.in_(people)))))
    if since or until:
        dated = select(cs.c.claim_id).join(ar, ar.c.id == cs.c.article_id)
        if since:
            dated = dated.where(ar.c.published >= since)
        if until:
            dated = dated.where(ar.c.published <= until)
        stmt = stmt.where(c.c.id.in_(dated))
    stmt = stmt.order_by(c.c.origins.desc(), c.c.articles.desc(), c.c.id).limit(limit)
    with store.read() as conn:
        return [_summary(r) for r in conn.execute(stmt)]


def get_claim(store: Store, claim_id: int) -> dict | None:
    """One claim: its statements in time order with speaker identity, outlet, date and stance; its origins; its
    figures in order of first report and whether they drift; who supports and who denies it."""
    with store.read() as conn:
        row = conn.execute(select(s.claims).where(s.claims.c.id == claim_id)).first()
        if row is None:
            return None
        statements = summary.rows(conn, claim_id)
        people = dict(conn.execute(select(s.people.c.id, s.people.c.name).where(
            s.people.c.id.in_({r.person_id for r in statements if r.person_id is not None}))).all())
        quantities, drift = summary.quantities(conn, statements)
    origins = summary.origins(statements)
    origin_of = {a: o["id"] for o in origins for a in o["articles"]}
    listed = [{"id": r.id, "article_id": r.article_id, "attribution_id": r.attribution_id, "text": r.text,
               "cue": r.cue, "speaker": r.speaker,
               "speaker_identity": None if r.person_id is None else {"id": r.person_id, "name": people.get(
                   r.person_id)},
               "outlet": r.outlet, "published": r.published, "url": r.url, "title": r.title, "stance": r.stance,
               "origin": origin_of.get(r.article_id)} for r in statements]
    first = listed[0] if listed else None
    sides = {stance: [_who(x) for x in listed if x["stance"] == stance] for stance in STANCE_ORDER}
    return {**_summary(row), "drift": drift,
            "first_seen": None if first is None else {"article_id": first["article_id"], "outlet": first["outlet"],
                                                      "published": first["published"], "statement": first["id"]},
            "statements": listed, "origins": origins, "quantities": quantities,
            "supporters": sides["supports"], "deniers": sides["denies"], "reporters": sides["reports"]}


def _who(statement: dict) -> dict:
    return {"speaker": statement["speaker"], "speaker_identity": statement["speaker_identity"],
            "outlet": statement["outlet"], "published": statement["published"], "statement": statement["id"]}


def claim_ids(store: Store) -> Iterator[int]:
    """Every claim's id in order, read a page at a time."""
    last = 0
    while True:
        with store.scan() as conn:
            page = list(conn.execute(select(s.claims.c.id).where(s.claims.c.id > last).order_by(s.claims.c.id)
                                     .limit(1000)).scalars())
        if not page:
            return
        yield from page
        last = page[-1]


def article_claims(store: Store, article_id: int) -> dict[int, int]:
    """For the article page: the index of each attribution whose claim other articles report too → that claim."""
    cs, at = s.claim_statements, s.attributions
    with store.read() as conn:
        return dict(conn.execute(select(at.c.idx, cs.c.claim_id).join(at, at.c.id == cs.c.attribution_id).join(
            s.claims, s.claims.c.id == cs.c.claim_id).where(cs.c.article_id == article_id,
                                                             s.claims.c.articles > 1)).all())
