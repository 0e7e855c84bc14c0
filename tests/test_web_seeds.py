"""The explorer API and a briefing on a temporary database filled from the seed articles.

Real pipeline, real SQLite, a real uvicorn server on 127.0.0.1 (skips without ../shared).
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.export.brief import write_brief
from newsgraph.pipeline import ingest
from newsgraph.web.background import BackgroundServer

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/corpus/seeds"),
]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seedsweb") / "seeds.db"
    summary = ingest([str(SEEDS)], db, workers=1)
    assert summary.articles_added == 5
    return db


@pytest.fixture(scope="module")
def server(seeds_db: Path):
    with BackgroundServer(seeds_db) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_web_seeds_summary_counts_articles(server: httpx.Client) -> None:
    summary = server.get("/api/summary").json()
    assert summary["articles"] == 5


def test_web_seeds_actor_page_finds_haftar_under_any_spelling(server: httpx.Client) -> None:
    for spelling in ("Haftar", "Hifter"):
        r = server.get("/api/actor", params={"name": spelling})
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Khalifa Haftar"


def test_web_seeds_every_event_has_evidence_from_a_seed(server: httpx.Client) -> None:
    events = server.get("/api/events", params={"actor": "Egypt"}).json()
    rows = events["events"] if isinstance(events, dict) else events
    assert rows
    detail = server.get("/api/event", params={"id": rows[0]["id"]}).json()
    evidence = detail["evidence"]
    assert evidence and all(e["sentence"] for e in evidence)


def test_web_seeds_network_has_cooperative_and_conflictual_edges(server: httpx.Client) -> None:
    network = server.get("/api/network").json()
    assert {"cooperative", "conflictual"} <= {e["class"] for e in network["edges"]}


def test_brief_seeds_sections_and_citations(seeds_db: Path, tmp_path: Path) -> None:
    with KnowledgeBase(seeds_db) as kb:
        html = write_brief(kb, tmp_path / "brief.html", actor="Haftar").read_text(encoding="utf-8")
    for section in ("activity", "key-events", "relations", "claims", "network", "sources"):
        assert f'id="{section}"' in html
    refs = re.findall(r'<li id="ref-(\d+)">', html)
    assert refs, "the briefing cites its articles"
    for n in refs:
        assert f"href='#ref-{n}'" in html
