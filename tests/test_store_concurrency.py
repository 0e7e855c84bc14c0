"""Store concurrency: the ingest lock across processes, stale-lock takeover, WAL readers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.errors import StoreBusyError
from newsgraph.store import SQLiteStore

HOLDER = textwrap.dedent("""
    import sys, time
    from newsgraph.store import SQLiteStore
    store = SQLiteStore(sys.argv[1])
    with store.writer_lock():
        print("locked", flush=True)
        time.sleep(60)
""")


@pytest.fixture
def holder(tmp_path: Path):
    db = tmp_path / "kb.db"
    SQLiteStore(db).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[1])
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield db, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_second_writer_is_refused_with_pid(holder) -> None:
    db, proc = holder
    with SQLiteStore(db) as store:
        with pytest.raises(StoreBusyError) as err:
            with store.writer_lock(timeout=0.3):
                pass
    assert f"pid {proc.pid}" in str(err.value)
    assert str(db) in str(err.value)


def test_lock_of_a_killed_ingest_is_taken_over(holder) -> None:
    db, proc = holder
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with SQLiteStore(db) as store:
        with store.writer_lock():
            assert (db.parent / (db.name + ".lock")).read_text() == str(os.getpid())


def test_lock_is_released_after_use(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "kb.db") as store:
        with store.writer_lock():
            pass
        with store.writer_lock():
            pass


class _Abort(Exception):
    pass


def test_reader_queries_while_writer_holds_a_transaction(tmp_path: Path) -> None:
    from test_store_writes import MEETING, analysis

    db = tmp_path / "kb.db"
    writer = SQLiteStore(db)
    writer.add(analysis("a", [MEETING]))
    kb = KnowledgeBase(db)
    with pytest.raises(_Abort):
        with writer.transaction() as conn:
            conn.execute("DELETE FROM event_actors")
            conn.execute("DELETE FROM events")
            # uncommitted: the reader still sees the committed state, without waiting
            assert len(kb.events()) == 1
            assert kb.summary()["articles"] == 1
            raise _Abort
    assert len(kb.events()) == 1
    writer.add(analysis("b", [MEETING]))
    assert kb.summary()["articles"] == 2
    kb.close()
    writer.close()


KILLED_WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[2])
    from test_store_writes import ATTACK, MEETING, MEETING_REVERSED, analysis
    from newsgraph.store import SQLiteStore
    store = SQLiteStore(sys.argv[1])
    print("ready", flush=True)
    for i in range(100000):
        store.add(analysis(f"k{i}", [MEETING, ATTACK, MEETING_REVERSED]))
""")


def test_sigkill_mid_ingest_leaves_whole_articles(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    SQLiteStore(db).close()
    here = Path(__file__).resolve().parent
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(db), str(here)],
                            stdout=subprocess.PIPE, text=True, cwd=here.parent)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    import sqlite3
    import time

    # kill mid-stream: once some articles are committed (however slow the machine), not on a timer
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with sqlite3.connect(db) as peek:
            if peek.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 5:
                break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with SQLiteStore(db) as store:
        c = store.conn
        n = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        per_article = c.execute("SELECT article_id, COUNT(*) FROM evidence GROUP BY article_id"
                                ).fetchall()
        mentions = c.execute("SELECT SUM(mention_count) FROM events").fetchone()[0] or 0
    assert n > 0
    # every stored article has exactly 3 evidence rows
    assert len(per_article) == n and {r[1] for r in per_article} == {3}
    assert mentions == 3 * n
