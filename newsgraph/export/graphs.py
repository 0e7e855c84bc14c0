"""The actor network as GEXF (dynamic, opens in Gephi with a timeline) and GraphML.

Nodes are actors; a directed edge source → target aggregates every event between
them, with counts per quad class. In GEXF each event adds a spell (its date span
at its own precision: a month-dated event lasts the month) to its edge and to
both actors, so Gephi's timeline shows when each relation was active.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import networkx as nx
import pandas as pd

from newsgraph.api import KnowledgeBase
from newsgraph.store.merge import date_bounds


def _ids(text: Any) -> list[str]:
    if not isinstance(text, str) or not text:
        return []
    return [p.strip() for p in text.split(";") if p.strip()]


def _spells(spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sorted, overlapping-or-touching spans merged (Gephi rejects overlapping spells)."""
    out: list[list[str]] = []
    for s, e in sorted(set(spans)):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def actor_graph(kb: KnowledgeBase, dynamic: bool = True, **filters: Any) -> nx.DiGraph:
    """Directed actor graph of the events matching ``filters`` (as for ``kb.events``)."""
    events = kb.events(**filters)
    actors = {r["id"]: r for r in kb.actors().to_dict(orient="records")}
    g = nx.DiGraph()
    node_spans: dict[str, list[tuple[str, str]]] = {}
    edge_spans: dict[tuple[str, str], list[tuple[str, str]]] = {}
    edge_types: dict[tuple[str, str], Counter[str]] = {}
    for r in events.to_dict(orient="records"):
        start, end = date_bounds(r["date"] if isinstance(r["date"], str) else None,
                                 r["date_precision"] if isinstance(r["date_precision"], str)
                                 else None)
        quad = kb.plover.quad(r["type"]) or "other"
        cls = ("cooperative" if quad.endswith("cooperation")
               else "conflictual" if quad.endswith("conflict") else "other")
        srcs, tgts = _ids(r["source_ids"]), _ids(r["target_ids"])
        for a in {*srcs, *tgts, *_ids(r["mediator_ids"])}:
            if a not in g:
                info = actors.get(a, {})
                g.add_node(a, label=str(info.get("name") or a),
                           kind=str(info.get("kind") or ""),
                           country=str(info.get("country") or "") if pd.notna(
                               info.get("country")) else "",
                           sector=str(info.get("sector") or "") if pd.notna(
                               info.get("sector")) else "",
                           events=0)
            g.nodes[a]["events"] += 1
            if start and end:
                node_spans.setdefault(a, []).append((start, end))
        for s in srcs:
            for t in tgts:
                if s == t:
                    continue
                if not g.has_edge(s, t):
                    g.add_edge(s, t, weight=0, cooperative=0, conflictual=0, other=0,
                               claims=0)
                d = g.edges[s, t]
                d["weight"] += 1
                d[cls] += 1
                d["claims"] += int(isinstance(r["reported_by_id"], str))
                edge_types.setdefault((s, t), Counter())[r["type"]] += 1
                if start and end:
                    edge_spans.setdefault((s, t), []).append((start, end))
    for (s, t), c in edge_types.items():
        d = g.edges[s, t]
        d["types"] = "; ".join(f"{k}:{v}" for k, v in sorted(c.items()))
        d["label"] = ("cooperative" if d["cooperative"] > d["conflictual"]
                      else "conflictual" if d["conflictual"] > d["cooperative"] else "mixed")
        spans = _spells(edge_spans.get((s, t), []))
        d["first_date"] = spans[0][0] if spans else ""
        d["last_date"] = spans[-1][1] if spans else ""
        if dynamic and spans:
            d["spells"] = spans
    for n in g.nodes:
        spans = _spells(node_spans.get(n, []))
        g.nodes[n]["first_date"] = spans[0][0] if spans else ""
        g.nodes[n]["last_date"] = spans[-1][1] if spans else ""
        if dynamic and spans:
            g.nodes[n]["spells"] = spans
    return g


def to_gexf(g: nx.DiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(g, buf, version="1.2draft")
    return buf.getvalue()


def to_graphml(g: nx.DiGraph) -> bytes:
    h = g.copy()
    for _, d in h.nodes(data=True):
        d.pop("spells", None)
    for _, _, d in h.edges(data=True):
        d.pop("spells", None)
    buf = io.BytesIO()
    nx.write_graphml(h, buf)
    return buf.getvalue()
