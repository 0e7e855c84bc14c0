"""Store writes: migrations, idempotent re-ingest, cross-article merge, deterministic ids."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from newsgraph.records import (
    Actor,
    Article,
    ArticleAnalysis,
    DateValue,
    Event,
    Evidence,
    InputProblem,
    Mention,
    Place,
)
from newsgraph.store import SQLiteStore
from newsgraph.store.merge import EvidenceRow, cluster

TABLES = ("articles", "near_duplicates", "actors", "article_actors", "actor_aliases",
          "actor_roles", "mentions", "evidence", "events", "event_actors", "problems",
          "actor_fts", "evidence_fts")

# Fictional actors (no real-world names).
VELORIA = Actor("country:VLR", "Veloria", "country", country="VLR",
                aliases=["Velorian government", "Velora"], in_dictionary=True)
GUARD = Actor("org:northern-guard", "Northern Guard", "organization", country="VLR",
              sector="REB", aliases=["NG", "the Guard"], in_dictionary=True)
MANSUR = Actor("person:tarek-mansur", "Tarek al-Mansur", "person", country="VLR",
               aliases=["Mansur", "Tarek Mansour"], roles=["commander of the Northern Guard"])
ORLAND = Actor("country:ORL", "Orland", "country", country="ORL", in_dictionary=True)


def make_article(key: str, text: str, published: str | None = "2019-04-16",
                 outlet: str = "Example Wire") -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(doc_id=f"doc-{key}", text=text, content_hash=digest, title=f"Story {key}",
                   url=f"https://news.example/{key}", outlet=outlet, published=published,
                   source_path=f"/in/{key}.txt")


def make_event(article: Article, etype: str, source: list[str], target: list[str],
               sentence: str, *, status: str = "occurred", date: str | None = None,
               reported_by: str | None = None, mediator: list[str] | None = None,
               location: Place | None = None, confidence: float = 0.6) -> Event:
    start = article.text.index(sentence)
    precision = {4: "year", 7: "month"}.get(len(date or ""), "day")
    return Event(
        id=f"{article.doc_id}:{start}", doc_id=article.doc_id, type=etype, source=source,
        target=target, status=status, reported_by=reported_by, mediator=mediator or [],
        evidence=Evidence(article.doc_id, sentence, start, start + len(sentence),
                          trigger=sentence.split()[1], trigger_start=start),
        date=DateValue(date, precision) if date else None, location=location,
        confidence=confidence,
    )


def analysis(key: str, sentences: list[tuple], published: str | None = "2019-04-16",
             actors: tuple[Actor, ...] = (VELORIA, GUARD, MANSUR, ORLAND)) -> ArticleAnalysis:
    """Build one article whose text is the sentences; each tuple = (sentence, type, src, tgt, kw)."""
    text = " ".join(s[0] for s in sentences) + f" [{key}]"
    art = make_article(key, text, published)
    events = [make_event(art, t, src, tgt, s, **(kw[0] if kw else {}))
              for s, t, src, tgt, *kw in sentences]
    mentions = []
    for a in actors:
        for form in [a.name, *a.aliases]:
            pos = text.find(form)
            if pos >= 0:
                mentions.append(Mention(art.doc_id, pos, pos + len(form), form, a.id, "dictionary"))
    return ArticleAnalysis(art, [a for a in actors], mentions, events)


MEETING = ("Veloria met Orland envoys in Port Alba.", "CONSULT", ["country:VLR"], ["country:ORL"],
           {"date": "2019-04-14", "location": Place("Port Alba", "VL", 1.0, 2.0)})
MEETING_REVERSED = ("Orland hosted Veloria for talks.", "CONSULT", ["country:ORL"],
                    ["country:VLR"], {"date": "2019-04-14"})
ATTACK = ("The Guard attacked Velorian government positions.", "ASSAULT",
          ["org:northern-guard"], ["country:VLR"], {"date": "2019-04"})


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    out = {}
    for t in TABLES:
        cols = ["rowid"] * t.endswith("_fts") + [r[1] for r in conn.execute(f"PRAGMA table_info({t})")
                            if r[1] != "ingested_at"]
        q = ", ".join(f'"{c}"' for c in cols)
        out[t] = sorted(conn.execute(f"SELECT {q} FROM {t}").fetchall(), key=repr)
    conn.close()
    return out


def counts(path: Path) -> dict[str, int]:
    return {t: len(rows) for t, rows in dump(path).items()}


def test_migrations_run_once_and_are_recorded(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    SQLiteStore(db).close()
    SQLiteStore(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version, name FROM schema_migrations").fetchall() == [
        (1, "initial schema"), (2, "article minhash")]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(TABLES) <= tables


def test_readding_an_article_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    a = analysis("a", [MEETING, ATTACK])
    with SQLiteStore(db) as store:
        assert store.add(a) is True
        before = dump(db)
        assert store.add(a) is False
        assert store.has_article(a.article.content_hash)
        assert not store.has_article("0" * 64)
    assert dump(db) == before
    assert counts(db)["events"] == 2


@pytest.mark.parametrize("second, near_dup, expected_sources", [
    (MEETING_REVERSED, False, 2),
    (MEETING, False, 2),
    (MEETING_REVERSED, True, 1),
])
def test_same_meeting_in_two_articles_is_one_event(tmp_path: Path, second: tuple,
                                                   near_dup: bool, expected_sources: int) -> None:
    db = tmp_path / "kb.db"
    a, b = analysis("a", [MEETING]), analysis("b", [second])
    with SQLiteStore(db) as store:
        store.add(a)
        store.add(b, near_duplicates=[(a.article.content_hash, 0.93)] if near_dup else ())
        rows = store.conn.execute(
            "SELECT id, mention_count, source_count, location_name FROM events").fetchall()
    assert len(rows) == 1
    assert rows[0]["mention_count"] == 2
    assert rows[0]["source_count"] == expected_sources
    assert rows[0]["location_name"] == "Port Alba"


def test_link_near_duplicate_after_the_fact_lowers_source_count(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    a, b = analysis("a", [MEETING]), analysis("b", [MEETING_REVERSED])
    with SQLiteStore(db) as store:
        store.add(a)
        store.add(b)
        assert store.conn.execute("SELECT source_count FROM events").fetchone()[0] == 2
        store.link_near_duplicate(b.article.content_hash, a.article.content_hash, 0.9)
        assert store.conn.execute("SELECT source_count FROM events").fetchone()[0] == 1
        dup = store.conn.execute(
            "SELECT near_duplicate_of FROM articles WHERE near_duplicate_of IS NOT NULL"
        ).fetchall()
    assert len(dup) == 1


@pytest.mark.parametrize("statuses, disputed, status", [
    (("occurred", "negated"), 1, "occurred"),  # tie: STATUSES order
    (("occurred", "occurred"), 0, "occurred"),
    (("planned", "occurred"), 0, "occurred"),
])
def test_disputed_when_evidence_disagrees(tmp_path: Path, statuses: tuple[str, str],
                                          disputed: int, status: str) -> None:
    db = tmp_path / "kb.db"
    with SQLiteStore(db) as store:
        for key, st in zip("ab", statuses, strict=True):
            s, t, src, tgt, kw = MEETING
            store.add(analysis(key, [(s, t, src, tgt, {**kw, "status": st})]))
        row = store.conn.execute("SELECT disputed, status, mention_count FROM events").fetchone()
    assert row["disputed"] == disputed
    assert row["mention_count"] == 2
    assert row["status"] == status


def test_undated_events_do_not_merge_across_articles(tmp_path: Path) -> None:
    s, t, src, tgt, _ = ATTACK
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.add(analysis("a", [(s, t, src, tgt, {})]))
        store.add(analysis("b", [(s, t, src, tgt, {})]))
        assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2


def _row(eid: str, date: str | None, group: str = "a") -> EvidenceRow:
    prec = None if date is None else {4: "year", 7: "month"}.get(len(date), "day")
    return EvidenceRow(eid, group, group, "ASSAULT", ("x",), ("y",), (), "occurred", None,
                       date, prec)


@pytest.mark.parametrize("dates, groups", [
    (["2019-04-14", "2019-04"], 1),  # month joins the only day of that month
    (["2019-04-14", "2019-04-15", "2019-04"], 3),  # ambiguous month stays apart
    (["2019-04-14", "2019"], 1),
    (["2019-04", "2019-05", "2019"], 3),
    (["2019-04-14", "2019-05-14"], 2),
    (["2019-04-14", None], 1),  # undated joins its own article's only dated event
])
def test_date_compatibility_clusters(dates: list[str | None], groups: int) -> None:
    rows = [_row(f"e{i}", d) for i, d in enumerate(dates)]
    keys = cluster(rows)
    assert len(set(keys.values())) == groups
    assert cluster(list(reversed(rows))) == keys


def test_ids_are_deterministic_whatever_the_order(tmp_path: Path) -> None:
    items = [analysis("a", [MEETING, ATTACK]), analysis("b", [MEETING_REVERSED]),
             analysis("c", [ATTACK, (*MEETING[:4], {"date": "2019-04"})], published=None)]
    dup = (items[0].article.content_hash, 0.95)
    orders = [(0, 1, 2), (2, 1, 0), (1, 2, 0)]
    dumps = []
    for n, order in enumerate(orders):
        db = tmp_path / f"kb{n}.db"
        with SQLiteStore(db) as store:
            for i in order:
                store.add(items[i], near_duplicates=[dup] if i == 2 else ())
        dumps.append(dump(db))
    assert dumps[0] == dumps[1] == dumps[2]
    assert len(dumps[0]["events"]) == 2


def test_failed_add_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    bad = analysis("a", [MEETING])
    bad.events.append(Event("bad", bad.article.doc_id, "ASSAULT", [], [], evidence=None))  # type: ignore[arg-type]
    with SQLiteStore(db) as store:
        with pytest.raises(AttributeError):
            store.add(bad)
        assert not store.has_article(bad.article.content_hash)
    assert all(n == 0 for n in counts(db).values())


def test_actor_merge_across_articles(tmp_path: Path) -> None:
    variant = Actor("country:VLR", "Velorian Republic", "country", aliases=["Velora"],
                    in_dictionary=False)
    with SQLiteStore(tmp_path / "kb.db") as store:
        store.add(analysis("a", [MEETING]))
        store.add(analysis("b", [("Velora protested loudly.", "PROTEST", ["country:VLR"], [])],
                           actors=(variant,)))
        row = store.conn.execute("SELECT name FROM actors WHERE id='country:VLR'").fetchone()
        velora = store.conn.execute(
            "SELECT count FROM actor_aliases WHERE actor_id='country:VLR' AND alias='Velora'"
        ).fetchone()
    assert row["name"] == "Veloria"  # dictionary name wins over a non-dictionary spelling
    assert velora["count"] == 2


def test_problems_count_once_per_run(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    p = InputProblem("/in/bad.bin", "not text (binary file)")
    with SQLiteStore(db) as store:
        store.add_problem(p)
        store.add_problem(p)
    with SQLiteStore(db) as store:
        store.add_problem(p)
        store.add_problem(InputProblem("/in/x.jsonl", "no text field", record="3"))
        rows = store.conn.execute("SELECT path, record, count FROM problems ORDER BY path").fetchall()
    assert [tuple(r) for r in rows] == [("/in/bad.bin", "", 2), ("/in/x.jsonl", "3", 1)]


@pytest.mark.parametrize("value, stored", [("April 2019", None), ("2019-4-1", None),
                                           ("2019-04", "2019-04"), ("2019", "2019")])
def test_malformed_dates_are_kept_as_text_not_fatal(tmp_path: Path, value: str,
                                                    stored: str | None) -> None:
    a = analysis("a", [ATTACK])
    a.events[0].date = DateValue(value, "month", text="in April")
    with SQLiteStore(tmp_path / "kb.db") as store:
        assert store.add(a)
        row = store.conn.execute("SELECT date, date_text FROM evidence").fetchone()
        ev = store.conn.execute("SELECT date FROM events").fetchone()
    assert row["date"] == stored == ev["date"]
    assert "in April" in row["date_text"]
