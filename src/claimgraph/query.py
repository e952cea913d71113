"""The read side shared by the CLI and the web: search statements, rank speakers, export the store.

Every query runs through ``Store.read()`` and so has a time limit. Only the latest version of each article is
searched and counted.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from sqlalchemy import and_, exists, func, select, text
from sqlalchemy.orm import aliased

from .store import Store
from .store import schema as s

def _latest():
    newer = aliased(s.articles, name="newer")
    return ~exists().where(and_(newer.c.identity == s.articles.c.identity, newer.c.version > s.articles.c.version))


def search(store: Store, query: str = "", speaker: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, kind: str | None = None,
           limit: int = 20, offset: int = 0) -> list[dict]:
    """Statements whose content (or speaker) matches ``query``, best first, with their article."""
    a, ar = s.attributions, s.articles
    stmt = (select(a.c.id, a.c.article_id, a.c.speaker, a.c.source_text, a.c.cue_text, a.c.kind,
                   a.c.content_text, a.c.certainty, a.c.stance, ar.c.title, ar.c.outlet, ar.c.published, ar.c.url)
            .join(ar, ar.c.id == a.c.article_id).where(_latest()))
    terms = re.findall(r"\w+", query or "")
    if terms:
        if store.dialect == "sqlite":
            match = " ".join(f'"{t}"' for t in terms)
            stmt = stmt.where(a.c.id.in_(select(text("rowid")).select_from(text("attributions_fts"))
                                         .where(text("attributions_fts MATCH :match")))).params(match=match)
        else:
            stmt = stmt.where(text("attributions.tsv @@ plainto_tsquery('english', :q)")).params(q=" ".join(terms))
    if speaker:
        stmt = stmt.where(func.lower(a.c.speaker).contains(speaker.lower()))
    if outlet:
        stmt = stmt.where(func.lower(ar.c.outlet).contains(outlet.lower()))
    if since:
        stmt = stmt.where(ar.c.published >= since)
    if until:
        stmt = stmt.where(ar.c.published <= until)
    if kind:
        stmt = stmt.where(a.c.kind == kind)
    stmt = stmt.order_by(ar.c.published.desc(), a.c.article_id, a.c.idx).limit(limit).offset(offset)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def speakers(store: Store, outlet: str | None = None, limit: int = 50) -> list[dict]:
    """Who is quoted most: statements, articles, first and last publication date."""
    a, ar = s.attributions, s.articles
    stmt = (select(a.c.speaker, func.count().label("statements"),
                   func.count(func.distinct(a.c.article_id)).label("articles"),
                   func.min(ar.c.published).label("first"), func.max(ar.c.published).label("last"))
            .join(ar, ar.c.id == a.c.article_id).where(_latest(), a.c.speaker.is_not(None))
            .group_by(a.c.speaker).order_by(func.count().desc(), a.c.speaker).limit(limit))
    if outlet:
        stmt = stmt.where(func.lower(ar.c.outlet).contains(outlet.lower()))
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


EXPORT_FORMATS = ("jsonl", "csv", "parquet", "brat")
_STATEMENT_COLUMNS = ("article_id", "url", "outlet", "published", "title", "speaker", "source_text", "cue_text",
                      "kind", "content_text", "certainty", "stance")


def export(store: Store, fmt: str, out: Path) -> list[Path]:
    """Write the store: ``jsonl`` (one analysis document per article), ``csv`` and ``parquet`` (one row per
    statement), ``brat`` (NAME.txt + NAME.ann per article)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    out.mkdir(parents=True, exist_ok=True)
    if fmt in {"jsonl", "brat"}:
        return _export_documents(store, fmt, out)
    rows = _statement_rows(store)
    if fmt == "csv":
        path = out / "statements.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=_STATEMENT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        return [path]
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = out / "statements.parquet"
    table = pa.table({c: [r[c] for r in rows] for c in _STATEMENT_COLUMNS},
                     schema=pa.schema([(c, pa.int64() if c == "article_id" else pa.string())
                                       for c in _STATEMENT_COLUMNS]))
    pq.write_table(table, path)
    return [path]


def _statement_rows(store: Store) -> list[dict]:
    a, ar = s.attributions, s.articles
    stmt = (select(a.c.article_id, ar.c.url, ar.c.outlet, ar.c.published, ar.c.title, a.c.speaker, a.c.source_text,
                   a.c.cue_text, a.c.kind, a.c.content_text, a.c.certainty, a.c.stance)
            .join(ar, ar.c.id == a.c.article_id).where(_latest()).order_by(a.c.article_id, a.c.idx))
    with store.engine.connect() as conn:  # an export reads everything: no time limit
        return [dict(r._mapping) for r in conn.execute(stmt)]


def _export_documents(store: Store, fmt: str, out: Path) -> list[Path]:
    from .eval.brat import BRAT_CONF, to_brat
    from .model import Analysis

    ar = s.articles
    stmt = select(ar.c.id, ar.c.analysis).where(_latest()).order_by(ar.c.id)
    written = []
    with store.engine.connect() as conn:
        if fmt == "jsonl":
            path = out / "articles.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for row in conn.execute(stmt):
                    fh.write(json.dumps({"id": row.id, **json.loads(row.analysis)}, ensure_ascii=False) + "\n")
            return [path]
        for row in conn.execute(stmt):
            analysis = Analysis.from_dict(json.loads(row.analysis))
            (out / f"article-{row.id}.txt").write_text(analysis.text, encoding="utf-8", newline="")
            (out / f"article-{row.id}.ann").write_text(to_brat(analysis), encoding="utf-8")
            written.append(out / f"article-{row.id}.ann")
        (out / "annotation.conf").write_text(BRAT_CONF, encoding="utf-8")
    return written
