"""The briefing: sections, citations, escaping, filters, PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.errors import QueryError
from newsgraph.export.brief import write_brief
from newsgraph.web.sample import build_sample_db


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    db = build_sample_db(tmp_path_factory.mktemp("brief") / "sample.db")
    with KnowledgeBase(db) as kb:
        yield kb


@pytest.fixture(scope="module")
def full(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = write_brief(kb, tmp_path_factory.mktemp("b") / "brief.html")
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("section", ["activity", "key-events", "relations", "claims",
                                     "disputed", "network", "sources"])
def test_brief_has_every_section(full: str, section: str) -> None:
    assert f'id="{section}"' in full


def test_brief_cites_articles_with_title_outlet_date_url(full: str) -> None:
    refs = re.findall(r'<li id="ref-(\d+)">(.*?)</li>', full)
    assert len(refs) == 5
    assert any("Ceasefire signed in Karst" in r and "Daily Meridian" in r and "2021-04-21" in r
               and "https://news.example/daily-meridian/3" in r for _, r in refs)
    for n, _ in refs:  # every reference is cited from the text
        assert f"href='#ref-{n}'" in full


def test_brief_states_period_claims_and_disputes(full: str) -> None:
    assert "Period covered: <strong>2020 to 2021-05-12</strong>" in full
    claims = full.split('id="claims"')[1].split('id="disputed"')[0]
    assert "Ilse Brandt (1)" in claims and "Unity Council (1)" in claims
    disputed = full.split('id="disputed"')[1].split('id="network"')[0]
    assert "<em>negated</em>" in disputed and "<em>occurred</em>" in disputed
    relations = full.split('id="relations"')[1].split('id="claims"')[0]
    assert "Northern Army – Unity Council" in relations and "2021-05" in relations


def test_brief_images_are_embedded_and_markup_escaped(full: str) -> None:
    assert len(re.findall(r'src="data:image/png;base64,', full)) == 2
    assert all(src.startswith("data:") for src in re.findall(r'src="([^"]+)"', full))
    assert "<script" not in full.lower()
    assert "&lt;script&gt;alert(" in full


def test_brief_for_one_actor_and_period(kb: KnowledgeBase, tmp_path: Path) -> None:
    html = write_brief(kb, tmp_path / "b.html", actor="Valan", since="2021-04",
                       until="2021-04").read_text(encoding="utf-8")
    assert "Briefing: Marek Volan" in html
    key = html.split('id="key-events"')[1].split('id="relations"')[0]
    assert "CONSULT" in key and "2021-03" not in key and "ASSAULT" not in key


def test_brief_rejects_bad_filters(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(QueryError):
        write_brief(kb, tmp_path / "b.html", since="last spring")


def test_brief_pdf(kb: KnowledgeBase, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = write_brief(kb, tmp_path / "brief.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
