"""Event tables (CSV, Parquet) and PLOVER JSON records, read through the query API.

One row per merged event with POLECAT/ACLED-like columns (see ``EVENT_TABLE_COLUMNS``);
several actors in one role are joined with "; " in the same order in every
column of that role, so ``source_name`` and ``source_kind`` line up.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from newsgraph import __version__ as NEWSGRAPH_VERSION
from newsgraph.api import KnowledgeBase
from newsgraph.store.merge import date_bounds

EVENT_TABLE_COLUMNS: list[str] = [
    "id", "date", "date_precision", "date_start", "date_end", "plover_type", "quad_class",
    "mode", "cameo_root",
    "source_name", "source_id", "source_kind", "source_country",
    "target_name", "target_id", "target_kind", "target_country",
    "mediator", "status", "disputed", "reported_by",
    "location_name", "location_country", "lat", "lon",
    "mention_count", "source_count", "first_evidence_sentence", "article_urls", "confidence",
]
"""Columns of the CSV/Parquet export, in order (documented in docs and tested)."""

_INT_COLUMNS = ("mention_count", "source_count")
_FLOAT_COLUMNS = ("lat", "lon", "confidence")


def _ids(text: Any) -> list[str]:
    if not isinstance(text, str) or not text:
        return []
    return [p.strip() for p in text.split(";") if p.strip()]


def _value(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and pd.isna(v)) else v


class ActorIndex:
    """Actor attributes by id, for the kind/country/sector columns."""

    def __init__(self, kb: KnowledgeBase) -> None:
        df = kb.actors()
        self.rows: dict[str, dict[str, Any]] = {
            r["id"]: {k: _value(v) for k, v in r.items()} for r in df.to_dict(orient="records")}

    def get(self, actor_id: str, field: str) -> str:
        v = self.rows.get(actor_id, {}).get(field)
        return "" if v is None else str(v)

    def join(self, ids: list[str], field: str) -> str:
        return "; ".join(self.get(i, field) for i in ids)


def event_table(kb: KnowledgeBase, **filters: Any) -> pd.DataFrame:
    """The export table: one row per event matching ``filters`` (as for ``kb.events``)."""
    events = kb.events(**filters)
    idx = ActorIndex(kb)
    rows = []
    for r in events.to_dict(orient="records"):
        r = {k: _value(v) for k, v in r.items()}
        src, tgt, med = _ids(r["source_ids"]), _ids(r["target_ids"]), _ids(r["mediator_ids"])
        start, end = date_bounds(r["date"], r["date_precision"])
        quad = kb.plover.quad(r["type"]) or ""
        rows.append({
            "id": r["id"], "date": r["date"], "date_precision": r["date_precision"],
            "date_start": start, "date_end": end, "plover_type": r["type"],
            "quad_class": quad, "mode": r["mode"], "cameo_root": r["cameo"],
            "source_name": idx.join(src, "name"), "source_id": "; ".join(src),
            "source_kind": idx.join(src, "kind"), "source_country": idx.join(src, "country"),
            "target_name": idx.join(tgt, "name"), "target_id": "; ".join(tgt),
            "target_kind": idx.join(tgt, "kind"), "target_country": idx.join(tgt, "country"),
            "mediator": idx.join(med, "name"), "status": r["status"],
            "disputed": bool(r["disputed"]), "reported_by": r["reported_by"],
            "location_name": r["location"], "location_country": r["country"],
            "lat": r["lat"], "lon": r["lon"],
            "mention_count": r["mention_count"], "source_count": r["source_count"],
            "first_evidence_sentence": r["first_sentence"], "article_urls": r["urls"] or "",
            "confidence": r["confidence"],
        })
    df = pd.DataFrame.from_records(rows, columns=EVENT_TABLE_COLUMNS)
    for c in _INT_COLUMNS:
        df[c] = df[c].astype("int64")
    for c in _FLOAT_COLUMNS:
        df[c] = df[c].astype("float64")
    df["disputed"] = df["disputed"].astype(bool)
    return df


def to_csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_parquet(df: pd.DataFrame) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[b"newsgraph"] = json.dumps({"version": NEWSGRAPH_VERSION,
                                     "columns": EVENT_TABLE_COLUMNS}).encode()
    table = table.replace_schema_metadata(meta)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


# ---------------------------------------------------------------- PLOVER JSON
def _actor_record(idx: ActorIndex, actor_id: str) -> dict[str, Any]:
    return {"actorText": idx.get(actor_id, "name") or actor_id, "actor_id": actor_id,
            "country": idx.get(actor_id, "country") or None,
            "sector": idx.get(actor_id, "sector") or None,
            "kind": idx.get(actor_id, "kind") or None}


def plover_records(kb: KnowledgeBase, **filters: Any) -> list[dict[str, Any]]:
    """Events as PLOVER-style JSON records (field names of the PLOVER manual).

    ``actor``/``recipient`` lists carry ``actorText``/``country``/``sector``;
    ``event_loc`` the place; ``text_info`` every evidence sentence with its offsets
    in the article; ``cite_info`` the articles (title, outlet, date, url).
    """
    events = kb.events(**filters)
    idx = ActorIndex(kb)
    out = []
    for r in events.to_dict(orient="records"):
        r = {k: _value(v) for k, v in r.items()}
        ev = kb.evidence(r["id"])
        text_info, cites, seen = [], [], set()
        for v in ev.to_dict(orient="records"):
            v = {k: _value(x) for k, x in v.items()}
            text_info.append({
                "text": v["sentence"], "doc_id": v["doc_id"], "article_id": v["article_id"],
                "start": int(v["start"]), "end": int(v["end"]), "eventText": v["trigger"],
                "eventText_start": (int(v["trigger_start"])
                                    if v["trigger_start"] is not None else None),
                "status": v["status"], "reported_by": v["reported_by"]})
            if v["article_id"] not in seen:
                seen.add(v["article_id"])
                cites.append({"article_id": v["article_id"], "title": v["title"],
                              "publication": v["outlet"], "date": v["published"],
                              "url": v["url"]})
        loc = None
        if r["location"] or r["lat"] is not None:
            loc = {"name": r["location"], "country": r["country"], "lat": r["lat"],
                   "lon": r["lon"]}
        start, end = date_bounds(r["date"], r["date_precision"])
        out.append({
            "id": r["id"], "date": r["date"], "date_precision": r["date_precision"],
            "date_start": start, "date_end": end,
            "event_type": r["type"], "mode": r["mode"], "context": [],
            "cameo": r["cameo"], "quad_class": kb.plover.quad(r["type"]),
            "actor": [_actor_record(idx, a) for a in _ids(r["source_ids"])],
            "recipient": [_actor_record(idx, a) for a in _ids(r["target_ids"])],
            "mediator": [_actor_record(idx, a) for a in _ids(r["mediator_ids"])],
            "status": r["status"], "disputed": bool(r["disputed"]),
            "reported_by": (_actor_record(idx, r["reported_by_id"])
                            if r["reported_by_id"] else None),
            "event_loc": loc, "text_info": text_info, "cite_info": cites,
            "confidence": r["confidence"], "mention_count": int(r["mention_count"]),
            "source_count": int(r["source_count"]), "language": "en",
            "coder": f"newsgraph {NEWSGRAPH_VERSION}",
        })
    return out


def to_plover_json(records: list[dict[str, Any]]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
