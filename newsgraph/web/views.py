"""JSON-ready data for the explorer's views, built on ``KnowledgeBase`` only.

Each function takes an open :class:`~newsgraph.api.KnowledgeBase` and already
validated filters and returns plain dicts/lists (no DataFrames, no NaN), so the
FastAPI layer stays thin and the same shapes can be tested without a server.
The few reads the query API has no method for (mention spans inside an evidence
sentence, the article list of an event) are read-only SELECTs on ``kb.conn``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from newsgraph.api import KnowledgeBase
from newsgraph.store.merge import date_bounds


@dataclass(frozen=True)
class Filters:
    """Validated event filters shared by the network, timeline, map and exports."""

    actor: str | None = None
    type: list[str] | None = None
    status: list[str] | None = None
    since: str | None = None
    until: str | None = None
    reported_by: str | None = None
    claims: bool = True  # False: facts only (events nobody is cited as claiming)
    limit: int | None = None

    def events(self, kb: KnowledgeBase) -> pd.DataFrame:
        """Events matching the filters, through the query API."""
        df = kb.events(actor=self.actor, type=self.type, status=self.status, since=self.since,
                       until=self.until, reported_by=self.reported_by, limit=None)
        if not self.claims:
            df = df[df["reported_by"].isna()]
        if self.limit is not None:
            df = df.head(self.limit)
        return df.reset_index(drop=True)


def clean(value: Any) -> Any:
    """A JSON-safe value: NaN/NaT/None → None, numpy scalars → Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            return str(value)
        return clean(value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-safe dicts."""
    return [{k: clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def split_ids(text: Any) -> list[str]:
    """The '; '-joined id/name lists of events() back into lists."""
    if not isinstance(text, str) or not text:
        return []
    return [p.strip() for p in text.split(";") if p.strip()]


def quad_class(kb: KnowledgeBase, event_type: str) -> str:
    """'cooperative', 'conflictual' or 'other' for an event type."""
    if kb.plover.is_cooperative(event_type):
        return "cooperative"
    if kb.plover.is_conflictual(event_type):
        return "conflictual"
    return "other"


def event_item(kb: KnowledgeBase, row: dict[str, Any]) -> dict[str, Any]:
    """One event as the views use it: ids as lists, the date as a span, the quad class."""
    start, end = date_bounds(row.get("date"), row.get("date_precision"))
    item = dict(row)
    item.update({
        "source_ids": split_ids(row.get("source_ids")),
        "target_ids": split_ids(row.get("target_ids")),
        "mediator_ids": split_ids(row.get("mediator_ids")),
        "date_start": start, "date_end": end,
        "quad": kb.plover.quad(row["type"]), "quad_class": quad_class(kb, row["type"]),
        "claim": row.get("reported_by_id") is not None,
        "urls": split_ids(row.get("urls")),
    })
    return item


def event_items(kb: KnowledgeBase, f: Filters) -> list[dict[str, Any]]:
    return [event_item(kb, r) for r in records(f.events(kb))]


# ---------------------------------------------------------------- network
def layout(kb: KnowledgeBase, aspect: float = 1.65) -> dict[str, tuple[float, float]]:
    """Stable node positions from the whole database (so filtering never moves nodes).

    Each connected component gets its own spring layout in a square cell sized by
    its node count; cells are packed in rows, so a large component is not squeezed
    into the middle by a ring of small ones. Coordinates are in [0, 1].
    """
    import networkx as nx

    g = nx.Graph()
    for e in event_items(kb, Filters()):
        for s in e["source_ids"]:
            for t in e["target_ids"]:
                if s != t:
                    w = g.get_edge_data(s, t, {"weight": 0})["weight"]
                    g.add_edge(s, t, weight=w + 1)
    if not g:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    sides = [math.sqrt(len(c)) + 0.6 for c in comps]
    row_width = max(max(sides), math.sqrt(sum(s * s for s in sides) * aspect))
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, side in zip(comps, sides, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        sub = g.subgraph(comp)
        if len(comp) == 1:
            pos = {comp[0]: (0.5, 0.5)}
        else:
            raw = nx.spring_layout(sub, seed=7, k=1.0 / math.sqrt(len(comp)), iterations=300)
            xs = [p[0] for p in raw.values()]
            ys = [p[1] for p in raw.values()]
            sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
            pos = {n: (0.1 + 0.8 * (p[0] - min(xs)) / sx, 0.1 + 0.8 * (p[1] - min(ys)) / sy)
                   for n, p in raw.items()}
        for n, (px, py) in pos.items():
            placed[n] = (x + px * side, y + py * side)
        x += side
        row_h = max(row_h, side)
    w = max(p[0] for p in placed.values()) - min(p[0] for p in placed.values()) or 1.0
    h = max(p[1] for p in placed.values()) - min(p[1] for p in placed.values()) or 1.0
    x0 = min(p[0] for p in placed.values())
    y0 = min(p[1] for p in placed.values())
    return {n: (round((p[0] - x0) / w, 4), round((p[1] - y0) / h, 4))
            for n, p in placed.items()}


def network(kb: KnowledgeBase, f: Filters, positions: dict[str, tuple[float, float]]
            ) -> dict[str, Any]:
    """Actors as nodes (activity in the filtered events) and dyads as edges per quad class."""
    events = event_items(kb, f)
    activity: Counter[str] = Counter()
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in events:
        for a in {*e["source_ids"], *e["target_ids"], *e["mediator_ids"]}:
            activity[a] += 1
        for s in e["source_ids"]:
            for t in e["target_ids"]:
                if s == t:
                    continue
                a, b = sorted((s, t))
                key = (a, b, e["quad_class"])
                edge = edges.setdefault(key, {"source": a, "target": b, "class": e["quad_class"],
                                              "count": 0, "types": Counter(), "events": []})
                edge["count"] += 1
                edge["types"][e["type"]] += 1
                if len(edge["events"]) < 50:
                    edge["events"].append(e["id"])
    actors = {r["id"]: r for r in records(kb.actors())}
    linked = {e["source"] for e in edges.values()} | {e["target"] for e in edges.values()}
    nodes = []
    for actor_id, n in sorted(activity.items(), key=lambda kv: (-kv[1], kv[0])):
        if actor_id not in linked:
            continue
        a = actors.get(actor_id, {"name": actor_id, "kind": "organization", "country": None})
        x, y = positions.get(actor_id, (0.5, 0.5))
        nodes.append({"id": actor_id, "name": a["name"], "kind": a["kind"],
                      "country": a.get("country"), "activity": n, "x": x, "y": y})
    out_edges = []
    for e in sorted(edges.values(), key=lambda e: (e["source"], e["target"], e["class"])):
        out_edges.append({**e, "types": dict(sorted(e["types"].items()))})
    return {"nodes": nodes, "edges": out_edges, "events": len(events),
            "unlinked_actors": len(set(activity) - linked)}


# ---------------------------------------------------------------- map
def places(kb: KnowledgeBase, f: Filters) -> list[dict[str, Any]]:
    """Events grouped by located place (events without coordinates are left out)."""
    groups: dict[tuple[str, float, float], dict[str, Any]] = {}
    for e in event_items(kb, f):
        if e.get("lat") is None or e.get("lon") is None:
            continue
        key = (e.get("location") or "", float(e["lat"]), float(e["lon"]))
        g = groups.setdefault(key, {"name": key[0], "country": e.get("country"), "lat": key[1],
                                    "lon": key[2], "count": 0, "cooperative": 0,
                                    "conflictual": 0, "other": 0, "events": []})
        g["count"] += 1
        g[e["quad_class"]] += 1
        g["events"].append({k: e[k] for k in ("id", "date", "date_precision", "type", "status",
                                              "source", "target", "first_sentence")})
    return sorted(groups.values(), key=lambda g: (-g["count"], g["name"]))


# ---------------------------------------------------------------- actor page
def actor_page(kb: KnowledgeBase, name: str) -> dict[str, Any]:
    """Profile, aliases with counts, roles, counterparts and monthly relations."""
    p = kb.actor(name)
    rel = kb.relations(p.id, freq="M")
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records(rel):
        months[r["counterpart_id"]].append({
            "period": r["period"], "events": r["events"], "cooperative": r["cooperative"],
            "conflictual": r["conflictual"], "claims": r["claims"], "facts": r["facts"]})
    counterparts = []
    for r in records(p.counterparts):
        counterparts.append({**r, "months": months.get(r["counterpart_id"], [])})
    return {
        "id": p.id, "name": p.name, "kind": p.kind, "country": p.country, "sector": p.sector,
        "in_dictionary": p.in_dictionary, "mentions": p.mentions, "events": p.events,
        "articles": p.articles, "aliases": records(p.aliases), "roles": records(p.roles),
        "counterparts": counterparts,
        "timeline": [event_item(kb, r) for r in records(p.timeline)],
    }


# ---------------------------------------------------------------- event page
def _mentions(kb: KnowledgeBase, article_id: str, start: int, end: int) -> list[dict[str, Any]]:
    rows = kb.conn.execute(
        'SELECT m.start, m."end", m.actor_id, COALESCE(a.name, m.actor_id) AS name'
        " FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id"
        ' WHERE m.article_id = ? AND m.start >= ? AND m."end" <= ?'
        ' ORDER BY m.start, m."end" DESC', (article_id, start, end)).fetchall()
    return [dict(r) for r in rows]


def segments(sentence: str, offset: int, spans: list[dict[str, Any]],
             trigger_start: int | None = None, trigger: str | None = None
             ) -> list[dict[str, Any]]:
    """Split a sentence into plain, actor and trigger pieces (the client renders them as text).

    Overlapping spans keep the first (longest at a position); offsets are article offsets.
    """
    marks: list[tuple[int, int, dict[str, Any]]] = []
    for s in spans:
        marks.append((s["start"] - offset, s["end"] - offset,
                      {"actor_id": s["actor_id"], "actor": s["name"]}))
    if trigger and trigger_start is not None:
        marks.append((trigger_start - offset, trigger_start - offset + len(trigger),
                      {"trigger": True}))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[dict[str, Any]] = []
    pos = 0
    for a, b, info in marks:
        if a < pos or a < 0 or b > len(sentence) or a >= b:
            continue
        if a > pos:
            out.append({"text": sentence[pos:a]})
        out.append({"text": sentence[a:b], **info})
        pos = b
    if pos < len(sentence):
        out.append({"text": sentence[pos:]})
    return out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if not (a["date_start"] and b["date_start"]):
        return False
    return a["date_start"] <= b["date_end"] and b["date_start"] <= a["date_end"]


def disagreements(kb: KnowledgeBase, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Other events on the same dyad and overlapping period that contradict this one.

    Contradiction: one says occurred and the other negated, or the two fall in
    opposite quad classes (cooperation vs conflict) — e.g. "held talks" against
    "attacked" on the same day.
    """
    pair = {*event["source_ids"], *event["target_ids"]}
    if not pair or not event["date_start"]:
        return []
    out = []
    others = kb.events(actor=event["source_ids"][0] if event["source_ids"] else None,
                       since=event["date_start"], until=event["date_end"])
    for r in records(others):
        o = event_item(kb, r)
        if o["id"] == event["id"] or {*o["source_ids"], *o["target_ids"]} != pair:
            continue
        if not _overlap(event, o):
            continue
        statuses = {event["status"], o["status"]}
        reason = None
        if statuses == {"occurred", "negated"}:
            reason = "one source says it happened, another that it did not"
        elif {event["quad_class"], o["quad_class"]} == {"cooperative", "conflictual"}:
            reason = "same actors, same period, opposite kinds of interaction"
        if reason:
            out.append({"reason": reason, "event": o,
                        "evidence": evidence_items(kb, o["id"])})
    return out


def evidence_items(kb: KnowledgeBase, event_id: str) -> list[dict[str, Any]]:
    """Evidence sentences of an event with actor/trigger segments and article metadata."""
    items = []
    for r in records(kb.evidence(event_id)):
        spans = _mentions(kb, r["article_id"], r["start"], r["end"])
        r["segments"] = segments(r["sentence"], r["start"], spans, r.get("trigger_start"),
                                 r.get("trigger"))
        items.append(r)
    return items


def event_page(kb: KnowledgeBase, event_id: str) -> dict[str, Any]:
    """An event with every evidence sentence, its articles and contradicting reports."""
    evidence = evidence_items(kb, event_id)  # raises QueryError for an unknown id
    rows = records(_event_rows(kb, event_id))
    event = event_item(kb, rows[0])
    articles: dict[str, dict[str, Any]] = {}
    for ev in evidence:
        a = articles.setdefault(ev["article_id"], {
            "article_id": ev["article_id"], "title": ev["title"], "outlet": ev["outlet"],
            "url": ev["url"], "published": ev["published"], "statuses": [],
            "near_duplicate_of": ev.get("near_duplicate_of")})
        if ev["status"] not in a["statuses"]:
            a["statuses"].append(ev["status"])
    by_status: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in evidence:
        by_status[ev["status"]].append(ev)
    inner = []
    if len(by_status) > 1:
        inner = [{"status": s, "evidence": v} for s, v in sorted(by_status.items())]
    return {"event": event, "evidence": evidence, "articles": list(articles.values()),
            "disputed_within": inner, "disagreements": disagreements(kb, event)}


def _event_rows(kb: KnowledgeBase, event_id: str) -> pd.DataFrame:
    """The events() row of one id (query API filter by event id via the store queries)."""
    from newsgraph.store import queries

    return queries.events(kb.conn, queries.EventFilter(event_ids=[event_id]))


# ---------------------------------------------------------------- timeline / search
def timeline(kb: KnowledgeBase, f: Filters) -> dict[str, Any]:
    """Dated events as spans at their precision, and the undated ones apart."""
    items = event_items(kb, f)
    dated = [e for e in items if e["date_start"]]
    undated = [e for e in items if not e["date_start"]]
    lo = min((e["date_start"] for e in dated), default=None)
    hi = max((e["date_end"] for e in dated), default=None)
    return {"range": [lo, hi], "events": dated, "undated": undated}


def search(kb: KnowledgeBase, q: str, limit: int) -> dict[str, Any]:
    """Actors and events matching a free-text query."""
    hits = records(kb.search(q, limit=limit))
    actors, events, seen = [], [], set()
    for h in hits:
        if (h["kind"], h["id"]) in seen or h["id"] is None:
            continue
        seen.add((h["kind"], h["id"]))
        (actors if h["kind"] == "actor" else events).append(h)
    return {"q": q, "actors": actors, "events": events}
