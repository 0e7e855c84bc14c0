"""Exports: CSV/Parquet columns, PLOVER records, GEXF/GraphML graphs, JSONL records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from newsgraph.api import KnowledgeBase
from newsgraph.errors import QueryError
from newsgraph.export import FORMATS, ExportError, export
from newsgraph.export.tables import EVENT_TABLE_COLUMNS
from newsgraph.web.sample import build_sample_db

DOCUMENTED = [
    "id", "date", "date_precision", "plover_type", "mode", "cameo_root", "source_name",
    "source_kind", "source_country", "target_name", "target_kind", "target_country", "mediator",
    "status", "reported_by", "location_name", "location_country", "lat", "lon",
    "mention_count", "source_count", "first_evidence_sentence", "article_urls", "confidence",
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    db = build_sample_db(tmp_path_factory.mktemp("export") / "sample.db")
    with KnowledgeBase(db) as kb:
        yield kb


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_a_file_or_returns_bytes(kb: KnowledgeBase, tmp_path: Path,
                                                      fmt: str) -> None:
    out = export(kb, fmt, tmp_path / f"x{FORMATS[fmt]}")
    assert isinstance(out, Path) and out.stat().st_size > 100
    data = export(kb, fmt, None)
    assert isinstance(data, bytes) and len(data) > 100


def test_parquet_has_the_documented_columns_and_types(kb: KnowledgeBase, tmp_path: Path) -> None:
    df = pd.read_parquet(export(kb, "parquet", tmp_path / "e.parquet"))
    assert list(df.columns) == EVENT_TABLE_COLUMNS
    assert set(DOCUMENTED) <= set(df.columns)
    assert len(df) == len(kb.events())
    assert df["mention_count"].dtype == "int64" and df["lat"].dtype == "float64"
    row = df[df["plover_type"] == "AGREE"].iloc[0]
    assert row["mediator"] == "Coastal League" and row["source_kind"] == "country"
    assert row["cameo_root"] == "03" and row["location_name"] == "Karst"
    month = df[df["date_precision"] == "month"].iloc[0]
    assert month["date_start"].endswith("-01") and month["date_end"] > month["date_start"]


def test_csv_matches_parquet_and_honours_filters(kb: KnowledgeBase) -> None:
    csv = pd.read_csv(io.BytesIO(export(kb, "csv", None, type="ASSAULT")))
    assert set(csv["plover_type"]) == {"ASSAULT"} and len(csv) == 2
    assert "https://news.example/" in csv["article_urls"].iloc[0]
    since = pd.read_csv(io.BytesIO(export(kb, "csv", None, since="2021-05")))
    assert (since["date_end"] >= "2021-05-01").all() and len(since) < len(kb.events())


def test_plover_records_carry_manual_fields(kb: KnowledgeBase) -> None:
    recs = json.loads(export(kb, "plover", None))
    assert len(recs) == len(kb.events())
    agree = next(r for r in recs if r["event_type"] == "AGREE")
    assert agree["actor"][0]["actorText"] == "Ostria" and agree["actor"][0]["country"] == "XOS"
    assert agree["recipient"][0]["sector"] == "GOV"
    assert agree["event_loc"]["name"] == "Karst"
    info = agree["text_info"][0]
    assert info["eventText"] == "signed" and info["end"] > info["start"] >= 0
    assert agree["cite_info"][0]["publication"] == "Daily Meridian"


def test_gexf_is_dynamic_with_date_spells(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = export(kb, "gexf", tmp_path / "net.gexf")
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    g = nx.read_gexf(path)
    assert g.nodes["org:northern-army"]["label"] == "Northern Army"
    spells = g.nodes["country:XOS"]["spells"]
    assert ("2020-01-01", "2020-12-31") in spells  # a year-dated event spans its year
    edge = g.edges["org:northern-army", "org:unity-council"]
    assert edge["weight"] == 4 and edge["conflictual"] == 2 and edge["cooperative"] == 2
    starts = [s for s, _ in edge["spells"]]
    assert starts == sorted(starts)
    assert all(a[1] < b[0] for a, b in zip(edge["spells"], edge["spells"][1:], strict=False))


def test_graphml_parses_with_counts(kb: KnowledgeBase, tmp_path: Path) -> None:
    g = nx.read_graphml(export(kb, "graphml", tmp_path / "net.graphml"))
    assert g.is_directed()
    assert g.edges["country:XOS", "org:unity-council"]["types"] == "AGREE:1"


def test_jsonl_has_every_record_kind_and_is_deterministic(kb: KnowledgeBase) -> None:
    data = export(kb, "jsonl", None)
    assert data == export(kb, "jsonl", None)
    recs = [json.loads(line) for line in data.decode().splitlines()]
    kinds = {r["record"] for r in recs}
    assert kinds == {"article", "actor", "event", "evidence"}
    arts = [r for r in recs if r["record"] == "article"]
    assert len(arts) == 5 and all(r["text"] and r["id"] for r in arts)
    volan = next(r for r in recs if r["record"] == "actor" and r["id"] == "person:marek-volan")
    assert {"Volan", "Valan"} <= {a["alias"] for a in volan["aliases"]}
    ev_ids = {r["id"] for r in recs if r["record"] == "event"}
    assert {r["event_id"] for r in recs if r["record"] == "evidence"} == ev_ids


@pytest.mark.parametrize(("fmt", "filters", "error"), [
    ("xlsx", {}, ExportError),
    ("csv", {"colour": "red"}, ExportError),
    ("csv", {"since": "2021-99"}, QueryError),
    ("gexf", {"type": "NOPE"}, QueryError),
])
def test_bad_requests_raise_domain_errors(kb: KnowledgeBase, fmt: str, filters: dict,
                                          error: type[Exception]) -> None:
    with pytest.raises(error):
        export(kb, fmt, None, **filters)
