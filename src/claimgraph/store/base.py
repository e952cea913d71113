"""The Store: open (applying migrations), write one analysed article per transaction, record failures.

SQLite is the default: a plain file in WAL mode that sqlite3 or Datasette can open. PostgreSQL is chosen by URL.
One writer per store; readers use their own connections with a time limit (see ``read``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Iterator, Literal

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..errors import MissingExtra, StoreError
from ..model import Analysis, Failure
from . import migrations, schema

DEFAULT_URL = "sqlite:///claimgraph.db"


@dataclass(frozen=True)
class Added:
    status: Literal["added", "duplicate", "version"]
    article_id: int
    version: int


def normalise_db_url(url: str | None) -> str:
    """``None`` → ./claimgraph.db; a bare path → SQLite; ``postgresql://`` → the psycopg (v3) driver."""
    if not url:
        return DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def open_store(url: str | None = None, query_timeout_ms: int = 5000) -> "Store":
    url = normalise_db_url(url)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})
            writer = create_engine(url, connect_args={"timeout": 30})
            _sqlite_setup(engine, "BEGIN")
            _sqlite_setup(writer, "BEGIN IMMEDIATE")  # take the write lock first, so busy_timeout applies
        else:
            if url.startswith("postgresql+psycopg"):
                _require_psycopg()
            engine = writer = create_engine(url, pool_pre_ping=True)
        store = Store(engine, query_timeout_ms, writer)
        store.migrate()
        return store
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot open store {_without_password(url)}: {reason}") from exc


def _require_psycopg() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise MissingExtra("postgres", "a PostgreSQL store") from exc


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _sqlite_setup(engine: Engine, begin: str) -> None:
    """WAL, foreign keys, and real transactions (pysqlite's implicit ones do not cover DDL)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql(begin)


class Store:
    """``engine`` reads; ``writer`` writes (on SQLite its transactions take the write lock at once)."""

    def __init__(self, engine: Engine, query_timeout_ms: int = 5000, writer: Engine | None = None) -> None:
        self.engine = engine
        self.writer = writer or engine
        self.query_timeout_ms = query_timeout_ms

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> list[int]:
        with self.writer.begin() as conn:
            return migrations.apply(conn)

    def close(self) -> None:
        self.engine.dispose()
        self.writer.dispose()

    # --- writing -------------------------------------------------------------------------------------------------

    def seen(self, raw_hash: str) -> bool:
        """Whether these exact input bytes were stored before (nothing to do, not even analysis)."""
        with self.engine.connect() as conn:
            return conn.execute(select(schema.articles.c.id).where(
                schema.articles.c.raw_hash == raw_hash).limit(1)).first() is not None

    def add(self, analysis: Analysis, origin: str, fetched_at: str | None = None, raw_hash: str | None = None
            ) -> Added:
        """Store one analysed article in one transaction. The same content as the latest version is a duplicate;
        other content at the same URL (new, or an older text come back) is a new version."""
        identity, content_hash = article_identity(analysis)
        for attempt in range(3):
            try:
                with self.writer.begin() as conn:
                    rows = conn.execute(select(schema.articles.c.id, schema.articles.c.version,
                                               schema.articles.c.content_hash)
                                        .where(schema.articles.c.identity == identity)
                                        .order_by(schema.articles.c.version)).all()
                    conn.execute(delete(schema.failed_documents).where(schema.failed_documents.c.locator == origin))
                    if rows and rows[-1].content_hash == content_hash:
                        return Added("duplicate", rows[-1].id, rows[-1].version)
                    version = rows[-1].version + 1 if rows else 1
                    article_id = _insert_article(conn, analysis, identity, content_hash, raw_hash or content_hash,
                                                 version, origin, fetched_at)
                return Added("added" if version == 1 else "version", article_id, version)
            except IntegrityError:
                if attempt == 2:
                    raise  # another writer keeps taking the same version number: give up loudly
        raise AssertionError("unreachable")

    def delete(self, article_id: int) -> bool:
        """Remove one article version; its sentences, statements, entities, figures and times go with it
        (foreign keys cascade, and the full-text triggers follow), and so do the claims only it reported. The
        counts of claims others report too are recomputed by ``claims.link.delete_article``, which calls this."""
        cs = schema.claim_statements
        with self.writer.begin() as conn:
            claims = set(conn.execute(select(cs.c.claim_id).where(cs.c.article_id == article_id,
                                                                  cs.c.claim_id.is_not(None))).scalars())
            gone = conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id)).rowcount > 0
            if claims:
                conn.execute(delete(schema.claims).where(schema.claims.c.id.in_(claims),
                                                         schema.claims.c.id.not_in(select(cs.c.claim_id).where(
                                                             cs.c.claim_id.in_(claims)))))
            return gone

    def record_failure(self, failure: Failure) -> None:
        """Quarantine a document with its reason (and its bytes, when they were read); a document that fails
        again has its attempts counted."""
        now = dt.datetime.now(dt.timezone.utc)
        t = schema.failed_documents
        with self.writer.begin() as conn:
            existing = conn.execute(select(t.c.id, t.c.attempts).where(t.c.locator == failure.locator)).first()
            values = {"reason": failure.reason, "last_failed_at": now, "meta": json.dumps(failure.meta or {})}
            if failure.payload is not None:
                values["payload"] = failure.payload
            if existing is None:
                conn.execute(insert(t).values(locator=failure.locator, attempts=1, first_failed_at=now, **values))
            else:
                conn.execute(update(t).where(t.c.id == existing.id).values(attempts=existing.attempts + 1, **values))

    def failures(self) -> list[Failure]:
        t = schema.failed_documents
        with self.engine.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.id)).all()
        return [Failure(r.locator, r.reason, r.payload, json.loads(r.meta or "{}"), r.attempts) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as conn:
            for table in (schema.articles, schema.sentences, schema.attributions, schema.entities, schema.mentions,
                          schema.quantities, schema.times, schema.failed_documents, schema.people, schema.claims):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    # --- reading -------------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        with self.writer.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def scan(self) -> Iterator[Connection]:
        """A connection without a time limit, for reading everything (an export)."""
        with self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection whose queries are cut off after ``query_timeout_ms``."""
        with self.engine.connect() as conn:
            try:
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(f"SET statement_timeout = {int(self.query_timeout_ms)}")
                    yield conn
                    return
                raw = conn.connection.driver_connection
                raw.set_progress_handler(_Deadline(self.query_timeout_ms).expired, 10_000)
                try:
                    yield conn
                finally:
                    raw.set_progress_handler(None, 0)
            except OperationalError as exc:
                if "interrupted" in str(exc) or "statement timeout" in str(exc):
                    raise StoreError(f"query took longer than {self.query_timeout_ms} ms") from exc
                raise


class _Deadline:
    def __init__(self, ms: int) -> None:
        import time

        self._time = time.monotonic
        self.at = time.monotonic() + ms / 1000

    def expired(self) -> int:
        return 1 if self._time() > self.at else 0


def article_identity(analysis: Analysis) -> tuple[str, str]:
    """(identity, content hash): the normalised URL when there is one, else the hash of the text."""
    content_hash = hashlib.sha256(analysis.text.encode("utf-8")).hexdigest()
    if analysis.article.url:
        from courlan import normalize_url

        try:
            return normalize_url(analysis.article.url, strict=True), content_hash
        except ValueError:
            pass
    return f"sha256:{content_hash}", content_hash


def _insert_article(conn: Connection, analysis: Analysis, identity: str, content_hash: str, raw_hash: str,
                    version: int, origin: str, fetched_at: str | None) -> int:
    art = analysis.article
    article_id = conn.execute(insert(schema.articles).values(
        identity=identity, version=version, content_hash=content_hash, raw_hash=raw_hash, url=art.url, outlet=art.outlet,
        title=art.title, published=art.published, authors=json.dumps(list(art.authors)), language=art.language,
        origin=origin, fetched_at=fetched_at, ingested_at=dt.datetime.now(dt.timezone.utc), text=analysis.text,
        analysis=analysis.to_json(indent=None))).inserted_primary_key[0]
    if analysis.sentences:
        conn.execute(insert(schema.sentences), [
            {"article_id": article_id, "idx": i, "start": s.start, "end": s.end, "role": s.role, "voice": s.voice,
             "certainty": s.certainty, "text": analysis.text[s.start:s.end]}
            for i, s in enumerate(analysis.sentences)])
    index_of = {}
    if analysis.attributions:
        rows = []
        for i, a in enumerate(analysis.attributions):
            index_of[a.id] = i
            rows.append({"article_id": article_id, "idx": i, "kind": a.kind,
                         "speaker": a.speaker,
                         "source_text": a.source.text if a.source else None,
                         "source_start": a.source.start if a.source else None,
                         "source_end": a.source.end if a.source else None,
                         "cue_text": a.cue.text if a.cue else None, "cue_start": a.cue.start if a.cue else None,
                         "cue_end": a.cue.end if a.cue else None,
                         "content_text": a.content_text, "content_start": a.content.start,
                         "content_end": a.parts[-1].end,
                         "certainty": a.certainty, "stance": a.stance, "type": a.type})
        conn.execute(insert(schema.attributions), rows)
    for i, e in enumerate(analysis.entities):
        entity_id = conn.execute(insert(schema.entities).values(
            article_id=article_id, idx=i, name=e.name, type=e.type, roles=json.dumps(list(e.roles)))
        ).inserted_primary_key[0]
        if e.mentions:
            conn.execute(insert(schema.mentions), [{"entity_id": entity_id, "start": m.start, "end": m.end,
                                                    "text": m.text} for m in e.mentions])
    if analysis.quantities:
        rows = []
        for q in analysis.quantities:
            att = analysis.stated_by(q)
            rows.append({"article_id": article_id, "start": q.start, "end": q.end, "text": q.text,
                         "value": q.value, "unit": q.unit, "qualifier": q.qualifier, "counts": q.counts,
                         "per": q.per, "attribution_idx": index_of.get(att.id) if att else None})
        conn.execute(insert(schema.quantities), rows)
    if analysis.times:
        conn.execute(insert(schema.times), [
            {"article_id": article_id, "start": t.start, "end": t.end, "text": t.text,
             "value": "|".join(t.value) if isinstance(t.value, list) else t.value, "precision": t.precision}
            for t in analysis.times])
    return article_id
