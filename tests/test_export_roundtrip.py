"""JSONL export → ingest → export: articles survive intact and a second cycle is a fixed point.

Needs the full pipeline (spaCy model), so it is marked slow; it skips with a
message while the ingest stage cannot read the export yet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.export import export
from newsgraph.web.sample import build_sample_db

pytestmark = pytest.mark.slow

ARTICLE_FIELDS = ("id", "title", "url", "outlet", "published", "text", "content_hash")


def _ingest(src: Path, db: Path) -> None:
    try:
        from newsgraph.pipeline import ingest
    except ImportError as exc:  # pragma: no cover - pipeline not there yet
        pytest.skip(f"ingest pipeline not available: {exc}")
    summary = ingest([str(src)], db, workers=1)
    if summary.problems:
        pytest.skip("ingest does not yet skip non-article JSONL records: "
                    + str(summary.problems[0]))


def _records(data: bytes, kind: str) -> list[dict]:
    return [r for r in map(json.loads, data.decode().splitlines()) if r["record"] == kind]


def test_jsonl_round_trip(tmp_path: Path) -> None:
    db1 = build_sample_db(tmp_path / "one.db")
    with KnowledgeBase(db1) as kb:
        out1 = export(kb, "jsonl", tmp_path / "one.jsonl")
        first = out1.read_bytes()
    db2 = tmp_path / "two.db"
    _ingest(out1, db2)
    with KnowledgeBase(db2) as kb:
        second = export(kb, "jsonl", tmp_path / "two.jsonl").read_bytes()
    a1 = [{k: r[k] for k in ARTICLE_FIELDS} for r in _records(first, "article")]
    a2 = [{k: r[k] for k in ARTICLE_FIELDS} for r in _records(second, "article")]
    assert a1 == a2
    db3 = tmp_path / "three.db"
    _ingest(tmp_path / "two.jsonl", db3)
    with KnowledgeBase(db3) as kb:
        third = export(kb, "jsonl", None)
    assert third == second  # analysed content is re-derived identically
