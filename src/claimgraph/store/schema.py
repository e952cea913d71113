"""Tables of the store (SQLAlchemy Core). One row per article version; everything else hangs off it.

Offsets are character offsets into ``articles.text``. ``articles.analysis`` keeps the whole claimgraph.analysis/1
document so exports are lossless; the other tables make it queryable.
"""

from __future__ import annotations

from sqlalchemy import (Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("identity", String(2048), nullable=False),      # normalised URL, else "sha256:<content hash>"
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),     # SHA-256 of the article text
    Column("raw_hash", String(64), nullable=False),         # SHA-256 of the input as read: skip it next time
    Column("url", String(2048)),
    Column("outlet", String(512)),
    Column("title", Text),
    Column("published", String(10)),                         # YYYY-MM-DD
    Column("authors", Text),                                 # JSON list
    Column("language", String(16)),
    Column("origin", Text, nullable=False),                  # where it came from: path, URL, JSONL line, WARC record
                                                             # (called "source" before migration 4)
    Column("fetched_at", String(32)),                        # WARC-Date or fetch time, ISO 8601
    Column("ingested_at", DateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False),                # the claimgraph.analysis/1 JSON document
    Column("embedding", LargeBinary),                        # since migration 5: MiniLM vector of the lead, float32
    UniqueConstraint("identity", "version", name="uq_articles_identity_version"),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_raw_hash", articles.c.raw_hash)
Index("ix_articles_outlet", articles.c.outlet)

sentences = Table(
    "sentences", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("role", String(16), nullable=False), Column("voice", String(16)), Column("certainty", String(16)),
    Column("text", Text),                                    # since migration 3
)

attributions = Table(
    "attributions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker", String(512)),                          # canonical entity name, else the source as written
    Column("source_text", Text), Column("source_start", Integer), Column("source_end", Integer),
    Column("cue_text", Text), Column("cue_start", Integer), Column("cue_end", Integer),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False), Column("content_end", Integer, nullable=False),
    Column("certainty", String(16)), Column("stance", String(16)),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),  # since migration 5
    Column("type", String(16)),  # claim, belief, intention, question, topic; since migration 7 (NULL: claim)
    UniqueConstraint("article_id", "idx", name="uq_attributions_article_idx"),
)
Index("ix_attributions_speaker", attributions.c.speaker)
Index("ix_attributions_person", attributions.c.person_id)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("name", String(512), nullable=False), Column("type", String(32), nullable=False),
    Column("roles", Text),                                   # JSON list
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),  # since migration 5
)
Index("ix_entities_name", entities.c.name)
Index("ix_entities_person", entities.c.person_id)

# --- identities across articles (migration 5) ---------------------------------------------------------------------

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(512), nullable=False),              # canonical: the most frequent of the longest names
    Column("type", String(32), nullable=False),               # person, organisation, government, media, …
    Column("aliases", Text, nullable=False),                  # JSON {name as written: articles}
    Column("roles", Text, nullable=False),                    # JSON {role word: articles}, for the linker
    Column("context", Text, nullable=False),                  # JSON {co-mentioned name: articles}, for the linker
    Column("embedding", LargeBinary),                         # mean MiniLM vector of its articles, float32
    Column("articles", Integer, nullable=False),
    Column("first_seen", String(10)), Column("last_seen", String(10)),
)
Index("ix_people_name", people.c.name)

person_keys = Table(
    "person_keys", metadata,                                  # blocking: the words of an identity's names
    Column("key", String(256), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_person_keys_person", person_keys.c.person_id)

person_overrides = Table(
    "person_overrides", metadata,                             # a user's merges and splits, kept across rebuilds
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("rule", String(8), nullable=False),                # "same" or "apart"
    Column("a_article", String(2048), nullable=False), Column("a_name", String(512), nullable=False),
    Column("b_article", String(2048), nullable=False), Column("b_name", String(512), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_mentions_entity", mentions.c.entity_id)

quantities = Table(
    "quantities", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("value", Float), Column("unit", String(32)),
    Column("qualifier", String(16)), Column("counts", String(256)), Column("per", String(16)),
    Column("attribution_idx", Integer),                      # the statement that carries the figure, if any
)
Index("ix_quantities_article", quantities.c.article_id)
Index("ix_quantities_counts", quantities.c.counts)

times = Table(
    "times", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("value", String(64)), Column("precision", String(8)),
)
Index("ix_times_article", times.c.article_id)

# --- claims across articles (migration 6) -------------------------------------------------------------------------

article_prints = Table(
    "article_prints", metadata,                               # what an article's origin is judged by
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),           # MinHash of its word shingles, uint32
    Column("copy_of", Integer, ForeignKey("articles.id", ondelete="SET NULL")),  # an earlier near-duplicate
    Column("credits", Text, nullable=False),                  # JSON list of the outlets and agencies it credits
)

article_bands = Table(
    "article_bands", metadata,                                # blocking for near-duplicates: MinHash LSH bands
    Column("key", String(64), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_article_bands_article", article_bands.c.article_id)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text", Text, nullable=False),                     # its first statement, as written
    Column("statements", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("outlets", Integer, nullable=False),
    Column("origins", Integer, nullable=False),
    Column("deniers", Integer, nullable=False),
    Column("drift", Integer, nullable=False),                 # 1 when its figures differ beyond rounding
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
)
Index("ix_claims_articles", claims.c.articles)

claim_statements = Table(
    "claim_statements", metadata,                             # one per attribution or reported-fact sentence
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="SET NULL")),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("attribution_id", Integer, ForeignKey("attributions.id", ondelete="CASCADE")),
    Column("sentence_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("cue", Text),
    Column("stance", String(16)),                             # supports, denies, reports: toward its claim
    Column("similarity", Float),                              # to its claim when it joined
    Column("embedding", LargeBinary, nullable=False),
)
Index("ix_claim_statements_claim", claim_statements.c.claim_id)
Index("ix_claim_statements_article", claim_statements.c.article_id)

statement_keys = Table(
    "statement_keys", metadata,                               # the nearest-neighbour index: random-hyperplane bands
    Column("key", String(32), primary_key=True),
    Column("statement_id", Integer, ForeignKey("claim_statements.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_statement_keys_statement", statement_keys.c.statement_id)

failed_documents = Table(
    "failed_documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("locator", Text, nullable=False, unique=True),     # path, URL, "file.jsonl:12", "crawl.warc.gz#<uri>"
    Column("reason", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("first_failed_at", DateTime, nullable=False),
    Column("last_failed_at", DateTime, nullable=False),
    Column("payload", LargeBinary),                           # the bytes, when they were read, for --retry-failed
    Column("meta", Text),                                     # JSON: url, published, title, outlet
)

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(256), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)
