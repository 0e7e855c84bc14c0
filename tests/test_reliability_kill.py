"""Crash safety: SIGKILL the CLI ingest at random moments, resume, compare with a clean run.

The kill campaign itself lives in ``bench/soak.py`` (the soak runs it with 200
cycles); here it runs 20 seeded cycles on 6 demo articles. After every kill the
database must pass ``PRAGMA integrity_check`` and every stored article must
carry exactly the rows the uninterrupted reference run stored for it; whenever
the working database is complete, and after the final run, every table must
equal the reference (timestamps left out).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchload import load_bench

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
ARTICLES = ["001", "003", "005", "014", "020", "022"]
CYCLES = 20
pytestmark = pytest.mark.slow


soak = load_bench("soak")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("kill")
    corpus = work / "corpus"
    corpus.mkdir()
    for prefix in ARTICLES:
        (src,) = DEMO.glob(f"{prefix}_*")
        shutil.copy(src, corpus / src.name)
    timing, dump, per_article = soak.prepare_reference([str(corpus)], work, "sm", 2)
    return work, [str(corpus)], timing, dump, per_article


def test_reference_is_consistent(reference) -> None:
    work, _, timing, dump, per_article = reference
    assert soak.check_consistency(work / "reference.db") == []
    assert len(per_article) == len(ARTICLES)
    assert dump["evidence"], "the reference run extracted no events: nothing to protect"
    assert timing.first_write <= timing.last_write <= timing.total


def test_random_kills_lose_and_duplicate_nothing(reference) -> None:
    work, inputs, timing, dump, per_article = reference
    campaign = soak.KillCampaign(inputs, work, dump, per_article, timing, model="sm",
                                 workers=0, seed=1234)
    campaign.run(CYCLES)
    assert campaign.failures == [], "\n".join(campaign.failures)
    assert campaign.orphans == 0, f"{campaign.orphans} worker processes outlived a killed ingest"
    assert campaign.tracebacks == 0
    assert campaign.completed_databases >= 1
    # The campaign must really have hit the write phase, not only start-up.
    assert campaign.phases["during writes"] >= 3, dict(campaign.phases)
    assert sum(campaign.phases.values()) == CYCLES


@pytest.mark.parametrize("damage", ["truncated-wal", "stale-lock"])
def test_resume_after_damage_left_by_a_crash(reference, tmp_path: Path, damage: str) -> None:
    """Leftovers of a crash (half-written WAL tail, lock file of a dead pid) must not block a resume."""
    work, inputs, _, dump, _ = reference
    db = tmp_path / "kb.db"
    shutil.copy(work / "reference.db", db)
    if damage == "truncated-wal":
        wal = Path(str(db) + "-wal")
        wal.write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 100)  # a WAL header cut short
    else:
        Path(str(db) + ".lock").write_text("999999")
    done = soak.subprocess.run(soak.ingest_command(inputs, db, "sm", 1), capture_output=True,
                               text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert soak.check_consistency(db) == []
    assert soak.dump_diff(dump, soak.table_dump(db)) == []
