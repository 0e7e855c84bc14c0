"""Concurrent use: queries and exports while an ingest writes; two ingests on one database.

WAL lets readers work while the ingest commits; no "database is locked" may
reach the user. Two ingests at once: the second either waits and then finds
everything stored, or refuses with one clear line and a non-zero status; never
a traceback, never a duplicated row.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from benchload import load_bench

from newsgraph.api import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
ARTICLES = ["001", "002", "004", "008", "012", "013", "015", "018"]
pytestmark = pytest.mark.slow


soak = load_bench("soak")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for prefix in ARTICLES:
        (src,) = DEMO.glob(f"{prefix}_*")
        shutil.copy(src, d / src.name)
    return d


def _schema_ready(db: Path) -> bool:
    try:
        KnowledgeBase(db).close()
        return True
    except Exception:  # noqa: BLE001 - not created/migrated yet
        return False


def test_queries_and_exports_while_ingesting(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    proc = subprocess.Popen(soak.ingest_command([str(corpus)], db, "sm", 2),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)
    errors: list[str] = []
    queries = 0
    seen_counts: set[int] = set()
    try:
        deadline = time.monotonic() + 300
        while not _schema_ready(db):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.05)
        kb = KnowledgeBase(db)  # one long-lived reader, like the web explorer
        while proc.poll() is None or queries < 5:
            try:
                fresh = KnowledgeBase(db)  # and a new connection per request, like the CLI
                events = kb.events()
                kb.actors()
                summary = fresh.summary()
                fresh.events(since="2019", until="2030", limit=50)
                for actor_id in kb.actors(limit=3).get("id", []):
                    kb.relations(actor_id)
                events.to_csv(tmp_path / "events.csv", index=False)
                fresh.actors().to_json(tmp_path / "actors.json", orient="records")
                fresh.close()
                seen_counts.add(int(summary.get("articles", -1)))
            except Exception as exc:  # noqa: BLE001 - collect, assert below
                errors.append(f"{type(exc).__name__}: {exc}")
            queries += 1
            time.sleep(0.02)
        kb.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        _, err = proc.communicate()
    assert proc.returncode == 0, err[-2000:]
    assert errors == [], errors[:5]
    assert not any("locked" in e for e in errors)
    assert queries >= 5
    assert len(seen_counts) >= 2, f"queries never overlapped the writes: {seen_counts}"
    assert soak.check_consistency(db) == []


@pytest.mark.parametrize("stagger", [0.0, 2.0])
def test_two_ingests_at_once(corpus: Path, tmp_path: Path, stagger: float) -> None:
    db = tmp_path / "kb.db"
    cmd = soak.ingest_command([str(corpus)], db, "sm", 1)
    first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT)
    time.sleep(stagger)
    second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    for _out, err, code in results:
        assert "Traceback" not in err, err[-2000:]
        if code != 0:  # refused: one clear line naming the database
            lines = [ln for ln in err.strip().splitlines() if ln.strip()]
            assert len(lines) == 1, lines
            assert "another ingest" in lines[0] and str(db) in lines[0], lines[0]
    codes = [code for *_, code in results]
    assert 0 in codes, results
    added = [err for _, err, code in results if code == 0]
    assert all("articles added" in e for e in added)
    assert soak.check_consistency(db) == []
    assert soak.article_count(db) == len(ARTICLES)
    # Whoever came second and waited found everything stored: nothing added twice.
    if codes == [0, 0]:
        assert sum(f"{len(ARTICLES)} articles added" in e for e in added) == 1, added
