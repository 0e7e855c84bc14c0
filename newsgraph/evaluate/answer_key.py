"""Turn an ArticleAnalysis into the answer-key JSON shape of FORMAT.md.

The same shape is used for gold keys and for predictions, so the tool's
output can be scored by the scorer in this package and read by analysts who
already have answer keys of their own. Extra fields (id, cameo, offsets,
coordinates, confidence) are welcome in predictions and ignored by scoring.

A state's organs (a dictionary entry's ``part_of``: its army, a ministry, a command)
are folded into the state here, as CAMEO codes the Egyptian army as Egypt with sector
MIL: one identity across articles whether a key lists "Egyptian Army" as a name of
Egypt or as an actor of its own. The organ's names stay as aliases and its id is
listed under ``organs``; the database keeps organs as actors of their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph.records import Actor, ArticleAnalysis, Event

AGENT_PREFIX = "agent:"
_UNSAFE_FILE_CHARS = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


def _unique(names: Iterable[str], exclude: str) -> list[str]:
    """Aliases without duplicates and without the canonical name, in first-seen order."""
    seen = {exclude}
    out: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _actor_entry(actor: Actor, organs: list[Actor] = ()) -> dict[str, Any]:
    entry = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": _unique([*actor.aliases, *(n for o in organs for n in (o.name, *o.aliases))],
                           actor.name),
        "roles": list(dict.fromkeys([*actor.roles, *(r for o in organs for r in o.roles)])),
        "country": actor.country,
        "sector": actor.sector,
    }
    if organs:
        entry["organs"] = [o.id for o in organs]
    return entry


def _fold_organs(actors: list[Actor]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Key entries with each state organ folded into its state, and the name that every
    actor id is written under in events. An organ whose state the article does not name
    stands for the state under the organ's own name."""
    by_id = {a.id: a for a in actors}
    organs: dict[str, list[Actor]] = {}
    for a in actors:
        if a.part_of and a.part_of != a.id:
            organs.setdefault(a.part_of, []).append(a)
    entries: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    for state_id, parts in organs.items():
        if state_id in by_id:
            continue
        lead, *rest = parts
        entry = _actor_entry(lead, rest)
        entry.update(id=state_id, kind="country", organs=[p.id for p in parts])
        entries.append(entry)
        names.update({p.id: lead.name for p in parts})
    for a in actors:
        if a.part_of and a.part_of != a.id:
            if a.part_of in by_id:
                names[a.id] = by_id[a.part_of].name
            continue
        entries.append(_actor_entry(a, organs.get(a.id, [])))
        names[a.id] = a.name
    entries.sort(key=lambda e: (e["id"], e["name"]))
    return entries, names


def _event_entry(event: Event, names: dict[str, str]) -> dict[str, Any]:
    def name_of(actor_id: str) -> str:
        # An id missing from analysis.actors is kept as-is rather than dropped,
        # so a broken reference stays visible in the key.
        return names.get(actor_id, actor_id)

    place = event.location
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "source": list(dict.fromkeys(name_of(a) for a in event.source)),
        "target": list(dict.fromkeys(name_of(a) for a in event.target)),
        "mediator": list(dict.fromkeys(name_of(a) for a in event.mediator)),
        "status": event.status,
        "reported_by": name_of(event.reported_by) if event.reported_by else None,
        "date": event.date.value if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "location": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "evidence": event.evidence.sentence,
        "start": event.evidence.start,
        "end": event.evidence.end,
        "confidence": event.confidence,
    }


def _referenced(events: Iterable[Event]) -> set[str]:
    """Actor ids some event names as source, target, mediator or reporter."""
    out: set[str] = set()
    for e in events:
        out.update(e.source, e.target, e.mediator)
        if e.reported_by:
            out.add(e.reported_by)
    return out


def _listed(actor: Actor, referenced: set[str]) -> bool:
    """Unnamed agents (ids ``agent:...``) are listed only when they are a state's agents
    ("Egyptian police") and an event names them: answer keys list actors the text
    identifies, and "gunmen" or "protesters" identify no one. Events still carry the
    unlisted agent's name, so no fact is lost."""
    if not actor.id.startswith(AGENT_PREFIX):
        return True
    return actor.country is not None and actor.id in referenced


def _event_order(event: Event) -> tuple[int, int, int, str, str]:
    ev = event.evidence
    trigger = ev.trigger_start if ev.trigger_start is not None else ev.start
    return (ev.start, trigger, ev.end, event.type, event.id)


def to_answer_key(analysis: ArticleAnalysis) -> dict[str, Any]:
    """The prediction for one article in the answer-key shape (FORMAT.md).

    Actors are sorted by id and events by their place in the text, so the same
    analysis always yields the same file. Unnamed agents no event names are left out.
    """
    article = analysis.article
    referenced = _referenced(analysis.events)
    listed = [a for a in analysis.actors if _listed(a, referenced)]
    entries, names = _fold_organs(listed)
    for actor in analysis.actors:
        names.setdefault(actor.id, actor.name)
    events = sorted(analysis.events, key=_event_order)
    return {
        "doc_id": article.doc_id,
        "published": article.published,
        "published_basis": article.published_basis,
        "actors": entries,
        "events": [_event_entry(e, names) for e in events],
    }


def key_file_name(doc_id: str) -> str:
    """File name of a key: the doc_id, made safe for every file system."""
    safe = _UNSAFE_FILE_CHARS.sub("_", doc_id).strip(". ") or "_"
    return f"{safe}.json"


def write_answer_keys(analyses: Iterable[ArticleAnalysis], out_dir: str | Path) -> list[Path]:
    """Write one ``<doc_id>.json`` per article into out_dir; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for analysis in analyses:
        key = to_answer_key(analysis)
        path = out / key_file_name(key["doc_id"])
        text = json.dumps(key, ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written
