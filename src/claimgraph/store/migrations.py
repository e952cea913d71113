"""Registered migrations, applied in order and atomically when a store is opened.

Each migration is a function ``(connection, dialect_name) -> None`` registered with :func:`migration`; the
versions already applied are read from ``schema_migrations``. All pending migrations run in one transaction:
either the store ends up at the latest version or it is left as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy import Connection, inspect, select

from ..errors import StoreError
from . import schema

Migration = Callable[[Connection, str], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if any(v == version for v, _, _ in MIGRATIONS):
            raise StoreError(f"migration {version} registered twice")
        MIGRATIONS.append((version, name, fn))
        MIGRATIONS.sort(key=lambda m: m[0])
        return fn
    return register


def apply(conn: Connection) -> list[int]:
    """Apply pending migrations inside the caller's transaction; returns the versions applied."""
    dialect = conn.dialect.name
    schema.schema_migrations.create(conn, checkfirst=True)
    done = set(conn.execute(select(schema.schema_migrations.c.version)).scalars())
    applied = []
    for version, name, fn in MIGRATIONS:
        if version in done:
            continue
        fn(conn, dialect)
        conn.execute(schema.schema_migrations.insert().values(version=version, name=name,
                                                              applied_at=dt.datetime.now(dt.timezone.utc)))
        applied.append(version)
    return applied


@migration(1, "articles, sentences, attributions, entities, mentions, quantities, times, failed documents")
def _initial(conn: Connection, dialect: str) -> None:
    schema.metadata.create_all(conn, tables=[t for t in schema.metadata.sorted_tables
                                             if t.name != "schema_migrations"])


@migration(2, "full-text search over statements and articles")
def _full_text(conn: Connection, dialect: str) -> None:
    if dialect == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE attributions_fts USING fts5(content_text, speaker, content='attributions', "
            "content_rowid='id', tokenize='porter unicode61')")
        conn.exec_driver_sql(
            "CREATE TRIGGER attributions_fts_ai AFTER INSERT ON attributions BEGIN "
            "INSERT INTO attributions_fts(rowid, content_text, speaker) "
            "VALUES (new.id, new.content_text, new.speaker); END")
        conn.exec_driver_sql(
            "CREATE TRIGGER attributions_fts_ad AFTER DELETE ON attributions BEGIN "
            "INSERT INTO attributions_fts(attributions_fts, rowid, content_text, speaker) "
            "VALUES ('delete', old.id, old.content_text, old.speaker); END")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', "
            "tokenize='porter unicode61')")
        conn.exec_driver_sql(
            "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END")
        conn.exec_driver_sql(
            "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); END")
    elif dialect == "postgresql":
        conn.exec_driver_sql(
            "ALTER TABLE attributions ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(content_text, '') || ' ' || coalesce(speaker, ''))) STORED")
        conn.exec_driver_sql("CREATE INDEX ix_attributions_tsv ON attributions USING gin (tsv)")
        conn.exec_driver_sql(
            "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED")
        conn.exec_driver_sql("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")
    else:
        raise StoreError(f"full-text search is not implemented for {dialect}")


@migration(3, "sentence text, so sentence search reads sentences rather than whole articles")
def _sentence_text(conn: Connection, dialect: str) -> None:
    # Stores made by migration 1 before this column joined schema.py lack it; newer ones already have it.
    if "text" not in {c["name"] for c in inspect(conn).get_columns("sentences")}:
        conn.exec_driver_sql("ALTER TABLE sentences ADD COLUMN text TEXT")
    conn.exec_driver_sql(
        "UPDATE sentences SET text = (SELECT substr(articles.text, sentences.start + 1, "
        "sentences.\"end\" - sentences.start) FROM articles WHERE articles.id = sentences.article_id) "
        "WHERE text IS NULL")


@migration(4, "articles.source renamed origin: where an article came from, not who is quoted")
def _origin(conn: Connection, dialect: str) -> None:
    # Stores made by migration 1 before the rename have "source"; newer ones already have "origin".
    if "source" in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.exec_driver_sql("ALTER TABLE articles RENAME COLUMN source TO origin")


@migration(5, "people: identities across articles, linked from entities and attributions")
def _people(conn: Connection, dialect: str) -> None:
    # Stores made by migration 1 before these joined schema.py lack them; newer ones already have them.
    tables = set(inspect(conn).get_table_names())
    for table in (schema.people, schema.person_keys, schema.person_overrides):
        if table.name not in tables:
            table.create(conn)
    for table, column, kind in (("articles", "embedding", "BYTEA" if dialect == "postgresql" else "BLOB"),
                                ("entities", "person_id", "INTEGER REFERENCES people(id) ON DELETE SET NULL"),
                                ("attributions", "person_id", "INTEGER REFERENCES people(id) ON DELETE SET NULL")):
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    for name, table, column in (("ix_entities_person", "entities", "person_id"),
                                ("ix_attributions_person", "attributions", "person_id")):
        if name not in {i["name"] for i in inspect(conn).get_indexes(table)}:
            conn.exec_driver_sql(f"CREATE INDEX {name} ON {table} ({column})")


@migration(6, "claims across articles: statements, claims, their nearest-neighbour index, article prints")
def _claims(conn: Connection, dialect: str) -> None:
    # Stores made by migration 1 after these joined schema.py already have them.
    tables = set(inspect(conn).get_table_names())
    for table in (schema.article_prints, schema.article_bands, schema.claims, schema.claim_statements,
                  schema.statement_keys):
        if table.name not in tables:
            table.create(conn)


@migration(7, "attribution types: claim, belief, intention, question, topic")
def _attribution_types(conn: Connection, dialect: str) -> None:
    # Rows written before have no type; they were claims and non-claims alike, and are read as claims.
    if "type" not in {c["name"] for c in inspect(conn).get_columns("attributions")}:
        conn.exec_driver_sql("ALTER TABLE attributions ADD COLUMN type VARCHAR(16)")


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    return max(conn.execute(select(schema.schema_migrations.c.version)).scalars(), default=0)
