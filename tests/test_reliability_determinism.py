"""Determinism: the same inputs give the same ids and rows, whatever the order or workers.

Ids are derived from content (article id = content hash prefix, actor ids from
dictionary ids or folded names, event ids from merge groups), so neither the
order of files on the command line nor the number of worker processes may
change a single stored row (timestamps left out).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from benchload import load_bench

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
ARTICLES = ["002", "005", "006", "016", "019", "021", "024"]
pytestmark = pytest.mark.slow


soak = load_bench("soak")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    corpus = tmp_path_factory.mktemp("det") / "corpus"
    corpus.mkdir()
    for prefix in ARTICLES:
        (src,) = DEMO.glob(f"{prefix}_*")
        shutil.copy(src, corpus / src.name)
    return sorted(str(p) for p in corpus.iterdir())


def _ingest(files: list[str], db: Path, workers: int) -> dict:
    run = subprocess.run(soak.ingest_command(files, db, "sm", workers), capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return soak.table_dump(db)


@pytest.fixture(scope="module")
def reference(files: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    dump = _ingest(files, tmp_path_factory.mktemp("ref") / "kb.db", workers=2)
    assert dump["evidence"] and dump["actors"], "nothing extracted: the comparison would be empty"
    return dump


@pytest.mark.parametrize(("order", "workers"), [("reversed", 1), ("shuffled", 2)])
def test_same_rows_whatever_order_and_workers(files, reference, tmp_path: Path, order: str,
                                              workers: int) -> None:
    if order == "reversed":
        args = files[::-1]
    else:
        args = files[1::2] + files[0::2]
    diff = soak.dump_diff(reference, _ingest(args, tmp_path / "kb.db", workers))
    assert diff == [], "\n".join(diff)


def test_one_by_one_equals_one_batch(files, reference, tmp_path: Path) -> None:
    """Articles added in separate runs (the order reversed) merge into the same events."""
    db = tmp_path / "kb.db"
    half = len(files) // 2
    _ingest(files[half:], db, workers=1)
    diff = soak.dump_diff(reference, _ingest(files[:half], db, workers=2))
    assert diff == [], "\n".join(diff)
