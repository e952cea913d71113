"""Claims in the store: each stored article's statements join the claims already there (incremental), or the whole
store is linked again (``claimgraph link --rebuild``).

A statement meets only the claims of its nearest neighbours, found through ``statement_keys``: random-hyperplane
bands of the statement vectors (locality-sensitive hashing for cosine similarity), kept in the store itself so the
index grows with it, in the same transaction, on SQLite and PostgreSQL alike. Each candidate claim is scored by
the mean ``similar.same_claim`` over its statements; the best at or above the threshold takes the statement, else
the statement starts a claim.
"""

from __future__ import annotations

import json
from array import array
from collections import OrderedDict
from typing import Callable, Sequence

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select, update

from ..model import Analysis
from ..nlp.encoder import DIMENSIONS, embed, from_bytes, to_bytes
from ..settings import Settings
from ..store import Store
from ..store import schema as s
from ..store.base import Added
from . import origins, similar, stance
from .statements import Statement, statements
from .summary import refresh

BANDS, BITS = 20, 8
"""20 bands of 8 hyperplanes: statements at cosine 0.75 share a band with probability 0.93, at 0.85 with 0.99;
unrelated ones (cosine near 0.1) in about one case in ten."""
CANDIDATES = 100
"""The statements sharing the most bands with a new one, of which the nearest by cosine name the claims it is
scored against."""
MEMBERS = 40
"""A claim is scored by its latest statements, at most this many: a claim reported everywhere costs no more."""
_PLANES = np.random.RandomState(384).standard_normal((DIMENSIONS, BANDS * BITS)).astype(np.float32)


def keys(vector: Sequence[float]) -> list[str]:
    """The band keys of a vector in the nearest-neighbour index."""
    bits = (np.asarray(vector, dtype=np.float32) @ _PLANES) > 0
    return [f"{b}:{int(np.packbits(bits[b * BITS:(b + 1) * BITS])[0]):02x}" for b in range(BANDS)]


def link_claims_added(store: Store, added: Added, analysis: Analysis, settings: Settings) -> bool:
    """Link the claims of an article just stored, when ``settings.link_claims``; False if that failed, which leaves
    the article for ``claimgraph link`` and loses nothing."""
    if not settings.link_claims or added.status == "duplicate":
        return True
    try:
        link_article_claims(store, added.article_id, analysis)
    except Exception:  # noqa: BLE001 — the article is stored; its claims can be linked later
        return False
    return True


def link_article_claims(store: Store, article_id: int, analysis: Analysis | None = None) -> int:
    """Join one stored article's statements to claims, in one transaction; returns how many statements."""
    if analysis is None:
        with store.scan() as conn:
            analysis = Analysis.from_dict(json.loads(conn.execute(
                select(s.articles.c.analysis).where(s.articles.c.id == article_id)).scalar_one()))
    found = statements(analysis)
    vectors = _vectors([st.text for st in found])
    props = similar.propositions([st.text for st in found], vectors)
    signature = origins.minhash(analysis.text)
    with store.transaction() as conn:
        if conn.execute(select(s.article_prints.c.article_id).where(
                s.article_prints.c.article_id == article_id)).first() is not None:
            return 0  # linked already
        _print(conn, article_id, signature, origins.credits(analysis))
        touched = dict.fromkeys(_forget_older_versions(conn, article_id))  # claims to refresh, in order
        attribution_ids = dict(conn.execute(select(s.attributions.c.idx, s.attributions.c.id).where(
            s.attributions.c.article_id == article_id)).all())
        joined: list[tuple[int, Statement, int]] = []
        for st, vector, prop in zip(found, vectors, props):
            claim_id, score = _best_claim(conn, vector, prop)
            if claim_id is None:
                claim_id = conn.execute(insert(s.claims).values(
                    text=st.text, statements=0, articles=0, outlets=0, origins=0, deniers=0,
                    drift=0)).inserted_primary_key[0]
                score = 1.0
            row = conn.execute(insert(s.claim_statements).values(
                claim_id=claim_id, article_id=article_id,
                attribution_id=attribution_ids.get(st.attribution_idx) if st.attribution_idx is not None else None,
                sentence_idx=st.sentence_idx, start=st.start, end=st.end, text=st.text, cue=st.cue,
                similarity=round(score, 4), embedding=to_bytes(vector))).inserted_primary_key[0]
            conn.execute(insert(s.statement_keys), [{"key": k, "statement_id": row} for k in keys(vector)])
            joined.append((row, st, claim_id))
            touched[claim_id] = None
        cs = s.claim_statements  # a claim's text is its first statement's, and so is the text's vector
        firsts = select(func.min(cs.c.id)).where(cs.c.claim_id.in_(list(touched))).group_by(cs.c.claim_id)
        first = conn.execute(select(cs.c.claim_id, cs.c.text, cs.c.embedding).where(cs.c.id.in_(firsts))).all()
        claim_texts = {r.claim_id: r.text for r in first}
        known = {r.text: from_bytes(r.embedding) for r in first}
        known.update((st.text, v) for st, v in zip(found, vectors))
        # The stance is the speaker's: what the content asserts (or the writer's, for a reported-fact sentence);
        # how the writer reports it ("said", "claimed") is the attribution's own stance. A denial cue decides.
        decided = stance.stances([(claim_texts[c], st.text, None) for _, st, c in joined], vectors=known)
        for (row, st, _), (label, _) in zip(joined, decided):
            label = "denies" if st.denial else label
            conn.execute(update(s.claim_statements).where(s.claim_statements.c.id == row).values(stance=label))
        for claim_id in touched:
            refresh(conn, claim_id)
    return len(found)


def _vectors(texts: list[str]) -> list[list[float]]:
    """The texts' MiniLM vectors: a text seen before (a wire copy's sentence) is not embedded again; the rest in
    one call, in small batches, which pad short statements less than one large batch."""
    todo = sorted({t for t in texts if t not in _SEEN})
    fresh = dict(zip(todo, embed(todo, batch_size=8))) if todo else {}
    return [fresh[t] if t in fresh else _SEEN[t][1].tolist() for t in texts]


def _forget_older_versions(conn: Connection, article_id: int) -> set[int]:
    """Take the statements of the article's earlier versions out of their claims (a changed article is counted
    once, as it reads now); returns the claims they leave."""
    ar, cs = s.articles, s.claim_statements
    older = select(ar.c.id).where(ar.c.identity == select(ar.c.identity).where(ar.c.id == article_id)
                                  .scalar_subquery(), ar.c.id != article_id)
    left = set(conn.execute(select(cs.c.claim_id).where(cs.c.article_id.in_(older),
                                                        cs.c.claim_id.is_not(None))).scalars())
    if left:
        conn.execute(delete(cs).where(cs.c.article_id.in_(older)))  # their index keys cascade
    return left


def _print(conn: Connection, article_id: int, signature: array, credited: list[str]) -> None:
    """Record the article's MinHash and credits, and the earliest stored article it is a near-duplicate of."""
    band_keys = origins.bands(signature)
    ar, pr = s.articles, s.article_prints
    rows = conn.execute(select(pr.c.article_id, pr.c.minhash, pr.c.copy_of, ar.c.published)
                        .join(ar, ar.c.id == pr.c.article_id)
                        .where(pr.c.article_id.in_(select(s.article_bands.c.article_id).where(
                            s.article_bands.c.key.in_(band_keys))))).all()
    copies = [r for r in rows if origins.overlap(signature, array("I", r.minhash)) >= origins.NEAR_DUPLICATE]
    first = min(copies, key=lambda r: (r.published or "9999", r.article_id), default=None)
    copy_of = None if first is None else (first.copy_of or first.article_id)
    conn.execute(insert(pr).values(article_id=article_id, minhash=signature.tobytes(), copy_of=copy_of,
                                   credits=json.dumps(credited)))
    conn.execute(insert(s.article_bands), [{"key": k, "article_id": article_id} for k in band_keys])


_SEEN: OrderedDict[str, tuple[similar.Proposition, np.ndarray]] = OrderedDict()
"""Stored statements as propositions (with their vectors as arrays), by text, most recently used last. A
proposition is a function of its text alone (its vector is the shipped encoder's), so an entry never goes stale,
whatever a rebuild or another process does to the store; it saves decoding and preparing it once per lookup."""
_SEEN_LIMIT = 5000


def _members(conn: Connection, ids: list[int]) -> list[tuple[similar.Proposition, np.ndarray]]:
    """The statements ``ids`` as (proposition, vector), in the order given."""
    cs = s.claim_statements
    texts = dict(conn.execute(select(cs.c.id, cs.c.text).where(cs.c.id.in_(ids))).all())
    missing = [i for i in ids if texts.get(i) not in _SEEN]
    if missing:
        rows = conn.execute(select(cs.c.text, cs.c.embedding).where(cs.c.id.in_(missing))).all()
        vectors = [from_bytes(r.embedding) for r in rows]
        for r, p, v in zip(rows, similar.propositions([r.text for r in rows], vectors), vectors):
            _SEEN[r.text] = (p, np.asarray(v, dtype=np.float64))
    found = []
    for i in ids:
        _SEEN.move_to_end(texts[i])
        found.append(_SEEN[texts[i]])
    while len(_SEEN) > _SEEN_LIMIT:
        _SEEN.popitem(last=False)
    return found


def _best_claim(conn: Connection, vector: Sequence[float], prop: similar.Proposition) -> tuple[int | None, float]:
    """The claim of the nearest statements that this one asserts, with its score; (None, 0) when none does.

    A claim's score is the mean ``same_claim`` over its statements (the latest ``MEMBERS``), as ``similar.group``
    decides and the evaluation measures: the mean, not the best match, keeps a claim from drifting along a chain
    of neighbours."""
    sk, cs = s.statement_keys, s.claim_statements
    near = list(conn.execute(select(sk.c.statement_id).where(sk.c.key.in_(keys(vector))).group_by(sk.c.statement_id)
                             .order_by(func.count().desc(), sk.c.statement_id).limit(CANDIDATES)).scalars())
    if not near:
        return None, 0.0
    here = np.asarray(vector, dtype=np.float64)
    # of the statements the index offers, the similar.CANDIDATES nearest by cosine name the claims to score, as
    # similar.group chooses them
    nearest = sorted(zip(near, _members(conn, near)), key=lambda x: (-float(x[1][1] @ here), x[0]))
    claim_ids = sorted(set(conn.execute(select(cs.c.claim_id).where(
        cs.c.id.in_([i for i, _ in nearest[:similar.CANDIDATES]]), cs.c.claim_id.is_not(None))).scalars()))
    if not claim_ids:
        return None, 0.0
    members: dict[int, list[int]] = {}
    for statement_id, claim_id in conn.execute(select(cs.c.id, cs.c.claim_id).where(
            cs.c.claim_id.in_(claim_ids)).order_by(cs.c.id.desc())):
        if len(members.setdefault(claim_id, [])) < MEMBERS:
            members[claim_id].append(statement_id)
    model = similar.load_similar_model()
    prepared = dict(zip((i for ids in members.values() for i in ids),
                        _members(conn, [i for ids in members.values() for i in ids])))
    scored = []
    for claim_id, ids in members.items():
        mean = sum(model.probability(similar.features(prop, prepared[i][0], float(prepared[i][1] @ here)))
                   for i in ids) / len(ids)
        scored.append((mean, -claim_id))
    score, best = max(scored)
    return (-best, score) if score >= model.threshold else (None, 0.0)


def delete_article(store: Store, article_id: int) -> bool:
    """Remove an article version (``Store.delete``) and recompute the claims it shared with other articles."""
    cs = s.claim_statements
    with store.scan() as conn:
        claims = set(conn.execute(select(cs.c.claim_id).where(cs.c.article_id == article_id,
                                                              cs.c.claim_id.is_not(None))).scalars())
    if not store.delete(article_id):
        return False
    with store.transaction() as conn:
        for claim_id in sorted(claims):
            if conn.execute(select(s.claims.c.id).where(s.claims.c.id == claim_id)).first() is not None:
                refresh(conn, claim_id)
    return True


def unlinked_claim_articles(store: Store) -> list[int]:
    """Stored articles (their latest versions) whose claims are not linked yet, in publication order (then
    identity), so a rebuild meets the articles in the same order however the store was filled."""
    ar = s.articles
    newer = ar.alias("newer")
    latest = ~select(newer.c.id).where(newer.c.identity == ar.c.identity, newer.c.version > ar.c.version).exists()
    with store.scan() as conn:
        return list(conn.execute(select(ar.c.id).where(ar.c.id.not_in(select(s.article_prints.c.article_id)),
                                                       latest)
                                 .order_by(ar.c.published, ar.c.identity, ar.c.version)).scalars())


def link_store_claims(store: Store, rebuild: bool = False, progress: Callable[..., None] | None = None) -> dict:
    """Link every article whose claims are not linked yet; with ``rebuild``, forget every claim first."""
    if rebuild:
        with store.transaction() as conn:
            for table in (s.claim_statements, s.claims, s.article_bands, s.article_prints):  # index keys cascade
                conn.execute(delete(table))
    todo = unlinked_claim_articles(store)
    if progress:
        progress(total=len(todo))
    count = 0
    for article_id in todo:
        count += link_article_claims(store, article_id)
        if progress:
            progress(advance=1)
    with store.scan() as conn:
        claims = conn.execute(select(func.count()).select_from(s.claims)).scalar_one()
        shared = conn.execute(select(func.count()).select_from(s.claims).where(s.claims.c.articles > 1)).scalar_one()
    return {"articles": len(todo), "statements": count, "claims": claims, "claims_in_several_articles": shared}

