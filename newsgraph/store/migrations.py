"""Versioned schema migrations (a tiny registry in the style of sqlite-utils' migrations).

``sqlite-migrate`` is not installed, so this module keeps an ordered list of
``Migration(version, name, sql)``. Each pending migration runs in its own
``BEGIN IMMEDIATE`` transaction and is recorded in ``schema_migrations``; the
version is re-checked inside the transaction so two processes opening a new
database at once apply each migration exactly once.

Schema (version 1):
  articles        one row per stored article; article_id = content_hash[:16]
  near_duplicates unordered pairs of near-duplicate article ids (min, max) with a score
  article_actors  each actor as one article saw it (the actors row is recomputed from these)
  actors          merged actor: canonical name (dictionary name if any, else most frequent)
  actor_aliases   surface forms with their mention counts, summed over articles
  actor_roles     free-text roles with the article they came from
  mentions        character spans of article text tied to an actor
  evidence        one row per extracted event (per sentence/trigger) with all its attributes;
                  event_id points at the merged event it currently belongs to
  events          merged events recomputed from their evidence (see store/merge.py)
  event_actors    source/target/mediator actors of a merged event
  problems        inputs that could not be used; count = runs that saw the problem
  actor_fts       FTS5 over actor name + aliases (ref = actor id, rowid = fts_rowid(id))
  evidence_fts    FTS5 over evidence sentences (ref = evidence_id, rowid = fts_rowid(id))
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


SCHEMA_V1 = """
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT, url TEXT, outlet TEXT,
    published TEXT, published_basis TEXT,
    source_path TEXT, language TEXT,
    text TEXT NOT NULL,
    near_duplicate_of TEXT, near_duplicate_score REAL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_doc ON articles(doc_id);
CREATE TABLE near_duplicates (
    article_id TEXT NOT NULL, other_id TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX near_duplicates_other ON near_duplicates(other_id);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, sector TEXT, in_dictionary INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, sector TEXT, in_dictionary INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX article_actors_actor ON article_actors(actor_id);
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id), alias TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, alias)
);
CREATE TABLE actor_roles (
    actor_id TEXT NOT NULL REFERENCES actors(id), role TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(article_id),
    PRIMARY KEY (actor_id, role, article_id)
);
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id), how TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end", actor_id)
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE TABLE evidence (
    evidence_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL, record_event_id TEXT,
    merge_group TEXT NOT NULL,
    type TEXT NOT NULL, mode TEXT, cameo TEXT,
    source_ids TEXT NOT NULL, target_ids TEXT NOT NULL, mediator_ids TEXT NOT NULL,
    sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    trigger TEXT, trigger_start INTEGER,
    status TEXT NOT NULL, reported_by TEXT,
    date TEXT, date_precision TEXT, date_text TEXT,
    location_name TEXT, location_country TEXT, lat REAL, lon REAL, location_precision TEXT,
    confidence REAL NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);
CREATE INDEX evidence_group ON evidence(merge_group);
CREATE INDEX evidence_article ON evidence(article_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY, merge_group TEXT NOT NULL,
    type TEXT NOT NULL, mode TEXT, cameo TEXT,
    status TEXT NOT NULL, reported_by TEXT,
    date TEXT, date_precision TEXT, date_start TEXT, date_end TEXT,
    location_name TEXT, location_country TEXT, lat REAL, lon REAL, location_precision TEXT,
    confidence REAL NOT NULL,
    mention_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
    disputed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_group ON events(merge_group);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_type ON events(type);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target', 'mediator')),
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);
CREATE TABLE problems (
    path TEXT NOT NULL, record TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_run TEXT,
    count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (path, record, reason)
);
CREATE VIRTUAL TABLE actor_fts USING fts5(
    text, ref UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE evidence_fts USING fts5(
    text, ref UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Version 2: keep each article's MinHash signature (JSON list) so later runs can
# link near-duplicates of articles stored earlier.
SCHEMA_V2 = "ALTER TABLE articles ADD COLUMN minhash TEXT;"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", SCHEMA_V1),
    Migration(2, "article minhash", SCHEMA_V2),
)
LATEST_VERSION = MIGRATIONS[-1].version


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )


def current_version(conn: sqlite3.Connection) -> int:
    """Highest applied migration, 0 for a new database."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if row is None:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply pending migrations; return the versions applied now (autocommit connection)."""
    applied: list[int] = []
    for m in migrations:
        if current_version(conn) >= m.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            _ensure_table(conn)
            if current_version(conn) >= m.version:  # another process got there first
                conn.execute("ROLLBACK")
                continue
            for stmt in _statements(m.sql):
                conn.execute(stmt)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (m.version, m.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {m.version} ({m.name}) failed: {exc}") from exc
        applied.append(m.version)
    return applied


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would COMMIT our transaction)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
