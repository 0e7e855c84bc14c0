"""Read queries over the SQLite schema: the one place where read SQL lives.

Each function takes a connection and already-validated arguments and returns a
pandas DataFrame; ``newsgraph.api.KnowledgeBase`` validates user input and
resolves names to ids before calling them.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

EVENT_COLUMNS = [
    "id", "date", "date_precision", "type", "mode", "cameo", "source", "source_ids",
    "target", "target_ids", "mediator", "mediator_ids", "status", "reported_by",
    "reported_by_id", "location", "country", "lat", "lon", "mention_count", "source_count",
    "confidence", "disputed", "first_sentence", "urls",
]


@dataclass
class EventFilter:
    """Validated filters for events(); ids are actor ids, dates ISO days."""

    actor_ids: list[str] | None = None
    types: list[str] | None = None
    statuses: list[str] | None = None
    since: str | None = None
    until: str | None = None
    reported_by_ids: list[str] | None = None
    event_ids: list[str] | None = None
    limit: int | None = None
    params: list[Any] = field(default_factory=list)

    def where(self) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if self.actor_ids is not None:
            conds.append("e.id IN (SELECT event_id FROM event_actors"
                         " WHERE actor_id IN (SELECT value FROM json_each(?)))")
            params.append(json.dumps(self.actor_ids))
        if self.types is not None:
            conds.append("e.type IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(self.types))
        if self.statuses is not None:
            conds.append("e.status IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(self.statuses))
        if self.since is not None:
            conds.append("e.date_end >= ?")
            params.append(self.since)
        if self.until is not None:
            conds.append("e.date_start <= ?")
            params.append(self.until)
        if self.reported_by_ids is not None:
            conds.append("e.id IN (SELECT event_id FROM evidence"
                         " WHERE reported_by IN (SELECT value FROM json_each(?)))")
            params.append(json.dumps(self.reported_by_ids))
        if self.event_ids is not None:
            conds.append("e.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(self.event_ids))
        return (" WHERE " + " AND ".join(conds)) if conds else "", params


def actor_names(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    """(actor_id, name-or-alias, 'id'|'name'|'alias', count) for name matching."""
    out = [(r[0], r[0], "id", 0) for r in conn.execute("SELECT id FROM actors")]
    out += [(r[0], r[1], "name", 0) for r in conn.execute("SELECT id, name FROM actors")]
    out += [(r[0], r[1], "alias", r[2])
            for r in conn.execute("SELECT actor_id, alias, count FROM actor_aliases")]
    return out


def events(conn: sqlite3.Connection, f: EventFilter) -> pd.DataFrame:
    where, params = f.where()
    sql = ("SELECT e.* FROM events e" + where
           + " ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.type, e.id")
    if f.limit is not None:
        sql += " LIMIT ?"
        params.append(f.limit)
    rows = conn.execute(sql, params).fetchall()
    ids = json.dumps([r["id"] for r in rows])
    roles: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for r in conn.execute(
        "SELECT ea.event_id, ea.role, ea.actor_id, COALESCE(a.name, ea.actor_id) AS name"
        " FROM event_actors ea LEFT JOIN actors a ON a.id = ea.actor_id"
        " WHERE ea.event_id IN (SELECT value FROM json_each(?))"
        " ORDER BY ea.event_id, ea.role, name, ea.actor_id", (ids,)):
        roles[(r["event_id"], r["role"])].append((r["actor_id"], r["name"]))
    first: dict[str, str] = {}
    urls: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute(
        "SELECT v.event_id, v.sentence, a.url FROM evidence v JOIN articles a USING(article_id)"
        " WHERE v.event_id IN (SELECT value FROM json_each(?))"
        " ORDER BY v.event_id, a.published IS NULL, a.published, v.article_id, v.start", (ids,)):
        first.setdefault(r["event_id"], r["sentence"])
        if r["url"] and r["url"] not in urls[r["event_id"]]:
            urls[r["event_id"]].append(r["url"])
    names = dict(conn.execute("SELECT id, name FROM actors").fetchall()) if rows else {}
    records = []
    for r in rows:
        eid = r["id"]

        def join(role: str, i: int, eid: str = eid) -> str:
            return "; ".join(p[i] for p in roles.get((eid, role), []))

        records.append({
            "id": eid, "date": r["date"], "date_precision": r["date_precision"],
            "type": r["type"], "mode": r["mode"], "cameo": r["cameo"],
            "source": join("source", 1), "source_ids": join("source", 0),
            "target": join("target", 1), "target_ids": join("target", 0),
            "mediator": join("mediator", 1), "mediator_ids": join("mediator", 0),
            "status": r["status"],
            "reported_by": names.get(r["reported_by"], r["reported_by"]),
            "reported_by_id": r["reported_by"],
            "location": r["location_name"], "country": r["location_country"],
            "lat": r["lat"], "lon": r["lon"],
            "mention_count": r["mention_count"], "source_count": r["source_count"],
            "confidence": r["confidence"], "disputed": bool(r["disputed"]),
            "first_sentence": first.get(eid), "urls": "; ".join(urls.get(eid, [])),
        })
    return pd.DataFrame.from_records(records, columns=EVENT_COLUMNS)


def event_roles(conn: sqlite3.Connection, actor_ids: list[str]) -> pd.DataFrame:
    """Every (event, role of the actor, counterpart, counterpart role) for relations."""
    sql = (
        "SELECT e.id AS event_id, e.type, e.date, e.date_precision, e.reported_by,"
        " me.actor_id AS actor_id, me.role AS role,"
        " other.actor_id AS counterpart_id, COALESCE(a.name, other.actor_id) AS counterpart,"
        " other.role AS counterpart_role"
        " FROM event_actors me JOIN events e ON e.id = me.event_id"
        " JOIN event_actors other ON other.event_id = me.event_id"
        "  AND other.actor_id NOT IN (SELECT value FROM json_each(?))"
        " LEFT JOIN actors a ON a.id = other.actor_id"
        " WHERE me.actor_id IN (SELECT value FROM json_each(?))"
        " ORDER BY e.date_start, e.id, other.actor_id"
    )
    ids = json.dumps(actor_ids)
    return pd.read_sql_query(sql, conn, params=(ids, ids))


def actors(conn: sqlite3.Connection, kind: str | None, limit: int | None,
           ids: list[str] | None = None) -> pd.DataFrame:
    conds, params = [], []
    if kind is not None:
        conds.append("a.kind = ?")
        params.append(kind)
    if ids is not None:
        conds.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(ids))
    sql = (
        "SELECT a.id, a.name, a.kind, a.country, a.sector, a.in_dictionary,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions,"
        " (SELECT COUNT(DISTINCT event_id) FROM event_actors ea WHERE ea.actor_id = a.id)"
        "   AS events,"
        " (SELECT COUNT(*) FROM article_actors aa WHERE aa.actor_id = a.id) AS articles"
        " FROM actors a" + (" WHERE " + " AND ".join(conds) if conds else "")
        + " ORDER BY mentions DESC, events DESC, a.name, a.id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    df = pd.read_sql_query(sql, conn, params=params)
    top: dict[str, list[str]] = defaultdict(list)
    for r in conn.execute("SELECT actor_id, alias FROM actor_aliases"
                          " ORDER BY actor_id, count DESC, alias"):
        if len(top[r[0]]) < 5:
            top[r[0]].append(r[1])
    df.insert(5, "aliases", ["; ".join(a for a in top.get(i, []) if a != n)
                             for i, n in zip(df["id"], df["name"], strict=True)])
    df["in_dictionary"] = df["in_dictionary"].astype(bool)
    return df


def aliases(conn: sqlite3.Connection, actor_id: str) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT alias, count FROM actor_aliases WHERE actor_id = ? ORDER BY count DESC, alias",
        conn, params=(actor_id,))


def roles(conn: sqlite3.Connection, actor_id: str) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT role, COUNT(*) AS articles FROM actor_roles WHERE actor_id = ?"
        " GROUP BY role ORDER BY articles DESC, role", conn, params=(actor_id,))


def event_exists(conn: sqlite3.Connection, event_id: str) -> bool:
    return conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None


def evidence(conn: sqlite3.Connection, event_id: str) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT v.sentence, a.title, a.outlet, a.url, a.published, v.status,"
        " COALESCE(r.name, v.reported_by) AS reported_by, v.reported_by AS reported_by_id,"
        ' v.start, v."end", v.trigger, v.trigger_start, v.date, v.date_precision,'
        " v.location_name AS location, v.confidence, v.article_id, v.doc_id,"
        " a.near_duplicate_of, v.evidence_id"
        " FROM evidence v JOIN articles a USING(article_id)"
        " LEFT JOIN actors r ON r.id = v.reported_by"
        " WHERE v.event_id = ?"
        " ORDER BY a.published IS NULL, a.published, v.article_id, v.start",
        conn, params=(event_id,))


def articles(conn: sqlite3.Connection) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT a.article_id, a.doc_id, a.content_hash, a.title, a.url, a.outlet, a.published,"
        " a.published_basis, a.source_path, a.language, a.near_duplicate_of,"
        " a.near_duplicate_score, a.ingested_at,"
        " (SELECT COUNT(*) FROM evidence v WHERE v.article_id = a.article_id) AS events,"
        " (SELECT COUNT(*) FROM article_actors x WHERE x.article_id = a.article_id) AS actors"
        " FROM articles a ORDER BY a.published IS NULL, a.published, a.article_id", conn)


def problems(conn: sqlite3.Connection) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT path, NULLIF(record, '') AS record, reason, first_seen, last_seen, count"
        " FROM problems ORDER BY path, record, reason", conn)


def summary(conn: sqlite3.Connection) -> dict[str, Any]:
    one = conn.execute
    lo, hi = one("SELECT MIN(date_start), MAX(date_end) FROM events").fetchone()
    return {
        "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
        "near_duplicates": one("SELECT COUNT(*) FROM articles"
                               " WHERE near_duplicate_of IS NOT NULL").fetchone()[0],
        "actors": one("SELECT COUNT(*) FROM actors").fetchone()[0],
        "actors_by_kind": dict(one("SELECT kind, COUNT(*) FROM actors GROUP BY kind"
                                   " ORDER BY kind").fetchall()),
        "events": one("SELECT COUNT(*) FROM events").fetchone()[0],
        "evidence": one("SELECT COUNT(*) FROM evidence").fetchone()[0],
        "events_by_type": dict(one("SELECT type, COUNT(*) FROM events GROUP BY type"
                                   " ORDER BY type").fetchall()),
        "events_by_status": dict(one("SELECT status, COUNT(*) FROM events GROUP BY status"
                                     " ORDER BY status").fetchall()),
        "disputed_events": one("SELECT COUNT(*) FROM events WHERE disputed").fetchone()[0],
        "problems": one("SELECT COALESCE(SUM(count), 0) FROM problems").fetchone()[0],
        "date_range": (lo, hi),
    }


def search(conn: sqlite3.Connection, match: str, limit: int) -> pd.DataFrame:
    """FTS5 search; ``match`` must already be a safe FTS5 expression."""
    return pd.read_sql_query(
        "SELECT * FROM ("
        " SELECT 'actor' AS kind, a.id AS id, a.name AS text,"
        "  snippet(actor_fts, 0, '[', ']', '…', 12) AS snippet, NULL AS article_id,"
        "  bm25(actor_fts) AS score"
        "  FROM actor_fts JOIN actors a ON a.id = actor_fts.ref WHERE actor_fts MATCH ?"
        " UNION ALL"
        " SELECT 'evidence', v.event_id, v.sentence,"
        "  snippet(evidence_fts, 0, '[', ']', '…', 12), v.article_id, bm25(evidence_fts)"
        "  FROM evidence_fts JOIN evidence v ON v.evidence_id = evidence_fts.ref"
        "  WHERE evidence_fts MATCH ?"
        ") ORDER BY score, kind, id LIMIT ?",
        conn, params=(match, match, limit))


def data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits: a cache key for name tables."""
    return conn.execute("PRAGMA data_version").fetchone()[0]
