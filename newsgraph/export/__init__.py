"""export stage: the database as files other tools read.

``export(kb, fmt, out, **filters)`` writes one format; ``filters`` are those of
``KnowledgeBase.events`` (actor, type, status, since, until, reported_by, limit)
and select the events (and, for graphs, the edges). Formats:

* ``csv`` / ``parquet`` — one row per event, columns ``tables.EVENT_TABLE_COLUMNS``
* ``plover`` — PLOVER-style JSON records (actor/recipient, event_loc, text_info, cite_info)
* ``jsonl`` — everything (articles with text, actors, events, evidence); re-ingestable
* ``gexf`` — dynamic actor network (GEXF 1.2, spells from event dates) for Gephi
* ``graphml`` — the same network, static
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph.api import KnowledgeBase
from newsgraph.errors import NewsgraphError

FORMATS: dict[str, str] = {
    "csv": ".csv", "parquet": ".parquet", "plover": ".json", "jsonl": ".jsonl",
    "gexf": ".gexf", "graphml": ".graphml",
}
EVENT_FILTERS = ("actor", "type", "status", "since", "until", "reported_by", "limit")


class ExportError(NewsgraphError):
    """An export was asked in an unknown format, with unknown filters, or cannot be written."""


def _render(kb: KnowledgeBase, fmt: str, filters: dict[str, Any]) -> bytes:
    from newsgraph.export import graphs, jsonl, tables

    renderers: dict[str, Callable[[], bytes]] = {
        "csv": lambda: tables.to_csv(tables.event_table(kb, **filters)),
        "parquet": lambda: tables.to_parquet(tables.event_table(kb, **filters)),
        "plover": lambda: tables.to_plover_json(tables.plover_records(kb, **filters)),
        "jsonl": lambda: jsonl.to_jsonl(kb, **filters),
        "gexf": lambda: graphs.to_gexf(graphs.actor_graph(kb, dynamic=True, **filters)),
        "graphml": lambda: graphs.to_graphml(graphs.actor_graph(kb, dynamic=False, **filters)),
    }
    return renderers[fmt]()


def export(kb: KnowledgeBase, fmt: str, out: Path | str | None = None,
           **filters: Any) -> Path | bytes:
    """Write ``kb`` in format ``fmt`` to ``out`` (returns the path), or return bytes if no ``out``.

    Raises ExportError for an unknown format or filter, QueryError for a bad filter value.
    """
    fmt = (fmt or "").lower().strip()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    unknown = sorted(set(filters) - set(EVENT_FILTERS))
    if unknown:
        raise ExportError(f"unknown filter(s) {', '.join(unknown)}; "
                          f"use: {', '.join(EVENT_FILTERS)}")
    filters = {k: v for k, v in filters.items() if v is not None and v != ()}
    data = _render(kb, fmt, filters)
    if out is None:
        return data
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc}") from exc
    return path
