"""SQLite store: one file, WAL journal, versioned migrations, atomic per-article writes.

Concurrency: WAL lets readers query while one writer commits; ``busy_timeout``
(30 s) makes short write contention wait instead of failing. Whole ingests are
serialised by :meth:`SQLiteStore.writer_lock`, an ``fcntl`` lock on the sidecar
file ``<db>.lock`` holding the owner's pid: the kernel drops the lock when its
process dies (even by SIGKILL), so a lock left by a killed ingest is simply
taken over by the next one; the pid is only used for the error message.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.errors import StoreBusyError, StoreError
from newsgraph.records import ArticleAnalysis, Event, InputProblem
from newsgraph.store.merge import (
    EvidenceRow,
    date_bounds,
    ids_text,
    merge_group,
    merge_group_rows,
    short_hash,
)
from newsgraph.store.migrations import LATEST_VERSION, current_version, migrate
from newsgraph.store.plover import load_plover

BUSY_TIMEOUT_MS = 30_000
_ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def article_id_for(content_hash: str) -> str:
    """Deterministic article id: the first 16 characters of the content hash."""
    return content_hash[:16]


def fts_rowid(key: str) -> int:
    """Deterministic FTS rowid for an id (stable across VACUUM, unlike implicit rowids)."""
    return int(short_hash(key, n=15), 16)


def _checked_date(e: Event) -> tuple[str | None, str | None, str | None]:
    """(value, precision, text) of an event date; a malformed value is kept only as text."""
    if e.date is None:
        return None, None, None
    value = str(e.date.value or "")
    m = _ISO.match(value)
    if not m:
        return None, None, " ".join(x for x in (e.date.text, value) if x) or None
    precision = {4: "year", 7: "month"}.get(len(value), "day")
    return value, precision, e.date.text or None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore:
    """The newsgraph database in one SQLite file (see store/migrations.py for the schema)."""

    def __init__(self, path: str | Path, *, readonly: bool = False,
                 plover_files: Iterable[str | Path] = ()) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.run_id = uuid.uuid4().hex  # problems count once per store instance (one run)
        self.symmetric = load_plover(plover_files).symmetric
        self._lock_fd: int | None = None
        if readonly and not self.path.exists():
            raise StoreError(f"no database at {self.path} (run an ingest first)")
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                       check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn = conn
        try:
            if readonly:
                version = current_version(conn)
                if version != LATEST_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}, this newsgraph expects "
                        f"{LATEST_VERSION}; open it once for writing (an ingest) to upgrade"
                    )
            else:
                migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{self.path} is not a newsgraph database: {exc}") from exc

    # ------------------------------------------------------------------ basics
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreBusyError(f"{self.path} is busy: {exc}") from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def writer_lock(self, timeout: float = 0.0) -> Iterator[None]:
        """Hold the ingest lock (``<db>.lock``); wait up to ``timeout`` s, then StoreBusyError."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    os.close(fd)
                    raise StoreBusyError(
                        f"another ingest is writing to {self.path} (pid {holder}); "
                        "wait for it or use another --db"
                    ) from None
                time.sleep(0.1)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
            self._lock_fd = fd
            yield
        finally:
            self._lock_fd = None
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    # ------------------------------------------------------------------ reads used by ingest
    def minhashes(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        """(content_hash, MinHash signature) of every stored article that has one."""
        rows = self.conn.execute(
            "SELECT content_hash, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY article_id"
        ).fetchall()
        for content_hash, sig in rows:
            yield content_hash, tuple(json.loads(sig))

    def has_article(self, content_hash: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    # ------------------------------------------------------------------ writes
    def add(self, analysis: ArticleAnalysis, *,
            near_duplicates: Iterable[tuple[str, float]] = ()) -> bool:
        """Store one article with its actors, mentions and events in one transaction.

        ``near_duplicates`` are (content_hash of an earlier article, score) pairs.
        Returns False, changing nothing, when the content hash is already stored.
        """
        art = analysis.article
        aid = article_id_for(art.content_hash)
        with self.transaction() as c:
            if self.has_article(art.content_hash):
                return False
            c.execute(
                "INSERT INTO articles(article_id, doc_id, content_hash, title, url, outlet,"
                " published, published_basis, source_path, language, text, ingested_at, minhash)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, art.doc_id, art.content_hash, art.title, art.url, art.outlet,
                 art.published, art.published_basis, art.source_path, art.language,
                 art.text, _now(), json.dumps(list(art.minhash)) if art.minhash else None),
            )
            for other_hash, score in near_duplicates:
                self._insert_pair(aid, article_id_for(other_hash), score)
            self._add_actors(aid, analysis)
            groups = self._add_evidence(aid, analysis.events)
            affected = self._refresh_near_duplicates({aid})
            groups |= self._groups_of_articles(affected - {aid})
            self._recompute_groups(groups)
        return True

    def link_near_duplicate(self, article_hash: str, other_hash: str, score: float) -> None:
        """Record two articles as near-duplicates; their shared events count one source."""
        a, b = article_id_for(article_hash), article_id_for(other_hash)
        if a == b:
            return
        with self.transaction():
            self._insert_pair(a, b, score)
            affected = self._refresh_near_duplicates({a, b})
            self._recompute_groups(self._groups_of_articles(affected))

    def add_problem(self, problem: InputProblem) -> None:
        """Record an unusable input; repeated within one run it is counted once."""
        now = _now()
        with self.transaction() as c:
            c.execute(
                "INSERT INTO problems(path, record, reason, first_seen, last_seen, last_run, count)"
                " VALUES (?,?,?,?,?,?,1)"
                " ON CONFLICT(path, record, reason) DO UPDATE SET"
                " count = count + (last_run IS NOT excluded.last_run),"
                " last_seen = excluded.last_seen, last_run = excluded.last_run",
                (problem.path, problem.record or "", problem.reason, now, now, self.run_id),
            )

    # ------------------------------------------------------------------ internals
    def _insert_pair(self, a: str, b: str, score: float) -> None:
        lo, hi = sorted((a, b))
        self.conn.execute(
            "INSERT INTO near_duplicates(article_id, other_id, score) VALUES (?,?,?)"
            " ON CONFLICT(article_id, other_id) DO UPDATE SET score = MAX(score, excluded.score)",
            (lo, hi, float(score)),
        )

    def _component(self, article_id: str) -> set[str]:
        rows = self.conn.execute(
            "WITH RECURSIVE comp(id) AS (SELECT ? UNION"
            " SELECT CASE WHEN n.article_id = comp.id THEN n.other_id ELSE n.article_id END"
            " FROM near_duplicates n JOIN comp ON n.article_id = comp.id OR n.other_id = comp.id)"
            " SELECT id FROM comp",
            (article_id,),
        ).fetchall()
        return {r[0] for r in rows}

    def _refresh_near_duplicates(self, seeds: set[str]) -> set[str]:
        """Set near_duplicate_of (= smallest id of the group) for the seeds' groups."""
        affected: set[str] = set()
        for seed in sorted(seeds):
            comp = self._component(seed)
            affected |= comp
            root = min(comp)
            for aid in comp:
                score = self.conn.execute(
                    "SELECT MAX(score) FROM near_duplicates WHERE article_id = ? OR other_id = ?",
                    (aid, aid),
                ).fetchone()[0]
                self.conn.execute(
                    "UPDATE articles SET near_duplicate_of = ?, near_duplicate_score = ?"
                    " WHERE article_id = ?",
                    (None if aid == root else root, None if aid == root else score, aid),
                )
        return affected

    def _groups_of_articles(self, article_ids: Iterable[str]) -> set[str]:
        groups: set[str] = set()
        for aid in article_ids:
            groups |= {r[0] for r in self.conn.execute(
                "SELECT DISTINCT merge_group FROM evidence WHERE article_id = ?", (aid,))}
        return groups

    def _add_actors(self, aid: str, analysis: ArticleAnalysis) -> None:
        c = self.conn
        mention_counts: dict[str, Counter[str]] = {}
        for m in analysis.mentions:
            mention_counts.setdefault(m.actor_id, Counter())[m.text] += 1
        known = {a.id for a in analysis.actors}
        for actor_id in sorted(set(mention_counts) - known):  # mentions of undeclared actors
            name = mention_counts[actor_id].most_common(1)[0][0]
            kind = actor_id.split(":", 1)[0] if ":" in actor_id else "organization"
            kind = {"org": "organization", "country": "country", "person": "person"}.get(
                kind, "organization")
            self._add_actor_row(aid, actor_id, name, kind, None, None, False)
        for a in sorted(analysis.actors, key=lambda a: a.id):
            self._add_actor_row(aid, a.id, a.name, a.kind, a.country, a.sector, a.in_dictionary)
            counts = Counter(mention_counts.get(a.id, Counter()))
            for alias in [a.name, *a.aliases]:
                counts[alias] = max(counts[alias], 1)
            for alias, n in sorted(counts.items()):
                c.execute(
                    "INSERT INTO actor_aliases(actor_id, alias, count) VALUES (?,?,?)"
                    " ON CONFLICT(actor_id, alias) DO UPDATE SET count = count + excluded.count",
                    (a.id, alias, n),
                )
            for role in sorted(set(a.roles)):
                c.execute("INSERT OR IGNORE INTO actor_roles(actor_id, role, article_id)"
                          " VALUES (?,?,?)", (a.id, role, aid))
        for actor_id in sorted(set(mention_counts) - known):
            for alias, n in sorted(mention_counts[actor_id].items()):
                c.execute(
                    "INSERT INTO actor_aliases(actor_id, alias, count) VALUES (?,?,?)"
                    " ON CONFLICT(actor_id, alias) DO UPDATE SET count = count + excluded.count",
                    (actor_id, alias, n),
                )
        c.executemany(
            'INSERT OR IGNORE INTO mentions(article_id, start, "end", text, actor_id, how)'
            " VALUES (?,?,?,?,?,?)",
            [(aid, m.start, m.end, m.text, m.actor_id, m.how) for m in analysis.mentions],
        )
        for actor_id in sorted(known | set(mention_counts)):
            self._recompute_actor(actor_id)

    def _add_actor_row(self, aid: str, actor_id: str, name: str, kind: str,
                       country: str | None, sector: str | None, in_dict: bool) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO article_actors(article_id, actor_id, name, kind, country,"
            " sector, in_dictionary) VALUES (?,?,?,?,?,?,?)",
            (aid, actor_id, name, kind, country, sector, int(in_dict)),
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO actors(id, name, kind, country, sector, in_dictionary)"
            " VALUES (?,?,?,?,?,?)", (actor_id, name, kind, country, sector, int(in_dict)),
        )

    def _recompute_actor(self, actor_id: str) -> None:
        """Merged actor row from every article's view of it (order-independent)."""
        rows = self.conn.execute(
            "SELECT name, kind, country, sector, in_dictionary FROM article_actors"
            " WHERE actor_id = ?", (actor_id,),
        ).fetchall()
        in_dict = any(r["in_dictionary"] for r in rows)
        pool = [r for r in rows if r["in_dictionary"]] if in_dict else rows
        names = Counter(r["name"] for r in pool)
        name = min(names, key=lambda n: (-names[n], -len(n), n))

        def common(col: str) -> str | None:
            vals = Counter(r[col] for r in pool if r[col]) or Counter(r[col] for r in rows if r[col])
            return min(vals, key=lambda v: (-vals[v], v)) if vals else None

        self.conn.execute(
            "UPDATE actors SET name = ?, kind = ?, country = ?, sector = ?, in_dictionary = ?"
            " WHERE id = ?",
            (name, common("kind") or "organization", common("country"), common("sector"),
             int(in_dict), actor_id),
        )
        rowid = fts_rowid(actor_id)
        aliases = [r[0] for r in self.conn.execute(
            "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,))]
        self.conn.execute("DELETE FROM actor_fts WHERE rowid = ?", (rowid,))
        self.conn.execute("INSERT INTO actor_fts(rowid, text, ref) VALUES (?, ?, ?)",
                          (rowid, " | ".join(dict.fromkeys([name, *aliases])), actor_id))

    def _add_evidence(self, aid: str, events: list[Event]) -> set[str]:
        groups: set[str] = set()
        for e in events:
            group = merge_group(e.type, e.source, e.target, self.symmetric)
            ev = e.evidence
            eid = "x" + short_hash(aid, ev.start, ev.trigger_start, group, e.status,
                                   ids_text(e.mediator))
            loc = e.location
            date, precision, date_text = _checked_date(e)
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO evidence(evidence_id, event_id, article_id, doc_id,"
                " record_event_id, merge_group, type, mode, cameo, source_ids, target_ids,"
                ' mediator_ids, sentence, start, "end", trigger, trigger_start, status,'
                " reported_by, date, date_precision, date_text, location_name,"
                " location_country, lat, lon, location_precision, confidence)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (eid, "", aid, e.doc_id, e.id, group, e.type.upper(), e.mode, e.cameo,
                 json.dumps(list(e.source)), json.dumps(list(e.target)),
                 json.dumps(sorted(set(e.mediator))), ev.sentence, ev.start, ev.end,
                 ev.trigger, ev.trigger_start, e.status, e.reported_by,
                 date, precision, date_text,
                 loc.name if loc else None, loc.country if loc else None,
                 loc.lat if loc else None, loc.lon if loc else None,
                 loc.precision if loc else None, float(e.confidence)),
            )
            if cur.rowcount:
                self.conn.execute("INSERT INTO evidence_fts(rowid, text, ref) VALUES (?, ?, ?)",
                                  (fts_rowid(eid), ev.sentence, eid))
            groups.add(group)
        return groups

    def _recompute_groups(self, groups: Iterable[str]) -> None:
        """Rebuild the merged events of each merge group from all its evidence rows."""
        roots: dict[str, str] = {}
        for group in sorted(groups):
            rows = self.conn.execute(
                "SELECT e.*, a.near_duplicate_of FROM evidence e"
                " JOIN articles a USING(article_id) WHERE e.merge_group = ?", (group,),
            ).fetchall()
            ev_rows = []
            for r in rows:
                root = roots.setdefault(r["article_id"], r["near_duplicate_of"] or r["article_id"])
                loc = None
                if r["location_name"]:
                    loc = (r["location_name"], r["location_country"], r["lat"], r["lon"],
                           r["location_precision"])
                ev_rows.append(EvidenceRow(
                    evidence_id=r["evidence_id"], article_id=r["article_id"], group_root=root,
                    type=r["type"], source=tuple(json.loads(r["source_ids"])),
                    target=tuple(json.loads(r["target_ids"])),
                    mediator=tuple(json.loads(r["mediator_ids"])), status=r["status"],
                    reported_by=r["reported_by"], date=r["date"],
                    date_precision=r["date_precision"], mode=r["mode"], cameo=r["cameo"],
                    location=loc, confidence=r["confidence"],
                ))
            self.conn.execute("DELETE FROM events WHERE merge_group = ?", (group,))
            for m in merge_group_rows(group, ev_rows):
                start, end = date_bounds(m.date, m.date_precision)
                loc = m.location or (None, None, None, None, None)
                self.conn.execute(
                    "INSERT INTO events(id, merge_group, type, mode, cameo, status, reported_by,"
                    " date, date_precision, date_start, date_end, location_name,"
                    " location_country, lat, lon, location_precision, confidence,"
                    " mention_count, source_count, disputed)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (m.id, group, m.type, m.mode, m.cameo, m.status, m.reported_by, m.date,
                     m.date_precision, start, end, *loc, m.confidence, m.mention_count,
                     m.source_count, int(m.disputed)),
                )
                self.conn.executemany(
                    "INSERT OR IGNORE INTO event_actors(event_id, actor_id, role) VALUES (?,?,?)",
                    [(m.id, a, "source") for a in m.source]
                    + [(m.id, a, "target") for a in m.target]
                    + [(m.id, a, "mediator") for a in m.mediator],
                )
                self.conn.executemany(
                    "UPDATE evidence SET event_id = ? WHERE evidence_id = ?",
                    [(m.id, x) for x in m.evidence_ids],
                )
