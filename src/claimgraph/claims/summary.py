"""What a claim adds up to: its statements with outlet, date and speaker, the independent origins behind them, and
the figures that drift between reports. ``refresh`` keeps the counts on the ``claims`` row current as statements
join; the claim view reads the same functions, so the list and the page never disagree."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, update

from ..store import schema as s

SIGNIFICANT = 2
"""Figures are compared at two significant digits: 10,000 and 10,200 are one figure rounded; 10,000 and 12,000
are two."""


@dataclass
class Row:
    """One statement of a claim with what its article says about where it came from."""

    id: int
    article_id: int
    attribution_id: int | None
    start: int
    end: int
    text: str
    cue: str | None
    stance: str | None
    speaker: str | None
    person_id: int | None
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    copy_of: int | None
    credits: list[str] = field(default_factory=list)


def rows(conn: Connection, claim_id: int) -> list[Row]:
    """The claim's statements in time order (undated last), each with its article's outlet, date and print."""
    cs, ar, at, pr = s.claim_statements, s.articles, s.attributions, s.article_prints
    found = conn.execute(
        select(cs.c.id, cs.c.article_id, cs.c.attribution_id, cs.c.start, cs.c.end, cs.c.text, cs.c.cue,
               cs.c.stance, at.c.speaker, at.c.person_id, ar.c.outlet, ar.c.published, ar.c.url, ar.c.title,
               pr.c.copy_of, pr.c.credits)
        .join(ar, ar.c.id == cs.c.article_id).outerjoin(at, at.c.id == cs.c.attribution_id)
        .outerjoin(pr, pr.c.article_id == cs.c.article_id)
        .where(cs.c.claim_id == claim_id)).all()
    out = [Row(r.id, r.article_id, r.attribution_id, r.start, r.end, r.text, r.cue, r.stance, r.speaker, r.person_id,
               r.outlet, r.published, r.url, r.title, r.copy_of, json.loads(r.credits or "[]"))
           for r in found]
    return sorted(out, key=lambda r: (r.published is None, r.published or "", r.article_id, r.start))


def origins(statements: list[Row]) -> list[dict]:
    """Independent origins: statements whose articles are copies of one another, credit the same outlet or agency,
    or quote the same identity are one origin. Each origin lists its articles in time order (its chain of
    reporting) and what it is credited to."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys_of: dict[int, list[str]] = {}
    for r in statements:
        keys = [f"a:{r.copy_of or r.article_id}", *(f"c:{c}" for c in r.credits)]
        if r.person_id is not None:
            keys.append(f"p:{r.person_id}")
        keys_of[r.id] = keys
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
    groups: dict[str, list[Row]] = {}
    for r in statements:
        groups.setdefault(find(keys_of[r.id][0]), []).append(r)
    out = []
    for members in groups.values():
        articles = list(dict.fromkeys(r.article_id for r in members))
        credits = list(dict.fromkeys(c for r in members for c in r.credits))
        speakers = list(dict.fromkeys(r.speaker for r in members if r.person_id is not None and r.speaker))
        chain = list({r.article_id: {"article_id": r.article_id, "outlet": r.outlet, "published": r.published,
                                     "copy_of": r.copy_of, "credits": r.credits} for r in members}.values())
        out.append({"articles": articles, "credit": (credits or speakers or [None])[0], "credits": credits,
                    "speakers": speakers, "outlets": sorted({r.outlet for r in members if r.outlet}),
                    "first_seen": chain[0], "chain": chain})
    for n, origin in enumerate(out, 1):
        origin["id"] = n
    return out


def rounded(value: float) -> float:
    """A figure at ``SIGNIFICANT`` digits, as reports round it."""
    if value == 0:
        return 0.0
    digits = SIGNIFICANT - math.floor(math.log10(abs(value))) - 1
    return round(value, digits)


def quantities(conn: Connection, statements: list[Row]) -> tuple[list[dict], bool]:
    """The figures the statements carry, one entry per distinct figure in order of first report, and whether
    figures that count the same thing (same counted noun and unit) differ beyond rounding."""
    by_article: dict[int, list[Row]] = {}
    for r in statements:
        by_article.setdefault(r.article_id, []).append(r)
    q = s.quantities
    found = conn.execute(select(q.c.article_id, q.c.start, q.c.text, q.c.value, q.c.unit, q.c.qualifier, q.c.counts)
                         .where(q.c.article_id.in_(list(by_article)), q.c.value.is_not(None))
                         .order_by(q.c.article_id, q.c.start)).all()
    variants: dict[tuple, dict] = {}
    order = {r.id: n for n, r in enumerate(statements)}
    hits = []
    for f in found:
        for r in by_article[f.article_id]:
            if r.start <= f.start < r.end:
                hits.append((order[r.id], f, r))
    for _, f, r in sorted(hits, key=lambda h: (h[0], h[1].start)):
        key = (float(f.value), f.qualifier, f.unit, (f.counts or "").lower() or None)
        variant = variants.setdefault(key, {"value": f.value, "qualifier": f.qualifier, "unit": f.unit,
                                            "counts": f.counts, "text": f.text, "statements": [],
                                            "speakers": [], "outlets": [], "first_seen": r.published})
        if r.id not in variant["statements"]:
            variant["statements"].append(r.id)
        for name, value in (("speakers", r.speaker), ("outlets", r.outlet)):
            if value and value not in variant[name]:
                variant[name].append(value)
    listed = list(variants.values())
    measures: dict[tuple, set[float]] = {}
    for v in listed:
        measures.setdefault(((v["counts"] or "").lower(), v["unit"]), set()).add(rounded(float(v["value"])))
    drift = any(len(values) > 1 for (counts, unit), values in measures.items() if counts or unit)
    return listed, drift


def refresh(conn: Connection, claim_id: int) -> None:
    """Recompute a claim's counts from its statements."""
    statements = rows(conn, claim_id)
    if not statements:
        conn.execute(update(s.claims).where(s.claims.c.id == claim_id).values(
            statements=0, articles=0, outlets=0, origins=0, deniers=0, drift=0))
        return
    dated = [r.published for r in statements if r.published]
    deniers = {r.person_id or r.speaker or r.outlet or r.article_id for r in statements if r.stance == "denies"}
    _, drift = quantities(conn, statements)
    conn.execute(update(s.claims).where(s.claims.c.id == claim_id).values(
        statements=len(statements),
        articles=len({r.article_id for r in statements}), outlets=len({r.outlet for r in statements if r.outlet}),
        origins=len(origins(statements)), deniers=len(deniers), drift=int(drift),
        first_seen=min(dated, default=None), last_seen=max(dated, default=None)))
