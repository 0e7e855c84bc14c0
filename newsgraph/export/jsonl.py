"""JSON Lines export of the whole database, readable back by ``newsgraph ingest``.

Contract with ingest: an article line carries ``"record": "article"`` and the
fields ingest reads (``id``, ``text``, ``title``, ``url``, ``published``,
``outlet``); every other line carries ``"record"`` = ``"actor"``, ``"event"`` or
``"evidence"`` and ingest skips it (it is what the analysis derived, and is
re-derived on ingest). So export → ingest into a new database → export gives
the same articles, and the same actors/events as long as the analysis is
deterministic. Lines are sorted by id so two exports of equal databases are
byte-identical; the time of ingest is left out for the same reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pandas as pd

from newsgraph.api import KnowledgeBase

RECORD_KINDS = ("article", "actor", "event", "evidence")


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and pd.isna(v):
        return None
    if hasattr(v, "item") and not isinstance(v, str):
        return v.item()
    return v


def _ids(text: Any) -> list[str]:
    if not isinstance(text, str) or not text:
        return []
    return [p.strip() for p in text.split(";") if p.strip()]


def article_records(kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    rows = kb.conn.execute(
        "SELECT article_id, doc_id, content_hash, title, url, outlet, published,"
        " published_basis, language, near_duplicate_of, text FROM articles"
        " ORDER BY article_id").fetchall()
    for r in rows:
        yield {"record": "article", "id": r["doc_id"], "article_id": r["article_id"],
               "content_hash": r["content_hash"], "title": r["title"], "url": r["url"],
               "outlet": r["outlet"], "published": r["published"],
               "published_basis": r["published_basis"], "language": r["language"],
               "near_duplicate_of": r["near_duplicate_of"], "text": r["text"]}


def actor_records(kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    df = kb.actors().sort_values("id")
    for r in df.to_dict(orient="records"):
        aliases = [(a, int(c)) for a, c in kb.conn.execute(
            "SELECT alias, count FROM actor_aliases WHERE actor_id = ? ORDER BY alias",
            (r["id"],))]
        roles = [row[0] for row in kb.conn.execute(
            "SELECT DISTINCT role FROM actor_roles WHERE actor_id = ? ORDER BY role", (r["id"],))]
        yield {"record": "actor", "id": r["id"], "name": r["name"], "kind": r["kind"],
               "country": _clean(r["country"]), "sector": _clean(r["sector"]),
               "in_dictionary": bool(r["in_dictionary"]),
               "aliases": [{"alias": a, "count": c} for a, c in aliases], "roles": roles}


def event_records(kb: KnowledgeBase, **filters: Any) -> Iterator[dict[str, Any]]:
    df = kb.events(**filters)
    for r in sorted(df.to_dict(orient="records"), key=lambda r: r["id"]):
        r = {k: _clean(v) for k, v in r.items()}
        yield {"record": "event", "id": r["id"], "date": r["date"],
               "date_precision": r["date_precision"], "type": r["type"], "mode": r["mode"],
               "cameo": r["cameo"], "source": _ids(r["source_ids"]),
               "target": _ids(r["target_ids"]), "mediator": _ids(r["mediator_ids"]),
               "status": r["status"], "reported_by": r["reported_by_id"],
               "location": r["location"], "country": r["country"], "lat": r["lat"],
               "lon": r["lon"], "mention_count": r["mention_count"],
               "source_count": r["source_count"], "confidence": r["confidence"],
               "disputed": bool(r["disputed"])}


def evidence_records(kb: KnowledgeBase, event_ids: list[str]) -> Iterator[dict[str, Any]]:
    for eid in sorted(event_ids):
        df = kb.evidence(eid)
        rows = sorted(df.to_dict(orient="records"),
                      key=lambda r: (r["article_id"], int(r["start"]), str(r["evidence_id"])))
        for r in rows:
            r = {k: _clean(v) for k, v in r.items()}
            yield {"record": "evidence", "id": r["evidence_id"], "event_id": eid,
                   "article_id": r["article_id"], "doc_id": r["doc_id"],
                   "sentence": r["sentence"], "start": r["start"], "end": r["end"],
                   "trigger": r["trigger"], "trigger_start": r["trigger_start"],
                   "status": r["status"], "reported_by": r["reported_by_id"],
                   "date": r["date"], "date_precision": r["date_precision"],
                   "location": r["location"], "confidence": r["confidence"]}


def records(kb: KnowledgeBase, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every record: articles, actors, the events matching ``filters``, their evidence."""
    yield from article_records(kb)
    yield from actor_records(kb)
    event_ids = []
    for e in event_records(kb, **filters):
        event_ids.append(e["id"])
        yield e
    yield from evidence_records(kb, event_ids)


def to_jsonl(kb: KnowledgeBase, **filters: Any) -> bytes:
    lines = (json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records(kb, **filters))
    return ("\n".join(lines) + "\n").encode("utf-8")
